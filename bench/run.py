"""Load benchmark: the app against an empty-page floor, alternating, at several concurrencies.

Usage: ``python -m bench.run [--slice 2] [--sessions 1,10,30] [--step-sessions 20] [--pages / /recovery ...]
[--ws-compression off]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from bench import report
from bench.loadgen import Scenario, SliceResult, close_sessions, drive, merge, open_sessions
from bench.servers import APP_SCRIPT, FLOOR_SCRIPT, REPO, Server, free_port

# /recovery last: the day step that follows starts from that page.
DEFAULT_PAGES = (
    "/",
    "/collagen",
    "/compare?vs=eco2,nafl-1550",
    "/consult",
    "/sources",
    "/display?interval=5",
    "/recovery?treatment=eco2&day=5",
)
DAY_STEP_URL = "/recovery?treatment=eco2&day=0"
FLOOR_STEP = Scenario("floor", "/?day=0", step=True)
# The goals of "Speed where people feel it": a page's run at one session, every page's and the day step's
# throughput under load, and a day step's bytes (docs/benchmarks.md reports each, met or not).
RUN_GOAL = 1.5  # p50 at one session, times the floor's
LOAD_LEVEL = 10
LOAD_GOAL = 0.5  # reruns/s at LOAD_LEVEL sessions, times the floor's
LOAD_BAR = {"/": 0.35, "/recovery": 0.35}  # the lower bar the issue sets for these pages
THROUGHPUT_LEVEL = 20
THROUGHPUT_GOAL = 0.5  # day steps/s at THROUGHPUT_LEVEL sessions, times the floor's
STEP_KIB_GOAL = 16.0  # a day step over the websocket, on the wire
WARMUP_S = 0.5  # seconds of reruns per scenario, in one session, before measuring


@dataclass(frozen=True)
class Level:
    """Results at one concurrency: the app's scenarios and the floor slices measured between them."""

    sessions: int
    app: list[SliceResult]
    floor: list[SliceResult]

    def floor_p50(self) -> float:
        """Median rerun time of the floor over all its slices at this level."""
        return report.percentile([x for r in self.floor for x in r.seconds], 50)

    def floor_throughput(self) -> float:
        """Floor reruns per second, averaged over its slices."""
        return sum(r.throughput for r in self.floor) / len(self.floor) if self.floor else 0.0


def scenarios(pages: Sequence[str], step: bool) -> list[Scenario]:
    """The app scenarios: each page rerun by URL, then the day step on /recovery."""
    found = [Scenario(page, page) for page in pages]
    return [*found, Scenario("day step /recovery", DAY_STEP_URL, step=True)] if step else found


async def warm_up(app: Server, floor: Server, app_scenarios: Sequence[Scenario]) -> None:
    """Load every page and the floor for a moment in one session so imports and caches are warm before measuring
    (a slice of 0 s would run nothing: a session reruns only while its slice lasts)."""
    for server, scen in ((app, app_scenarios), (floor, [FLOOR_STEP])):
        sessions = await open_sessions(server.address, server.port, 1)
        for scenario in scen:
            warm = await drive("warmup", sessions, scenario, WARMUP_S)
            if not warm.samples:
                raise RuntimeError(f"the warm-up ran no {scenario.name}")
        await close_sessions(sessions)


async def measure_level(
    app: Server, floor: Server, app_scenarios: Sequence[Scenario], sessions: int, slice_s: float
) -> Level:
    """Alternate app and floor slices at one concurrency so drift hits both alike."""
    app_sessions = await open_sessions(app.address, app.port, sessions)
    floor_sessions = await open_sessions(floor.address, floor.port, sessions)
    level = Level(sessions, [], [])
    try:
        for scenario in app_scenarios:
            level.app.append(await drive("app", app_sessions, scenario, slice_s, app.pid))
            level.floor.append(await drive("floor", floor_sessions, FLOOR_STEP, slice_s, floor.pid))
            _log_slice(level.app[-1])
    finally:
        await close_sessions(app_sessions)
        await close_sessions(floor_sessions)
    return level


