"""Consult planner: a person's plan with real dates, handed over as a PDF, a calendar file and a link/QR code."""

from dataclasses import replace

import streamlit as st

from dashboard.i18n import _
from dashboard.plan import build_plan, check_personal, check_request
from dashboard.ui.common import (
    get_course,
    get_dataset,
    read_view,
    render_footer,
    render_page_top,
    render_personal_controls,
    render_treatment_select,
    run_key,
    viewer_today,
    write_view,
)
from dashboard.ui.consult import (
    build_request,
    render_care_and_warnings,
    render_changes,
    render_chart,
    render_compare_select,
    render_plan,
    render_plan_inputs,
    render_problems,
    render_results,
    render_share,
    render_timeline,
    render_visit,
)
from dashboard.ui.frame import ensure_frame

ensure_frame()
PAGE = "consult"

# Read the view from the URL
key = run_key()
render_page_top(key, _("Consult planner"))
view = read_view(key, PAGE)
st.caption(
    _(
        "For staff, with the screen turned to the patient. No name or other personal data is asked for or "
        "kept: the plan is only the choices below."
    )
)

# Controls
today = viewer_today()
left, middle, right = st.columns(3)
with left:
    treatment = render_treatment_select(key, PAGE)
    compare = render_compare_select(key, PAGE, treatment)
with middle:
    start, sessions = render_plan_inputs(key, PAGE, treatment, today)
with right:
    area, intensity, phototype = render_personal_controls(PAGE)
view = replace(
    view,
    treatment=treatment,
    start=start,
    area=area,
    intensity=intensity,
    phototype=phototype,
    sessions=sessions,
    compare=compare,
)
write_view(PAGE, view)

# Load and check
course = get_course(key, view)
problems = check_request(course, start, sessions, today) + check_personal(area, intensity, phototype)
if problems or start is None or sessions is None:
    render_problems(problems)
    render_footer(key)
    st.stop()

# Compute and render
plan = build_plan(course, build_request(treatment, start, sessions, area, intensity, phototype))
render_timeline(key, plan, compare, today)
render_share(key, plan)
render_plan(plan)
render_results(plan)
render_visit(plan)
render_changes(course)
render_care_and_warnings(plan, get_dataset(key).clinic)
render_chart(key, course, plan)
render_footer(key)
