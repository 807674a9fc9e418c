"""How much the profile photo weighs once the build has made its AVIF and WebP copies.

Run on demand (not a test):

    .venv/bin/python benchmarks/bench_images.py [more images...]

For the stand-in photo (_static/rosegarden.png) and, when present, the owner's real
photo (../shared/assets/rosegarden.png, read in place and never copied into the
project), it prints each copy's size and bytes against the source's (the baseline,
measured in the same run), the time to make the copies, and the time of a second
build that finds them all cached. Copies are written to a temporary folder.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "src"))

from sphinx_academic_homepage.images import AVIF_QUALITY, WEBP_QUALITY, describe_image, write_variants  # noqa: E402

SOURCES = [
    ("stand-in", PROJECT_ROOT / "_static" / "rosegarden.png"),
    ("real photo", PROJECT_ROOT.parent / "shared" / "assets" / "rosegarden.png"),
]


def measure(label: str, source: Path) -> None:
    source_bytes = source.stat().st_size
    image = describe_image(source)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        started = time.perf_counter()
        write_variants(image, out)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        rewritten = write_variants(image, out)
        cached = time.perf_counter() - started
        print(f"{label}: {source} — {image.width}x{image.height}, {source_bytes:,} bytes (baseline)")
        avif_by_width = {v.width: v for v in image.avif_variants}
        for variant in image.variants:
            size = (out / variant.filename).stat().st_size
            line = (
                f"  {variant.width:>5}w  {variant.width}x{variant.height:<5} WebP {size:>9,} bytes"
                f"  = {size / source_bytes:6.1%} of the source  ({source_bytes / size:5.1f}x smaller)"
            )
            if variant.width in avif_by_width:
                avif = (out / avif_by_width[variant.width].filename).stat().st_size
                line += f";  AVIF {avif:>8,} bytes = {avif / size:4.2f}x the WebP"
            print(line)
        total = sum((out / v.filename).stat().st_size for v in image.all_variants)
        print(f"  all copies {total:,} bytes; made in {cold:.2f} s, cached rebuild {cached * 1000:.1f} ms "
              f"({len(rewritten)} rewritten); WebP quality {WEBP_QUALITY}, AVIF quality {AVIF_QUALITY}"
              + ("" if image.avif_variants else " (this Pillow has no AVIF: WebP only)"))


def main(extra: list[str]) -> None:
    sources = SOURCES + [(Path(p).name, Path(p)) for p in extra]
    for label, source in sources:
        if source.is_file():
            measure(label, source)
        else:
            print(f"{label}: {source} not found, skipped")


if __name__ == "__main__":
    main(sys.argv[1:])
