"""al-folio's 30 demo posts, dropped in as a site's ``_posts/``: every post becomes a page, no traceback, and each
feature not carried gives one located warning (charts, diagrams, Jupyter, distill, tikz: see the README's table)."""

from __future__ import annotations

import re
import shutil

import pytest
from PIL import Image

from blogutil import media_stand_in
from buildutil import ROOTS, build
from conftest import SHARED, needs_shared

CORPUS = SHARED / "corpus" / "alshedivat__al-folio"
pytestmark = needs_shared("corpus/alshedivat__al-folio", "al-folio's demo posts")

# What each post that warns is told, by tag or language: the features of al-folio this site does not carry.
NOT_CARRIED = {
    "2018-12-22-distill.md": {"'distill' layout", "details", "on another host"},
    "2020-09-28-github-metadata.md": {"site.github", "for", "contributor.login"},
    "2020-09-28-twitter.md": {"twitter"},
    "2021-07-04-diagrams.md": {"mermaid"},
    "2023-07-04-jupyter-notebook.md": {"assign", "capture", "file_exists", "if", "jupyter_notebook"},
    "2023-07-12-post-bibliography.md": {"cite", "reference", "quote"},
    "2024-01-26-chartjs.md": {"chartjs"},
    "2024-01-26-echarts.md": {"echarts"},
    "2024-01-26-geojson-map.md": {"geojson"},
    "2024-01-27-code-diff.md": {"diff2html", "myName"},
    "2024-01-27-vega-lite.md": {"vega_lite"},
    "2024-04-15-pseudocode.md": {"pseudocode"},
    "2024-04-29-typograms.md": {"typograms"},
    "2024-05-01-tabs.md": {"tabs", "tab"},
}


def _make_files_it_shows(srcdir, text: str) -> None:
    """The images, videos and sounds a demo post includes (al-folio ships them; the corpus holds posts only)."""
    for written in re.findall(r'path="(assets/[^"]+)"', text):
        target = srcdir / written
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix.lower() in (".jpg", ".jpeg", ".png"):
            Image.new("RGB", (120, 80), "seagreen").save(target)
        else:
            target.write_bytes(b"\x00\x00\x00\x18ftypmp42")


@pytest.fixture(scope="module")
def corpus(run_cache):
    """The demo posts' site, built once per test run: this module and test_blog_listing_corpus.py read it."""
    return run_cache.get("al-folio demo posts", _build_corpus)


def _build_corpus(workdir):
    srcdir = workdir / "src"
    shutil.copytree(ROOTS / "test-posts", srcdir, ignore=shutil.ignore_patterns("_posts"))
    (srcdir / "_posts").mkdir()
    for path in sorted(CORPUS.glob("_posts__*.md")):
        shutil.copy(path, srcdir / "_posts" / path.name.removeprefix("_posts__"))
        _make_files_it_shows(srcdir, path.read_text(encoding="utf-8"))
    with media_stand_in():
        return build(srcdir, srcdir.parent / "out")


def test_every_demo_post_is_a_page_at_its_address(corpus):
    names = sorted(path.name.removeprefix("_posts__") for path in CORPUS.glob("_posts__*.md"))
    assert len(names) == 30
    pages = sorted(corpus.outdir.glob("blog/[0-9]*/*/index.html"))
    assert len(pages) == 30
    assert (corpus.outdir / "blog/2015/math/index.html").is_file()
    assert "Traceback" not in corpus.status


def test_every_warning_is_located_and_names_what_is_not_carried(corpus):
    located = re.compile(r"^_posts/(?P<file>[\w.-]+\.md):(?P<line>\d+): WARNING: (?P<text>.*) \[(?P<type>[\w.]+)\]$")
    by_post: dict[str, list[str]] = {}
    for line in corpus.warnings:
        if "Lexing literal_block" in line or "raw HTML:" in line:
            continue  # code that Pygments reads in relaxed mode; tags the sanitiser drops (each located, by Sphinx and safehtml)
        match = located.match(line)
        assert match, line
        by_post.setdefault(match["file"], []).append(match["text"])
    assert set(by_post) == set(NOT_CARRIED)
    for name, texts in by_post.items():
        for expected in NOT_CARRIED[name]:
            assert any(expected in text for text in texts), (name, expected, texts)
        # One warning per thing not carried, not one per occurrence (two images elsewhere are two things).
        told = [text for text in texts if "on another host" not in text]
        assert len(told) == len(set(told)), (name, texts)


def test_math_post_has_math_and_no_dollars(corpus):
    page = corpus.page("blog/2015/math/index.html")
    body = page.select_one("section.homepage-post")
    for code in body.select("code"):
        code.extract()
    assert "$$" not in body.get_text()
    assert len(body.select("span.math, div.math, math")) >= 3


def test_coloured_blockquotes_and_numbered_code(corpus):
    quotes = corpus.page("blog/2023/custom-blockquotes/index.html").select("section.homepage-post > blockquote")
    assert [quote.get("class") for quote in quotes] == [None, ["block-tip"], ["block-warning"], ["block-danger"]]
    # {% highlight c++ linenos %}: the block's lines are numbered.
    assert corpus.page("blog/2015/code/index.html").select(".linenos")
