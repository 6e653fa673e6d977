"""The frame: page config, navigation over the pages of the URL contract, then the chosen page."""

import streamlit as st

from dashboard.ui.common import is_display_request

# An emoji icon becomes a data: favicon; a ":material/...:" one would be fetched from fonts.gstatic.com.
st.set_page_config(page_title="CO2 laser recovery timeline", page_icon="🩹", layout="wide",
                   initial_sidebar_state="auto", menu_items={})

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/recovery.py", title="Day by day", icon=":material/calendar_today:", url_path="recovery"),
    st.Page("pages/collagen.py", title="Collagen over months", icon=":material/show_chart:", url_path="collagen"),
    st.Page("pages/compare.py", title="Compare treatments", icon=":material/compare_arrows:", url_path="compare"),
    st.Page("pages/consult.py", title="Consult planner", icon=":material/assignment:", url_path="consult"),
    st.Page("pages/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
    st.Page("pages/display.py", title="Clinic display", icon=":material/tv:", url_path="display",
            visibility="hidden"),
]

st.navigation(PAGES, position="hidden" if is_display_request() else "sidebar").run()
