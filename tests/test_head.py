"""What the extension puts in <head>: typed entries, escaped in one place, in one order, after the policy."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from sphinx_academic_homepage.head import Link, Meta, ScriptData, has_meta, head_markup


def test_entries_are_escaped_and_ordered_by_kind():
    markup = head_markup(
        [
            ScriptData({"name": "</script><b>"}),
            Link("alternate", "feed.xml?a=1&b=2", type="application/atom+xml", title='"News"'),
            Meta("citation_title", "A <b> & 'c'"),
            Meta("description", 'Say "hi"'),
        ]
    )
    assert markup.split("\n    ")[1:] == [
        '<meta name="description" content="Say &quot;hi&quot;" />',
        '<meta name="citation_title" content="A &lt;b&gt; &amp; &#x27;c&#x27;" />',
        '<link rel="alternate" type="application/atom+xml" title="&quot;News&quot;" href="feed.xml?a=1&amp;b=2" />',
        '<script type="application/ld+json">{"name": "\\u003c/script\\u003e\\u003cb\\u003e"}</script>',
    ]


def test_a_description_is_known_written_or_waiting():
    assert has_meta({"metatags": '<meta name="Description" content="x" />'}, "description")
    assert has_meta({"homepage_head": [Meta("description", "x")]}, "description")
    assert not has_meta({"metatags": '<meta property="og:description" content="x" />'}, "description")


@pytest.mark.sphinx(
    "html",
    testroot="news",
    confoverrides={
        "extensions": ["myst_parser", "sphinx_academic_homepage", "sphinxext.opengraph"],
        "ogp_site_url": "https://example.org/",
        "homepage_person": {"job_title": "Researcher"},
    },
)
def test_the_home_page_head_in_order(app):
    """The policy right after the charset; then, of ours, the description, the feed's link, the JSON-LD; and
    sphinxext-opengraph after them, adding no description of its own."""
    app.build()
    head = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser").head
    tags = [tag for tag in head.find_all(["meta", "link", "script"], recursive=False)]
    assert tags[0].get("charset") == "utf-8"
    assert tags[1]["http-equiv"] == "Content-Security-Policy"

    def position(selector: str) -> int:
        (found,) = head.select(selector)
        return tags.index(found)

    description = position('meta[name="description"]')
    feed = position('link[rel="alternate"][type="application/atom+xml"]')
    person = position('script[type="application/ld+json"]')
    first_open_graph = min(tags.index(tag) for tag in head.select('meta[property^="og:"]'))
    assert 1 < description < feed < person < first_open_graph
    assert json.loads(tags[person].string)["jobTitle"] == "Researcher"
    assert tags[feed]["href"] == "news/feed.xml"
