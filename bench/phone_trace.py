"""Where a phone's repeat visit goes: a Chromium trace (CDP ``Tracing``) of the evening return, app against floor.

Usage: ``python -m bench.phone_trace [--runs 3] [--page '/recovery?treatment=eco2&start=today-2']``

The phone of ``bench.phone`` (390 px, slow 4G on HTTP and on the websocket, CPU 4× slower), both servers as
``make run`` serves them. Each run opens the page once (the HTTP cache fills), closes it, and traces a second visit
from navigation until the day's heading is on screen, then on until everything is drawn. The renderer's main thread
is cut into self time per kind of work, each event's own time without its children's, from navigation start to the
heading:

- **script, compile**: compiling and evaluating the page's code (``v8.compile``, ``EvaluateScript``,
  ``v8.evaluateModule``): on a repeat visit nothing is fetched, but the code still has to be taken in;
- **script, run**: everything else JavaScript runs (React drawing the elements, websocket messages decoded,
  timers, events), and garbage collection;
- **style**, **layout**, **paint** (paint, pre-paint, layers, compositing), **HTML** (parsing the page);
- **waiting**: the rest: the main thread idle, waiting for the network (the websocket's round trips on the slow
  link) or for the server's run.

Beside it: when the first websocket message from the server arrived, how many came before the heading, when the
first element was in the page, and the script time per bundle (the chart's code, Vega, is a bundle of its own).
Medians over the runs; the floor is ``bench/floor_app.py`` showing a "Day 2" heading.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from statistics import median
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from bench import report
from bench.browser import CHROMIUM, CHROMIUM_ARGS
from bench.link import Link
from bench.phone import (
    DEFAULT_PAGES,
    DRAWN_JS,
    DRAWN_WAIT_MS,
    FLOOR_URL,
    HEADING_JS,
    INIT_JS,
    PHONE_CONTEXT,
    PHONE_LINK,
    TIMEOUT_MS,
    Tap,
    dated,
    phone_user_agent,
)
from bench.servers import APP_SCRIPT, FLOOR_SCRIPT, Server, compress_static, free_port

CATEGORIES = (
    "devtools.timeline,v8,disabled-by-default-devtools.timeline,blink.user_timing,loading,"
    "disabled-by-default-v8.compile"
)
COMPILE = {
    "v8.compile",
    "v8.compileModule",
    "EvaluateScript",
    "v8.evaluateModule",
    "v8.produceCache",
    "v8.produceModuleCache",
    "CompileScript",
    "CompileCode",
}
STYLE = {"UpdateLayoutTree", "RecalculateStyles", "ParseAuthorStyleSheet", "ScheduleStyleRecalculation"}
LAYOUT = {"Layout", "UpdateLayerTree", "IntersectionObserverController::computeIntersections"}
PAINT = {
    "Paint",
    "PrePaint",
    "Layerize",
    "UpdateLayer",
    "CompositeLayers",
    "Commit",
    "PaintImage",
    "RasterTask",
    "Decode Image",
    "ImageDecodeTask",
}
HTML = {"ParseHTML"}
SCRIPT = {
    "FunctionCall",
    "TimerFire",
    "EventDispatch",
    "FireAnimationFrame",
    "v8.callFunction",
    "v8.run",
    "RunMicrotasks",
    "V8.GCScavenger",
    "MajorGC",
    "MinorGC",
    "V8.GC_MARK_COMPACTOR",
    "BlinkGC.AtomicPhase",
    "XHRReadyStateChange",
    "FireIdleCallback",
    "v8.execute",
    "GCEvent",
    "MinorGCEvent",
    "MajorGCEvent",
}
KINDS = ("script, compile", "script, run", "style", "layout", "paint", "HTML", "waiting")
# When the first element is in the page and when each websocket message arrived, in the page's clock (installed
# with bench.phone's observers).
FIRST_ELEMENT_JS = """(() => {
  const b = window.__trace = {messages: []};
  const Socket = window.WebSocket;  // each message from the server, in the page's clock
  window.WebSocket = class extends Socket {
    constructor(...args) { super(...args); this.addEventListener('message', () => b.messages.push(performance.now())); }
  };
  const look = () => document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]')
    ? b.element = performance.now() : requestAnimationFrame(look);
  requestAnimationFrame(look);
})()"""


def kind_of(name: str) -> str | None:
    """The kind of work an event of the main thread is (None: a container whose time goes to its children)."""
    for kind, names in (
        ("script, compile", COMPILE),
        ("style", STYLE),
        ("layout", LAYOUT),
        ("paint", PAINT),
        ("HTML", HTML),
        ("script, run", SCRIPT),
    ):
        if name in names:
            return kind
    return None


def self_times(events: Sequence[dict[str, Any]], start_us: float, end_us: float) -> dict[str, float]:
    """Seconds of self time per kind of work on one thread between two timestamps: each complete event's duration
    without the events nested in it, clipped to the window; time in no known event is 'waiting'."""
    spans = sorted((e for e in events if e.get("ph") == "X" and "dur" in e), key=lambda e: (e["ts"], -e["dur"]))
    out: dict[str, float] = defaultdict(float)
    stack: list[tuple[float, str | None]] = []  # (end, kind) of open events
    cursor = start_us

    def spend(until: float) -> None:
        nonlocal cursor
        until = min(until, end_us)
        if until <= cursor:
            return
        kind = next((k for _end, k in reversed(stack) if k is not None), "waiting") if stack else "waiting"
        out[kind] += (until - cursor) / 1e6
        cursor = until

    for e in spans:
        ts, end = float(e["ts"]), float(e["ts"]) + float(e["dur"])
        while stack and stack[-1][0] <= ts:
            spend(stack[-1][0])
            stack.pop()
        spend(ts)
        stack.append((end, kind_of(e["name"])))
    while stack:
        spend(stack[-1][0])
        stack.pop()
    spend(end_us)
    return dict(out)


def script_by_bundle(events: Sequence[dict[str, Any]], start_us: float, end_us: float) -> dict[str, float]:
    """Seconds of top-level script (compile and run) per bundle, named without its hash: where the code's time goes."""
    out: dict[str, float] = defaultdict(float)
    for e in events:
        if e.get("ph") != "X" or e["name"] not in {
            "EvaluateScript",
            "FunctionCall",
            "v8.compile",
            "v8.evaluateModule",
            "CompileScript",
        }:
            continue
        ts = float(e["ts"])
        if not start_us <= ts <= end_us:
            continue
        data = e.get("args", {}).get("data", {}) or {}
        url = data.get("url") or data.get("fileName") or e.get("args", {}).get("fileName") or ""
        name = re.sub(r"\.[0-9a-zA-Z_-]{6,}\.js$", ".js", url.rsplit("/", 1)[-1]) or "(inline)"
        out[name] += float(e["dur"]) / 1e6
    return dict(out)


