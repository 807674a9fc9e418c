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


def _add_static_dirs(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    bundle_dir = Path(app.doctreedir) / "homepage-static"
    bundle_dir.mkdir(parents=True, exist_ok=True)
    parts = [
        f"/* {name} */\n{(STATIC_DIR / name).read_text(encoding='utf-8').strip()}\n"
        for name in build_state(app).stylesheets
    ]
    bundle = bundle_dir / BUNDLE
    text = "\n".join(parts)
    # Rewritten only when it changes, so that Sphinx's copy (and browsers' caches) see the same file.
    if not bundle.is_file() or bundle.read_text(encoding="utf-8") != text:
        bundle.write_text(text, encoding="utf-8")
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
