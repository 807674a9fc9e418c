"""One visit of every page of the real site per viewport and colour mode, with everything the checks read.

Loading the 40 pages of the site takes most of a browser test's time, and each check (a clean load, the
Content-Security-Policy, the layout, axe, the trimmed stylesheets) needs only a look at the loaded page. So
each page is loaded once per viewport and mode, the four tabs side by side (their network waits overlap), and
what every check needs is collected in that visit; the tests assert on the collected :class:`PageReport`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

#: A laptop and a phone (iPhone 12-15 width); the layout switches between them at the theme's breakpoints.
VIEWPORTS = {
    "wide": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True},
}
MODES = ("light", "dark")
SERVER_HOST = "127.0.0.1"

#: The viewports and modes in which each page's computed styles are taken, for the trimmed-CSS comparison.
STYLE_COMPARED = (("phone", "light"), ("wide", "dark"))

#: Run before any script of each page: every violation the page reports, as "directive blocked-URI".
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`), true);
"""

HAS_POLICY = """!!document.querySelector('head > meta[http-equiv="Content-Security-Policy"]')"""

# Boxes of every visible link and button in the header other than the title, and the title's own.
HEADER_BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; };
  const header = document.querySelector("#pst-header");
  const title = header.querySelector(".navbar-brand");
  const others = [...header.querySelectorAll("a, button")]
    .filter((el) => !title.contains(el) && visible(el) && !el.closest("dialog"))
    .map((el) => ({label: (el.innerText || el.getAttribute("aria-label") || el.className).trim(), ...box(el)}));
  return {title: box(title), titleClipped: title.scrollWidth > title.clientWidth + 1, others};
}"""

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

FONT_STATUSES = """[...document.fonts].filter((f) => f.family.includes("Font Awesome")).map((f) => [f.weight, f.status])"""

# One digest per element (and per drawn pseudo-element), in document order: comparing ~1,000 elements'
# 800 properties each as text would move megabytes per page. Chromium lists the standard properties first,
# always in the same order, then the custom ones in no fixed order: the standard values are read by the
# root's list of names (their place says which), the custom ones by sorted name. Reading every name of
# every element again, and sorting ~800 of them, took half the time.
STYLE_DIGESTS = """() => {
  const fnv = (text) => { let h = 0x811c9dc5; for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); } return (h >>> 0).toString(16); };
  const root = getComputedStyle(document.documentElement);
  const standard = [];
  for (let i = 0; i < root.length; i++) if (!root[i].startsWith("--")) standard.push(root[i]);
  const last = standard.length - 1;
  const digests = [];
  document.querySelectorAll("*").forEach((element, index) => {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      if (pseudo && (style.content === "none" || style.content === "normal")) continue;
      if (style[last] !== standard[last] || (style.length > last + 1 && !style[last + 1].startsWith("--"))) {
        throw new Error(`${element.tagName}${pseudo || ""}: its standard properties are not the root's`);
      }
      let text = "";
      for (const name of standard) text += style.getPropertyValue(name) + ";";
      const custom = [];
      for (let i = standard.length; i < style.length; i++) custom.push(style[i]);
      custom.sort();
      for (const name of custom) text += name + ":" + style.getPropertyValue(name) + ";";
      digests.push(`${index} ${element.tagName.toLowerCase()}${pseudo || ""} ${fnv(text)}`);
    }
  });
  return digests;
}"""


def style_digests_of(page) -> list[str]:
    page.wait_for_timeout(300)  # let the theme's scripts finish what a click started
    return page.evaluate(STYLE_DIGESTS)


def style_compared_pages(site_pages: list[str]) -> list[str]:
    """The pages whose styles are compared trimmed and untrimmed: the top-level pages, search and 404, and one
    page of each other kind (a paper, a news item)."""
    chosen = [page for page in site_pages if page.count("/") == 0 or page.endswith("/index.html") and page.count("/") == 1]
    for folder in ("papers/", "news/"):
        chosen += [page for page in site_pages if page.startswith(folder) and not page.endswith("/index.html")][:1]
    return chosen


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


def open_visit(browser, base_url: str, viewport: str, mode: str, **context_options) -> Visit:
    """A fresh context's tab on ``base_url``, in ``viewport`` with the system preference ``mode`` (the site's
    own mode is "auto"), that records its problems. The caller closes ``visit.page.context``.
    """
    context = browser.new_context(**VIEWPORTS[viewport], color_scheme=mode, **context_options)
    page = context.new_page()
    visit = Visit(page=page, base_url=base_url)

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

    def on_request_failed(request) -> None:
        # A test that moves on (reload, next page) cancels what is still loading, the favicon say:
        # the browser's doing, not the site's.
        if request.failure != "net::ERR_ABORTED":
            visit.failed_requests.append(f"{request.url}: {request.failure}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.console_errors.append(f"{page.url}: uncaught {error}"))
    context.on("request", on_request)
    context.on("response", on_response)
    context.on("requestfailed", on_request_failed)
    return visit


@dataclass
class PageReport:
    """What one visit of one page, in one viewport and mode, saw."""

    path: str
    #: Console errors, failed requests and requests to other hosts during the visit, by kind.
    problems: dict[str, list[str]]
    #: Every request the page made, by URL.
    requests: list[str]
    #: Content-Security-Policy violations, as "directive blocked-URI".
    csp_violations: list[str]
    has_policy: bool
    #: How many pixels the page is wider than the screen.
    overflow: int
    #: The navbar title's box, whether it is cut off, and the boxes of the links and buttons beside it.
    header: dict
    #: The Font Awesome faces the page declares, as [weight, status].
    icon_fonts: list[list[str]]
    #: One digest per styled box (``STYLE_DIGESTS``), in the viewports and modes of ``STYLE_COMPARED`` only.
    style_digests: list[str] | None
    #: axe-core's violations, every rule on.
    axe_violations: list[dict] = field(default_factory=list)


def settle(page) -> None:
    """Wait until the page is done: network quiet (late fonts, deferred scripts, lazy images are part of the
    page too), web fonts (the icon font) in, and the theme's scripts finished."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")


