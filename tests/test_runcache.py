"""The run cache (``runcache.py``): a build asked for by two workers at once is made once, and both get it."""

from __future__ import annotations

import threading
import time

import pytest

from runcache import RunCache, run_root


def test_two_workers_asking_at_once_get_one_build(tmp_path):
    made, got = [], []
    first_is_making, second_has_asked = threading.Event(), threading.Event()

    def make(folder):
        made.append(folder)
        first_is_making.set()
        second_has_asked.wait(timeout=10)
        time.sleep(0.2)  # the second is waiting for the lock by now, or (without one) making its own
        (folder / "index.html").write_text("<p>built</p>", encoding="utf-8")
        return {"outdir": folder, "warnings": ["one"]}

    def worker() -> None:
        # Each worker has its own cache object on the shared folder, as each process has.
        cache = RunCache(tmp_path)
        if first_is_making.is_set():
            second_has_asked.set()
        got.append(cache.get("site [('nitpicky', True)]", make))

    first = threading.Thread(target=worker)
    first.start()
    first_is_making.wait(timeout=10)
    second = threading.Thread(target=worker)
    second.start()
    for thread in (first, second):
        thread.join(timeout=10)
    assert len(made) == 1
    assert got == [{"outdir": made[0], "warnings": ["one"]}] * 2
    assert (made[0] / "index.html").read_text(encoding="utf-8") == "<p>built</p>"


def test_each_name_is_its_own_build(tmp_path):
    cache = RunCache(tmp_path)
    one = cache.get("root csp []", lambda folder: folder)
    other = cache.get("root csp [('homepage_csp', False)]", lambda folder: folder)
    assert one != other
    assert cache.get("root csp []", lambda folder: pytest.fail("made twice")) == one


def test_a_build_that_failed_is_made_again_from_nothing(tmp_path):
    cache = RunCache(tmp_path)

    def fail(folder):
        (folder / "half-written.html").write_text("", encoding="utf-8")
        raise RuntimeError("the build broke")

    with pytest.raises(RuntimeError, match="the build broke"):
        cache.get("site []", fail)
    assert cache.get("site []", lambda folder: sorted(path.name for path in folder.iterdir())) == []


def test_the_workers_of_a_run_share_its_temporary_root(tmp_path_factory, monkeypatch):
    own = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    assert run_root(tmp_path_factory) == own.parent
    monkeypatch.delenv("PYTEST_XDIST_WORKER")
    assert run_root(tmp_path_factory) == own
