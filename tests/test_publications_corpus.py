"""Real bibliographies from public academic sites (../shared/corpus, read in place): none may break the build.

Each file is listed on one page. The page must show every entry pybtex can read with a title, every
warning must be a located ``homepage.*`` warning, and nothing may escape as a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SHARED
from publications_support import build, copy_root, page, warning_lines
from buildutil import titled_keys

CORPUS = SHARED / "corpus"
AL_FOLIO_BIBLIOGRAPHIES = sorted(CORPUS.glob("*/_bibliography__papers.bib")) if CORPUS.is_dir() else []
OTHER_BIBLIOGRAPHIES = {
    "biblatex-examples": ["plk__biblatex/bibtex__bib__biblatex__biblatex-examples.bib"],
    # ernst.bib needs the @string macros of the first file and the proceedings of the last.
    "plume-bib": ["mernst__plume-bib/bibstring-unabbrev.bib", "mernst__plume-bib/ernst.bib", "mernst__plume-bib/crossrefs.bib"],
}
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent (real bibliographies are read in place)")
_LOCATED = re.compile(r"^\S+\.(bib|md):\d+: WARNING: .+ \[homepage\.(bibtex|url|image|publications|cite)\]$")




def _build_corpus(tmp_path: Path, paths: list[Path], **config):
    srcdir = copy_root("pub-corpus", tmp_path)
    overrides = {"bibtex_bibfiles": [str(path) for path in paths], **config}
    return build(srcdir, confoverrides=overrides), srcdir


def _check(app, srcdir: Path, paths: list[Path]) -> None:
    status = app.status.getvalue()
    assert "Exception occurred" not in status and "Traceback" not in app.warning.getvalue()
    for line in warning_lines(app, srcdir):
        assert _LOCATED.match(line), line
    soup = page(app, "index")
    shown = [li["id"] for li in soup.select("li.homepage-pub")]
    assert len(shown) == len(set(shown)), "anchors must be unique on the page"
    assert {key.lower() for key in shown} == {key.lower() for key in titled_keys(paths)}
    for item in soup.select("li.homepage-pub"):
        assert item.select_one(".homepage-pub__title").get_text().strip(), item["id"]


def test_the_corpus_holds_fourteen_al_folio_bibliographies():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    assert len(AL_FOLIO_BIBLIOGRAPHIES) == 14


@needs_corpus
@pytest.mark.parametrize("path", AL_FOLIO_BIBLIOGRAPHIES, ids=lambda path: path.parent.name)
def test_al_folio_bibliography_builds(tmp_path, path):
    app, srcdir = _build_corpus(tmp_path, [path])
    _check(app, srcdir, [path])


@needs_corpus
@pytest.mark.parametrize("name", sorted(OTHER_BIBLIOGRAPHIES))
def test_other_bibliography_builds(tmp_path, name):
    paths = [CORPUS / relative for relative in OTHER_BIBLIOGRAPHIES[name]]
    app, srcdir = _build_corpus(tmp_path, paths)
    _check(app, srcdir, paths)


@needs_corpus
def test_the_owners_own_file_highlights_him_and_reports_what_it_lacks(tmp_path):
    path = CORPUS / "KindXiaoming__KindXiaoming.github.io/_bibliography__papers.bib"
    app, srcdir = _build_corpus(tmp_path, [path], homepage_author_names=["Ziming Liu"])
    soup = page(app, "index")
    items = soup.select("li.homepage-pub")
    assert len(items) == 32
    unhighlighted = [li["id"] for li in items if not li.select(".homepage-pub__me")]
    assert unhighlighted == ["wang2023yuanqi"]  # his file gives the Nature review no authors
    assert [line.split(": WARNING: ")[1] for line in warning_lines(app, srcdir)] == [
        "wang2023yuanqi: no author [homepage.bibtex]"
    ]
