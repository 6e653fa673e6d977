"""Measured like a phone: headless Chromium at 390×844 (DPR 3, touch, mobile user agent) on an emulated slow 4G link
(150 ms latency, 1.6 Mbit/s down, 750 kbit/s up) with the CPU slowed 4×, the app against the empty floor page.

Usage: ``python -m bench.phone [--runs 3] [--steps 3] [--pages /recovery?... / /collagen] [--compare-off]
[--via-nginx]``

Ways of serving: as ``make run`` does (always); ``--compare-off``: plain Streamlit, nothing compressed;
``--via-nginx``: as ``deploy/`` does, nginx with ``deploy/nginx.conf`` (gzip, and brotli where this machine's nginx
has the module) in front of each server.

For each page and run, in a new browser context (an empty HTTP cache):

- **first load**: navigation start until the first script run has finished: ``data-test-script-state`` (on
  ``stApp``) turning ``notRunning`` with the main block drawn, seen by a MutationObserver installed before the
  page's own scripts, in the page's clock (``performance.now()``, 0 = navigation start);
- **the day on screen** (both loads, the evening return's measure): the first animation frame after a "Day N"
  heading (``<h2>``, as the day view draws it) is in the page; the floor page shows one too, so both are timed to
  the same thing;
- **repeat visit**: the same in a new page of the same context (HTTP cache warm, the first page closed);
- **all drawn** (both loads): the first animation frame after that where the app is idle, no element still waits
  for its lazily loaded code (Streamlit draws a ``stSkeleton`` meanwhile) and every chart has its canvas or SVG:
  on a slow phone this comes seconds after the first run's end; the steps start only then;
- **day step** (pages under /recovery): the button "Next day" tapped, from the tap's ``pointerdown`` to the first
  animation frame where the day heading has changed and the run has finished; the floor's counterpart is a rerun
  with Streamlit's ``r`` key, from its ``keydown``;
- **the chart after a scroll** (/recovery, whose chart waits until its place comes near the screen): after the
  steps, a scroll to the chart's place, until the chart has its canvas or SVG; then the same steps again with the
  chart drawn (the button scrolled back into view by the tap).

The network: CDP ``Network.emulateNetworkConditions`` and ``Emulation.setCPUThrottlingRate`` on each page.
Chromium's emulation does not slow WebSocket frames (checked: a 1 s latency left the floor's rerun at 40 ms), so the
browser reaches each server through ``bench/link.py``, a loopback relay that gives the websocket connection the
same link (half the round trip each way, the same throughput) and passes everything else untouched.

Bytes fetched: the sum of ``encodedDataLength`` of CDP ``Network.loadingFinished`` (bytes on the wire, headers
included) from navigation until the network has been quiet for a second. Websocket bytes per step: the payloads
of the frames received (CDP ``Network.webSocketFrameReceived``; with permessage-deflate Chromium reports them
decompressed), and the bytes the relay carried from the server meanwhile (framing and compression included). The
same frames deflated again in order with the server's settings (uvicorn: the negotiated window, memLevel 5, context
kept between messages), plus their headers, give an estimate, printed beside the count as a check. The floor
(``bench/floor_app.py``) is served like the app (``serve.py``) and measured after each app page of each run, so
drift hits both alike.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from statistics import median
from typing import Any

from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bench import report
from bench.browser import CHROMIUM, CHROMIUM_ARGS
from bench.link import Link, Shape
from bench.proxy import NGINX_CONF, brotli_available, ensure_nginx, local_config, start_nginx
from bench.servers import APP_SCRIPT, FLOOR_SCRIPT, Server, compress_static, free_port, wait_healthy

# The evening return: a patient two days after treatment opens their link (``start=today-N`` becomes a date).
DEFAULT_PAGES = ("/recovery?treatment=eco2&start=today-2", "/", "/collagen")
FLOOR_URL = "/?day=2"
STEP_PATH = "/recovery"
PHONE_CONTEXT: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
LATENCY_MS, DOWN_BPS, UP_BPS = 150, 200_000, 93_750  # slow 4G: 1.6 Mbit/s down, 750 kbit/s up
SLOW_4G = {"offline": False, "latency": LATENCY_MS, "downloadThroughput": DOWN_BPS, "uploadThroughput": UP_BPS}
CPU_SLOWDOWN = 4
# The same link for the websocket, which Chromium's emulation leaves alone (bench/link.py): CDP's latency is from
# request sent to response received, so it is the round trip.
PHONE_LINK = Shape(LATENCY_MS / 1000, DOWN_BPS, UP_BPS)
TIMEOUT_MS = 120_000
QUIET_S = 1.0  # the network counts as quiet after this long without a request in flight
SETTLE_MAX_S = 60.0
# uvicorn's permessage-deflate (Streamlit's server): memLevel 5; the window comes from the handshake.
SERVER_MEM_LEVEL = 5
# The evening return's goals: the day's heading on screen against the floor's, on a repeat and a first visit;
# everything drawn soon after it; a day step.
GOAL_REPEAT_RATIO, GOAL_FIRST_RATIO, GOAL_DRAWN_AFTER_S, GOAL_STEP_S = 1.3, 1.2, 1.0, 0.4

CHART_BOX = ", ".join(f'[data-testid="{i}"]' for i in ("stPlotlyChart", "stVegaLiteChart", "stArrowVegaLiteChart"))
DRAWN_WAIT_MS = 60_000
DRAWN_JS = "() => window.__phone.drawn ?? false"
CONTENT_JS = """() => (document.querySelector('[data-testid="stMainBlockContainer"]')
  ?.innerText.trim().length ?? 0) > 0"""
# A run has finished when the state goes to notRunning with the page's content drawn: from running, or straight
# from initial or rerunRequested when the run was too quick for React to show "running" (the floor's often is).
FINISHED_JS = "x => x.to === 'notRunning' && x.from !== 'notRunning' && x.content"
# Installed before any script of the page: records every change of the run state and every input's time.
INIT_JS = f"""(() => {{
  if (window.__phone) return;
  const HEADING = /^(Day|Día) [0-9]+/;
  const b = window.__phone = {{transitions: [], inputs: []}};
  const content = {CONTENT_JS};
  new MutationObserver(records => {{
    for (const r of records) {{
      const to = r.target.getAttribute(r.attributeName);
      b.transitions.push({{t: performance.now(), from: r.oldValue, to, content: content()}});
    }}
  }}).observe(document, {{subtree: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state']}});
  // The first frame where the app is idle with its content drawn, no element waits for its lazily loaded code
  // (Streamlit shows a stSkeleton meanwhile) and every chart has drawn its canvas or SVG.
  const idle = () => document.querySelector('[data-test-script-state]')?.dataset.testScriptState === 'notRunning';
  const drawn = () => idle() && content() && !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll({json.dumps(CHART_BOX)})].every(box => box.querySelector('canvas, svg'));
  const look = () => drawn() ? b.drawn = performance.now() : requestAnimationFrame(look);
  requestAnimationFrame(look);
  // The day's heading on screen: the first frame after a "Day N" (or "Día N") heading is in the page, which the
  // browser then paints (the floor's page shows one too, bench/floor_app.py).
  const heading = () => [...document.querySelectorAll('h2')].some(h => HEADING.test(h.innerText.trim()));
  const seen = () => {{
    if (b.heading !== undefined) return;
    if (heading()) {{ b.heading = null; requestAnimationFrame(() => b.heading = performance.now()); }}
  }};
  new MutationObserver(seen).observe(document, {{subtree: true, childList: true, characterData: true}});
  addEventListener('pointerdown', e => b.inputs.push(e.timeStamp), true);
  addEventListener('keydown', e => b.inputs.push(e.timeStamp), true);
}})()"""
HEADING_JS = "() => window.__phone.heading || false"
# A chart waiting for its place to come near the screen (the day view's chart slot, an inline component in a shadow
# root), and the first frame after a scroll to it where the chart has its canvas or SVG (ms after the scroll).
SLOT_JS = """() => [...document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')]
  .find(e => e.shadowRoot?.querySelector('.slot')) ?? null"""
SCROLL_TO_SLOT_JS = f"() => {{ const t = performance.now(); ({SLOT_JS})().scrollIntoView(); return t; }}"
CHART_ON_JS = f"""(t0) => [...document.querySelectorAll({json.dumps(CHART_BOX)})]
  .some(box => box.querySelector('canvas, svg')) && !({SLOT_JS})() ? performance.now() - t0 : false"""
DAY_HEADING_JS = """() => [...document.querySelectorAll('h2')].map(h => h.innerText.trim())
  .find(t => t.startsWith('Day ')) ?? null"""
FIRST_RUN_JS = f"""() => {{
  const b = window.__phone, x = b?.transitions.find({FINISHED_JS});
  if (x) return x.t;
  // Idle before the content was drawn (a very quick first run): the first frame where both hold.
  const last = b?.transitions.at(-1);
  return last?.to === 'notRunning' && ({CONTENT_JS})() ? performance.now() : false;
}}"""
STEP_DONE_JS = f"""([n, before]) => {{
  const b = window.__phone, t0 = b.inputs[n];
  if (t0 === undefined) return false;
  if (!b.transitions.some(x => x.t >= t0 && ({FINISHED_JS})(x))) return false;
  if (before !== null && ({DAY_HEADING_JS})() === before) return false;
  return performance.now() - t0;
}}"""


def phone_user_agent(version: str) -> str:
    """A Chrome-on-Android user agent for this Chromium's version."""
    major = version.split(".", 1)[0]
    return (f"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{major}.0.0.0 Mobile Safari/537.36")  # fmt: skip


def deflate_window(extensions: str) -> int | None:
    """The server's deflate window (bits) from a ``Sec-WebSocket-Extensions`` answer; None when not deflated."""
    if "permessage-deflate" not in extensions:
        return None
    found = re.search(r"server_max_window_bits=(\d+)", extensions)
    return int(found.group(1)) if found else 15


def frame_header(length: int) -> int:
    """Bytes of an unmasked (server to client) websocket frame header for a payload of this length."""
    return 2 if length < 126 else 4 if length < 65536 else 10


class Deflater:
    """Compresses a connection's messages again, in order, as the server does, to tell their size on the wire."""

    def __init__(self, window_bits: int | None) -> None:
        self.encoder = None if window_bits is None else zlib.compressobj(wbits=-window_bits, memLevel=SERVER_MEM_LEVEL)

    def wire_size(self, payload: bytes) -> int:
        """Frame header plus payload, compressed when the connection is (sync flush, without its 4-byte tail)."""
        if self.encoder is None:
            return frame_header(len(payload)) + len(payload)
        data = self.encoder.compress(payload) + self.encoder.flush(zlib.Z_SYNC_FLUSH)
        size = len(data) - 4
        return frame_header(size) + size


@dataclass
class Tap:
    """A CDP session on one page: the phone's network and CPU, and counters of what crossed the network."""

    cdp: CDPSession
    http_bytes: int = 0
    in_flight: set[str] = field(default_factory=set)
    last_activity: float = field(default_factory=time.monotonic)
    extensions: str = ""
    ws_payload: int = 0
    ws_estimate: int = 0
    deflaters: dict[str, Deflater] = field(default_factory=dict)

    @classmethod
    def attach(cls, context: BrowserContext, page: Page) -> Tap:
        """Slow the page down like a phone on 4G and start counting."""
        tap = cls(context.new_cdp_session(page))
        handlers: dict[str, Callable[[dict[str, Any]], None]] = {
            "Network.requestWillBeSent": tap._sent,
            "Network.loadingFinished": tap._finished,
            "Network.loadingFailed": tap._failed,
            "Network.webSocketHandshakeResponseReceived": tap._handshake,
            "Network.webSocketFrameReceived": tap._frame,
        }
        for event, handler in handlers.items():
            tap.cdp.on(event, handler)
        tap.cdp.send("Network.enable")
        tap.cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        tap.cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        return tap

    def _sent(self, event: dict[str, Any]) -> None:
        self.in_flight.add(event["requestId"])
        self.last_activity = time.monotonic()

    def _finished(self, event: dict[str, Any]) -> None:
        self.http_bytes += int(event.get("encodedDataLength", 0))
        self._failed(event)

    def _failed(self, event: dict[str, Any]) -> None:
        self.in_flight.discard(event["requestId"])
        self.last_activity = time.monotonic()

    def _handshake(self, event: dict[str, Any]) -> None:
        headers = {k.lower(): v for k, v in event["response"].get("headers", {}).items()}
        self.extensions = headers.get("sec-websocket-extensions", "")
        self.deflaters[event["requestId"]] = Deflater(deflate_window(self.extensions))

    def _frame(self, event: dict[str, Any]) -> None:
        response = event["response"]
        data = response["payloadData"]
        payload = base64.b64decode(data) if response.get("opcode") == 2 else data.encode()
        self.ws_payload += len(payload)
        self.ws_estimate += self.deflaters.setdefault(event["requestId"], Deflater(None)).wire_size(payload)

    def settle(self, page: Page) -> None:
        """Wait until no request has been in flight for a while (the page's lazy chunks are in)."""
        deadline = time.monotonic() + SETTLE_MAX_S
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            if not self.in_flight and time.monotonic() - self.last_activity >= QUIET_S:
                return


@dataclass(frozen=True)
class Visit:
    """One page load: time to the first finished run, the bytes fetched, and when everything was drawn."""

    seconds: float
    http_bytes: int
    drawn_s: float = float("nan")  # NaN: not within DRAWN_WAIT_MS
    heading_s: float = float("nan")  # the day's heading on screen; NaN: none within DRAWN_WAIT_MS


@dataclass(frozen=True)
class Step:
    """One day step (or floor rerun): time, and websocket bytes received: payload, on the wire, and estimated."""

    seconds: float
    payload: int
    wire: int  # counted by the link relay
    estimate: int  # the payloads deflated again with the server's settings, plus frame headers


@dataclass
class Measured:
    """Every visit and step of one page on one server, over all runs."""

    cold: list[Visit] = field(default_factory=list)
    repeat: list[Visit] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    extensions: set[str] = field(default_factory=set)
    chart: list[float] = field(default_factory=list)  # s from the scroll to a waiting chart until it is drawn
    chart_steps: list[Step] = field(default_factory=list)  # day steps once the chart is drawn


def median_of(values: Sequence[float]) -> float:
    """Median, NaN when empty."""
    return median(values) if values else float("nan")


def dated(url: str, today: date) -> str:
    """The address with ``start=today-N`` replaced by that date, as a patient's link carries it."""
    return re.sub(r"start=today-(\d+)", lambda m: f"start={(today - timedelta(days=int(m[1]))).isoformat()}", url)


def open_phone_page(context: BrowserContext, url: str, day: bool) -> tuple[Page, Tap, Visit]:
    """Open a new page on the phone, time the first finished run (and the day's heading on screen, for a page
    that shows one), let the network settle, count the bytes."""
    page = context.new_page()
    tap = Tap.attach(context, page)
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    done_ms = page.wait_for_function(FIRST_RUN_JS, polling="raf", timeout=TIMEOUT_MS).json_value()
    heading_ms = float("nan")
    with suppress(PlaywrightTimeoutError):
        if day:
            heading_ms = float(page.wait_for_function(HEADING_JS, timeout=DRAWN_WAIT_MS).json_value())
    try:
        drawn_ms = float(page.wait_for_function(DRAWN_JS, timeout=DRAWN_WAIT_MS).json_value())
    except PlaywrightTimeoutError:
        drawn_ms = float("nan")
    tap.settle(page)
    return page, tap, Visit(float(done_ms) / 1000, tap.http_bytes, drawn_ms / 1000, heading_ms / 1000)


def step_once(page: Page, tap: Tap, link: Link, app: bool) -> Step:
    """One day step (tap "Next day", app) or rerun (key ``r``, floor), timed in the page's clock."""
    inputs = page.evaluate("() => window.__phone.inputs.length")
    before = page.evaluate(DAY_HEADING_JS) if app else None
    payload, wire, estimate = tap.ws_payload, link.counters.ws_down, tap.ws_estimate
    if app:
        page.get_by_role("button", name=re.compile("next day", re.I)).first.tap(timeout=TIMEOUT_MS)
    else:
        page.keyboard.press("r")
    ms = page.wait_for_function(STEP_DONE_JS, arg=[inputs, before], polling="raf", timeout=TIMEOUT_MS).json_value()
    tap.settle(page)
    return Step(float(ms) / 1000, tap.ws_payload - payload, link.counters.ws_down - wire, tap.ws_estimate - estimate)


def measure_page(browser: Browser, link: Link, url: str, steps: int, app: bool, out: Measured) -> None:
    """One run of one page: a cold load, a repeat visit in the same context, then the steps."""
    context = browser.new_context(**PHONE_CONTEXT, user_agent=phone_user_agent(browser.version))
    try:
        context.add_init_script(INIT_JS)
        day = not app or url.split("?", 1)[0] == STEP_PATH
        first, _, cold = open_phone_page(context, link.url + dated(url, date.today()), day)
        first.close()
        page, tap, repeat = open_phone_page(context, link.url + dated(url, date.today()), day)
        out.cold.append(cold)
        out.repeat.append(repeat)
        out.extensions.add(tap.extensions or "none")
        if day:
            out.steps += [step_once(page, tap, link, app) for _ in range(steps)]
        if app and day and page.evaluate(f"() => !!({SLOT_JS})()"):  # the chart, once the patient scrolls to it
            t0 = page.evaluate(SCROLL_TO_SLOT_JS)
            ms = page.wait_for_function(CHART_ON_JS, arg=t0, polling="raf", timeout=TIMEOUT_MS).json_value()
            out.chart.append(float(ms) / 1000)
            tap.settle(page)
            out.chart_steps += [step_once(page, tap, link, app) for _ in range(steps)]
    finally:
        context.close()


@dataclass
class Config:
    """One way of serving: app and floor servers, and what was measured on them, by page."""

    name: str
    app: Link
    floor: Link
    results: dict[str, Measured] = field(default_factory=dict)
    floor_results: dict[str, Measured] = field(default_factory=dict)


def run_all(browser: Browser, configs: Sequence[Config], pages: Sequence[str], runs: int, steps: int) -> None:
    """Every run, every way of serving, every page: the app page, then the floor."""
    for run in range(runs):
        for config in configs:
            for url in pages:
                app = config.results.setdefault(url, Measured())
                floor = config.floor_results.setdefault(url, Measured())
                measure_page(browser, config.app, url, steps, True, app)
                measure_page(browser, config.floor, FLOOR_URL, steps, False, floor)
                _log(run, config.name, url, app, floor)


def _log(run: int, name: str, url: str, app: Measured, floor: Measured) -> None:
    """Progress on stderr."""

    last = app.steps[-1] if app.steps else None
    step = (f", step {last.seconds:.2f} s, websocket {last.payload} B payload, {last.wire} B on the wire "
            f"(estimate {last.estimate} B)") if last else ""  # fmt: skip
    print(f"  run {run + 1} {name} {url}: cold {app.cold[-1].seconds:.2f} s (floor {floor.cold[-1].seconds:.2f} s), "
          f"repeat {app.repeat[-1].seconds:.2f} s{step}", file=sys.stderr)  # fmt: skip


@dataclass(frozen=True)
class Row:
    """Medians of one page against the floor measured beside it."""

    page: str
    cold: float
    floor_cold: float
    repeat: float
    floor_repeat: float
    step: float
    floor_step: float
    cold_bytes: float
    repeat_bytes: float
    step_payload: float
    step_wire: float
    step_estimate: float
    cold_drawn: float = float("nan")
    repeat_drawn: float = float("nan")
    cold_heading: float = float("nan")  # the day's heading on screen
    floor_cold_heading: float = float("nan")
    repeat_heading: float = float("nan")
    floor_repeat_heading: float = float("nan")
    chart: float = float("nan")  # the chart drawn, s after scrolling to its place
    chart_step: float = float("nan")  # a day step once the chart is drawn
    floor_only: bool = False  # the floor's own row: no app figures beside it


def summarise(page: str, app: Measured, floor: Measured) -> Row:
    """Medians over the runs (steps: over every step of every run)."""
    return Row(
        page,
        median_of([v.seconds for v in app.cold]), median_of([v.seconds for v in floor.cold]),
        median_of([v.seconds for v in app.repeat]), median_of([v.seconds for v in floor.repeat]),
        median_of([s.seconds for s in app.steps]), median_of([s.seconds for s in floor.steps]),
        median_of([v.http_bytes for v in app.cold]), median_of([v.http_bytes for v in app.repeat]),
        median_of([s.payload for s in app.steps]), median_of([s.wire for s in app.steps]),
        median_of([s.estimate for s in app.steps]),
        median_of([v.drawn_s for v in app.cold]), median_of([v.drawn_s for v in app.repeat]),
        median_of([v.heading_s for v in app.cold]), median_of([v.heading_s for v in floor.cold]),
        median_of([v.heading_s for v in app.repeat]), median_of([v.heading_s for v in floor.repeat]),
        median_of(app.chart), median_of([s.seconds for s in app.chart_steps]),
    )  # fmt: skip


def floor_row(floor: Sequence[Measured]) -> Row:
    """The floor on its own, over every page it was measured beside."""
    both = Measured([v for m in floor for v in m.cold], [v for m in floor for v in m.repeat],
                    [s for m in floor for s in m.steps])  # fmt: skip
    return replace(summarise(f"*floor* `{FLOOR_URL}`", both, both), floor_only=True)


HEADER = (
    "page", "day on screen s, first visit: app / floor / ratio", "day on screen s, repeat visit: app / floor / ratio",
    "first run done s: first / repeat (floor)", "all drawn s: first / repeat",
    "day step s: app / floor rerun", "chart s after scrolling to it; day step s with it",
    "KiB fetched: first / repeat", "websocket KiB per step: payload / on the wire",
)  # fmt: skip


def _versus(app: float, floor: float, alone: bool) -> str:
    s = report.fmt
    return s(app, 2) if alone else f"{s(app, 2)} / {s(floor, 2)} / {s(report.ratio(app, floor), 2)}×"


def cells(row: Row) -> list[str]:
    """Table cells for one row."""
    s, alone = report.fmt, row.floor_only
    first = _versus(row.cold_heading, row.floor_cold_heading, alone)
    again = _versus(row.repeat_heading, row.floor_repeat_heading, alone)
    done = (
        f"{s(row.cold, 2)} / {s(row.repeat, 2)}"
        if alone
        else f"{s(row.cold, 2)} / {s(row.repeat, 2)} ({s(row.floor_cold, 2)} / {s(row.floor_repeat, 2)})"
    )
    if row.step != row.step:
        step, ws = "–", "–"
    else:
        step = s(row.step, 2) if alone else f"{s(row.step, 2)} / {s(row.floor_step, 2)}"
        ws = f"{report.kib(row.step_payload)} / {report.kib(row.step_wire)}"
    drawn = f"{s(row.cold_drawn, 2)} / {s(row.repeat_drawn, 2)}"
    chart = "–" if row.chart != row.chart else f"{s(row.chart, 2)}; {s(row.chart_step, 2)}"
    return [row.page if alone else f"`{row.page}`", first, again, done, drawn, step, chart,
            f"{report.kib(row.cold_bytes, 0)} / {report.kib(row.repeat_bytes, 0)}", ws]  # fmt: skip


def goals(row: Row) -> list[str]:
    """The goals for the patient's evening return (the day's heading against the floor's), met or not."""
    first = report.ratio(row.cold_heading, row.floor_cold_heading)
    again = report.ratio(row.repeat_heading, row.floor_repeat_heading)
    after = row.repeat_drawn - row.repeat_heading
    f = report.fmt
    checks = [
        (f"the day on screen, repeat visit ≤ {GOAL_REPEAT_RATIO}× the floor's", again <= GOAL_REPEAT_RATIO,
         f"{f(again, 2)}× ({f(row.repeat_heading, 2)} vs {f(row.floor_repeat_heading, 2)} s)"),
        (f"the day on screen, first visit ≤ {GOAL_FIRST_RATIO}× the floor's", first <= GOAL_FIRST_RATIO,
         f"{f(first, 2)}× ({f(row.cold_heading, 2)} vs {f(row.floor_cold_heading, 2)} s)"),
        (f"everything drawn ≤ {GOAL_DRAWN_AFTER_S:.0f} s after the heading (repeat visit)",
         after <= GOAL_DRAWN_AFTER_S, f"{f(after, 2)} s"),
        (f"a day step ≤ {GOAL_STEP_S} s", row.step <= GOAL_STEP_S, f"{f(row.step, 2)} s"),
    ]  # fmt: skip
    if row.chart == row.chart:  # the chart waited for a scroll: what it costs then, and a step with it drawn
        checks[2] = (checks[2][0].replace("everything", "everything but the chart"), *checks[2][1:])
        checks += [
            (f"the chart drawn ≤ {GOAL_DRAWN_AFTER_S:.0f} s after scrolling to it", row.chart <= GOAL_DRAWN_AFTER_S,
             f"{f(row.chart, 2)} s"),
            (f"a day step with the chart drawn ≤ {GOAL_STEP_S} s", row.chart_step <= GOAL_STEP_S,
             f"{f(row.chart_step, 2)} s"),
        ]  # fmt: skip
    return [f"- `{row.page}` {what}: {figure} — **{'met' if ok else 'NOT met'}**" for what, ok, figure in checks]


def estimate_check(rows: Sequence[Row]) -> str:
    """The counted websocket bytes against the estimate from deflating the payloads again (they should agree)."""
    stepped = [r for r in rows if r.step == r.step and not r.floor_only]
    counted = " / ".join(report.kib(r.step_wire, 2) for r in stepped) or "–"
    estimated = " / ".join(report.kib(r.step_estimate, 2) for r in stepped) or "–"
    return (f"Websocket KiB on the wire per day step, counted by the relay: {counted}; estimated by deflating the "
            f"payloads again with the server's settings, plus frame headers: {estimated}.")  # fmt: skip


def config_rows(config: Config) -> list[Row]:
    """One row per page, then the floor."""
    rows = [summarise(url, m, config.floor_results[url]) for url, m in config.results.items()]
    return [*rows, floor_row(list(config.floor_results.values()))]


def comparison(today: Config, other: Config, page: str) -> list[str]:
    """`make run` against another way of serving (plain Streamlit, or nginx), for the main page."""
    now, then = (
        summarise(page, today.results[page], today.floor_results[page]),
        summarise(page, other.results[page], other.floor_results[page]),
    )
    return [
        f"- `{page}` `make run` vs {other.name.split(' (')[0].lower()}: "
        f"first load {report.fmt(now.cold, 2)} vs {report.fmt(then.cold, 2)} s, "
        f"{report.kib(now.cold_bytes, 0)} vs {report.kib(then.cold_bytes, 0)} KiB fetched; repeat visit "
        f"{report.fmt(now.repeat, 2)} vs {report.fmt(then.repeat, 2)} s; day step {report.fmt(now.step, 2)} vs "
        f"{report.fmt(then.step, 2)} s, {report.kib(now.step_wire)} vs {report.kib(then.step_wire)} KiB on the wire",
    ]  # fmt: skip


def render(configs: Sequence[Config], args: argparse.Namespace) -> str:
    """The markdown section: how it was measured, a table per way of serving, the goals."""
    main = configs[0]
    lines = [
        "## Phone (headless Chromium, slow 4G, CPU 4× slower)", "",
        f"Command: `{command_line(args)}` (load average at start, 1/5/15 min: {args.load_at_start})", "",
        "390×844 at DPR 3, touch, a Chrome-on-Android user agent; CDP `Network.emulateNetworkConditions` "
        "(latency 150 ms, 200000 B/s down, 93750 B/s up) and `Emulation.setCPUThrottlingRate` 4; the websocket, "
        "which Chromium's emulation leaves alone, gets the same link from a relay (`bench/link.py`). Medians of "
        f"{args.runs} runs ({args.steps} steps per run). First load: a new browser context (empty cache), "
        "navigation until the first run finished; repeat visit: a new page in that context; all drawn: the first "
        "frame after that with no element still waiting for its lazily loaded code (`stSkeleton`) and every "
        "chart drawn (the first run's end can come seconds before); day step: tap "
        "\"Next day\" until the day heading changed and the run finished; floor: `bench/floor_app.py` beside each "
        "page, its rerun key `r`. KiB fetched: `encodedDataLength` of every response (on the wire, headers "
        "included) until the network was quiet (on loopback Chromium asks for brotli, as it does over HTTPS). "
        "Websocket KiB per step: frame payloads as Chromium reports them (decompressed), and the bytes the relay "
        "carried from the server (framing and compression included). Details: `bench/phone.py`.", "",
    ]  # fmt: skip
    for config in configs:
        rows = config_rows(config)
        extensions = sorted({e for m in config.results.values() for e in m.extensions})
        lines += [f"### {config.name}", "", f"Websocket extensions negotiated: `{'`, `'.join(extensions)}`.", "",
                  report.table(HEADER, [cells(r) for r in rows]), "", estimate_check(rows), ""]  # fmt: skip
    page = next((p for p in main.results if p.split("?", 1)[0] == STEP_PATH), None)
    if page is not None:
        lines += ["### Goals", "", *goals(summarise(page, main.results[page], main.floor_results[page])), ""]
        for other in configs[1:]:
            lines += [*comparison(main, other, page), ""]
    return "\n".join(lines)


def command_line(args: argparse.Namespace) -> str:
    """The command that reproduces this run."""
    parts = ["python -m bench.phone", f"--runs {args.runs}", f"--steps {args.steps}"]
    parts += ["--pages " + " ".join(f"'{p}'" for p in args.pages)] if args.pages != list(DEFAULT_PAGES) else []
    parts += ["--compare-off"] if args.compare_off else []
    return " ".join(parts + (["--via-nginx"] if args.via_nginx else []))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.phone", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page; medians are reported (default 3)")
    parser.add_argument("--steps", type=int, default=3, help="day steps (floor reruns) per run (default 3)")
    parser.add_argument("--pages", nargs="+", default=list(DEFAULT_PAGES), help="URL paths with query")
    parser.add_argument(
        "--compare-off",
        action="store_true",
        help="also measure plain Streamlit: no websocket compression, static files uncompressed",
    )
    parser.add_argument(
        "--via-nginx",
        action="store_true",
        help="also measure as deploy/ serves: nginx (deploy/nginx.conf) in front of each server",
    )
    parser.add_argument("--app", type=Path, default=APP_SCRIPT, help="app entry script")
    parser.add_argument("--output", type=Path, default=report.DOC_PATH, help="markdown file to update")
    parser.add_argument("--no-write", action="store_true", help="print only")
    return parser.parse_args(argv)


def start_config(stack: ExitStack, name: str, args: argparse.Namespace, tmp: Path, plain: bool) -> Config:
    """App and floor servers, as `make run` serves them, or (plain) as Streamlit ships: nothing compressed."""
    options = ("server.enableWebsocketCompression=false",) if plain else ()
    env = {"RECOVERY_STATIC_CACHE": str(tmp / "no-static-cache")} if plain else {}
    tag = "plain" if plain else "today"
    links = []
    for script, role in ((args.app, "app"), (FLOOR_SCRIPT, "floor")):
        server = stack.enter_context(Server(script, free_port(), tmp / f"{tag}-{role}.log", options=options, env=env))
        links.append(stack.enter_context(Link(server.port, PHONE_LINK)))
    return Config(name, *links)


def start_nginx_config(stack: ExitStack, args: argparse.Namespace, tmp: Path) -> Config:
    """App and floor servers as deploy/ runs them, each behind its own nginx with deploy/nginx.conf."""
    nginx, brotli = ensure_nginx(), brotli_available()
    links = []
    for script, role in ((args.app, "app"), (FLOOR_SCRIPT, "floor")):
        server = stack.enter_context(Server(script, free_port(), tmp / f"nginx-{role}-server.log"))
        prefix = tmp / f"nginx-{role}"
        prefix.mkdir()
        port = free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(
            local_config(NGINX_CONF.read_text(encoding="utf-8"), [server.port], port, prefix, brotli), encoding="utf-8"
        )
        process = start_nginx(nginx, conf)
        stack.callback(process.wait, 15)
        stack.callback(process.terminate)
        wait_healthy(f"http://127.0.0.1:{port}", process)
        links.append(stack.enter_context(Link(port, PHONE_LINK)))
    compression = "gzip and brotli" if brotli else "gzip"
    return Config(f"Behind nginx (`deploy/nginx.conf`: {compression}, websocket compressed by Streamlit)", *links)


def main(argv: Sequence[str] | None = None) -> None:
    """Start the servers, measure like a phone, print and write the report."""
    args = parse_args(argv)
    args.load_at_start = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    compress_static()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, ExitStack() as stack, sync_playwright() as pw:
        configs = [start_config(stack, "Today (`make run`: static files and websocket compressed)", args,
                                Path(tmp), plain=False)]  # fmt: skip
        if args.compare_off:
            configs.append(start_config(stack, "Plain Streamlit (nothing compressed)", args, Path(tmp), plain=True))
        if args.via_nginx:
            configs.append(start_nginx_config(stack, args, Path(tmp)))
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            run_all(browser, configs, args.pages, args.runs, args.steps)
        finally:
            browser.close()
    body = render(configs, args)
    print(body)
    if not args.no_write:
        report.write_section("phone", body, args.output)


if __name__ == "__main__":
    main()
