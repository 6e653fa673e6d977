"""Capacity: how many reading patients one app process serves, and three behind nginx, with the day step quick.

An open-loop load over Streamlit's own websocket protocol (bench/client.py): N sessions, each opening a deep link to
the day view (a treatment, a day and a language drawn at random, as the links and QR codes on handouts differ) at a
random moment of the first ``--spread`` seconds, then stepping one day on every ~30 s (``--think``, each gap drawn
uniformly from half to one and a half of it), as a patient reading each day does. The schedule does not wait for the
server: a step is due at its time whether the last one was quick or slow (only a session's own previous step must
have finished, as in a browser). A level passes when the day step's p95 over the measuring window (from the end of
the spread to the end) is at most ``--p95-ms`` and nothing failed (exceptions shown, lost connections, timeouts).

Levels run from the smallest up and stop at the first that fails; ``--refine`` then tries the middle between the
last pass and the first failure. Recorded per level: latencies of the steps and of the deep links, server CPU (all
app processes, from /proc/<pid>/stat) as a share of one core, their RSS at the end, this load generator's own CPU,
and what every other process on the machine used meanwhile (from /proc/stat), since the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bench import report
from bench.client import BrowserlessSession, Sample
from bench.loadgen import close_sessions, open_sessions
from bench.proxy import NGINX_CONF, brotli_available, ensure_nginx, local_config, start_nginx
from bench.servers import APP_SCRIPT, Server, compress_static, cpu_seconds, free_port, rss_mib, wait_healthy

TREATMENTS = ("eco2", "co2-full", "nafl-1550", "nafl-1927")
LANGUAGES = ("en", "es")
FIRST_DAYS = range(0, 15)


@dataclass
class Level:
    """One level of load on one target: what the sessions saw and what the machine spent."""

    target: str
    sessions: int
    opens: list[Sample] = field(default_factory=list)
    steps: list[Sample] = field(default_factory=list)
    lost: int = 0  # sessions that could not connect
    wall_s: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    machine_busy_s: float = 0.0  # every core's busy time on the machine meanwhile
    nginx_cpu_s: float = 0.0
    rss_mib: tuple[float, ...] = ()
    rss_idle_mib: tuple[float, ...] = ()

    @property
    def step_seconds(self) -> list[float]:
        return [s.seconds for s in self.steps if s.ok]

    @property
    def errors(self) -> int:
        return self.lost + sum(s.errors for s in self.opens) + sum(s.errors for s in self.steps)

    def p95_ms(self) -> float:
        return report.percentile(self.step_seconds, 95) * 1000

    def passed(self, p95_ms: float) -> bool:
        return self.errors == 0 and bool(self.steps) and self.p95_ms() <= p95_ms

    @property
    def others_cores(self) -> float:
        """Cores' worth of CPU that processes other than the servers, nginx and this generator used."""
        own = self.server_cpu_s + self.client_cpu_s + self.nginx_cpu_s
        return max(0.0, self.machine_busy_s - own) / self.wall_s if self.wall_s else float("nan")


def machine_busy_seconds() -> float:
    """Busy CPU seconds of all cores since boot (/proc/stat: everything but idle and iowait)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and its children (nginx's master and its workers)."""
    total = cpu_seconds(pid)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended meanwhile
            continue
        if int(text.rsplit(")", 1)[1].split()[1]) == pid:
            total += cpu_seconds(int(stat.parent.name))
    return total


def spread_for(count: int, args: argparse.Namespace) -> float:
    """Seconds over which the deep links of a level open: at least --spread, at most --open-rate links a second."""
    return max(args.spread, count / args.open_rate)


def deep_link(rng: random.Random) -> str:
    """A handout's link: a treatment, a day of the first two weeks and a language."""
    return f"/recovery?treatment={rng.choice(TREATMENTS)}&day={rng.choice(FIRST_DAYS)}&lang={rng.choice(LANGUAGES)}"


async def patient(session: BrowserlessSession, level: Level, rng: random.Random, start: float, measure_from: float,
                  stop: float, spread: float, think: float) -> None:  # fmt: skip
    """One reader: a deep link at a random moment of the spread, then a day step every ~think seconds until stop."""
    due = start + rng.uniform(0, spread)
    await asyncio.sleep(max(0.0, due - time.monotonic()))
    opened = await session.open(deep_link(rng), "open")
    level.opens.append(opened)
    if not opened.ok:
        return
    while True:
        due += think * rng.uniform(0.5, 1.5)
        if due >= stop:
            return
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        _, sample = await session.day_step("day step")
        if due >= measure_from:
            level.steps.append(sample)
        if not sample.ok:
            return


