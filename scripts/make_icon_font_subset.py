"""Cut the theme's icon fonts down to the glyphs the theme and the extension draw.

pydata-sphinx-theme draws its menu, search, colour-mode and admonition icons as glyphs of Font Awesome's
solid font: a 112 KB download on every first visit, for about thirty glyphs. The extension's social links,
when a site shows them in the navbar too (``homepage_social_navbar``), are the theme's icon links: glyphs
of the solid font and of the 108 KB brands font. This script writes those glyphs into two small fonts in the
package, ``static/fonts/fa-solid-900-subset.woff2`` and ``fa-brands-400-subset.woff2``, and the
``@font-face`` rules that serve them into ``static/icon-font.css`` (which every page loads, after the
theme's stylesheet, inside ``homepage.css``). Each rule has the theme's family and weight and a
``unicode-range`` of exactly its font's glyphs, and comes after the theme's own rule, so browsers take these
glyphs from the subset and fetch a full font only for a glyph outside it (an ``{fas}`` icon written in a
page, say).

Run it again after upgrading the theme or adding a social icon (``tests/test_icon_font.py`` fails until
you do):

    .venv/bin/python scripts/make_icon_font_subset.py

Font Awesome Free's fonts are under the SIL Open Font License 1.1, which allows subsetting and
redistribution; the license travels with the theme's copy of the full fonts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pydata_sphinx_theme

import sphinx_academic_homepage
from sphinx_academic_homepage import icon_faces
from sphinx_academic_homepage.social_icons import ICONS

PACKAGE_STATIC = Path(sphinx_academic_homepage.__file__).parent / "static"
THEME_DIR = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
THEME_CSS = THEME_DIR / "static" / "styles" / "pydata-sphinx-theme.css"
FULL_FONTS = THEME_DIR / "static" / "vendor" / "fontawesome" / "webfonts"
ICON_FONT_CSS = PACKAGE_STATIC / "icon-font.css"

HEADER = (
    "/* Font Awesome glyphs the theme and the extension draw, served from small subsets of the theme's fonts.\n"
    "   Written by scripts/make_icon_font_subset.py: run it again rather than editing this file. */"
)

# The icon dictionary: ".fa-bars,.fa-navicon{--fa:"\f0c9"}", one rule per icon, 2000 of them.
_ICON_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+,?)+)\{--fa:\"([^\"]+)\"\}")
# Icons named in the theme's templates and scripts: class="fa-solid fa-bars", classList="fa-solid fa-xmark".
_ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# The theme's own brand icons (its GitHub and GitLab links) are for sites that configure them; the
# glyphs of the brands font it draws for this extension are the social icons, counted below.
_BRAND_ICONS = ("--pst-icon-github", "--pst-icon-gitlab")


@dataclass(frozen=True)
class IconFont:
    """One of the theme's Font Awesome fonts and the subset of it this script writes."""

    style: str  # "solid" or "brands", as in social_icons.ICONS and the classes fa-solid, fa-brands
    family: str
    weight: int
    full_name: str

    @property
    def full_font(self) -> Path:
        return FULL_FONTS / f"{self.full_name}.woff2"

    @property
    def subset_name(self) -> str:
        return f"{self.full_name}-subset.woff2"

    @property
    def subset_font(self) -> Path:
        return PACKAGE_STATIC / "fonts" / self.subset_name


SOLID = IconFont("solid", "Font Awesome 7 Free", 900, "fa-solid-900")
BRANDS = IconFont("brands", "Font Awesome 7 Brands", 400, "fa-brands-400")
FONTS = (SOLID, BRANDS)


def icon_dictionary(css: str) -> dict[str, set[int]]:
    """Font Awesome's class names (``fa-bars``) -> the glyphs they draw, from the theme's stylesheet."""
    dictionary: dict[str, set[int]] = {}
    for selectors, value in _ICON_RULE.findall(css):
        for selector in selectors.split(","):
            if selector:
                dictionary[selector.lstrip(".")] = icon_faces.code_points(value)
    return dictionary


