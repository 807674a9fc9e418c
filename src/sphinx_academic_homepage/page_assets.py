"""Each page loads only the stylesheets and scripts it uses.

Sphinx links every registered asset from every page. On this site most pages are prose, and the
assets they do not use cost bytes and, for the ones in ``<head>``, first paint on phones:

- sphinx-design's stylesheet (55 KB) and tab script serve only pages with sphinx-design markup;
- Pygments' stylesheet serves only pages with highlighted code;
- ``doctools.js`` and ``sphinx_highlight.js`` serve only the search page: the search box elsewhere is a
  form that submits to ``search.html``.
- ``publications.js`` (the copy-BibTeX buttons, links into a collapsed year) serves only pages with either.
- ``documentation_options.js`` (Sphinx's ``DOCUMENTATION_OPTIONS``, and the two inline lines by which the theme
  adds the page's name and a search setting to it) serves only the scripts that read it: Sphinx's search
  scripts and the theme's. A page with neither (every page that has ``theme-controls.js`` but the search
  page) drops the three, and first paint there waits for one request fewer: the file is a script in
  ``<head>`` that is not deferred, and the inline lines need it defined before they run.

The theme writes some tags straight into its layout rather than through Sphinx's asset lists (its search
scripts and search index, which need ``doctools.js``; ``theme.css``; script preloads; ``fontawesome.js``):
``templates/layout.html`` edits those (:mod:`.theme` puts it on ``templates_path`` with pydata-sphinx-theme),
so that dropping ``doctools.js`` never leaves the theme's ``searchtools.js`` without it.

Which page uses what is read from the page's HTML body, so markup written by any extension, or raw
HTML, counts the same.

The theme's two scripts (``bootstrap.js``, ``pydata-sphinx-theme.js``: 30 KB compressed, loaded at the end of
every page) are replaced by ``static/theme-controls.js`` (:mod:`.theme` adds it), which does what this site's
pages use of them (the colour-mode menu, tooltips, the search dialog, the phone menu, back to top) in a sixth
of the bytes. A page with more of the theme, the "on this page" sidebar of a post with ``toc: sidebar`` (its
scroll spy), keeps the theme's scripts and drops ours; ``templates/layout.html`` writes the theme's tags only
where ``homepage_theme_scripts`` says so.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from sphinx.application import Sphinx

from .priorities import PRIORITY


def _class_in_markup(name: str) -> re.Pattern[str]:
    """Matches a ``class`` attribute holding a class that starts with ``name`` (a regular expression)."""
    return re.compile(rf"""class=["'][^"']*\b{name}""")


_SPHINX_DESIGN_MARKUP = _class_in_markup("sd-")
_SPHINX_DESIGN_TABS = _class_in_markup(r"sd-tab-set\b")
_HIGHLIGHTED_CODE = _class_in_markup(r"highlight\b")
_PUBLICATION_SCRIPT_MARKUP = _class_in_markup(r"homepage-(?:pub__copy|pubs__year)\b")

SEARCH_PAGE_SCRIPTS = frozenset({"doctools.js", "sphinx_highlight.js"})
SPHINX_DESIGN_STYLESHEETS = frozenset({"sphinx-design.min.css"})
SPHINX_DESIGN_TAB_SCRIPTS = frozenset({"design-tabs.js"})
PYGMENTS_STYLESHEETS = frozenset({"pygments.css"})
PUBLICATION_SCRIPTS = frozenset({"publications.js"})
#: The site's own script in place of the theme's (see the module's docstring).
THEME_CONTROLS = "theme-controls.js"
#: The context key telling templates/layout.html to write the theme's own scripts.
THEME_SCRIPTS_KEY = "homepage_theme_scripts"
DOCUMENTATION_OPTIONS = "documentation_options.js"
#: Scripts known not to read ``DOCUMENTATION_OPTIONS``; any other script on a page keeps it there.
NOT_READING_OPTIONS = frozenset({THEME_CONTROLS, "publications.js", "design-tabs.js"})


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
    if not _PUBLICATION_SCRIPT_MARKUP.search(body):
        unused |= PUBLICATION_SCRIPTS
    return frozenset(unused)


def shows_secondary_sidebar(context: dict[str, Any]) -> bool:
    """Whether the page has the theme's secondary sidebar (a post's "on this page"), which the theme's script runs."""
    removed = "html_theme.sidebar_secondary.remove" in (context.get("meta") or {})
    return bool(context.get("secondary_sidebar_items")) and not removed


def _inline_code(script: Any) -> str:
    """The code of an inline script (empty for a file)."""
    return str(getattr(script, "attributes", {}).get("body") or "").strip()


def _sets_options(script: Any) -> bool:
    """Whether ``script`` is an inline line that only adds to ``DOCUMENTATION_OPTIONS`` (the theme writes two)."""
    code = _inline_code(script)
    return code.startswith("DOCUMENTATION_OPTIONS.") and "\n" not in code and code.count(";") == 1


def reads_options(scripts: list[Any]) -> bool:
    """Whether a script of ``scripts`` (a page's list, without the theme's end-of-page scripts) may read
    ``DOCUMENTATION_OPTIONS``; the options' file and the lines that only add to it do not count."""
    for script in scripts:
        if _sets_options(script):
            continue
        if not getattr(script, "filename", script):
            if "DOCUMENTATION_OPTIONS" in _inline_code(script):
                return True
        elif _basename(script) not in NOT_READING_OPTIONS | {DOCUMENTATION_OPTIONS}:
            return True
    return False


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    unused = unused_assets(pagename, context.get("body", ""))
    if shows_secondary_sidebar(context):
        unused |= {THEME_CONTROLS}
    # In place: these are the builder's lists, which it restores after each page, so assets that a
    # later handler adds to this page alone still land in them.
    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if isinstance(assets, list):
            assets[:] = [asset for asset in assets if _basename(asset) not in unused]
    # The theme's scripts wherever ours is not loaded (a page that needs them, or a site without ours).
    scripts = context.get("script_files")
    theme_scripts = THEME_CONTROLS not in {_basename(script) for script in scripts or []}
    context[THEME_SCRIPTS_KEY] = theme_scripts
    if isinstance(scripts, list) and not theme_scripts and pagename != "search" and not reads_options(scripts):
        scripts[:] = [script for script in scripts if _basename(script) != DOCUMENTATION_OPTIONS and not _sets_options(script)]


def setup_page_assets(app: Sphinx) -> None:
    app.connect("html-page-context", drop_unused_assets, priority=PRIORITY.drop_unused_assets)
