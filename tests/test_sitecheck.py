"""The checks of a built site (``sphinx_academic_homepage.sitecheck``) on a small output folder written here, so
that each kind of fault is seen without a build: links from the site's root under html_baseurl's path, links
that climb out, missing fragments, ``srcset`` candidates, untitled pages, entries missing from the papers page."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_academic_homepage.sitecheck import (
    BuildFailed, BuiltSite, build, dead_links, missing_images, unlisted_papers, untitled_pages,
)

PAGES = {
    "index.html": """<html><head><title>about — Ada</title><link rel="stylesheet" href="_static/site.css?v=1">
        <link rel="canonical" href="https://ada.example.org/notes/"></head><body id="top">
        <a href="#top">top</a> <a href="#">menu</a> <a href="cv/">cv</a> <a href="cv">cv</a>
        <a href="/notes/cv/#education">education</a> <a href="/cv/">outside the site's path</a>
        <a href="cv/index.html#work">no such id</a> <a href="../../etc/passwd">climbs out</a>
        <a href="https://example.org/">elsewhere</a> <a href="mailto:ada@example.org">mail</a>
        <a href="papers/index.html#ada2024">paper</a> <a href="teaching.html">gone</a>
        <img src="_images/ada.png" srcset="_images/ada-240w.avif 240w, _images/ada-480w.avif 480w">
        <img src="data:image/png;base64,AAAA"></body></html>""",
    "cv/index.html": '<html><head><title>cv — Ada</title></head><body><h2 id="education">Education</h2></body>',
    "papers/index.html": """<html><head><title>publications — Ada</title></head><body><ol>
        <li class="homepage-pub" id="ada2024">A</li>
        <li class="homepage-pub homepage-pub--with-aside" id="ada2025">B</li>
        </ol></body></html>""",
    "drafts/index.html": "<html><head></head><body>no title</body></html>",
}
FILES = ("_static/site.css", "_images/ada.png", "_images/ada-240w.avif")
BIB = "@article{ada2024, title={A}, author={Ada}, year={2024}}\n@misc{ada2025, title={B}, author={Ada}, year={2025}}\n"


@pytest.fixture
def site(tmp_path: Path) -> BuiltSite:
    html = tmp_path / "html"
    for name, text in PAGES.items():
        (html / name).parent.mkdir(parents=True, exist_ok=True)
        (html / name).write_text(text, encoding="utf-8")
    for name in FILES:
        (html / name).parent.mkdir(parents=True, exist_ok=True)
        (html / name).write_bytes(b"x")
    (tmp_path / "papers.bib").write_text(BIB, encoding="utf-8")
    return BuiltSite(
        html=html,
        pages=("cv/index", "drafts/index", "index", "papers/index", "talks/index"),
        base_path="/notes/",
        bibfiles=(tmp_path / "papers.bib",),
        publications_page="papers/index",
    )


def test_every_dead_link_is_named_with_its_page(site):
    assert dead_links(site) == [
        "index.html: '/cv/' names no file of the site",
        "index.html: 'cv/index.html#work': cv/index.html has no id 'work'",
        "index.html: '../../etc/passwd' names no file of the site",
        "index.html: 'teaching.html' names no file of the site",
    ]


def test_every_missing_image_candidate_is_named(site):
    assert missing_images(site) == ["index.html: image '_images/ada-480w.avif' is not in the site"]


def test_pages_without_a_title_or_without_their_html_are_named(site):
    assert untitled_pages(site) == ["drafts/index.html: no title ('')", "talks/index: no talks/index.html was written"]


def test_the_papers_page_is_held_to_the_bib_files(site):
    assert unlisted_papers(site) == []
    (site.bibfiles[0]).write_text(BIB + "@misc{ada2026, title={C}, author={Ada}, year={2026}}\n", encoding="utf-8")
    assert unlisted_papers(site) == ["papers/index.html lists 2 entries; the .bib files hold 3"]


def test_a_build_with_a_warning_fails_and_says_it_plainly(rootdir, tmp_path):
    with pytest.raises(BuildFailed) as failed:
        build(rootdir / "test-sitecheck-warning", tmp_path)
    lines = str(failed.value).splitlines()
    assert lines[0] == "the site builds with warnings:"
    assert lines[1:] == [
        f"{rootdir / 'test-sitecheck-warning' / 'index.md'}:3: WARNING: 'myst' cross-reference target not found:"
        " 'notes.md' [myst.xref_missing]"
    ]
