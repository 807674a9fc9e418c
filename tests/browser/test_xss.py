"""The payload site in Chromium: no vector of ``tests/xss_payloads.py`` runs, on any page that holds them.

Each page is opened with a listener on ``dialog`` (``alert(1)``), on ``securitypolicyviolation`` (a blocked
script is an attempt that a Content-Security-Policy stopped) and with the ``window.__pwned`` probe read after
every element has been hovered, focused and animated, so handlers that need a visitor fire as well. Nothing
may be requested from another host, the page may not navigate away, and no element may stand in for a
property of ``document`` (DOM clobbering).

The same test runs over a list of defences (``DEFENCES``): the sanitiser alone today; a
Content-Security-Policy alone (the sanitiser bypassed with ``xss_site.sanitiser_bypassed``) and both
together can be added as entries when the policy lands (``homepage_csp``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from browser.compressed_server import serve
from browser.conftest import SERVER_HOST
from xss_site import PAGES, build_payload_site


@dataclass(frozen=True)
class Defence:
    name: str
    bypass_sanitiser: bool = False
    confoverrides: dict = field(default_factory=dict)
    #: Whether a blocked script (a CSP violation) is expected: only with the sanitiser bypassed.
    violations_allowed: bool = False


DEFENCES = [Defence("sanitiser")]

# Runs before the page's own scripts: counts violations and makes every handler that needs a visitor fire.
PROBE = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
"""
PROVOKE = """async () => {
  for (const element of document.querySelectorAll('body *')) {
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
  const clobbered = names.filter((name) => document[name] !== native(name));
  return {pwned: window.__pwned === 1, violations: window.__violations, clobbered};
}"""


@pytest.fixture(scope="module", params=DEFENCES, ids=lambda defence: defence.name)
def served(request, tmp_path_factory):
    defence = request.param
    built = build_payload_site(tmp_path_factory.mktemp(f"xss-{defence.name}"), defence.bypass_sanitiser, defence.confoverrides)
    with serve(built.outdir) as url:
        yield defence, url


@pytest.mark.parametrize("path", PAGES)
def test_no_vector_runs_in_the_browser(browser, served, path):
    defence, url = served
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs, foreign = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        context.on(
            "request",
            lambda request: foreign.append(request.url)
            if request.url.startswith(("http:", "https:")) and urlsplit(request.url).hostname != SERVER_HOST
            else None,
        )
        page.add_init_script(PROBE)
        page.goto(url + path, wait_until="load")
        try:
            outcome = page.evaluate(PROVOKE)
        except PlaywrightError:  # the page went elsewhere (a <meta http-equiv=refresh>, a script) while provoked
            outcome = {"pwned": None, "violations": [], "clobbered": []}
        location = page.url
    finally:
        context.close()
    assert location == url + path, "the page navigated away"
    assert dialogs == []
    assert outcome["pwned"] is False
    assert outcome["clobbered"] == []
    if not defence.violations_allowed:
        assert outcome["violations"] == []
    assert foreign == []
