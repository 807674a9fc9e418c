"""Does the build stay linear in the size of the bibliography? Cold build and no-op rebuild at N entries,
against a baseline of N / 8 entries measured in the same run.

The figures are the child process's CPU time (user + system, from ``os.wait4``) and peak memory, so a
busy machine slows the wall clock but not the comparison. The time ratio of the two is at most 8 when
the work is linear (less, as start-up costs the same at both sizes); quadratic work would give 64. ``homepage_paper_pages`` can be switched off to separate the cost of the paper pages.

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_bigbib.py                       # 1,000 against 8,000 entries
    .venv/bin/python benchmarks/bench_bigbib.py --size 2000 --no-paper-pages
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bibsite import write_site  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def build_with_usage(site: Path, options: list[str]) -> tuple[float, float]:
    """CPU seconds and peak MiB of one ``sphinx-build`` of ``site`` (the child's own usage)."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", *options, str(site), str(site / "_build")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {site} failed (run it by hand to see why)")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=8000, help="entries in the large site (the baseline has 1/8)")
    parser.add_argument("--no-paper-pages", action="store_true", help="build without the pages of the entries")
    args = parser.parse_args()
    options = ["-D", "homepage_paper_pages="] if args.no_paper_pages else []
    sizes = [max(1, args.size // 8), args.size]
    with tempfile.TemporaryDirectory() as folder:
        results = {}
        for size in sizes:
            site = write_site(Path(folder), size, "ours", PROJECT_ROOT)
            results[size] = [build_with_usage(site, options), build_with_usage(site, options)]
    print(f"{'step':<8} " + " ".join(f"{f'N={size}':>22}" for size in sizes) + "   time ratio")
    for step, name in enumerate(["cold", "no-op"]):
        small, large = results[sizes[0]][step], results[sizes[1]][step]
        cells = " ".join(f"{seconds:>9.1f} s {mib:>7.0f} MiB" for seconds, mib in (small, large))
        print(f"{name:<8} {cells}   {large[0] / small[0]:.1f}")


if __name__ == "__main__":
    main()
