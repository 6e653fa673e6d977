"""Compare treatments: courses side by side, totals, one day across courses, the clinic's claim and the evidence."""

from dataclasses import replace

import streamlit as st

from dashboard.compare import axis_end
from dashboard.glossary import GLOSSARY_ANCHOR
from dashboard.i18n import _
from dashboard.links import local_link
from dashboard.params import MAX_COMPARE
from dashboard.ui.common import (
    get_dataset,
    read_view,
    render_footer,
    render_page_top,
    render_personal_controls,
    run_key,
    widget_key,
    write_view,
)
from dashboard.ui.compare import (
    Choice,
    render_claim,
    render_cross_section,
    render_session_controls,
    render_summary,
    render_timeline,
    render_timeline_text,
    summaries_of,
    texts_of,
)
from dashboard.ui.frame import ensure_frame
from dashboard.ui.gallery import render_before_after

ensure_frame()
PAGE = "compare"
DEFAULT_DAY = 3

# Read the view from the URL
words = _(
    "An **ablative** laser removes a thin layer of skin; a **nonablative** laser heats the skin below a "
    "surface it leaves whole, so healing is quicker but more sessions are needed. [Words we use]({link})."
)
words = words.format(link=local_link("sources", anchor=GLOSSARY_ANCHOR))
key = run_key()
render_page_top(
    key,
    _("Compare treatments"),
    _(
        "One ablative session or a series of gentler ones? Here you can see, for each course, how many "
        "sessions it takes, how many days you look red or stay at home, and when results show."
    )
    + f"\n\n:small[{words}]",
)
view = read_view(key, PAGE)

# Controls
dataset = get_dataset(key)
picked = st.multiselect(
    _("Treatments to compare (2 to {n})").format(n=MAX_COMPARE),
    list(dataset.treatments),
    key=widget_key(PAGE, "vs"),
    max_selections=MAX_COMPARE,
    format_func=lambda tid: dataset.treatments[tid].name,
)
if len(picked) >= 2:
    view = replace(view, vs=tuple(picked))
else:
    st.info(_("Pick at least two treatments. Until then, the last comparison stays on screen."), icon=":material/info:")
ids = list(view.vs)
with st.expander(_("Adjust for this person: area, strength, skin type"), icon=":material/tune:"):
    area, intensity, phototype = render_personal_controls(PAGE)
view = replace(view, area=area, intensity=intensity, phototype=phototype)
sessions = render_session_controls(dataset, ids, PAGE)
write_view(PAGE, view)

# Compute (each text and chart once per data version, choice and language: dashboard/ui/compare.py)
choice = Choice.of(view, ids, sessions)
summaries = list(summaries_of(key, choice))
last_day = axis_end(summaries)
texts = texts_of(key, choice)

# Render
render_summary(texts)  # in short, at a glance, and the timeline's heading
render_timeline_text(texts)
day = st.slider(
    _("Day to look at (from the first session)"),
    0,
    last_day,
    min(DEFAULT_DAY, last_day),
    key=f"{widget_key(PAGE, 'day')}.{last_day}",
)
render_timeline(key, choice, day)
render_cross_section(key, choice, day)  # and the timeline's key, under it
render_before_after(key, summaries)
render_claim(texts)
render_footer(key)
