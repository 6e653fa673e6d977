"""Profile a page in-process: run it N times with ``streamlit.testing.v1.AppTest`` under pyinstrument.

Usage: ``python -m bench.profile --out out/recovery.html [--page pages/recovery.py] [--runs 20]
[--query day=5] [--step]``, or ``python -m bench.profile --server --out out/server.txt``.
``--step`` moves the day slider one day per run (a day step) instead of
rerunning the page as loaded. The output is HTML when the path ends in ``.html``, else text.

AppTest runs the script in-process, so that shows the script's own time (data loading, models, chart
building, element serialisation), not the server's work around it. ``--server`` instead samples a real
``streamlit run`` with py-spy (all threads, when ``py-spy`` is installed) while browserless sessions step
the day, and writes the functions with the most samples (inclusive), e.g. Streamlit's ``gc.collect``
after every run.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import reduce
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from pyinstrument import Profiler
from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer
from pyinstrument.session import Session
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from bench.servers import APP_SCRIPT

DEFAULT_PAGE = "pages/recovery.py"
TIMEOUT_S = 60.0


def load(app: Path, page: str, query: str) -> AppTest:
    """The app at a page with a query string, run once (so caches are warm, as on a live server)."""
    at = AppTest.from_file(str(app), default_timeout=TIMEOUT_S)
    for key, value in parse_qsl(query, keep_blank_values=True):
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    _raise_on_exception(at)
    return at


def _raise_on_exception(at: AppTest) -> None:
    """Fail loudly when the page showed an exception: a profile of a broken page misleads."""
    if at.exception:
        raise SystemExit(f"the page raised: {at.exception[0].value}")


def step_day(at: AppTest) -> None:
    """Move the first slider whose label mentions the day one step on (wrapping at its end)."""
    slider = next(s for s in at.slider if "day" in s.label.lower())
    value = int(slider.value)
    slider.set_value(value + 1 if value < slider.max else slider.min).run()


@contextmanager
def profiling_script_runs(sessions: list[Session]) -> Iterator[None]:
    """Profile each script run in the thread that runs it (AppTest runs scripts off the calling thread)."""
    original = script_runner.exec_func_with_error_handling

    def profiled(func: Any, ctx: Any) -> Any:
        profiler = Profiler(interval=0.0005)
        profiler.start()
        try:
            return original(func, ctx)
        finally:
            profiler.stop()
            if profiler.last_session is not None:
                sessions.append(profiler.last_session)

    script_runner.exec_func_with_error_handling = profiled
    try:
        yield
    finally:
        script_runner.exec_func_with_error_handling = original


def profile_runs(at: AppTest, runs: int, step: bool) -> Session:
    """Rerun (or day-step) the page ``runs`` times, profiling the script's thread; one combined session."""
    sessions: list[Session] = []
    with profiling_script_runs(sessions):
        for _ in range(runs):
            if step:
                step_day(at)
            else:
                at.run()
    _raise_on_exception(at)
    return reduce(Session.combine, sessions)


def server_profile(app: Path, out: Path, seconds: float, sessions: int) -> None:
    """Sample a live server with py-spy while sessions step the day; write inclusive sample counts."""
    import asyncio
    import shutil
    import subprocess
    import sys
    import tempfile

    from bench.loadgen import Scenario, close_sessions, drive, open_sessions
    from bench.run import DAY_STEP_URL
    from bench.servers import Server, free_port

    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        raise SystemExit("py-spy is not installed: pip install py-spy")
    scenario = Scenario("day step", DAY_STEP_URL, step=True)

    async def load(server: Server) -> None:
        """Warm up, then step the day until the sampling window is over."""
        open_ = await open_sessions(server.address, server.port, sessions)
        await drive("warmup", open_, scenario, 2.0)
        await drive("profile", open_, scenario, seconds)
        await close_sessions(open_)

    with tempfile.TemporaryDirectory(prefix="profile-") as tmp, Server(app, free_port(), Path(tmp) / "a.log") as srv:
        raw = Path(tmp) / "raw.txt"
        cmd = [spy, "record", "-p", str(srv.pid), "-d", str(int(seconds) + 2), "-r", "250", "-f", "raw",
               "-o", str(raw), "--nonblocking"]  # fmt: skip
        with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as spy_proc:
            asyncio.run(load(srv))
            spy_proc.wait()
        out.write_text(summarise_raw(raw.read_text()))


def summarise_raw(raw: str, top: int = 60) -> str:
    """Inclusive samples per function from py-spy's raw (collapsed) output, idle threads left out."""
    from collections import Counter

    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if not count.isdigit() or _idle(frames[-1]):
            continue
        total += int(count)
        for frame in set(frames):
            inclusive[frame] += int(count)
    script = max((n for frame, n in inclusive.items() if frame.startswith("ScriptRunner._run_script_thread")),
                 default=0)  # fmt: skip
    rows = [f"{n / total:6.1%}  {n / script if script else 0:6.1%}  {n:6d}  {frame}"
            for frame, n in inclusive.most_common(top)]  # fmt: skip
    head = f"busy samples: {total}, in the script-runner threads: {script}\n% busy  % script  samples  function\n"
    return head + "\n".join(rows) + "\n"


def _idle(leaf: str) -> bool:
    """Whether a leaf frame is a thread waiting (selector, lock, queue) rather than working."""
    idle = ("select (selectors", "wait (threading", "_worker (concurrent", "get (queue", "polling_path_watcher.py:90")
    return any(word in leaf for word in idle)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output file (.html for HTML, else text)")
    parser.add_argument("--page", default=DEFAULT_PAGE, help=f"page script (default {DEFAULT_PAGE})")
    parser.add_argument("--query", default="treatment=eco2&day=5", help="query string for the first load")
    parser.add_argument("--runs", type=int, default=20, help="reruns to profile (default 20)")
    parser.add_argument("--step", action="store_true", help="step the day slider on each run")
    parser.add_argument("--app", type=Path, default=APP_SCRIPT, help="app entry script")
    parser.add_argument("--server", action="store_true", help="sample a live server with py-spy instead")
    parser.add_argument("--seconds", type=float, default=15.0, help="--server: sampling window (default 15)")
    parser.add_argument("--sessions", type=int, default=4, help="--server: concurrent sessions (default 4)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Load the page, profile N runs, write the profile."""
    args = parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.server:
        server_profile(args.app, args.out, args.seconds, args.sessions)
        print(f"wrote {args.out}")
        return
    session = profile_runs(load(args.app, args.page, args.query), args.runs, args.step)
    renderer = HTMLRenderer() if args.out.suffix == ".html" else ConsoleRenderer(unicode=True, color=False)
    args.out.write_text(renderer.render(session))
    print(f"{args.runs} runs, {session.duration / args.runs * 1000:.1f} ms of script per run; wrote {args.out}")


if __name__ == "__main__":
    main()
