"""``make new-site``: a blank site of one's own, with the files around it, that builds and tests itself.

The starter is written once per module (``python -m sphinx_academic_homepage.sitemaker new-site``, in process)
into a temporary folder. Its own ``tests/test_site.py`` is run as its ``make test`` runs it, with this venv's
pytest in a subprocess (cwd the site), once as written and once broken on purpose: that run builds the site
strictly and checks the built pages, so it is both the strict build and the proof that the checks can fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from buildutil import OUTER_MAKE, run_site_tests
from conftest import PROJECT_ROOT
from sphinx_academic_homepage.sitemaker import __main__ as command
from sphinx_academic_homepage.sitemaker.frame import SiteSettings, write_frame
from sphinx_academic_homepage.sitemaker.wheel import package_files

#: Words of this repository's owner that a stranger's site must not hold.
OWNER_WORDS = re.compile("ziming|tsinghua|刘子鸣|kindxiaoming", re.IGNORECASE)
_BINARY_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".png", ".ico")
PAGES_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/upload-pages-artifact", "actions/deploy-pages"}


def _tree(folder: Path) -> dict[str, bytes]:
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in files}


def _new_site(dest: Path) -> Path:
    assert command.main(["new-site", str(dest)]) == 0
    return dest


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _new_site(tmp_path_factory.mktemp("starter") / "my-site")


def test_the_starter_holds_nothing_of_this_sites_owner(starter):
    named = [name for name, data in _tree(starter).items() if OWNER_WORDS.search(data.decode("utf-8", "replace"))]
    assert named == []
    # The wheel's members are compressed: each text member (the package's code, templates, styles and the
    # metadata the sitemaker writes) is read one by one; fonts and pictures hold no words.
    (wheel,) = (starter / "vendor").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = [name for name in archive.namelist() if ".dist-info/" in name]
        assert len(metadata) == 4
        texts = [name for name in archive.namelist() if not name.endswith(_BINARY_SUFFIXES)]
        assert len(texts) > 100
        assert not [name for name in texts if OWNER_WORDS.search(archive.read(name).decode("utf-8"))]


def test_the_starters_own_tests_pass_on_its_strict_build(starter, tmp_path):
    # On a copy: the build writes beside the pages (its image cache), and the starter is compared as written.
    result = run_site_tests(shutil.copytree(starter, tmp_path / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b4 passed\b", result.stdout)


def test_the_starters_own_tests_fail_on_a_dead_link(starter, tmp_path):
    broken = shutil.copytree(starter, tmp_path / "broken")
    research = broken / "research" / "index.md"
    # Raw HTML: Sphinx does not read it, so the strict build passes and only the site's check finds them.
    research.write_text(
        research.read_text(encoding="utf-8") + '\n<a href="../teaching/">teaching</a> <a href="#nowhere">x</a>\n',
        encoding="utf-8",
    )
    result = run_site_tests(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed, 3 passed" in result.stdout
    assert "research/index.html: '../teaching/' names no file of the site" in result.stdout
    assert "research/index.html: '#nowhere': research/index.html has no id 'nowhere'" in result.stdout


def test_two_runs_write_the_same_bytes(starter, tmp_path):
    assert _tree(_new_site(tmp_path / "again")) == _tree(starter)


def test_a_folder_with_files_is_refused_in_one_line_and_left_as_it_was(tmp_path, capsys):
    dest = tmp_path / "taken"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine", encoding="utf-8")
    assert command.main(["new-site", str(dest)]) == 2
    assert capsys.readouterr().err == (
        f"python -m sphinx_academic_homepage.sitemaker: {dest} exists and is not empty; name a new folder\n"
    )
    assert _tree(dest) == {"notes.txt": b"mine"}


def test_a_folder_inside_this_project_is_refused_in_one_line(capsys):
    dest = PROJECT_ROOT / "my-site"
    assert command.main(["new-site", str(dest)]) == 2
    assert capsys.readouterr().err == (
        f"python -m sphinx_academic_homepage.sitemaker: {dest} is inside the Sphinx project {PROJECT_ROOT};"
        " name a folder outside it\n"
    )
    assert not dest.exists()


@pytest.mark.parametrize("arguments", [[], ["new-site"], ["import-alfolio", "only-one"], ["make-coffee", "x"]])
def test_bad_use_is_one_line_and_exit_status_2(arguments, capsys):
    with pytest.raises(SystemExit) as exit:
        command.main(arguments)
    assert exit.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("python -m sphinx_academic_homepage.sitemaker: ")


@pytest.mark.parametrize(
    ("arguments", "usage"),
    [
        (["new-site"], "usage: make new-site DEST=<a new folder>"),
        (["import-alfolio", "DEST=x"], "usage: make import-alfolio SRC=<an al-folio site> DEST=<a new folder>"),
    ],
)
def test_the_make_targets_without_their_folders_say_how_in_one_line(arguments, usage):
    environment = {name: value for name, value in os.environ.items() if name not in OUTER_MAKE}
    result = subprocess.run(
        ["make", *arguments], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60, env=environment
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [f"Makefile:{result.stderr.split(':')[1]}: *** {usage}.  Stop."]


def test_the_vendored_wheel_installs_and_holds_every_file_of_the_package(starter, tmp_path):
    (wheel,) = (starter / "vendor").glob("*.whl")
    target = tmp_path / "installed"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--no-compile"]
    subprocess.run([*pip, "--target", str(target), str(wheel)], check=True, capture_output=True, timeout=120)
    imported = subprocess.run(
        [sys.executable, "-c", "import sphinx_academic_homepage as p, sys; print(p.__file__)"],
        env={**os.environ, "PYTHONPATH": str(target)}, capture_output=True, text=True, check=True, timeout=60,
    )
    assert Path(imported.stdout.strip()) == target / "sphinx_academic_homepage" / "__init__.py"
    installed = {
        path.relative_to(target).as_posix()
        for path in (target / "sphinx_academic_homepage").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert installed == set(package_files())
    for name in ("templates/layout.html", "static/profile.css", "static/fonts/fa-brands-400-subset.woff2"):
        assert f"sphinx_academic_homepage/{name}" in installed
    (dist_info,) = target.glob("sphinx_academic_homepage-*.dist-info")
    metadata = (dist_info / "METADATA").read_text(encoding="utf-8")
    assert "Requires-Dist: sphinx<10,>=9.2\n" in metadata and "extra ==" not in metadata
    assert (dist_info / "licenses" / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def _pins(text: str) -> dict[str, str]:
    return dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+)$", text, re.MULTILINE))


def test_the_requirements_pin_what_this_project_pins_and_name_the_wheel(starter):
    site = (starter / "requirements.txt").read_text(encoding="utf-8")
    tests = (starter / "requirements-test.txt").read_text(encoding="utf-8")
    ours = _pins((PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8"))
    our_tests = _pins((PROJECT_ROOT / "requirements-test.txt").read_text(encoding="utf-8"))
    assert "-e " not in site and "sphinx-academic-homepage==" not in site
    (wheel_line,) = [line for line in site.splitlines() if line.startswith("./vendor/")]
    assert (starter / wheel_line).is_file()
    site_pins, test_pins = _pins(site), _pins(tests)
    assert {"sphinx", "sphinx-design", "pydata-sphinx-theme", "typst", "pillow"} <= site_pins.keys()
    assert {name: ours.get(name) for name in site_pins} == site_pins
    assert {"pytest", "sphinx-autobuild"} <= test_pins.keys() and not site_pins.keys() & test_pins.keys()
    assert {name: our_tests.get(name) for name in test_pins} == test_pins
    assert tests.splitlines()[1] == "-r requirements.txt"


def _workflow_steps(path: Path) -> tuple[set[str], list[str], dict]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    runs = [step["run"] for step in steps if "run" in step]
    return uses, runs, workflow


@pytest.mark.parametrize("where", ["project", "site"])
def test_the_pages_workflows_build_make_html_and_deploy_it(starter, where):
    folder = PROJECT_ROOT if where == "project" else starter
    uses, runs, workflow = _workflow_steps(folder / ".github" / "workflows" / "pages.yml")
    assert uses == PAGES_ACTIONS
    assert [run for run in runs if run.startswith("make html")] == ["make html PYTHON=python"]
    upload = next(s for s in workflow["jobs"]["build"]["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_read_the_docs_builds_the_site_as_this_project(starter):
    ours = yaml.safe_load((PROJECT_ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert yaml.safe_load((starter / ".readthedocs.yaml").read_text(encoding="utf-8")) == ours


def _conf(dest: Path, **environment: str) -> dict:
    """The names conf.py sets, run as Sphinx runs it."""
    namespace = {"__file__": str(dest / "conf.py")}
    saved = dict(os.environ)
    os.environ.pop("READTHEDOCS_CANONICAL_URL", None)
    os.environ.update(environment)
    try:
        exec(compile((dest / "conf.py").read_text(encoding="utf-8"), "conf.py", "exec"), namespace)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return namespace


def test_the_frame_writes_the_given_settings_as_python_in_their_order(tmp_path):
    site = SiteSettings(
        project='Ada "Augusta" Lovelace\n',
        html_baseurl="https://ada.github.io/notes/",
        settings={
            "homepage_social": {"email": "ada@example.org", "x_username": "ada"},
            "homepage_person": {
                "job_title": "Analyst", "alumni_of": ["A very long name of a school, for the line"] * 2,
            },
            "bibtex_bibfiles": ["papers/papers.bib"],
            "exclude_patterns": ["_build", "tests", "vendor", "drafts"],
            "homepage_news_limit": None,
        },
        extensions=("sphinxext.opengraph",),
    )
    written = write_frame(tmp_path, site)
    assert written == sorted(written) and all(path.is_file() for path in written)
    assert {path.relative_to(tmp_path).as_posix() for path in written} >= {
        "conf.py", "Makefile", "requirements.txt", "requirements-test.txt", ".readthedocs.yaml",
        ".github/workflows/pages.yml", ".gitignore", "README.md", "tests/test_site.py",
    }
    conf = _conf(tmp_path)
    assert (conf["project"], conf["author"], conf["copyright"]) == ('Ada "Augusta" Lovelace\n',) * 3
    assert (tmp_path / "README.md").read_text(encoding="utf-8").startswith('# Ada "Augusta" Lovelace — homepage\n')
    assert conf["extensions"] == [
        "sphinx_design", "notfound.extension", "sphinxext.opengraph", "sphinx_academic_homepage",
    ]
    assert conf["homepage_social"] == {"email": "ada@example.org", "x_username": "ada"}
    assert conf["homepage_news_limit"] is None and conf["bibtex_bibfiles"] == ["papers/papers.bib"]
    # A setting of the frame's own, given, takes its place: written once.
    assert conf["exclude_patterns"] == ["_build", "tests", "vendor", "drafts"]
    text = (tmp_path / "conf.py").read_text(encoding="utf-8")
    assert text.count("exclude_patterns =") == 1
    assert text.index("homepage_social") < text.index("bibtex_bibfiles") < text.index("homepage_news_limit")
    assert conf["html_static_path"] == [] and conf["html_baseurl"] == "https://ada.github.io/notes/"
    assert conf["notfound_urls_prefix"] == "/notes/"
    on_read_the_docs = _conf(tmp_path, READTHEDOCS_CANONICAL_URL="https://ada.readthedocs.io/en/latest/")
    assert on_read_the_docs["html_baseurl"] == "https://ada.readthedocs.io/en/latest/"
    assert "sphinxext-opengraph==" in (tmp_path / "requirements.txt").read_text(encoding="utf-8")
    assert "# Your profiles, with al-folio's keys" in text
    # A value too long for a line is one item a line.
    assert "homepage_social = {'email': 'ada@example.org', 'x_username': 'ada'}\n" in text
    assert (
        "homepage_person = {\n    'job_title': 'Analyst',\n    'alumni_of': [\n"
        + "        'A very long name of a school, for the line',\n" * 2
        + "    ],\n}\n"
    ) in text
    assert conf["homepage_person"]["alumni_of"] == ["A very long name of a school, for the line"] * 2


def test_a_setting_that_is_no_python_literal_is_refused(tmp_path):
    with pytest.raises(ValueError, match="the setting homepage_x = .* cannot be written as a Python literal"):
        write_frame(tmp_path, SiteSettings("Ada", "", {"homepage_x": object()}))
    assert list(tmp_path.iterdir()) == []
