"""Build time of a generated al-folio blog: ours against a plain ablog + pydata-sphinx-theme + MathJax site.

Run on demand (not a test):

    .venv/bin/python benchmarks/bench_blog.py                 # 100 posts, 3 figures each
    .venv/bin/python benchmarks/bench_blog.py --posts 20 --figures 1 --repeat 1

It writes N posts as al-folio writes them (``_posts/YYYY-MM-DD-slug.md``: front matter, ``$$`` math inline and
on its own lines, ``{% include figure.liquid %}`` of PNGs of about 2.5 MB, plots with a heat map as a paper's
figures are, :func:`plot_png`) into a temporary folder (``--keep`` names one to keep), and times, for our site, a
cold build (copies of the images made), a no-op rebuild, a one-post edit, and a clean build into a new output
folder, which takes the image copies from the site's cache (``.image-cache``) and encodes none. Each time is the
build's wall clock and, in brackets, its CPU time. When ``/tmp/ablog-venv`` holds ablog (``python3.13 -m venv
/tmp/ablog-venv && /tmp/ablog-venv/bin/pip install ablog pydata-sphinx-theme myst-parser``), the same posts,
converted to what ablog reads (a heading for the title, comma-separated tags, Markdown images, ``$`` math), are
built the same way with ablog, and a ratio table compares the two (the two sites take turns at every step).

It also prints what a phone downloads for the first post (HTML, stylesheets, scripts and the image copy each
figure offers a 412 px wide screen at 1.75x, Lighthouse's phone, for its 380 px column), our site only.
"""

from __future__ import annotations

import argparse
import gzip
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

PROJECT_ROOT = Path(__file__).resolve().parent.parent
OUR_SPHINX = PROJECT_ROOT / ".venv" / "bin" / "sphinx-build"
ABLOG_SPHINX = Path("/tmp/ablog-venv/bin/sphinx-build")
#: The site's folder of image copies (images.CACHE_DIR), emptied before a cold build.
IMAGE_CACHE = ".image-cache"
#: Lighthouse's phone: 412 CSS px at a device pixel ratio of 1.75; a post's figure is the screen less 2rem wide.
PHONE_PIXELS = round((412 - 32) * 1.75)

OUR_CONF = """\
project = "Blog benchmark"
author = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist", "attrs_inline"]
exclude_patterns = ["_build"]
html_use_index = False  # as the site's conf.py: a blog has no term index (Sphinx writes it on every build)
html_favicon = "favicon.svg"  # as every site has one (without, a browser's request for /favicon.ico fails)
"""
FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#b509ac"/></svg>\n'

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
html_use_index = False
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


#: A colour map for the heat maps, from dark purple to yellow (as matplotlib's "plasma" goes).
_RAMP = [
    channel
    for t in (i / 255 for i in range(256))
    for channel in (int(68 + 185 * t), int(1 + 230 * t * t), int(84 + 80 * math.sin(math.pi * t)))
]
_LINE_COLOURS = ((31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40))


