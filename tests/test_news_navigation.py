"""The news page in the navbar, as al-folio allows: only where ``homepage_navigation`` lists it (al-folio keeps
it off the navbar unless its page says ``nav: true``), and only while there is news to list."""

from __future__ import annotations

import shutil

from buildutil import ROOTS, build


def _navbar(result, name: str) -> list[tuple[str, str]]:
    page = result.page(name)
    return [(a.get_text(strip=True), a["href"]) for a in page.select("header.bd-header ul.navbar-nav a")]


def test_the_news_page_is_linked_where_the_setting_lists_it(tmp_path):
    settings = {"html_theme": "pydata_sphinx_theme", "homepage_navigation": ["news <news/index>", "index"]}
    result = build(ROOTS / "test-news", tmp_path, confoverrides=settings)
    assert result.warnings == []
    # "Elsewhere" comes from the home page's own toctree, before the setting's entries.
    assert _navbar(result, "index.html") == [("Elsewhere", "elsewhere.html"), ("news", "news/index.html"), ("about", "#")]
    assert _navbar(result, "news/index.html") == [
        ("Elsewhere", "../elsewhere.html"), ("news", "#"), ("about", "../index.html")
    ]


def test_unlisted_it_stays_off_the_navbar(tmp_path):
    result = build(ROOTS / "test-news", tmp_path, confoverrides={"html_theme": "pydata_sphinx_theme"})
    assert "news" not in [label for label, _ in _navbar(result, "index.html")]


def test_listed_with_no_news_it_is_left_out_quietly(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-news", srcdir)
    shutil.rmtree(srcdir / "news")
    settings = {"html_theme": "pydata_sphinx_theme", "homepage_navigation": ["index", "news/index"]}
    result = build(srcdir, tmp_path / "build", confoverrides=settings)
    assert result.warnings == []
    assert _navbar(result, "index.html") == [("Elsewhere", "elsewhere.html"), ("about", "#")]
