"""Bad .bib input: one located ``homepage.*`` warning per problem, every other entry intact (testroot pub-bad)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from buildutil import app_page, app_warning_lines, build_app, copy_root, entry

BIB = "<src>/refs.bib"


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    srcdir = copy_root("pub-bad", tmp_path_factory.mktemp("bad"))
    return build_app(srcdir), srcdir


def test_each_bad_entry_gives_one_warning_at_its_file_and_line(bad_site):
    app, srcdir = bad_site
    bib_warnings = [line for line in app_warning_lines(app, srcdir) if line.startswith(BIB)]
    assert bib_warnings == [
        # Line 12, where the missing comma at the end of line 11 is noticed.
        f"{BIB}:12: WARNING: malformed: syntax error: '}}' expected; the entry keeps only what was read before it [homepage.bibtex]",
        f"{BIB}:16: WARNING: good1: duplicate key 'good1'; this entry is ignored, the first one is kept [homepage.bibtex]",
        # A type one letter from a standard one is named; a type in common use (@preprint, @online) is not a fault.
        f"{BIB}:22: WARNING: weirdtype: unknown entry type @artcle; shown like @misc; did you mean @article? [homepage.bibtex]",
        f"{BIB}:28: WARNING: notitle: no title; the entry is not shown [homepage.bibtex]",
        # No author, no year: shown without them, as al-folio shows them (tests/test_bib_as_alfolio.py).
        f"{BIB}:45: WARNING: badimage: preview 'missing.png' is not in assets/img/publication_preview/; no preview shown [homepage.image]",
        f"{BIB}:52: WARNING: jslink: pdf link uses javascript:, which is not allowed; the link is left out [homepage.url]",
        f"{BIB}:66: WARNING: markup: a \\url or \\href uses javascript:, which is not allowed; shown as text [homepage.url]",
    ]


def test_every_other_entry_is_intact(bad_site):
    app, _ = bad_site
    soup = app_page(app, "index")
    assert [li["id"] for li in soup.select("li.homepage-pub")] == [
        "good1", "malformed", "weirdtype", "noauthor", "noyear", "badimage", "jslink", "good2", "markup",
    ]
    good1 = entry(soup, "good1")
    assert good1.select_one(".homepage-pub__title").get_text() == "A Good Entry"  # the first good1, not the duplicate
    assert re.fullmatch(r"_images/present-[0-9a-f]{10}-16w\.webp", good1.select_one("img.homepage-pub__preview")["src"])
    assert entry(soup, "good2").select_one(".homepage-pub__me").get_text() == "Ziming Liu"
    # What was valid stays: the malformed entry keeps its title, the script link goes, the code link stays.
    assert entry(soup, "malformed").select_one(".homepage-pub__title").get_text() == "Missing Comma"
    jslink = entry(soup, "jslink")
    assert [a["href"] for a in jslink.select("a.homepage-pub__button")] == ["https://example.org/code"]
    # No link anywhere on the page runs a script (the BibTeX shown may quote one, as text).
    assert [a["href"] for a in soup.find_all(href=True) if "javascript" in a["href"].lower()] == []
    assert entry(soup, "badimage").select("img") == []
    assert entry(soup, "noyear").select_one(".homepage-pub__venue").get_text() == "Journal of Tests"


def test_markup_in_fields_is_escaped_and_unsafe_links_are_text(bad_site):
    app, _ = bad_site
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    markup = entry(app_page(app, "index"), "markup")
    assert markup.select_one(".homepage-pub__title").get_text() == '<script>alert("title")</script> and <b>bold</b>'
    assert markup.select_one(".homepage-pub__title").find("b") is None
    note = markup.select_one(".homepage-pub__note")
    assert note.get_text() == "See this and https://example.org/ok"
    assert [a["href"] for a in note.find_all("a")] == ["https://example.org/ok"]


def test_previews_named_without_a_previews_folder_stay_quiet(tmp_path):
    """al-folio bibliographies name previews a new site does not have yet: no warning storm."""
    srcdir = copy_root("pub-bad", tmp_path)
    for image in (srcdir / "assets/img/publication_preview").iterdir():
        image.unlink()
    (srcdir / "assets/img/publication_preview").rmdir()
    app = build_app(srcdir)
    assert [line for line in app_warning_lines(app, srcdir) if "[homepage.image]" in line] == []
    assert app_page(app, "index").select("img.homepage-pub__preview") == []


def test_remote_previews_are_refused(tmp_path):
    srcdir = copy_root("pub-bad", tmp_path)
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text().replace("{missing.png}", "{https://tracker.example/p.png}"), encoding="utf-8")
    app = build_app(srcdir)
    assert [line for line in app_warning_lines(app, srcdir) if "[homepage.image]" in line] == [
        f"{BIB}:45: WARNING: badimage: preview 'https://tracker.example/p.png' is not a file of the site; remote images are not shown [homepage.image]"
    ]
    assert "tracker.example" not in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@article{a, title = {A}, author = {B}, year = 2020", ":2: WARNING: a: syntax error: premature end of file"),
        ("@article{a, title = {A}, author = {B}, year = {2020}, title = {Again}}", ":1: WARNING: a: field 'title' given twice; the first is kept"),
        ("@article{a, title = {A}, author = {B}, journal = jnl, year = {2020}}", ":1: WARNING: a: undefined @string 'jnl'; the value is left empty"),
        ("@article{, title = {A}}", ":1: WARNING: syntax error: entry key expected"),
    ],
)
def test_more_malformed_input_is_located(tmp_path, text, expected):
    srcdir = copy_root("pub-bad", tmp_path)
    (srcdir / "refs.bib").write_text(text + "\n", encoding="utf-8")
    app = build_app(srcdir)
    bib_warnings = [line for line in app_warning_lines(app, srcdir) if line.startswith(BIB)]
    assert len(bib_warnings) == 1 and bib_warnings[0].startswith(BIB + expected)


@pytest.mark.parametrize(
    ("names", "kept"),
    [
        ("Liu, Ziming and and Tegmark, Max", "Liu, Ziming and Tegmark, Max"),
        ("Ziming Liu and and Max Tegmark", "Ziming Liu and Max Tegmark"),
        ("Liu, Ziming AND and Tegmark, Max", "Liu, Ziming and Tegmark, Max"),
        ("Liu, Ziming and\n   and Tegmark, Max", "Liu, Ziming and Tegmark, Max"),
        ("Liu, Ziming and and and Tegmark, Max", "Liu, Ziming and Tegmark, Max"),
        ("Liu, Ziming and", "Liu, Ziming"),
        ("and Liu, Ziming", "Liu, Ziming"),
        # No empty name: braced "and" is text, and a list written right is left as it is.
        ("{Barnes and Noble} and {and} Sons", None),
        ("Liu, Ziming and Tegmark, Max", None),
        ("Anderson, Alexandra and Andy Sandberg", None),
    ],
)
def test_empty_names_are_found_in_a_name_list(names, kept):
    from sphinx_academic_homepage.publications.bibfiles import without_empty_names

    assert without_empty_names(names) == kept
