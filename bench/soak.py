"""Display soak: /display rotating in headless Chromium for a long time, with the server's memory sampled.

Each sample forces a garbage collection in the page first (CDP ``HeapProfiler.collectGarbage``), then reads the
JS heap in use (``Runtime.getHeapUsage``), the number of DOM nodes, and the server's RSS; the growth of each per
1,000 rotations is the slope of a least-squares line through the samples after the first minute (warm-up).
``--rotations N`` runs until N slides have gone by instead of for ``--minutes``.

``--restart`` kills the server (SIGKILL) halfway, starts it again on the same port and checks that the page
carries on rotating by itself (Streamlit's frontend reconnects and reruns).
"""

from __future__ import annotations

import argparse
import signal
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import CDPSession, Page, sync_playwright

from bench import report
from bench.browser import CHROMIUM, CHROMIUM_ARGS
from bench.servers import APP_SCRIPT, Server, free_port, rss_mib

TEXT_JS = """() => {
  const el = ['stMainBlockContainer', 'stMain', 'stAppViewContainer']
    .map(id => document.querySelector(`[data-testid="${id}"]`)).find(Boolean);
  return el ? el.innerText : '';
}"""
NODES_JS = "() => document.getElementsByTagName('*').length"
SLIDE_JS = "() => document.querySelector('.ds-root')?.dataset.slide || ''"
POLL_S = 1.0
RECOVER_TIMEOUT_S = 120.0
DOWN_S = 5.0
WARM_MIN = 0.9  # the first pages and caches load in the first minute
SLOPE_WARM_MIN = 5.0  # the page's compiled code grows over its first few dozen slides (V8 optimising as it goes)


@dataclass(frozen=True)
class Point:
    """One memory sample: minutes since start, server RSS, page JS heap, DOM nodes, slide changes seen so far."""

    minute: float
    pid: int
    rss_mib: float
    heap_mib: float
    rotations: int
    nodes: int = 0
    slide: str = ""


@dataclass
class Soak:
    """The running soak: server, page, the last text seen, rotations counted and samples taken."""

    server: Server
    page: Page
    cdp: CDPSession
    start: float = field(default_factory=time.monotonic)
    last_text: str = ""
    rotations: int = 0
    points: list[Point] = field(default_factory=list)

    def poll(self) -> bool:
        """Read the slide text; count a rotation when it changed. Returns whether it changed."""
        text = str(self.page.evaluate(TEXT_JS)).strip()
        changed = bool(text) and text != self.last_text
        if changed:
            self.rotations += int(bool(self.last_text))
            self.last_text = text
        return changed

    def sample(self) -> Point:
        """Record the server's RSS, and the page's JS heap (after a full collection) and DOM nodes, now."""
        self.cdp.send("HeapProfiler.collectGarbage")
        heap = float(self.cdp.send("Runtime.getHeapUsage")["usedSize"]) / 2**20
        nodes, slide = int(self.page.evaluate(NODES_JS)), str(self.page.evaluate(SLIDE_JS))
        point = Point(
            (time.monotonic() - self.start) / 60,
            self.server.pid,
            rss_mib(self.server.pid),
            heap,
            self.rotations,
            nodes,
            slide,
        )
        self.points.append(point)
        return point

    def run_for(self, seconds: float, sample_every: float, rotations: int = 0) -> None:
        """Poll the slide every second and sample memory every ``sample_every`` seconds, for ``seconds`` or until
        ``rotations`` slides have gone by."""
        end, next_sample = time.monotonic() + seconds, time.monotonic() + sample_every
        while time.monotonic() < end and not (rotations and self.rotations >= rotations):
            self.poll()
            if time.monotonic() >= next_sample:
                print(self.sample())
                next_sample += sample_every
            self.page.wait_for_timeout(POLL_S * 1000)

    def restart(self) -> float:
        """Kill the server, start it again on the same port; seconds until the page rotates again by itself."""
        self.server.stop(signal.SIGKILL)
        self.page.wait_for_timeout(DOWN_S * 1000)
        self.server.start()
        restarted, before = time.monotonic(), self.rotations
        while time.monotonic() - restarted < RECOVER_TIMEOUT_S:
            self.poll()
            if self.rotations > before and not self.page.get_by_text("Connection error").count():
                return time.monotonic() - restarted
            self.page.wait_for_timeout(POLL_S * 1000)
        return float("nan")


def _memory_lines(points: Sequence[Point]) -> list[str]:
    """Start, warm (first sample after a minute) and end RSS of each server process, slope after warm-up."""
    lines = []
    for pid in dict.fromkeys(p.pid for p in points):
        own = [p for p in points if p.pid == pid]
        warm = next((p for p in own if p.minute - own[0].minute >= WARM_MIN), own[-1])
        span = own[-1].minute - warm.minute
        slope = (own[-1].rss_mib - warm.rss_mib) / span * 60 if span > 0 else float("nan")
        lines.append(f"- server RSS (pid {pid}): start {report.fmt(own[0].rss_mib)} MiB, warm "
                     f"{report.fmt(warm.rss_mib)} MiB (minute {report.fmt(warm.minute)}), end "
                     f"{report.fmt(own[-1].rss_mib)} MiB (minute {report.fmt(own[-1].minute)}): "
                     f"{report.fmt(slope)} MiB/h after warm-up")  # fmt: skip
    return lines