@dataclass
class Trace:
    """One traced repeat visit."""

    heading_s: float
    drawn_s: float
    first_element_s: float
    first_message_s: float
    messages_before_heading: int
    kinds: dict[str, float]
    bundles: dict[str, float]
    after_kinds: dict[str, float]  # from the heading until everything is drawn
    after_bundles: dict[str, float]


@dataclass
class Side:
    """Every traced visit of one server."""

    traces: list[Trace] = field(default_factory=list)


def trace_visit(browser: Browser, link: Link, url: str) -> Trace:
    """A first visit to fill the cache, then the traced repeat visit in the same context."""
    context = browser.new_context(**PHONE_CONTEXT, user_agent=phone_user_agent(browser.version))
    try:
        context.add_init_script(INIT_JS)
        context.add_init_script(FIRST_ELEMENT_JS)
        first = context.new_page()
        Tap.attach(context, first)
        first.goto(link.url + url, wait_until="commit", timeout=TIMEOUT_MS)
        first.wait_for_function(DRAWN_JS, timeout=DRAWN_WAIT_MS)
        first.wait_for_timeout(1500)  # the lazy chunks in the cache
        first.close()
        page = context.new_page()
        tap = Tap.attach(context, page)
        cdp = tap.cdp
        events: list[dict[str, Any]] = []
        cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
        done: list[bool] = []
        cdp.on("Tracing.tracingComplete", lambda _e: done.append(True))
        cdp.send(
            "Tracing.start",
            {
                "transferMode": "ReportEvents",
                "traceConfig": {"recordMode": "recordAsMuchAsPossible", "includedCategories": CATEGORIES.split(",")},
            },
        )
        page.goto(link.url + url, wait_until="commit", timeout=TIMEOUT_MS)
        heading_ms = float(page.wait_for_function(HEADING_JS, timeout=DRAWN_WAIT_MS).json_value())
        drawn_ms = float(page.wait_for_function(DRAWN_JS, timeout=DRAWN_WAIT_MS).json_value())
        element_ms = float(page.evaluate("() => window.__trace.element ?? NaN"))
        messages = [float(t) / 1000 for t in page.evaluate("() => window.__trace.messages")]
        cdp.send("Tracing.end")
        while not done:
            page.wait_for_timeout(100)
        return summarise(events, messages, heading_ms, drawn_ms, element_ms, url.split("?", 1)[0])
    finally:
        context.close()


