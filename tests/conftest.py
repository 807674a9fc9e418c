"""Shared fixtures: Sphinx's testing fixtures, the scenario roots, and builds made once per test session.

A build costs more than all the reading a test does, so a build that tests only read is made once per session
and shared, whichever module asks first. To reuse one in a new test module:

- ``site``: the real site as ``conf.py`` has it (every reference checked), its stylesheets also kept as they
  were before trimming (``UNTRIMMED``). ``real_site(**settings)``: the real site with ``settings`` over its
  conf.py, built once per distinct set of settings. ``test_reproducible.py`` compares its own clean build
  with ``site``.
- ``built_root(name, **settings)``: testroot ``tests/roots/test-<name>`` built with ``settings`` (the
  confoverrides), once per root and settings: a :class:`buildutil.Build` (pages, exact warning lines).
  ``payload_site`` (every XSS vector in every user-HTML place) is such a build with its own set-up;
  ``lists_site`` (pub-lists, as a Sphinx application) is built once per worker.
- ``browser``: one Chromium per worker; ``tests/browser/conftest.py`` adds the real site served
  (``site_url``), a fresh tab (``open_site``) and one visit of every page (``site_survey``).

These builds are read, never changed: a test that edits sources or builds again in place copies a root
(``buildutil.copy_root``, ``copy_site``) into its own ``tmp_path`` and builds that. Settings are part of the
key, so two modules asking for the same root with the same settings share one build; asking with other
settings makes another.

``make test`` runs on two workers (``pytest-xdist``, ``--dist loadgroup``). A session fixture lives in one
worker, so the builds above are made once per run for both: the first worker to ask makes it in a folder they
share, the other reads it there (``runcache.py``, the ``run_cache`` fixture). Each module is a group of its
own, so the modules spread over both workers; the modules that read a visit of the browser's that costs more
than their tests (``ONE_WORKER``) run on one worker together, and the longest groups are handed out first
(``LONGEST_FIRST``), so that neither worker is left alone with a long one at the end.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ("sphinx.testing.fixtures",)

# A property test is judged by what it finds, not by its speed: on a machine shared with other work, Hypothesis's
# deadline and its too-slow check would fail a test whose examples all passed.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")

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


#: Session fixtures made in each worker's own process that cost more than running all their readers on one
#: worker: the browser's visit of every page. The modules that read one of them share a worker (one group);
#: the builds are not among them, since every worker reads those from the run cache (``runcache.py``).
ONE_WORKER = ("site_survey",)

#: The groups that take longest, longest first: the eight longest of a whole run (``--durations=0``, setup,
#: call and teardown added up per group), near half of its time between them, the survey's group a sixth.
#: pytest-xdist gives a worker a whole group when it asks for work, in collection order
#: (``--no-loadscope-reorder``): a long group handed out last would run alone while the other worker idles.
#: The others follow in collection order.
LONGEST_FIRST = (
    "site_survey",
    "test_import_alfolio",
    "test_lasting_warnings",
    "browser/test_xss",
    "test_corpus-bib",
    "test_makefile",
    "test_unused_css",
    "test_hostile_bib",
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Name each test's worker group (``xdist_group``) for ``--dist loadgroup``, unless the test names its own: its
    module, or, for a module that reads a fixture in ``ONE_WORKER``, that fixture; then put the ``LONGEST_FIRST``
    groups first."""
    # A module's tests stay together (its module-scoped fixtures are made once).
    reading = {_module(item): name for item in items for name in ONE_WORKER if name in item.fixturenames}
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(reading.get(_module(item), _module(item))))
    rank = {group: place for place, group in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(_group(item), len(rank)))
    if getattr(config.option, "loadgroup", False):
        from _pytest.nodeid import NodeId

        for item in items:
            if hasattr(item, "_id"):
                # A worker tells the scheduler each test's group in its id ("<id>@<group>"); pytest-xdist 3.8
                # writes it where pytest 9.2 no longer reads it (``_nodeid``), so it is written here where
                # pytest keeps it.
                item._id = NodeId.parse(f"{item.nodeid}@{_group(item)}")


