"""Drawing the compare page: totals, the course timeline, the same-day cross-section, the claim and the evidence.

Every text and chart here is made once per data version, choice of courses, language and link rule, and shared
between sessions (dashboard/ui/memo.py); a rerun only lays them out. The choice is a small hashable record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import streamlit as st

from dashboard.charts import DAY_DATA, finished_spec
from dashboard.charts.compare import build_timeline_chart, day_rows
from dashboard.charts.palette import Scheme, palette
from dashboard.compare import CourseSummary, axis_end, build_cross_section, build_summaries, build_timeline_rows
from dashboard.i18n import _, ngettext
from dashboard.models import Dataset
from dashboard.params import View
from dashboard.recovery import Course
from dashboard.texts.compare import TIMELINE_KEY, CompareTexts, DayCards, build_compare_texts, day_cards
from dashboard.ui.common import arrow_rows, browser_scheme, course_of, dataset_of, with_data_apart
from dashboard.ui.memo import RunKey, memo


@dataclass(frozen=True)
class Choice:
    """What the compare page shows: the courses (each with the number of sessions asked for, None for the usual)
    and the person's modifiers. Hashable: the key of everything made once."""

    courses: tuple[tuple[str, int | None], ...]
    area: str
    intensity: str
    phototype: int | None

    @classmethod
    def of(cls, view: View, ids: list[str], sessions: dict[str, int]) -> Choice:
        return cls(tuple((tid, sessions.get(tid)) for tid in ids), view.area, view.intensity, view.phototype)

    @property
    def ids(self) -> list[str]:
        return [tid for tid, _n in self.courses]


def render_session_controls(dataset: Dataset, ids: list[str], page: str) -> dict[str, int]:
    """A sessions slider per treatment whose data allows more than one number (kept out of the URL)."""
    chosen: dict[str, int] = {}
    adjustable = [
        tid for tid in ids if dataset.treatments[tid].course.sessions.max > dataset.treatments[tid].course.sessions.min
    ]
    if not adjustable:
        return chosen
    fixed = [dataset.treatments[tid] for tid in ids if tid not in adjustable]
    with st.expander(_("Change the number of sessions")):
        if fixed:  # why a chosen treatment has no slider
            st.caption(
                " ".join(
                    ngettext(
                        "{treatment}: always {n} session in our sources.",
                        "{treatment}: always {n} sessions in our sources.",
                        t.course.sessions.min,
                    ).format(treatment=t.short_name, n=t.course.sessions.min)
                    for t in fixed
                )
            )
        for tid in adjustable:
            t = dataset.treatments[tid]
            c = t.course.sessions
            chosen[tid] = st.slider(
                _("{treatment}: sessions").format(treatment=t.short_name),
                c.min,
                c.max,
                c.typical,
                key=f"{page}.sessions.{tid}",
                help=" ".join(
                    x
                    for x in (
                        _("Only within the range our sources describe."),
                        _("Usually {n}.").format(n=c.typical),
                        c.note,
                    )
                    if x
                ),
            )
    return chosen


def _course(key: RunKey, choice: Choice, treatment: str) -> Course:
    return course_of(key, treatment, choice.area, choice.intensity, choice.phototype)


@memo(maxsize=128)
def summaries_of(key: RunKey, choice: Choice) -> tuple[CourseSummary, ...]:
    """The chosen courses' summaries (made once per key and choice)."""
    return tuple(
        build_summaries(
            {tid: _course(key, choice, tid) for tid in choice.ids},
            {tid: n for tid, n in choice.courses if n is not None},
        )
    )


@memo(maxsize=128)  # a few KiB each
def texts_of(key: RunKey, choice: Choice) -> CompareTexts:
    """The page's texts for the choice (made once per key and choice)."""
    return build_compare_texts(dataset_of(key), list(summaries_of(key, choice)), choice.ids)


def render_summary(texts: CompareTexts) -> None:
    """Each course in short, then the compact table, then the heading of the timeline that follows: one element, as
    each costs a message to send and to draw."""
    st.markdown(texts.in_short + "\n\n" + texts.totals + "\n\n## " + _("Course timeline"))


@memo(maxsize=64)
def _timeline_spec(key: RunKey, choice: Choice, scheme: Scheme) -> dict[str, Any]:
    # Built and validated once per key, choice and theme, the same for every day; Streamlit then only serialises the
    # finished dict.
    summaries = list(summaries_of(key, choice))
    chart = build_timeline_chart(
        build_timeline_rows(summaries), [s.name for s in summaries], axis_end(summaries), palette(scheme)
    )
    return with_data_apart(finished_spec(chart))


_DAY_SCHEMA = pa.schema([("day", pa.int32()), ("text", pa.string())])


@memo(maxsize=512)  # a few hundred bytes each
def _day_data(key: RunKey, day: int) -> bytes:
    return arrow_rows(day_rows(day), _DAY_SCHEMA)


def render_timeline_text(texts: CompareTexts) -> None:
    """The course timeline's facts as sentences (before the chart, where a screen reader meets them first)."""
    with st.expander(_("The timeline as text")):
        st.markdown(texts.timeline)


def render_timeline(key: RunKey, choice: Choice, day: int) -> None:
    """The course timeline chart with the marked day. Moving the day changes only the chart's small DAY_DATA
    dataset: the chart is built once per choice of courses, and the browser keeps it."""
    spec = _timeline_spec(key, choice, browser_scheme())
    datasets = {**spec.get("datasets", {}), DAY_DATA: _day_data(key, day)}
    st.vega_lite_chart(
        {**spec, "datasets": datasets},
        theme=None,
        width="stretch",
        # The alt text names no day: a new alt is a new chart to the browser (the heading names it).
        alt=_(
            "Timeline of each course: sessions, days of social downtime and visible redness, and "
            "when results show, with the day looked at marked by a dashed line."
        ),
    )


@memo(maxsize=1024)  # a few hundred bytes each
def _day_cards(key: RunKey, choice: Choice, day: int) -> DayCards:
    return day_cards([build_cross_section(_course(key, choice, s.id), s, day) for s in summaries_of(key, choice)])


def render_cross_section(key: RunKey, choice: Choice, day: int) -> None:
    """Under the timeline, its key; then what each course looks like on the day looked at, as cards (they stack on
    a phone). Key and heading are one element: each costs a message to send and to draw."""
    st.markdown(f":small[{_(TIMELINE_KEY)}]\n\n## " + _("The same day: day {day}").format(day=day))
    cards = _day_cards(key, choice, day)
    for col, card in zip(st.columns(len(cards.cards), border=True), cards.cards, strict=True):
        col.markdown(card)
    with st.expander(_("This day as text")):
        st.markdown(cards.text)


def render_claim(texts: CompareTexts) -> None:
    """The clinic's one-session claim and what the sources say, point by point, without a verdict of our own."""
    with st.container(border=True):
        st.markdown(texts.claim)
