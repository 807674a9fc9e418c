"""The extension's stylesheets reach each page as one file (homepage.assets): ``homepage.css``, the component
stylesheets every page needs, or, on a page that needs more of them (the CV's, a post's math), one file of
``homepage.css`` and those, named by its digest."""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path
from types import SimpleNamespace

from buildutil import stylesheets
from sphinx.builders.html._assets import _CascadingStyleSheet
from sphinx_academic_homepage.assets import STATIC_DIR, one_stylesheet_per_page

PAGES = ("index.html", "research/index.html", "papers/index.html", "about/index.html", "search.html")


def _linked(soup) -> list[str]:
    return [posixpath.basename(tag["href"].split("?")[0]) for tag in soup.select('link[rel="stylesheet"]')]


def test_every_page_links_one_extension_stylesheet_after_the_themes(site):
    for page in PAGES:
        linked = _linked(site.page(page))
        own = [name for name in linked if name.startswith("homepage")]
        assert len(own) == 1, (page, linked)
        assert not {"profile.css", "social.css", "publications.css", "icon-font.css", "cv.css"} & set(linked), page
        # After the theme's rules, so that ours override them at the same specificity.
        assert linked.index("pydata-sphinx-theme.css") < linked.index(own[0]), page


def test_the_bundle_holds_each_component_stylesheet_whole_in_order(site):
    bundle = (site.outdir / "_static" / "homepage.css").read_text(encoding="utf-8")
    positions = []
    for name in ("icon-font.css", "profile.css", "publications.css", "social.css"):
        source = (STATIC_DIR / name).read_text(encoding="utf-8").strip()
        assert f"/* {name} */\n{source}\n" in bundle, name
        positions.append(bundle.index(f"/* {name} */"))
    assert positions == sorted(positions)


def test_page_specific_rules_reach_their_pages_only(site):
    assert "cv.css" in stylesheets(site.outdir, "about/index.html")
    assert "cv.css" not in stylesheets(site.outdir, "index.html")


def test_a_page_with_its_own_rules_gets_them_merged_with_homepage_css(site):
    """The CV page: homepage.css and cv.css, whole and in that order, in one file named by its text's digest."""
    static = site.outdir / "_static"
    (name,) = [name for name in _linked(site.page("about/index.html")) if name.startswith("homepage")]
    merged = (static / name).read_text(encoding="utf-8")
    homepage = (static / "homepage.css").read_text(encoding="utf-8").strip()
    cv = (STATIC_DIR / "cv.css").read_text(encoding="utf-8").strip()
    assert merged == f"/* homepage.css */\n{homepage}\n\n/* cv.css */\n{cv}\n"
    assert name == f"homepage-{hashlib.sha256(merged.encode('utf-8')).hexdigest()[:12]}.css"
    # The pages that need no more than homepage.css keep linking it.
    assert "homepage.css" in _linked(site.page("index.html"))


def test_merging_keeps_other_stylesheets_in_their_places(tmp_path):
    """Only the package's stylesheets are merged, into the place of the first; another extension's stays
    between, and a page with one of ours is left alone."""
    static = tmp_path / "out" / "_static"
    static.mkdir(parents=True)
    for name, text in (("homepage.css", "a{}"), ("math.css", "b{}"), ("blog.css", "c{}"), ("other.css", "d{}")):
        (static / name).write_text(text, encoding="utf-8")
    (tmp_path / "doctrees" / "homepage-static").mkdir(parents=True)
    (tmp_path / "doctrees" / "homepage-static" / "homepage.css").write_text("a{}", encoding="utf-8")
    app = SimpleNamespace(outdir=tmp_path / "out", doctreedir=tmp_path / "doctrees")

    def merged(names: list[str]) -> list[str]:
        context = {"css_files": [_CascadingStyleSheet(f"_static/{name}", priority=500) for name in names]}
        one_stylesheet_per_page(app, "page", "page.html", context, None)
        return [str(stylesheet.filename) for stylesheet in context["css_files"]]

    text = "/* homepage.css */\na{}\n\n/* math.css */\nb{}\n\n/* blog.css */\nc{}\n"
    name = f"_static/homepage-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}.css"
    assert merged(["basic.css", "homepage.css", "other.css", "math.css", "blog.css"]) == ["_static/basic.css", name, "_static/other.css"]
    assert (tmp_path / "out" / name).read_text(encoding="utf-8") == text
    assert merged(["homepage.css", "other.css"]) == ["_static/homepage.css", "_static/other.css"]
    # A file of the site's own with a component's name in another folder is not the package's.
    assert merged(["homepage.css", "css/math.css"]) == ["_static/homepage.css", "_static/css/math.css"]
    assert sorted(path.name for path in Path(static).iterdir()) == sorted(["homepage.css", "math.css", "blog.css", "other.css", Path(name).name])
