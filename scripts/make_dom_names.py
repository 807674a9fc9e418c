"""Write ``src/sphinx_academic_homepage/dom_names.txt``: the names an element ``id`` must not take in user HTML.

A page's scripts read properties of ``document`` (``document.cookie``, ``document.body``...) and of forms
(``form.action``, ``form.submit``); an element whose ``id`` or ``name`` is one of those names can stand in
for the real property in some browsers ("DOM clobbering"). The list is what Chromium itself reports: every
property name reachable from ``document`` and from an ``HTMLFormElement``, prototypes included, so it
follows the browser rather than a list typed by hand. Run it again when Chromium grows new properties:

    python scripts/make_dom_names.py            # uses /usr/bin/chromium through Playwright
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "sphinx_academic_homepage" / "dom_names.txt"

COLLECT = """() => {
  const names = new Set();
  for (let object of [document, document.createElement('form')]) {
    for (; object; object = Object.getPrototypeOf(object)) {
      for (const name of Object.getOwnPropertyNames(object)) names.add(name.toLowerCase());
    }
  }
  return [...names].sort();
}"""


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        names = browser.new_page().evaluate(COLLECT)
        version = browser.version
        browser.close()
    header = f"# Property names of document and HTMLFormElement in Chromium {version} (scripts/make_dom_names.py)\n"
    OUTPUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names written to {OUTPUT}")


if __name__ == "__main__":
    main()