def _module(item: pytest.Item) -> str:
    """The test module's path in ``tests/`` without its suffix: ``test_csp``, ``browser/test_csp``."""
    return item.path.relative_to(PROJECT_ROOT / "tests").with_suffix("").as_posix()


def _group(item: pytest.Item) -> str:
    return item.get_closest_marker("xdist_group").args[0]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Scenario folders for ``@pytest.mark.sphinx(testroot=...)``: ``tests/roots/test-<name>``."""
    return PROJECT_ROOT / "tests" / "roots"


def _once_per_key(make):
    """``make(*key, **settings)`` made once per distinct arguments, then given again from a cache."""
    made = {}

    def once(*key, **settings):
        cache_key = (key, repr(sorted(settings.items())))
        if cache_key not in made:
            made[cache_key] = make(*key, **settings)
        return made[cache_key]

    return once


#: Beside each build of the real site (``Build.outdir.parent / UNTRIMMED``): its trimmed stylesheets as they were
#: before homepage.unused_css trimmed them, which is what ``homepage_trim_css = False`` publishes.
UNTRIMMED = "untrimmed-static"


def _keep_untrimmed_stylesheets(app) -> None:
    """Copy the stylesheets that homepage.unused_css trims aside, once the theme has written them (its
    pygments.css included) and just before they are trimmed: the browser tests compare the two."""
    import shutil

    from sphinx_academic_homepage.priorities import PRIORITY
    from sphinx_academic_homepage.unused_css import TRIMMED_STYLESHEETS

    def keep(app, exception) -> None:
        if exception is not None:
            return
        static, kept = Path(app.outdir) / "_static", Path(app.outdir).parent / UNTRIMMED
        for name in TRIMMED_STYLESHEETS:
            if (static / name).is_file():
                (kept / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(static / name, kept / name)

    app.connect("build-finished", keep, priority=PRIORITY.trim_stylesheets - 1)


@pytest.fixture(scope="session")
def run_cache(tmp_path_factory: pytest.TempPathFactory):
    """The builds of this test run that every worker reads (:class:`runcache.RunCache`)."""
    from runcache import RunCache, run_root

    return RunCache(run_root(tmp_path_factory))


@pytest.fixture(scope="session")
def real_site(run_cache):
    """``real_site(**settings)`` -> :class:`buildutil.Build`: the real site built with ``settings`` over its
    conf.py, every reference checked, its stylesheets kept untrimmed beside it (``UNTRIMMED``).

    Each distinct set of settings is built once per test run; the tests that ask for it only read it.
    """
    from buildutil import build

    def make(**settings):
        settings = {"nitpicky": True, **settings}
        return run_cache.get(
            f"site {sorted(settings.items())!r}",
            lambda folder: build(PROJECT_ROOT, folder, confoverrides=settings, setup=_keep_untrimmed_stylesheets),
        )

    return _once_per_key(make)


@pytest.fixture(scope="session")
def built_root(run_cache):
    """``built_root(name, **settings)`` -> :class:`buildutil.Build`: testroot ``test-<name>`` copied and built
    with ``settings`` as its confoverrides, once per test run per root and settings; only read."""
    from buildutil import build, copy_root

    def make(name: str, **settings):
        return run_cache.get(
            f"root {name} {sorted(settings.items())!r}",
            lambda folder: build(copy_root(name, folder), folder / "_build", confoverrides=settings),
        )

    return _once_per_key(make)


@pytest.fixture(scope="session")
def site(real_site):
    """The real site as conf.py has it, built once per test run."""
    return real_site()


@pytest.fixture(scope="session")
def payload_site(run_cache):
    """The payload site (``xss_site``) built once per test run with every defence on: read, never changed."""
    from xss_site import build_payload_site

    return run_cache.get("payload site", build_payload_site)


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
