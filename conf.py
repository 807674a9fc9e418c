"""Sphinx configuration for Ziming Liu's academic homepage.

The site's content lives beside this file (``index.md``, ``about/``, ``research/``,
``papers/``); the homepage extension that renders al-folio front matter, the
profile card, social links and publication lists lives in ``_ext/homepage``.
"""

import os
import sys
from pathlib import Path

SITE_ROOT = Path(__file__).parent.resolve()
sys.path.insert(0, str(SITE_ROOT / "_ext"))

# -- Project -----------------------------------------------------------------
project = "Ziming Liu"
author = "Ziming Liu"
copyright = "Ziming Liu"
language = "en"

# -- Extensions --------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "homepage",
]

# al-folio pages carry HTML (more_info, comments) and link with plain Markdown.
myst_enable_extensions = [
    "attrs_inline",
    "colon_fence",
    "deflist",
    "dollarmath",
    "html_image",
    "smartquotes",
]
myst_heading_anchors = 3

# -- Sources -----------------------------------------------------------------
root_doc = "index"
# Only the site's pages are sources: not the tooling around them, nor hidden folders (.venv, caches).
exclude_patterns = [
    ".*",
    "_build",
    "_ext",
    "benchmarks",
    "node_modules",
    "scripts",
    "tests",
    "README.md",
]
templates_path = ["_templates"]

# -- Homepage extension ------------------------------------------------------
# The navbar, in order; the home page itself is reached from the site title.
homepage_navigation = ["research/index", "papers/index", "about/index"]

# -- Bibliography ------------------------------------------------------------
bibtex_bibfiles = ["papers/papers.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "author_year"
# The owner, highlighted in every author list whatever the form ("Liu, Ziming", "Z. Liu", "Liu*, Ziming").
homepage_author_names = ["Ziming Liu"]
# Where {cite} links to and where "selected publications" on the home page points.
homepage_publications_page = "papers/index"

# -- HTML --------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "Ziming Liu"
html_static_path = ["_static"]
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None

# Read the Docs tells the build where the site is served; elsewhere set it here.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

html_context = {
    # Without it pydata-sphinx-theme logs "Got invalid theme mode".
    "default_mode": "auto",
}

html_theme_options = {
    "navbar_align": "left",
    "show_prev_next": False,
    "secondary_sidebar_items": [],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
}
html_sidebars = {"**": []}
