"""Builds made once per test run and read by every pytest-xdist worker, through a folder on disk.

A session fixture lives in one worker process, so two workers whose tests read the same build would each make
it. Instead, the first worker to ask makes it in a folder of the run's temporary root, which the workers share,
and leaves beside it what the build gave (pickled); a worker asking later reads that, and one asking while it is
being made waits for it (an exclusive lock on the entry's lock file) rather than making it again at the same time.

An entry is named by what it is and the settings it was made with. Its inputs (the site, a testroot, the
corpus) do not change while the suite runs, and the folder is the run's own: a new run starts empty.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

Made = TypeVar("Made")


def run_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder every process of this run can reach: the controller's temporary root under pytest-xdist
    (each worker's own root is a folder in it), this process's root otherwise."""
    own = tmp_path_factory.getbasetemp()
    return own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own


class RunCache:
    """``cache.get(name, make)``: what ``make(folder)`` gives, made once per run in a folder of its own."""

    def __init__(self, root: Path) -> None:
        self.root = root / "run-cache"
        self.root.mkdir(exist_ok=True)

    def get(self, name: str, make: Callable[[Path], Made]) -> Made:
        entry = self.root / hashlib.sha256(name.encode()).hexdigest()[:16]
        result = entry.with_suffix(".pickle")
        with _locked(entry.with_suffix(".lock")):
            if result.is_file():
                return pickle.loads(result.read_bytes())
            # A make that failed (in this worker or another) left a folder behind: start again from nothing.
            shutil.rmtree(entry, ignore_errors=True)
            entry.mkdir()
            made = make(entry)
            result.write_bytes(pickle.dumps(made))
            return made


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
