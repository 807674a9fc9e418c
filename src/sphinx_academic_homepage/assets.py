"""The extension's own CSS and JavaScript, added for HTML builders only.

Each component keeps its stylesheet in ``static/`` (``profile.css``, ``social.css``...), but the ones
every page loads are served as one file, ``homepage.css``, in the order they were added: on a phone each
stylesheet in ``<head>`` is a request that first paint waits for, and three of under 1 KB cost more in
round trips than in bytes.

Stylesheets only some pages need (a post's ``math.css``, ``media.css`` and ``blog.css``, the CV's, the news
list's) are linked by the modules that draw those pages, and then merged, as each page is written, with
``homepage.css`` into one file for that set (:func:`one_stylesheet_per_page`): a post with math and figures
would otherwise wait for four stylesheets of ours, and with Sphinx's and the theme's, more requests than a
phone's connections to one host. Each set's file is named by a digest of its text
(``homepage-<digest>.css``), so pages that need the same rules share one cached file and a changed rule is a
new name; it is written once, by whichever process writes a page that needs it first.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .buildstate import build_state
from .output import write_output
from .priorities import PRIORITY

STATIC_DIR = Path(__file__).parent / "static"
#: The one stylesheet every page links, made of the component stylesheets added with add_stylesheet().
BUNDLE = "homepage.css"


def _made_dir(app: Sphinx) -> Path:
    """The folder of the static files the build makes (served from ``_static`` like the package's own)."""
    return Path(app.doctreedir) / "homepage-static"


def write_made_file(app: Sphinx, name: str, text: str | None) -> None:
    """Serve ``text`` as ``_static/<name>``: a static file made by the build (before ``html_static_path`` is
    copied); rewritten only when it changes, so that Sphinx's copy (and browsers' caches) see the same file.
    None: the build makes no such file (any made before is removed)."""
    made = _made_dir(app) / name
    if text is None:
        made.unlink(missing_ok=True)
        return
    made.parent.mkdir(parents=True, exist_ok=True)
    if not made.is_file() or made.read_text(encoding="utf-8") != text:
        made.write_text(text, encoding="utf-8")


def _add_static_dirs(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    bundle_dir = _made_dir(app)
    parts = [
        f"/* {name} */\n{(STATIC_DIR / name).read_text(encoding='utf-8').strip()}\n"
        for name in build_state(app).stylesheets
    ]
    write_made_file(app, BUNDLE, "\n".join(parts))
    for static_dir in (str(STATIC_DIR), str(bundle_dir)):
        if static_dir not in app.config.html_static_path:
            app.config.html_static_path.append(static_dir)
    if parts:
        app.add_css_file(BUNDLE)


def add_stylesheet(app: Sphinx, filename: str) -> None:
    """Serve ``static/<filename>`` to every HTML page, inside ``homepage.css``."""
    build_state(app).stylesheets.append(filename)


def add_script(app: Sphinx, filename: str, **attributes: str) -> None:
    """Serve ``static/<filename>`` and load it (deferred) from every HTML page."""

    def _add(app: Sphinx) -> None:
        if app.builder.format == "html":
            app.add_js_file(filename, **({"defer": "defer"} | attributes))

    app.connect("builder-inited", _add)


def _own_stylesheet(app: Sphinx, stylesheet: Any) -> str | None:
    """The name of ``stylesheet`` (an entry of a page's ``css_files``) when it is one of this package's, else None."""
    filename = str(getattr(stylesheet, "filename", stylesheet))
    name = posixpath.basename(filename)
    if filename != f"_static/{name}" or not name.endswith(".css"):
        return None
    return name if (STATIC_DIR / name).is_file() or (_made_dir(app) / name).is_file() else None


def merged_stylesheet(app: Sphinx, names: list[str]) -> str | None:
    """The name of the one file with the rules of the package's stylesheets ``names``, in that order, in
    ``_static`` (written when missing: its name is its text's digest); None when it cannot be made."""
    # Read from the output, where the static files were copied before any page is written: the rules
    # each page would have loaded, whichever folder they came from.
    static = Path(app.outdir) / "_static"
    try:
        parts = [f"/* {name} */\n{(static / name).read_text(encoding='utf-8').strip()}\n" for name in names]
    except (OSError, UnicodeDecodeError):
        return None
    text = "\n".join(parts).encode("utf-8")
    merged = f"homepage-{hashlib.sha256(text).hexdigest()[:12]}.css"
    if (static / merged).is_file() or write_output(app, static / merged, text):
        return merged
    return None


def one_stylesheet_per_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The package's stylesheets that the page links become one, in the place of the first of them."""
    stylesheets = context.get("css_files")
    if not isinstance(stylesheets, list):
        return
    own = [(at, name) for at, stylesheet in enumerate(stylesheets) if (name := _own_stylesheet(app, stylesheet))]
    first = stylesheets[own[0][0]] if own else None
    if len(own) < 2 or not hasattr(first, "attributes"):
        return
    merged = merged_stylesheet(app, [name for _, name in own])
    if merged is None:
        return
    # In place: the builder's own list, which it restores after the page.
    for at, _ in reversed(own[1:]):
        del stylesheets[at]
    stylesheets[own[0][0]] = type(first)(f"_static/{merged}", priority=first.priority, **first.attributes)


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", _add_static_dirs)
    app.connect("html-page-context", one_stylesheet_per_page, priority=PRIORITY.one_stylesheet_per_page)
