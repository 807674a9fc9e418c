"""The real site at the owner's scale and beyond: N entries with their paper pages, 0 or 100 posts, against bare
sphinxcontrib-bibtex (+ ablog where there are posts). Issue 17's proof.

For each N (32: the owner's ``papers.bib``; larger N: the owner's entries and generated ones, ``bibsite.py``)
and each number of posts (al-folio posts, ``bench_blog.write_posts``, no figures), two sites, in a temporary
folder:

- ``ours``: a copy of this repository's pages (``conf.py``, the home page, about, papers, research, talk,
  media), the bibliography at N entries (a page per paper, as the site has), the posts in ``_posts/``;
- ``bare``: ``bibsite.py``'s bare flavour (``{bibliography}`` directives, the same lists) with the same .bib, and
  with the same posts converted for ablog (``bench_blog.as_ablog_post``) when there are posts.

Each is timed for: a cold build (no output, no environment), a no-op rebuild, a one-page edit (a page without
publications gains a line) and a one-entry .bib edit (the first entry's title changes), each incremental step
the median of ``--repeat`` runs, the two sites taking turns at every step so the load of a shared machine falls
on both alike. Ours is also timed as ``make html`` runs it when nothing changed: the check of its inputs
(``python -m sphinx_academic_homepage.uptodate``, after one build through it that leaves its record), which finds
nothing changed and does not start Sphinx (the script checks that the output was left as it was). A figure is the child's own CPU time (user + system, ``os.wait4``), with its wall clock after it;
the ratio is bare / ours in CPU time. The no-op row also says how many files of the output the build wrote
(modification times), and each site's environment pickle is measured.

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_scale.py                            # N = 32 and 1,000; 0 and 100 posts
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000 --posts 100   # the issue's targets only
    .venv/bin/python benchmarks/bench_scale.py --sizes 5000 --repeat 1    # slow: bare needs minutes a build
    .venv/bin/python benchmarks/bench_scale.py --sizes 5000 --posts 100 --repeat 1 --no-bare   # ours only

The bare site with posts needs a venv with ablog and sphinxcontrib-bibtex (never the project's)::

    python3.13 -m venv /tmp/scale-bare-venv && /tmp/scale-bare-venv/bin/pip install ablog==0.11.13 \\
        sphinx==9.2.0 sphinxcontrib-bibtex==2.7.0 myst-parser==5.2.0 pydata-sphinx-theme==0.24.0

Without it, the bare site is built with the project's Sphinx, without posts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_blog import ABLOG_CONF, BUILD_ENVIRONMENT, OUR_SPHINX, as_ablog_post, write_posts  # noqa: E402
from bibsite import bibliography, write_site  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BARE_SPHINX = Path("/tmp/scale-bare-venv/bin/sphinx-build")
#: What of the repository is the site (the rest is its tooling).
SITE_FILES = ("conf.py", "index.md", "_static", "about", "media", "papers", "research", "talk")
OWNER_BIB = PROJECT_ROOT / "papers" / "papers.bib"
STEPS = ("cold", "no-op", "make html, nothing changed", "one-page edit", "one-entry .bib edit")
#: ``make html``'s check of the inputs before it starts Sphinx (``make html FORCE=1`` adds ``--force``).
UPTODATE = [str(OUR_SPHINX.parent / "python"), "-m", "sphinx_academic_homepage.uptodate"]
#: The ablog settings the bare site takes when it has posts (project, author and theme are bibsite's).
ABLOG_SETTINGS = "".join(
    line + "\n" for line in ABLOG_CONF.splitlines() if line.startswith(("blog_", "fontawesome", "html_use_index"))
)
_TITLE = re.compile(r"(title\s*=\s*\{)")


def papers_bib(size: int) -> str:
    """The owner's entries, and generated ones up to ``size`` (their keys, ``paper00000``..., are not the owner's)."""
    owner = OWNER_BIB.read_text(encoding="utf-8")
    extra = size - owner.count("\n@") - owner.startswith("@")
    return owner + ("\n" + bibliography(extra) if extra > 0 else "")


def make_sites(
    root: Path, size: int, posts: int, bare_sphinx: Path | None
) -> dict[str, tuple[Path, Path, Path]]:
    """The two sites (ours alone without ``bare_sphinx``): flavour -> (sphinx-build, site folder, the page the
    one-page edit appends to)."""
    bib = papers_bib(size)
    ours = root / "ours"
    ours.mkdir(parents=True)
    for name in SITE_FILES:
        source = PROJECT_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, ours / name)
    (ours / "papers" / "papers.bib").write_text(bib, encoding="utf-8")
    if bare_sphinx is None:
        if posts:
            write_posts(ours, posts, 0)
        return {"ours": (OUR_SPHINX, ours, ours / "media" / "index.md")}
    bare = write_site(root, size, "bare", PROJECT_ROOT)
    (bare / "papers.bib").write_text(bib, encoding="utf-8")
    with (bare / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("html_use_index = False  # as the real site's conf.py\n")
    if posts:
        for path in write_posts(ours, posts, 0):
            (bare / "_posts").mkdir(exist_ok=True)
            (bare / "_posts" / path.name).write_text(as_ablog_post(path.read_text(encoding="utf-8")), encoding="utf-8")
        text = (bare / "conf.py").read_text(encoding="utf-8").replace('"sphinxcontrib.bibtex"]', '"sphinxcontrib.bibtex", "ablog"]')
        (bare / "conf.py").write_text(text + ABLOG_SETTINGS, encoding="utf-8")
        with (bare / "index.md").open("a", encoding="utf-8") as index:
            index.write("\n```{toctree}\n:glob:\n:hidden:\n_posts/*\n```\n")
    return {"ours": (OUR_SPHINX, ours, ours / "media" / "index.md"), "bare": (bare_sphinx, bare, bare / "about.md")}


def build(sphinx: Path, site: Path, check: list[str] | None = None) -> tuple[float, float, int]:
    """One ``sphinx-build`` of ``site`` into ``site/_build`` (through ``make html``'s check, with the options
    ``check``, when given): the child's CPU seconds (its own children's included), wall seconds, warnings."""
    out = site / "_build"
    command = [str(sphinx), "-b", "html", "-q", str(site), str(out / "html"), "-d", str(out / "doctrees")]
    if check is not None:
        command = [*UPTODATE, *check, "--site", str(site), str(out / "html"), "--", *command]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=BUILD_ENVIRONMENT)
    stderr = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{sphinx} failed on {site}:\n{stderr[-3000:]}")
    return usage.ru_utime + usage.ru_stime, wall, stderr.count("WARNING")


def output_times(site: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in (site / "_build" / "html").rglob("*") if path.is_file()}


def edit_page(page: Path, round_number: int) -> None:
    with page.open("a", encoding="utf-8") as text:
        text.write(f"\nEdited {round_number}.\n")


def edit_bib(site: Path, round_number: int) -> None:
    bib = next(site.glob("**/papers.bib"))
    bib.write_text(_TITLE.sub(rf"\g<1>Edited{round_number} ", bib.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def measure_check(ours: tuple[Path, Path, Path], runs: dict[str, list[tuple[float, float]]], repeat: int) -> None:
    """``make html`` with nothing changed: one build through the check leaves its record, then the check alone."""
    sphinx, site, _ = ours
    build(sphinx, site, ["--force"])
    for _ in range(repeat):
        before = output_times(site)
        runs["make html, nothing changed"].append(build(sphinx, site, [])[:2])
        if output_times(site) != before:
            raise SystemExit("make html's check ran Sphinx although nothing changed")


def measure(sites: dict[str, tuple[Path, Path, Path]], repeat: int) -> dict[str, dict[str, object]]:
    """Per flavour: each step's median (CPU, wall), the warnings of the cold build, files a no-op wrote, the pickle."""
    runs: dict[str, dict[str, list[tuple[float, float]]]] = {flavour: {step: [] for step in STEPS} for flavour in sites}
    report: dict[str, dict[str, object]] = {flavour: {} for flavour in sites}
    for flavour, (sphinx, site, _) in sites.items():
        shutil.rmtree(site / "_build", ignore_errors=True)
        cpu, wall, report[flavour]["warnings"] = build(sphinx, site)
        runs[flavour]["cold"].append((cpu, wall))
    edits: dict[str, Callable[[str, int], None] | None] = {
        "no-op": None,
        "one-page edit": lambda flavour, n: edit_page(sites[flavour][2], n),
        "one-entry .bib edit": lambda flavour, n: edit_bib(sites[flavour][1], n),
    }
    for step, edit in edits.items():
        if step == "one-page edit":
            measure_check(sites["ours"], runs["ours"], repeat)
        for round_number in range(repeat):
            for flavour, (sphinx, site, _) in sites.items():
                before = output_times(site) if edit is None else {}
                if edit is not None:
                    edit(flavour, round_number)
                cpu, wall, _ = build(sphinx, site)
                runs[flavour][step].append((cpu, wall))
                if edit is None:
                    after = output_times(site)
                    report[flavour]["written"] = sum(after.get(path) != mtime for path, mtime in before.items())
    for flavour, (_, site, _) in sites.items():
        # A rebuild that is fast because it missed the edit would prove nothing.
        if not any(f"Edited{repeat - 1} " in page.read_text(encoding="utf-8") for page in (site / "_build" / "html").glob("**/*.html")):
            raise SystemExit(f"{flavour}: no page shows the last .bib edit")
        report[flavour]["pickle"] = (site / "_build" / "doctrees" / "environment.pickle").stat().st_size
        for step in STEPS:
            values = runs[flavour][step]
            if not values:
                continue
            report[flavour][step] = (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="32,1000", help="comma-separated N (5000: bare takes minutes a build)")
    parser.add_argument("--posts", default="0,100", help="comma-separated numbers of posts")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each incremental step (the median is kept)")
    parser.add_argument("--keep", type=Path, help="write the sites in this new folder and keep them")
    parser.add_argument("--no-bare", action="store_true", help="ours only (bare takes many minutes at N = 5,000)")
    args = parser.parse_args()
    bare_sphinx = BARE_SPHINX if BARE_SPHINX.exists() else OUR_SPHINX
    post_counts = [int(n) for n in args.posts.split(",")]
    if args.no_bare:
        bare_sphinx = None
        print("bare sphinxcontrib-bibtex left out (--no-bare): no ratios", flush=True)
    elif bare_sphinx == OUR_SPHINX and any(post_counts):
        raise SystemExit(f"{BARE_SPHINX} not found: the bare site with posts needs ablog (see this script's help)")
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} on {os.cpu_count()} CPUs", flush=True)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows = []
    try:
        for size in (int(n) for n in args.sizes.split(",")):
            for posts in post_counts:
                sites = make_sites(root / f"{size}-{posts}", size, posts, bare_sphinx)
                report = measure(sites, args.repeat)
                for flavour in sites:
                    facts = report[flavour]
                    print(
                        f"N={size} posts={posts} {flavour}: {facts['warnings']} warnings, no-op wrote {facts['written']} "
                        f"files, environment {facts['pickle'] / 1e6:.1f} MB", flush=True,
                    )
                rows += [(size, posts, step, report["ours"][step], report.get("bare", {}).get(step)) for step in STEPS]
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"\nload average {os.getloadavg()[0]:.1f}; CPU seconds of the build (wall seconds), medians\n")
    print("| N | posts | step | ours | bare | bare / ours (CPU) |\n|---:|---:|---|---:|---:|---:|")
    for size, posts, step, ours, bare in rows:
        theirs = f"{bare[0]:.2f} ({bare[1]:.2f}) | {bare[0] / ours[0]:.1f}x" if bare else "— | —"
        print(f"| {size:,} | {posts} | {step} | {ours[0]:.2f} ({ours[1]:.2f}) | {theirs} |")
    targets = {step: (ours, bare) for size, posts, step, ours, bare in rows if (size, posts) == (1000, 100)}
    if targets and not args.no_bare:
        noop, bib_edit, cold = targets["no-op"], targets["one-entry .bib edit"], targets["cold"]
        print(
            f"\nTargets at N = 1,000, 100 posts (CPU): no-op {noop[0][0]:.2f} s (<= 1.0) and {noop[1][0] / noop[0][0]:.1f}x "
            f"bare (>= 10x); one-entry .bib edit {bib_edit[0][0]:.2f} s (<= 3); cold {cold[0][0] / cold[1][0]:.2f}x bare's (<= 1.3)"
        )


if __name__ == "__main__":
    main()