async def run_level(target: str, host: str, port: int, count: int, pids: Sequence[int], nginx_pid: int | None,
                    args: argparse.Namespace, seed: int) -> Level:  # fmt: skip
    """Connect ``count`` sessions, run the open-loop schedule, and account for the CPU and memory it took."""
    level = Level(target, count)
    rng = random.Random(seed)
    level.rss_idle_mib = tuple(rss_mib(pid) for pid in pids)
    try:
        sessions = await open_sessions(host, port, count, want_cookie=nginx_pid is not None)
    except Exception:  # noqa: BLE001 - a refused connection is a failed level, not a crash of the bench
        level.lost = count
        return level
    cpu0 = [cpu_seconds(pid) for pid in pids]
    nginx0 = tree_cpu_seconds(nginx_pid) if nginx_pid else 0.0
    busy0, client0, start = machine_busy_seconds(), time.process_time(), time.monotonic()
    spread = spread_for(count, args)
    measure_from, stop = start + spread, start + spread + args.measure
    await asyncio.gather(*(patient(s, level, random.Random(rng.random()), start, measure_from, stop, spread,
                                   args.think) for s in sessions))  # fmt: skip
    level.wall_s = time.monotonic() - start
    level.server_cpu_s = sum(cpu_seconds(pid) - c for pid, c in zip(pids, cpu0, strict=True))
    level.nginx_cpu_s = tree_cpu_seconds(nginx_pid) - nginx0 if nginx_pid else 0.0
    level.client_cpu_s = time.process_time() - client0
    level.machine_busy_s = machine_busy_seconds() - busy0
    level.rss_mib = tuple(rss_mib(pid) for pid in pids)
    await close_sessions(sessions)
    await asyncio.sleep(2)  # let the servers end the sessions before the next level
    return level


async def climb(target: str, host: str, port: int, pids: Sequence[int], nginx_pid: int | None,
                args: argparse.Namespace) -> list[Level]:  # fmt: skip
    """Run the levels from the smallest up to the first failure, then (with --refine) the middle once."""
    done: list[Level] = []
    for count in args.levels:
        level = await run_level(target, host, port, count, pids, nginx_pid, args, seed=count)
        print(line(level, args), flush=True)
        done.append(level)
        if not level.passed(args.p95_ms):
            break
    passed = [lv.sessions for lv in done if lv.passed(args.p95_ms)]
    failed = [lv.sessions for lv in done if not lv.passed(args.p95_ms)]
    if args.refine and passed and failed and failed[0] - max(passed) > 1:
        middle = (max(passed) + failed[0]) // 2
        level = await run_level(target, host, port, middle, pids, nginx_pid, args, seed=middle)
        print(line(level, args), flush=True)
        done.append(level)
    return sorted(done, key=lambda lv: lv.sessions)


def line(level: Level, args: argparse.Namespace) -> str:
    """One level as a line of the log."""
    verdict = "pass" if level.passed(args.p95_ms) else "FAIL"
    return (
        f"{level.target} N={level.sessions}: {len(level.steps)} steps, p95 {report.fmt(level.p95_ms())} ms, "
        f"errors {level.errors}, server {report.fmt(level.server_cpu_s / max(level.wall_s, 1e-9) * 100)} % of "
        f"a core, others {report.fmt(level.others_cores, 2)} cores: {verdict}"
    )


def row(level: Level, args: argparse.Namespace) -> list[str]:
    """One level as a row of the report."""
    steps, opens = level.step_seconds, [s.seconds for s in level.opens if s.ok]
    rate = len(level.steps) / args.measure
    verdict = "**pass**" if level.passed(args.p95_ms) else "fail"
    return [level.target, str(level.sessions), str(len(level.steps)), report.fmt(rate, 1),
            report.fmt(report.percentile(steps, 50) * 1000), report.fmt(level.p95_ms()),
            report.fmt(report.percentile(steps, 99) * 1000), report.fmt(report.percentile(opens, 95) * 1000),
            str(level.errors), report.fmt(level.server_cpu_s / level.wall_s * 100 if level.wall_s else float("nan")),
            " / ".join(report.fmt(r, 0) for r in level.rss_mib), report.fmt(level.client_cpu_s / level.wall_s * 100
                                                                            if level.wall_s else float("nan")),
            report.fmt(level.others_cores, 2), verdict]  # fmt: skip


def capacity(levels: Sequence[Level], p95_ms: float) -> int:
    """The largest number of sessions that passed (0 when none did)."""
    return max((lv.sessions for lv in levels if lv.passed(p95_ms)), default=0)


