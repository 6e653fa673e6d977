"""Drawing the compare page: totals, the course timeline, the same-day cross-section, the claim and the evidence."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st

from dashboard.charts import DAY_DATA, finished_spec
from dashboard.charts.compare import build_timeline_chart, day_rows
from dashboard.compare import (
    ClaimPoint,
    CourseSummary,
    CrossSection,
    axis_end,
    build_summary,
    build_timeline_rows,
    cross_section_rows,
    describe_cross_section,
    describe_summary,
    totals_markdown,
)
from dashboard.i18n import _, current_language
from dashboard.markdown import md, source_links
from dashboard.models import Dataset
from dashboard.params import View
from dashboard.ui.common import arrow_rows, data_version, get_course, with_data_apart
from dashboard.ui.memo import memo


def render_session_controls(dataset: Dataset, ids: list[str], page: str) -> dict[str, int]:
    """A sessions slider per treatment whose data allows more than one number (kept out of the URL)."""
    chosen: dict[str, int] = {}
    adjustable = [tid for tid in ids if dataset.treatments[tid].course.sessions.max >
                  dataset.treatments[tid].course.sessions.min]
    if not adjustable:
        return chosen
    with st.expander(_("Change the number of sessions")):
        st.caption(_("Only within the range our sources describe. Fully ablative CO2 is always one session."))
        for tid in adjustable:
            t = dataset.treatments[tid]
            c = t.course.sessions
            chosen[tid] = st.slider(_("{treatment}: sessions").format(treatment=t.short_name), c.min, c.max,
                                    c.typical, key=f"{page}.sessions.{tid}",
                                    help=(_("Usually {n}.").format(n=c.typical) + " " + (c.note or "")).strip())
    return chosen


def render_totals(summaries: list[CourseSummary]) -> None:
    """The compact table: one column per treatment, with the sources of its numbers."""
    notes = [s.facts.sessions.text for s in summaries if s.treatment.kind == "fractional-ablative"]
    scale_notes = [f"{s.name}: {s.treatment.collagen.scale.note}" for s in summaries
                   if "clinic-page" in s.treatment.collagen.scale.sources and s.treatment.collagen.scale.note]
    small = [_("Redness and days off are added up over all sessions. Days are counted from the first session. "
               "“{unknown}” means none of our sources gives it. Typical values for the usual settings; yours may "
               "differ.").format(unknown=_("Not known")), *(md(note) for note in notes + scale_notes[:1])]
    # heading, table and notes: one element, a paragraph each
    st.markdown("\n\n".join(["### " + _("At a glance"), totals_markdown(summaries), *(f":small[{x}]" for x in small)]))


@memo(maxsize=64)
def _timeline_spec(folder: str, signature: tuple[object, ...], courses: tuple[tuple[str, int], ...], area: str,
                   intensity: str, phototype: int | None, language: str) -> dict[str, object]:
    # Built and validated once per data version, choice and language, the same for every day; Streamlit then only
    # serialises the finished dict.
    summaries = [build_summary(get_course(View(treatment=tid, area=area, intensity=intensity, phototype=phototype)),
                               n) for tid, n in courses]
    chart = build_timeline_chart(build_timeline_rows(summaries), [s.name for s in summaries], axis_end(summaries))
    return with_data_apart(finished_spec(chart))


_DAY_SCHEMA = pa.schema([("day", pa.int32()), ("text", pa.string())])


@memo(maxsize=512)  # a few hundred bytes each
def _day_data(day: int, language: str) -> bytes:
    return arrow_rows(day_rows(day), _DAY_SCHEMA)


def render_timeline(summaries: list[CourseSummary], view: View, day: int) -> None:
    """The course timeline chart, the marked day, and the same facts as sentences. Moving the day changes only the
    chart's small DAY_DATA dataset: the chart is built once per choice of courses, and the browser keeps it."""
    courses = tuple((s.id, s.plan.sessions) for s in summaries)
    spec = _timeline_spec(*data_version(), courses, view.area, view.intensity, view.phototype, current_language())
    datasets = {**spec.get("datasets", {}), DAY_DATA: _day_data(day, current_language())}
    st.vega_lite_chart({**spec, "datasets": datasets}, theme=None,
                       width="stretch",
                       # The alt text names no day: a new alt is a new chart to the browser (the heading names it).
                       alt=_("Timeline of each course: sessions, days of social downtime and visible redness, and "
                             "when results show, with the day looked at marked by a dashed line."))
    st.caption(_("▼ a session · upper bar: social downtime · lower bar: visible redness · ◆ a first change shows · "
                 "■ strong results · dotted line: results keep building · dashed line: the day you picked."))
    with st.expander(_("The timeline as text")):
        st.markdown("\n".join(f"- **{md(r['treatment'])}**: {md(r['label'])} "
                               f":small[{source_links(r['sources'].split(', '))}]"
                               for r in build_timeline_rows(summaries)))


def render_in_short(summaries: list[CourseSummary]) -> None:
    """Each course's totals in one plain sentence: the trade-off without reading a chart."""
    st.markdown("### " + _("In short") + "\n\n" + "\n".join(f"- {md(describe_summary(s))}" for s in summaries))


def render_cross_section(sections: list[CrossSection]) -> None:
    """What each course looks like on the same day, as cards (they stack on a phone)."""
    columns = st.columns(len(sections), border=True)
    for col, x in zip(columns, sections, strict=True):
        rows = "  \n".join(f"{label}: **{md(value)}**" for label, value in cross_section_rows(x))
        col.markdown(f"**{md(x.summary.name)}**\n\n{rows}")
    with st.expander(_("This day as text")):
        st.markdown("\n".join(f"- {md(describe_cross_section(x))}" for x in sections))


def render_claim(points: list[ClaimPoint]) -> None:
    """The clinic's one-session claim and what the sources say, point by point, without a verdict of our own."""
    st.subheader(_("“One eCO2 session does what takes four or more with other lasers”"))
    labels = {"claim": _("The clinic says"), "evidence": _("The sources say"), "gap": _("Not known")}
    with st.container(border=True):
        st.markdown("\n".join(f"- **{labels.get(p.kind, '')}:** {md(p.text)}"
                               + (f" {source_links(p.sources)}" if p.sources else "") for p in points))
    st.caption(_("Fractional CO2 and nonablative lasers have not been compared in one study, so the numbers above "
                 "come from different studies of different people. Ask your clinician which suits your skin."))
