"""The frame: page config, navigation over the pages of the URL contract (dashboard/pages.py), then the page."""

import streamlit as st

from dashboard.pages import PAGES
from dashboard.ui.common import render_page_style
from dashboard.ui.frame import is_display_request

# An emoji icon becomes a data: favicon; a ":material/...:" one would be fetched from fonts.gstatic.com.
st.set_page_config(page_title="CO2 laser recovery timeline", page_icon="🩹", layout="wide",
                   initial_sidebar_state="auto", menu_items={})

render_page_style()
navigation = [st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path or None, default=p.path == "/",
                      visibility="visible" if p.in_menu else "hidden") for p in PAGES]
st.navigation(navigation, position="hidden" if is_display_request() else "sidebar").run()