def theme_code_points(theme_dir: Path = THEME_DIR) -> set[int]:
    """The solid-font glyphs the theme uses: in its CSS outside the icon dictionary, and the icons its
    templates and scripts name by class."""
    css = (theme_dir / "static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    dictionary = icon_dictionary(css)
    rest = _ICON_RULE.sub("", css)
    for brand in _BRAND_ICONS:
        rest = re.sub(re.escape(brand) + r":[^;}]*", "", rest)
    needed = icon_faces.code_points(rest)

    sources = [*theme_dir.rglob("*.html"), theme_dir / "static" / "scripts" / "pydata-sphinx-theme.js"]
    sources += [*Path(pydata_sphinx_theme.__file__).parent.glob("*.py")]
    for source in sources:
        for name in _ICON_CLASS.findall(source.read_text(encoding="utf-8")):
            needed |= dictionary.get(name, set())
    return needed


def social_code_points(style: str) -> set[int]:
    """The glyphs of the extension's social icons drawn from the ``style`` font (as navbar icon links)."""
    dictionary = icon_dictionary(THEME_CSS.read_text(encoding="utf-8"))
    needed: set[int] = set()
    for name, (icon_style, *_) in ICONS.items():
        if icon_style == style:
            needed |= dictionary.get(f"fa-{name}", set())
    return needed


def required_code_points(font: IconFont) -> set[int]:
    """Every glyph of ``font`` that the theme or the extension can draw."""
    needed = social_code_points(font.style)
    if font is SOLID:
        needed |= theme_code_points()
    return needed


def unicode_range(code_points: set[int]) -> str:
    return ", ".join(f"U+{point:04X}" for point in sorted(code_points))


def font_face_css(font: IconFont, code_points: set[int]) -> str:
    return "\n".join(
        [
            "@font-face {",
            f'  font-family: "{font.family}";',
            "  font-style: normal;",
            f"  font-weight: {font.weight};",
            "  font-display: block;",
            f'  src: url("fonts/{font.subset_name}") format("woff2");',
            f"  unicode-range: {unicode_range(code_points)};",
            "}",
        ]
    )


def icon_font_css(subsets: dict[IconFont, set[int]]) -> str:
    """The whole of ``icon-font.css`` for subsets holding ``subsets[font]`` glyphs each."""
    return "\n\n".join([HEADER, *(font_face_css(font, points) for font, points in subsets.items())]) + "\n"


def declared_unicode_range(css: str, font: IconFont) -> set[int]:
    """The code points of ``font``'s subset in the ``unicode-range`` of ``icon-font.css``."""
    rule = css[css.index(f'url("fonts/{font.subset_name}")') :]
    declared = re.search(r"unicode-range:\s*([^;]+);", rule).group(1)
    return {int(part.strip()[2:], 16) for part in declared.split(",")}


def write_subset(font: IconFont) -> set[int]:
    """Write ``font``'s subset; return the glyphs it holds."""
    from fontTools import subset  # fonttools and brotli come with the test packages

    wanted = required_code_points(font)
    full = subset.load_font(str(font.full_font), subset.Options())
    in_font = set(full.getBestCmap())
    code_points = wanted & in_font
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []  # no ligatures or other lookups: the theme addresses glyphs by code point
    options.hinting = False
    options.name_IDs = ["*"]  # keep the copyright and license records
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(code_points))
    subsetter.subset(full)
    font.subset_font.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(full, str(font.subset_font), options)
    print(f"{font.subset_name}: {len(code_points)} glyphs, {font.subset_font.stat().st_size} bytes")
    missing = wanted - in_font
    if missing:
        print(f"  not in {font.full_name} (drawn from another font):", unicode_range(missing))
    return code_points


def main() -> None:
    subsets = {font: write_subset(font) for font in FONTS}
    ICON_FONT_CSS.write_text(icon_font_css(subsets), encoding="utf-8")


if __name__ == "__main__":
    main()