def slope_per_1000(points: Sequence[Point], value: str, by_slide: bool = False) -> float:
    """Least-squares growth of a sampled value per 1,000 rotations, over the samples after warm-up (NaN if too few).

    With ``by_slide`` each slide is its own group (a slide's node count is its own): the pooled slope within groups.
    """
    warm = [p for p in points if p.minute >= SLOPE_WARM_MIN and p.pid == points[-1].pid]
    groups: dict[str, list[Point]] = {}
    for p in warm:
        groups.setdefault(p.slide if by_slide else "", []).append(p)
    num = den = 0.0
    for group in groups.values():
        xs, ys = [p.rotations for p in group], [float(getattr(p, value)) for p in group]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        num += sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
        den += sum((x - mx) ** 2 for x in xs)
    return 1000 * num / den if len(warm) >= 3 and den > 0 else float("nan")


def render(soak: Soak, args: argparse.Namespace, recovered_s: float | None) -> str:
    """The markdown section: command, memory curve, start/end, restart outcome."""
    rows = [[report.fmt(p.minute), str(p.pid), report.fmt(p.rss_mib), report.fmt(p.heap_mib, 2), str(p.nodes),
             p.slide, str(p.rotations)] for p in thin(soak.points)]  # fmt: skip
    first, last = soak.points[0], soak.points[-1]
    lines = [
        "## Display soak", "",
        f"Command: `python -m bench.soak {command_options(args)}`: `/display?interval={args.interval}` in headless "
        "Chromium at 1920×1080; server RSS from `/proc/<pid>/status` (VmRSS); page JS heap in use after a forced "
        "collection (CDP `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`); DOM nodes: every element of "
        "the document, sampled on whichever slide shows; a rotation is a change of the main block's text. Growth per "
        "1,000 rotations: the slope of "
        f"a least-squares line through the samples after minute {SLOPE_WARM_MIN} (warm-up).", "",
        report.table(["minute", "server pid", "server RSS MiB", "page JS heap MiB", "DOM nodes", "slide",
                      "rotations"], rows),
        "",
        *_memory_lines(soak.points),
        f"- page JS heap {report.fmt(first.heap_mib, 2)} → {report.fmt(last.heap_mib, 2)} MiB, DOM nodes "
        f"{first.nodes} → {last.nodes}; {last.rotations} rotations in {report.fmt(last.minute)} min.",
        f"- growth per 1,000 rotations after warm-up: page JS heap "
        f"**{report.fmt(slope_per_1000(soak.points, 'heap_mib'), 2)} MiB**, DOM nodes "
        f"**{report.fmt(slope_per_1000(soak.points, 'nodes', by_slide=True), 1)}** (each slide against itself), "
        "server RSS "
        f"**{report.fmt(slope_per_1000(soak.points, 'rss_mib'), 2)} MiB**.",
    ]  # fmt: skip
    if recovered_s is not None:
        verdict = "NOT recovered" if recovered_s != recovered_s else f"rotating again {recovered_s:.1f} s after"
        lines.append(f"- restart check (SIGKILL, {DOWN_S:.0f} s down, same port): **{verdict}** the new server "
                     "was healthy, with no reload or click.")  # fmt: skip
    return "\n".join([*lines, ""])


def thin(points: Sequence[Point], rows: int = 25) -> list[Point]:
    """At most about ``rows`` samples for the table, evenly spread, always with the first and the last."""
    step = max(1, -(-len(points) // rows))
    return [p for i, p in enumerate(points) if i % step == 0 or i == len(points) - 1]


def command_options(args: argparse.Namespace) -> str:
    """The options of this run as they would be typed."""
    length = f"--rotations {args.rotations}" if args.rotations else f"--minutes {args.minutes}"
    return f"{length} --interval {args.interval}{' --restart' if args.restart else ''}"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=15.0, help="soak length (default 15)")
    parser.add_argument(
        "--rotations", type=int, default=0, help="run until this many slides have gone by (instead of --minutes)"
    )
    parser.add_argument("--interval", type=int, default=5, help="seconds per slide (default 5)")
    parser.add_argument("--sample", type=float, default=60.0, help="seconds between memory samples")
    parser.add_argument("--restart", action="store_true", help="kill and restart the server halfway")
    parser.add_argument("--app", type=Path, default=APP_SCRIPT, help="app entry script")
    parser.add_argument("--output", type=Path, default=report.DOC_PATH, help="markdown file to update")
    parser.add_argument("--no-write", action="store_true", help="print only")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the soak and write the report."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp, sync_playwright() as pw:
        server = Server(args.app, free_port(), Path(tmp) / "app.log").start()
        try:
            args_ = [*CHROMIUM_ARGS, "--enable-precise-memory-info"]  # performance.memory, for a look by hand
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=args_)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(f"{server.url}/display?interval={args.interval}")
            soak = Soak(server, page, page.context.new_cdp_session(page))
            soak.sample()
            # With --rotations the clock is only a bound: a slide every `interval` seconds, and twice that as slack.
            total = args.rotations * args.interval * 2 if args.rotations else args.minutes * 60
            recovered = None
            if args.restart:
                soak.run_for(total / 2, args.sample, args.rotations // 2)
                recovered = soak.restart()
                print(f"recovered after {recovered:.1f} s")
                soak.sample()
                soak.run_for(total / 2, args.sample, args.rotations)
            else:
                soak.run_for(total, args.sample, args.rotations)
            soak.sample()
            browser.close()
        finally:
            server.stop()
    body = render(soak, args, recovered)
    print(body)
    if not args.no_write:
        report.write_section("soak", body, args.output)


if __name__ == "__main__":
    main()
