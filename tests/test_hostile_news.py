"""Hostile news folders: each bad item gives one located warning, the build finishes in bounded time and memory,
and the lists, the news page and the feed keep every good item, once, as valid XML.

One site (``tests/roots/test-hostile-news``, with the files git cannot hold well added by the fixture) is built
once in a child process whose time and memory are measured; each input's assertions are parametrised over it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from bounded import build_bounded
from buildutil import build, copy_root

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: Each hostile input and the one warning it gives (paths relative to the source folder).
WARNINGS = {
    "date out of range in UTC": "news/dawn.md:2: WARNING: news item date '0001-01-01 00:30:00+01:00' is out of range "
    "(before year 1 or after 9999 in UTC); left out of the news lists [homepage.news]",
    "{news} in an item": "news/lists-news.md:8: WARNING: a news item cannot list the news (it would be shown inside "
    "itself); no list here [homepage.news]",
    "news: true in an item": "news/shows-news.md:4: WARNING: a news item cannot list the news (it would be shown "
    "inside itself); no list here [homepage.news]",
    "not UTF-8": "news/latin1.md:6: WARNING: not UTF-8 text (byte 0xe9 on this line); the page is left out: "
    "save it as UTF-8 [homepage.news]",
    "control characters": "news/control.md:6: WARNING: news item holds the control character U+0007, which XML "
    "forbids; removed [homepage.news]",
    "symlink loop": "WARNING: news/loop links to a folder of the site, whose pages are in it already; left out "
    "[homepage.news]",
    "link to a page": "WARNING: news/again.md links to a page of the site, news/good; left out [homepage.news]",
    "link outside the site": "WARNING: news/outside.md is a link to a file outside the source folder; left out "
    "[homepage.news]",
    "own news/index page": "news/index.md:1: WARNING: news/index takes the place of the generated news page but "
    "lists no news; add the {news} directive to it, or remove it to get the generated page [homepage.news]",
    "unreadable date": "news/baddate.md:2: WARNING: news item date 'the day after' is not a date (YYYY-MM-DD, "
    "optionally with a time); left out of the news lists [homepage.news]",
    # Its front matter warns (frontmatter.py's wording); the item adds no "has no date" of its own.
    "front matter not YAML": "news/badyaml.md:3: WARNING: front matter is not valid YAML: expected ',' or ']', "
    "but got '<stream end>' [homepage.frontmatter]",
}

#: The good items, newest first, as the lists show them (control characters removed).
GOOD = [
    "A good item, listed once.",
    "A bell, an escape and a form feed in one line.",
    "An item that lists the news, itself among them:",
    "An item that asks for the news after its text.",
]


def _rows(page: BeautifulSoup) -> list[str]:
    return [
        " ".join(row.select_one(".homepage-news__text").get_text(" ", strip=True).split())
        for row in page.select("li.homepage-news__item")
    ]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-news")
    srcdir = copy_root("hostile-news", tmp)
    news = srcdir / "news"
    (news / "control.md").write_text(
        "---\ndate: 2024-04-01\ninline: true\n---\n\nA bell\x07, an escape\x1b and a form feed\x0c in one line.\n",
        encoding="utf-8",
    )
    (news / "latin1.md").write_bytes("---\ndate: 2024-01-01\ninline: true\n---\n\nCafé, in Latin-1.\n".encode("latin-1"))
    (news / "loop").symlink_to("..", target_is_directory=True)
    private = tmp / "private.md"
    private.write_text("---\ndate: 2024-07-01\ninline: true\n---\n\nSomeone else's secret.\n", encoding="utf-8")
    (news / "outside.md").symlink_to(private)
    (news / "again.md").symlink_to("good.md")
    return build_bounded(srcdir, tmp / "out", seconds=120, mib=600)


@pytest.mark.parametrize("name", WARNINGS)
def test_each_input_warns_once(hostile, name):
    assert hostile.warnings.count(WARNINGS[name]) == 1, hostile.warnings


def test_nothing_else_warns(hostile):
    assert sorted(hostile.warnings) == sorted(WARNINGS.values())


def test_the_build_finishes_within_bounds(hostile):
    # Measured: 7 s and 78 MiB on a shared machine (the loop is never walked; nothing recurses).
    assert hostile.returncode == 0 and "Traceback" not in hostile.stderr, hostile.stderr
    assert hostile.seconds < 60
    assert hostile.peak_mib < 400


def test_lists_show_each_good_item_once(hostile):
    home = BeautifulSoup((hostile.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert _rows(home) == GOOD


@pytest.mark.parametrize("page", ["news/lists-news.html", "news/shows-news.html"])
def test_an_item_shows_no_list(hostile, page):
    item = BeautifulSoup((hostile.outdir / page).read_text(encoding="utf-8"), "html.parser")
    assert item.select(".homepage-news") == []


@pytest.mark.parametrize("path", ["news/latin1.html", "news/outside.html", "news/again.html", "news/loop"])
def test_left_out_files_are_not_published(hostile, path):
    assert not (hostile.outdir / path).exists()
    assert "Someone else" not in (hostile.outdir / "index.html").read_text(encoding="utf-8")


def test_the_feed_is_xml_without_control_characters(hostile):
    raw = (hostile.outdir / "news" / "feed.xml").read_bytes()
    assert NOT_XML.search(raw.decode("utf-8")) is None
    feed = ElementTree.fromstring(raw)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == GOOD


def test_the_owners_news_page_wins(hostile):
    page = BeautifulSoup((hostile.outdir / "news" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "The news page of the owner, which lists no news." in page.get_text()
    assert page.select(".homepage-news") == []


# -- Many items: the feed is capped, a rebuild with nothing changed redoes no item ------------------------------

#: More items than the feed holds (50), the fewest that show both bounds: the feed stops at 50, and a rebuild
#: resolves the news page once, not once per item (53 passes, where one per item would be 60 and more).
MANY = 60


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("many-news")
    srcdir = copy_root("hostile-news-many", tmp)
    (srcdir / "news").mkdir()
    for number in range(MANY):
        day = f"2020-{1 + number // 28 % 12:02d}-{1 + number % 28:02d} {number // 336:02d}:00:00"
        (srcdir / "news" / f"item{number:04d}.md").write_text(
            f"---\ndate: {day}\ninline: true\n---\n\nItem {number}, with a [link](../index.md).\n", encoding="utf-8"
        )
    return build_bounded(srcdir, tmp / "out", seconds=300, mib=800)


@pytest.mark.slow
def test_many_items_build_within_bounds(many):
    assert many.returncode == 0 and many.warnings == [], many.stderr
    # Measured: 22 s and 89 MiB for 300 items on a shared machine; what an item costs is counted in passes below.
    assert many.seconds < 120
    assert many.peak_mib < 400


def test_the_feed_holds_the_newest_fifty(many):
    feed = ElementTree.parse(many.outdir / "news" / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 50
    stamps = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert stamps == sorted(stamps, reverse=True)


def test_the_news_page_still_lists_every_item(many):
    page = BeautifulSoup((many.outdir / "news" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(page.select("li.homepage-news__item")) == MANY


def test_a_rebuild_with_nothing_changed_resolves_each_item_once(many, tmp_path):
    first = build(many.srcdir, tmp_path)
    # A build after which nothing changed leaves the news page as it is: without it, it is made again.
    (first.outdir / "news" / "index.html").unlink()
    passes = []

    def count_passes(app):
        resolve = app.env.apply_post_transforms

        def counted(doctree, docname):
            passes.append(docname)
            return resolve(doctree, docname)

        app.env.apply_post_transforms = counted

    again = build(many.srcdir, tmp_path, freshenv=False, setup=count_passes)
    assert again.warnings == [] and "0 added, 0 changed, 0 removed" in again.status
    # The news page, its items in one pass; the feed's 50 entries in one, then each entry's HTML.
    # Not one pass per item of the page: 60 items would make it 110, 5,000 items 5,050.
    assert sorted(set(passes)) == ["news/feed", "news/index"]
    assert len(passes) == 2 + 1 + 50


# -- Rebuilds: the sitemap, a stopped build, files that cannot be written ---------------------------------------


def _sitemap(outdir: Path) -> list[str]:
    root = ElementTree.parse(outdir / "sitemap.xml").getroot()
    return [url.findtext(f"{SITEMAP}loc") for url in root]


def _indexed(outdir: Path) -> list[str]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return sorted(json.loads(text[text.index("(") + 1 : text.rindex(")")])["docnames"])


PAGES = ["index", "news/item", "one", "three", "two"]


def test_a_rebuild_keeps_every_page_in_the_sitemap(tmp_path):
    srcdir = copy_root("hostile-news-rebuild", tmp_path)
    first = build(srcdir, tmp_path / "build")
    # The documents, and the pages the build makes itself.
    expected = sorted(f"https://example.org/{name}.html" for name in [*PAGES, "genindex", "news/index", "search"])
    assert first.warnings == [] and _sitemap(first.outdir) == expected
    untouched = (first.outdir / "one.html").stat().st_mtime_ns
    (srcdir / "two.md").write_text("# Page two\n\nThe text of page two, edited.\n", encoding="utf-8")
    again = build(srcdir, tmp_path / "build", freshenv=False)
    # Only the edited page was written again; the sitemap still has every page.
    assert (again.outdir / "one.html").stat().st_mtime_ns == untouched
    assert again.warnings == [] and _sitemap(again.outdir) == expected


def test_a_stopped_build_is_finished_by_the_next(tmp_path):
    srcdir = copy_root("hostile-news-rebuild", tmp_path)
    written = []

    def stop_after_two_pages(app):
        def count(app, pagename, templatename, context, doctree):
            if doctree is not None:
                written.append(pagename)
                if len(written) > 2:
                    raise KeyboardInterrupt

        app.connect("html-page-context", count)

    with pytest.raises(KeyboardInterrupt):
        build(srcdir, tmp_path / "build", setup=stop_after_two_pages)
    # A file a killed build was writing, under the name the extension gives it.
    outdir = tmp_path / "build" / "html"
    leftover = outdir / "news" / ".feed.xml.12345.part"
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(b"<feed")
    again = build(srcdir, tmp_path / "build", freshenv=False)
    assert again.warnings == []
    assert _indexed(again.outdir) == PAGES
    assert len(_sitemap(again.outdir)) == len(PAGES) + 3
    assert not leftover.exists()
    assert sorted(path.name for path in outdir.rglob("*.part")) == []


def test_files_that_cannot_be_written_warn_once(tmp_path):
    srcdir = copy_root("hostile-news-rebuild", tmp_path)
    first = build(srcdir, tmp_path / "build")
    # The tests may run as root, whom a read-only folder does not stop: a folder in the way of a file does.
    for blocked in ("news/feed.xml", "robots.txt", "sitemap.xml"):
        (first.outdir / blocked).unlink()
        (first.outdir / blocked).mkdir()
    again = build(srcdir, tmp_path / "build")
    assert again.warnings == [
        f"WARNING: cannot write news/feed.xml in the output folder {first.outdir}: Is a directory; "
        "the site there is incomplete [homepage.output]"
    ]
    # The rest of the site is written.
    assert (again.outdir / "news" / "index.html").is_file() and (again.outdir / "searchindex.js").is_file()
