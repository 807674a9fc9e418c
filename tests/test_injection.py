"""Injection: markup and script in user fields render inert, or as markup only in al-folio's HTML fields.

``tests/roots/test-inject-fields`` puts HTML, script, event handlers, quotes and ``javascript:``/
``vbscript:``/``data:`` URLs into every field a user writes: the front matter title, subtitle and
more_info, the owner's name, social entries (shown in the page's row and in the navbar), news items and
their titles, CV titles, names and values (al-folio writes these out as HTML: here they keep their inline
markup), Markdown links and raw HTML in the body. The built pages must
hold no element, attribute or URL that runs code, every refusal must warn with its file and line, and
every external link must carry ``rel="noopener"``.
"""

from __future__ import annotations

import pytest

from buildutil import build, copy_root, text_of
from sphinx_academic_homepage.safehtml import DANGEROUS_SCHEMES, URL_ATTRIBUTES, add_noopener, is_dangerous_url

W = "WARNING: "
PAGES = ("index.html", "cv.html", "news/index.html", "news/item.html", "news/titled.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("inject")
    return build(copy_root("inject-fields", workdir), workdir / "_build")


def test_every_refusal_warns_once_with_its_line(built):
    assert built.warnings == [
        # The CV page is read first; each CV value's HTML warns at its line of the CV file.
        f"cv.yaml:1: {W}CV field 'title': removed <script> [homepage.html]",
        f"cv.yaml:13: {W}CV field 'title': removed <img> [homepage.html]",
        f"cv.yaml:17: {W}CV item: removed the javascript: URL in <a href> [homepage.html]",
        f"cv.yaml:18: {W}CV item: removed the onclick attribute of <a> [homepage.html]",
        # Links are checked first, as the page is read; then its raw HTML, after the other extensions' handlers.
        f"index.md:16: {W}the Markdown link to a javascript: URL is not made a link (it could run code); it shows as text "
        "[homepage.url]",
        f"index.md:4: {W}front matter 'subtitle': removed <script>, the javascript: URL in <a href>, <img> [homepage.html]",
        f"index.md:7: {W}front matter 'profile.more_info': removed the onclick attribute of <p>, the javascript: URL in "
        "<a href>, <iframe> [homepage.html]",
        # One warning for the inline tags of a paragraph (markdown-it makes a raw node of each).
        f"index.md:16: {W}raw HTML: removed the vbscript: URL in <a href>, the data: URL in <img src> [homepage.html]",
        # Once, where the item is read; not again for each list that shows it.
        f"news/item.md:6: {W}raw HTML: removed the javascript: URL in <a href> [homepage.html]",
    ]


@pytest.mark.parametrize("name", PAGES)
def test_no_page_holds_anything_that_runs(built, name):
    soup = built.page(name)
    for tag in soup.find_all(True):
        assert tag.name not in ("iframe", "object", "embed", "frame", "applet"), tag
        for attribute, value in tag.attrs.items():
            assert not attribute.startswith("on"), (tag.name, attribute, value)
            if attribute in URL_ATTRIBUTES and isinstance(value, str):
                assert not is_dangerous_url(value), (tag.name, attribute, value)
        if tag.name == "script":
            # The theme's and Sphinx's own scripts only: none carries the scenario's payloads.
            assert "alert" not in (tag.string or ""), tag
    # Every payload is visible as text somewhere or gone, but no markup made from it.
    assert soup.select("img[src=x]") == []


def external_links(soup, scope: str = ""):
    links = soup.select(f"{scope} a[href], {scope} area[href]".strip()) if scope else soup.find_all(["a", "area"], href=True)
    return [a for a in links if a["href"].startswith(("http://", "https://", "//"))]


@pytest.mark.parametrize("name", PAGES)
def test_external_links_carry_noopener(built, name):
    # The page's content and the navbar (the scenario keeps the theme's own footer, whose links are the theme's).
    soup = built.page(name)
    links = external_links(soup, "[role=main]") + external_links(soup, ".bd-header")
    assert links
    for link in links:
        assert "noopener" in link.get("rel", []), link


def test_every_external_link_of_the_real_site_carries_noopener(site):
    pages = sorted(site.outdir.rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        links = external_links(site.page(str(path.relative_to(site.outdir))))
        for link in links:
            assert "noopener" in link.get("rel", []), (path.name, str(link)[:120])


def test_html_fields_keep_their_markup(built):
    home = built.page("index.html")
    subtitle = home.select_one("div.homepage-subtitle")
    assert subtitle.select_one("b").get_text() == "Bold subtitle"
    assert [a.get("href") for a in subtitle.select("a")] == [None]  # the link's text stays, its URL does not
    assert subtitle.select("img, script") == []  # a field holds inline text markup only
    more_info = home.select_one(".homepage-profile__more-info")
    assert [(a.get("href"), a.get_text()) for a in more_info.select("a")] == [
        ("https://ada.example.org/office", "map"),
        ("tel:+441234", "call"),
        (None, "mixed case"),
        (None, "entity"),
    ]
    assert text_of(more_info) == "Office map call mixed case entity"


def test_text_fields_show_markup_as_text(built):
    home = built.page("index.html")
    # The front matter title labels the page: in <title>, the navbar and Open Graph, always as text.
    assert home.title.get_text().startswith("<script>alert('title')</script>about")
    nav = [text_of(a) for a in home.select(".bd-header .navbar-nav a.nav-link")]
    assert nav == ["<script>alert('title')</script>about", "cv"]
    assert home.select_one("meta[property='og:title']")["content"] == "<script>alert('title')</script>about"
    assert "A quote “> and 5 < 6 in the text." in home.select_one("meta[property='og:description']")["content"]
    # The owner's name heads the page as text.
    assert text_of(home.select_one("[role=main] h1")) == "Ada <i>Lovelace</i>"
    # Social titles: the page's row and the navbar's icon links name the entry with the text as written.
    row = home.select("nav.homepage-social a.homepage-social__link")
    assert [(a["href"], a["title"]) for a in row] == [
        ("https://github.com/ada%22%3E%3Cscript%3Ealert('gh')%3C/script%3E", "GitHub"),
        ('https://lab.example.org/?a=1&b="2"', "<img src=x onerror=alert('title')>Lab"),
    ]
    icons = home.select(".bd-header ul.navbar-icon-links a")
    assert [(a["href"], a["title"], text_of(a)) for a in icons] == [
        ("https://github.com/ada%22%3E%3Cscript%3Ealert('gh')%3C/script%3E", "GitHub", "GitHub"),
        ('https://lab.example.org/?a=1&b="2"', "<img src=x onerror=alert('title')>Lab", "<img src=x onerror=alert('title')>Lab"),
    ]


def test_markdown_and_raw_links_in_the_body(built):
    body = built.page("index.html").select_one("[role=main] section > p:not(.homepage-subtitle)")
    links = [(a.get("href"), text_of(a)) for a in body.select("a")]
    assert links == [("https://example.org/paper", "normal one"), (None, "raw HTML link")]
    assert "[Markdown javascript link](javascript:alert(‘md’))" in text_of(body)
    assert body.select_one("img")["alt"] == "data image" and not body.select_one("img").has_attr("src")


def test_news_items_and_titles(built):
    home = built.page("index.html")
    rows = [text_of(row) for row in home.select("#news .homepage-news__item")]
    assert rows == ["May 01, 2024 News with a raw link and a safe one .", "Apr 01, 2024 <img src=x onerror=alert('news-title')>Talk"]
    item_links = [(a.get("href"), text_of(a)) for a in home.select("#news .homepage-news__item a")]
    assert item_links[:2] == [(None, "raw link"), ("https://news.example.org/", "a safe one")]
    titled = built.page("news/titled.html")
    assert text_of(titled.select_one("[role=main] h1")) == "<img src=x onerror=alert('news-title')>Talk"


def test_cv_fields_keep_their_markup_and_lose_what_runs(built):
    cv = built.page("cv.html")
    headings = [text_of(h) for h in cv.select("section.homepage-cv__section > h2")]
    assert headings == ["General", "Positions"]
    assert cv.select("[role=main] :is(script, img, [onclick], [onerror])") == []
    pairs = [(text_of(dt), "".join(dd.get_text().split())) for dt, dd in zip(cv.select("dt"), cv.select("dd"))]
    # A value that is not an address stays text (Sphinx's smart quotes curl its quotes, as in any paragraph).
    assert pairs == [
        ("Homepage", "javascript:alert(‘cv-value’)"),
        ("Email", "ada@example.org"),
        ("Web", "https://ada.example.org/cv"),
    ]
    assert [b.string for b in cv.select("dt b")] == ["Email"]
    assert [a["href"] for a in cv.select(".homepage-cv__map a")] == ["mailto:ada%40example.org", "https://ada.example.org/cv"]
    entry = cv.select_one(".homepage-cv__entry")
    assert text_of(entry) == (
        "2020 Fellow Somewhere text, not a link Lovelace, A. and B. Babbage , The Engine"
    )
    assert [i.string for i in entry.select(".homepage-cv__institution i")] == ["Somewhere"]
    assert [(u.string, b.string) for u, b in zip(entry.select("u"), entry.select("b"))] == [("Lovelace, A.", "B. Babbage")]
    links = [(a.get("href"), a.get("rel"), text_of(a)) for a in entry.select("a")]
    assert links == [(None, None, "text, not a link"), ("https://ada.example.org/engine", ["noopener"], "The Engine")]


# -- The page body's rel=noopener pass ------------------------------------------------------------------


def test_noopener_joins_an_existing_rel_and_leaves_the_rest_untouched():
    html = (
        '<a href="https://a.org" rel="me">a</a> <a href="#x">b</a> <a href="//c.org">c</a> '
        '<a href="https://d.org" rel="noopener">d</a> <a href="mailto:x@y.z">e</a>'
    )
    assert add_noopener(html) == (
        '<a href="https://a.org" rel="me noopener">a</a> <a href="#x">b</a> <a href="//c.org" rel="noopener">c</a> '
        '<a href="https://d.org" rel="noopener">d</a> <a href="mailto:x@y.z">e</a>'
    )


@pytest.mark.parametrize("scheme", sorted(DANGEROUS_SCHEMES))
def test_dangerous_schemes_however_spelt(scheme):
    for spelling in (scheme, scheme.upper(), f" {scheme}", f"{scheme[:2]}\t{scheme[2:]}", f"\x00{scheme}"):
        assert is_dangerous_url(f"{spelling}:x")
    assert not is_dangerous_url(f"https://example.org/{scheme}:x")


# -- Publications ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_bib(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("inject-bib")
    return build(copy_root("inject-bib", workdir), workdir / "_build")


def test_bib_link_fields_refuse_executable_urls_with_one_warning(built_bib):
    assert built_bib.warnings == [
        f"refs.bib:13: {W}links: html link uses javascript:, which is not allowed; the link is left out; pdf link uses "
        "data:, which is not allowed; the link is left out; slides link uses javascript:, which is not allowed; the "
        "link is left out; website link uses vbscript:, which is not allowed; the link is left out [homepage.url]",
    ]
    links = built_bib.page("index.html").select_one('li.homepage-pub[id="links"]')
    # Besides the entry's own paper page (its title links there), only the one safe link is left.
    external = [a for a in links.find_all("a", href=True) if "homepage-pub__page" not in (a.get("class") or [])]
    assert [(a["href"], a.get("rel")) for a in external] == [("https://example.org/code", ["noopener"])]
    assert [a["href"] for a in links.select("a.homepage-pub__page")] == ["papers/links.html"]


def test_bib_text_fields_show_markup_as_text(built_bib):
    soup = built_bib.page("index.html")
    fields = soup.select_one('li.homepage-pub[id="fields"]')
    assert text_of(fields.select_one(".homepage-pub__title")) == '<script>alert("title")</script> and <b>bold</b> and "quoted"'
    authors = "".join(fields.select_one(".homepage-pub__authors").get_text().split("\n"))
    assert authors == 'Ada Lovelace, <img src=x onerror=alert("author")>, and Eve O"><svg onload=alert(1)>'
    assert text_of(fields.select_one(".homepage-pub__venue")).startswith('Journal "><script>alert("journal")</script>')
    abstract = text_of(fields.select_one(".homepage-pub__abstract"))
    assert 'Before <script>alert("abstract")</script> after <img src=x onerror=alert("abstract-img")>.' in abstract
    note = fields.select_one(".homepage-pub__note")
    assert text_of(note) == "<a href=\"javascript:alert('note')\">raw</a> and fine"
    assert [(a["href"], a.get("rel")) for a in note.find_all("a")] == [("https://example.org/ok", ["noopener"])]
    # The BibTeX to copy holds the fields as written, as text.
    assert 'title   = {<script>alert("title")</script>' in fields.select_one(".homepage-pub__bibtex").get_text()
    # A key with markup is an anchor and nothing more: its characters unsafe in a link become "-".
    assert soup.select_one('li.homepage-pub[id="key-script-alert(1)-/script"]') is not None


def test_no_publication_holds_anything_that_runs(built_bib):
    soup = built_bib.page("index.html")
    for tag in soup.find_all(True):
        assert tag.name not in ("iframe", "object", "embed", "svg") or not tag.find_parent("li", class_="homepage-pub"), tag
        for attribute, value in tag.attrs.items():
            assert not attribute.startswith("on"), (tag.name, attribute)
            if attribute in URL_ATTRIBUTES and isinstance(value, str):
                assert not is_dangerous_url(value), (tag.name, attribute, value)
        if tag.name == "script":
            assert "alert" not in (tag.string or ""), tag
    assert soup.select("img[src=x]") == []
