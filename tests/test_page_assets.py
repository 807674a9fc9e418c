"""Each page links only the stylesheets and scripts it uses; the search tools load on the search page only."""

from __future__ import annotations

import posixpath

import pytest
from bs4 import BeautifulSoup
from sphinx.builders.html._assets import _JavaScript
from sphinx_academic_homepage.page_assets import reads_options

SEARCH_TOOLS = {"searchtools.js", "language_data.js", "searchindex.js", "doctools.js", "sphinx_highlight.js"}
OPTIONAL = {"sphinx-design.min.css", "design-tabs.js", "pygments.css"}


def _assets(soup: BeautifulSoup) -> set[str]:
    urls = [tag["src"] for tag in soup.select("script[src]")]
    urls += [tag["href"] for tag in soup.select('link[rel="stylesheet"]')]
    return {posixpath.basename(url.split("?", 1)[0]) for url in urls}


@pytest.mark.sphinx("html", testroot="page-assets")
def test_assets_follow_what_each_page_uses(app):
    app.build()

    def assets(page: str) -> set[str]:
        return _assets(BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser"))

    assert assets("index.html") & (OPTIONAL | SEARCH_TOOLS) == set()
    assert assets("card.html") & (OPTIONAL | SEARCH_TOOLS) == {"sphinx-design.min.css"}
    assert assets("tabs.html") & (OPTIONAL | SEARCH_TOOLS) == {"sphinx-design.min.css", "design-tabs.js"}
    assert assets("code.html") & (OPTIONAL | SEARCH_TOOLS) == {"pygments.css"}
    assert assets("rawhtml.html") & (OPTIONAL | SEARCH_TOOLS) == {"sphinx-design.min.css"}
    assert {"doctools.js", "sphinx_highlight.js", "searchtools.js", "language_data.js"} <= assets("search.html")
    # Assets every page needs stay everywhere. Sphinx's DOCUMENTATION_OPTIONS too, with a theme other than
    # pydata-sphinx-theme: its templates may have scripts that read it (the real site's pages drop it, below).
    for page in ("index.html", "card.html", "tabs.html", "search.html"):
        assert {"documentation_options.js", "basic.css"} <= assets(page)
    assert app.warning.getvalue() == ""


def test_real_site_pages_skip_unused_assets(site):
    for page in ("index.html", "research/index.html", "papers/index.html", "about/index.html"):
        assets = _assets(site.page(page))
        assert assets & SEARCH_TOOLS == set(), page
        assert "pydata-sphinx-theme.css" in assets and any(name.startswith("homepage") for name in assets), page
        # Nothing on these pages reads Sphinx's options: first paint does not wait for them, nor for the
        # theme's lines that add to them (which would fail without them).
        assert "documentation_options.js" not in assets, page
        assert "DOCUMENTATION_OPTIONS" not in (site.outdir / page).read_text(encoding="utf-8"), page
        # The theme's fontawesome.js draws only "fa-custom" icons, which this site has none of.
        assert "fontawesome.js" not in assets, page
        # basic.css linked in place of theme.css (whose only line imports it), first, before the theme's rules.
        stylesheets = [posixpath.basename(tag["href"].split("?")[0]) for tag in site.page(page).select('link[rel="stylesheet"]')]
        assert stylesheets[:2] == ["basic.css", "pydata-sphinx-theme.css"], page
        assert "theme.css" not in stylesheets, page
        # Nothing preloaded: the theme's deferred scripts do not compete with the stylesheets first paint needs.
        assert site.page(page).select('link[rel="preload"]') == [], page
        # The site's own script for the theme's controls, in place of the theme's two.
        deferred = [posixpath.basename(tag["src"].split("?")[0]) for tag in site.page(page).select("script[defer][src]")]
        assert "theme-controls.js" in deferred, page
        assert {"bootstrap.js", "pydata-sphinx-theme.js"} & set(deferred) == set(), page
        # The copy-BibTeX buttons' script only where there are such buttons.
        assert ("publications.js" in deferred) == (page in ("index.html", "papers/index.html")), page
    search = _assets(site.page("search.html"))
    assert SEARCH_TOOLS | {"documentation_options.js"} <= search
    assert "DOCUMENTATION_OPTIONS.pagename = 'search';" in (site.outdir / "search.html").read_text(encoding="utf-8")
    # The theme's search tools are written once on the search page, not twice.
    html = (site.outdir / "search.html").read_text(encoding="utf-8")
    assert html.count("searchtools.js") == 1 and html.count("searchindex.js") == 1


@pytest.mark.sphinx("html", testroot="page-assets")
def test_assets_follow_each_page_in_a_parallel_build(make_app, rootdir, tmp_path):
    """Pages written by worker processes (-j 2) drop the same assets, and the list of one page does not
    leak into the next."""
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-page-assets", srcdir)
    app = make_app("html", srcdir=srcdir, parallel=2)
    app.build()

    def assets(page: str) -> set[str]:
        return _assets(BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")) & OPTIONAL

    assert [assets(page) for page in ("index.html", "card.html", "tabs.html", "code.html")] == [
        set(), {"sphinx-design.min.css"}, {"sphinx-design.min.css", "design-tabs.js"}, {"pygments.css"}
    ]
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="unused-css")
def test_the_extensions_layout_serves_any_pydata_site(app):
    """A site without its own layout.html gets the extension's: no search scripts, theme.css or preloads."""
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assets = _assets(soup)
    assert assets & (SEARCH_TOOLS | {"theme.css", "fontawesome.js"}) == set()
    assert soup.select('link[rel="preload"]') == []
    assert SEARCH_TOOLS <= _assets(BeautifulSoup((app.outdir / "search.html").read_text(encoding="utf-8"), "html.parser"))


def test_the_options_stay_for_any_script_that_may_read_them():
    """Only the scripts known not to read DOCUMENTATION_OPTIONS, and the lines that only add to it, let it go."""
    ours = [_JavaScript("_static/documentation_options.js"), _JavaScript("_static/theme-controls.js", defer="defer")]
    adds = [_JavaScript(None, body="DOCUMENTATION_OPTIONS.pagename = 'index';")]
    assert not reads_options(ours + adds + [_JavaScript("_static/publications.js", defer="defer")])
    assert reads_options(ours + [_JavaScript("_static/site.js")])
    assert reads_options(ours + [_JavaScript("https://example.org/widget.js")])
    assert reads_options(ours + [_JavaScript(None, body="console.log(DOCUMENTATION_OPTIONS.VERSION);")])
    assert reads_options(ours + [_JavaScript(None, body="DOCUMENTATION_OPTIONS.x = 1; alert(DOCUMENTATION_OPTIONS.x);")])
