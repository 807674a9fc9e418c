"""Browser fixtures: the real site served compressed on 127.0.0.1, and Debian's Chromium driven by Playwright.

One build (the session's ``site`` fixture), one server and one browser serve every browser test; each test
opens its own context (viewport, colour scheme, storage) so tests cannot leak state into each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser.compressed_server import serve
from conftest import CHROMIUM  # noqa: F401 - the browser fixture itself is in tests/conftest.py

#: A laptop and a phone (iPhone 12-15 width); the layout switches between them at the theme's breakpoints.
VIEWPORTS = {
    "wide": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True},
}
MODES = ("light", "dark")

SERVER_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def site_url(site) -> Iterator[str]:
    """The base URL ("http://127.0.0.1:<port>/") of the real site, served gzip-compressed."""
    with serve(site.outdir) as url:
        yield url


@pytest.fixture(scope="session")
def site_pages(site) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root ("index.html", "papers/index.html")."""
    outdir = Path(site.outdir)
    pages = [
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*.html")
        if not path.relative_to(outdir).parts[0].startswith(("_", "."))
    ]
    return sorted(pages, key=lambda page: (page != "index.html", page))


@dataclass
class Visit:
    """A browser tab on the local site, with everything that went wrong while it was open."""

    page: object  # playwright.sync_api.Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def goto(self, path: str, wait_until: str = "load") -> None:
        response = self.page.goto(self.base_url + path, wait_until=wait_until)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        # Layout is only final once the web fonts (the icon font) have arrived.
        self.page.evaluate("document.fonts.ready.then(() => true)")

    @property
    def problems(self) -> dict[str, list[str]]:
        """Console errors, failed requests and requests to other hosts, by kind (empty lists when none)."""
        return {
            "console errors": self.console_errors,
            "failed requests": self.failed_requests,
            "requests to other hosts": self.foreign_requests,
        }


@pytest.fixture
def open_site(browser, site_url) -> Iterator[Callable[..., Visit]]:
    """``open_site(viewport="wide"|"phone", mode="light"|"dark", base_url=None, **context_options)`` -> a fresh
    :class:`Visit` of the real site (or of the site served at ``base_url``).

    ``mode`` is the visitor's system preference (prefers-color-scheme): the site's default mode is "auto".
    """
    contexts = []

    def open_(viewport: str = "wide", mode: str = "light", base_url: str | None = None, **context_options) -> Visit:
        context = browser.new_context(**VIEWPORTS[viewport], color_scheme=mode, **context_options)
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page=page, base_url=base_url or site_url)

        def on_console(message) -> None:
            if message.type == "error":
                source = message.location.get("url") or page.url
                visit.console_errors.append(f"{source}: {message.text}")

        def on_request(request) -> None:
            visit.requests.append(request.url)
            host = urlsplit(request.url).hostname
            if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != SERVER_HOST:
                visit.foreign_requests.append(request.url)

        def on_response(response) -> None:
            if response.status >= 400:
                visit.failed_requests.append(f"{response.url}: HTTP {response.status}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: visit.console_errors.append(f"{page.url}: uncaught {error}"))
        context.on("request", on_request)
        context.on("response", on_response)
        def on_request_failed(request) -> None:
            # A test that moves on (reload, next page) cancels what is still loading, the favicon say:
            # the browser's doing, not the site's.
            if request.failure != "net::ERR_ABORTED":
                visit.failed_requests.append(f"{request.url}: {request.failure}")

        context.on("requestfailed", on_request_failed)
        return visit

    yield open_
    for context in contexts:
        context.close()


def page_with(site, site_pages: list[str], selector: str, what: str) -> str:
    """The first built page holding ``selector``; fails, naming ``what`` is missing, when none does."""
    for path in site_pages:
        if site.page(path).select_one(selector) is not None:
            return path
    raise AssertionError(f"{what} in this build (no page has {selector!r})")
