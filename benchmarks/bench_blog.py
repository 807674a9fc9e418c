"""Build time of a generated al-folio blog: ours against a plain ablog + pydata-sphinx-theme + MathJax site.

Run on demand (not a test):

    .venv/bin/python benchmarks/bench_blog.py                 # 100 posts, 3 figures each
    .venv/bin/python benchmarks/bench_blog.py --posts 20 --figures 1 --repeat 1

It writes N posts as al-folio writes them (``_posts/YYYY-MM-DD-slug.md``: front matter, ``$$`` math inline and
on its own lines, ``{% include figure.liquid %}`` of PNGs of noise about 2 MB each, so they do not compress
away) into a temporary folder, and times, for our site, a cold build (copies of the images made), a no-op
rebuild, a one-post edit, and a second cold build into a fresh output folder that keeps the image copies of
the first (images encoded once per version). When ``/tmp/ablog-venv`` holds ablog (``python3.13 -m venv
/tmp/ablog-venv && /tmp/ablog-venv/bin/pip install ablog pydata-sphinx-theme myst-parser``), the same posts,
converted to what ablog reads (a heading for the title, comma-separated tags, Markdown images, ``$`` math), are
built the same way with ablog, and a ratio table compares the two (the two sites take turns at every step).

It also prints what a phone downloads for the first post (HTML, stylesheets, scripts and the image copy each
figure offers a 412 px wide screen at 1.75x, Lighthouse's phone, for its 380 px column), our site only.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from PIL import Image

PROJECT_ROOT = Path(__file__).resolve().parent.parent
OUR_SPHINX = PROJECT_ROOT / ".venv" / "bin" / "sphinx-build"
ABLOG_SPHINX = Path("/tmp/ablog-venv/bin/sphinx-build")
#: Lighthouse's phone: 412 CSS px at a device pixel ratio of 1.75; a post's figure is the screen less 2rem wide.
PHONE_PIXELS = round((412 - 32) * 1.75)

OUR_CONF = """\
project = "Blog benchmark"
author = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist", "attrs_inline"]
exclude_patterns = ["_build"]
"""
ABLOG_CONF = """\
project = "Blog benchmark"
author = "Ada Lovelace"
extensions = ["myst_parser", "ablog", "sphinx.ext.mathjax"]
html_theme = "pydata_sphinx_theme"
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist"]
blog_path = "blog"
blog_post_pattern = ["_posts/*"]
blog_title = "Blog benchmark"
blog_baseurl = "https://example.org/"
fontawesome_included = True
exclude_patterns = ["_build"]
"""
INDEX = "# Blog benchmark\n\nA generated blog.\n"
ABLOG_INDEX = INDEX + "\n```{toctree}\n:glob:\n:hidden:\n_posts/*\n```\n"

PARAGRAPH = (
    "Scaling laws relate the loss $$L$$ to the number of parameters $$N$$ as $$L(N) = (N_c / N)^{{\\alpha_N}}$$, "
    "and post {n} looks at what that means for the {topic} of a network trained on {data}."
)
DISPLAY = "$$\n\\mathcal{{L}}(\\theta) = \\frac{{1}}{{{n}}} \\sum_{{i=1}}^{{{n}}} \\left(f_\\theta(x_i) - y_i\\right)^2\n$$"
TOPICS = ("loss landscape", "grokking", "representation", "symmetry", "phase transition")
DATA = ("modular addition", "MNIST", "a toy physics dataset", "random labels")


def noise_png(path: Path, seed: int, width: int = 1000, height: int = 700) -> None:
    """A PNG of noise (about 2 MB for 1000x700): no encoder can make it small, as a real figure's scan can be."""
    pixels = random.Random(seed).randbytes(width * height * 3)
    Image.frombytes("RGB", (width, height), pixels).save(path, compress_level=1)


