"""Each page loads only the stylesheets and scripts it uses.

Sphinx links every registered asset from every page. On this site most pages are prose, and the
assets they do not use cost bytes and, for the ones in ``<head>``, first paint on phones:

- sphinx-design's stylesheet (55 KB) and tab script serve only pages with sphinx-design markup;
- Pygments' stylesheet serves only pages with highlighted code;
- ``doctools.js`` and ``sphinx_highlight.js`` serve only the search page: the search box elsewhere is a
  form that submits to ``search.html``.

The theme writes some tags straight into its layout rather than through Sphinx's asset lists (its search
scripts and search index, which need ``doctools.js``; ``theme.css``; script preloads; ``fontawesome.js``):
``templates/layout.html`` edits those (:mod:`.theme` puts it on ``templates_path`` with pydata-sphinx-theme),
so that dropping ``doctools.js`` never leaves the theme's ``searchtools.js`` without it.

Which page uses what is read from the page's HTML body, so markup written by any extension, or raw
HTML, counts the same.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from sphinx.application import Sphinx

from .priorities import PRIORITY

_SPHINX_DESIGN_MARKUP = re.compile(r"""class=["'][^"']*\bsd-""")
_SPHINX_DESIGN_TABS = re.compile(r"""class=["'][^"']*\bsd-tab-set\b""")
_HIGHLIGHTED_CODE = re.compile(r"""class=["'][^"']*\bhighlight\b""")

SEARCH_PAGE_SCRIPTS = frozenset({"doctools.js", "sphinx_highlight.js"})
SPHINX_DESIGN_STYLESHEETS = frozenset({"sphinx-design.min.css"})
SPHINX_DESIGN_TAB_SCRIPTS = frozenset({"design-tabs.js"})
PYGMENTS_STYLESHEETS = frozenset({"pygments.css"})


def _basename(asset: Any) -> str:
    return posixpath.basename(str(getattr(asset, "filename", asset)))


def unused_assets(pagename: str, body: str) -> frozenset[str]:
    """File names of the registered assets that ``pagename``, whose HTML body is ``body``, does not use."""
    unused: set[str] = set()
    if pagename != "search":
        unused |= SEARCH_PAGE_SCRIPTS
    if not _SPHINX_DESIGN_MARKUP.search(body):
        unused |= SPHINX_DESIGN_STYLESHEETS
    if not _SPHINX_DESIGN_TABS.search(body):
        unused |= SPHINX_DESIGN_TAB_SCRIPTS
    if not _HIGHLIGHTED_CODE.search(body):
        unused |= PYGMENTS_STYLESHEETS
    return frozenset(unused)


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    unused = unused_assets(pagename, context.get("body", ""))
    # In place: these are the builder's lists, which it restores after each page, so assets that a
    # later handler adds to this page alone still land in them.
    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if isinstance(assets, list):
            assets[:] = [asset for asset in assets if _basename(asset) not in unused]


def setup_page_assets(app: Sphinx) -> None:
    app.connect("html-page-context", drop_unused_assets, priority=PRIORITY.drop_unused_assets)
