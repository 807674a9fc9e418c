"""Cut the theme's icon font down to the glyphs the theme itself draws.

pydata-sphinx-theme draws its menu, search, colour-mode and admonition icons as glyphs of Font Awesome's
solid font: a 112 KB download on every first visit, for about thirty glyphs. This script writes those
glyphs into ``_static/fonts/fa-solid-900-subset.woff2`` (a few KB) and the ``@font-face`` that serves it
into ``_static/site.css``, between the "icon font subset" markers. The rule has the theme's family and
weight and a ``unicode-range`` of exactly those glyphs, and comes after the theme's own rule, so browsers
take these glyphs from the subset and fetch the full font only for a glyph outside it (an ``{fas}`` icon
written in a page, say).

Run it again after upgrading the theme (``tests/test_icon_font.py`` fails until you do):

    .venv/bin/python scripts/make_icon_font_subset.py

Font Awesome Free's fonts are under the SIL Open Font License 1.1, which allows subsetting and
redistribution; the license travels with the theme's copy of the full font.
"""

from __future__ import annotations

import re
from pathlib import Path

import pydata_sphinx_theme

PROJECT_ROOT = Path(__file__).resolve().parent.parent
THEME_DIR = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
THEME_CSS = THEME_DIR / "static" / "styles" / "pydata-sphinx-theme.css"
FULL_FONT = THEME_DIR / "static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
SUBSET_FONT = PROJECT_ROOT / "_static" / "fonts" / "fa-solid-900-subset.woff2"
SITE_CSS = PROJECT_ROOT / "_static" / "site.css"

BEGIN_MARKER = "/* icon font subset: begin (written by scripts/make_icon_font_subset.py) */"
END_MARKER = "/* icon font subset: end */"

# Font Awesome's glyphs live in the Private Use Area; the CSS writes them raw or as "\f0c9" escapes.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]|\\(e[0-9a-f]{3}|f[0-8][0-9a-f]{2})(?![0-9a-f])", re.I)
# The icon dictionary: ".fa-bars,.fa-navicon{--fa:"\f0c9"}", one rule per icon, 2000 of them.
_ICON_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+,?)+)\{--fa:\"([^\"]+)\"\}")
# Icons named in the theme's templates and scripts: class="fa-solid fa-bars", classList="fa-solid fa-xmark".
_ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# Brand icons are drawn from another font (fa-brands-400), which pages here never load.
_BRAND_ICONS = ("--pst-icon-github", "--pst-icon-gitlab")


def _code_points(text: str) -> set[int]:
    return {ord(m.group(0)) if not m.group(1) else int(m.group(1), 16) for m in _PRIVATE_USE.finditer(text)}


def required_code_points(theme_dir: Path = THEME_DIR) -> set[int]:
    """The solid-font glyphs the theme uses: in its CSS outside the icon dictionary, and the icons its
    templates and scripts name by class."""
    css = (theme_dir / "static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    dictionary: dict[str, set[int]] = {}
    for selectors, value in _ICON_RULE.findall(css):
        for selector in selectors.split(","):
            if selector:
                dictionary[selector.lstrip(".")] = _code_points(value)
    rest = _ICON_RULE.sub("", css)
    for brand in _BRAND_ICONS:
        rest = re.sub(re.escape(brand) + r":[^;}]*", "", rest)
    needed = _code_points(rest)

    sources = [*theme_dir.rglob("*.html"), theme_dir / "static" / "scripts" / "pydata-sphinx-theme.js"]
    sources += [*Path(pydata_sphinx_theme.__file__).parent.glob("*.py")]
    for source in sources:
        for name in _ICON_CLASS.findall(source.read_text(encoding="utf-8")):
            needed |= dictionary.get(name, set())
    return needed


def unicode_range(code_points: set[int]) -> str:
    return ", ".join(f"U+{point:04X}" for point in sorted(code_points))


def font_face_css(code_points: set[int]) -> str:
    return "\n".join(
        [
            BEGIN_MARKER,
            "@font-face {",
            '  font-family: "Font Awesome 7 Free";',
            "  font-style: normal;",
            "  font-weight: 900;",
            "  font-display: block;",
            '  src: url("fonts/fa-solid-900-subset.woff2") format("woff2");',
            f"  unicode-range: {unicode_range(code_points)};",
            "}",
            END_MARKER,
        ]
    )


def declared_unicode_range(site_css: str) -> set[int]:
    """The code points of the subset's ``unicode-range`` in ``site.css``."""
    block = site_css[site_css.index(BEGIN_MARKER) : site_css.index(END_MARKER)]
    declared = re.search(r"unicode-range:\s*([^;]+);", block).group(1)
    return {int(part.strip()[2:], 16) for part in declared.split(",")}


def main() -> None:
    from fontTools import subset  # fonttools and brotli come with the test packages

    wanted = required_code_points()
    font = subset.load_font(str(FULL_FONT), subset.Options())
    in_font = set(font.getBestCmap())
    code_points = wanted & in_font
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []  # no ligatures or other lookups: the theme addresses glyphs by code point
    options.hinting = False
    options.name_IDs = ["*"]  # keep the copyright and license records
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(code_points))
    subsetter.subset(font)
    SUBSET_FONT.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(SUBSET_FONT), options)

    css = SITE_CSS.read_text(encoding="utf-8") if SITE_CSS.exists() else ""
    block = font_face_css(code_points)
    if BEGIN_MARKER in css:
        css = css[: css.index(BEGIN_MARKER)] + block + css[css.index(END_MARKER) + len(END_MARKER) :]
    else:
        css = css + ("\n" if css else "") + block + "\n"
    SITE_CSS.write_text(css, encoding="utf-8")
    missing = sorted(wanted - in_font)
    print(f"{SUBSET_FONT.relative_to(PROJECT_ROOT)}: {len(code_points)} glyphs, {SUBSET_FONT.stat().st_size} bytes")
    if missing:
        print("not in the solid font (drawn from another font):", unicode_range(set(missing)))


if __name__ == "__main__":
    main()
