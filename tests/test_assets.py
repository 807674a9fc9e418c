"""The extension's component stylesheets reach every page as one file, homepage.css (homepage.assets)."""

from __future__ import annotations

import posixpath

from sphinx_academic_homepage.assets import STATIC_DIR


def _stylesheets(soup) -> list[str]:
    return [posixpath.basename(tag["href"].split("?")[0]) for tag in soup.select('link[rel="stylesheet"]')]


def test_every_page_links_one_extension_stylesheet_after_the_themes(site):
    for page in ("index.html", "research/index.html", "papers/index.html", "about/index.html", "search.html"):
        stylesheets = _stylesheets(site.page(page))
        assert stylesheets.count("homepage.css") == 1, page
        assert not {"profile.css", "social.css", "publications.css", "icon-font.css"} & set(stylesheets), page
        # After the theme's rules, so that ours override them at the same specificity.
        assert stylesheets.index("pydata-sphinx-theme.css") < stylesheets.index("homepage.css"), page


def test_the_bundle_holds_each_component_stylesheet_whole_in_order(site):
    bundle = (site.outdir / "_static" / "homepage.css").read_text(encoding="utf-8")
    positions = []
    for name in ("icon-font.css", "profile.css", "publications.css", "social.css"):
        source = (STATIC_DIR / name).read_text(encoding="utf-8").strip()
        assert f"/* {name} */\n{source}\n" in bundle, name
        positions.append(bundle.index(f"/* {name} */"))
    assert positions == sorted(positions)


def test_page_specific_stylesheets_stay_on_their_pages(site):
    assert "cv.css" in _stylesheets(site.page("about/index.html"))
    assert "cv.css" not in _stylesheets(site.page("index.html"))
