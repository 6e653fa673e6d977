"""Browser figures in headless Chromium: first meaningful paint of each page and the day step to chart update.

Selectors (all by ``data-testid``, never by generated class names):

- main content: ``[data-testid="stMainBlockContainer"]`` (fallbacks ``stMain``, ``stAppViewContainer``);
  first meaningful paint = navigation start until it is visible with non-blank text.
- run finished: ``[data-test-script-state]`` on ``stApp`` reads ``notRunning``.
- day step: a key press, as the floor's: the button whose accessible name contains "Next day" is focused
  and Enter pressed; else the slider thumb (``[data-testid="stSlider"] input[type="range"]``, or
  ``[role="slider"]`` in older Streamlit) focused and ArrowRight pressed. The focusing happens before the clock
  starts (the floor's page has focus before its ``r`` too): a Playwright mouse click spends 30-50 ms on its own
  checks (scrolling into view, hit tests) before the browser sees a click, which the floor's key press does not.
- chart: the first of ``stPlotlyChart``, ``stVegaLiteChart``, ``stArrowVegaLiteChart``, ``stImage``;
  "updated" = its inner HTML differs from before the step and the run has finished.
- floor: the same page-load timing; its "step" is Streamlit's rerun key ``r`` until the websocket has
  delivered ``script_finished`` and two animation frames have passed.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import Page, WebSocket, sync_playwright

from bench import report
from bench.protocol import STREAM_PATH, parse_forward
from bench.run import DEFAULT_PAGES
from bench.servers import APP_SCRIPT, FLOOR_SCRIPT, Server, free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 30_000
SLIDER_THUMB = '[data-testid="stSlider"] input[type="range"], [data-testid="stSlider"] [role="slider"]'
STEP_URL = "/recovery?treatment=eco2&day=5"
FLOOR_URL = "/?day=5"

PAINTED_JS = """() => {
  const el = ['stMainBlockContainer', 'stMain', 'stAppViewContainer']
    .map(id => document.querySelector(`[data-testid="${id}"]`)).find(Boolean);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && el.innerText.trim().length > 0;
}"""
IDLE_JS = """() => document.querySelector('[data-test-script-state]')
  ?.getAttribute('data-test-script-state') === 'notRunning'"""
CHART_JS = """() => {
  const ids = ['stPlotlyChart', 'stVegaLiteChart', 'stArrowVegaLiteChart', 'stImage'];
  const el = ids.map(id => document.querySelector(`[data-testid="${id}"]`)).find(Boolean);
  return el ? el.innerHTML : '';
}"""
CHART_CHANGED_JS = f"""(before) => ({CHART_JS})() !== before && ({IDLE_JS})()"""


def paint_time(page: Page, url: str) -> tuple[float, float]:
    """Seconds from navigation to first meaningful paint, and to the first run having finished."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(PAINTED_JS, polling="raf", timeout=TIMEOUT_MS)
    painted = time.perf_counter() - start
    page.wait_for_function(IDLE_JS, polling="raf", timeout=TIMEOUT_MS)
    return painted, time.perf_counter() - start


def settle(page: Page) -> None:
    """Wait until the app is idle and the page stopped changing for a moment."""
    page.wait_for_function(IDLE_JS, polling="raf", timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)
    page.wait_for_function(IDLE_JS, polling="raf", timeout=TIMEOUT_MS)


def app_step(page: Page) -> tuple[str, float]:
    """Press Next day with the keyboard (or the slider's ArrowRight) and time until the chart shows the new day."""
    before = page.evaluate(CHART_JS)
    button = page.get_by_role("button", name=re.compile("next day", re.I))
    slider = page.locator(SLIDER_THUMB)
    button.or_(slider).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    target, key, how = (
        (button, "Enter", "button, Enter") if button.count() > 0 else (slider, "ArrowRight", "slider, ArrowRight")
    )
    target.first.focus()
    start = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(CHART_CHANGED_JS, arg=before, polling="raf", timeout=TIMEOUT_MS)
    return how, time.perf_counter() - start


class RunWatcher:
    """Counts ``script_finished`` ForwardMsgs arriving on the page's Streamlit websocket."""

    def __init__(self, page: Page) -> None:
        self.finished = 0
        page.on("websocket", self._attach)

    def _attach(self, ws: WebSocket) -> None:
        """Listen to frames of the Streamlit stream."""
        if ws.url.endswith(STREAM_PATH):
            ws.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        """Count a finished run."""
        if isinstance(payload, bytes) and parse_forward(payload).WhichOneof("type") == "script_finished":
            self.finished += 1

    def wait_for_run(self, page: Page, seen: int) -> None:
        """Wait until a run after ``seen`` has finished, then for the next painted frame."""
        deadline = time.perf_counter() + TIMEOUT_MS / 1000
        while self.finished <= seen and time.perf_counter() < deadline:
            page.wait_for_timeout(2)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def floor_step(page: Page, watcher: RunWatcher) -> float:
    """Rerun the floor with the ``r`` key and time until its run has finished and painted."""
    seen = watcher.finished
    start = time.perf_counter()
    page.keyboard.press("r")
    watcher.wait_for_run(page, seen)
    return time.perf_counter() - start


