"""Profile a page in-process: run it N times with ``streamlit.testing.v1.AppTest`` under pyinstrument.

Usage: ``python -m bench.profile --out out/recovery.html [--page pages/recovery.py] [--runs 20]
[--query day=5] [--step]``. ``--step`` moves the day slider one day per run (a day step) instead of
rerunning the page as loaded. The output is HTML when the path ends in ``.html``, else text.

Note: AppTest runs the script in-process, so this shows the script's own time (data loading, models,
chart building, element serialisation), not the server's work around it (websocket, session, the
``gc.collect`` that Streamlit runs after every script run; see docs/benchmarks.md for that part).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import parse_qsl

from pyinstrument import Profiler
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


def profile_runs(at: AppTest, runs: int, step: bool) -> Profiler:
    """Rerun (or day-step) the page ``runs`` times under the profiler."""
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(runs):
        if step:
            step_day(at)
        else:
            at.run()
    profiler.stop()
    _raise_on_exception(at)
    return profiler


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output file (.html for HTML, else text)")
    parser.add_argument("--page", default=DEFAULT_PAGE, help=f"page script (default {DEFAULT_PAGE})")
    parser.add_argument("--query", default="treatment=eco2&day=5", help="query string for the first load")
    parser.add_argument("--runs", type=int, default=20, help="reruns to profile (default 20)")
    parser.add_argument("--step", action="store_true", help="step the day slider on each run")
    parser.add_argument("--app", type=Path, default=APP_SCRIPT, help="app entry script")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Load the page, profile N runs, write the profile."""
    args = parse_args(argv)
    profiler = profile_runs(load(args.app, args.page, args.query), args.runs, args.step)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.out.suffix == ".html":
        args.out.write_text(profiler.output_html())
    else:
        args.out.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    session = profiler.last_session
    per_run = session.duration / args.runs * 1000 if session else float("nan")
    print(f"{args.runs} runs, {per_run:.1f} ms per run (profiled); wrote {args.out}")


if __name__ == "__main__":
    main()
