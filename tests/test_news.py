"""al-folio's news: one Markdown file per item, inline items shown whole, others linked to their page, a limit
and a scroll box, a page with every item newest first, an Atom feed; with no items, nothing at all."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from buildutil import stylesheets
from test_cv import warning_lines

ATOM = "{http://www.w3.org/2005/Atom}"
# tests/roots/test-news/news, newest first: (date shown, datetime attribute, text, page)
ITEMS = [
    ("Feb 02, 2022", "2022-02-02T00:00:00Z", "An award", "award"),
    ("Nov 05, 2021", "2021-11-05T00:00:00Z", "A paper was accepted.", "paper"),
    ("Jan 20, 2020", "2020-01-20T09:00:00+01:00", "Slides of my talk are elsewhere, with emphasis.", "talk"),
    ("Jun 15, 2019", "2019-06-15T10:30:00-04:00", "Our workshop at a conference, with details", "workshop"),
    ("Mar 01, 2019", "2019-03-01T00:00:00Z", "The lab website is online.", "welcome"),
]
INLINE = {"paper", "talk", "welcome"}


def _page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


def _rows(box) -> list[tuple[str, str, str]]:
    return [
        (
            row.select_one("time.homepage-news__date").get_text(strip=True),
            row.select_one("time.homepage-news__date")["datetime"],
            " ".join(row.select_one(".homepage-news__text").get_text(" ", strip=True).split()).replace(" ,", ",").replace(" .", "."),
        )
        for row in box.select("li.homepage-news__item")
    ]


def _expected(count: int) -> list[tuple[str, str, str]]:
    return [(shown, stamp, text) for shown, stamp, text, _ in ITEMS[:count]]


@pytest.mark.sphinx("html", testroot="news")
def test_front_page_news_after_the_bio(app):
    app.build()
    assert warning_lines(app) == []
    page = _page(app.outdir, "index.html")
    section = page.find("section", id="news")
    # After the bio, inside the page's own section, under a heading that links to every item.
    assert section.parent.get("id") == "a-researcher"
    assert section.find_previous("p").get_text() == "A short bio."
    heading = section.find("h2").find("a", class_="homepage-news-section__link")
    assert heading.get_text() == "news" and heading["href"] == "news/index.html"
    box = section.select_one("div.homepage-news")
    # announcements.limit: 4 of 5, newest first; more than three scroll, in a box the keyboard reaches.
    assert _rows(box) == _expected(4)
    assert "homepage-news--scrollable" in box["class"]
    assert (box["tabindex"], box["role"], box["aria-label"]) == ("0", "region", "News")


@pytest.mark.sphinx("html", testroot="news")
def test_inline_items_whole_others_linked(app):
    app.build()
    box = _page(app.outdir, "index.html").select_one("#news div.homepage-news")
    rows = box.select("li.homepage-news__item")
    for row, (_, _, text, name) in zip(rows, ITEMS, strict=False):
        links = row.select(".homepage-news__text a")
        if name in INLINE:
            # al-folio strips the paragraph of a one-line item.
            assert row.select(".homepage-news__text p") == []
        else:
            assert [(a.get_text(strip=True), a["href"]) for a in links] == [(text, f"news/{name}.html")]
    # An inline item's link is resolved from the page showing it, with its markup kept.
    talk = rows[2]
    assert talk.find("a")["href"] == "elsewhere.html"
    assert talk.find("em").get_text() == "emphasis"


@pytest.mark.sphinx("html", testroot="news")
def test_news_directive_with_a_limit(app):
    app.build()
    box = _page(app.outdir, "elsewhere.html").select_one("div.homepage-news")
    assert _rows(box) == _expected(2)
    # Two items do not scroll.
    assert box["class"] == ["homepage-news"] and not box.has_attr("tabindex")
    assert box.select_one("a")["href"] == "news/award.html"


@pytest.mark.sphinx("html", testroot="news")
def test_news_page_lists_every_item_newest_first(app):
    app.build()
    page = _page(app.outdir, "news/index.html")
    assert page.find("title").get_text().startswith("News")
    box = page.select_one("div.homepage-news")
    assert _rows(box) == _expected(5)
    assert box.select_one("a")["href"] == "award.html"
    assert box.find("a", string="elsewhere")["href"] == "../elsewhere.html"
    assert page.find("a", string="Atom feed")["href"] == "feed.xml"


@pytest.mark.sphinx("html", testroot="news")
def test_item_pages(app):
    app.build()
    workshop = _page(app.outdir, "news/workshop.html")
    assert workshop.find("h1").get_text(strip=True).rstrip("¶") == "Our workshop at a conference, with details"
    assert workshop.select_one(".homepage-news__page-date time")["datetime"] == "2019-06-15T10:30:00-04:00"
    assert "It spans two paragraphs." in workshop.get_text()
    # Its body's headings start at H4, as Jekyll takes them: they move up under its title, with no warning.
    assert [h.get_text(strip=True).rstrip("¶") for h in workshop.select("h2")] == ["Programme"]
    assert "myst.header" not in app.warning.getvalue()
    # An inline item's page is headed by its date.
    welcome = _page(app.outdir, "news/welcome.html")
    assert welcome.select_one("h1 time").get_text() == "Mar 01, 2019"
    assert welcome.find("title").get_text().startswith("Mar 01, 2019")


@pytest.mark.sphinx("html", testroot="news")
def test_atom_feed(app):
    app.build()
    feed = ElementTree.parse(app.outdir / "news" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "News Test: news"
    assert feed.findtext(f"{ATOM}updated") == "2022-02-02T00:00:00Z"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "A. Researcher"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [stamp for _, stamp, _, _ in ITEMS]
    assert [e.findtext(f"{ATOM}title") for e in entries] == [text for _, _, text, _ in ITEMS]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 5 and all(i.startswith("urn:uuid:") for i in ids)
    for entry, (_, _, _, name) in zip(entries, ITEMS, strict=True):
        href = entry.find(f"{ATOM}link").get("href")
        assert href == f"{name}.html" and (app.outdir / "news" / href).is_file()
    workshop = BeautifulSoup(entries[3].findtext(f"{ATOM}content"), "html.parser")
    assert [p.get_text() for p in workshop.find_all("p")] == [
        "We organise a workshop this summer. This page has the programme.", "It spans two paragraphs.",
        "Talks in the morning."]
    assert workshop.select_one("section#news-workshop-programme").get_text(" ", strip=True).startswith("Programme")
    talk = BeautifulSoup(entries[2].findtext(f"{ATOM}content"), "html.parser")
    assert talk.find("a")["href"] == "../elsewhere.html"  # relative to the feed, in news/


@pytest.mark.sphinx("html", testroot="news", confoverrides={"html_baseurl": "https://example.org/site/"})
def test_atom_feed_with_a_site_address(app):
    app.build()
    feed = ElementTree.parse(app.outdir / "news" / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == "https://example.org/site/news/"
    assert feed.findtext(f"{ATOM}id") == "https://example.org/site/news/"
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}id") == "https://example.org/site/news/award.html"


@pytest.mark.sphinx("html", testroot="news")
def test_styles_and_feed_link_only_where_news_show(app):
    app.build()
    for name, feed in (("index.html", "news/feed.xml"), ("elsewhere.html", "news/feed.xml"), ("news/index.html", "feed.xml")):
        page = _page(app.outdir, name)
        assert page.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"] == feed
        assert "news.css" in stylesheets(app.outdir, name)
    item = _page(app.outdir, "news/award.html")
    assert "news.css" not in stylesheets(app.outdir, "news/award.html")
    assert item.select_one('link[type="application/atom+xml"]') is None


@pytest.mark.sphinx("html", testroot="news-empty")
def test_no_items_nothing_shows_nothing_warns(app):
    app.build()
    assert warning_lines(app) == []
    page = _page(app.outdir, "index.html")
    assert page.find(id="news") is None and page.select(".homepage-news") == []
    assert page.select_one('link[type="application/atom+xml"]') is None
    assert not (app.outdir / "news").exists()
    assert "News are on, but there are none yet." in page.get_text()


def test_real_site_shows_no_news(site):
    # The seed has "news: false" and there is no news folder.
    page = site.page("index.html")
    assert page.find(id="news") is None and page.select(".homepage-news") == []
    assert not (site.outdir / "news").exists()


@pytest.mark.sphinx("html", testroot="news-bad")
def test_bad_items_warn_once_and_the_rest_stays(app):
    app.build()
    src = Path(app.srcdir)
    assert sorted(warning_lines(app)) == sorted([
        f"{src / 'index.md'}:5: WARNING: announcements.limit should be a positive number, not 'five'; showing 5 [homepage.news]",
        f"{src / 'news' / 'undated.md'}:1: WARNING: news item has no date; left out of the news lists [homepage.news]",
        f"{src / 'news' / 'baddate.md'}:3: WARNING: news item date 'next spring' is not a date (YYYY-MM-DD, optionally with a time); left out of the news lists [homepage.news]",
        f"{src / 'news' / 'badinline.md'}:5: WARNING: front matter 'inline' should be true or false, not 'yes'; using false [homepage.frontmatter]",
        # A broken link in an item is reported by the item's page only, not again by each list showing it.
        f"{src / 'news' / 'good.md'}:7: WARNING: 'myst' cross-reference target not found: '../nowhere.md' [myst.xref_missing]",
    ])
    rows = _rows(_page(app.outdir, "index.html").select_one("div.homepage-news"))
    assert rows == [
        ("May 06, 2023", "2023-05-06T00:00:00Z", "A good item with a broken link."),
        ("Apr 01, 2023", "2023-04-01T00:00:00Z", "Listed by its title"),
    ]


@pytest.mark.sphinx("html", testroot="news", srcdir="news-incremental")
def test_lists_follow_items_without_a_clean_build(make_app, app):
    app.build()
    news = Path(app.srcdir, "news")
    (news / "fresh.md").write_text("---\ndate: 2024-09-01\ninline: true\n---\n\nA fresh item.\n", encoding="utf-8")
    (news / "award.md").unlink()
    app.cleanup()  # unregisters its nodes, as a new app registers them again
    again = make_app("html", srcdir=app.srcdir, freshenv=False)
    again.build()
    assert warning_lines(again) == []
    expected_texts = ["A fresh item.", "A paper was accepted.", "Slides of my talk are elsewhere, with emphasis.",
                      "Our workshop at a conference, with details"]
    assert [text for _, _, text in _rows(_page(again.outdir, "index.html").select_one("#news .homepage-news"))] == expected_texts
    assert [text for _, _, text in _rows(_page(again.outdir, "elsewhere.html").select_one(".homepage-news"))] == expected_texts[:2]
    assert len(_page(again.outdir, "news/index.html").select("li.homepage-news__item")) == 5


@pytest.mark.sphinx("html", testroot="news", srcdir="news-noop")
def test_a_rebuild_with_nothing_to_write(make_app, app):
    app.build()
    page = (Path(app.outdir) / "news" / "index.html").read_bytes()
    app.cleanup()
    again = make_app("html", srcdir=app.srcdir, freshenv=False)
    again.build()  # no document is out of date: the news page is still made, from the saved environment
    assert warning_lines(again) == []
    assert (Path(again.outdir) / "news" / "index.html").read_bytes() == page


def test_parallel_build_gives_the_same_pages(make_app, rootdir, tmp_path):
    builds = {}
    for name, workers in (("serial", 0), ("parallel", 2)):
        srcdir = tmp_path / name
        shutil.copytree(rootdir / "test-news", srcdir)
        app = make_app("html", srcdir=srcdir, parallel=workers)
        app.build()
        app.cleanup()
        assert warning_lines(app) == []
        builds[name] = Path(app.outdir)
    for page in ("index.html", "elsewhere.html", "news/index.html", "news/feed.xml", "news/workshop.html", "news/talk.html"):
        assert (builds["parallel"] / page).read_bytes() == (builds["serial"] / page).read_bytes(), page


def test_two_builds_are_byte_identical(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-news", srcdir)
    outputs = []
    for run in ("first", "second"):
        app = make_app("html", srcdir=srcdir, builddir=tmp_path / run, freshenv=True)
        app.build()
        app.cleanup()
        assert warning_lines(app) == []
        outdir = Path(app.outdir)
        outputs.append({path.relative_to(outdir): path.read_bytes() for path in outdir.rglob("*")
                        if path.suffix in {".html", ".xml"}})
    first, second = outputs
    assert len(first) > 8 and second.keys() == first.keys()
    assert [name for name in first if first[name] != second[name]] == []
