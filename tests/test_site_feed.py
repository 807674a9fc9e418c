"""al-folio's ``rss_icon: true``: a link to the site's feed. al-folio's ``feed.xml`` holds the posts; here the
blog's feed is written there too (where readers of a site moved from al-folio are subscribed) and the icon links
it when there are posts, else the news feed, and with neither it is left out with one warning (a link to a file
that is never written would be dead on every page)."""

from __future__ import annotations

import shutil

from xml.etree import ElementTree

from buildutil import ROOTS, build

ATOM = "{http://www.w3.org/2005/Atom}"

SOCIAL = {"email": "ada@example.org", "rss_icon": True}


def _row_links(result, name: str = "index.html") -> list[tuple[str, str]]:
    row = result.page(name).select_one("nav.homepage-social")
    return [(a.get_text(strip=True), a["href"]) for a in row.select("a")]


def test_with_news_and_no_posts_it_links_the_news_feed(tmp_path):
    result = build(ROOTS / "test-minimal", tmp_path, confoverrides={"homepage_social": SOCIAL})
    assert _row_links(result) == [("Email", "mailto:ada@example.org"), ("RSS feed", "news/feed.xml")]
    assert (result.outdir / "news" / "feed.xml").is_file() and not (result.outdir / "feed.xml").exists()
    assert not any("rss_icon" in line for line in result.warnings)


def test_with_posts_it_links_the_blog_feed(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-posts", srcdir)
    index = srcdir / "index.md"
    index.write_text("---\nsocial: true\n---\n\n" + index.read_text(encoding="utf-8"), encoding="utf-8")
    result = build(srcdir, tmp_path / "build", confoverrides={"homepage_social": SOCIAL})
    assert ("RSS feed", "feed.xml") in _row_links(result)
    # The blog's feed at al-folio's address: the same feed (its id, its entries), its links from where it is.
    blog, alfolio = (ElementTree.parse(result.outdir / name).getroot() for name in ("blog/feed.xml", "feed.xml"))
    assert alfolio.findtext(f"{ATOM}id") == blog.findtext(f"{ATOM}id")
    assert [ElementTree.tostring(entry.find(f"{ATOM}id")) for entry in alfolio.iter(f"{ATOM}entry")] == [
        ElementTree.tostring(entry.find(f"{ATOM}id")) for entry in blog.iter(f"{ATOM}entry")
    ]
    entry_links = [entry.find(f"{ATOM}link").get("href") for entry in alfolio.iter(f"{ATOM}entry")]
    assert entry_links and all(href.startswith("blog/") for href in entry_links)
    assert {link.get("rel"): link.get("href") for link in alfolio.findall(f"{ATOM}link")} == {
        "self": "feed.xml", "alternate": "blog/index.html"
    }


def test_with_neither_it_is_left_out_with_one_warning(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-minimal", srcdir)
    shutil.rmtree(srcdir / "news")
    result = build(srcdir, tmp_path / "build", confoverrides={"homepage_social": SOCIAL})
    assert _row_links(result) == [("Email", "mailto:ada@example.org")]
    assert [line for line in result.warnings if "rss_icon" in line] == [
        "conf.py:8: WARNING: social entry 'rss_icon' links the site's feed, but this site writes none (it has no blog posts "
        "and no news); left out [homepage.social]"
    ]
