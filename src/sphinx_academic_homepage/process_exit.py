"""The end of the process that built the site: the interpreter's last cycle collections skip a heap about to go.

When Python exits it clears its modules and runs the cycle collector over every object still alive, several
times: over Sphinx, every extension, the theme's templates and the environment (about 100,000 objects for a
one-page site, 200,000 at 1,000 entries). That costs a quarter of a second of CPU on a one-page site with this
site's extensions and nothing of ours, and half a second on this site at 32 or 1,000 entries: a third of a build
that finds nothing changed, spent after the site is written.

So when the interpreter exits, the objects alive then are frozen (:func:`gc.freeze`): the collector no longer
walks them. Everything else about the exit stays: the other exit handlers run (logging flushes and closes its
handlers, multiprocessing stops its helpers, ``weakref.finalize`` callbacks run), and modules are cleared, which
releases every object that no reference cycle holds (its finalizer runs, a file it holds is flushed and
closed). Only objects that a cycle holds are left to the operating system with the rest of the process's memory,
as at any ``os._exit``: Python does not promise to finalize them at exit either, and everything this build writes
is written and closed before it returns.

Registered once per process, and run only when the interpreter exits: a process that builds many times (the test
suite, a server that rebuilds) collects as before while it runs.
"""

from __future__ import annotations

import atexit
import functools
import gc

from sphinx.application import Sphinx


@functools.cache
def _freeze_the_heap_at_exit() -> None:
    # Cached: registered once per process, whichever application sets the extension up first.
    atexit.register(gc.freeze)


def setup_process_exit(app: Sphinx) -> None:
    _freeze_the_heap_at_exit()
