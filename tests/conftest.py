"""Shared fixtures: Sphinx's testing fixtures, the scenario roots, and the real site built once."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

# sphinx-sitemap starts a multiprocessing Manager in every HTML build. Forked, that process inherits the pipes
# of Playwright's driver and keeps it alive, so closing the shared browser hangs for ever; a child of the
# forkserver inherits nothing. (Sphinx's own -j workers fork explicitly and end with their build.)
multiprocessing.set_start_method("forkserver", force=True)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Test inputs kept beside the project, read in place (real files from public sites, the owner's photo and seed).
SHARED = PROJECT_ROOT.parent / "shared"


def needs_shared(relative: str, what: str) -> pytest.MarkDecorator:
    """Skip a test whose input is ``../shared/<relative>`` when that is absent, saying which input and where."""
    return pytest.mark.skipif(
        not (SHARED / relative).exists(), reason=f"needs ../shared/{relative} ({what}), not found at {SHARED / relative}"
    )


def pytest_terminal_summary(terminalreporter) -> None:
    """One line at the end when tests skipped for want of ``../shared``: a quiet skip reads as a pass."""
    missing = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and "../shared/" in report.longrepr[2]
    ]
    if missing:
        terminalreporter.write_line(
            f"{len(missing)} tests skipped: their inputs in {SHARED} (../shared) are missing", yellow=True, bold=True
        )


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Scenario folders for ``@pytest.mark.sphinx(testroot=...)``: ``tests/roots/test-<name>``."""
    return PROJECT_ROOT / "tests" / "roots"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory):
    """``real_site(**settings)`` -> :class:`buildutil.Build`: the real site built with ``settings`` over its
    conf.py, every reference checked.

    Each distinct set of settings is built once per session; the tests that ask for it only read it.
    """
    from buildutil import build

    builds = {}

    def built(**settings):
        key = repr(sorted(settings.items()))
        if key not in builds:
            builds[key] = build(PROJECT_ROOT, tmp_path_factory.mktemp("site"), confoverrides={"nitpicky": True, **settings})
        return builds[key]

    return built


@pytest.fixture(scope="session")
def site(real_site):
    """The real site as conf.py has it, built once per test session."""
    return real_site()


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory):
    """The payload site (``xss_site``) built once per session with every defence on: read, never changed."""
    from xss_site import build_payload_site

    return build_payload_site(tmp_path_factory.mktemp("xss"))


@pytest.fixture(scope="session")
def lists_site(tmp_path_factory: pytest.TempPathFactory):
    """Testroot pub-lists built once per session, serially: the lists' tests read it, a parallel build is compared with it."""
    from buildutil import build_app, copy_root

    return build_app(copy_root("pub-lists", tmp_path_factory.mktemp("lists")))


@pytest.fixture
def app_warnings():
    """Warnings logged outside a Sphinx build (by parsers called directly).

    Each as Sphinx prints it, with its type: ``"p:3: WARNING: message [homepage.frontmatter]"``.
    """
    import logging as std_logging

    from sphinx.util import logging as sphinx_logging

    records: list[std_logging.LogRecord] = []

    class Collect(std_logging.Handler):
        def emit(self, record: std_logging.LogRecord) -> None:
            records.append(record)

    logger = std_logging.getLogger(sphinx_logging.NAMESPACE)
    # An earlier test's Sphinx app leaves its handlers here; their filters would rewrite each record
    # (its location, a second type suffix) before this one sees it. Set them aside meanwhile.
    earlier_handlers = logger.handlers[:]
    for earlier in earlier_handlers:
        logger.removeHandler(earlier)
    handler = Collect(std_logging.WARNING)
    handler.addFilter(sphinx_logging.WarningLogRecordTranslator(_NoApp()))
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(std_logging.WARNING)
    try:
        yield lambda: [
            f"{r.getMessage()} [{getattr(r, 'type', None)}.{getattr(r, 'subtype', None)}]" for r in records
        ]
    finally:
        logger.removeHandler(handler)
        for earlier in earlier_handlers:
            logger.addHandler(earlier)
        logger.setLevel(previous)


class _NoApp:
    """Enough of an application for Sphinx's location translator when no build is running."""

    class env:  # noqa: N801 - mimics the attribute
        docname = None

        @staticmethod
        def doc2path(docname, base=True):
            return docname


# -- One browser for every test that needs one -------------------------------------------------------
# Playwright's sync API allows one instance per thread: tests outside tests/browser/ share it too.

#: Debian's Chromium; Playwright cannot download its own browser on these machines.
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's 'chromium' package (.ci/run does) to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()
