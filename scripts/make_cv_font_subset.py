"""Cut a CJK font down to the characters a CV is likely to hold, for the CV PDF.

The CV PDF (``sphinx_academic_homepage/cv/pdf.py``) is set by Typst, whose own fonts have no Chinese,
Japanese or Korean glyphs: an owner's name in Chinese would come out as empty boxes. A whole CJK font is
16 MB; this script writes a subset into the package, ``cv/fonts/cv-cjk-subset.otf``, which the build hands to
Typst (and which therefore exists on Read the Docs and on a fresh CI machine, as package data). The subset holds:

- the 3,755 most common Chinese characters (GB 2312 level 1), which cover almost every Chinese name;
- CJK punctuation and full-width forms;
- every CJK character of the files named on the command line (a CV, a bibliography), whatever its frequency.

The source is Noto Sans CJK SC (SIL Open Font License 1.1, which allows subsetting and redistribution
under the same license; the license is written beside the subset as ``cv/fonts/OFL.txt``). Debian ships it
as ``fonts-noto-cjk``; run, after ``apt-get install fonts-noto-cjk``:

    .venv/bin/python scripts/make_cv_font_subset.py about/cv.yaml papers/papers.bib

A character outside the subset falls back to a CJK font installed on the machine, when there is one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

import sphinx_academic_homepage

FONTS = Path(sphinx_academic_homepage.__file__).parent / "cv" / "fonts"
SUBSET = FONTS / "cv-cjk-subset.otf"
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FAMILY = "Noto Sans CJK SC"


def gb2312_level_1() -> str:
    """GB 2312's first level: rows 16 to 55, the 3,755 most common characters of simplified Chinese."""
    characters = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                characters.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # the last row is not full
    return "".join(characters)


def is_cjk(character: str) -> bool:
    code = ord(character)
    return (
        0x3000 <= code <= 0x303F  # CJK punctuation
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x4E00 <= code <= 0x9FFF  # unified ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="text files whose CJK characters the subset must hold")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the Noto Sans CJK collection (.ttc)")
    arguments = parser.parse_args(argv)
    wanted = set(gb2312_level_1())
    wanted |= {chr(code) for code in range(0x3000, 0x3040)} | {chr(code) for code in range(0xFF01, 0xFF5F)}
    for path in arguments.files:
        wanted |= {character for character in path.read_text(encoding="utf-8") if is_cjk(character)}
    collection = TTCollection(str(arguments.source))
    font = next(font for font in collection.fonts if font["name"].getDebugName(1) == FAMILY)
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and license records
    options.layout_features = ["kern", "palt", "vert", "locl"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(character) for character in wanted))
    subsetter.subset(font)
    FONTS.mkdir(parents=True, exist_ok=True)
    font.save(str(SUBSET))
    covered = [code for code in font.getBestCmap() if is_cjk(chr(code))]
    print(f"{SUBSET}: {len(covered)} CJK characters, {SUBSET.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
