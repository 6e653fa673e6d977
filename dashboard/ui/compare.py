"""Drawing the compare page: totals, the course timeline, the same-day cross-section, the claim and the evidence.

Every text and chart here is made once per data version, choice of courses, language and link rule, and shared
between sessions (dashboard/ui/memo.py); a rerun only lays them out. The choice is a small hashable record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pyarrow as pa
import streamlit as st

from dashboard.charts import DAY_DATA, finished_spec
from dashboard.charts.compare import build_timeline_chart, day_rows
from dashboard.compare import (
    CourseSummary,
    axis_end,
    build_claim_check,
    build_cross_section,
    build_summaries,
    build_timeline_rows,
    cross_section_rows,
    describe_cross_section,
    describe_summary,
    totals_markdown,
)
from dashboard.i18n import _, current_language, links_key, ngettext
from dashboard.markdown import md, source_links
from dashboard.models import Dataset
from dashboard.params import View
from dashboard.recovery import Course
from dashboard.ui.common import Version, arrow_rows, checked_dataset, data_version, get_course, with_data_apart
from dashboard.ui.memo import memo


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

    def course(self, treatment: str) -> Course:
        return get_course(View(treatment=treatment, area=self.area, intensity=self.intensity,
                               phototype=self.phototype))


class Texts(NamedTuple):
    """The page's texts that do not change with the day."""

    in_short: str
    totals: str
    timeline: str
    claim: str


def render_session_controls(dataset: Dataset, ids: list[str], page: str) -> dict[str, int]:
    """A sessions slider per treatment whose data allows more than one number (kept out of the URL)."""
    chosen: dict[str, int] = {}
    adjustable = [tid for tid in ids if dataset.treatments[tid].course.sessions.max >
                  dataset.treatments[tid].course.sessions.min]
    if not adjustable:
        return chosen
    fixed = [dataset.treatments[tid] for tid in ids if tid not in adjustable]
    with st.expander(_("Change the number of sessions")):
        if fixed:  # why a chosen treatment has no slider
            st.caption(" ".join(ngettext("{treatment}: always {n} session in our sources.",
                                         "{treatment}: always {n} sessions in our sources.",
                                         t.course.sessions.min).format(treatment=t.short_name,
                                                                       n=t.course.sessions.min) for t in fixed))
        for tid in adjustable:
            t = dataset.treatments[tid]
            c = t.course.sessions
            chosen[tid] = st.slider(_("{treatment}: sessions").format(treatment=t.short_name), c.min, c.max,
                                    c.typical, key=f"{page}.sessions.{tid}",
                                    help=" ".join(x for x in (_("Only within the range our sources describe."),
                                                              _("Usually {n}.").format(n=c.typical), c.note) if x))
    return chosen


@memo(maxsize=128)
def _summaries(folder: str, signature: Version, choice: Choice) -> tuple[CourseSummary, ...]:
    return tuple(build_summaries({tid: choice.course(tid) for tid, _n in choice.courses},
                                 {tid: n for tid, n in choice.courses if n is not None}))


def get_summaries(choice: Choice) -> list[CourseSummary]:
    """The chosen courses' summaries (made once per data version, choice and language)."""
    return list(_summaries(*data_version(), choice))


@memo(maxsize=128)  # a few KiB each
def _texts(folder: str, signature: Version, links: str, choice: Choice) -> Texts:
    # `links` keys the source links' rule (they carry the language when the person chose one).
    summaries = get_summaries(choice)
    dataset = checked_dataset(folder, signature)
    return Texts(_in_short(summaries), _totals(summaries),
                 _timeline_text(summaries), _claim(dataset, [tid for tid, _n in choice.courses]))


def get_texts(choice: Choice) -> Texts:
    """The page's texts for the choice (made once per data version, choice, language and link rule)."""
    return _texts(*data_version(), links_key(), choice)


def _totals(summaries: list[CourseSummary]) -> str:
    notes = [s.facts.sessions.text for s in summaries if s.treatment.kind == "fractional-ablative"]
    scale_notes = [f"{s.name}: {s.treatment.collagen.scale.note}" for s in summaries
                   if "clinic-page" in s.treatment.collagen.scale.sources and s.treatment.collagen.scale.note]
    small = [_("Redness and days off are added up over all sessions. Days are counted from the first session. "
               "“{unknown}” means none of our sources gives it. Typical values for the usual settings; yours may "
               "differ.").format(unknown=_("Not known")), *(md(note) for note in notes + scale_notes[:1])]
    # heading, table and notes: one element, a paragraph each
    return "\n\n".join(["### " + _("At a glance"), totals_markdown(summaries), *(f":small[{x}]" for x in small)])