def navigation_start(events: Sequence[dict[str, Any]], path: str) -> float:
    """The trace's timestamp of the page's own navigation (the page's clock starts there): the main frame's
    navigationStart for the address, not an earlier about:blank or a frame inside the page."""
    starts = [
        float(e["ts"])
        for e in events
        if e["name"] == "navigationStart"
        and (e.get("args", {}).get("data") or {}).get("isLoadingMainFrame")
        and path in (e.get("args", {}).get("data") or {}).get("documentLoaderURL", "")
    ]
    if not starts:
        raise RuntimeError(f"no navigation to {path} in the trace")
    return starts[-1]


def summarise(
    events: list[dict[str, Any]],
    messages: list[float],
    heading_ms: float,
    drawn_ms: float,
    element_ms: float,
    path: str,
) -> Trace:
    """The renderer's main thread from navigation start to the heading, and from the heading until everything is
    drawn, cut by kind of work (`messages`: when each websocket message arrived, seconds after navigation)."""
    main = _main_thread(events)
    on_main = [e for e in events if (e.get("pid"), e.get("tid")) == main]
    start_us = navigation_start(events, path)
    end_us = start_us + heading_ms * 1000
    drawn_us = start_us + drawn_ms * 1000
    return Trace(
        heading_ms / 1000,
        drawn_ms / 1000,
        element_ms / 1000,
        messages[0] if messages else float("nan"),
        sum(1 for t in messages if t <= heading_ms / 1000),
        self_times(on_main, start_us, end_us),
        script_by_bundle(on_main, start_us, end_us),
        self_times(on_main, end_us, drawn_us),
        script_by_bundle(on_main, end_us, drawn_us),
    )


def _main_thread(events: Sequence[dict[str, Any]]) -> tuple[int, int]:
    """The renderer's main thread of the traced page (the busiest CrRendererMain)."""
    names = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("ph") == "M" and e["name"] == "thread_name" and e["args"].get("name") == "CrRendererMain"
    }
    busy: dict[tuple[int, int], float] = defaultdict(float)
    for e in events:
        key = (e.get("pid"), e.get("tid"))
        if key in names and e.get("ph") == "X":
            busy[key] += float(e.get("dur", 0))  # type: ignore[index]
    return max(busy, key=busy.__getitem__)  # type: ignore[arg-type]


def _median(values: Sequence[float]) -> float:
    values = [v for v in values if v == v]
    return median(values) if values else float("nan")


