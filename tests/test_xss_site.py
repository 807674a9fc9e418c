"""The payload site (``tests/xss_site.py``): every vector in every user-HTML place, read from the built pages.

The browser half (nothing runs when the pages are opened) is ``tests/browser/test_xss.py``; here the HTML
itself: no event handler, no script URL, no ``<base>`` or ``<meta http-equiv=refresh>``, no script, frame,
form or foreign content in the content, nothing loaded from another host, and every warning located.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from sphinx_academic_homepage.urls import url_scheme
from xss_site import PAGES

URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "action", "formaction", "xlink:href", "data", "cite", "background")
LOADED_ATTRIBUTES = ("src", "srcset", "poster", "data", "background")


@pytest.mark.parametrize("name", PAGES)
def test_no_page_holds_anything_that_runs(payload_site, name):
    soup = payload_site.page(name)
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), (name, tag.name, attribute)
            if attribute in URL_ATTRIBUTES:
                for url in (value.split(",") if attribute == "srcset" else [value]):
                    assert url_scheme(url.strip()) not in ("javascript", "vbscript", "data"), (name, tag.name, url)
        if tag.name == "script":
            assert tag.get("src", "").startswith(("_static/", "../_static/")) or "alert" not in (tag.string or ""), tag
            assert "__pwned" not in (tag.string or "") and "alert(" not in (tag.string or ""), tag
    assert soup.find_all("base") == []
    assert [meta for meta in soup.find_all("meta") if meta.get("http-equiv", "").lower() == "refresh"] == []


@pytest.mark.parametrize("name", PAGES)
def test_the_content_holds_no_script_frame_form_or_foreign_content(payload_site, name):
    main = payload_site.page(name).select_one("main")
    # (The publication list's own copy buttons are the site's: buttons are no risk without a form.)
    forbidden = main.find_all(["script", "style", "iframe", "frame", "object", "embed", "form", "input", "textarea", "select", "svg", "math", "template", "noscript", "link", "meta", "base"])
    assert forbidden == []


@pytest.mark.parametrize("name", PAGES)
def test_nothing_is_loaded_from_another_host(payload_site, name):
    soup = payload_site.page(name)
    for tag in soup.find_all(True):
        for attribute in LOADED_ATTRIBUTES:
            value = tag.get(attribute)
            if isinstance(value, str):
                for url in value.split(","):
                    url = url.strip().replace("\\", "/")
                    assert not (url.startswith("//") or url_scheme(url) in ("http", "https")), (name, tag.name, url)


@pytest.mark.parametrize("name", PAGES)
def test_no_element_id_shadows_a_document_property(payload_site, name):
    # Sections are named by Sphinx after their headings; a section's id is no property of document.
    ids = {tag["id"].lower() for tag in payload_site.page(name).select("main [id]") if tag.name != "section"}
    assert ids.isdisjoint({"cookie", "defaultview", "location", "getelementbyid", "body", "currentscript",
                           "documentelement", "submit", "elements", "domain", "referrer", "implementation"})


def test_every_warning_is_located_and_the_build_finished(payload_site):
    located = re.compile(r"^[\w./-]+\.(md|yaml|bib|rst)(:\d+)?: (WARNING|ERROR): ")
    assert payload_site.warnings and [line for line in payload_site.warnings if not located.match(line)] == []
    assert "Traceback" not in payload_site.status
    assert all((payload_site.outdir / name).is_file() for name in PAGES)


def test_the_user_html_places_were_filled(payload_site):
    # Guards the scenario: each place holds the vectors' harmless remains, not an empty page.
    home = payload_site.page("index.html")
    assert home.select_one("div.homepage-subtitle") is not None
    assert home.select_one(".homepage-profile__more-info a") is not None
    assert len(payload_site.page("body.html").select("main p")) > 150
    assert len(payload_site.page("papers.html").select("li.homepage-pub")) > 100
    assert "embed" in " ".join(a.get("class", [""])[0] for a in payload_site.page("body.html").select("main a[class]"))


MISSING_X = "WARNING: image file not readable: x [image.not_readable]"


@pytest.mark.parametrize(
    ("vector", "warning", "sphinx"),
    [
        ("<!--><img src=x onerror=alert(1)>-->", "removed the onerror attribute of <img>", None),
        # Not an HTML block for markdown-it (text follows the first tag): a paragraph of inline tags, one warning
        # for them all; myst-parser makes the <img> an image (no onerror), whose file x is missing.
        ("<svg><style><img src=x onerror=alert(1)></style></svg>", "removed <svg>, <style>", MISSING_X),
        ("<math><mtext><mglyph><style><img src=x onerror=alert(1)></style></mglyph></mtext></math>",
         "removed <math>, <mtext> (its content is kept), <mglyph> (its content is kept), <style>", MISSING_X),
        ('<textarea><p title="</textarea><img src=x onerror=alert(1)>">',
         "removed <textarea>, the onerror attribute of <img>", None),
        ("<script>alert(1)</script>", "removed <script>", None),
        ('<base href="https://evil.example/">', "removed <base>", None),
        ('<meta http-equiv=refresh content="0;url=https://evil.example/">', "removed <meta>", None),
        ('<a href="java\tscript:alert(1)">link</a>', "removed the javascript: URL in <a href>", None),
        ('<p style="width:expression(alert(1))">x</p>', "removed the style of <p> (only plain CSS properties are allowed)", None),
        ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "removed <iframe>", None),
    ],
)
def test_a_hostile_block_gives_one_warning_at_its_line(payload_site, vector, warning, sphinx):
    text = (payload_site.srcdir / "body.md").read_text(encoding="utf-8")
    line = text[: text.index(f"\n{vector}\n")].count("\n") + 2
    expected = [f"body.md:{line}: WARNING: raw HTML: {warning} [homepage.html]"]
    if sphinx:
        expected.insert(0, f"body.md:{line}: {sphinx}")
    assert [w for w in payload_site.warnings if w.startswith(f"body.md:{line}: ")] == expected


def test_the_news_feed_carries_nothing_that_runs(payload_site):
    # Feed readers show each entry's content as HTML: it is the sanitised HTML of the item's page.
    feed = ElementTree.parse(payload_site.outdir / "news" / "feed.xml").getroot()
    contents = [entry.text or "" for entry in feed.iter("{http://www.w3.org/2005/Atom}content")]
    assert len(contents) == 2 and all(contents)
    for content in contents:
        soup = BeautifulSoup(content, "html.parser")
        assert soup.find_all(["script", "style", "iframe", "object", "embed", "svg", "math", "base", "meta", "form"]) == []
        for tag in soup.find_all(True):
            assert not any(attribute.startswith("on") for attribute in tag.attrs), tag
            assert url_scheme(tag.get("href", "")) not in ("javascript", "vbscript", "data"), tag
