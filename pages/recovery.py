"""Day by day: the "today" card, the self-check and the symptom chart for one day after treatment."""

from dataclasses import replace

import streamlit as st

from dashboard.dates import start_day
from dashboard.i18n import _
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
)
from dashboard.ui.frame import ensure_frame
from dashboard.ui.recovery import (
    render_choice_line,
    render_day_notes,
    render_day_view,
    render_modifier_notes,
    render_start_input,
    set_day,
)

ensure_frame()
PAGE = "recovery"

# Read the view from the URL (a new link also sets the day, which this page owns)
key = run_key()
render_page_top(key, _("Day by day"))
dataset = get_dataset(key)
view = read_view(key, PAGE, lambda v: set_day(PAGE, v.day, dataset.treatment(v.treatment).horizon_days))

# Controls: what a patient rarely changes folds into one line that says what is chosen; without a treatment
# date or a day in the link, the page opens on choosing the date.
chosen = st.container()
settings = st.expander(_("Change the treatment, the date or your details"), icon=":material/tune:",
                       expanded=view.start is None and "day" not in st.query_params)
with settings:
    treatment = render_treatment_select(key, PAGE)
    horizon = dataset.treatment(treatment).horizon_days
    start = render_start_input(PAGE, view, horizon)
    area, intensity, phototype = render_personal_controls(PAGE)
view = replace(view, treatment=treatment, start=start, start_day=start_day(start, viewer_today(), horizon),
               area=area, intensity=intensity, phototype=phototype)

# Compute (cached) and render; the day view reruns on its own as the day moves, and writes the address bar
course = get_course(key, view)
with chosen:
    render_choice_line(course, view)
with settings:
    render_modifier_notes(course)
render_day_view(key, PAGE, view, view.start_day)
render_day_notes(key, view, course)
render_footer(key)
