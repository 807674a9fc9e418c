"""The icon font subset holds exactly the theme's glyphs, and site.css serves it for exactly those."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location("make_icon_font_subset", PROJECT_ROOT / "scripts" / "make_icon_font_subset.py")
icon_font = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(icon_font)

REBUILD = "the theme changed its icons: run .venv/bin/python scripts/make_icon_font_subset.py"


def _cmap(path) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(str(path)).getBestCmap())


def test_theme_icons_are_found():
    # The menu, search, colour-mode and back-to-top icons at least: if none are found, the scan is broken.
    bars, magnifying_glass, sun, moon, arrow_up = 0xF0C9, 0xF002, 0xF185, 0xF186, 0xF062
    assert {bars, magnifying_glass, sun, moon, arrow_up} <= icon_font.required_code_points()


def test_subset_has_every_solid_glyph_the_theme_uses_and_no_other():
    pytest.importorskip("fontTools")
    in_full_font = _cmap(icon_font.FULL_FONT)
    assert _cmap(icon_font.SUBSET_FONT) == icon_font.required_code_points() & in_full_font, REBUILD


def test_site_css_serves_the_subset_for_exactly_its_glyphs():
    pytest.importorskip("fontTools")
    css = icon_font.SITE_CSS.read_text(encoding="utf-8")
    assert icon_font.declared_unicode_range(css) == _cmap(icon_font.SUBSET_FONT), REBUILD
    assert icon_font.font_face_css(_cmap(icon_font.SUBSET_FONT)) in css


def test_subset_is_small_and_built_into_the_site(site):
    assert icon_font.SUBSET_FONT.stat().st_size < 8_000
    assert (site.outdir / "_static" / "fonts" / "fa-solid-900-subset.woff2").read_bytes() == icon_font.SUBSET_FONT.read_bytes()
    # site.css comes after the theme's stylesheet, so its @font-face is the one tried first.
    links = [tag["href"] for tag in site.page("index.html").select('link[rel="stylesheet"]')]
    theme = next(i for i, href in enumerate(links) if "pydata-sphinx-theme.css" in href)
    site_css = next(i for i, href in enumerate(links) if "site.css" in href)
    assert theme < site_css
