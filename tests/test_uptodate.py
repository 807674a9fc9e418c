"""``make html`` runs Sphinx only when an input changed since its last successful build (``uptodate.py``).

Most tests give the check a stand-in for Sphinx (a Python one-liner that writes a page into the output folder and
notes that it ran), so that each scenario costs a few hundredths of a second; one builds a small site with the
Makefile and real Sphinx, end to end.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT
from sphinx_academic_homepage import uptodate
from test_makefile import MAKE, make

#: The stand-in build: notes that it ran (in a log outside the site) and writes the output folder; a number after
#: them is its exit status.
STAND_IN = """
import sys
from pathlib import Path
log, output = Path(sys.argv[1]), Path(sys.argv[2])
with log.open("a") as runs:
    runs.write("ran\\n")
output.mkdir(parents=True, exist_ok=True)
(output / "index.html").write_text("<p>page</p>")
sys.exit(int(sys.argv[3]) if sys.argv[3:] and sys.argv[3].isdigit() else 0)
"""


class Site:
    """A site folder, its output folder and the stand-in's command; :meth:`build` runs the check as make does."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "site"
        self.output = self.folder / "_build" / "html"
        self.log = root / "runs.log"
        self.folder.mkdir()
        (self.folder / "conf.py").write_text('import os\nhtml_baseurl = os.environ.get("MY_SITE_URL", "")\n')
        (self.folder / "index.md").write_text("# Home\n")
        (self.folder / "papers").mkdir()
        (self.folder / "papers" / "papers.bib").write_text("@misc{a, title={A}}\n")

    def command(self, *extra: str) -> list[str]:
        return [sys.executable, "-c", STAND_IN, str(self.log), str(self.output), *extra]

    def build(self, *extra: str, force: bool = False) -> int:
        return uptodate.run(self.folder, self.output, self.command(*extra), force=force)

    def runs(self) -> int:
        return len(self.log.read_text().splitlines()) if self.log.exists() else 0

    def times(self) -> dict[str, int]:
        """Every file of the site and its build folder, with its modification time."""
        return {str(path): path.stat().st_mtime_ns for path in self.folder.rglob("*") if path.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Site:
    built = Site(tmp_path)
    assert built.build() == 0 and built.runs() == 1
    return built


def test_a_second_build_with_nothing_changed_runs_nothing_and_touches_nothing(site, capsys):
    before = site.times()
    assert site.build() == 0
    assert site.runs() == 1
    assert site.times() == before
    said = capsys.readouterr().out.splitlines()
    assert said[-1].endswith(
        "_build/html: no input changed since its last successful build, so Sphinx is not run "
        "(FORCE=1 builds anyway; make clean starts afresh)"
    )


def _edit(site: Site) -> None:
    (site.folder / "index.md").write_text("# Home, edited\n")


def _same_size_edit(site: Site) -> None:
    page = site.folder / "index.md"
    times = page.stat()
    page.write_text("# Homo\n")
    os.utime(page, ns=(times.st_atime_ns, times.st_mtime_ns))


def _add(site: Site) -> None:
    (site.folder / "papers" / "new.md").write_text("# New\n")


def _delete(site: Site) -> None:
    (site.folder / "papers" / "papers.bib").unlink()


def _add_folder(site: Site) -> None:
    (site.folder / "talks").mkdir()


def _edit_output(site: Site) -> None:
    (site.output / "index.html").write_text("<p>changed by hand</p>")


def _delete_output(site: Site) -> None:
    shutil.rmtree(site.output)


CHANGES = [_edit, _same_size_edit, _add, _delete, _add_folder, _edit_output, _delete_output]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_a_changed_input_or_output_builds_again(site, change):
    change(site)
    assert site.build() == 0
    assert site.runs() == 2
    # And is remembered in turn.
    assert site.build() == 0
    assert site.runs() == 2


def test_a_file_written_just_before_the_build_is_compared_by_its_bytes(site, monkeypatch):
    # A file system whose clock ticks slower than edits come: the same size and the same times after an edit.
    monkeypatch.setattr(uptodate, "_file_key", lambda info: [info.st_size])
    (site.folder / "index.md").write_text("# Hoom\n")
    assert site.build() == 0 and site.runs() == 2
    (site.folder / "index.md").write_text("# Home\n")
    assert site.build() == 0 and site.runs() == 3


def test_what_tools_write_in_the_site_is_no_input(site):
    for cache in ("__pycache__/conf.cpython-313.pyc", ".image-cache/a.webp", "_build/linkcheck/output.txt",
                  ".venv/pyvenv.cfg", ".venv/lib/x.py", ".git/index"):
        path = site.folder / cache
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("written by a tool")
    (site.folder / ".index.md.swp").write_text("an editor's")
    assert site.build() == 0
    assert site.runs() == 1


def test_a_changed_command_line_builds_again(site):
    assert site.build("0") == 0
    assert site.runs() == 2


@pytest.mark.parametrize("variable", ["SOURCE_DATE_EPOCH", "READTHEDOCS_CANONICAL_URL", "MY_SITE_URL"])
def test_a_changed_variable_the_build_reads_builds_again(site, monkeypatch, variable):
    monkeypatch.setenv("SOME_OTHER_VARIABLE", "1")
    assert site.build() == 0 and site.runs() == 1
    monkeypatch.setenv(variable, "1700000000")
    assert site.build() == 0 and site.runs() == 2


def test_a_failed_build_is_not_remembered(site):
    assert site.build("1") == 1
    assert site.build("1") == 1
    assert site.runs() == 3
    # Nor is the success before it: the output it left is not the one the record describes.
    assert not uptodate.record_path(site.output).exists()
    assert site.build() == 0 and site.runs() == 4


def test_an_edit_made_while_the_build_runs_builds_again(site):
    edit = f"from pathlib import Path; Path({str(site.folder / 'index.md')!r}).write_text('# During\\n')"
    command = [sys.executable, "-c", f"{edit}\nexec({STAND_IN!r})", str(site.log), str(site.output)]
    assert uptodate.run(site.folder, site.output, command) == 0
    assert site.runs() == 2
    assert uptodate.run(site.folder, site.output, command) == 0
    assert site.runs() == 3


def test_force_builds_anyway(site):
    assert site.build(force=True) == 0
    assert site.runs() == 2


@pytest.mark.parametrize("option", ["-E", "-a", "-qaE", "--fresh-env"])
def test_a_command_that_asks_for_every_page_always_runs(site, option):
    assert site.build(option) == 0 and site.build(option) == 0
    assert site.runs() == 3


def test_an_option_with_a_value_is_no_flag():
    assert not uptodate.asks_for_everything(["sphinx-build", "-b", "html", "-Dlanguage=en", "-qW", "-j", "2"])


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_new_commit_builds_again(tmp_path):
    # Every page's footer shows the date of the commit checked out (lastupdated.py).
    site = Site(tmp_path)
    git = ["git", "-C", str(site.folder), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "first"], check=True)
    assert site.build() == 0 and site.build() == 0 and site.runs() == 1
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "the same files"], check=True)
    assert site.build() == 0 and site.runs() == 2


