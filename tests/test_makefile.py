"""The Makefile: .venv is made from the newest supported Python (and made again when that Python changes),
one bootstrap rule re-runs when a requirements file changes; ``make html`` works from a clean clone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT

MAKE = shutil.which("make")
#: The interpreter behind the running tests: a supported Python, since the pinned packages installed.
REAL_PYTHON = Path(os.path.realpath(sys.executable))
RUNNING_VERSION = "%d.%d" % sys.version_info[:2]


#: What an enclosing make (``make test``) passes down; the make under test must run as a user's would, at the
#: top level (a sub-make prints "Entering directory" lines and inherits the outer make's flags).
OUTER_MAKE = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")


def make(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    own = {name: value for name, value in (os.environ if env is None else env).items() if name not in OUTER_MAKE}
    return subprocess.run([MAKE, *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=own)


def path_with(tmp_path: Path, **pythons: Path | str) -> dict[str, str]:
    """An environment whose PATH finds the given ``python3.N`` commands first (a Path is linked to, a text is
    a script), with no pyenv to fall back on."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, target in pythons.items():
        command = bin_dir / name.replace("_", ".")
        if isinstance(target, Path):
            command.symlink_to(target)
        else:
            command.write_text(f"#!/bin/sh\n{target}\n")
            command.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYENV_ROOT": str(tmp_path / "no-pyenv")}


def bare(folder: Path) -> Path:
    """``folder`` holding the Makefile beside requirements files that pip can satisfy offline (pip is in every
    new venv)."""
    folder.mkdir(exist_ok=True)
    shutil.copy(PROJECT_ROOT / "Makefile", folder)
    (folder / "requirements.txt").write_text("pip\n")
    (folder / "requirements-test.txt").write_text("-r requirements.txt\n")
    return folder


@pytest.fixture
def bare_project(tmp_path: Path) -> Path:
    return bare(tmp_path)


@pytest.fixture(scope="module")
def bootstrapped(tmp_path_factory):
    """``(project, env, first)``: a bare project whose .venv ``make`` made (``first``) from the newest supported
    Python of ``env``'s PATH. The two tests of the bootstrap share it: making a venv (with pip) is the cost here.
    """
    tmp_path = tmp_path_factory.mktemp("bootstrap")
    project = bare(tmp_path / "project")
    # A python3.14 that does not run (an inactive pyenv shim, say) is passed over for the next one.
    env = path_with(tmp_path, python3_14="echo 'pyenv: python3.14: command not found' >&2; exit 127", python3_13=REAL_PYTHON)
    return project, env, make(project, ".venv/requirements.installed", env=env)


def test_bootstrap_creates_the_venv_once_with_the_newest_supported_python(bootstrapped):
    project, env, first = bootstrapped
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == (
        f"Making .venv with {project.parent}/bin/python3.13 (Python 3.13), the newest supported Python found"
    )
    assert (project / ".venv" / "bin" / "python").exists()
    assert (project / ".venv" / "requirements.installed").exists()
    # Nothing changed: make has nothing to do.
    assert make(project, "-q", ".venv/requirements.installed", env=env).returncode == 0


def test_bootstrap_reruns_when_a_requirements_file_changes(bootstrapped):
    project, env, _ = bootstrapped
    assert make(project, ".venv/requirements-test.installed", env=env).returncode == 0
    assert make(project, "-q", ".venv/requirements-test.installed", env=env).returncode == 0
    # Age the stamps rather than date the file ahead: make warns about clock skew otherwise.
    for installed in (project / ".venv").glob("*.installed"):
        earlier = installed.stat().st_mtime - 60
        os.utime(installed, (earlier, earlier))
    (project / "requirements.txt").touch()
    # Out of date now, for both the site's and the test packages.
    assert make(project, "-q", ".venv/requirements.installed", env=env).returncode == 1
    assert make(project, "-q", ".venv/requirements-test.installed", env=env).returncode == 1
    rerun = make(project, ".venv/requirements-test.installed", env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert "pip install" in rerun.stdout
    assert make(project, "-q", ".venv/requirements-test.installed", env=env).returncode == 0


@pytest.mark.skipif(not (PROJECT_ROOT / ".git").exists(), reason="needs the project's git repository to clone")
@pytest.mark.slow
def test_make_html_from_a_clean_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(PROJECT_ROOT), str(clone)], check=True)
    # The running environment, taken as installed (-o): the clone has the committed pins, which need not be
    # the ones of the working tree the tests run in, and must not be installed into it.
    built = make(clone, "html", f"VENV={sys.prefix}", "-o", f"{sys.prefix}/requirements.installed")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "WARNING" not in built.stderr
    index = BeautifulSoup((clone / "_build" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "I did my PhD in AI + Physics at MIT with Max Tegmark." in index.get_text(" ")


def test_without_a_supported_python_make_says_what_to_install(bare_project, tmp_path):
    env = path_with(tmp_path, python3_14="exit 127", python3_13="exit 127")
    failed = make(bare_project, "html", env=env)
    assert failed.returncode == 2
    assert "No Python 3.14 or 3.13 runs here. Install one (your distribution's python3.13 package, python.org, " \
        "or pyenv install 3.13) or name it: make PYTHON=/path/to/python3.13" in failed.stderr
    assert not (bare_project / ".venv").exists()
    # Nothing that needs no Python asks for one.
    assert make(bare_project, "clean", env=env).returncode == 0


def test_python_named_on_the_command_line_must_be_supported(bare_project, tmp_path):
    old = tmp_path / "python3.11"
    old.write_text("#!/bin/sh\necho 3.11\n")
    old.chmod(0o755)
    failed = make(bare_project, ".venv/requirements.installed", f"PYTHON={old}")
    assert failed.returncode == 2
    assert f"{old} is Python 3.11; the pinned packages need Python 3.14 or 3.13" in failed.stderr


def test_a_venv_of_another_python_is_made_again(bare_project):
    # A venv of an unsupported Python, its packages installed.
    venv = bare_project / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("version = 3.11.7\n")
    (venv / "bin" / "python").write_text("#!/bin/sh\necho 3.11\n")
    (venv / "bin" / "python").chmod(0o755)
    (venv / "requirements.installed").touch()
    remade = make(bare_project, ".venv/requirements.installed", f"PYTHON={REAL_PYTHON}")
    assert remade.returncode == 0, remade.stderr
    assert remade.stdout.splitlines()[0] == f"Making .venv with {REAL_PYTHON} (Python {RUNNING_VERSION}), as PYTHON says"
    assert "pip install" in remade.stdout
    version = subprocess.run([venv / "bin" / "python", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith(f"Python {RUNNING_VERSION}.")
    assert make(bare_project, "-q", ".venv/requirements.installed", f"PYTHON={REAL_PYTHON}").returncode == 0
