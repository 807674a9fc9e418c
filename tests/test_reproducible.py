"""Reproducible, parallel and incremental builds of the real site.

- Two clean builds of the same sources give the same bytes, file for file (the environment pickle aside,
  which is Sphinx's cache, not output): the session's build of the project (``site``) and a copy of it
  built in another folder, dated as the project is.
- A ``-j 2`` build gives the same files as a serial one.
- Editing the .bib, the social setting in ``conf.py`` or the profile photo, then building again without
  cleaning, updates every page that showed the old value, and no page keeps it.

The site is copied (without .venv, .git, tests...) so that the tests may edit it; outside git, the
footer's date comes from ``SOURCE_DATE_EPOCH``, set here to the moment the project's own build is dated
by (its ``SOURCE_DATE_EPOCH``, else its last commit), so that the copy's pages can equal the project's.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from PIL import Image

from buildutil import build, copy_site
from conftest import PROJECT_ROOT
from sphinx_academic_homepage.lastupdated import source_date

# Four builds of the real site, one of them the session's.
pytestmark = pytest.mark.slow

#: The date the session's build of the project shows (None outside git without SOURCE_DATE_EPOCH: no date).
SITE_DATE = source_date(PROJECT_ROOT)


@pytest.fixture(autouse=True, scope="module")
def project_source_date():
    with pytest.MonkeyPatch.context() as patch:
        if SITE_DATE is not None:
            patch.setenv("SOURCE_DATE_EPOCH", str(int(SITE_DATE.timestamp())))
        yield


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every file the build wrote, by path relative to the output folder."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }


def differing(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    """A copy of the site built clean: the first of the three builds below and the start of the incremental ones."""
    workdir = tmp_path_factory.mktemp("reproducible")
    srcdir = copy_site(workdir / "site")
    return srcdir, build(srcdir, workdir / "first")


@pytest.fixture(scope="module")
def three_builds(clean_build, site):
    """The same sources built clean three times: the copy serially, the project serially (the session's build,
    every reference checked, which changes no byte of a site without warnings), the copy with two processes."""
    srcdir, first = clean_build
    builds = {
        "first": first,
        "second": site,
        "parallel": build(srcdir, srcdir.parent / "parallel", parallel=2),
    }
    for name, built in builds.items():
        assert built.warnings == [], (name, built.warnings)
    return {name: output_files(built.outdir) for name, built in builds.items()}


def test_two_clean_builds_are_byte_identical(three_builds):
    first, second = three_builds["first"], three_builds["second"]
    assert sum(name.endswith(".html") for name in first) >= 6
    assert any(name.startswith("_images/") and name.endswith(".webp") for name in first)
    assert differing(first, second) == []


def test_two_processes_give_the_same_site_as_one(three_builds):
    assert differing(three_builds["first"], three_builds["parallel"]) == []


def test_the_footer_dates_the_site_from_the_sources(three_builds):
    if SITE_DATE is None:
        pytest.skip("the project is not a git checkout and SOURCE_DATE_EPOCH is unset: the site shows no date")
    home = three_builds["first"]["index.html"].decode("utf-8")
    assert SITE_DATE.strftime("%b %d, %Y") in home
    assert f"© Copyright {SITE_DATE.year} Ziming Liu." in " ".join(home.split())


# -- Incremental builds ---------------------------------------------------------------------------------------


def pages_containing(outdir: Path, pattern: str) -> set[str]:
    regex = re.compile(pattern, re.I)
    return {
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*.html")
        if regex.search(path.read_text(encoding="utf-8"))
    }


@pytest.fixture(scope="module")
def incremental(clean_build, three_builds):
    """The clean build's site edited three times, each time built again from the saved environment.

    (It asks for ``three_builds`` so that the sources are edited only once those have read them.)
    """
    srcdir, clean = clean_build
    builddir = clean.outdir.parent
    steps = {"clean": clean}
    outdir = clean.outdir
    # The pages as the clean build wrote them; later builds write over them.
    steps["clean_pages"] = [
        (path.relative_to(outdir).as_posix(), path.read_text(encoding="utf-8")) for path in sorted(outdir.rglob("*.html"))
    ]

    bib = srcdir / "papers" / "papers.bib"
    text = bib.read_text(encoding="utf-8")
    assert text.count("Seeing is Believing:") == 1
    bib.write_text(text.replace("Seeing is Believing:", "Seeing is Zyxwvut Believing:"), encoding="utf-8")
    steps["bib"] = build(srcdir, builddir, freshenv=False)

    conf = srcdir / "conf.py"
    text = conf.read_text(encoding="utf-8")
    assert text.count('"github_username": "kindxiaoming"') == 1
    conf.write_text(text.replace('"github_username": "kindxiaoming"', '"github_username": "kindxiaoming-moved"'), encoding="utf-8")
    steps["social"] = build(srcdir, builddir, freshenv=False)

    photo = srcdir / "_static" / "rosegarden.png"
    steps["old_photo_digest"] = hashlib.sha256(photo.read_bytes()).hexdigest()[:10]
    Image.new("RGB", (600, 500), (40, 120, 90)).save(photo)
    steps["new_photo_digest"] = hashlib.sha256(photo.read_bytes()).hexdigest()[:10]
    steps["photo"] = build(srcdir, builddir, freshenv=False)
    return steps


def test_each_incremental_build_is_quiet(incremental):
    for step in ("clean", "bib", "social", "photo"):
        assert incremental[step].warnings == [], (step, incremental[step].warnings)


def test_editing_the_bib_updates_every_page_that_lists_the_paper(incremental):
    outdir = incremental["clean"].outdir
    # Read from the first build's report of what it showed: the pages are rewritten in place.
    # The paper's title with its colon: the media page names a podcast "Seeing is Believing with ...".
    showing = {(name, html) for name, html in incremental_pages(incremental, "clean") if "seeing is believing:" in html.lower()}
    assert {name for name, _ in showing} >= {"papers/index.html"}
    for name, _ in showing:
        updated = (outdir / name).read_text(encoding="utf-8").lower()
        assert "seeing is zyxwvut believing" in updated, name
    assert pages_containing(outdir, r"seeing is believing:") == set()


def test_editing_the_social_setting_updates_every_page_with_the_row(incremental):
    outdir = incremental["clean"].outdir
    before = {name for name, html in incremental_pages(incremental, "clean") if "github.com/kindxiaoming\"" in html}
    assert "index.html" in before
    assert pages_containing(outdir, r"github\.com/kindxiaoming\"") == set()
    assert pages_containing(outdir, r"github\.com/kindxiaoming-moved\"") == before


def test_replacing_the_photo_updates_every_page_that_shows_it(incremental):
    outdir = incremental["clean"].outdir
    old, new = incremental["old_photo_digest"], incremental["new_photo_digest"]
    before = {name for name, html in incremental_pages(incremental, "clean") if f"rosegarden-{old}-" in html}
    assert "index.html" in before
    assert pages_containing(outdir, f"rosegarden-{old}-") == set()
    assert pages_containing(outdir, f"rosegarden-{new}-") == before
    copies = sorted(path.name for path in (outdir / "_images").glob("rosegarden-*.webp"))
    assert copies and all(f"-{new}-" in name for name in copies)
    home = (outdir / "index.html").read_text(encoding="utf-8")
    assert 'width="600" height="500"' in home


def incremental_pages(incremental, step: str) -> list[tuple[str, str]]:
    """The pages as the given step wrote them (recorded when the fixture ran)."""
    return incremental[f"{step}_pages"]