def render(app: Side, floor: Side, url: str, runs: int) -> str:
    """The report: the repeat visit's main thread by kind of work, app against floor, and the bundles."""
    lines = [
        f"`python -m bench.phone_trace --runs {runs} --page '{url}'` (load average at start "
        f"{' / '.join(f'{v:.2f}' for v in os.getloadavg())}); repeat visits, medians of {runs} traced runs.",
        "",
        "| until the day's heading is on screen | app s | floor s | app − floor s |",
        "|---|---|---|---|",
    ]

    def row(label: str, a: float, f: float) -> None:
        lines.append(f"| {label} | {a:.2f} | {f:.2f} | {a - f:+.2f} |")

    row(
        "**the day's heading on screen**",
        _median([t.heading_s for t in app.traces]),
        _median([t.heading_s for t in floor.traces]),
    )
    for kind in KINDS:
        row(
            f"main thread: {kind}",
            _median([t.kinds.get(kind, 0.0) for t in app.traces]),
            _median([t.kinds.get(kind, 0.0) for t in floor.traces]),
        )
    row(
        "first websocket message from the server",
        _median([t.first_message_s for t in app.traces]),
        _median([t.first_message_s for t in floor.traces]),
    )
    row(
        "first element in the page",
        _median([t.first_element_s for t in app.traces]),
        _median([t.first_element_s for t in floor.traces]),
    )
    row("everything drawn", _median([t.drawn_s for t in app.traces]), _median([t.drawn_s for t in floor.traces]))
    counts = [_median([t.messages_before_heading for t in side.traces]) for side in (app, floor)]
    lines.append(f"| websocket messages before the heading | {counts[0]:.0f} | {counts[1]:.0f} | |")
    lines += [
        "",
        "Script time (compile and run, top level) until the heading, by bundle, the app's largest:",
        "",
        "| bundle | app s | floor s |",
        "|---|---|---|",
    ]
    names = sorted(
        {n for t in app.traces for n in t.bundles}, key=lambda n: -_median([t.bundles.get(n, 0.0) for t in app.traces])
    )[:8]
    for name in names:
        lines.append(
            f"| `{name}` | {_median([t.bundles.get(name, 0.0) for t in app.traces]):.2f} | "
            f"{_median([t.bundles.get(name, 0.0) for t in floor.traces]):.2f} |"
        )
    lines += [
        "",
        "The app after its heading, until everything is drawn (the floor has nothing left to draw):",
        "",
        "| main thread | s |",
        "|---|---|",
    ]
    for kind in KINDS:
        lines.append(f"| {kind} | {_median([t.after_kinds.get(kind, 0.0) for t in app.traces]):.2f} |")
    names = sorted(
        {n for t in app.traces for n in t.after_bundles},
        key=lambda n: -_median([t.after_bundles.get(n, 0.0) for t in app.traces]),
    )[:6]
    lines += ["", "| bundle, after the heading | s |", "|---|---|"]
    lines += [f"| `{n}` | {_median([t.after_bundles.get(n, 0.0) for t in app.traces]):.2f} |" for n in names]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", default=DEFAULT_PAGES[0], help="URL path with query (start=today-N allowed)")
    parser.add_argument("--app", default=str(APP_SCRIPT))
    parser.add_argument("--output", type=Path, default=report.DOC_PATH, help="markdown file to update")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    compress_static()
    app, floor = Side(), Side()
    url = dated(args.page, date.today())
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, ExitStack() as stack, sync_playwright() as pw:
        links = []
        for script, role in ((args.app, "app"), (FLOOR_SCRIPT, "floor")):
            server = stack.enter_context(Server(script, free_port(), Path(tmp) / f"{role}.log"))
            links.append(stack.enter_context(Link(server.port, PHONE_LINK)))
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for run in range(args.runs):
                app.traces.append(trace_visit(browser, links[0], url))
                floor.traces.append(trace_visit(browser, links[1], FLOOR_URL))
                print(
                    f"run {run + 1}: app heading {app.traces[-1].heading_s:.2f} s, floor "
                    f"{floor.traces[-1].heading_s:.2f} s",
                    flush=True,
                )
                print(json.dumps({"app": app.traces[-1].kinds, "floor": floor.traces[-1].kinds}), flush=True)
        finally:
            browser.close()
    body = render(app, floor, args.page, args.runs)
    print(body)
    if not args.no_write:
        report.write_section("phone_trace", body, args.output)


if __name__ == "__main__":
    main()
