"""Real files no one here wrote (``../shared/corpus``, read in place): the site builds with each of them.

Every real al-folio about page's front matter is put in place of ``index.md``'s own (the body stays the
site's), and the real site is built: no traceback, only ``homepage.*`` warnings (photos that are not in
this site, the pages' own typos), and the home page shows what that front matter asks for. The first
build is clean; each next one is incremental, as an owner editing the front matter would build.

Every real bibliography is put in place of ``papers/papers.bib`` and the real site is built again, once
per file: every entry pybtex can read with a title is listed, every warning is a located ``homepage.*``
warning, and nothing escapes as a traceback.

The corpus is read where it is (a ``source-read`` handler swaps the front matter in memory; the
bibliographies are named in ``bibtex_bibfiles``); when ``../shared/corpus`` is absent these tests skip
and say so.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, replace

import pytest

from buildutil import build, copy_site, text_of, titled_keys
from conftest import SHARED, needs_shared

CORPUS = SHARED / "corpus"
# 28 builds of the real site: the slowest module.
pytestmark = [needs_shared("corpus", "real files from public sites"), pytest.mark.slow]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*\r?\n", re.S)


@dataclass(frozen=True)
class About:
    """What a real about page's front matter asks for, read by eye from the file."""

    folder: str
    align: str
    circular: bool
    subtitle: str | None
    more_info: str | None  # the first line of the contact block
    social: bool
    photo_shown: bool = False
    #: Warnings besides the missing photo (paths relative to the site).
    warnings: tuple[str, ...] = ()


ABOUT_PAGES = [
    About("KindXiaoming__KindXiaoming.github.io", "right", False, None, "Ziming Liu (刘子鸣)", True, photo_shown=True),
    About("alshedivat__al-folio", "right", False, "Affiliations . Address. Contacts. Motto. Etc.", "555 your office number", True),
    About(
        "astanziola__astanziola.github.io", "right", False, None, "A smart, kind and curious being", True,
        warnings=(
            "index.md:9: WARNING: unknown front matter key 'profile.image_cicular' is ignored; "
            "did you mean 'profile.image_circular'? [homepage.frontmatter]",
        ),
    ),
    About(
        "cbueth__cbueth.github.io", "right", False, "Network Scientist | Computational Physicist", None, True,
    ),
    About(
        "daviddmc__daviddmc.github.io", "right", True, None, None, True,
    ),
    About(
        # profile.title, the line his al-folio fork shows under the photo, is shown the same (test_profile_title.py).
        "ellisbrown__ellisbrown.github.io", "center", True, None, "ellis [dot] brown [at] nyu [dot] edu", True,
    ),
    About(
        "joahannes__joahannes.github.io", "right", True,
        "Assistant Professor @ University of São Paulo (USP), São Paulo, Brazil 🇧🇷.", None, False,
    ),
    About(
        "kyleaoman__kyleaoman.github.io", "right", True, "Assoc. Professor & Royal Society Dorothy Hodgkin Fellow",
        "Institute for Computational Cosmology", False,
    ),
    About(
        "mbarbetti__mbarbetti.github.io", "right", False,
        "PhD in Smart Computing • Department of Information Engineering • University of Florence", None, False,
    ),
    About(
        "tirtharajdash__tirtharajdash.github.io", "right", False, "Assistant Professor, CS, BITS Pilani, Goa Campus",
        "Office: CC-107", True,
    ),
    About(
        "yukimasano__yukimasano.github.io", "right", False,
        "Full Professor, University of Technology Nuremberg – formerly at UvA, VGG, FAIR", "Ulmenstr 52i", True,
    ),
    About("zrqiao__zrqiao.github.io", "left", False, "Physics-Informed AI for Biochemical Discovery.", None, True),
]


def about_path(about: About):
    return CORPUS / about.folder / "_pages__about.md"


def front_matter_block(text: str) -> str:
    match = _FRONT_MATTER.match(text)
    assert match, "an about page starts with its front matter"
    return match.group(0)


