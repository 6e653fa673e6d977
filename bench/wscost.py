"""What websocket compression costs and saves: the day step against a server with permessage-deflate on and one
with it off, in alternating slices.

Usage: ``python -m bench.wscost [--slice 5] [--sessions 10,20] [--rounds 2]``

Both servers serve the app as `make run` does and differ only in ``server.enableWebsocketCompression``. The
sessions offer permessage-deflate as Chromium does (``client_max_window_bits``); the server with compression off
declines it. Bytes: the ForwardMsg payload per step, and what arrived on the session's socket (framing included,
compressed when negotiated). CPU: utime + stime of each server process over its slices, per completed step.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from bench import report
from bench.loadgen import Scenario, SliceResult, close_sessions, drive, merge, open_sessions
from bench.run import DAY_STEP_URL, compression_options
from bench.servers import APP_SCRIPT, Server, free_port

STEP = Scenario("day step /recovery", DAY_STEP_URL, step=True)
MODES = ("on", "off")
HEADER = ("sessions", "compression", "day steps/s", "p50 ms", "p95 ms", "KiB payload/step", "KiB on the wire/step",
          "server CPU ms/step", "errors")  # fmt: skip


async def warm_up(servers: dict[str, Server]) -> None:
    """A few day steps on each server, so imports and caches are warm before measuring."""
    for server in servers.values():
        sessions = await open_sessions(server.address, server.port, 1)
        await drive("warmup", sessions, STEP, 2.0)
        await close_sessions(sessions)


async def measure(servers: dict[str, Server], levels: Sequence[int], rounds: int, slice_s: float) -> list[SliceResult]:
    """For each level, ``rounds`` pairs of slices (on, then off), merged per server."""
    results = []
    for count in levels:
        sessions = {mode: await open_sessions(s.address, s.port, count) for mode, s in servers.items()}
        slices: dict[str, list[SliceResult]] = {mode: [] for mode in servers}
        try:
            for _ in range(rounds):
                for mode, server in servers.items():
                    slices[mode].append(await drive(mode, sessions[mode], STEP, slice_s, server.pid))
                    _log(slices[mode][-1])
        finally:
            for open_ in sessions.values():
                await close_sessions(open_)
        results += [merge(slices[mode]) for mode in servers]
    return results


def _log(result: SliceResult) -> None:
    """Progress line on stderr."""
    print(f"  {result.sessions:>3} x compression {result.target}: {result.throughput:.1f} steps/s, "
          f"{report.kib(result.wire_per_rerun)} KiB on the wire, CPU {report.fmt(result.cpu_ms_per_rerun)} ms/step, "
          f"{result.errors} errors", file=sys.stderr)  # fmt: skip


def row(result: SliceResult) -> list[str]:
    """One table row: throughput, latency, bytes and server CPU per step."""
    label = result.target + ("" if result.deflate == (result.target == "on") else " (not as configured!)")
    p50, p95 = (report.percentile(result.seconds, q) * 1000 for q in (50, 95))
    return [
        str(result.sessions), label, report.fmt(result.throughput), report.fmt(p50), report.fmt(p95),
        report.kib(result.payload_per_rerun), report.kib(result.wire_per_rerun), report.fmt(result.cpu_ms_per_rerun),
        str(result.errors),
    ]  # fmt: skip


def summary(results: Sequence[SliceResult]) -> list[str]:
    """One line per level: what compression costs (server CPU, throughput) and saves (bytes on the wire)."""
    lines = []
    for count in sorted({r.sessions for r in results}):
        by_mode = {r.target: r for r in results if r.sessions == count}
        on, off = by_mode.get("on"), by_mode.get("off")
        if on is None or off is None:
            continue
        wire = report.fmt(report.ratio(on.wire_per_rerun, off.wire_per_rerun), 2)
        cpu = report.fmt(on.cpu_ms_per_rerun - off.cpu_ms_per_rerun)
        cpu_ratio = report.fmt(report.ratio(on.cpu_ms_per_rerun, off.cpu_ms_per_rerun), 2)
        throughput = report.fmt(report.ratio(on.throughput, off.throughput), 2)
        lines.append(
            f"- {count} sessions: compression sends {wire}× the bytes ({report.kib(on.wire_per_rerun)} vs "
            f"{report.kib(off.wire_per_rerun)} KiB per step), costs {cpu} ms of server CPU per step ({cpu_ratio}×) "
            f"and gives {throughput}× the day steps per second"
        )
    return lines


def render(results: Sequence[SliceResult], args: argparse.Namespace) -> str:
    """The markdown section: the table and one line per level."""
    return "\n".join([
        "## Websocket compression", "",
        f"Command: `{command_line(args)}` (load average at start, 1/5/15 min: {args.load_at_start})", "",
        "Two app servers, `server.enableWebsocketCompression` on and off, the day step on /recovery in "
        f"closed-loop slices of {args.slice} s, alternating between them ({args.rounds} per server and level). "
        "Sessions offer permessage-deflate as Chromium does. *KiB payload* is the ForwardMsg bytes per step; *on "
        "the wire* what arrived on the session's socket (framing included, compressed when negotiated); *server "
        "CPU* is utime + stime of the server process (`/proc/<pid>/stat`) over its slices per completed step.", "",
        report.table(HEADER, [row(r) for r in results]), "", *summary(results), "",
    ])  # fmt: skip


def command_line(args: argparse.Namespace) -> str:
    """The command that reproduces this run."""
    return f"python -m bench.wscost --slice {args.slice} --sessions {args.sessions} --rounds {args.rounds}"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.wscost", description=__doc__.splitlines()[0])
    parser.add_argument("--slice", type=float, default=5.0, help="seconds per slice (default 5)")
    parser.add_argument("--sessions", default="10,20", help="concurrency levels (default 10,20)")
    parser.add_argument("--rounds", type=int, default=2, help="slices per server and level (default 2)")
    parser.add_argument("--app", type=Path, default=APP_SCRIPT, help="app entry script")
    parser.add_argument("--output", type=Path, default=report.DOC_PATH, help="markdown file to update")
    parser.add_argument("--no-write", action="store_true", help="print only")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Start a server with compression and one without, measure, print and write the report."""
    args = parse_args(argv)
    args.load_at_start = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    levels = [int(n) for n in args.sessions.split(",") if n]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, ExitStack() as stack:
        servers = {
            mode: stack.enter_context(Server(args.app, free_port(), Path(tmp) / f"{mode}.log",
                                             options=tuple(compression_options(mode))))
            for mode in MODES
        }  # fmt: skip

        async def run() -> list[SliceResult]:
            await warm_up(servers)
            return await measure(servers, levels, args.rounds, args.slice)

        results = asyncio.run(run())
    body = render(results, args)
    print(body)
    if not args.no_write:
        report.write_section("wscost", body, args.output)


if __name__ == "__main__":
    main()
