"""Lighthouse scores and page weight of the built site, served compressed from 127.0.0.1.

    .venv/bin/python benchmarks/lighthouse.py                 # stand-in photo, mobile and desktop, 3 runs
    .venv/bin/python benchmarks/lighthouse.py --photo real    # the owner's photo from ../shared/assets
    .venv/bin/python benchmarks/lighthouse.py --runs 5 --pages index papers --form-factors mobile
    .venv/bin/python benchmarks/lighthouse.py --built /tmp/b/out-ours-0/html --page blog/2023/note-000/index.html
    .venv/bin/python benchmarks/lighthouse.py --photo real --form-factors mobile --cpu-slowdown 4 6 --pages index paper post

Needs Lighthouse 12.2.3 (``npm ci --prefix benchmarks``; 13 needs a newer Node than Debian 12 has) and
Debian's Chromium (``CHROME_PATH``, default /usr/bin/chromium). The site is built from a temporary copy
of the sources, so ``--photo real`` puts the real photo into that copy's ``_static`` only, never into the
repository. Every number is the median of ``--runs`` runs: Lighthouse's performance score moves by several
points between runs. A baseline, the same sources with the theme as it comes (search scripts, every
stylesheet and the full icon font on every page, no favicon), is measured in the same run (mobile, one run
per page unless ``--baseline-runs``) so the savings print as ratios.

``paper`` is the first paper page of the build (``papers/<key>.html``); ``post`` is the first post of a
generated blog of three posts with three figures each (``bench_blog.make_sites``), built beside the site
(the site itself has no posts). ``--cpu-slowdown 4 6`` measures the phone at Lighthouse's 4x CPU slowdown
(its default) and again at 6x, a slower phone than Lighthouse models.

Raw Lighthouse reports are kept in ``benchmarks/_work/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "tests"))

from browser.compressed_server import serve  # noqa: E402 - after the path insert
from conftest import CHROMIUM_FLAGS  # noqa: E402

LIGHTHOUSE = PROJECT_ROOT / "benchmarks" / "node_modules" / "lighthouse" / "cli" / "index.js"
WORK_DIR = PROJECT_ROOT / "benchmarks" / "_work"
REAL_PHOTO = PROJECT_ROOT.parent / "shared" / "assets" / "rosegarden.png"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {"index": "index.html", "research": "research/index.html", "papers": "papers/index.html", "about": "about/index.html"}
#: Pages whose address depends on the build: found in the built folder (see ``page_address``).
BUILT_PAGES = ("paper", "post")
#: The post measured in the generated blog (``bench_blog.write_posts`` names it).
BLOG_POST = "blog/2023/note-000/index.html"
#: Lighthouse's own CPU slowdown for its mobile preset.
DEFAULT_SLOWDOWN = 4

# What the copy of the sources leaves out: environments, builds, caches, the benchmark's own files.
_NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "_work", "__pycache__", ".pytest_cache", ".hypothesis")

# Appended to the baseline copy's conf.py: the theme's own layout (not homepage/templates/layout.html),
# every asset on every page, the whole icon font, untrimmed stylesheets, no favicon.
_BASELINE_CONF = """
# -- benchmark baseline: the theme as it comes --
html_css_files = []
html_favicon = None
homepage_trim_css = False


def setup(app):
    import sphinx_academic_homepage.page_assets as page_assets

    page_assets.unused_assets = lambda pagename, body: frozenset()

    def theme_layout_only(app, config):
        config.templates_path = [p for p in config.templates_path if p != str(page_assets.TEMPLATES_DIR)]

    app.connect("config-inited", theme_layout_only, priority=900)
"""


@dataclass
class Run:
    scores: dict[str, float]
    lcp_ms: float
    cls: float
    tbt_ms: float
    transfer_bytes: int
    lost_points: list[str] = field(default_factory=list)
    resources: list[tuple[str, int]] = field(default_factory=list)


def copy_sources(destination: Path, photo: Path | None, baseline: bool = False) -> Path:
    """A copy of the sources to build from; ``photo`` (when given) replaces the profile photo in the copy."""
    source = destination / "src"
    shutil.copytree(PROJECT_ROOT, source, ignore=_NOT_SOURCES)
    if photo is not None:
        shutil.copyfile(photo, source / "_static" / profile_image_name(source))
    if baseline:
        with (source / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(_BASELINE_CONF)
    return source


def profile_image_name(source: Path) -> str:
    """The photo the home page's front matter names (``profile.image``), as al-folio resolves it."""
    text = (source / "index.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---", 2)[1]) or {}
    return (front.get("profile") or {}).get("image") or "rosegarden.png"


def build(source: Path, outdir: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(source), str(outdir)], check=True
    )


