"""Read the Docs builds what `make html` builds: the same config, strictness and pinned requirements."""

import re

import yaml

from conftest import PROJECT_ROOT


def test_readthedocs_config_has_the_required_keys():
    config = yaml.safe_load((PROJECT_ROOT / ".readthedocs.yaml").read_text())
    assert config["version"] == 2
    assert config["build"]["os"].startswith("ubuntu-")
    assert config["build"]["tools"]["python"] == "3.13"
    assert config["sphinx"]["configuration"] == "conf.py"
    assert config["sphinx"]["fail_on_warning"] is True
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    assert (PROJECT_ROOT / config["sphinx"]["configuration"]).is_file()


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-test.txt"):
        lines = [line.split("#")[0].strip() for line in (PROJECT_ROOT / name).read_text().splitlines()]
        # The extension itself comes from this checkout (an editable install), everything else at one version.
        assert "-e ." in lines, f"{name} does not install the extension from the repository"
        for line in lines:
            if line and line not in ("-e .", "-r requirements.txt"):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][^\s]*", line), f"{name}: {line!r} is not pinned"


def test_readme_documents_the_two_commands_and_publishing():
    readme = (PROJECT_ROOT / "README.md").read_text()
    for command in ("make html", "make test", "make livehtml", "make linkcheck", "make clean"):
        assert command in readme
    assert "Read the Docs" in readme and "READTHEDOCS_CANONICAL_URL" in readme


def test_ci_runs_the_readme_test_command():
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)
