"""The theme's stylesheet, without the icon classes that no page uses.

pydata-sphinx-theme's stylesheet carries Font Awesome's whole class dictionary, one rule per icon
(``.fa-bars,.fa-navicon{--fa:"\\f0c9"}``) for about 2,000 icons: 19 KB of the 64 KB (compressed) that
every page must load before it can draw anything on a phone. Once the site is built, the rules for icons
that no page and no script a page loads names are removed from the output's copy; every other rule stays
as the theme wrote it. The icon font subset (``scripts/make_icon_font_subset.py``) is the other half.

An icon a page names (``<i class="fa-solid fa-rocket">``, a sphinx-design ``{fas}`` role) keeps its rule,
so it still draws, from the full font if the subset lacks it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from sphinx.application import Sphinx

THEME_STYLESHEET = Path("_static") / "styles" / "pydata-sphinx-theme.css"

_ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+,?)+)\{--fa:"[^"]*"\}')
_ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
_SCRIPT_SRC = re.compile(r"""<script\b[^>]*\bsrc=["']([^"'?#]+)""", re.I)


def icon_classes_in_use(outdir: Path) -> set[str]:
    """Every ``fa-*`` name in the built pages and in the local scripts they load."""
    names: set[str] = set()
    scripts: set[Path] = set()
    for page in outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="replace")
        names.update(_ICON_CLASS.findall(html))
        for src in _SCRIPT_SRC.findall(html):
            if "://" not in src and not src.startswith("//"):
                scripts.add(Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), src))))
    for script in scripts:
        if script.is_file():
            names.update(_ICON_CLASS.findall(script.read_text(encoding="utf-8", errors="replace")))
    return names


def drop_unused_icon_rules(css: str, used: set[str]) -> str:
    def keep_if_used(rule: re.Match) -> str:
        selectors = {selector.lstrip(".") for selector in rule.group(1).split(",") if selector}
        return rule.group(0) if selectors & used else ""

    return _ICON_RULE.sub(keep_if_used, css)


def prune_theme_stylesheet(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    stylesheet = outdir / THEME_STYLESHEET
    if not stylesheet.is_file():
        return  # another theme
    # Sphinx copies the theme's stylesheet afresh on every build, so this always starts from the whole file.
    css = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(drop_unused_icon_rules(css, icon_classes_in_use(outdir)), encoding="utf-8")


def setup_theme_icons(app: Sphinx) -> None:
    app.connect("build-finished", prune_theme_stylesheet)