def lighthouse(url: str, form_factor: str, report: Path, slowdown: float = DEFAULT_SLOWDOWN) -> Run:
    command = [
        "node", str(LIGHTHOUSE), url,
        "--output=json", f"--output-path={report}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    elif slowdown != DEFAULT_SLOWDOWN:
        command.append(f"--throttling.cpuSlowdownMultiplier={slowdown:g}")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, cwd=report.parent)
    return read_report(report)


def read_report(report: Path) -> Run:
    """The scores, metrics, lost points and resources of one Lighthouse JSON report."""
    result = json.loads(report.read_text(encoding="utf-8"))
    audits = result["audits"]
    lost = []
    for category_id in CATEGORIES:
        category = result["categories"][category_id]
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                shown = f" {audit['displayValue']}" if audit.get("displayValue") else ""
                lost.append(f"{category_id}: {ref['id']} {audit['score']:.2f}{shown}")
    resources = [
        (item["url"].split("?", 1)[0].rsplit("/", 1)[-1] or item["url"], int(item.get("transferSize", 0)))
        for item in audits["network-requests"]["details"]["items"]
    ]
    return Run(
        scores={name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES},
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        transfer_bytes=int(audits["total-byte-weight"]["numericValue"]),
        lost_points=lost,
        resources=resources,
    )


