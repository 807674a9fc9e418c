"""The look of an al-folio homepage: what the extension sets in pydata-sphinx-theme and Sphinx.

A site lists the extension and ``html_theme = "pydata_sphinx_theme"`` and gets the homepage's layout: the
owner's name and the pages in the navbar, no sidebars, no previous/next links, the footer's copyright
and "built with" lines (``templates/homepage-*.html``), the theme's head edited for first paint
(``templates/layout.html``, see :mod:`.page_assets`), the theme's controls from a small script of the
site's own (``static/theme-controls.js``), and the theme's icons from small font subsets
(``static/icon-font.css``, written by ``scripts/make_icon_font_subset.py``). MyST's syntax extensions are
not among the defaults: which the pages use stays the site's choice (``myst_enable_extensions``), since each
changes how a page's text is read.

Every value here is a default: one ``config-inited`` handler fills in only what ``conf.py`` leaves unset.
A key of ``html_theme_options`` or ``html_context`` that the site gives wins over ours, and a key it does
not give gets ours; ``html_sidebars`` and ``html_last_updated_fmt`` are ours while the site's value is
empty (Sphinx's defaults), and the title is the project's name while it is Sphinx's "<project>
documentation". The theme's settings apply with pydata-sphinx-theme only, the theme
they are written for.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _

from .assets import add_stylesheet
from .page_assets import THEME_CONTROLS
from .priorities import PRIORITY

THEME = "pydata_sphinx_theme"
TEMPLATES_DIR = Path(__file__).parent / "templates"

#: pydata-sphinx-theme's options for a homepage.
THEME_OPTIONS: dict[str, Any] = {
    "navbar_align": "left",
    "show_prev_next": False,
    "secondary_sidebar_items": [],
    # The owner's name links home; dark/light switch and search stay in the bar (in the menu on phones).
    "navbar_start": ["navbar-logo"],
    "navbar_center": ["navbar-nav"],
    "navbar_end": ["theme-switcher"],
    "navbar_persistent": ["search-button-field"],
    # Nothing in the left sidebar but the phone menu: no empty ad placeholder.
    "primary_sidebar_end": [],
    "footer_start": ["homepage-copyright", "last-updated"],
    "footer_end": ["homepage-built-with"],
}
#: The theme's template context: without a mode it logs "Got invalid theme mode".
CONTEXT: dict[str, Any] = {"default_mode": "auto"}
#: No page has a left sidebar.
SIDEBARS: dict[str, list[str]] = {"**": []}
#: The footer's "last updated" date (from the sources, never the clock: see :mod:`.lastupdated`).
LAST_UPDATED_FORMAT = "%b %d, %Y"


def _with_defaults(given: dict[str, Any] | None, defaults: dict[str, Any]) -> dict[str, Any]:
    # Copied, so that a handler that edits the result (social's navbar icon links) leaves ours unchanged.
    return copy.deepcopy(defaults) | dict(given or {})


def _sphinx_title(config: Config) -> str:
    # Sphinx's own default, "<project> <release> documentation", word for word.
    return _("%s %s documentation") % (config.project, config.release)


def apply_defaults(app: Sphinx, config: Config) -> None:
    """Give every setting this module has a default for its default, where ``conf.py`` leaves it unset."""
    # A homepage is not documentation: its title is the project's name (the owner's).
    if config.html_title == _sphinx_title(config):
        config.html_title = config.project
    if config.html_theme != THEME:
        return
    config.html_theme_options = _with_defaults(config.html_theme_options, THEME_OPTIONS)
    config.html_context = _with_defaults(config.html_context, CONTEXT)
    if not config.html_sidebars:
        config.html_sidebars = copy.deepcopy(SIDEBARS)
    if config.html_last_updated_fmt is None:
        config.html_last_updated_fmt = LAST_UPDATED_FORMAT
    # After the site's own templates folders, so a site's template of the same name wins.
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]


def add_theme_controls(app: Sphinx) -> None:
    """Load the site's own script for the theme's controls, in place of the theme's (see :mod:`.page_assets`)."""
    if app.builder.format == "html" and app.config.html_theme == THEME:
        app.add_js_file(THEME_CONTROLS, defer="defer")


def setup_theme(app: Sphinx) -> None:
    app.connect("config-inited", apply_defaults, priority=PRIORITY.theme_defaults)
    app.connect("builder-inited", add_theme_controls)
    add_stylesheet(app, "icon-font.css")
