"""The process that built a site freezes its heap when it exits, so the interpreter's last cycle collections do not
walk it (``process_exit.py``); the exit handlers after it still run, and what the build wrote is all there."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from buildutil import ROOTS

#: Two builds in one process (as the tests and a rebuilding server run them), then the exit: the handler registered
#: first runs last, after the extension's, and says how many objects were frozen and how often gc.freeze ran.
BUILD_TWICE = """
import atexit, gc, sys
calls = []
freeze = gc.freeze
gc.freeze = lambda: (calls.append(1), freeze())[1]
atexit.register(lambda: print(f"frozen {gc.get_freeze_count()} in {len(calls)} call(s)", flush=True))
from sphinx.cmd.build import main
srcdir, outdir, warnings = sys.argv[1:]
for _ in range(2):
    status = main(["-b", "html", "-q", "-w", warnings, srcdir, outdir])
sys.exit(status)
"""


def _run(tmp_path: Path, conf: str | None = None) -> tuple[subprocess.CompletedProcess, Path]:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-minimal", srcdir)
    if conf is not None:
        (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    outdir = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-c", BUILD_TWICE, str(srcdir), str(outdir), str(tmp_path / "warnings.txt")],
        capture_output=True, text=True, timeout=300,
    )
    return result, outdir


def test_a_build_freezes_the_heap_once_at_exit_and_its_output_is_complete(tmp_path):
    result, outdir = _run(tmp_path)
    assert result.returncode == 0, result.stderr
    frozen = [line for line in result.stdout.splitlines() if line.startswith("frozen ")]
    assert len(frozen) == 1
    count, calls = frozen[0].removeprefix("frozen ").split(" in ")
    # Sphinx, the extensions and the environment: far more than a handful of objects.
    assert int(count) > 10_000
    assert calls == "1 call(s)"
    # Files written before the exit are whole: the page ends its document, the warnings file was closed.
    assert (outdir / "index.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert (tmp_path / "warnings.txt").read_text(encoding="utf-8") == ""


def test_a_build_without_the_extension_exits_as_python_does(tmp_path):
    conf = 'project = "Floor"\nauthor = "Ada"\nextensions = ["myst_parser"]\n'
    result, outdir = _run(tmp_path, conf)
    assert result.returncode == 0, result.stderr
    assert "frozen 0 in 0 call(s)" in result.stdout.splitlines()
    assert (outdir / "index.html").is_file()