def _log_slice(result: SliceResult) -> None:
    """Progress line on stderr, with any error message."""
    p50 = report.percentile(result.seconds, 50) * 1000
    traffic = f"{report.kib(result.payload_per_rerun)} KiB/rerun, CPU {report.fmt(result.cpu_ms_per_rerun)} ms/rerun"
    print(f"  {result.sessions:>3} x {result.scenario.name}: p50 {p50:.1f} ms, {result.errors} errors, {traffic}",
          file=sys.stderr)  # fmt: skip
    for detail in result.error_details()[:3]:
        print(f"      ! {detail}", file=sys.stderr)


def level_rows(level: Level) -> list[list[str]]:
    """Table rows for one concurrency: latency ratios to the floor's p50, throughput and errors."""
    floor_p50, floor_tp = level.floor_p50(), level.floor_throughput()
    rows = []
    for r in level.app:
        p50, p95 = report.percentile(r.seconds, 50), report.percentile(r.seconds, 95)
        rows.append([
            str(level.sessions), r.scenario.name, report.fmt(p50 * 1000), report.fmt(p95 * 1000),
            report.fmt(report.ratio(p50, floor_p50), 2), report.fmt(report.ratio(p95, floor_p50), 2),
            report.fmt(r.throughput), report.fmt(report.ratio(r.throughput, floor_tp), 2), str(r.errors),
            *traffic_cells(r),
        ])  # fmt: skip
    floor_p95 = report.percentile([x for r in level.floor for x in r.seconds], 95)
    floor_errors = sum(r.errors for r in level.floor)
    rows.append([
        str(level.sessions), "*floor*", report.fmt(floor_p50 * 1000), report.fmt(floor_p95 * 1000), "1.00",
        report.fmt(report.ratio(floor_p95, floor_p50), 2), report.fmt(floor_tp), "1.00", str(floor_errors),
        *traffic_cells(merge(level.floor)),
    ])  # fmt: skip
    return rows


def traffic_cells(result: SliceResult) -> list[str]:
    """Mean KiB the server sent per rerun (payload, and on the wire) and its CPU milliseconds per rerun."""
    return [report.kib(result.payload_per_rerun), report.kib(result.wire_per_rerun),
            report.fmt(result.cpu_ms_per_rerun)]  # fmt: skip


HEADER = (
    "sessions", "scenario", "p50 ms", "p95 ms", "p50 / floor p50", "p95 / floor p50",
    "reruns/s", "reruns/s / floor", "errors", "KiB sent/rerun", "KiB on the wire/rerun", "server CPU ms/rerun",
)  # fmt: skip


def _step(level: Level) -> SliceResult | None:
    """The day-step slice of a level, if measured."""
    return next((r for r in level.app if r.scenario.step), None)


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**NOT met**"


def load_bar(scenario: Scenario) -> float:
    """The least reruns/s a page must keep at LOAD_LEVEL sessions, as a fraction of the floor's."""
    return LOAD_BAR.get(scenario.url.split("?", 1)[0], LOAD_GOAL)


