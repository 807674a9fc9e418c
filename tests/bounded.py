"""Building a site in a child process whose time and memory are measured and capped.

A hostile input must not hang the build or exhaust memory. Tests state their bounds and read the child's own
figures (``os.wait4``'s resource usage), so a blow-up fails the test with a number instead of taking the
machine down: the child also runs under an address-space limit and is killed at a deadline.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from buildutil import warning_lines


@dataclass
class BoundedBuild:
    srcdir: Path
    outdir: Path
    warnings: list[str]
    returncode: int
    seconds: float
    #: Peak resident memory of the build process, in MiB.
    peak_mib: float
    #: What the build printed on stderr that is not a warning line (a traceback, for instance).
    stderr: str


def build_bounded(
    srcdir: Path,
    outdir: Path,
    *,
    seconds: float,
    mib: int,
    options: tuple[str, ...] = (),
    builder: str = "html",
) -> BoundedBuild:
    """Run ``sphinx-build`` on ``srcdir`` in a child process limited to ``seconds`` and ``mib`` of address space.

    A build over either limit is stopped; the test then fails on ``returncode``/``seconds``/``peak_mib``.
    """

    def limit_memory() -> None:
        # Address space, not resident memory: Python and Pillow reserve more than they touch, so give room.
        cap = (mib + 1024) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    command = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-E", *options, str(srcdir), str(outdir)]
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=limit_memory,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(process.stderr.read()), daemon=True)
    reader.start()
    deadline = threading.Timer(seconds * 2, process.kill)
    deadline.start()
    try:
        # wait4 gives this child's own peak memory (RUSAGE_CHILDREN would be the largest of every child so far).
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        deadline.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - started
    reader.join()
    text = b"".join(chunks).decode("utf-8", "replace")
    lines = warning_lines(text, srcdir)
    warnings = [line for line in lines if "WARNING" in line or "ERROR" in line]
    others = "\n".join(line for line in lines if line not in warnings)
    return BoundedBuild(srcdir, outdir, warnings, process.returncode, elapsed, usage.ru_maxrss / 1024, others)
