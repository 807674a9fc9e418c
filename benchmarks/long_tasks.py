"""Main-thread long tasks while a page loads in Chromium: a blocking time without Lighthouse.

    .venv/bin/python benchmarks/long_tasks.py _build/html papers/index.html --runs 3 --cpu-slowdown 1

For pages too heavy for Lighthouse on a loaded machine (its DevTools protocol times out), such as a papers page
of 1,000 entries. A 412x823 phone at 1.75x (Lighthouse's), the site served gzip-compressed from 127.0.0.1, the
CPU slowed by ``--cpu-slowdown`` (Chromium's own throttling, not Lighthouse's model). Prints, per run, the sum
of each long task's time past 50 ms after first contentful paint (what Lighthouse calls total blocking time),
the number of long tasks and the longest, the main thread's time in style recalculation, layout and script until
the page settled (Chromium's own counters, ``Performance.getMetrics``), then the medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "tests"))

from browser.compressed_server import serve  # noqa: E402 - after the path insert
from conftest import CHROMIUM_FLAGS  # noqa: E402

# Installed before the page's own scripts: long tasks are only reported to an observer that exists.
_OBSERVE = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) window.__longTasks.push([task.startTime, task.duration]);
}).observe({type: "longtask", buffered: true});
"""
_FIRST_PAINT = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime || 0"


#: Chromium's counters of main-thread time (seconds), as (name printed, name in ``Performance.getMetrics``).
_COSTS = (("style", "RecalcStyleDuration"), ("layout", "LayoutDuration"), ("script", "ScriptDuration"))


def blocking(
    folder: Path, page: str, slowdown: float, runs: int, settle_ms: int = 3000
) -> list[tuple[int, int, int, dict[str, int]]]:
    """(blocking ms after first paint, long tasks, longest ms, {style, layout, script: ms}) of each run."""
    results = []
    with serve(folder) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True)
            tab = context.new_page()
            tab.add_init_script(_OBSERVE)
            session = context.new_cdp_session(tab)
            session.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            session.send("Performance.enable")
            tab.goto(base_url + page, wait_until="load", timeout=300_000)
            tab.wait_for_timeout(settle_ms)
            tasks = tab.evaluate("window.__longTasks")
            first_paint = tab.evaluate(_FIRST_PAINT)
            metrics = {metric["name"]: metric["value"] for metric in session.send("Performance.getMetrics")["metrics"]}
            costs = {name: round(metrics.get(counter, 0) * 1000) for name, counter in _COSTS}
            total = sum(duration - 50 for start, duration in tasks if start >= first_paint)
            results.append((round(total), len(tasks), round(max((duration for _, duration in tasks), default=0)), costs))
            context.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a built HTML folder")
    parser.add_argument("page", help="the page, a path in the folder")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cpu-slowdown", type=float, default=1)
    args = parser.parse_args()
    results = blocking(args.folder, args.page, args.cpu_slowdown, args.runs)
    for total, count, longest, costs in results:
        spent = ", ".join(f"{name} {milliseconds} ms" for name, milliseconds in costs.items())
        print(f"blocking {total} ms after first paint; {count} long tasks, the longest {longest} ms; {spent}")
    print(f"median blocking: {statistics.median(total for total, _, _, _ in results):.0f} ms")
    for name, _ in _COSTS:
        print(f"median {name}: {statistics.median(costs[name] for _, _, _, costs in results):.0f} ms")


if __name__ == "__main__":
    main()
