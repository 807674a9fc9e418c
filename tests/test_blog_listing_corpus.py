"""The blog's index and feed made from al-folio's 30 demo posts (read in place from ../shared): every post listed
once, newest first, ten a page; the two featured above; a valid feed of the newest 20."""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree

from test_blog_corpus import corpus, pytestmark  # noqa: F401 - the corpus built once, and the skip without it
from test_blog_listing import ATOM, titles


def test_every_demo_post_listed_once_newest_first_ten_a_page(corpus):  # noqa: F811
    pages = ["blog/index.html", "blog/page/2/index.html", "blog/page/3/index.html"]
    listed = []
    for name in pages:
        soup = corpus.page(name)
        selector = "#posts ul.homepage-blog__list" if name == pages[0] else "ul.homepage-blog__list"
        shown = titles(soup, selector)
        assert len(shown) == 10
        listed += [(time["datetime"], title) for time, title in zip(soup.select(f"{selector} time"), shown, strict=True)]
    assert not (corpus.outdir / "blog/page/4/index.html").exists()
    assert len({title for _, title in listed}) == 30
    # Compared as moments: 10:14-04:00 comes after 10:25Z.
    moments = [datetime.fromisoformat(stamp.replace("Z", "+00:00")) for stamp, _ in listed]
    assert moments == sorted(moments, reverse=True)
    featured = titles(corpus.page(pages[0]), "#featured ul.homepage-blog__list")
    assert featured == ["a distill-style blog post", "a post with code"]


def test_demo_feed_is_atom_of_the_newest_twenty(corpus):  # noqa: F811
    feed = ElementTree.parse(corpus.outdir / "blog/feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 20
    newest = titles(corpus.page("blog/index.html"), "#posts ul.homepage-blog__list")
    assert [entry.findtext(f"{ATOM}title") for entry in entries[:10]] == newest
    assert all(entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated") for entry in entries)
