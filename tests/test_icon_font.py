"""The icon font subsets hold exactly the glyphs the theme and the extension draw, and icon-font.css serves
each for exactly those."""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest

from conftest import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location("make_icon_font_subset", PROJECT_ROOT / "scripts" / "make_icon_font_subset.py")
icon_font = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = icon_font  # its dataclasses look their module up there
_spec.loader.exec_module(icon_font)

REBUILD = "the theme or the social icons changed: run .venv/bin/python scripts/make_icon_font_subset.py"


def _cmap(path) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(str(path)).getBestCmap())


def test_theme_icons_are_found():
    # The menu, search, colour-mode and back-to-top icons at least: if none are found, the scan is broken.
    bars, magnifying_glass, sun, moon, arrow_up = 0xF0C9, 0xF002, 0xF185, 0xF186, 0xF062
    assert {bars, magnifying_glass, sun, moon, arrow_up} <= icon_font.theme_code_points()


def test_every_social_icon_is_found():
    # Each icon the social links can show in the navbar has its glyph in the theme's icon dictionary.
    from sphinx_academic_homepage.social_icons import ICONS

    for style in ("solid", "brands"):
        assert len(icon_font.social_code_points(style)) == sum(1 for s, *_ in ICONS.values() if s == style), style
    envelope, github = 0xF0E0, 0xF09B
    assert envelope in icon_font.required_code_points(icon_font.SOLID)
    assert github in icon_font.required_code_points(icon_font.BRANDS)


@pytest.mark.parametrize("font", icon_font.FONTS, ids=lambda font: font.style)
def test_subset_has_every_glyph_drawn_and_no_other(font):
    pytest.importorskip("fontTools")
    in_full_font = _cmap(font.full_font)
    assert _cmap(font.subset_font) == icon_font.required_code_points(font) & in_full_font, REBUILD


def test_icon_font_css_serves_each_subset_for_exactly_its_glyphs():
    pytest.importorskip("fontTools")
    css = icon_font.ICON_FONT_CSS.read_text(encoding="utf-8")
    subsets = {font: _cmap(font.subset_font) for font in icon_font.FONTS}
    for font, glyphs in subsets.items():
        assert icon_font.declared_unicode_range(css, font) == glyphs, REBUILD
    assert css == icon_font.icon_font_css(subsets), REBUILD


def test_subsets_are_small_and_built_into_the_site(site):
    for font in icon_font.FONTS:
        # A twentieth of the theme's full fonts (112 KB and 108 KB).
        assert font.subset_font.stat().st_size < 8_000, font.subset_name
        assert (site.outdir / "_static" / "fonts" / font.subset_name).read_bytes() == font.subset_font.read_bytes()
    # The rules are in homepage.css, linked after the theme's stylesheet, so their @font-face is tried first.
    bundle = (site.outdir / "_static" / "homepage.css").read_text(encoding="utf-8")
    assert icon_font.ICON_FONT_CSS.read_text(encoding="utf-8").strip() in bundle
    links = [tag["href"] for tag in site.page("index.html").select('link[rel="stylesheet"]')]
    theme = next(i for i, href in enumerate(links) if "pydata-sphinx-theme.css" in href)
    homepage = next(i for i, href in enumerate(links) if "homepage.css" in href)
    assert theme < homepage


# -- The theme's full fonts in the served stylesheet (icon_faces.py) ---------------------------------------

THEME_FACES = (
    "@font-face{font-family:Font Awesome\\ 7 Free;font-weight:900;src:url(../vendor/fontawesome/webfonts/fa-solid-900.woff2)}"
    "@font-face{font-family:Font Awesome\\ 7 Free;font-weight:400;src:url(../vendor/fontawesome/webfonts/fa-regular-400.woff2)}"
    "@font-face{font-family:Font Awesome\\ 7 Brands;font-weight:400;src:url(../vendor/fontawesome/webfonts/fa-brands-400.woff2)}"
    '.fa-bars{--fa:"\\f0c9"}'
)


def test_full_fonts_go_when_the_subsets_draw_every_glyph_named():
    from sphinx_academic_homepage.icon_faces import code_points, without_full_icon_fonts

    bars, github = 0xF0C9, 0xF09B
    assert code_points(THEME_FACES) == {bars}
    assert without_full_icon_fonts(THEME_FACES, {bars, github}, regular_drawn=False) == '.fa-bars{--fa:"\\f0c9"}'
    # The regular font has no subset: kept while something can draw with it.
    kept = without_full_icon_fonts(THEME_FACES, {bars}, regular_drawn=True)
    assert "fa-regular-400.woff2" in kept and "fa-solid-900.woff2" not in kept and "fa-brands-400.woff2" not in kept
    uses_shorthand = THEME_FACES + ".x::before{font:var(--fa-font-regular)}"
    assert "fa-regular-400.woff2" in without_full_icon_fonts(uses_shorthand, {bars}, regular_drawn=False)


def test_full_fonts_stay_when_a_glyph_named_is_outside_the_subsets():
    from sphinx_academic_homepage.icon_faces import subset_code_points, without_full_icon_fonts

    rocket = 0xF135
    assert rocket not in subset_code_points()
    assert without_full_icon_fonts(THEME_FACES, {0xF0C9, rocket}, regular_drawn=False) == THEME_FACES


def test_the_real_sites_theme_stylesheet_names_no_full_font(site):
    """Every icon the site draws is in a subset, so nothing a page does can make a browser fetch a full font."""
    css = (site.outdir / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert "@font-face" not in css
    for path in (site.outdir / "_static").rglob("*.css"):
        assert not re.search(r"fa-(solid-900|regular-400|brands-400)\.woff2", path.read_text(encoding="utf-8")), path
