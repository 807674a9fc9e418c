"""Write the Academicons icons of ``social_icons.py`` from the SVG files of the npm package ``academicons``.

Font Awesome has no icon for DBLP, Semantic Scholar, arXiv or INSPIRE; Academicons (James Walsh, SIL Open Font
License 1.1) has, and al-folio shows them. Each SVG file of the package is read here into one path in its own
view box (the transforms of its groups applied, numbers to a tenth of a unit, as Font Awesome's own path data),
and the entries are written into the block of ``ICONS`` that this script owns. Run it after upgrading the
package or adding one of its icons to :data:`WANTED`:

    cd "$(mktemp -d)" && npm pack academicons@1.9.5 && tar xzf academicons-1.9.5.tgz
    .venv/bin/python scripts/make_academicons.py "$OLDPWD" "$PWD/package/svg"

(the first argument is this repository). A path drawn with ``fill-rule: evenodd`` is checked to fill the same
points with the default rule, which the icon row uses; the script stops if it does not.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from fontTools.misc.transform import Identity, Transform
from fontTools.pens.pointInsidePen import PointInsidePen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.svgLib.path.parser import parse_path

VERSION = "1.9.5"
#: Academicons' names of the icons the social links use.
WANTED = ("arxiv", "dblp", "inspire", "semantic-scholar")
BEGIN = f"    # Academicons {VERSION} (SIL OFL 1.1), written by scripts/make_academicons.py.\n"
END = "    # End of the Academicons.\n"
_MATRIX = re.compile(r"^\s*matrix\(([^)]*)\)\s*$")


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _transform(element: ElementTree.Element) -> Transform:
    written = element.get("transform")
    if written is None:
        return Identity
    match = _MATRIX.match(written)
    if match is None:
        raise SystemExit(f"only matrix() transforms are read, not {written!r}")
    return Transform(*(float(part) for part in re.split(r"[\s,]+", match.group(1).strip())))


def _draw(element: ElementTree.Element, transform: Transform, pen: RecordingPen) -> None:
    transform = transform.transform(_transform(element))
    if element.tag.rpartition("}")[2] == "path" and element.get("d"):
        parse_path(element.get("d"), TransformPen(pen, transform))
    for child in element:
        _draw(child, transform, pen)


def _fills_alike(outline: RecordingPen, width: int, height: int) -> bool:
    """True when the even-odd and the non-zero rule fill the same points of a grid over the icon."""
    for x in range(0, width, 4):
        for y in range(0, height, 4):
            results = []
            for even_odd in (True, False):
                pen = PointInsidePen(None, (x + 0.5, y + 0.5), evenOdd=even_odd)
                outline.replay(pen)
                results.append(pen.getResult())
            if results[0] != results[1]:
                return False
    return True


def icon_entry(svg: Path) -> tuple[int, int, str]:
    """The icon of ``svg``: its width, height and one path in its view box."""
    root = ElementTree.parse(svg).getroot()
    _, _, width, height = (round(float(part)) for part in root.get("viewBox").split())
    outline = RecordingPen()
    _draw(root, Identity, outline)
    if "evenodd" in svg.read_text(encoding="utf-8") and not _fills_alike(outline, width, height):
        raise SystemExit(f"{svg.name} needs fill-rule evenodd, which the icon row does not set")
    pen = SVGPathPen(None, ntos=_number)
    outline.replay(pen)
    return width, height, pen.getCommands()


def entries_block(svg_folder: Path) -> str:
    lines = [BEGIN]
    for name in WANTED:
        width, height, path = icon_entry(svg_folder / f"{name}.svg")
        lines.append(f'    "{name}": ("academicons", {width}, {height}, "{path}"),\n')
    return "".join(lines) + END


def main(repository: Path, svg_folder: Path) -> None:
    module = repository / "src" / "sphinx_academic_homepage" / "social_icons.py"
    text = module.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    module.write_text(text[:start] + entries_block(svg_folder) + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
