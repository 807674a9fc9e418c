"""What a no-op rebuild costs before it does anything: our sites against the floor of a plain site.

Run on demand (not a test):

    .venv/bin/python benchmarks/bench_startup.py              # best of 5 no-op builds per site
    .venv/bin/python benchmarks/bench_startup.py --repeat 3 --no-blog
    .venv/bin/python benchmarks/bench_startup.py --before /tmp/old/src   # also with an older checkout's src/

The floor is a one-page Markdown site with the extensions every site of ours loads and nothing of ours:
myst-parser, pydata-sphinx-theme, sphinx-design and sphinxcontrib-bibtex with an empty ``.bib``. Beside it, in
the same run and taking turns with it: the real site (this repository, with the site's own options
``-W -n --keep-going``), and a generated blog of 100 posts without figures (``bench_blog.make_sites``). Each
site is built once (cold) and once more (the first rebuild may still settle what the cold build left), then
timed ``--repeat`` times with nothing changed: the wall clock and the build's own CPU time (user + system),
best of the runs, and each site's ratio to the floor.

Our sites are also timed as ``make html`` runs them when nothing changed: the check of their inputs
(``python -m sphinx_academic_homepage.uptodate``, after one build through it that leaves its record), which does
not start Sphinx. The import of this package's set-up (``sphinx_academic_homepage.extension``, after Sphinx and
the extensions above) is timed too, its CPU time in a fresh interpreter each time. ``--before`` adds our sites built with another
checkout's ``src/`` (``git archive <commit> src | tar -x -C /tmp/old``), in the same rounds. Builds run
without ``PYTHONDONTWRITEBYTECODE``, as a user's do.
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

#: Imports the floor's extensions, then times the import of what this package's ``setup()`` imports, on its own.
IMPORT_TIMER = """\
import time
import sphinx.application, sphinx.builders.html, sphinx.environment
import myst_parser.sphinx_ext.main, pydata_sphinx_theme, sphinx_design, sphinxcontrib.bibtex
from importlib.util import find_spec
from pathlib import Path
# What setup() imports: the package itself in a checkout from before its wiring moved to extension.py.
folder = Path(find_spec("sphinx_academic_homepage").origin).parent  # found, not imported
name = "sphinx_academic_homepage" + (".extension" if (folder / "extension.py").is_file() else "")
started = time.process_time()
__import__(name)
print(time.process_time() - started)
"""
#: ``make html``'s check of the inputs before it starts Sphinx (``make html FORCE=1`` adds ``--force``).
UPTODATE = [str(PYTHON), "-m", "sphinx_academic_homepage.uptodate"]


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


def timed_build(
    srcdir: Path, outdir: Path, options: list[str], src: Path | None = None, check: list[str] | None = None
) -> tuple[float, float]:
    """Wall clock and the build's own CPU time (user + system) of one build; ``src`` is another checkout's
    ``src/`` folder to build with instead of this one's; ``check``: through ``make html``'s check, with these
    options."""
    command = [str(SPHINX), "-b", "html", *options, "-q", str(srcdir), str(outdir)]
    if check is not None:
        command = [*UPTODATE, *check, "--site", str(srcdir), str(outdir), "--", *command]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=BUILD_ENVIRONMENT if src is None else {**BUILD_ENVIRONMENT, "PYTHONPATH": str(src)},
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"the build of {srcdir} failed:\n{result.stderr[-3000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def import_seconds(repeat: int, src: Path | None = None) -> float:
    """The CPU time of ``import sphinx_academic_homepage.extension`` alone, best of ``repeat`` fresh interpreters."""
    env = BUILD_ENVIRONMENT if src is None else {**BUILD_ENVIRONMENT, "PYTHONPATH": str(src)}
    runs = [
        float(subprocess.run([str(PYTHON), "-c", IMPORT_TIMER], capture_output=True, text=True, env=env,
                             check=True).stdout.split()[-1])
        for _ in range(repeat)
    ]
    return min(runs)


def time_checks(
    sites: dict[str, tuple[Path, list[str], Path | None]], outdirs: dict[str, Path], repeat: int
) -> dict[str, tuple[float, float]]:
    """Per site of ours (this checkout's ``src/``): best wall clock and CPU time of ``make html``'s check when
    nothing changed, after one build through it that leaves its record."""
    best = {}
    for name, (srcdir, build_options, src) in sites.items():
        if name == "floor" or src is not None:
            continue
        timed_build(srcdir, outdirs[name], build_options, check=["--force"])
        runs = []
        for _ in range(repeat):
            before = {path: path.stat().st_mtime_ns for path in outdirs[name].rglob("*")}
            runs.append(timed_build(srcdir, outdirs[name], build_options, check=[]))
            if {path: path.stat().st_mtime_ns for path in outdirs[name].rglob("*")} != before:
                sys.exit(f"make html's check ran Sphinx on {name} although nothing changed")
        best[name] = (min(wall for wall, _ in runs), min(cpu for _, cpu in runs))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed no-op builds per site")
    parser.add_argument("--no-blog", action="store_true", help="leave out the 100-post blog")
    parser.add_argument("--before", type=Path, help="another checkout's src/ folder: our sites built with it too")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        root = Path(folder)
        strict = ["-W", "-n", "--keep-going"]
        sites = {"floor": (make_floor(root / "floor"), [], None), "real site": (PROJECT_ROOT, strict, None)}
        if not options.no_blog:
            sites["blog, 100 posts"] = (make_blog(root / "blog"), [], None)
        if options.before:
            for name, (srcdir, build_options, _) in list(sites.items())[1:]:
                sites[f"{name}, before"] = (srcdir, build_options, options.before.resolve())
        outdirs = {name: root / f"out-{n}" for n, name in enumerate(sites)}
        for name, (srcdir, build_options, src) in sites.items():
            for _ in range(2):  # cold, then a first rebuild
                timed_build(srcdir, outdirs[name], build_options, src)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in sites}
        for _ in range(options.repeat):
            for name, (srcdir, build_options, src) in sites.items():
                runs[name].append(timed_build(srcdir, outdirs[name], build_options, src))
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
        checks = time_checks(sites, outdirs, options.repeat)
        print("\nmake html with nothing changed: the check alone, Sphinx not started, best of "
              f"{options.repeat}\n\n| site | wall (s) | CPU (s) |\n|---|---:|---:|")
        for name, (wall, cpu) in checks.items():
            print(f"| {name} | {wall:.3f} | {cpu:.3f} |")
        print(f"\nimport sphinx_academic_homepage.extension after the floor's extensions (CPU): "
              f"{import_seconds(options.repeat) * 1000:.0f} ms")
        if options.before:
            print(f"the same, before: {import_seconds(options.repeat, options.before.resolve()) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