def write_posts(srcdir: Path, posts: int, figures: int) -> list[Path]:
    """al-folio posts, newest last; their figures under ``assets/img``."""
    (srcdir / "_posts").mkdir(parents=True)
    (srcdir / "assets" / "img").mkdir(parents=True)
    written = []
    start = date(2023, 1, 2)
    for n in range(posts):
        day = start + timedelta(days=3 * n)
        slug = f"note-{n:03d}"
        body = [PARAGRAPH.format(n=n, topic=TOPICS[n % len(TOPICS)], data=DATA[n % len(DATA)]), "", DISPLAY.format(n=n + 2), ""]
        for k in range(figures):
            name = f"fig-{n:03d}-{k}.png"
            noise_png(srcdir / "assets" / "img" / name, seed=n * 10 + k)
            body += [
                f'{{% include figure.liquid path="assets/img/{name}" class="img-fluid rounded z-depth-1" '
                f'caption="Figure {k + 1} of post {n}" zoomable=true %}}',
                "",
            ]
        front = (
            f"---\nlayout: post\ntitle: note {n} on {TOPICS[n % len(TOPICS)]}\ndate: {day.isoformat()} 10:00:00\n"
            f"description: a generated post\ntags: physics {TOPICS[n % len(TOPICS)].split()[0]}\ncategories: notes\n---\n\n"
        )
        path = srcdir / "_posts" / f"{day.isoformat()}-{slug}.md"
        path.write_text(front + "\n".join(body), encoding="utf-8")
        written.append(path)
    return written


_FRONT = re.compile(r"^---\n(.*?)\n---\n", re.S)
_INCLUDE = re.compile(r'\{% include figure\.liquid path="([^"]+)"[^%]*caption="([^"]*)"[^%]*%\}')


def as_ablog_post(text: str) -> str:
    """The same post as ablog reads it: the title as a heading, comma-separated tags, Markdown images, ``$`` math."""
    front = dict(line.split(": ", 1) for line in _FRONT.match(text).group(1).splitlines())
    body = _FRONT.sub("", text)
    body = _INCLUDE.sub(lambda m: f"![{m.group(2)}](/{m.group(1)})", body)
    body = re.sub(r"\$\$([^$\n]+)\$\$", r"$\1$", body)
    tags = ", ".join(front["tags"].split())
    return (
        f"---\nblogpost: true\ndate: {front['date'].split()[0]}\ntags: {tags}\ncategory: {front['categories']}\n---\n\n"
        f"# {front['title']}\n\n{body}"
    )


def make_sites(root: Path, posts: int, figures: int, with_ablog: bool) -> dict[str, Path]:
    ours = root / "ours"
    post_files = write_posts(ours, posts, figures)
    (ours / "conf.py").write_text(OUR_CONF, encoding="utf-8")
    (ours / "index.md").write_text(INDEX, encoding="utf-8")
    sites = {"ours": ours}
    if with_ablog:
        theirs = root / "ablog"
        (theirs / "_posts").mkdir(parents=True)
        shutil.copytree(ours / "assets", theirs / "assets")
        for path in post_files:
            (theirs / "_posts" / path.name).write_text(as_ablog_post(path.read_text(encoding="utf-8")), encoding="utf-8")
        (theirs / "conf.py").write_text(ABLOG_CONF, encoding="utf-8")
        (theirs / "index.md").write_text(ABLOG_INDEX, encoding="utf-8")
        sites["ablog"] = theirs
    return sites


