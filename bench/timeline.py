"""What the consult's Plotly timeline costs the server, built as a plain dict or as a validated Figure.

Usage: ``python -m bench.timeline [--repeats 30]``. For one plan (eCO2, two sessions) and for the same plan with a
nonablative course beside it: the domain's dict (dashboard/charts/plan_timeline.py), wrapping it in a
``go.Figure`` (Plotly validates every property), the same with ``skip_invalid=True``, and what ``st.plotly_chart``
does on every run with each (``plotly.tools.return_figure_from_figure_or_data(..., validate_figure=True)`` then
``plotly.io.to_json(..., validate=False)``: a dict is validated again, a Figure is copied with ``to_dict``). Best of
three rounds, milliseconds per call, on this machine as it is (print its load with the figures).
"""

from __future__ import annotations

import argparse
import json
import os
import timeit
from collections.abc import Callable
from datetime import date

import plotly.graph_objects as go
import plotly.io
import plotly.tools

from dashboard.charts.plan_timeline import build_plan_timeline
from dashboard.loader import load_dataset
from dashboard.plan import PlanRequest, TreatmentPlan, build_plan
from dashboard.recovery import Course, Personal, apply_modifiers

START = date(2026, 12, 1)
TODAY = date(2026, 12, 7)


def _ms(func: Callable[[], object], repeats: int) -> float:
    return min(timeit.repeat(func, number=repeats, repeat=3)) / repeats * 1000


def _run(given: object) -> str:
    """What st.plotly_chart does with a figure on every run."""
    return plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(given, True), validate=False)


def _row(label: str, courses: list[tuple[TreatmentPlan, Course]], repeats: int) -> str:
    figure = build_plan_timeline(courses, TODAY).figure
    wrapped = go.Figure(figure)
    cells = [
        _ms(lambda: build_plan_timeline(courses, TODAY).figure, repeats),
        _ms(lambda: go.Figure(figure), repeats),
        _ms(lambda: go.Figure(figure, skip_invalid=True), repeats),
        _ms(lambda: _run(figure), repeats),
        _ms(lambda: _run(wrapped), repeats),
    ]
    return f"| {label} | {len(json.dumps(figure))} | " + " | ".join(f"{c:.2f} ms" for c in cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30, help="calls per round (default 30)")
    args = parser.parse_args(argv)
    data = load_dataset()

    def plan(tid: str, sessions: int) -> tuple[TreatmentPlan, Course]:
        course = apply_modifiers(data.treatment(tid), Personal())
        return build_plan(course, PlanRequest(tid, START, sessions)), course

    print(f"load average: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        "| plan | JSON bytes | build the dict | go.Figure(dict) | go.Figure(dict, skip_invalid=True) "
        "| a run given the dict | a run given the Figure |"
    )
    print("|---|---|---|---|---|---|---|")
    print(_row("eCO2, 2 sessions", [plan("eco2", 2)], args.repeats))
    print(_row("eCO2, 2 sessions, beside NAFL 1,550, 3", [plan("eco2", 2), plan("nafl-1550", 3)], args.repeats))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
