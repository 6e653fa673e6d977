"""The collagen model: (treatment, week 0-52) -> relative response per marker, anchored on cited time points.

This is a model. Between the cited anchors the curve is a smooth cosine step; it never overshoots an anchor.
Collagen and elastin curves are scaled by the treatment's response per session relative to one fully
ablative treatment, so treatments can be drawn on one axis; signalling proteins are shown relative to
their own peak.
"""

from __future__ import annotations

import math
from typing import TypedDict

from dashboard.i18n import N_, _
from dashboard.models import Marker, Treatment

WEEKS = 52
SCALED_MARKERS = frozenset({"collagen-1", "collagen-3", "elastin"})
MODEL_LABEL = N_("Model anchored on published time points, not a prediction for one person")  # show: model_label()


def model_label() -> str:
    """MODEL_LABEL in the language of the run."""
    return _(MODEL_LABEL)


def marker_level(marker: Marker, week: float) -> float:
    """The marker's relative level (0-1 of its own peak) at a week, interpolated between anchors."""
    anchors = marker.anchors
    if week <= anchors[0].week:
        return anchors[0].level
    for a, b in zip(anchors, anchors[1:], strict=False):
        if week <= b.week:
            u = (week - a.week) / (b.week - a.week)
            return a.level + (b.level - a.level) * (1 - math.cos(math.pi * u)) / 2
    return anchors[-1].level


def session_weeks(sessions: int, interval_days: int) -> list[float]:
    """Week of each session of a course."""
    return [i * interval_days / 7 for i in range(sessions)]


class CurveRow(TypedDict):
    """One point of a marker's curve: its own level (0-1 of its peak) and the course's scaled response."""

    week: float
    marker_id: str
    marker: str
    level: float
    response: float
    illustrative: bool


class AnchorRow(TypedDict):
    """One cited (or modelled) time point of a marker, scaled like the curves."""

    week: float
    marker_id: str
    marker: str
    response: float
    level: float
    source: str
    measured: bool
    label: str


def build_collagen(
    t: Treatment, sessions: int = 1, interval_days: int = 0, weeks: int = WEEKS, step: float = 0.5
) -> list[CurveRow]:
    """Rows (week, marker, level, response) for weeks 0..weeks; `response` sums the sessions' responses."""
    starts = session_weeks(sessions, interval_days)
    rows: list[CurveRow] = []
    n = int(weeks / step)
    for marker in t.collagen.markers:
        scale = t.collagen.scale.per_session if marker.id in SCALED_MARKERS else 1.0
        for i in range(n + 1):
            week = i * step
            single = marker_level(marker, week)
            total = (
                sum(marker_level(marker, week - s) for s in starts if s <= week)
                if marker.id in (SCALED_MARKERS)
                else single
            )
            rows.append(
                {
                    "week": week,
                    "marker_id": marker.id,
                    "marker": marker.name,
                    "level": round(single, 4),
                    "response": round(total * scale, 4),
                    "illustrative": marker.illustrative,
                }
            )
    return rows


def build_anchors(t: Treatment) -> list[AnchorRow]:
    """The cited anchor points, scaled like the curves, for drawing as points with their source."""
    rows: list[AnchorRow] = []
    for marker in t.collagen.markers:
        scale = t.collagen.scale.per_session if marker.id in SCALED_MARKERS else 1.0
        for a in marker.anchors:
            rows.append(
                {
                    "week": a.week,
                    "marker_id": marker.id,
                    "marker": marker.name,
                    "response": round(a.level * scale, 4),
                    "level": a.level,
                    "source": a.source,
                    "measured": a.measured,
                    "label": a.label,
                }
            )
    return rows
