"""Streamlit parts of the consult planner: plan controls, the dated plan, downloads, share link and QR code."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

import plotly.graph_objects as go
import streamlit as st

from dashboard.charts import finished_spec, plan_timeline
from dashboard.charts.handout import build_handout_chart, handout_chart_text
from dashboard.charts.plan_timeline import build_plan_timeline, timeline_table
from dashboard.dates import date_limits
from dashboard.exports.ics import build_ics
from dashboard.exports.pdf import build_pdf, render_chart_png
from dashboard.exports.qr import build_qr_png
from dashboard.i18n import N_, _, format_day_date, ngettext
from dashboard.markdown import md, source_links
from dashboard.models import MAX_SESSIONS, Clinic
from dashboard.plan import MEDICINES_TEXT, DatedMilestone, PlanRequest, TreatmentPlan, build_plan, handout_care
from dashboard.recovery import Course
from dashboard.signs import sign_groups
from dashboard.ui.common import course_of, dataset_of, get_dataset, phone_address, widget_key
from dashboard.ui.memo import RunKey, memo
from dashboard.words import NORMAL_HEALING, URGENT_HELP, first_upper, out_of_hours, phone_number, review_status


def render_plan_inputs(run: RunKey, page: str, treatment: str, today: date) -> tuple[date | None, int | None]:
    """Treatment date and number of sessions; sessions reset to the treatment's usual number on a switch."""
    t = get_dataset(run).treatment(treatment)
    c = t.course.sessions
    key = widget_key(page, "sessions")
    previous = st.session_state.get(f"_{page}_treatment")
    if st.session_state.get(key) is None or (previous is not None and previous != treatment):
        st.session_state[key] = c.typical
    st.session_state[f"_{page}_treatment"] = treatment
    limits = date_limits(today)
    start = st.date_input(
        _("Treatment date (first session)"),
        key=widget_key(page, "start"),
        min_value=limits.earliest,
        max_value=limits.latest,
        format="YYYY-MM-DD",
        help=_("Any date {limits}.").format(limits=limits.words),
    )
    series = c.max > 1
    current = st.session_state.get(key)
    fixed = not series and current == c.min
    label = (
        _("Number of sessions ({min}–{max})").format(min=c.min, max=c.max)
        if series
        else _("Number of sessions (one session only)")
    )
    sessions = st.number_input(
        label,
        key=key,
        min_value=1,
        max_value=MAX_SESSIONS,
        step=1,
        disabled=fixed,
        help=_("{treatment}: usually {n}. Sources: {sources}.").format(
            treatment=t.short_name, n=c.typical, sources=", ".join(c.sources)
        ),
    )
    return start, int(sessions) if sessions is not None else None


def course_for(key: RunKey, request: PlanRequest) -> Course:
    """The course of a plan request: its treatment with the person's modifiers."""
    return course_of(key, request.treatment, request.area, request.intensity, request.phototype)


def render_compare_select(run: RunKey, page: str, treatment: str) -> str | None:
    """Another treatment whose usual course the timeline shows beside the plan, on the same dates (or none)."""
    dataset = get_dataset(run)
    key = widget_key(page, "compare")
    if st.session_state.get(key) == treatment:  # the plan's own treatment now: nothing to set beside it
        st.session_state[key] = None
    options: list[str | None] = [None, *(tid for tid in dataset.treatments if tid != treatment)]
    # Streamlit shows a None value as "no selection", so the placeholder carries the words for "none".
    return st.selectbox(
        _("Compare with"),
        options,
        key=key,
        placeholder=_("No other treatment"),
        format_func=lambda tid: dataset.treatments[tid].name if tid else _("No other treatment"),
        help=_("Shows another treatment's usual course for this person on the timeline, from the same date."),
    )


@memo(maxsize=64)
def _qr_png(link: str) -> bytes:
    return build_qr_png(link)


@memo(maxsize=32)
def _pdf_bytes(key: RunKey, request: PlanRequest, link: str | None) -> bytes:
    # The handout of a plan, made once per key, plan and link (built on click).
    course = course_for(key, request)
    plan = build_plan(course, request)
    dataset = dataset_of(key)
    return build_pdf(
        plan,
        course,
        dataset.clinic,
        dataset.sources,
        _qr_png(link) if link else None,
        link or "",
        render_chart_png(course, plan),
    )


@memo(maxsize=32)
def _ics_bytes(key: RunKey, request: PlanRequest) -> bytes:
    # The calendar file of a plan, made once per key and plan (built on click).
    clinic = dataset_of(key).clinic
    return build_ics(
        build_plan(course_for(key, request), request),
        clinic.name,
        clinic.phone,
        closed=out_of_hours(clinic),
        review=review_status(clinic),
    )


def _in_this_run(build: Callable[[], bytes]) -> Callable[[], bytes]:
    """`build`, to be called later in this run's language (and link settings): Streamlit builds a download on click,
    on a server thread of its own where the run's language is not set, so it runs in a copy of this run's context."""
    context = contextvars.copy_context()
    return lambda: context.copy().run(build)


