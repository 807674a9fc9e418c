"""The extension's own CSS and JavaScript, added for HTML builders only."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"


def _add_static_dir(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static_dir = str(STATIC_DIR)
    if static_dir not in app.config.html_static_path:
        app.config.html_static_path.append(static_dir)


def add_stylesheet(app: Sphinx, filename: str) -> None:
    """Serve ``static/<filename>`` and link it from every HTML page."""

    def _add(app: Sphinx) -> None:
        if app.builder.format == "html":
            app.add_css_file(filename)

    app.connect("builder-inited", _add)


def add_script(app: Sphinx, filename: str, **attributes: str) -> None:
    """Serve ``static/<filename>`` and load it (deferred) from every HTML page."""

    def _add(app: Sphinx) -> None:
        if app.builder.format == "html":
            app.add_js_file(filename, **({"defer": "defer"} | attributes))

    app.connect("builder-inited", _add)


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", _add_static_dir)
