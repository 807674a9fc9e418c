"""Style and layout that a page's scripts force while it loads, with the script line that forced each.

    .venv/bin/python benchmarks/forced_layouts.py _build/html papers/index.html --cpu-slowdown 4

A script that reads a size or a position (``getBoundingClientRect``, ``scrollY``, ``scrollWidth``...) while the
page is not laid out makes the browser do its style and layout there and then, inside the script's task: one
long task where there would have been two shorter ones. Loads the page once in Chromium (a 412x823 phone at
1.75x, the site served gzip-compressed from 127.0.0.1, the CPU slowed by Chromium's own throttling) with a
trace, and prints each style recalculation or layout of more than 2 ms that has a script on its stack. None
printed: no script forced one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "tests"))

from browser.compressed_server import serve  # noqa: E402 - after the path insert
from conftest import CHROMIUM_FLAGS  # noqa: E402

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "disabled-by-default-devtools.timeline.stack"]


def forced(folder: Path, page: str, slowdown: float, settle_ms: int = 2000) -> list[tuple[str, float, list[str]]]:
    """(event, ms, the script frames on its stack) of each forced style recalculation or layout."""
    with serve(folder) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True)
        tab = context.new_page()
        context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        browser.start_tracing(page=tab, categories=CATEGORIES)
        tab.goto(base_url + page, wait_until="load", timeout=300_000)
        tab.wait_for_timeout(settle_ms)
        events = json.loads(browser.stop_tracing())["traceEvents"]
        browser.close()
    found = []
    for event in events:
        if event.get("name") not in ("Layout", "UpdateLayoutTree") or event.get("dur", 0) < 2000:
            continue
        args = event.get("args", {})
        stack = (args.get("beginData") or {}).get("stackTrace") or (args.get("data") or {}).get("stackTrace") or []
        # Only the page's own scripts (served from the local server), not the browser's.
        frames = [
            f"{frame.get('functionName') or '(top)'} {frame['url'].rsplit('/', 1)[-1].split('?')[0]}:{frame.get('lineNumber', 0) + 1}"
            for frame in stack
            if frame.get("url", "").startswith(base_url)
        ]
        if frames:
            found.append((event["name"], event["dur"] / 1000, frames))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a built HTML folder")
    parser.add_argument("page", help="the page, a path in the folder")
    parser.add_argument("--cpu-slowdown", type=float, default=4)
    args = parser.parse_args()
    found = forced(args.folder, args.page, args.cpu_slowdown)
    for name, ms, frames in found:
        print(f"{name} {ms:.0f} ms, forced by {' < '.join(frames[:4])}")
    print(f"{len(found)} forced style or layout step(s) of more than 2 ms")


if __name__ == "__main__":
    main()