def plot_png(path: Path, seed: int, width: int = 2400, height: int = 1500) -> None:
    """A PNG like a paper's figure saved at 300 dpi (about 2.5 MB): on the left a heat map of a smooth field with
    some measurement noise (a simulation's snapshot), on the right four damped curves with error bars over a
    grid, ticks and a title. Different for every ``seed``, so each figure is a new image to encode."""
    rng = random.Random(seed)
    canvas = Image.new("RGB", (width, height), "white")
    side = height - 200
    field = Image.effect_noise((side // 8, side // 8), 60).filter(ImageFilter.GaussianBlur(3))
    field = field.transpose(Image.Transpose.ROTATE_90) if seed % 2 else field
    field = Image.blend(field.resize((side, side), Image.Resampling.BICUBIC), Image.effect_noise((side, side), 25), 0.12)
    field = ImageOps.autocontrast(field, cutoff=1).convert("P")
    field.putpalette(_RAMP)
    canvas.paste(field.convert("RGB"), (120, 80))
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=36)
    draw.rectangle((120, 80, 120 + side, 80 + side), outline="black", width=4)
    left, top, right, bottom = side + 300, 80, width - 60, height - 120
    for k in range(11):
        x, y = left + (right - left) * k / 10, top + (bottom - top) * k / 10
        draw.line((x, top, x, bottom), fill=(225, 225, 225), width=2)
        draw.line((left, y, right, y), fill=(225, 225, 225), width=2)
        draw.text((x - 20, bottom + 20), f"{k / 10:.1f}", fill="black", font=font)
        draw.text((left - 90, y - 18), f"{1 - k / 10:.1f}", fill="black", font=font)
    draw.rectangle((left, top, right, bottom), outline="black", width=4)
    for c, colour in enumerate(_LINE_COLOURS):
        rate, phase = rng.uniform(1, 4), rng.uniform(0, 6)
        points = [
            (left + (right - left) * i / 400,
             top + (bottom - top) * (0.5 + 0.4 * math.exp(-rate * i / 400) * math.cos(phase + 12 * i / 400) - 0.1 * c))
            for i in range(401)
        ]
        draw.line(points, fill=colour, width=6, joint="curve")
        for x, y in points[::25]:
            error = rng.uniform(8, 30)
            draw.line((x, y - error, x, y + error), fill=colour, width=3)
            draw.ellipse((x - 10, y - 10, x + 10, y + 10), fill=colour)
    draw.text((left + 30, top + 20), f"training loss vs. step, run {seed}", fill="black", font=font)
    canvas.save(path, compress_level=1)


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
            plot_png(srcdir / "assets" / "img" / name, seed=n * 10 + k)
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
    (ours / "favicon.svg").write_text(FAVICON, encoding="utf-8")
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


#: The builds run as a user's do: Python keeps the modules it compiled (a shell that sets
#: PYTHONDONTWRITEBYTECODE would have every build compile the extension's modules anew, about 0.4 s).
BUILD_ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed_build(sphinx: Path, srcdir: Path, outdir: Path) -> tuple[float, float]:
    """The build's wall-clock time and its CPU time (user and system, its own: other work on the machine
    lengthens the first, barely the second)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [str(sphinx), "-b", "html", "-q", str(srcdir), str(outdir / "html"), "-d", str(outdir / "doctrees")],
        capture_output=True,
        text=True,
        env=BUILD_ENVIRONMENT,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{sphinx} failed on {srcdir}:\n{result.stderr[-3000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def edit_one_post(srcdir: Path, round_: int) -> None:
    first = sorted((srcdir / "_posts").glob("*.md"))[0]
    with first.open("a", encoding="utf-8") as file:
        file.write(f"\nAn edited line, round {round_}.\n")


def measure(sites: dict[str, Path], root: Path, repeat: int) -> dict[tuple[str, str], tuple[float, float]]:
    """Best of ``repeat`` for each step and site (wall clock, CPU); the sites take turns so that load falls on
    both alike."""
    times: dict[tuple[str, str], tuple[float, float]] = {}
    sphinx = {"ours": OUR_SPHINX, "ablog": ABLOG_SPHINX}

    def note(step: str, name: str, seconds: tuple[float, float]) -> None:
        best = times.get((step, name), seconds)
        times[(step, name)] = (min(seconds[0], best[0]), min(seconds[1], best[1]))

    for round_ in range(repeat):
        for name, srcdir in sites.items():
            out = root / f"out-{name}-{round_}"
            # Cold: no copy of any image anywhere, the site's cache of them included.
            shutil.rmtree(srcdir / IMAGE_CACHE, ignore_errors=True)
            note("cold", name, timed_build(sphinx[name], srcdir, out))
            note("no-op", name, timed_build(sphinx[name], srcdir, out))
            edit_one_post(srcdir, round_)
            note("one-post edit", name, timed_build(sphinx[name], srcdir, out))
            # A clean build (a new output folder, no environment): the image copies come from the site's cache.
            note("clean build", name, timed_build(sphinx[name], srcdir, root / f"clean-{name}-{round_}"))
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
    parser.add_argument("--keep", type=Path, help="build in this new folder and keep it (for Lighthouse)")
    options = parser.parse_args()
    with_ablog = ABLOG_SPHINX.exists()
    try:
        import sphinx_academic_homepage.blog.posts  # noqa: F401
    except ImportError:
        print("note: this checkout has no blog.posts yet: _posts/ are plain pages here (includes shown as text)")
    if options.keep:
        options.keep.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="bench-blog-") as folder:
        root = options.keep or Path(folder)
        started = time.perf_counter()
        sites = make_sites(root, options.posts, options.figures, with_ablog)
        megabytes = sum(p.stat().st_size for p in (sites["ours"] / "assets" / "img").iterdir()) / 1e6
        print(f"{options.posts} posts, {options.posts * options.figures} figures ({megabytes:.0f} MB of PNG) "
              f"written in {time.perf_counter() - started:.1f} s; {os.cpu_count()} CPUs")
        if not with_ablog:
            print(f"ablog: {ABLOG_SPHINX} not found, our site only")
        times = measure(sites, root, options.repeat)
        steps = ("cold", "no-op", "one-post edit", "clean build")
        print("\nwall clock (CPU time of the build) in seconds, best of the runs")
        print("\n| step | ours (s) |" + (" ablog (s) | ablog / ours |" if with_ablog else ""))
        print("|---|---:|" + ("---:|---:|" if with_ablog else ""))
        for step in steps:
            wall, cpu = times[(step, "ours")]
            line = f"| {step} | {wall:.2f} ({cpu:.2f}) |"
            if with_ablog:
                their_wall, their_cpu = times[(step, "ablog")]
                line += f" {their_wall:.2f} ({their_cpu:.2f}) | {their_wall / wall:.1f}x ({their_cpu / cpu:.1f}x) |"
            print(line)
        weight = phone_bytes(root / "out-ours-0" / "html")
        if weight:
            print(f"\na phone downloads {weight[1] / 1024:.0f} KB for {weight[0]} (HTML, CSS, JS gzipped; one AVIF per figure, lazy ones too)")


if __name__ == "__main__":
    main()
