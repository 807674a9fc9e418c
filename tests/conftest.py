"""Shared fixtures: Sphinx's testing fixtures, the scenario roots, and the real site built once."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = PROJECT_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Scenario folders for ``@pytest.mark.sphinx(testroot=...)``: ``tests/roots/test-<name>``."""
    return PROJECT_ROOT / "tests" / "roots"


@dataclass
class BuiltSite:
    outdir: Path
    warnings: str

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / path).read_text(encoding="utf-8"), "html.parser")


def build_site(buildername: str, builddir: Path, **kwargs) -> tuple[SphinxTestApp, str]:
    """Build the real site from the project root into ``builddir``; return the app and its warnings."""
    warnings = io.StringIO()
    app = SphinxTestApp(
        buildername,
        srcdir=PROJECT_ROOT,
        builddir=builddir,
        freshenv=True,
        confoverrides={"nitpicky": True},
        status=io.StringIO(),
        warning=warnings,
        **kwargs,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app, warnings.getvalue()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site, built once per test session with every reference checked (``-n``)."""
    app, warnings = build_site("html", tmp_path_factory.mktemp("site"))
    return BuiltSite(outdir=Path(app.outdir), warnings=warnings)
