"""Building a site in a child process whose time and memory are measured and capped.

A hostile input must not hang the build or exhaust memory. Tests state their bounds and read the child's own
figures (``os.wait4``'s resource usage), so a blow-up fails the test with a number instead of taking the
machine down: the child also runs under an address-space limit and is killed at a deadline.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from buildutil import warning_lines


#: Run in the child: cap the address space, run sphinx-build with the remaining arguments, and write the
#: process's own peak resident memory (VmHWM, KiB) to a file on the way out, however the build ends.
_CHILD = """
import atexit, resource, sys
cap, peak_file = int(sys.argv[1]), sys.argv[2]
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
def write_peak():
    with open('/proc/self/status') as status:
        kib = next(line.split()[1] for line in status if line.startswith('VmHWM:'))
    with open(peak_file, 'w') as out:
        out.write(kib)
atexit.register(write_peak)
from sphinx.cmd.build import main
sys.exit(main(sys.argv[3:]))
"""


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

    # The child caps its own address space and reports its own peak: a limit set between fork and exec, and the
    # resource usage wait4 gives, would both count the pytest process it was forked from (Linux keeps the old
    # image's high-water mark across exec), which grows with every test before it.
    peak_file = outdir.parent / f".{outdir.name}.peak-kib"
    peak_file.unlink(missing_ok=True)
    cap = (mib + 1024) * 1024 * 1024  # address space, not resident memory: Python and Pillow reserve more than they touch
    command = [
        sys.executable, "-c", _CHILD, str(cap), str(peak_file),
        "-b", builder, "-q", "-E", *options, str(srcdir), str(outdir),
    ]
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(process.stderr.read()), daemon=True)
    reader.start()
    deadline = threading.Timer(seconds * 2, process.kill)
    deadline.start()
    try:
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
    # A child killed at its deadline wrote no figure: the usage wait4 gives is then an upper bound.
    peak_kib = int(peak_file.read_text()) if peak_file.is_file() else usage.ru_maxrss
    peak_file.unlink(missing_ok=True)
    return BoundedBuild(srcdir, outdir, warnings, process.returncode, elapsed, peak_kib / 1024, others)
