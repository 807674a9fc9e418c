"""The payload site in Chromium: no vector of ``tests/xss_payloads.py`` runs, on any page that holds them.

Each page is opened with a listener on ``dialog`` (``alert(1)``), on ``securitypolicyviolation`` (a blocked
script is an attempt that a Content-Security-Policy stopped) and with the ``window.__pwned`` probe read after
every element that carries an injected attribute (``PROVOKE``) has been hovered, clicked, focused and
animated, so handlers that need a visitor fire as well. Nothing
may be requested from another host, the page may not navigate away, and no element may stand in for a
property of ``document`` (DOM clobbering).

The same test runs over three defences (``DEFENCES``): both together, as the site ships; the sanitiser alone
(``homepage_csp = False``), which must hold everything by itself; and the Content-Security-Policy alone (the
sanitiser bypassed with ``xss_site.sanitiser_bypassed``), which must stop every script but cannot stop what
is not a script (a ``<meta http-equiv=refresh>`` to another host, an element named ``cookie``, a remote
image the policy blocks): those are the sanitiser's job, so with the policy alone only executions count, and
the policy must be seen at work (violations).

Requests to any host but the test server are aborted, so a vector that navigates away leaves the page in
place for the probe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from justhtml import JustHTML
from playwright.sync_api import Error as PlaywrightError

from browser.compressed_server import serve
from browser.survey import SERVER_HOST
from xss_site import PAGES, build_payload_site


@dataclass(frozen=True)
class Defence:
    name: str
    bypass_sanitiser: bool = False
    confoverrides: dict = field(default_factory=dict)
    #: With the sanitiser bypassed the page still holds every vector: only executions are counted, and
    #: the policy must be seen blocking them.
    @property
    def sanitised(self) -> bool:
        return not self.bypass_sanitiser


DEFENCES = [
    Defence("sanitiser-and-csp"),
    Defence("sanitiser-only", confoverrides={"homepage_csp": False}),
    Defence("csp-only", bypass_sanitiser=True),
]

# Runs before the page's own scripts. A vector's effect is reported the moment it happens (a binding the test
# exposes), so it is seen even when another vector then takes the page elsewhere.
PROBE = """
Object.defineProperty(window, '__pwned', {set: () => window.__homepage_report('pwned')});
document.addEventListener('securitypolicyviolation',
  (event) => window.__homepage_report('violation ' + event.violatedDirective + ' ' + event.blockedURI));
"""
# Only the elements that carry an injected attribute are provoked, and their parents (an SVG <set> or
# <animate> gives its parent <a> the href): an event handler (on...), or a value that, spaces and control
# characters left out, runs script or names a script scheme. Provoking every element cost thousands of
# events a page, each through Bootstrap's document-wide handlers, and a template element carries nothing
# injected. A vector the sanitiser let through still carries its attribute, so it is still provoked.
PROVOKE = """async () => {
  const injected = (element) => element.getAttributeNames().some((name) => name.startsWith('on')
    || /alert\\(1\\)|__pwned|^(javascript|vbscript|data):/.test(element.getAttribute(name).replace(/[\\x00-\\x20]/g, '').toLowerCase()));
  const targets = new Set();
  for (const element of document.querySelectorAll('body *')) {
    if (injected(element)) {
      targets.add(element);
      if (element.parentElement) targets.add(element.parentElement);
    }
  }
  window.__homepage_report('provoked ' + targets.size);
  for (const element of targets) {
    for (const type of ['mouseover', 'mouseenter', 'pointerenter', 'click', 'focus', 'animationstart', 'toggle']) {
      element.dispatchEvent(new Event(type, {bubbles: false}));
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  // DOM clobbering: an element standing in for a property of document that the page's scripts read.
  const names = ['cookie', 'body', 'defaultView', 'getElementById', 'currentScript', 'documentElement',
                 'domain', 'referrer', 'implementation', 'createElement', 'forms', 'querySelector'];
  const native = (name) => {
    for (let object = Object.getPrototypeOf(document); object; object = Object.getPrototypeOf(object)) {
      const property = Object.getOwnPropertyDescriptor(object, name);
      if (property) return property.get ? property.get.call(document) : property.value;
    }
  };
  return names.filter((name) => document[name] !== native(name));
}"""


@pytest.fixture(scope="module", params=DEFENCES, ids=lambda defence: defence.name)
def served(request, tmp_path_factory):
    defence = request.param
    if defence == Defence("sanitiser-and-csp"):  # the site as it is built: the session's build
        built = request.getfixturevalue("payload_site")
    else:
        built = build_payload_site(tmp_path_factory.mktemp(f"xss-{defence.name}"), defence.bypass_sanitiser, defence.confoverrides)
    with serve(built.outdir) as url:
        yield defence, url


@pytest.mark.parametrize("path", PAGES)
def test_no_vector_runs_in_the_browser(browser, served, path):
    defence, url = served
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs, foreign, reports = [], [], []
        context.expose_binding("__homepage_report", lambda source, report: reports.append(report))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        context.on(
            "request",
            lambda request: foreign.append(request.url)
            if request.url.startswith(("http:", "https:")) and urlsplit(request.url).hostname != SERVER_HOST
            else None,
        )
        context.route(
            "**/*",
            lambda route: route.continue_()
            if urlsplit(route.request.url).hostname in (SERVER_HOST, None)
            else route.abort(),
        )
        page.add_init_script(PROBE)
        page.goto(url + path, wait_until="load")
        try:
            clobbered = page.evaluate(PROVOKE)
        except PlaywrightError:  # the page went elsewhere (a <meta http-equiv=refresh>) while provoked
            clobbered = None
        location = page.url
    finally:
        context.close()
    violations = [report for report in reports if report.startswith("violation")]
    assert dialogs == []
    assert "pwned" not in reports
    if not defence.sanitised:
        if handlers_in(served_page(url, path)):
            assert violations, "the page holds event handlers, so the policy must have blocked them"
            if clobbered is not None:  # the page stayed to be provoked
                assert provoked(reports) > 0, "the page holds event handlers, so their elements must have been provoked"
        return
    assert location == url + path, "the page navigated away"
    assert clobbered == []
    assert violations == []
    assert foreign == []


def provoked(reports: list[str]) -> int:
    """How many elements ``PROVOKE`` sent its events to (0 when the page went elsewhere first)."""
    return sum(int(report.split()[1]) for report in reports if report.startswith("provoked "))


def served_page(url: str, path: str) -> str:
    with urlopen(url + path) as response:  # noqa: S310 - the test server on 127.0.0.1
        return response.read().decode("utf-8")


def handlers_in(html: str) -> int:
    """How many elements of the page carry an ``on*`` attribute, as a browser parses it."""
    return sum(
        any(name.startswith("on") for name in (element.attrs or {}))
        for element in JustHTML(html, sanitize=False).root.query("*")
    )
