"""One visit of every page of the real site, with everything the checks read.

Loading the pages of the site takes most of a browser test's time, and each check (a clean load, the
Content-Security-Policy, the layout, axe, the trimmed stylesheets) needs only a look at the loaded page. So
each page is loaded once per viewport and mode it is checked in, the tabs side by side (their network waits
overlap), and what every check needs is collected in that visit; the tests assert on the collected
:class:`PageReport`.

Which viewports and modes a page is visited in depends on its kind (:func:`kind_pages`). What a viewport or a
colour mode changes is the template's stylesheets and scripts, so every kind of page (each top-level page,
each folder's index, and the first page of each folder of pages made from one template, like the paper pages)
is visited in both viewports and both modes. The folder's other pages differ from that first one only in
their data: each is visited once, on a laptop in light mode, where every check still reads it (axe sees
its words, links and images, the clean load its requests), and its width is measured once more at the
phone's width in the same tab, since a long word of its data is what could make it scroll sideways there.
That they load the very stylesheets and scripts of their folder's first page, which is checked in all four,
is checked on their HTML without a browser (``test_clean_load.py``).
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


def style_digests_of(page, settled: bool = False) -> list[str]:
    """``STYLE_DIGESTS`` of the page; unless it is ``settled`` (:func:`settle`: the network quiet for half a second
    since the page's scripts ran, nothing clicked), after a pause for the theme's scripts to finish what a click
    started."""
    if not settled:
        page.wait_for_timeout(300)
    return page.evaluate(STYLE_DIGESTS)


def kind_pages(site_pages: list[str]) -> tuple[list[str], list[str]]:
    """``(kinds, same_template)``: a page of each kind (every top-level page and folder index, the first other
    page of each folder), and the folders' other pages, made from the template of their folder's first page."""
    kinds, same_template, folders = [], [], set()
    for page in site_pages:
        folder, _, name = page.rpartition("/")
        if not folder or name == "index.html":
            kinds.append(page)
        elif folder not in folders:
            folders.add(folder)
            kinds.append(page)
        else:
            same_template.append(page)
    return kinds, same_template


def style_compared_pages(site_pages: list[str]) -> list[str]:
    """The pages whose styles are compared trimmed and untrimmed: a page of each kind (:func:`kind_pages`)."""
    return kind_pages(site_pages)[0]


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
    #: axe-core's violations, run as ``AXE_RUNS`` says for the visit's viewport and mode (``None``: not run there).
    axe_violations: list[dict] | None = None
    #: ``overflow`` at the phone's width, for a page visited on a laptop only (:func:`survey`).
    phone_overflow: int | None = None


def settle(page) -> None:
    """Wait until the page is done: network quiet (late fonts, deferred scripts, lazy images are part of the
    page too), web fonts (the icon font) in, and the theme's scripts finished."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")


def visit_together(
    visits: dict, pages: list[str], read: Callable[[object, Visit, str], object], finish: Callable | None = None
) -> dict:
    """``{key: {path: what}}`` for every page in ``pages`` and every tab in ``visits``, the tabs on each page
    together (:func:`visit_in_rounds`)."""
    return visit_in_rounds(visits, [dict.fromkeys(visits, path) for path in pages], read, finish)


def visit_in_rounds(
    visits: dict, rounds: list[dict], read: Callable[[object, Visit, str], object], finish: Callable | None = None
) -> dict:
    """``{key: {path: what}}`` for every ``{key: path}`` of ``rounds``: in each round, the tab ``visits[key]``
    goes to its ``path``.

    The tabs of a round go to their pages together, so their network waits overlap. Once a tab has settled,
    ``read(key, visit, path)`` reads it; with ``finish``, ``what`` is ``finish(key, visit, read's result)``,
    called when every tab of the round has been read: work ``read`` starts in the page runs in all tabs at once
    (a renderer each).
    """
    found: dict = {key: {} for key in visits}
    for paths in rounds:
        for key, path in paths.items():
            response = visits[key].page.goto(visits[key].base_url + path, wait_until="commit")
            assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        for key, path in paths.items():
            settle(visits[key].page)
            found[key][path] = read(key, visits[key], path)
        if finish is not None:
            for key, path in paths.items():
                found[key][path] = finish(key, visits[key], found[key][path])
    return found


#: axe-core, put into a page and started there with its options; ``AXE_RESULTS`` waits for its violations.
AXE_SCRIPT = Axe().axe_script
START_AXE = """(options) => { window.__axe = axe.run(document, {resultTypes: ["violations"], ...options}); }"""
AXE_RESULTS = "window.__axe.then((results) => results.violations)"

#: The viewports and modes axe runs in, and the options it runs with there. Every rule on by default in both
#: modes on a laptop. At the phone's width, in one mode, what the width changes: which elements are shown
#: (the menu button, the sidebar's drawer: every rule but one sees them), the size of what a finger taps
#: (``target-size``, WCAG 2.2's 2.5.8, off by default) and regions that scroll sideways. Colour contrast
#: does not change with the width and is most of axe's time: it is left to the laptop.
AXE_RUNS = {
    ("wide", "light"): {},
    ("wide", "dark"): {},
    ("phone", "light"): {"rules": {"color-contrast": {"enabled": False}, "target-size": {"enabled": True}}},
}


#: How many laptop tabs (light mode) visit the pages that share their folder's template, each its own page.
SAME_TEMPLATE_TABS = 4


def survey(browser, base_url: str, pages: list[str]) -> dict[tuple[str, str], dict[str, PageReport]]:
    """Every page in ``pages`` visited: ``{(viewport, mode): {path: report}}``.

    A page of each kind (:func:`kind_pages`) is visited in each viewport and mode; the others, which share
    their folder's template, on a laptop in light mode only (their reports also measure the phone's width).
    """
    kinds, same_template = kind_pages(pages)
    every_way = [(viewport, mode) for viewport in VIEWPORTS for mode in MODES]
    laptop = [("wide", "light"), *(("wide", "light", number) for number in range(1, SAME_TEMPLATE_TABS))]
    visits = {
        key: open_visit(browser, base_url, *key[:2], reduced_motion="reduce") for key in [*every_way, *laptop[1:]]
    }
    for visit in visits.values():
        visit.page.add_init_script(WATCH_VIOLATIONS)
    rounds = [dict.fromkeys(every_way, path) for path in kinds]
    rounds += [
        dict(zip(laptop, same_template[start : start + len(laptop)]))
        for start in range(0, len(same_template), len(laptop))
    ]
    # Where each visit's lists stood when it reached the page, so a report holds that page's findings only.
    counts = {key: _counts(visit) for key, visit in visits.items()}

    def read(key, visit: Visit, path: str) -> PageReport:
        report = _read(visit, path, counts[key], key in STYLE_COMPARED and path in kinds)
        if path in same_template:
            report.phone_overflow = _overflow_at(visit.page, "phone")
        if key[:2] in AXE_RUNS:
            # What axe does is not the site's: it starts once the page's own findings are in.
            visit.page.evaluate(AXE_SCRIPT)
            visit.page.evaluate(START_AXE, AXE_RUNS[key[:2]])
        return report

    def finish(key, visit: Visit, report: PageReport) -> PageReport:
        if key[:2] in AXE_RUNS:
            report.axe_violations = visit.page.evaluate(AXE_RESULTS)
        counts[key] = _counts(visit)
        return report

    try:
        found = visit_in_rounds(visits, rounds, read, finish)
    finally:
        for visit in visits.values():
            visit.page.context.close()
    reports = {key: found[key] for key in every_way}
    for key in laptop[1:]:
        reports["wide", "light"].update(found[key])
    return reports


def _overflow_at(page, viewport: str) -> int:
    """``OVERFLOW`` with the tab resized to ``viewport``'s width and height, then put back as it was."""
    before = page.viewport_size
    page.set_viewport_size(VIEWPORTS[viewport]["viewport"])
    try:
        return page.evaluate(OVERFLOW)
    finally:
        page.set_viewport_size(before)


def _counts(visit: Visit) -> tuple[int, ...]:
    return tuple(len(found) for found in (visit.requests, *visit.problems.values()))


def _read(visit: Visit, path: str, counts: tuple[int, ...], with_styles: bool) -> PageReport:
    page = visit.page
    style_digests = style_digests_of(page, settled=True) if with_styles else None
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
