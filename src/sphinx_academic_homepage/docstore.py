"""What a module records while pages are read, kept on the build environment: per document, or for the site.

The environment is pickled between builds, so such a record outlives the build that made it: it
must be forgotten when its document is read again or deleted (``env-purge-doc``), and with ``-j``
each worker process reads some documents into a copy of the environment, whose records the main
process takes back for exactly those documents (``env-merge-info``). One :class:`DocumentStore`
per record does both, the same way for every module. A value of the whole site, worked out once the
pages are read (the date of the sources, the navbar's labels), is a :class:`SiteRecord`: the next build
compares it with what it works out anew.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


class DocumentStore:
    """``env.<attribute>``: a dict keyed by docname, or (``kind=set``) the set of docnames that have something.

    A module creates one at import time, calls :meth:`connect` in its ``setup_<name>(app)``, and
    reaches the records with ``store.of(env)``.
    """

    def __init__(self, attribute: str, kind: type[dict] | type[set] = dict) -> None:
        self.attribute = attribute
        self.kind = kind

    def of(self, env: BuildEnvironment) -> Any:
        """The records (created empty on first use), in ``env.__dict__`` so they are pickled with the environment."""
        return env.__dict__.setdefault(self.attribute, self.kind())

    def connect(self, app: Sphinx) -> None:
        app.connect("env-purge-doc", self._purge)
        app.connect("env-merge-info", self._merge)

    def _purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        records = self.of(env)
        if isinstance(records, dict):
            records.pop(docname, None)
        else:
            records.discard(docname)

    def _merge(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        # A worker's environment also holds the records of documents it did not read (its copy of the
        # main one's): only those of the documents it read are taken.
        records, theirs = self.of(env), self.of(other)
        if isinstance(records, dict):
            records.update((docname, theirs[docname]) for docname in docnames if docname in theirs)
        else:
            records.update(theirs & docnames)


class SiteRecord:
    """``env.<attribute>``: one value for the whole site, kept between builds; :attr:`MISSING` until first set."""

    MISSING: Any = object()

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def get(self, env: BuildEnvironment, default: Any = None) -> Any:
        return env.__dict__.get(self.attribute, default)

    def set(self, env: BuildEnvironment, value: Any) -> Any:
        """Keep ``value``; returns the value kept before, or :attr:`MISSING` when there was none."""
        previous = env.__dict__.get(self.attribute, self.MISSING)
        env.__dict__[self.attribute] = value
        return previous
