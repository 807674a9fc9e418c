"""Time the CV PDF: the real site's PDF written cold, then a build after which nothing changed (cached).

Each step builds the real site into a fresh folder (cold: a fresh environment, the PDF written) or again into
the same one (no-op: the PDF's inputs unchanged, the file left as it is); the time of writing the PDF alone is
taken from ``write_cv_pdfs``, so the figures separate the PDF's cost from the rest of the build.

    .venv/bin/python benchmarks/bench_cv_pdf.py            # 3 runs
    .venv/bin/python benchmarks/bench_cv_pdf.py --repeat 5
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from sphinx.application import Sphinx

import sphinx_academic_homepage.cv.pdf as cv_pdf

ROOT = Path(__file__).resolve().parents[1]
PDF = Path("assets/pdf/Ziming_resume.pdf")


def timed_build(outdir: Path, doctrees: Path, fresh: bool) -> tuple[float, float, bool]:
    """(build seconds, seconds spent in write_cv_pdfs, whether the PDF file was written)."""
    spent = [0.0]
    original = cv_pdf.write_cv_pdfs

    def measured(app, env):
        start = time.perf_counter()
        original(app, env)
        spent[0] += time.perf_counter() - start

    before = (outdir / PDF).stat().st_mtime_ns if (outdir / PDF).exists() else None
    cv_pdf.write_cv_pdfs = measured
    try:
        start = time.perf_counter()
        app = Sphinx(str(ROOT), str(ROOT), str(outdir), str(doctrees), "html", freshenv=fresh,
                     status=io.StringIO(), warning=io.StringIO())
        app.build()
        total = time.perf_counter() - start
    finally:
        cv_pdf.write_cv_pdfs = original
    return total, spent[0], (outdir / PDF).stat().st_mtime_ns != before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    rows = {"cold": [], "no-op": []}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            outdir, doctrees = Path(folder, "html"), Path(folder, "doctrees")
            rows["cold"].append(timed_build(outdir, doctrees, fresh=True))
            rows["no-op"].append(timed_build(outdir, doctrees, fresh=False))
    print("| step | build (s) | writing the PDF (s) | PDF written |")
    print("|---|---:|---:|---|")
    for step, runs in rows.items():
        build = statistics.median(run[0] for run in runs)
        writing = statistics.median(run[1] for run in runs)
        written = "yes" if all(run[2] for run in runs) else "no" if not any(run[2] for run in runs) else "sometimes"
        print(f"| {step} | {build:.2f} | {writing:.3f} | {written} |")


if __name__ == "__main__":
    main()
