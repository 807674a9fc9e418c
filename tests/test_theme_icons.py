"""The theme's stylesheet keeps the icon classes the site uses and drops the rest of Font Awesome's dictionary."""

from __future__ import annotations

import gzip
import re

import pytest

from homepage.theme_icons import THEME_STYLESHEET, drop_unused_icon_rules

_KEPT = re.compile(r'((?:\.fa-[a-z0-9-]+,?)+)\{--fa:"[^"]*"\}')


def _icon_classes(css: str) -> set[str]:
    return {name.lstrip(".") for rule in _KEPT.findall(css) for name in rule.split(",") if name}


def test_drop_unused_icon_rules_keeps_used_ones_and_everything_else():
    css = '.fa-solid{font-weight:900}.fa-bars,.fa-navicon{--fa:"\\f0c9"}.fa-anchor{--fa:"\\f13d"}.fa-lg{font-size:1.25em}'
    assert drop_unused_icon_rules(css, {"fa-navicon"}) == (
        '.fa-solid{font-weight:900}.fa-bars,.fa-navicon{--fa:"\\f0c9"}.fa-lg{font-size:1.25em}'
    )


@pytest.mark.sphinx("html", testroot="theme-icons")
def test_icons_named_by_pages_and_loaded_scripts_are_kept(app):
    app.build()
    css = (app.outdir / THEME_STYLESHEET).read_text(encoding="utf-8")
    kept = _icon_classes(css)
    # The page's own, the loaded script's, and the theme's (menu, search, colour modes, back to top).
    assert {"fa-rocket", "fa-ghost", "fa-bars", "fa-magnifying-glass", "fa-sun", "fa-moon", "fa-arrow-up"} <= kept
    # Named only by a script no page loads, or by nothing at all.
    assert not {"fa-anchor", "fa-car", "fa-github"} & kept
    assert len(kept) < 60
    assert ".fa-solid" in css and "@font-face" in css  # the rest of the stylesheet is untouched
    assert app.warning.getvalue() == ""


def test_real_site_theme_stylesheet_is_trimmed(site):
    css = (site.outdir / THEME_STYLESHEET).read_text(encoding="utf-8")
    assert len(gzip.compress(css.encode())) < 50_000
    assert {"fa-bars", "fa-magnifying-glass", "fa-circle-half-stroke", "fa-xmark"} <= _icon_classes(css)