def goals(levels: Sequence[Level]) -> list[str]:
    """One line per goal: met or not, with the figures."""
    lines = []
    one = next((lv for lv in levels if lv.sessions == 1), None)
    if one is not None:
        ratios = {r.scenario.name: report.ratio(report.percentile(r.seconds, 50), one.floor_p50()) for r in one.app}
        worst = max(ratios, key=lambda k: ratios[k])
        lines.append(f"- every page's run at 1 session, p50 ≤ {RUN_GOAL}× the floor's: worst {worst} "
                     f"{report.fmt(ratios[worst], 2)}× — {_verdict(ratios[worst] <= RUN_GOAL)}")  # fmt: skip
    loaded = next((lv for lv in levels if lv.sessions == LOAD_LEVEL), None)
    for r in [r for r in loaded.app if not r.scenario.step] if loaded is not None else []:  # pages; steps: below
        ratio, bar = report.ratio(r.throughput, loaded.floor_throughput()), load_bar(r.scenario)
        lines.append(f"- {r.scenario.name} at {LOAD_LEVEL} sessions, reruns/s ≥ {bar}× the floor's: "
                     f"{report.fmt(ratio, 2)}× — {_verdict(ratio >= bar)}")  # fmt: skip
    at = next((lv for lv in levels if lv.sessions == THROUGHPUT_LEVEL), None)
    step = _step(at) if at else None
    if at is not None and step is not None:
        r = report.ratio(step.throughput, at.floor_throughput())
        lines.append(f"- day steps/s at {THROUGHPUT_LEVEL} sessions ≥ {THROUGHPUT_GOAL}× the floor's: "
                     f"{report.fmt(r, 2)}× — {_verdict(r >= THROUGHPUT_GOAL)}")  # fmt: skip
    steps = [s for lv in levels if (s := _step(lv)) is not None]
    if steps:
        wire = max(s.wire_per_rerun for s in steps) / 1024
        lines.append(f"- a day step sends ≤ {STEP_KIB_GOAL:g} KiB over the websocket: at most {wire:.1f} KiB on the "
                     f"wire ({max(s.payload_per_rerun for s in steps) / 1024:.1f} KiB payload) — "
                     f"{_verdict(wire <= STEP_KIB_GOAL)}")  # fmt: skip
    errors = sum(r.errors for lv in levels for r in lv.app + lv.floor)
    lines.append(f"- zero errors: {errors} — **{'met' if errors == 0 else 'NOT met'}**")
    details = sorted({d for lv in levels for r in lv.app + lv.floor for d in r.error_details()})
    lines += [f"  - `{d[:200]}`" for d in details[:5]]
    return lines


def step_modes(levels: Sequence[Level]) -> str:
    """How the day step was driven (slider by widget id, Next day button, or URL)."""
    modes = sorted({m for lv in levels for r in lv.app for m in r.modes})
    return ", ".join(modes) or "none"


def render(levels: Sequence[Level], args: argparse.Namespace) -> str:
    """The markdown section with the command, the table and the goals."""
    rows = [row for level in levels for row in level_rows(level)]
    options = [*args.config, *compression_options(args.ws_compression)]
    return "\n".join([
        "## Load (browserless sessions over the websocket protocol)"
        + (f", both servers with {', '.join(f'`{c}`' for c in options)}" if options else "")
        + (f": `{args.app.resolve().relative_to(REPO)}` against the floor" if args.app.resolve() != APP_SCRIPT else ""),
        "",
        f"Command: `{command_line(args)}` (load average at start, 1/5/15 min: {args.load_at_start})", "",
        "Each slice is a closed loop: every session sends a rerun, waits for `script_finished`, "
        f"sends the next. App slices of {args.slice} s alternate with floor slices of the same length "
        "(`bench/floor_app.py`). "
        f"The day step was driven by: **{step_modes(levels)}**. "
        f"Sessions offer permessage-deflate as Chromium does; the servers {deflate_note(levels)}. "
        "*KiB sent* is the ForwardMsg payload per rerun, *on the wire* what arrived on the socket (websocket "
        "framing, compressed when negotiated); *server CPU* is utime + stime of the server process "
        "(`/proc/<pid>/stat`) over the slice divided by the reruns it completed.", "",
        report.table(HEADER, rows), "",
        *(["### Goals", "", *goals(levels), ""] if args.app.resolve() == APP_SCRIPT else []),  # the app's goals only
    ])  # fmt: skip


def compression_options(mode: str) -> list[str]:
    """Streamlit options for ``--ws-compression``: none for ``config``, else the option set on or off."""
    return [] if mode == "config" else [f"server.enableWebsocketCompression={'true' if mode == 'on' else 'false'}"]