def median_run(runs: list[Run]) -> Run:
    """Each number the median of the runs; the points lost and resources of the run with the median score."""
    by_score = sorted(runs, key=lambda run: run.scores["performance"])
    middle = by_score[len(by_score) // 2]
    return Run(
        scores={name: statistics.median(run.scores[name] for run in runs) for name in CATEGORIES},
        lcp_ms=statistics.median(run.lcp_ms for run in runs),
        cls=statistics.median(run.cls for run in runs),
        tbt_ms=statistics.median(run.tbt_ms for run in runs),
        transfer_bytes=int(statistics.median(run.transfer_bytes for run in runs)),
        lost_points=middle.lost_points,
        resources=middle.resources,
    )


#: Times a run is tried: on a loaded machine Chromium can miss Lighthouse's protocol timeouts.
ATTEMPTS = 2


def _run_with_retry(url: str, form_factor: str, report: Path, slowdown: float) -> Run | None:
    """One Lighthouse run, tried again once when Lighthouse fails; None (said on stderr) when both fail."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return lighthouse(url, form_factor, report, slowdown)
        except subprocess.CalledProcessError:
            print(f"\nLighthouse failed on {url} ({form_factor}, {slowdown:g}x), attempt {attempt}", file=sys.stderr)
    return None


def page_address(outdir: Path, page: str) -> str | None:
    """The path of ``page`` (a key of PAGES or BUILT_PAGES) in the built folder; None when it has none."""
    if page == "paper":
        found = sorted(path.name for path in (outdir / "papers").glob("*.html") if path.name != "index.html")
        return f"papers/{found[0]}" if found else None
    if page == "post":
        return BLOG_POST if (outdir / BLOG_POST).is_file() else None
    return PAGES[page]


def _conditions(form_factors: list[str], slowdowns: list[float]) -> list[tuple[str, float]]:
    """(form factor, CPU slowdown) pairs: each slowdown on the phone, the desktop preset as it is."""
    conditions = []
    for form_factor in form_factors:
        conditions += [(form_factor, slowdown) for slowdown in slowdowns] if form_factor == "mobile" else [(form_factor, 1)]
    return conditions


def condition_label(form_factor: str, slowdown: float) -> str:
    return f"mobile {slowdown:g}x" if form_factor == "mobile" and slowdown != DEFAULT_SLOWDOWN else form_factor


def measure(
    outdir: Path,
    label: str,
    pages: list[str],
    form_factors: list[str],
    runs: int,
    slowdowns: tuple[float, ...] | list[float] = (DEFAULT_SLOWDOWN,),
) -> dict:
    results = {}
    with serve(outdir) as base_url:
        for form_factor, slowdown in _conditions(form_factors, slowdowns):
            shown = condition_label(form_factor, slowdown)
            for page in pages:
                address = page_address(outdir, page)
                if address is None:
                    continue
                page_runs = []
                for number in range(runs):
                    report = WORK_DIR / f"{label}-{page}-{shown.replace(' ', '-')}-{number + 1}.json"
                    run = _run_with_retry(base_url + address, form_factor, report, slowdown)
                    if run is not None:
                        page_runs.append(run)
                    print(".", end="", flush=True, file=sys.stderr)
                if page_runs:
                    results[(page, shown)] = median_run(page_runs)
    print(file=sys.stderr)
    return results


def build_blog(root: Path, outdir: Path) -> None:
    """A blog of three posts with three figures each (bench_blog's), built into ``outdir``."""
    sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
    import bench_blog

    sites = bench_blog.make_sites(root, 3, 3, False)
    build(sites["ours"], outdir)


def _score(value: float) -> str:
    return f"{value:g}"


def print_table(title: str, results: dict, baseline: dict | None = None) -> None:
    print(f"\n{title}")
    header = "| page | form factor | perf | a11y | best pr. | SEO | LCP | CLS | TBT | transfer |"
    if baseline:
        header += " vs theme as it comes |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for (page, form_factor), run in results.items():
        row = (
            f"| {page} | {form_factor} | "
            + " | ".join(_score(run.scores[name]) for name in CATEGORIES)
            + f" | {run.lcp_ms / 1000:.2f} s | {run.cls:.3f} | {run.tbt_ms:.0f} ms | {run.transfer_bytes / 1000:.1f} KB |"
        )
        if baseline:
            base = baseline.get((page, form_factor))
            row += (
                f" {run.transfer_bytes / base.transfer_bytes:.2f}x of {base.transfer_bytes / 1000:.1f} KB,"
                f" perf {_score(base.scores['performance'])} |" if base else " |"
            )
        print(row)


def print_lost_points(results: dict) -> None:
    print("\nPoints not yet 100 (the median run's audits below 1, weighted in their category):")
    for (page, form_factor), run in results.items():
        print(f"- {page} {form_factor}: " + ("; ".join(run.lost_points) or "none"))


def print_resources(results: dict, page: str = "index") -> None:
    for (name, form_factor), run in results.items():
        if name == page and form_factor == "mobile":
            print(f"\n{page} (mobile), bytes over the wire by resource:")
            for resource, size in sorted(run.resources, key=lambda item: -item[1]):
                print(f"  {size / 1000:7.1f} KB  {resource}")


def measure_built(folder: Path, page: str, form_factors: list[str], runs: int, slowdowns: list[float]) -> None:
    """Lighthouse on one page of a site built elsewhere (a post of ``bench_blog.py --keep``'s blog)."""
    PAGES["built"] = page
    results = measure(folder, "built", ["built"], form_factors, runs, slowdowns)
    print_table(f"{folder}/{page}; median of {runs} runs; served gzip-compressed from 127.0.0.1", results)
    print_lost_points(results)
    print_resources(results, "built")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photo", choices=["standin", "real"], default="standin")
    parser.add_argument("--real-photo", type=Path, default=REAL_PHOTO, help=f"default: {REAL_PHOTO}")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="+", choices=[*PAGES, *BUILT_PAGES], default=[*PAGES, "paper"])
    parser.add_argument("--form-factors", nargs="+", choices=["mobile", "desktop"], default=["mobile", "desktop"])
    parser.add_argument(
        "--cpu-slowdown", type=float, nargs="+", default=[DEFAULT_SLOWDOWN], help="the phone's CPU slowdowns (default: 4)"
    )
    parser.add_argument("--baseline-runs", type=int, default=1, help="runs per page for the baseline; 0: none")
    parser.add_argument("--built", type=Path, help="measure this built HTML folder (bench_blog.py --keep) instead")
    parser.add_argument("--page", default="index.html", help="with --built: the page measured, a path in the folder")
    args = parser.parse_args()

    if not LIGHTHOUSE.is_file():
        sys.exit("Lighthouse is not installed: npm ci --prefix benchmarks")
    if not Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium")).is_file():
        sys.exit("no Chromium: apt-get install chromium, or set CHROME_PATH")
    photo = None
    if args.photo == "real":
        photo = args.real_photo.resolve()
        if not photo.is_file():
            sys.exit(f"--photo real: no photo at {photo}")
    WORK_DIR.mkdir(exist_ok=True)
    if args.built:
        measure_built(args.built, args.page, args.form_factors, args.runs, args.cpu_slowdown)
        return

    with tempfile.TemporaryDirectory(prefix="homepage-lighthouse-") as temporary:
        temporary = Path(temporary)
        site = temporary / "site"
        baseline = None
        if args.baseline_runs:
            plain = temporary / "baseline"
            try:
                build(copy_sources(temporary / "baseline-src", photo, baseline=True), plain)
            except subprocess.CalledProcessError:
                print("the baseline did not build; measuring the site alone", file=sys.stderr)
            else:
                print(f"baseline (the theme as it comes), {args.baseline_runs} run(s), mobile", file=sys.stderr)
                baseline = measure(plain, f"baseline-{args.photo}", args.pages, ["mobile"], args.baseline_runs)
        build(copy_sources(temporary / "site-src", photo), site)
        print(f"Lighthouse 12.2.3, photo: {args.photo}, median of {args.runs} runs", file=sys.stderr)
        results = measure(site, args.photo, args.pages, args.form_factors, args.runs, args.cpu_slowdown)
        if "post" in args.pages:
            blog = temporary / "blog-html"
            build_blog(temporary / "blog", blog)
            results |= measure(blog, "blog", ["post"], args.form_factors, args.runs, args.cpu_slowdown)

    print_table(f"Photo: {args.photo}; median of {args.runs} runs; served gzip-compressed from 127.0.0.1", results, baseline)
    print_lost_points(results)
    print_resources(results)


if __name__ == "__main__":
    main()
