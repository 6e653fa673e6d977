"""Closed-loop load: N browserless sessions rerun a page (or step the day) as fast as the server answers."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.client import BrowserlessSession, Sample
from bench.servers import cpu_seconds

CONNECT_BATCH = 10


@dataclass(frozen=True)
class Scenario:
    """A page to rerun by URL, or a day step on a page when ``step`` is true."""

    name: str
    url: str
    step: bool = False


@dataclass
class SliceResult:
    """All samples of one scenario on one server at one concurrency, with the wall time they took."""

    target: str
    scenario: Scenario
    sessions: int
    wall_s: float = 0.0
    samples: list[Sample] = field(default_factory=list)
    modes: Counter[str] = field(default_factory=Counter)
    cpu_s: float = float("nan")  # CPU seconds the server process used during the slice, when its pid was given
    deflate: bool = False  # every session's websocket negotiated permessage-deflate

    @property
    def seconds(self) -> list[float]:
        """Latencies of the completed runs."""
        return [s.seconds for s in self.samples if s.ok]

    @property
    def errors(self) -> int:
        """Exceptions shown, pages not found, failed or timed-out runs."""
        return sum(s.errors for s in self.samples)

    @property
    def throughput(self) -> float:
        """Completed reruns per second of wall time."""
        return len(self.seconds) / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def payload_per_rerun(self) -> float:
        """Mean ForwardMsg bytes the server sent per completed rerun (NaN without any)."""
        done = [s.payload_bytes for s in self.samples if s.ok]
        return sum(done) / len(done) if done else float("nan")

    @property
    def wire_per_rerun(self) -> float:
        """Mean bytes on the socket per completed rerun: framing included, compressed when negotiated."""
        done = [s.wire_bytes for s in self.samples if s.ok]
        return sum(done) / len(done) if done else float("nan")

    @property
    def cpu_ms_per_rerun(self) -> float:
        """Server CPU milliseconds per completed rerun (NaN when not measured or nothing completed)."""
        done = len(self.seconds)
        return self.cpu_s * 1000 / done if done else float("nan")

    def error_details(self) -> list[str]:
        """Distinct error messages, for the log."""
        return sorted({s.detail for s in self.samples if s.errors and s.detail})


def merge(results: Sequence[SliceResult]) -> SliceResult:
    """Several slices of one scenario, target and concurrency as one (samples, wall time and CPU added up)."""
    first = results[0]
    out = SliceResult(first.target, first.scenario, first.sessions, deflate=all(r.deflate for r in results))
    for r in results:
        out.samples += r.samples
        out.modes.update(r.modes)
        out.wall_s += r.wall_s
        out.cpu_s = r.cpu_s if out.cpu_s != out.cpu_s else out.cpu_s + r.cpu_s
    return out


async def open_sessions(
    host: str, port: int, count: int, want_cookie: bool = False, compression: bool = True
) -> list[BrowserlessSession]:
    """Connect ``count`` sessions, a batch at a time so the server is not flooded with handshakes."""
    sessions = [BrowserlessSession(host, port, want_cookie=want_cookie, compression=compression) for _ in range(count)]
    for start in range(0, count, CONNECT_BATCH):
        await asyncio.gather(*(s.connect() for s in sessions[start : start + CONNECT_BATCH]))
    return sessions


async def close_sessions(sessions: Sequence[BrowserlessSession]) -> None:
    """Close every session."""
    await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)


async def _loop(session: BrowserlessSession, scenario: Scenario, deadline: float, out: SliceResult) -> None:
    """Rerun one session until the deadline, recording each sample; a lost connection ends the session."""
    while time.perf_counter() < deadline:
        if scenario.step:
            mode, sample = await session.day_step(scenario.name)
            out.modes[mode] += 1
        else:
            sample = await session.open(scenario.url, scenario.name)
        out.samples.append(sample)
        if not sample.ok:
            await session.close()
            await session.connect()


async def drive(
    target: str, sessions: Sequence[BrowserlessSession], scenario: Scenario, seconds: float, pid: int | None = None
) -> SliceResult:
    """Measure closed-loop reruns for a while; a day step first opens its page in every session (untimed).

    A page scenario's first run in each session is the navigation to it, and is measured like the others.
    With ``pid``, the server process's CPU time over the slice is recorded too.
    """
    if scenario.step:
        await asyncio.gather(*(s.open(scenario.url, "prepare") for s in sessions))
    out = SliceResult(target, scenario, len(sessions), deflate=bool(sessions) and all(s.deflate for s in sessions))
    cpu_before = cpu_seconds(pid) if pid is not None else float("nan")
    start = time.perf_counter()
    await asyncio.gather(*(_loop(s, scenario, start + seconds, out) for s in sessions))
    out.wall_s = time.perf_counter() - start
    if pid is not None:
        out.cpu_s = cpu_seconds(pid) - cpu_before
    return out
