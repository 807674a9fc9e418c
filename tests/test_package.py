"""The extension as a stranger installs it: a wheel, put into a fresh venv, builds a minimal site on its own.

The wheel is built from this checkout (``pip wheel``, no network: hatchling comes with the test packages) and
installed into a new venv without its dependencies. Those are made importable by a ``.pth`` file naming this
project's venv: a folder added that way is only put on ``sys.path``, its own ``.pth`` files are not run, so the
editable install of ``src/`` stays out and the package can only come from the wheel. The minimal site
(``tests/roots/test-minimal``: a ``conf.py`` with the extension and the theme, an al-folio ``index.md``) is
built from a copy outside the repository, every warning an error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "src" / "sphinx_academic_homepage"
MINIMAL_ROOT = Path(__file__).parent / "roots" / "test-minimal"
#: 2023-11-14, so that the footer's year is known.
SOURCE_DATE_EPOCH = "1700000000"


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    pip_wheel = (sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "--wheel-dir", dist)
    _run(*pip_wheel, cwd=PROJECT_ROOT)
    (built,) = dist.glob("sphinx_academic_homepage-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh_python(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a new venv holding the wheel, and this project's venv's packages but not its ``src/``."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv.parent)
    python = venv / "bin" / "python"
    pip = (sys.executable, "-m", "pip", "--python", python)
    _run(*pip, "install", "--no-deps", "--no-index", "--no-compile", wheel, cwd=venv.parent)
    site_packages = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'), end='')", cwd=venv))
    (site_packages / "project-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return python


def _environment() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in {"PYTHONPATH", "PYTHONHOME"}}
    return env | {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}


def test_the_wheel_holds_every_file_of_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    package_files = {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert package_files <= names
    # What the code reads or serves besides its modules, by name, so that an emptied folder fails too.
    for name in (
        "dom_names.txt",
        "templates/layout.html",
        "templates/homepage-copyright.html",
        "templates/homepage-built-with.html",
        "static/profile.css",
        "static/icon-font.css",
        "static/fonts/fa-solid-900-subset.woff2",
        "static/fonts/fa-brands-400-subset.woff2",
        "static/publications.js",
        "static/theme-controls.js",
    ):
        assert f"sphinx_academic_homepage/{name}" in names, name
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    # Nothing of the site or of the tests.
    top_level = {name.split("/")[0] for name in names} - {"sphinx_academic_homepage"}
    assert len(top_level) == 1 and top_level.pop().endswith(".dist-info")


def test_the_package_comes_from_the_wheel_not_from_src(fresh_python):
    found = _run(fresh_python, "-c", "import sphinx_academic_homepage as p; print(p.__file__)", cwd=fresh_python.parent)
    assert Path(found.strip()).is_relative_to(fresh_python.parents[1])
    assert not Path(found.strip()).is_relative_to(PROJECT_ROOT / "src")


def test_a_minimal_site_builds_with_the_installed_package_alone(fresh_python, tmp_path):
    source = tmp_path / "site"
    shutil.copytree(MINIMAL_ROOT, source)
    out = tmp_path / "html"
    _run(
        fresh_python, "-m", "sphinx", "-b", "html", "-W", "-n", "--keep-going", "-q",
        "-d", tmp_path / "doctrees", source, out,
        cwd=tmp_path, env=_environment(),
    )
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")

    # The profile card: al-folio's profile, its photo resized, its more_info.
    photo = page.select_one(".homepage-profile--right img.homepage-profile__photo")
    assert photo["alt"] == "Ada Lovelace" and photo["src"].startswith("_images/ada-")
    assert page.select_one(".homepage-profile__more-info").get_text(strip=True) == "London"
    # The navbar the extension sets: the owner's name home, the colour switch, no sidebars.
    assert page.select_one(".navbar-header-items__start .navbar-brand").get_text(strip=True) == "Ada Lovelace"
    assert page.select_one(".navbar-header-items__end .theme-switch-button") is not None
    assert page.select(".bd-sidebar-secondary") == [] and page.select(".prev-next-area") == []
    # The social row and the news, from the front matter.
    social = [a["href"] for a in page.select("a.homepage-social__link")]
    assert social == ["mailto:ada@example.org", "https://github.com/ada"]
    news = page.select_one(".homepage-news__inline").get_text(strip=True)
    assert news == "The notes on the Analytical Engine are out."
    # The footer's templates, shipped in the package.
    assert page.select_one(".homepage-footer__copyright").get_text(" ", strip=True) == "© Copyright 2023 Ada Lovelace."
    assert "Built with" in page.select_one(".homepage-footer__built-with").get_text()
    # The shipped stylesheet is linked after the theme's, and it and the icon fonts are in the output.
    links = [tag["href"].split("?")[0] for tag in page.select('link[rel="stylesheet"]')]
    # (homepage.css, or with the news list's rules a file of both: the one stylesheet of the package's.)
    (own,) = [link for link in links if link.startswith("_static/homepage")]
    assert links.index("_static/styles/pydata-sphinx-theme.css") < links.index(own)
    bundle = (out / "_static" / "homepage.css").read_text(encoding="utf-8")
    for font in ("fa-solid-900-subset.woff2", "fa-brands-400-subset.woff2"):
        assert f'url("fonts/{font}")' in bundle
        assert (out / "_static" / "fonts" / font).read_bytes() == (PACKAGE / "static" / "fonts" / font).read_bytes()

    # Nothing in the output names the repository (its src/, its _static/ or _templates/).
    repository = str(PROJECT_ROOT).encode()
    named = [path for path in out.rglob("*") if path.is_file() and repository in path.read_bytes()]
    assert named == []
