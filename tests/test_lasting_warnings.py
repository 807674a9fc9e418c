"""Strictness that lasts: a rebuild that changes nothing warns of every fault the last build warned of.

Sphinx warns about a page only while it reads or writes it, so ``make html`` (``-W``) failed once and then passed
with the fault still in the pages. Each scenario below is a real kind of bad input (front matter, pages, the .bib,
news, the CV, posts, math); built twice into the same folders, the second build, which reads nothing, must print
the same warnings; a fixed page stops warning.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from buildutil import ROOTS, build

SCENARIOS = ["bad-frontmatter", "bad-pages", "bad-bib", "news-bad", "cv-bad", "posts", "social-bad", "pub-bad", "math"]


def _rebuilt(name: str, tmp_path: Path, **options):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    first = build(srcdir, tmp_path / "build", **options)
    second = build(srcdir, tmp_path / "build", freshenv=False, **options)
    return srcdir, first, second


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_rebuild_that_changes_nothing_warns_of_the_same_faults(name, tmp_path):
    _srcdir, first, second = _rebuilt(name, tmp_path)
    assert first.warnings, f"test-{name} is meant to warn"
    assert "0 added, 0 changed, 0 removed" in second.status
    assert sorted(second.warnings) == sorted(first.warnings)


def test_with_parallel_workers_too(tmp_path):
    _srcdir, first, second = _rebuilt("bad-pages", tmp_path, parallel=2)
    assert first.warnings and sorted(second.warnings) == sorted(first.warnings)


def test_a_fixed_page_stops_warning_and_the_others_keep_theirs(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-minimal", srcdir)
    (srcdir / "broken.md").write_text("# Broken\n\nA [link](nowhere.md) to nothing.\n", encoding="utf-8")
    (srcdir / "also.md").write_text("# Also\n\nA [link](elsewhere.md) to nothing.\n", encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n```{toctree}\n:hidden:\nbroken\nalso\n```\n", encoding="utf-8")
    first = build(srcdir, tmp_path / "build")
    assert [line.split(":")[0] for line in first.warnings] == ["also.md", "broken.md"]

    (srcdir / "broken.md").write_text("# Broken\n\nNo link now.\n", encoding="utf-8")
    second = build(srcdir, tmp_path / "build", freshenv=False)
    assert "0 added, 1 changed, 0 removed" in second.status
    assert second.warnings == first.warnings[:1]

    (srcdir / "also.md").unlink()
    index.write_text(index.read_text(encoding="utf-8").replace("also\n", ""), encoding="utf-8")
    third = build(srcdir, tmp_path / "build", freshenv=False)
    assert third.warnings == []


def test_make_html_fails_on_every_run_until_the_page_is_fixed(tmp_path):
    """The command line as ``make html`` runs it: exit status 1 on each run while the fault is there, then 0."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-minimal", srcdir)
    index = srcdir / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text + "\nA [link](nowhere.md) to nothing.\n", encoding="utf-8")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "-n", "--keep-going", "-q", str(srcdir), str(tmp_path / "out")]
    runs = [subprocess.run(command, capture_output=True, text=True) for _ in range(2)]
    assert [run.returncode for run in runs] == [1, 1]
    assert "index.md" in runs[0].stderr and runs[1].stderr == runs[0].stderr
    index.write_text(text, encoding="utf-8")
    fixed = subprocess.run(command, capture_output=True, text=True)
    assert (fixed.returncode, fixed.stderr) == (0, "")
