"""Day by day: the "today" card, the self-check and the symptom chart for one day after treatment."""

from dataclasses import replace

import streamlit as st

from dashboard.ui.common import (
    get_course,
    get_dataset,
    read_view,
    render_clinic_bar,
    render_footer,
    render_personal_controls,
    render_treatment_select,
    write_view,
)
from dashboard.ui.recovery import (
    render_day_view,
    render_modifier_notes,
    render_modifier_summary,
    render_start_input,
    start_day_for,
)

PAGE = "recovery"
KEYS = ("treatment", "day", "start", "area", "intensity", "phototype")

# Read the view from the URL
render_clinic_bar()
view = read_view(PAGE, KEYS)
st.title("Day by day", anchor=False)

# Controls: treatment, optional date, and the personal modifiers folded away for phones
dataset = get_dataset()
treat_col, date_col = st.columns(2)
with treat_col:
    treatment = render_treatment_select(PAGE)
horizon = dataset.treatment(treatment).horizon_days
with date_col:
    start = render_start_input(PAGE, view, horizon)
adjust = st.expander("Adjust for you: area, strength, skin type", icon=":material/tune:")
with adjust:
    area, intensity, phototype = render_personal_controls(PAGE)
view = replace(view, treatment=treatment, start=start, start_day=start_day_for(start, horizon), area=area,
               intensity=intensity, phototype=phototype)
write_view(PAGE, view, KEYS)

# Compute (cached) and render; the day controls, card and chart rerun on their own as the day moves
course = get_course(view)
with adjust:
    render_modifier_notes(course)
render_modifier_summary(course)
render_day_view(PAGE, KEYS, view, view.start_day)
render_footer()
