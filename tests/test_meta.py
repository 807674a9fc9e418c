"""A <meta name="description"> on every page: the front matter's, else the first paragraph, else the home page's."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from sphinx_academic_homepage.meta import MAX_DESCRIPTION_LENGTH, shorten


def _descriptions(app, page: str) -> list[str]:
    soup = BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")
    return [tag["content"] for tag in soup.select('meta[name="description"]')]


@pytest.mark.sphinx("html", testroot="meta")
def test_descriptions_of_each_kind_of_page(app):
    app.build()
    home = 'Physics of AI & "AI for AI" <research>'
    assert _descriptions(app, "index.html") == [home]
    (long,) = _descriptions(app, "long.html")
    assert long.startswith("Grokking, neural scaling laws and interpretable networks: this paragraph runs well past")
    assert long.endswith("…") and len(long) <= MAX_DESCRIPTION_LENGTH
    assert _descriptions(app, "listfirst.html") == ["Short opening text."]
    assert _descriptions(app, "bad.html") == ["The paragraph used instead."]
    # No text of its own: the home page's description stands for the site.
    assert _descriptions(app, "empty.html") == [home]
    assert _descriptions(app, "search.html") == [home]
    assert _descriptions(app, "own.html") == ["Written by the page itself."]
    # al-folio's empty default is no description: the first paragraph, and no warning (pinned below).
    assert _descriptions(app, "blank.html") == [
        "al-folio writes an empty description into new pages: the first paragraph speaks for this one."
    ]
    # A body that starts with an HTML block, or a paragraph with tags in it: their text, never their tags.
    assert _descriptions(app, "htmlfirst.html") == ["I study the physics of AI at the Lab & elsewhere."]
    assert _descriptions(app, "inlinetags.html") == ["Bold words open this paragraph, italic ones follow."]
    # Escaped in the HTML source, not just parsed back.
    assert 'content="Physics of AI &amp; &quot;AI for AI&quot; &lt;research&gt;"' in (app.outdir / "index.html").read_text()
    assert strip_colors(app.warning.getvalue()).splitlines() == [
        f"{app.srcdir / 'bad.md'}:3: WARNING: front matter 'description' should be a non-empty text, not 42; "
        "using the first paragraph [homepage.meta]"
    ]


@pytest.mark.sphinx("html", testroot="meta")
def test_descriptions_in_a_parallel_build(make_app, rootdir, tmp_path):
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-meta", srcdir)
    app = make_app("html", srcdir=srcdir, parallel=2)
    app.build()
    assert _descriptions(app, "listfirst.html") == ["Short opening text."]
    assert _descriptions(app, "empty.html") == ['Physics of AI & "AI for AI" <research>']
    assert strip_colors(app.warning.getvalue()).count("WARNING") == 1  # bad.md's, once


def test_shorten_cuts_at_a_word():
    assert shorten("  two\n  lines ") == "two lines"
    text = "word " * 60
    short = shorten(text)
    assert short == ("word " * 31).strip() + "…" and len(short) <= MAX_DESCRIPTION_LENGTH
    assert shorten("x" * 200) == "x" * 159 + "…"


def test_real_site_pages_have_their_own_description(site):
    """Each page is described by its own first paragraph of body text (not the profile card, not a list)."""
    for page in ("index.html", "research/index.html", "papers/index.html", "about/index.html"):
        soup = site.page(page)
        (description,) = [tag["content"] for tag in soup.select('meta[name="description"]')]
        paragraphs = [
            " ".join(p.get_text(" ").split())
            for p in soup.select("article p")
            if not p.find_parent(class_=re.compile(r"^homepage-")) and p.find_parent(["li", "dd", "td"]) is None
            # The extension's own lines (the CV page's "Download the CV (PDF)") are not the page's words.
            and not any(name.startswith("homepage-") for name in p.get("class", []))
        ]
        first = next(text for text in paragraphs if text)
        assert len(description) <= 161, page
        assert first.replace(" .", ".").startswith(description.rstrip("…")[:60].replace(" .", ".")), page
    home = site.page("index.html").select_one('meta[name="description"]')["content"]
    assert home.startswith("Hi! I’m Ziming Liu")
    assert len(site.page("search.html").select('meta[name="description"]')) == 1


@pytest.mark.sphinx(
    "html",
    testroot="meta",
    confoverrides={"extensions": ["myst_parser", "sphinx_academic_homepage", "sphinxext.opengraph"], "ogp_site_url": "https://example.org/"},
)
def test_one_description_beside_opengraph(app):
    """sphinxext-opengraph writes a description of its own when a page has none: ours comes first, so it
    adds only its og: tags."""
    app.build()
    assert _descriptions(app, "index.html") == ['Physics of AI & "AI for AI" <research>']
    assert _descriptions(app, "listfirst.html") == ["Short opening text."]
    soup = BeautifulSoup((app.outdir / "listfirst.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one('meta[property="og:description"]') is not None
