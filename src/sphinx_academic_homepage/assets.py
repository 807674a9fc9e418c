"""The extension's own CSS and JavaScript, added for HTML builders only.

Each component keeps its stylesheet in ``static/`` (``profile.css``, ``social.css``...), but the ones
every page loads are served as one file, ``homepage.css``, in the order they were added: on a phone each
stylesheet in ``<head>`` is a request that first paint waits for, and three of under 1 KB cost more in
round trips than in bytes. Stylesheets only some pages need (the CV's, the news list's) stay separate and
are added by their pages.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .buildstate import build_state

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


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", _add_static_dirs)