def file_stem(request: PlanRequest) -> str:
    """A file name without personal data: treatment and date only."""
    # TRANSLATORS: a file name; keep it without spaces, slashes or accents.
    return _("{treatment}-plan-{date}").format(treatment=request.treatment, date=request.start.isoformat())


def render_share(key: RunKey, plan: TreatmentPlan) -> None:
    """Download buttons (built on click, cached per plan), the share links and the QR code."""
    dataset = get_dataset(key)
    request = plan.request
    address = phone_address(key)
    link = address.link("recovery", request.query())
    plan_link = address.link("consult", request.query())

    st.header(_("Hand over"), anchor="hand-over")
    qr_col, files_col = st.columns([1, 2], gap="medium")
    with files_col:
        st.download_button(
            _("Download the handout (PDF)"),
            data=_in_this_run(lambda: _pdf_bytes(key, request, link)),
            file_name=f"{file_stem(request)}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
            key="consult.download_pdf",
            type="primary",
        )
        st.download_button(
            _("Download the calendar file (.ics)"),
            data=_in_this_run(lambda: _ics_bytes(key, request)),
            file_name=f"{file_stem(request)}.ics",
            mime="text/calendar",
            icon=":material/event:",
            on_click="ignore",
            key="consult.download_ics",
        )
        if link and plan_link:
            st.markdown(_("**Patient's link** (day by day, from the treatment date):"))
            st.code(link, language=None, wrap_lines=True)
            st.markdown(_("**This plan** (to reopen it here):"))
            st.code(plan_link, language=None, wrap_lines=True)
            st.caption(
                _(
                    "The links carry only the plan's choices: treatment, date, area, strength, skin type and "
                    "number of sessions. No name or other personal data."
                )
            )
    with qr_col:
        if link:
            st.image(
                _qr_png(link),
                caption=_("Scan to open the day-by-day view on a phone."),
                width=200,
                alt=_("QR code of the patient's link to the day-by-day view"),
            )
    for problem in address.problems:
        # staff see why there is no link or QR code (the handout then prints none either) and how to fix it
        st.warning(problem, icon=":material/wifi_off:")
    if dataset.clinic.placeholder_contact:
        st.caption(
            _("Note: the clinic's phone number ({phone}) is a placeholder in clinic.yaml; the handout says so.").format(
                phone=dataset.clinic.phone
            )
        )


def _milestone_line(m: DatedMilestone, session_day: int) -> str:
    src = source_links(m.sources)
    if m.date is None or m.day is None:
        return "- " + _("**{label}: ask your clinician.** {text} ({sources})").format(
            label=m.label, text=m.note or m.plain, sources=src
        )
    if m.superseded_by is not None:
        return "- " + _(
            "~~{label}: {date}~~ This comes after session {session}, so follow session {session}'s dates."
        ).format(label=m.label, date=format_day_date(m.date), session=m.superseded_by)
    return "- " + _("**{label}: {date}** (day {day}). {text} ({sources})").format(
        label=m.label, date=format_day_date(m.date), day=m.day - session_day, text=m.plain, sources=src
    )


def render_plan(plan: TreatmentPlan) -> None:
    """Each session with its date and its milestones; undated milestones say why."""
    n = len(plan.sessions)
    st.header(_("The plan"), anchor="plan")
    if n > 1:
        st.markdown(
            ngettext(
                "{n} session, {gap} days apart: the shortest gap the sources give ({sources}).",
                "{n} sessions, {gap} days apart: the shortest gap the sources give ({sources}).",
                n,
            ).format(n=n, gap=plan.interval_days, sources=source_links(plan.interval_sources))
        )
    for s in plan.sessions:
        with st.container(border=True):
            st.markdown(
                "### "
                + _("Session {number} of {total}: {date}").format(
                    number=s.number, total=n, date=format_day_date(s.date)
                )
            )
            dated = [m for m in s.milestones if m.dated]
            undated = [m for m in s.milestones if not m.dated]
            lines = [_milestone_line(m, s.day) for m in dated]
            if s.number == 1:
                lines += [_milestone_line(m, s.day) for m in undated]
            elif undated:
                lines.append(
                    "- "
                    + _("Ask your clinician, as after session 1: {items}.").format(
                        items=", ".join(m.label for m in undated)
                    )
                )
            st.markdown("\n".join(lines))


def render_results(plan: TreatmentPlan) -> None:
    """The collagen milestones with dates, from the data's results and their sources."""
    st.header(_("Results over the months"), anchor="results")
    lines = [
        f"- **{md(r.label)}: {format_day_date(r.date)}**. {md(r.text)} ({source_links(r.sources)})"
        for r in plan.results
    ]
    st.markdown("\n".join(lines))
    note = _("These dates come from a model based on studies, not a promise for one person.")
    st.caption(f"{note} {plan.results_note}" if plan.results_note else note)


def render_visit(plan: TreatmentPlan) -> None:
    """What to prepare before the visit, as the data says."""
    v = plan.visit
    st.header(_("Before the visit"), anchor="before")
    lines = [f"- {md(v.anaesthesia)}", f"- {md(v.duration)}"]
    if v.pain:
        lines.append("- " + _("Pain: {text}").format(text=md(v.pain)))
    lines.append(f"- {_(MEDICINES_TEXT)}")
    lines += [f"- {md(b.text)} ({source_links(b.sources)})" for b in v.before]
    st.markdown("\n".join(lines) + "\n\n" + _("Sources: {sources}").format(sources=source_links(v.sources)))