def timed_build(sphinx: Path, srcdir: Path, outdir: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [str(sphinx), "-b", "html", "-q", str(srcdir), str(outdir / "html"), "-d", str(outdir / "doctrees")],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{sphinx} failed on {srcdir}:\n{result.stderr[-3000:]}")
    return elapsed


def edit_one_post(srcdir: Path, round_: int) -> None:
    first = sorted((srcdir / "_posts").glob("*.md"))[0]
    with first.open("a", encoding="utf-8") as file:
        file.write(f"\nAn edited line, round {round_}.\n")


def measure(sites: dict[str, Path], root: Path, repeat: int) -> dict[tuple[str, str], float]:
    """Best of ``repeat`` for each step and site; the sites take turns so that load falls on both alike."""
    times: dict[tuple[str, str], float] = {}
    sphinx = {"ours": OUR_SPHINX, "ablog": ABLOG_SPHINX}

    def note(step: str, name: str, seconds: float) -> None:
        times[(step, name)] = min(seconds, times.get((step, name), seconds))

    for round_ in range(repeat):
        for name, srcdir in sites.items():
            out = root / f"out-{name}-{round_}"
            note("cold", name, timed_build(sphinx[name], srcdir, out))
            note("no-op", name, timed_build(sphinx[name], srcdir, out))
            edit_one_post(srcdir, round_)
            note("one-post edit", name, timed_build(sphinx[name], srcdir, out))
            # A clean build (fresh environment) into the same output: the image copies are found, not encoded again.
            shutil.rmtree(out / "doctrees")
            note("clean, copies kept", name, timed_build(sphinx[name], srcdir, out))
    return times


def phone_bytes(outdir: Path) -> tuple[str, int] | None:
    """The first post page with figures and what a phone downloads for it: the HTML, stylesheets and scripts
    gzip-compressed (as a server sends them), and the copy each figure's ``srcset`` offers a phone's column."""
    pages = sorted(page for page in outdir.rglob("*.html") if "homepage-figure" in page.read_text(encoding="utf-8"))
    if not pages:
        return None
    page = pages[0]
    html = page.read_text(encoding="utf-8")
    total = len(gzip.compress(html.encode()))
    for match in re.finditer(r'<link rel="stylesheet"[^>]* href="([^"?]+)|<script[^>]* src="([^"?]+)', html):
        asset = (page.parent / (match.group(1) or match.group(2))).resolve()
        total += len(gzip.compress(asset.read_bytes())) if asset.is_file() else 0
    for srcset in re.findall(r'<source type="image/avif" srcset="([^"]+)"', html):
        candidates = [(int(width[:-1]), url) for url, width in (c.split() for c in srcset.split(", "))]
        width, url = min((c for c in candidates if c[0] >= PHONE_PIXELS), default=max(candidates))
        total += (page.parent / url).resolve().stat().st_size
    return str(page.relative_to(outdir)), total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--figures", type=int, default=3, help="figures per post")
    parser.add_argument("--repeat", type=int, default=2)
    options = parser.parse_args()
    with_ablog = ABLOG_SPHINX.exists()
    try:
        import sphinx_academic_homepage.blog.posts  # noqa: F401
    except ImportError:
        print("note: this checkout has no blog.posts yet: _posts/ are plain pages here (includes shown as text)")
    with tempfile.TemporaryDirectory(prefix="bench-blog-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        sites = make_sites(root, options.posts, options.figures, with_ablog)
        megabytes = sum(p.stat().st_size for p in (sites["ours"] / "assets" / "img").iterdir()) / 1e6
        print(f"{options.posts} posts, {options.posts * options.figures} figures ({megabytes:.0f} MB of PNG) "
              f"written in {time.perf_counter() - started:.1f} s; {os.cpu_count()} CPUs")
        if not with_ablog:
            print(f"ablog: {ABLOG_SPHINX} not found, our site only")
        times = measure(sites, root, options.repeat)
        steps = ("cold", "no-op", "one-post edit", "clean, copies kept")
        print(f"\n| step | ours (s) |" + (" ablog (s) | ablog / ours |" if with_ablog else ""))
        print("|---|---:|" + ("---:|---:|" if with_ablog else ""))
        for step in steps:
            line = f"| {step} | {times[(step, 'ours')]:.2f} |"
            if with_ablog:
                line += f" {times[(step, 'ablog')]:.2f} | {times[(step, 'ablog')] / times[(step, 'ours')]:.1f}x |"
            print(line)
        weight = phone_bytes(root / "out-ours-0" / "html")
        if weight:
            print(f"\na phone downloads {weight[1] / 1024:.0f} KB for {weight[0]} (HTML, CSS, JS gzipped; one AVIF per figure, lazy ones too)")


if __name__ == "__main__":
    main()