def deflate_note(levels: Sequence[Level]) -> str:
    """Whether the servers accepted the sessions' offer of permessage-deflate."""
    found = {r.deflate for lv in levels for r in lv.app + lv.floor}
    if found == {True}:
        return "accepted it (the websocket was compressed)"
    return "declined it (the websocket was not compressed)" if found == {False} else "accepted it on some slices"


def command_line(args: argparse.Namespace) -> str:
    """The command that reproduces this run."""
    parts = ["python -m bench.run", f"--slice {args.slice}", f"--sessions {args.sessions}"]
    parts += [] if args.no_step else [f"--step-sessions {args.step_sessions}"]
    parts += [f"--config {c}" for c in args.config] + ([f"--section {args.section}"] if args.section != "run" else [])
    parts += [f"--ws-compression {args.ws_compression}"] if args.ws_compression != "config" else []
    parts += ["--pages " + " ".join(f"'{p}'" for p in args.pages)] if args.pages else []
    parts += ["--no-step"] if args.no_step else []
    parts += [f"--app {args.app.resolve().relative_to(REPO)}"] if args.app.resolve() != APP_SCRIPT else []
    return " ".join(parts)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--slice", type=float, default=2.0, help="seconds per measured slice (default 2)")
    parser.add_argument("--sessions", default="1,10,30", help="levels for every page and the day step")
    parser.add_argument(
        "--step-sessions",
        default=str(THROUGHPUT_LEVEL),
        help=f"levels for the day step only (default {THROUGHPUT_LEVEL}, the throughput goal)",
    )
    parser.add_argument("--pages", nargs="+", default=None, help="URL paths with query (default: every page)")
    parser.add_argument("--no-step", action="store_true", help="skip the /recovery day step")
    parser.add_argument("--app", type=Path, default=APP_SCRIPT, help="app entry script")
    parser.add_argument("--config", action="append", default=[], metavar="KEY=VALUE",
                        help="extra Streamlit option for both servers, e.g. runner.postScriptGC=false")  # fmt: skip
    parser.add_argument(
        "--ws-compression",
        choices=("config", "on", "off"),
        default="config",
        help="websocket compression of both servers (default: as .streamlit/config.toml)",
    )
    parser.add_argument("--section", default="run", help="section of the markdown file to write (default run)")
    parser.add_argument("--output", type=Path, default=report.DOC_PATH, help="markdown file to update")
    parser.add_argument("--no-write", action="store_true", help="print only, do not update the markdown file")
    return parser.parse_args(argv)


async def measure(app: Server, floor: Server, args: argparse.Namespace) -> list[Level]:
    """Warm up, then measure every concurrency level."""
    pages = args.pages or DEFAULT_PAGES
    app_scenarios = scenarios(pages, not args.no_step)
    await warm_up(app, floor, app_scenarios)
    plan = {int(n): app_scenarios for n in args.sessions.split(",") if n}
    step_only = [s for s in app_scenarios if s.step]
    if step_only:  # a level of its own for the day step (none with --no-step)
        plan |= {int(n): step_only for n in args.step_sessions.split(",") if n and int(n) not in plan}
    levels = []
    for count in sorted(plan):
        print(f"{count} sessions", file=sys.stderr)
        levels.append(await measure_level(app, floor, plan[count], count, args.slice))
    return levels


def main(argv: Sequence[str] | None = None) -> None:
    """Start the app and the floor on free ports, measure, print and write the report."""
    args = parse_args(argv)
    args.load_at_start = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, ExitStack() as stack:
        options = (*args.config, *compression_options(args.ws_compression))
        app = stack.enter_context(Server(args.app, free_port(), Path(tmp) / "app.log", options=options))
        floor = stack.enter_context(Server(FLOOR_SCRIPT, free_port(), Path(tmp) / "floor.log", options=options))
        levels = asyncio.run(measure(app, floor, args))
    body = render(levels, args)
    print(body)
    if not args.no_write:
        report.write_section(args.section, body, args.output)


if __name__ == "__main__":
    main()
