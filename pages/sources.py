"""Sources and methods: every source with its level and the facts that cite it, gaps, how curves are modelled."""

import streamlit as st

from dashboard.i18n import _
from dashboard.markdown import md
from dashboard.params import View
from dashboard.ui.common import get_dataset, render_footer, render_page_top, run_key, write_view
from dashboard.ui.frame import ensure_frame
from dashboard.ui.sources import (
    keep_anchor_in_view,
    render_gaps,
    render_glossary,
    render_methods,
    render_sources,
    render_triage,
)
from dashboard.words import review_status

ensure_frame()

# Load (this page has no URL parameters: sources are reached by their #src-<key> anchors)
key = run_key()
render_page_top(key, _("Sources and methods"))
dataset = get_dataset(key)
clinic = dataset.clinic

# Render
st.info(
    _(
        "This app is for learning. It is not medical advice. Your clinician's instructions always come first. "
        "If you are worried, call the clinic."
    )
    + f" **{md(review_status(clinic))}**",
    icon=":material/info:",
)
st.markdown(
    _(
        "Every number in this app comes with a source key, such as S4. Tap a key on any page to jump to the "
        "source here. The curves are models drawn through the time points these sources report; they are "
        "not a prediction for one person."
    )
)
render_methods()
render_triage(key)
render_gaps(dataset)
st.header(_("All sources"), anchor="all-sources")
render_sources(key)
render_glossary()
write_view("sources", View())  # the address: the language, when the person chose one
render_footer(key)
keep_anchor_in_view()
