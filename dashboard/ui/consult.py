"""Streamlit parts of the consult planner: plan controls, the dated plan, downloads, share link and QR code."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import streamlit as st

from dashboard.charts import finished_spec
from dashboard.charts.handout import build_handout_chart, handout_chart_text
from dashboard.dates import date_limits, format_date
from dashboard.exports.ics import build_ics
from dashboard.exports.pdf import build_pdf, render_chart_png
from dashboard.exports.qr import build_qr_png
from dashboard.links import AppAddress, app_address
from dashboard.markdown import md, source_links
from dashboard.models import Clinic, Dataset
from dashboard.plan import MEDICINES_TEXT, DatedMilestone, PlanRequest, TreatmentPlan, handout_care
from dashboard.recovery import Course
from dashboard.signs import sign_lines
from dashboard.ui.common import data_version, get_dataset, page_url, widget_key
from dashboard.words import first_upper, out_of_hours


def render_plan_inputs(page: str, treatment: str, today: date) -> tuple[date | None, int | None]:
    """Treatment date and number of sessions; sessions reset to the treatment's usual number on a switch."""
    t = get_dataset().treatment(treatment)
    c = t.course.sessions
    key = widget_key(page, "sessions")
    previous = st.session_state.get(f"_{page}_treatment")
    if st.session_state.get(key) is None or (previous is not None and previous != treatment):
        st.session_state[key] = c.typical
    st.session_state[f"_{page}_treatment"] = treatment
    limits = date_limits(today)
    start = st.date_input("Treatment date (first session)", key=widget_key(page, "start"), min_value=limits.earliest,
                          max_value=limits.latest, format="YYYY-MM-DD", help=f"Any date {limits.words}.")
    series = c.max > 1
    current = st.session_state.get(key)
    fixed = not series and current == c.min
    label = f"Number of sessions ({c.min}–{c.max})" if series else "Number of sessions (one session only)"
    sessions = st.number_input(label, key=key, min_value=1, max_value=12, step=1, disabled=fixed,
                               help=f"{t.short_name}: usually {c.typical}. Sources: {', '.join(c.sources)}.")
    return start, int(sessions) if sessions is not None else None


def current_address() -> AppAddress:
    """Where phones reach the app: clinic.yaml's public_url, else the address this page was opened at."""
    return app_address(page_url(), get_dataset().clinic.public_url)


@st.cache_data(show_spinner=False, max_entries=64)
def _qr_png(link: str) -> bytes:
    return build_qr_png(link)


@st.cache_data(show_spinner=False, max_entries=32)
def _pdf_bytes(query: tuple[tuple[str, str], ...], signature: tuple[object, ...], link: str | None,
               _plan: TreatmentPlan, _course: Course, _dataset: Dataset) -> bytes:
    # keyed on the plan's parameters, the data files' signature and the link; the objects follow from these
    qr = build_qr_png(link) if link else None
    return build_pdf(_plan, _course, _dataset.clinic, _dataset.sources, qr, link or "",
                     render_chart_png(_course, _plan))


@st.cache_data(show_spinner=False, max_entries=32)
def _ics_bytes(query: tuple[tuple[str, str], ...], signature: tuple[object, ...], _plan: TreatmentPlan,
               _clinic: Clinic) -> bytes:
    return build_ics(_plan, _clinic.name, _clinic.phone, closed=out_of_hours(_clinic))


def _signature() -> tuple[object, ...]:
    return data_version()[1]


def file_stem(request: PlanRequest) -> str:
    """A file name without personal data: treatment and date only."""
    return f"{request.treatment}-plan-{request.start.isoformat()}"


def render_share(plan: TreatmentPlan, course: Course) -> None:
    """Download buttons (built on click, cached per plan), the share links and the QR code."""
    dataset = get_dataset()
    request = plan.request
    address = current_address()
    link = address.link("recovery", request.query())
    plan_link = address.link("consult", request.query())
    query = tuple(sorted(request.query().items()))
    signature = _signature()

    st.subheader("Hand over", anchor="hand-over")
    qr_col, files_col = st.columns([1, 2], gap="medium")
    with files_col:
        st.download_button(
            "Download the handout (PDF)", data=lambda: _pdf_bytes(query, signature, link, plan, course, dataset),
            file_name=f"{file_stem(request)}.pdf", mime="application/pdf", icon=":material/picture_as_pdf:",
            on_click="ignore", key="consult.download_pdf", type="primary")
        st.download_button(
            "Download the calendar file (.ics)", data=lambda: _ics_bytes(query, signature, plan, dataset.clinic),
            file_name=f"{file_stem(request)}.ics", mime="text/calendar", icon=":material/event:",
            on_click="ignore", key="consult.download_ics")
        if link and plan_link:
            st.markdown("**Patient's link** (day by day, from the treatment date):")
            st.code(link, language=None, wrap_lines=True)
            st.markdown("**This plan** (to reopen it here):")
            st.code(plan_link, language=None, wrap_lines=True)
            st.caption("The links carry only the plan's choices: treatment, date, area, strength, skin type and "
                       "number of sessions. No name or other personal data.")
    with qr_col:
        if link:
            st.image(_qr_png(link), caption="Scan to open the day-by-day view on a phone.", width=200,
                     alt="QR code of the patient's link to the day-by-day view")
    for problem in address.problems:
        # staff see why there is no link or QR code (the handout then prints none either) and how to fix it
        st.warning(problem, icon=":material/wifi_off:")
    if dataset.clinic.placeholder_contact:
        st.caption(f"Note: the clinic's phone number ({dataset.clinic.phone}) is a placeholder in clinic.yaml; "
                   "the handout says so.")


