"""The extension's theme and Sphinx defaults fill in what conf.py leaves unset, and nothing it sets
(sphinx_academic_homepage.theme)."""

from __future__ import annotations

import pytest

from sphinx_academic_homepage.theme import TEMPLATES_DIR, THEME_OPTIONS


@pytest.mark.sphinx("html", testroot="minimal")
def test_a_site_that_sets_nothing_gets_every_default(app):
    config = app.config
    # Every option of ours (the theme adds its own, logo and icon_links, when the builder starts).
    assert {key: config.html_theme_options[key] for key in THEME_OPTIONS} == THEME_OPTIONS
    assert config.html_context["default_mode"] == "auto"
    assert config.html_sidebars == {"**": []}
    assert config.html_title == "Ada Lovelace"  # the project, not "Ada Lovelace  documentation"
    assert config.html_last_updated_fmt == "%b %d, %Y"
    assert str(TEMPLATES_DIR) in config.templates_path
    assert {"myst_parser", "sphinxcontrib.bibtex"} <= set(app.extensions)


@pytest.mark.sphinx(
    "html",
    testroot="minimal",
    confoverrides={
        "html_theme_options": {"navbar_end": ["navbar-icon-links"], "show_prev_next": True},
        "html_context": {"default_mode": "dark", "github_user": "ada"},
        "html_sidebars": {"**": ["sidebar-nav-bs"]},
        "html_title": "Ada's pages",
        "html_last_updated_fmt": "%Y",
    },
)
def test_what_the_site_sets_wins_key_by_key(app):
    config = app.config
    options = config.html_theme_options
    assert options["navbar_end"] == ["navbar-icon-links"] and options["show_prev_next"] is True
    # The keys the site leaves out still get ours.
    assert options["footer_end"] == ["homepage-built-with"] and options["navbar_start"] == ["navbar-logo"]
    assert config.html_context == {"default_mode": "dark", "github_user": "ada"}
    assert config.html_sidebars == {"**": ["sidebar-nav-bs"]}
    assert config.html_title == "Ada's pages"
    assert config.html_last_updated_fmt == "%Y"
    # Our defaults are copied, never shared: a site's edits leave them as they are.
    assert THEME_OPTIONS["navbar_end"] == ["theme-switcher"] and THEME_OPTIONS["show_prev_next"] is False


@pytest.mark.sphinx("html", testroot="minimal", confoverrides={"html_theme": "alabaster"})
def test_another_theme_gets_none_of_the_themes_settings(app):
    config = app.config
    assert not THEME_OPTIONS.keys() & config.html_theme_options.keys()
    assert config.html_sidebars == {}
    assert str(TEMPLATES_DIR) not in config.templates_path
