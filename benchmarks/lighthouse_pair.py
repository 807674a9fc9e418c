"""One page of two builds (before and after a change), measured by Lighthouse in turns, on a phone.

    .venv/bin/python benchmarks/lighthouse_pair.py /tmp/before/html /tmp/after/html papers/index.html --runs 3 --cpu-slowdown 4 6

On a shared machine Lighthouse's scores move with the load; a run of the one build, then of the other, then
of the first again... leaves both builds under the same load, so their medians compare. Prints, for each build
and CPU slowdown, the medians of the performance score, first contentful paint, total blocking time and
the longest main-thread task (Lighthouse's ``long-tasks``), and what does not depend on the load: the bytes
over the wire, the requests in the page's ``<head>`` that first paint waits for (the page, its stylesheets
and the scripts neither deferred nor async), and the machine's load average over the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from html.parser import HTMLParser
from pathlib import Path

from lighthouse import LIGHTHOUSE, WORK_DIR, _run_with_retry, serve


class _HeadRequests(HTMLParser):
    """The stylesheets and blocking scripts a page's ``<head>`` asks for."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = True
        self.requests: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "body":
            self.in_head = False
        elif not self.in_head:
            return
        elif tag == "link" and "stylesheet" in (found.get("rel") or "").split() and found.get("href"):
            self.requests.append(found["href"])
        elif tag == "script" and found.get("src") and "defer" not in found and "async" not in found:
            self.requests.append(found["src"])


def blocking_requests(page: Path) -> list[str]:
    """What first paint waits for: the page itself, then its render-blocking requests."""
    parser = _HeadRequests()
    parser.feed(page.read_text(encoding="utf-8"))
    return [page.name, *(url.split("?")[0].rsplit("/", 1)[-1] for url in parser.requests)]


def _report_figures(report: Path) -> tuple[float, float]:
    """First contentful paint and the longest main-thread task of a Lighthouse report, in ms."""
    audits = json.loads(report.read_text(encoding="utf-8"))["audits"]
    tasks = audits["long-tasks"].get("details", {}).get("items", [])
    return audits["first-contentful-paint"]["numericValue"], max((task["duration"] for task in tasks), default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path, help="a built HTML folder")
    parser.add_argument("after", type=Path, help="another built HTML folder")
    parser.add_argument("page", help="the page, a path in both folders")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cpu-slowdown", type=float, nargs="+", default=[4])
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit("Lighthouse is not installed: npm ci --prefix benchmarks")
    WORK_DIR.mkdir(exist_ok=True)
    folders = {"before": args.before, "after": args.after}
    for label, folder in folders.items():
        print(f"{label}: {folder}; first paint waits for {', '.join(blocking_requests(folder / args.page))}")
    loads = [os.getloadavg()[0]]
    with serve(args.before) as before_url, serve(args.after) as after_url:
        urls = {"before": before_url, "after": after_url}
        for slowdown in args.cpu_slowdown:
            runs: dict[str, list] = {label: [] for label in folders}
            for number in range(args.runs):
                for label in folders:
                    page_name = args.page.removesuffix(".html").replace("/", "-")
                    report = WORK_DIR / f"pair-{page_name}-{label}-{slowdown:g}x-{number + 1}.json"
                    run = _run_with_retry(urls[label] + args.page, "mobile", report, slowdown)
                    if run is not None:
                        runs[label].append((run, *_report_figures(report)))
                    loads.append(os.getloadavg()[0])
                    print(".", end="", flush=True, file=sys.stderr)
            print(file=sys.stderr)
            for label, measured in runs.items():
                if not measured:
                    print(f"{label} {slowdown:g}x: no run finished")
                    continue
                print(
                    f"{label} {slowdown:g}x: perf {statistics.median(r.scores['performance'] for r, _, _ in measured):g}"
                    f" (runs {', '.join(str(round(r.scores['performance'])) for r, _, _ in measured)});"
                    f" FCP {statistics.median(fcp for _, fcp, _ in measured):.0f} ms; TBT {statistics.median(r.tbt_ms for r, _, _ in measured):.0f} ms;"
                    f" longest task {statistics.median(longest for _, _, longest in measured):.0f} ms;"
                    f" transfer {statistics.median(r.transfer_bytes for r, _, _ in measured) / 1000:.1f} KB"
                )
    print(f"load average (1 min) over the runs: {min(loads):.1f} to {max(loads):.1f}")


if __name__ == "__main__":
    main()