@pytest.fixture(scope="module")
def about_builds(tmp_path_factory):
    """The real site built once per corpus about page, that page's front matter on the home page."""
    workdir = tmp_path_factory.mktemp("corpus-about")
    srcdir = copy_site(workdir / "site")
    index = srcdir / "index.md"
    site_body = _FRONT_MATTER.sub("", index.read_text(encoding="utf-8"), count=1)
    results = {}
    for number, about in enumerate(ABOUT_PAGES):
        block = front_matter_block(about_path(about).read_text(encoding="utf-8"))

        def swap_front_matter(app, docname, source, block=block):
            if docname == "index":
                source[0] = block + site_body

        # A newer time stamp: the next incremental build reads index.md again.
        os.utime(index, (1_800_000_000 + number, 1_800_000_000 + number))
        built = build(
            srcdir,
            workdir / "build",
            freshenv=number == 0,
            # These tests read the home page only: no paper pages, and the stylesheets (which no test here
            # reads) left untrimmed, a quarter of each build's time.
            confoverrides={"homepage_paper_pages": None, "homepage_trim_css": False},
            setup=lambda app, handler=swap_front_matter: app.connect("source-read", handler, priority=100),
        )
        results[about.folder] = (built, built.page("index.html"))
    return results


# The about pages' builds and the bibliographies' builds share nothing: each set of tests is a worker group of
# its own, so under pytest-xdist the two can run at once.
@pytest.mark.xdist_group("test_corpus-about")
@pytest.mark.parametrize("about", ABOUT_PAGES, ids=[about.folder.split("__")[0] for about in ABOUT_PAGES])
def test_real_about_page_builds_the_home_page(about_builds, about):
    built, home = about_builds[about.folder]
    assert "build succeeded" in built.status
    photo = front_matter_block(about_path(about).read_text(encoding="utf-8"))
    image = re.search(r"^  image: *(\S+)", photo, re.M).group(1)
    expected = list(about.warnings)
    if not about.photo_shown:
        expected.append(
            f"index.md:{photo.splitlines().index(f'  image: {image}') + 1}: WARNING: profile image {image!r} not found "
            "(looked in the source folder, _static/, assets/img/); no photo is shown [homepage.image]"
        )
    assert sorted(built.warnings) == sorted(expected)

    main = home.select_one("[role=main]")
    assert text_of(main.select_one("h1")) == "Ziming Liu"
    assert "Hi! I’m Ziming Liu" in text_of(main)  # the site's own body, under any front matter
    (card,) = main.select("div.homepage-profile")
    assert f"homepage-profile--{about.align}" in card["class"]
    assert ("homepage-profile--circular" in card["class"]) == about.circular
    assert (card.select_one("img.homepage-profile__photo") is not None) == about.photo_shown
    subtitle = main.select_one(".homepage-subtitle")
    if about.subtitle is None:
        assert subtitle is None
    else:
        assert text_of(subtitle) == about.subtitle
    more_info = card.select_one(".homepage-profile__more-info")
    if about.more_info is None:
        assert more_info is None
    else:
        assert text_of(more_info).startswith(about.more_info)
    assert (main.select_one("nav.homepage-social") is not None) == about.social
    # Every other page is still there, with the navbar's "about" label from the front matter's title.
    for page in ("papers/index.html", "research/index.html", "about/index.html"):
        assert (built.outdir / page).is_file(), page


# -- Real bibliographies as the site's .bib ------------------------------------------------------------------
# Each file is built once, with the site's paper pages off but one (al-folio's own demo file, ``WITH_PAGES``):
# these tests read the lists, and the pages themselves are tested on the site's own bibliography and on keys
# that are not file names (test_paper_pages); the one file built with its pages shows that a real file
# no one here wrote gets them too.
# The stylesheets are left untrimmed too: trimming reads only class names, tested on the real site's
# output in test_unused_css and in the browser.

AL_FOLIO_BIBS = sorted(CORPUS.glob("*/_bibliography__papers.bib")) if CORPUS.is_dir() else []
BIBLIOGRAPHIES = {path.parent.name.split("__")[0]: [path] for path in AL_FOLIO_BIBS}
BIBLIOGRAPHIES["biblatex-examples"] = [CORPUS / "plk__biblatex/bibtex__bib__biblatex__biblatex-examples.bib"]
# ernst.bib uses the @string macros of the first file and the proceedings of the last.
BIBLIOGRAPHIES["plume-bib"] = [
    CORPUS / "mernst__plume-bib" / name for name in ("bibstring-unabbrev.bib", "ernst.bib", "crossrefs.bib")
]
_LOCATED = re.compile(r"^\S+\.(bib|md):\d+: WARNING: .+ \[homepage\.(bibtex|url|image|publications|cite)\]$")
#: The research page's lists choose the owner's papers by keyword; another file's entries have none of them.
EMPTY_RESEARCH_LISTS = [
    f"research/index.md:{line}: WARNING: publications: no entry matches; the list is empty [homepage.publications]"
    for line in (87, 103, 119)
]
#: The home page asks for selected papers; a file that marks none is told so (the site's own page, not the file).
NONE_SELECTED = (
    "index.md:16: WARNING: selected_papers is true, but no entry of the bibliography has selected={true} "
    "[homepage.frontmatter]"
)