def measure_paints(page: Page, base: str, urls: Sequence[str], repeats: int) -> list[list[str]]:
    """Rows of p50 first-paint and run-finished times per URL."""
    rows = []
    for url in urls:
        times = [paint_time(page, base + url) for _ in range(repeats)]
        paints, done = [t[0] for t in times], [t[1] for t in times]
        rows.append([url, report.fmt(report.percentile(paints, 50) * 1000, 0),
                     report.fmt(report.percentile(done, 50) * 1000, 0)])  # fmt: skip
    return rows


def measure_steps(page: Page, watcher: RunWatcher, app_base: str, floor_base: str, steps: int) -> list[list[str]]:
    """Rows for the day step on /recovery and the floor's rerun, alternating pages between steps."""
    app_times, floor_times, hows = [], [], set()
    page.goto(app_base + STEP_URL)
    settle(page)
    for _ in range(steps):
        how, seconds = app_step(page)
        hows.add(how)
        app_times.append(seconds)
        settle(page)
    page.goto(floor_base + FLOOR_URL)
    settle(page)
    for _ in range(steps):
        floor_times.append(floor_step(page, watcher))
        settle(page)
    floor_p50 = report.percentile(floor_times, 50)
    return [[f"day step /recovery ({', '.join(sorted(hows))})", *_p50_p95(app_times, floor_p50)],
            ["*floor rerun (`r`)*", *_p50_p95(floor_times, floor_p50)]]  # fmt: skip


def _p50_p95(times: Sequence[float], floor_p50: float) -> list[str]:
    """p50 and p95 in ms and the p50 ratio to the floor."""
    p50, p95 = report.percentile(times, 50), report.percentile(times, 95)
    return [report.fmt(p50 * 1000, 0), report.fmt(p95 * 1000, 0), report.fmt(report.ratio(p50, floor_p50), 2)]


def render(paints: list[list[str]], steps: list[list[str]], args: argparse.Namespace) -> str:
    """The markdown section for the browser figures."""
    return "\n".join([
        "## Browser (headless Chromium)", "",
        f"Command: `python -m bench.browser --repeats {args.repeats} --steps {args.steps} --width {args.width}`. "
        f"Viewport {args.width}×{viewport(args.width)['height']}, warm browser cache, one page at a time. "
        "Selectors are listed in `bench/browser.py`.", "",
        report.table(["page", "first meaningful paint p50 ms", "first run finished p50 ms"], paints), "",
        report.table(["interaction", "p50 ms", "p95 ms", "p50 / floor p50"], steps), "",
    ])  # fmt: skip


def viewport(width: int) -> dict[str, int]:
    """A laptop's window, or a phone's screen (390×844) for a narrow width."""
    return {"width": width, "height": 844 if width < 600 else VIEWPORT["height"]}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="loads per page (default 3)")
    parser.add_argument("--steps", type=int, default=10, help="day steps to time (default 10)")
    parser.add_argument("--pages", nargs="+", default=None, help="URL paths (default: every page)")
    parser.add_argument("--width", type=int, default=VIEWPORT["width"], help="viewport width: 1280, or 390 (a phone)")
    parser.add_argument("--app", type=Path, default=APP_SCRIPT, help="app entry script")
    parser.add_argument("--output", type=Path, default=report.DOC_PATH, help="markdown file to update")
    parser.add_argument("--no-write", action="store_true", help="print only")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Start app and floor, measure in Chromium, print and write the report."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, ExitStack() as stack, sync_playwright() as pw:
        app = stack.enter_context(Server(args.app, free_port(), Path(tmp) / "app.log"))
        floor = stack.enter_context(Server(FLOOR_SCRIPT, free_port(), Path(tmp) / "floor.log"))
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=viewport(args.width)).new_page()  # type: ignore[arg-type]
        paint_time(page, app.url + "/")  # warm the browser cache and the server
        paints = measure_paints(page, app.url, args.pages or DEFAULT_PAGES, args.repeats)
        paints += [["*floor* " + FLOOR_URL, *measure_paints(page, floor.url, [FLOOR_URL], args.repeats)[0][1:]]]
        steps = measure_steps(page, RunWatcher(page), app.url, floor.url, args.steps)
        browser.close()
    body = render(paints, steps, args)
    print(body)
    if not args.no_write:
        report.write_section("browser", body, args.output)


if __name__ == "__main__":
    main()