def _milestone_line(m: DatedMilestone, session_day: int) -> str:
    src = source_links(m.sources)
    if m.date is None or m.day is None:
        return f"- **{m.label}: ask your clinician.** {m.note or m.plain} ({src})"
    if m.superseded_by is not None:
        return (f"- ~~{m.label}: {format_date(m.date)}~~ This comes after session {m.superseded_by}, "
                f"so follow session {m.superseded_by}'s dates.")
    return f"- **{m.label}: {format_date(m.date)}** (day {m.day - session_day}). {m.plain} ({src})"


def render_plan(plan: TreatmentPlan) -> None:
    """Each session with its date and its milestones; undated milestones say why."""
    n = len(plan.sessions)
    st.subheader("The plan", anchor="plan")
    if n > 1:
        st.markdown(f"{n} sessions, {plan.interval_days} days apart: the shortest gap the sources give "
                    f"({source_links(plan.interval_sources)}).")
    for s in plan.sessions:
        with st.container(border=True):
            st.markdown(f"#### Session {s.number} of {n}: {format_date(s.date)}")
            dated = [m for m in s.milestones if m.dated]
            undated = [m for m in s.milestones if not m.dated]
            lines = [_milestone_line(m, s.day) for m in dated]
            if s.number == 1:
                lines += [_milestone_line(m, s.day) for m in undated]
            elif undated:
                lines.append(f"- Ask your clinician, as after session 1: {', '.join(m.label for m in undated)}.")
            st.markdown("\n".join(lines))


def render_results(plan: TreatmentPlan) -> None:
    """The collagen milestones with dates, from the data's results and their sources."""
    st.subheader("Results over the months", anchor="results")
    lines = [f"- **{md(r.label)}: {format_date(r.date)}**. {md(r.text)} ({source_links(r.sources)})"
             for r in plan.results]
    st.markdown("\n".join(lines))
    note = "These dates come from a model based on studies, not a promise for one person."
    st.caption(f"{note} {plan.results_note}" if plan.results_note else note)


def render_visit(plan: TreatmentPlan) -> None:
    """What to prepare before the visit, as the data says."""
    v = plan.visit
    st.subheader("Before the visit", anchor="before")
    lines = [f"- {md(v.anaesthesia)}", f"- {md(v.duration)}"]
    if v.pain:
        lines.append(f"- Pain: {md(v.pain)}")
    lines.append(f"- {MEDICINES_TEXT}")
    lines += [f"- {md(b.text)} ({source_links(b.sources)})" for b in v.before]
    st.markdown("\n".join(lines) + f"\n\nSources: {source_links(v.sources)}")


def render_changes(course: Course) -> None:
    """How this person's area, strength and skin type changed the plan (only as far as the data says)."""
    if not course.applied:
        return
    st.subheader("Adjusted for this person", anchor="adjusted")
    for a in course.applied:
        lines = [f"{a.modifier.summary} ({source_links(a.modifier.sources)})"]
        lines += [f"- {c.what}: {c.before} → {c.after} ({source_links([c.source])})" for c in a.changes]
        st.markdown("\n".join(lines))


def render_care_and_warnings(plan: TreatmentPlan, clinic: Clinic) -> None:
    """Aftercare and warning signs as printed on the handout."""
    with st.expander("Aftercare and warning signs (as on the handout)"):
        for c in handout_care(plan):
            st.markdown(f"**{first_upper(c.days)} after session {c.session}, {c.dates}** "
                        f"({source_links(c.sources)})\n\n" + "\n".join(f"- {md(x)}" for x in c.steps))
        st.markdown(f"**Call the clinic on {md(clinic.phone)} if you notice:**\n\n" + "\n".join(
            f"- **{line.action}:** {md(line.text)} ({source_links(line.sources)})"
            for line in sign_lines(plan.warnings)))


@st.cache_resource(show_spinner=False, max_entries=64)
def _handout_spec(query: tuple[tuple[str, str], ...], signature: tuple[object, ...], _course: Course,
                  _start: date) -> dict[str, object]:
    # keyed on the plan's parameters and the data files' signature; validated once, then only serialised
    return finished_spec(build_handout_chart(_course, _start))


def render_chart(course: Course, plan: TreatmentPlan) -> None:
    """The handout's recovery chart, with its text alternative."""
    with st.expander("Recovery chart (as on the handout)"):
        query = tuple(sorted(plan.request.query().items()))
        st.vega_lite_chart(_handout_spec(query, _signature(), course, plan.request.start), theme=None,
                           width="stretch", alt="The handout's recovery chart: when each symptom usually ends and "
                                                "when each step is usually fine. The same follows as text.")
        st.caption(handout_chart_text(course, plan.request.start))


WHAT_TO_ENTER = ("Choose the treatment date (the first session) above. The plan with its dates, the handout, the "
                 "calendar file and the patient's link then appear here.")


def render_problems(problems: Iterable[str]) -> None:
    """What is still needed before a plan can be made: neutral words for a blank form, an error for a wrong input."""
    problems = list(problems)
    for p in problems:
        st.error(p, icon=":material/event_busy:")
    if problems:
        st.info("The plan, the handout and the calendar file appear once this is fixed.")
    else:
        st.info(WHAT_TO_ENTER, icon=":material/edit_calendar:")


def build_request(treatment: str, start: date, sessions: int, area: str, intensity: str,
                  phototype: int | None) -> PlanRequest:
    """The plan request from the controls."""
    return PlanRequest(treatment=treatment, start=start, sessions=sessions, area=area, intensity=intensity,
                       phototype=phototype)

