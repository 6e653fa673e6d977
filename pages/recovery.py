"""Day by day: the "today" card, the self-check and the symptom chart for one day after treatment."""

import streamlit as st

from dashboard.i18n import _
from dashboard.ui.common import get_course, get_dataset, read_view, render_footer, render_page_top, run_key
from dashboard.ui.frame import ensure_frame
from dashboard.ui.recovery import (
    render_choice_line,
    render_day_notes,
    render_day_view,
    render_settings,
    set_day,
    settings_view,
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
choosing = view.start is None and "day" not in st.query_params
settings = st.expander(
    _("Change the treatment, the date or your details"),
    icon=":material/tune:",
    expanded=choosing,
    key=f"{PAGE}.settings",
    on_change="rerun",
)
view = settings_view(PAGE, view, dataset)  # what the settings hold, before they are drawn
course = get_course(key, view)
with chosen:
    render_choice_line(course, view)
if choosing:  # the person is choosing: the settings first, as they read
    with settings:
        render_settings(key, PAGE, course, view)

# The answer first: the day view is sent and drawn before the folded settings fill their box above it, so on a slow
# phone the day's heading, its phase and when to call do not wait for the settings' widgets. The day view reruns
# on its own as the day moves, and writes the address bar.
render_day_view(key, PAGE, view, view.start_day)
if not choosing and settings.open:
    with settings:
        render_settings(key, PAGE, course, view)
render_day_notes(key, view, course)
render_footer(key)