def render_changes(course: Course) -> None:
    """How this person's area, strength and skin type changed the plan (only as far as the data says)."""
    if not course.applied:
        return
    st.header(_("Adjusted for this person"), anchor="adjusted")
    for a in course.applied:
        lines = [f"{a.modifier.summary} ({source_links(a.modifier.sources)})"]
        lines += [f"- {c.what}: {c.before} → {c.after} ({source_links([c.source])})" for c in a.changes]
        st.markdown("\n".join(lines))


def render_care_and_warnings(plan: TreatmentPlan, clinic: Clinic) -> None:
    """Aftercare and warning signs as printed on the handout: the signs by how soon to call, after the number and the
    route when the clinic is closed."""
    with st.expander(_("Aftercare and warning signs (as on the handout)")):
        for c in handout_care(plan):
            st.markdown(
                _("**{days} after session {session}, {dates}**").format(
                    days=first_upper(c.days), session=c.session, dates=c.dates
                )
                + f" ({source_links(c.sources)})\n\n"
                + "\n".join(f"- {md(x)}" for x in c.steps)
            )
        route = f"**{md(clinic.name)}: {md(phone_number(clinic))}.** {md(out_of_hours(clinic))} {_(URGENT_HELP)}"
        groups = [
            f"**{g.lead}**\n\n" + "\n".join(f"- {md(x.text)} ({source_links(x.sources)})" for x in g.lines)
            for g in sign_groups(plan.warnings)
        ]
        st.markdown("\n\n".join([route, *groups, _(NORMAL_HEALING)]))


@memo(maxsize=64)
def _handout_spec(key: RunKey, request: PlanRequest) -> dict[str, object]:
    # Validated once per key and plan, then only serialised.
    return finished_spec(build_handout_chart(course_for(key, request), request.start))


def render_chart(key: RunKey, course: Course, plan: TreatmentPlan) -> None:
    """The handout's recovery chart, with its text alternative."""
    with st.expander(_("Recovery chart (as on the handout)")):
        st.vega_lite_chart(
            _handout_spec(key, plan.request),
            theme=None,
            width="stretch",
            alt=_(
                "The handout's recovery chart: when each symptom usually ends and when each step is "
                "usually fine. The same follows as text."
            ),
        )
        st.caption(handout_chart_text(course, plan.request.start))


@memo(maxsize=64)  # ~12 KiB of JSON each
def _timeline(
    key: RunKey, request: PlanRequest, compare: str | None, today: date
) -> tuple[go.Figure, dict[str, object], str]:
    # Keyed on the run key (data version and language), the plan's parameters (the request), the compared treatment
    # and today. The domain builds a plain dict (~1 ms); wrapped in a Figure once (validated, ~4 ms), a
    # run then costs Streamlit ~1 ms to serialise it, where a dict would be validated again on every run (~5 ms).
    courses = []
    for tid, sessions in ((request.treatment, request.sessions), (compare, None)):
        if tid is None:
            continue
        course = course_of(key, tid, request.area, request.intensity, request.phototype)
        asked = replace(request, treatment=tid, sessions=sessions or course.treatment.course.sessions.typical)
        courses.append((build_plan(course, asked), course))
    timeline = build_plan_timeline(courses, today)
    return go.Figure(timeline.figure), timeline.config, timeline_table(timeline)


def render_timeline(key: RunKey, plan: TreatmentPlan, compare: str | None, today: date) -> None:
    """The plan on a zoomable dated timeline (Plotly, for staff at a desk), a second course beside it on the same
    dates, and the same rows as a table."""
    figure, config, table = _timeline(key, plan.request, compare, today)
    st.markdown(f"### {_(plan_timeline.HEADING)}\n\n:small[{_(plan_timeline.HOW_TO)}]")
    st.plotly_chart(figure, config=config, theme=None, width="stretch", alt=_(plan_timeline.ALT))
    with st.expander(_(plan_timeline.TABLE_LABEL)):
        st.markdown(table)


WHAT_TO_ENTER = N_(
    "Choose the treatment date (the first session) above. The plan with its dates, the handout, the "
    "calendar file and the patient's link then appear here."
)


def render_problems(problems: Iterable[str]) -> None:
    """What is still needed before a plan can be made: neutral words for a blank form, an error for a wrong input."""
    problems = list(problems)
    for p in problems:
        st.error(p, icon=":material/event_busy:")
    if problems:
        st.info(_("The plan, the handout and the calendar file appear once this is fixed."))
    else:
        st.info(_(WHAT_TO_ENTER), icon=":material/edit_calendar:")


def build_request(
    treatment: str, start: date, sessions: int, area: str, intensity: str, phototype: int | None
) -> PlanRequest:
    """The plan request from the controls."""
    return PlanRequest(
        treatment=treatment, start=start, sessions=sessions, area=area, intensity=intensity, phototype=phototype
    )
