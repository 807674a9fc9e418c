"""Old addresses answer: a redirect page at each ``permalink`` and ``redirect_from`` address that is not its page's place."""

from __future__ import annotations

import re

import pytest

from buildutil import build, copy_root
from sphinx_academic_homepage.csp import hash_source
from sphinx_academic_homepage.redirects import redirect_pagename


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    srcdir = copy_root("redirects", tmp_path_factory.mktemp("redirects"))
    first = build(srcdir, srcdir / "_build")
    # Built again with nothing changed: the warnings come again (a strict build fails again), no page is rewritten.
    times = {path: path.stat().st_mtime_ns for path in (srcdir / "_build").rglob("*.html")}
    second = build(srcdir, srcdir / "_build", freshenv=False)
    return first, second, times


def _refresh_target(soup) -> str:
    content = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    delay, _, url = content.partition("; url=")
    assert delay == "0"
    return url


@pytest.mark.parametrize(
    ("page", "target", "canonical"),
    [
        ("publications/index.html", "../papers/index.html", "papers/index.html"),
        ("pubs/index.html", "../papers/index.html", "papers/index.html"),
        ("old/papers.html", "../papers/index.html", "papers/index.html"),
        ("teaching.html", "teaching/index.html", "teaching/index.html"),
        ("resume/index.html", "../cv.html", "cv.html"),
        ("about-me/index.html", "../whoami.html", "whoami.html"),
    ],
)
def test_each_old_address_sends_the_reader_to_its_page(built, page, target, canonical):
    first, _, _ = built
    soup = first.page(page)
    assert _refresh_target(soup) == target
    assert soup.find("link", rel="canonical")["href"] == "https://example.org/ada/" + canonical
    link = soup.find("a", id="homepage-redirect")
    assert link["href"] == target
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_the_redirect_keeps_the_fragment_with_a_script_the_policy_allows(built):
    first, _, _ = built
    soup = first.page("pubs/index.html")
    (script,) = soup.find_all("script")
    assert "location.hash" in script.string and "location.replace" in script.string
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src "))
    assert script_src == f"script-src 'self' {hash_source(script.string)}"
    assert soup.body.get_text(" ", strip=True) == "This page has moved to publications ."


def test_redirect_pages_are_not_listed_nor_searched(built):
    first, _, _ = built
    sitemap = (first.outdir / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>https://example.org/ada/([^<]*)</loc>", sitemap)
    assert sorted(listed) == [
        "cv.html", "genindex.html", "index.html", "papers/index.html", "search.html", "teaching/index.html", "whoami.html",
    ]
    search_index = (first.outdir / "searchindex.js").read_text(encoding="utf-8")
    docnames = re.search(r'"docnames":\[([^\]]*)\]', search_index).group(1)
    assert "pubs" not in docnames and "publications" not in docnames


def test_links_written_as_old_addresses_reach_the_page(built):
    first, _, _ = built
    links = {a.get_text(): a["href"] for a in first.page("index.html").select("article a.reference")}
    assert links["my papers"] == "papers/index.html#2024"
    assert links["my CV"] == "cv.html"
    assert links["teaching"] == "teaching/index.html"


EXPECTED_WARNINGS = [
    "whoami.md:5: WARNING: redirect_from '/papers/' is the address of the page 'papers/index': it keeps it, and no "
    "redirect to 'whoami' is written [homepage.page]",
    "whoami.md:5: WARNING: redirect_from 42 is not an address of this site (a path such as /old/page/ or /old.html); "
    "no redirect is written for it [homepage.page]",
    "whoami.md:5: WARNING: redirect_from 'https://elsewhere.example/about/' is not an address of this site (a path "
    "such as /old/page/ or /old.html); no redirect is written for it [homepage.page]",
    "whoami.md:5: WARNING: redirect_from '/teaching.html' is the address of a redirect to 'teaching/index': it keeps "
    "it, and no redirect to 'whoami' is written [homepage.page]",
    "whoami.md:5: WARNING: redirect_from '/resume/' is the address of a redirect to 'cv': it keeps it, and no "
    "redirect to 'whoami' is written [homepage.page]",
]


def test_each_taken_or_bad_address_warns_once_at_its_line_every_build(built):
    first, second, _ = built
    assert first.warnings == EXPECTED_WARNINGS
    assert second.warnings == EXPECTED_WARNINGS


def test_an_unchanged_build_rewrites_no_redirect_page(built):
    first, _, times = built
    for name in ("pubs/index.html", "teaching.html", "resume/index.html"):
        path = first.outdir / name
        assert path.stat().st_mtime_ns == times[path]


@pytest.mark.parametrize(
    ("address", "pagename"),
    [
        ("/publications/", "publications/index"),
        ("/old/papers.html", "old/papers"),
        ("/cv", "cv"),
        ("resume/", "resume/index"),
        ("/", None),
        # As a browser reads it: nothing above the root.
        ("/../outside/", "outside/index"),
        ("//elsewhere.example/x", None),
        ("/a page/", None),
        ("/blog/:year/:title/", None),
        # Refused in linear time: a long segment that fails at its end.
        ("/" + "a" * 100_000 + "?", None),
    ],
)
def test_the_page_an_address_is_written_to(address, pagename):
    assert redirect_pagename(address) == pagename
