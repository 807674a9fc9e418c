"""Build time of a publication-heavy site: our publications extension against bare sphinxcontrib-bibtex.

For each N, two sites with the same pages (``bibsite.py``): a home page with the selected papers, a papers
page with all N entries, five filtered theme pages, an about page and a page that only cites. Each is
timed, in the same run, for:

- cold build (no output, no environment)
- no-op rebuild (nothing changed), the median of ``--repeat`` runs
- one-page edit (a theme page gains a line), median
- .bib edit (one entry's title changes), median

and the ratios bare / ours are printed. The two sites take turns at every step, so that the load of a
shared machine weighs on both alike. Target at N = 1,000: a no-op rebuild at least 5x faster than bare.

Usage (from the project root, after ``make html`` created .venv)::

    .venv/bin/python benchmarks/bench_bibtex.py                 # N = 100 and 1,000
    .venv/bin/python benchmarks/bench_bibtex.py --sizes 100,1000,5000 --repeat 3

Every build runs ``sphinx-build -b html -q`` in a subprocess with this interpreter; warnings are counted
(both sites should have none).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bibsite import THEMES, write_site  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STEPS = ["cold", "no-op", "edit page", "edit .bib"]


def sphinx_build(site: Path) -> tuple[float, int]:
    """Wall time of one build, and the number of warnings it printed."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(site), str(site / "_build")]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {site} failed:\n{result.stderr}")
    return elapsed, result.stderr.count("WARNING")


def _edit_page(site: Path, round_number: int) -> None:
    with (site / f"{THEMES[0]}.md").open("a", encoding="utf-8") as text:
        text.write(f"\nEdited {round_number}.\n")


def _edit_bib(site: Path, round_number: int) -> None:
    bib = site / "papers.bib"
    content = bib.read_text(encoding="utf-8")
    bib.write_text(content.replace("title = {", f"title = {{Edited{round_number} ", 1), encoding="utf-8")


def measure(sites: dict[str, Path], repeat: int) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Median times per flavour and step. The flavours take turns at every step, so that the load of a
    shared machine weighs on both alike."""
    times = {flavour: {step: [] for step in STEPS} for flavour in sites}
    warnings = {}
    for flavour, site in sites.items():
        shutil.rmtree(site / "_build", ignore_errors=True)
        elapsed, warnings[flavour] = sphinx_build(site)
        times[flavour]["cold"].append(elapsed)
    for step, edit in (("no-op", None), ("edit page", _edit_page), ("edit .bib", _edit_bib)):
        for round_number in range(repeat):
            for flavour, site in sites.items():
                if edit is not None:
                    edit(site, round_number)
                times[flavour][step].append(sphinx_build(site)[0])
    for flavour, site in sites.items():
        # A rebuild that is fast because it missed the edit would prove nothing.
        papers = (site / "_build" / "papers.html").read_text(encoding="utf-8")
        if f"Edited{repeat - 1} " not in papers:
            raise SystemExit(f"{flavour}: the papers page does not show the last .bib edit")
    medians = {flavour: {step: statistics.median(values) for step, values in steps.items()} for flavour, steps in times.items()}
    return medians, warnings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated N (5000 is slow: minutes for bare)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each incremental step (the median is kept)")
    parser.add_argument("--keep", type=Path, help="write the sites here and keep them (default: a temporary folder)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-bibtex-"))
    rows = []
    try:
        for size in sizes:
            sites = {flavour: write_site(root, size, flavour, PROJECT_ROOT) for flavour in ("ours", "bare")}
            medians, warnings = measure(sites, args.repeat)
            for flavour, site in sites.items():
                pickle = site / "_build" / ".doctrees" / "environment.pickle"
                print(
                    f"N={size} {flavour}: " + ", ".join(f"{step} {medians[flavour][step]:.2f}s" for step in STEPS)
                    + f"; {warnings[flavour]} warnings; environment {pickle.stat().st_size / 1e6:.1f} MB",
                    flush=True,
                )
            for step in STEPS:
                ours, bare = medians["ours"][step], medians["bare"][step]
                rows.append((size, step, ours, bare, bare / ours))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)

    print()
    print(f"{'N':>6}  {'step':<10} {'ours (s)':>9} {'bare (s)':>9} {'bare/ours':>10}")
    for size, step, ours, bare, ratio in rows:
        print(f"{size:>6}  {step:<10} {ours:>9.2f} {bare:>9.2f} {ratio:>9.1f}x")
    target = [ratio for size, step, _, _, ratio in rows if size == 1000 and step == "no-op"]
    if target:
        print(f"\nTarget at N = 1,000: no-op rebuild >= 5x faster than bare: {target[0]:.1f}x "
              f"({'met' if target[0] >= 5 else 'NOT met'})")


if __name__ == "__main__":
    main()