def visit_together(
    visits: dict, pages: list[str], read: Callable[[object, Visit, str], object], finish: Callable | None = None
) -> dict:
    """``{key: {path: what}}`` for every page in ``pages`` and every tab in ``visits``.

    The tabs go to each page together, so their network waits overlap. Once a tab has settled, ``read(key,
    visit, path)`` reads it; with ``finish``, ``what`` is ``finish(key, visit, read's result)``, called when
    every tab has been read: work ``read`` starts in the page runs in all tabs at once (a renderer each).
    """
    found: dict = {key: {} for key in visits}
    for path in pages:
        for visit in visits.values():
            response = visit.page.goto(visit.base_url + path, wait_until="commit")
            assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        for key, visit in visits.items():
            settle(visit.page)
            found[key][path] = read(key, visit, path)
        if finish is not None:
            for key, visit in visits.items():
                found[key][path] = finish(key, visit, found[key][path])
    return found


#: axe-core, put into a page and started there; ``AXE_RESULTS`` waits for its violations.
AXE_SCRIPT = Axe().axe_script
START_AXE = """() => { window.__axe = axe.run(document, {resultTypes: ["violations"]}); }"""
AXE_RESULTS = "window.__axe.then((results) => results.violations)"


def survey(browser, base_url: str, pages: list[str]) -> dict[tuple[str, str], dict[str, PageReport]]:
    """Every page in ``pages`` visited once in each viewport and mode: ``{(viewport, mode): {path: report}}``."""
    style_pages = set(style_compared_pages(pages))
    visits = {
        (viewport, mode): open_visit(browser, base_url, viewport, mode, reduced_motion="reduce")
        for viewport in VIEWPORTS
        for mode in MODES
    }
    for visit in visits.values():
        visit.page.add_init_script(WATCH_VIOLATIONS)
    # Where each visit's lists stood when it reached the page, so a report holds that page's findings only.
    counts = {key: _counts(visit) for key, visit in visits.items()}

    def read(key, visit: Visit, path: str) -> PageReport:
        report = _read(visit, path, counts[key], key in STYLE_COMPARED and path in style_pages)
        # What axe does is not the site's: it starts once the page's own findings are in.
        visit.page.evaluate(AXE_SCRIPT)
        visit.page.evaluate(START_AXE)
        return report

    def finish(key, visit: Visit, report: PageReport) -> PageReport:
        report.axe_violations = visit.page.evaluate(AXE_RESULTS)
        counts[key] = _counts(visit)
        return report

    try:
        return visit_together(visits, pages, read, finish)
    finally:
        for visit in visits.values():
            visit.page.context.close()


def _counts(visit: Visit) -> tuple[int, ...]:
    return tuple(len(found) for found in (visit.requests, *visit.problems.values()))


def _read(visit: Visit, path: str, counts: tuple[int, ...], with_styles: bool) -> PageReport:
    page = visit.page
    style_digests = style_digests_of(page) if with_styles else None
    requests_seen, *problems_seen = counts
    return PageReport(
        path=path,
        problems={kind: found[seen:] for (kind, found), seen in zip(visit.problems.items(), problems_seen)},
        requests=visit.requests[requests_seen:],
        csp_violations=page.evaluate("window.__violations"),
        has_policy=page.evaluate(HAS_POLICY),
        overflow=page.evaluate(OVERFLOW),
        header=page.evaluate(HEADER_BOXES),
        icon_fonts=page.evaluate(FONT_STATUSES),
        style_digests=style_digests,
    )
