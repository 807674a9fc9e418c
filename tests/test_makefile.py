"""The Makefile: one bootstrap rule makes .venv and re-runs when a requirements file changes;
``make html`` works from a clean clone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT


def make(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture
def bare_project(tmp_path: Path) -> Path:
    """The Makefile beside requirements files that pip can satisfy offline (pip is in every new venv)."""
    shutil.copy(PROJECT_ROOT / "Makefile", tmp_path)
    (tmp_path / "requirements.txt").write_text("pip\n")
    (tmp_path / "requirements-test.txt").write_text("-r requirements.txt\n")
    return tmp_path


def test_bootstrap_creates_the_venv_once(bare_project):
    stamp = bare_project / ".venv" / "requirements.installed"
    first = make(bare_project, ".venv/requirements.installed")
    assert first.returncode == 0, first.stderr
    assert (bare_project / ".venv" / "bin" / "python").exists()
    assert stamp.exists()
    # Nothing changed: make has nothing to do.
    assert make(bare_project, "-q", ".venv/requirements.installed").returncode == 0


def test_bootstrap_reruns_when_a_requirements_file_changes(bare_project):
    assert make(bare_project, ".venv/requirements-test.installed").returncode == 0
    assert make(bare_project, "-q", ".venv/requirements-test.installed").returncode == 0
    # Age the stamps rather than date the file ahead: make warns about clock skew otherwise.
    for installed in (bare_project / ".venv").glob("*.installed"):
        earlier = installed.stat().st_mtime - 60
        os.utime(installed, (earlier, earlier))
    (bare_project / "requirements.txt").touch()
    # Out of date now, for both the site's and the test packages.
    assert make(bare_project, "-q", ".venv/requirements.installed").returncode == 1
    assert make(bare_project, "-q", ".venv/requirements-test.installed").returncode == 1
    rerun = make(bare_project, ".venv/requirements-test.installed")
    assert rerun.returncode == 0, rerun.stderr
    assert "pip install" in rerun.stdout
    assert make(bare_project, "-q", ".venv/requirements-test.installed").returncode == 0


@pytest.mark.skipif(not (PROJECT_ROOT / ".git").exists(), reason="needs the project's git repository to clone")
@pytest.mark.slow
def test_make_html_from_a_clean_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(PROJECT_ROOT), str(clone)], check=True)
    # Reuse the running environment (already installed from the same pins) instead of downloading again.
    built = make(clone, "html", f"VENV={sys.prefix}")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "WARNING" not in built.stderr
    index = BeautifulSoup((clone / "_build" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "I did my PhD in AI + Physics at MIT with Max Tegmark." in index.get_text(" ")
