"""Collagen over months: healing phases, modelled response curves anchored on cited time points, overlays."""

from dataclasses import replace

import streamlit as st

from dashboard.charts.collagen import Overlay
from dashboard.course import default_plan
from dashboard.glossary import GLOSSARY_ANCHOR
from dashboard.i18n import _, ngettext
from dashboard.links import local_link
from dashboard.markdown import md
from dashboard.ui.collagen import (
    get_texts,
    render_collagen_chart,
    render_evidence_notes,
    render_model_notice,
    render_phases,
    render_results,
    render_signals_chart,
)
from dashboard.ui.common import (
    get_course,
    get_dataset,
    read_view,
    render_footer,
    render_page_top,
    render_treatment_select,
    run_key,
    widget_key,
    write_view,
)
from dashboard.ui.frame import ensure_frame

ensure_frame()
PAGE = "collagen"

# Read the view from the URL
key = run_key()
render_page_top(key, _("Collagen over months"))
view = read_view(key, PAGE)
render_model_notice()
st.markdown(
    ":small["
    + _(
        "Collagen is the protein that keeps skin firm. Type III is the first, softer kind; type I "
        "is the strong kind that slowly takes its place. Heat-shock proteins are early repair "
        "signals from heated cells. [Words we use]({glossary})."
    ).format(glossary=local_link("sources", anchor=GLOSSARY_ANCHOR))
    + "]"
)

# Controls (the overlay choice stays out of the URL on purpose: the link names the treatment only)
dataset = get_dataset(key)
treatment_id = render_treatment_select(key, PAGE)
chosen = dataset.treatment(treatment_id)
options = [tid for tid, t in dataset.treatments.items() if tid != treatment_id or t.course.sessions.typical > 1]
default = [
    tid
    for tid in options
    if dataset.treatments[tid].kind != "nonablative-fractional"
    or tid == next((o for o in options if dataset.treatments[o].kind == "nonablative-fractional"), None)
]


def course_name(tid: str) -> str:
    """An overlay's name, as the option and the text above the chart say it: 'Fractional 1550 course'."""
    return _("{treatment} course").format(treatment=dataset.treatments[tid].short_name)


overlay_ids = st.pills(
    _("Compare with"),
    options,
    selection_mode="multi",
    default=default,
    key=f"{widget_key(PAGE, 'overlay')}.{treatment_id}",
    format_func=course_name,
)
nonablative = [tid for tid in overlay_ids or [] if dataset.treatments[tid].kind == "nonablative-fractional"]
sessions_override: int | None = None
if nonablative:
    count = dataset.treatments[nonablative[0]].course.sessions
    if count.max > count.min:
        sessions_override = st.slider(
            _("Sessions in the nonablative course"),
            count.min,
            count.max,
            count.typical,
            key=f"{widget_key(PAGE, 'na_sessions')}.{treatment_id}",
            help=_("How many nonablative sessions to draw. Studies used about {n}.").format(n=count.typical),
        )
write_view(PAGE, replace(view, treatment=treatment_id))

# Compute
plan = default_plan(get_course(key, replace(view, treatment=treatment_id)))
overlays = []
for tid in overlay_ids or []:
    other = dataset.treatments[tid]
    n = sessions_override if tid in nonablative else None
    p = default_plan(get_course(key, replace(view, treatment=tid)), n)
    overlays.append(Overlay(other, p.sessions, p.interval_days))

# Render
st.markdown(f"**{md(chosen.name)}.** {md(chosen.summary)}")
if plan.sessions > 1:
    st.markdown(
        ngettext(
            "The black and coloured lines show **one session**, as the studies describe it. The usual "
            "course is {n} session, {gap} days apart: the “{course}” option above adds them up.",
            "The black and coloured lines show **one session**, as the studies describe it. The usual "
            "course is {n} sessions, {gap} days apart: the “{course}” option above adds them up.",
            plan.sessions,
        ).format(n=plan.sessions, gap=plan.interval_days, course=course_name(chosen.id))
    )
texts = get_texts(key, replace(view, treatment=treatment_id))  # made once per treatment, person and language
render_collagen_chart(key, chosen, overlays)
render_results(texts)
render_evidence_notes(texts)
render_signals_chart(key, chosen)
render_phases(texts)
render_footer(key)