def test_the_check_loads_no_sphinx():
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, sphinx_academic_homepage.uptodate; print(*sorted(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    assert [name for name in loaded if name.startswith(("sphinx", "docutils", "jinja2"))] == [
        "sphinx_academic_homepage", "sphinx_academic_homepage.uptodate",
    ]


def _html_rule(makefile: Path) -> list[str]:
    lines = makefile.read_text(encoding="utf-8").splitlines()
    start = lines.index("html: $(VENV)/requirements.installed")
    return [line for line in lines[start - 3 : start + 2] if not line.startswith("#")]


def test_the_sites_the_sitemaker_writes_check_as_this_one_does():
    frame = PROJECT_ROOT / "src" / "sphinx_academic_homepage" / "sitemaker" / "files" / "Makefile"
    assert _html_rule(frame) == _html_rule(PROJECT_ROOT / "Makefile")


@pytest.mark.skipif(MAKE is None, reason="needs make")
def test_make_html_runs_sphinx_once_until_something_changes(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(PROJECT_ROOT / "tests" / "roots" / "test-minimal", site)
    shutil.copy(PROJECT_ROOT / "Makefile", site)
    installed = ["html", f"VENV={sys.prefix}", "-o", f"{sys.prefix}/requirements.installed", "SPHINXOPTS=-W"]
    first = make(site, *installed)
    assert first.returncode == 0, first.stderr
    assert "build succeeded." in first.stdout
    assert (site / "_build" / "html" / "index.html").is_file()
    written = {path: path.stat().st_mtime_ns for path in (site / "_build").rglob("*")}
    again = make(site, *installed)
    assert again.returncode == 0, again.stderr
    assert again.stdout == (
        "_build/html: no input changed since its last successful build, so Sphinx is not run "
        "(FORCE=1 builds anyway; make clean starts afresh)\n"
    )
    assert {path: path.stat().st_mtime_ns for path in (site / "_build").rglob("*")} == written
    # FORCE=1 asks the check to build anyway (what --force does is tested above).
    forced = make(site, "-n", *installed, "FORCE=1")
    assert "-m sphinx_academic_homepage.uptodate --force _build/html -- " in forced.stdout
