"""The overview page's parts: a way in for each kind of visitor, the treatments at a glance, before treatment."""

from __future__ import annotations

import streamlit as st

from dashboard.dates import date_limits, day_number
from dashboard.facts import CourseFacts, build_facts
from dashboard.i18n import _
from dashboard.markdown import md, source_links, sourced
from dashboard.models import Dataset
from dashboard.params import View
from dashboard.ui.common import course_of, viewer_today
from dashboard.ui.memo import RunKey, memo
from dashboard.ui.nav import page_link


@memo(maxsize=32)
def _glance(key: RunKey, treatment_id: str) -> str:
    # A treatment's card text, in one Markdown block, once per key.
    course = course_of(key, treatment_id, "face", "standard", None)
    t = course.treatment
    return f"**{md(t.name)}**\n\n:small[{md(t.summary)}]\n\n" + "\n".join(glance_lines(build_facts(course)))


def render_treatment_glance(key: RunKey, dataset: Dataset) -> None:
    """Each treatment at a glance: sessions, redness, time off, makeup and results, from the course's facts."""
    treatments = list(dataset.treatments.values())
    for row in range(0, len(treatments), 4):  # four cards a row, each a bordered column (one element, not two)
        cards = treatments[row : row + 4]
        for col, t in zip(st.columns(len(cards), border=True), cards, strict=True):
            with col:
                st.markdown(_glance(key, t.id))
                page_link(
                    key,
                    "recovery",
                    label=_("See it day by day"),
                    icon=":material/arrow_forward:",
                    query_params=View(treatment=t.id).query(("treatment",)),
                )


def glance_lines(facts: CourseFacts) -> list[str]:
    """The facts a person weighs before treatment, one Markdown line each, with their sources."""
    items = [
        facts.sessions,
        facts.redness,
        facts.downtime,
        facts.makeup,
        facts.first_results,
        facts.strong_results,
        facts.improving,
    ]
    return [
        f"- **{md(f.label)}:** {md(f.text if f.id != 'sessions' else _sessions_words(facts))} "
        f":small[{source_links(f.sources)}]"
        for f in items
        if f.known or f.id == "first-results"
    ]


def _sessions_words(facts: CourseFacts) -> str:
    p = facts.plan
    if p.sessions == 1:
        return facts.sessions.brief  # "1 session (the clinic says)." where the count is the clinic's
    return _("usually {n}, {gap} days apart.").format(n=p.sessions, gap=p.interval_days)


def render_before_treatment_all(dataset: Dataset) -> None:
    """Before any of the treatments: what to tell the clinician (the same advice is merged, with its sources)."""
    advice: dict[str, list[str]] = {}
    for t in dataset.treatments.values():
        for b in t.visit.before:
            advice.setdefault(b.text, []).extend(b.sources)
    if advice:
        st.header(_("Before any treatment"), anchor=False)
        st.markdown("\n".join(f"- {sourced(text, keys)}" for text, keys in advice.items()))


def render_audiences(key: RunKey, dataset: Dataset) -> None:
    """A clear way in for patients before and after treatment, staff, and the clinic's screen."""
    before, after = st.columns(2, gap="medium", border=True)
    with before:
        st.markdown(
            "## :material/help: "
            + _("Thinking about treatment")
            + "\n\n"
            + _(
                "How long will I be red? When can I work, wear makeup, go in the sun? The answers for each treatment "
                "are under “{section}” below."
            ).format(section=_("The treatments at a glance"))
        )
        page_link(key, "recovery", label=_("Recovery day by day"), icon=":material/calendar_today:")
        page_link(
            key, "compare", label=_("One eCO2 session or several gentler ones?"), icon=":material/compare_arrows:"
        )
        page_link(key, "collagen", label=_("How the skin rebuilds over months"), icon=":material/show_chart:")
    with after:
        st.markdown("## :material/healing: " + _("I have had my treatment"))
        today = viewer_today()
        ids = list(dataset.treatments)
        treatment = st.selectbox(
            _("My treatment"), ids, key="overview.treatment", format_func=lambda tid: dataset.treatments[tid].name
        )
        start = st.date_input(
            _("I had my treatment on…"),
            value=None,
            key="overview.start",
            min_value=date_limits(today).earliest,
            max_value=today,
            format="YYYY-MM-DD",
        )
        params = View(treatment=treatment).query(("treatment",))
        if start is not None:
            params["start"] = start.isoformat()
            label = _("Show my day (day {day})").format(day=day_number(start, today))
        else:
            label = _("Show the days after treatment")
        page_link(key, "recovery", label=label, icon=":material/arrow_forward:", query_params=params)
    staff, screen = st.columns(2, gap="medium", border=True)
    with staff:
        st.markdown("## :material/stethoscope: " + _("Clinic staff"))
        page_link(key, "consult", label=_("Consult planner: plan, handout, calendar, QR"), icon=":material/assignment:")
        page_link(key, "compare", label=_("Compare treatments side by side"), icon=":material/compare_arrows:")
    with screen:
        st.markdown("## :material/tv: " + _("Waiting-room screen"))
        page_link(key, "display", label=_("Start the clinic display"), icon=":material/slideshow:")
        page_link(key, "sources", label=_("Sources and how we know"), icon=":material/menu_book:")