#: The file built with the site's paper pages on.
WITH_PAGES = "alshedivat"


@pytest.fixture(scope="module")
def bib_builds(tmp_path_factory):
    """The real site built once per corpus bibliography, that file in place of papers/papers.bib.

    Each build starts from a fresh environment in the same output folder, so the photo's copies are made
    once; the pages the tests read (the home page and papers/) are kept aside after each build (the
    :class:`Build`'s ``outdir``).
    """
    workdir = tmp_path_factory.mktemp("corpus-bib")
    srcdir = copy_site(workdir / "site")
    builds = {}
    for name, paths in BIBLIOGRAPHIES.items():
        pages_off = {} if name == WITH_PAGES else {"homepage_paper_pages": None}
        built = build(
            srcdir,
            workdir / "build",
            confoverrides={
                "bibtex_bibfiles": [str(path) for path in paths],
                "homepage_trim_css": False,  # no test here reads a stylesheet
                **pages_off,
            },
        )
        kept = workdir / "pages" / name
        (kept / "papers").mkdir(parents=True)
        shutil.copyfile(built.outdir / "index.html", kept / "index.html")
        # The output folder is shared: the paper pages of the one build that makes them stay there after it.
        for page in (built.outdir / "papers").glob("*.html" if name == WITH_PAGES else "index.html"):
            shutil.copyfile(page, kept / "papers" / page.name)
        builds[name] = replace(built, outdir=kept)
    return builds


def test_the_corpus_holds_sixteen_bibliographies():
    assert len(AL_FOLIO_BIBS) == 14 and all(path.is_file() for paths in BIBLIOGRAPHIES.values() for path in paths)


@pytest.mark.xdist_group("test_corpus-bib")
@pytest.mark.parametrize("name", sorted(BIBLIOGRAPHIES))
def test_real_bibliography_as_the_sites_bib(bib_builds, name):
    built = bib_builds[name]
    assert "build succeeded" in built.status
    assert "Exception occurred" not in built.status and "Traceback" not in built.status
    assert not any("Traceback" in line for line in built.warnings)
    for line in built.warnings:
        assert _LOCATED.match(line) or line == NONE_SELECTED, line
    papers = built.page("papers/index.html")
    shown = [item["id"] for item in papers.select("li.homepage-pub")]
    assert len(shown) == len(set(shown)), "anchors must be unique on the page"
    assert {key.lower() for key in shown} == {key.lower() for key in titled_keys(BIBLIOGRAPHIES[name])}
    for item in papers.select("li.homepage-pub"):
        assert text_of(item.select_one(".homepage-pub__title")), item["id"]
    # The rest of the site is still built around it.
    assert text_of(built.page("index.html").select_one("[role=main] h1")) == "Ziming Liu"


@pytest.mark.xdist_group("test_corpus-bib")
def test_a_real_file_built_with_paper_pages_has_a_page_for_each_listed_entry(bib_builds):
    built = bib_builds[WITH_PAGES]
    items = built.page("papers/index.html").select("li.homepage-pub")
    assert items
    for item in items:
        link = item.select_one(".homepage-pub__title a.homepage-pub__page")
        assert link is not None, item["id"]
        paper = built.page(f"papers/{link['href'].split('#')[0]}")
        titles = [tag["content"] for tag in paper.find_all("meta", attrs={"name": "citation_title"})]
        assert titles == [item.select_one(".homepage-pub__title").get_text()], item["id"]
    # The others are built without them: their lists name no page.
    assert built.outdir != bib_builds["KindXiaoming"].outdir
    assert bib_builds["KindXiaoming"].page("papers/index.html").select("a.homepage-pub__page") == []


@pytest.mark.xdist_group("test_corpus-bib")
def test_the_owners_own_file_highlights_him(bib_builds):
    built = bib_builds["KindXiaoming"]
    items = built.page("papers/index.html").select("li.homepage-pub")
    assert len(items) == 32
    unhighlighted = [item["id"] for item in items if not item.select(".homepage-pub__me")]
    # His file gives the Nature review no authors: shown without an author line, as al-folio shows it.
    assert unhighlighted == ["wang2023yuanqi"]
    assert sorted(built.warnings) == sorted(EMPTY_RESEARCH_LISTS)
