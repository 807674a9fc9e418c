"""A build after which nothing changed, on a site with every kind of generated page (a page per paper, the news
page, the blog's index, archives and feeds): it changes no file of the output (dates stay, so an upload stays small),
renders no page but those Sphinx renders on every build (the search page, the term index), and leaves the output a clean build makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from buildutil import ROOTS, build
from test_blog_listing import make_blog


def _site(tmp_path: Path) -> Path:
    srcdir = make_blog(tmp_path)
    shutil.copytree(ROOTS / "test-paper-pages" / "papers", srcdir / "papers")
    shutil.copy(ROOTS / "test-paper-pages" / "refs.bib", srcdir / "refs.bib")
    shutil.copytree(ROOTS / "test-news" / "news", srcdir / "news")
    shutil.copy(ROOTS / "test-news" / "elsewhere.md", srcdir / "elsewhere.md")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('bibtex_bibfiles = ["refs.bib"]\nhomepage_publications_page = "papers/index"\n')
        conf.write('homepage_navigation = ["index", "talks", "papers/index", "papers/taken", "elsewhere"]\n')
    return srcdir


def _files(outdir: Path) -> dict[str, tuple[int, bytes]]:
    return {
        path.relative_to(outdir).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in outdir.rglob("*")
        if path.is_file()
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The site built, then again with nothing changed (the pages it rendered noted), then clean elsewhere."""
    srcdir = _site(tmp_path_factory.mktemp("noop"))
    first = build(srcdir, srcdir.parent / "out")
    before = _files(first.outdir)
    rendered: list[str] = []

    def note_rendered(app):
        app.connect("html-page-context", lambda app, pagename, *args: rendered.append(pagename))

    again = build(srcdir, srcdir.parent / "out", freshenv=False, setup=note_rendered)
    clean = build(srcdir, srcdir.parent / "clean")
    return first, before, again, _files(again.outdir), rendered, _files(clean.outdir)


def test_the_site_has_every_kind_of_generated_page(builds):
    first, before, *_ = builds
    assert first.warnings == []
    assert {"papers/index-2.html", "news/index.html", "blog/index.html", "blog/feed.xml", "feed.xml"} <= set(before)
    assert any(name.startswith("blog/tag/") for name in before)


def test_a_build_after_which_nothing_changed_renders_only_what_sphinx_always_renders(builds):
    *_, rendered, _ = builds
    assert sorted(rendered) == ["genindex", "search"]


def test_a_build_after_which_nothing_changed_writes_no_page_and_no_feed(builds):
    _, before, again, after, *_ = builds
    assert again.warnings == []
    assert set(after) == set(before)
    # Not even what Sphinx and the other extensions write on every build (output.REWRITTEN_EVERY_BUILD): their
    # bytes are the same, and so is their date.
    assert {name for name in before if after[name] != before[name]} == set()


def test_its_output_is_a_clean_builds(builds):
    *_, after, _, clean = builds
    assert set(after) == set(clean)
    differing = [name for name in after if after[name][1] != clean[name][1] and name != ".buildinfo"]
    assert differing == []
