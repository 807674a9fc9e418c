"""What a no-op rebuild costs before it does anything: our sites against the floor of a plain site.

Run on demand (not a test):

    .venv/bin/python benchmarks/bench_startup.py              # best of 5 no-op builds per site
    .venv/bin/python benchmarks/bench_startup.py --repeat 3 --no-blog

The floor is a one-page Markdown site with the extensions every site of ours loads and nothing of ours:
myst-parser, pydata-sphinx-theme, sphinx-design and sphinxcontrib-bibtex with an empty ``.bib``. Beside it, in
the same run and taking turns with it: the real site (this repository, with the site's own options
``-W -n --keep-going``), and a generated blog of 100 posts without figures (``bench_blog.make_sites``). Each
site is built once (cold) and once more (the first rebuild may still settle what the cold build left), then
timed ``--repeat`` times with nothing changed: the wall clock and the build's own CPU time (user + system),
best of the runs, and each site's ratio to the floor.

The import of this package alone (``sphinx_academic_homepage``, after Sphinx and the extensions above) is
timed too, in a fresh interpreter each time. Builds run without ``PYTHONDONTWRITEBYTECODE``, as a user's do.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PYTHON = PROJECT_ROOT / ".venv" / "bin" / "python"
SPHINX = PROJECT_ROOT / ".venv" / "bin" / "sphinx-build"
BUILD_ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

FLOOR_CONF = """\
project = "Floor"
author = "Ada Lovelace"
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex"]
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
html_use_index = False  # as our sites: Sphinx would write the term index on every build
"""

#: Imports the floor's extensions, then times ``import sphinx_academic_homepage`` on its own.
IMPORT_TIMER = """\
import time
import sphinx.application, sphinx.builders.html, sphinx.environment
import myst_parser.sphinx_ext.main, pydata_sphinx_theme, sphinx_design, sphinxcontrib.bibtex
started = time.perf_counter()
import sphinx_academic_homepage
print(time.perf_counter() - started)
"""


def make_floor(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "conf.py").write_text(FLOOR_CONF, encoding="utf-8")
    (folder / "index.md").write_text("# Floor\n\nOne page and an empty bibliography.\n", encoding="utf-8")
    (folder / "refs.bib").write_text("", encoding="utf-8")
    return folder


def make_blog(folder: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_blog import make_sites

    return make_sites(folder, 100, 0, False)["ours"]


def timed_build(srcdir: Path, outdir: Path, options: list[str]) -> tuple[float, float]:
    """Wall clock and the build's own CPU time (user + system) of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [str(SPHINX), "-b", "html", *options, "-q", str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        env=BUILD_ENVIRONMENT,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"the build of {srcdir} failed:\n{result.stderr[-3000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def import_seconds(repeat: int) -> float:
    runs = [
        float(subprocess.run([str(PYTHON), "-c", IMPORT_TIMER], capture_output=True, text=True, env=BUILD_ENVIRONMENT,
                             check=True).stdout.split()[-1])
        for _ in range(repeat)
    ]
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed no-op builds per site")
    parser.add_argument("--no-blog", action="store_true", help="leave out the 100-post blog")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        root = Path(folder)
        sites = {"floor": (make_floor(root / "floor"), []), "real site": (PROJECT_ROOT, ["-W", "-n", "--keep-going"])}
        if not options.no_blog:
            sites["blog, 100 posts"] = (make_blog(root / "blog"), [])
        outdirs = {name: root / f"out-{n}" for n, name in enumerate(sites)}
        for name, (srcdir, build_options) in sites.items():
            for _ in range(2):  # cold, then a first rebuild
                timed_build(srcdir, outdirs[name], build_options)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in sites}
        for _ in range(options.repeat):
            for name, (srcdir, build_options) in sites.items():
                runs[name].append(timed_build(srcdir, outdirs[name], build_options))
        load = os.getloadavg()[0]
        print(f"no-op rebuild, best of {options.repeat}; load average {load:.1f} on {os.cpu_count()} CPUs\n")
        print("| site | wall (s) | CPU (s) | wall / floor | CPU / floor |")
        print("|---|---:|---:|---:|---:|")
        floor_wall = min(wall for wall, _ in runs["floor"])
        floor_cpu = min(cpu for _, cpu in runs["floor"])
        for name, timings in runs.items():
            wall = min(w for w, _ in timings)
            cpu = min(c for _, c in timings)
            print(f"| {name} | {wall:.2f} | {cpu:.2f} | {wall / floor_wall:.2f}x | {cpu / floor_cpu:.2f}x |")
        print(f"\nimport sphinx_academic_homepage after the floor's extensions: {import_seconds(options.repeat) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
