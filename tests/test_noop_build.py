"""A build after which nothing changed, on a site with every kind of generated page (a page per paper, the news
page, the blog's index, archives and feeds): it writes none of them (their dates stay, so an upload stays small),
renders no page but those Sphinx renders on every build (the search page, the term index), and leaves the output a clean build makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from buildutil import ROOTS, build
from test_blog_listing import make_blog

#: What Sphinx and sphinx-sitemap write on every build, whatever changed: the search page and its index, the
#: inventory, the build's settings, two templated scripts, the sitemap and robots.txt that follows it, and
#: sphinx.ext.githubpages's two files.
WRITTEN_EVERY_BUILD = {
    ".nojekyll",
    "CNAME",
    "search.html",
    "genindex.html",
    "searchindex.js",
    "objects.inv",
    ".buildinfo",
    "_static/documentation_options.js",
    "_static/language_data.js",
    "sitemap.xml",
    "robots.txt",
}


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
    written = {name for name in before if after[name][0] != before[name][0]}
    assert written <= WRITTEN_EVERY_BUILD
    assert all(after[name][1] == before[name][1] for name in set(before) - written)


def test_its_output_is_a_clean_builds(builds):
    *_, after, _, clean = builds
    assert set(after) == set(clean)
    differing = [name for name in after if after[name][1] != clean[name][1] and name != ".buildinfo"]
    assert differing == []