def render(results: dict[str, list[Level]], args: argparse.Namespace, load: str) -> str:
    """The markdown section."""
    rows = [row(level, args) for levels in results.values() for level in levels]
    found = "; ".join(f"{target}: **{capacity(levels, args.p95_ms)}** sessions" for target, levels in results.items())
    per_session = []
    for target, levels in results.items():
        sized = [lv for lv in levels if lv.rss_mib]
        if len(sized) >= 2 and sized[-1].sessions > sized[0].sessions:
            grown = sum(sized[-1].rss_mib) - sum(sized[0].rss_mib)
            per_session.append(
                f"{target}: {report.fmt(grown / (sized[-1].sessions - sized[0].sessions) * 1024, 0)} "
                f"KiB ({sized[0].sessions} to {sized[-1].sessions} sessions)"
            )
    return "\n".join([
        "## Capacity (open loop, reading patients)" + ("" if args.section == "capacity" else
                                                        f": {args.section.replace('_', ' ')}"), "",
        f"Command: `{command(args)}` (load average at start, 1/5/15 min: {load}). Each session opens a deep link to "
        f"`/recovery` (treatment, day 0–14 and language at random) at a random moment of the first {args.spread:.0f} "
        f"s (longer for large levels: at most {args.open_rate:g} links a second, as patients arriving), then steps "
        f"one day on every {args.think:.0f} s on average (each gap uniform from "
        f"{args.think / 2:.0f} to {args.think * 1.5:.0f} s), without waiting for the server. Measured: the day steps "
        f"due in the {args.measure:.0f} s after that. A level passes with the step's p95 ≤ {args.p95_ms:.0f} ms "
        "and no error. *Server CPU*: all app processes together, % of one core; *RSS*: each app process at the end; "
        "*generator*: this load generator's own CPU (it runs on the same cores); *others*: cores' worth used by every "
        "other process on the machine meanwhile.", "",
        report.table(["target", "sessions", "steps measured", "steps/s", "step p50 ms", "step p95 ms", "step p99 ms",
                      "deep link p95 ms", "errors", "server CPU %", "RSS MiB", "generator CPU %", "others (cores)",
                      "verdict"], rows), "",
        f"- largest passing level: {found}",
        f"- server memory per open session (growth of the RSS from the smallest level to the largest, divided by the "
        "sessions added): "
        f"{', '.join(per_session) or '–'}", "",
    ])  # fmt: skip


def command(args: argparse.Namespace) -> str:
    """The command line of this run."""
    levels = ",".join(str(n) for n in args.levels)
    parts = [
        f"python -m bench.capacity --targets {','.join(args.targets)} --levels {levels}",
        f"--think {args.think:g} --spread {args.spread:g} --open-rate {args.open_rate:g} --measure {args.measure:g}",
    ]
    if args.refine:
        parts.append("--refine")
    if args.section != "capacity":
        parts.append(f"--section {args.section}")
    return " ".join(parts)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.capacity", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--targets",
        type=lambda s: s.split(","),
        default=["one", "nginx+3"],
        help="one (a process on its own) and/or nginx+3 (three behind nginx); default both",
    )
    parser.add_argument(
        "--levels",
        type=lambda s: [int(n) for n in s.split(",")],
        default=[100, 200, 400, 600, 800, 1000, 1200, 1500, 2000],
        help="sessions per level",
    )
    parser.add_argument("--think", type=float, default=30.0, help="mean seconds between day steps (default 30)")
    parser.add_argument("--spread", type=float, default=30.0, help="seconds over which the deep links open")
    parser.add_argument(
        "--open-rate",
        type=float,
        default=20.0,
        help="deep links opened per second at most, which lengthens the spread (default 20)",
    )
    parser.add_argument("--measure", type=float, default=60.0, help="seconds of day steps measured per level")
    parser.add_argument("--p95-ms", type=float, default=300.0, help="the day step's p95 goal (default 300 ms)")
    parser.add_argument("--refine", action="store_true", help="also try the middle of the last pass and first fail")
    parser.add_argument("--app", type=Path, default=APP_SCRIPT, help="app entry script")
    parser.add_argument("--output", type=Path, default=report.DOC_PATH, help="markdown file to update")
    parser.add_argument("--section", default="capacity", help="section of the markdown file to write")
    parser.add_argument("--no-write", action="store_true", help="print only")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Start the servers for each target, climb the levels, write the report."""
    args = parse_args(argv)
    load = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    compress_static()
    results: dict[str, list[Level]] = {}
    for target in args.targets:
        with tempfile.TemporaryDirectory(prefix="capacity-") as tmp, ExitStack() as stack:
            prefix = Path(tmp)
            if target == "one":
                app = stack.enter_context(Server(args.app, free_port(), prefix / "app.log"))
                results[target] = asyncio.run(climb(target, app.address, app.port, [app.pid], None, args))
            elif target == "nginx+3":
                nginx = ensure_nginx()
                apps = [stack.enter_context(Server(args.app, free_port(), prefix / f"app{i}.log")) for i in (1, 2, 3)]
                port = free_port()
                conf = prefix / "nginx.conf"
                text = local_config(NGINX_CONF.read_text(), [a.port for a in apps], port, prefix, brotli_available())
                conf.write_text(re.sub(r"(?m)^\s*access_log .*$", "    access_log off;", text))
                proc = start_nginx(nginx, conf)
                stack.callback(proc.wait)
                stack.callback(proc.terminate)
                wait_healthy(f"http://127.0.0.1:{port}", proc)
                pids = [a.pid for a in apps]
                results[target] = asyncio.run(climb(target, "127.0.0.1", port, pids, proc.pid, args))
            else:
                raise SystemExit(f"unknown target {target!r} (one, nginx+3)")
    body = render(results, args, load)
    print(body)
    if not args.no_write:
        report.write_section(args.section, body, args.output)


if __name__ == "__main__":
    main()