def render_summary(texts: Texts) -> None:
    """Each course's totals in one plain sentence (the trade-off without reading a chart), then the compact table
    (one column per treatment, with the sources of its numbers), then the heading of the timeline that follows: one
    element, as each costs a message to send and to draw."""
    st.markdown(texts.in_short + "\n\n" + texts.totals + "\n\n### " + _("Course timeline"))


@memo(maxsize=64)
def _timeline_spec(folder: str, signature: Version, choice: Choice) -> dict[str, object]:
    # Built and validated once per data version, choice and language (in the signature), the same for every day;
    # Streamlit then only serialises the finished dict.
    summaries = get_summaries(choice)
    chart = build_timeline_chart(build_timeline_rows(summaries), [s.name for s in summaries], axis_end(summaries))
    return with_data_apart(finished_spec(chart))


_DAY_SCHEMA = pa.schema([("day", pa.int32()), ("text", pa.string())])


@memo(maxsize=512)  # a few hundred bytes each
def _day_data(day: int, language: str) -> bytes:
    return arrow_rows(day_rows(day), _DAY_SCHEMA)


def _timeline_text(summaries: list[CourseSummary]) -> str:
    return "\n".join(f"- **{md(r['treatment'])}**: {md(r['label'])} :small[{source_links(r['sources'].split(', '))}]"
                     for r in build_timeline_rows(summaries))


def render_timeline_text(texts: Texts) -> None:
    """The course timeline's facts as sentences (before the chart, where a screen reader meets them first)."""
    with st.expander(_("The timeline as text")):
        st.markdown(texts.timeline)


def render_timeline(choice: Choice, day: int) -> None:
    """The course timeline chart with the marked day. Moving the day changes only the chart's small DAY_DATA
    dataset: the chart is built once per choice of courses, and the browser keeps it."""
    spec = _timeline_spec(*data_version(), choice)
    datasets = {**spec.get("datasets", {}), DAY_DATA: _day_data(day, current_language())}
    st.vega_lite_chart({**spec, "datasets": datasets}, theme=None,
                       width="stretch",
                       # The alt text names no day: a new alt is a new chart to the browser (the heading names it).
                       alt=_("Timeline of each course: sessions, days of social downtime and visible redness, and "
                             "when results show, with the day looked at marked by a dashed line."))


def _in_short(summaries: list[CourseSummary]) -> str:
    return "### " + _("In short") + "\n\n" + "\n".join(f"- {md(describe_summary(s))}" for s in summaries)


@memo(maxsize=1024)  # a few hundred bytes each
def _day_texts(folder: str, signature: Version, links: str, choice: Choice,
               day: int) -> tuple[tuple[str, ...], str]:
    # Each course's card on the day, and the day as text.
    sections = [build_cross_section(choice.course(s.id), s, day) for s in get_summaries(choice)]
    cards = tuple(f"**{md(x.summary.name)}**\n\n" + "  \n".join(f"{label}: **{md(value)}**"
                                                                for label, value in cross_section_rows(x))
                  for x in sections)
    return cards, "\n".join(f"- {md(describe_cross_section(x))}" for x in sections)


def render_cross_section(choice: Choice, day: int) -> None:
    """Under the timeline, its key; then what each course looks like on the day looked at, as cards (they stack on
    a phone). Key and heading are one element: each costs a message to send and to draw."""
    key = _("▼ a session · upper bar: social downtime · lower bar: visible redness · ◆ a first change shows · "
            "■ strong results · dotted line: results keep building · dashed line: the day you picked.")
    st.markdown(f":small[{key}]\n\n### " + _("The same day: day {day}").format(day=day))
    cards, text = _day_texts(*data_version(), links_key(), choice, day)
    for col, card in zip(st.columns(len(cards), border=True), cards, strict=True):
        col.markdown(card)
    with st.expander(_("This day as text")):
        st.markdown(text)


def _claim(dataset: Dataset, ids: list[str]) -> str:
    # The heading, the points and the caveat: one element in the box.
    labels = {"claim": _("The clinic says"), "evidence": _("The sources say"), "gap": _("Not known")}
    points = "\n".join(f"- **{labels.get(p.kind, '')}:** {md(p.text)}"
                       + (f" {source_links(p.sources)}" if p.sources else "") for p in build_claim_check(dataset, ids))
    caveat = _("Fractional CO2 and nonablative lasers have not been compared in one study, so the numbers above come "
               "from different studies of different people. Ask your clinician which suits your skin.")
    return "### " + _("“One eCO2 session does what takes four or more with other lasers”") + \
        f"\n\n{points}\n\n:small[{caveat}]"


def render_claim(texts: Texts) -> None:
    """The clinic's one-session claim and what the sources say, point by point, without a verdict of our own."""
    with st.container(border=True):
        st.markdown(texts.claim)
