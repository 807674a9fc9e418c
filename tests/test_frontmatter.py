"""Front matter read again from the source: real types, and the line of every key."""


import pytest

from conftest import PROJECT_ROOT
from sphinx_academic_homepage.frontmatter import parse_front_matter


def test_seed_front_matter_has_types_and_lines():
    front = parse_front_matter("index", (PROJECT_ROOT / "index.md").read_text(encoding="utf-8"))
    assert front.get("profile.align") == "right"
    assert front.get("profile.image_circular") is False
    assert front.get("subtitle") is None and front.has("subtitle")
    assert front.flag("social") is True and front.flag("news", default=True) is False
    assert "刘子鸣" in front.get("profile.more_info")
    # Lines are the file's own: "---" is line 1, "layout:" line 2.
    assert front.location("layout") == ("index", 2)
    assert front.location("profile.image") == ("index", 8)
    assert front.location("profile.nonexistent") == ("index", 6)


def test_page_without_front_matter():
    assert parse_front_matter("p", "# Title\n\ntext\n") is None


def test_flag_of_wrong_type_warns_with_line(app_warnings):
    front = parse_front_matter("p", "---\ntitle: x\nsocial: \"yes\"\n---\n")
    assert front.flag("social") is False
    assert app_warnings() == ["p:3: WARNING: front matter 'social' should be true or false, not 'yes'; using false [homepage.frontmatter]"]


def test_invalid_yaml_warns_with_line(app_warnings):
    front = parse_front_matter("p", "---\ntitle: x\nprofile: [unclosed\n---\n")
    assert front is not None and front.values == {}
    (message,) = app_warnings()
    assert message.startswith("p:3: WARNING: front matter is not valid YAML")
    assert message.endswith("[homepage.frontmatter]")


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_front_matter_survives_a_parallel_build(make_app, rootdir, tmp_path):
    """-j 2 reads pages in worker processes: the stored front matter must be merged back."""
    import shutil

    from sphinx_academic_homepage.frontmatter import front_matter

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-frontmatter", srcdir)
    app = make_app("html", srcdir=srcdir, parallel=2)
    app.build()
    for number in range(1, 7):
        assert front_matter(app.env, f"page{number}").get("profile.align") == f"align{number}"
    assert app.warning.getvalue() == ""


@pytest.mark.parametrize(
    ("block", "quoted"),
    [
        ("date: 2023-02-30\ninline: true\n", "date: '2023-02-30'\ninline: true\n"),
        ("date: !!timestamp 2021-13-01\n", "date: '2021-13-01'\n"),
        ("title: x\r\ndate: 2023-02-30 10:00:00\r\n", "title: x\r\ndate: '2023-02-30 10:00:00'\r\n"),
        ("date: 2023-02-28\n", "date: 2023-02-28\n"),
    ],
)
def test_myst_parser_gets_an_impossible_date_as_quoted_text(block, quoted):
    """myst-parser would reject the block ("Malformed YAML"): it gets the date quoted, the rest as written,
    and reads the same values as the homepage reader."""
    from myst_parser.config.main import read_topmatter

    from sphinx_academic_homepage.frontmatter import _impossible_dates_quoted
    from sphinx_academic_homepage.yamlfile import FRONT_MATTER_LIMITS, load

    body = "\nBody.\n"
    given = _impossible_dates_quoted(f"---\n{block}---\n{body}")
    assert given == f"---\n{quoted}---\n{body}"
    assert read_topmatter(given) == load(block, FRONT_MATTER_LIMITS)
