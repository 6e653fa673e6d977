"""The frame: the language, page config, navigation over the pages of the URL contract (dashboard/pages.py), then
the page."""

import logging

import streamlit as st

from dashboard.pages import PAGES
from dashboard.ui.common import (
    choose_language,
    page_url,
    render_language_switch,
    render_link_notices,
    render_page_style,
    run_key,
)
from dashboard.ui.frame import framed, is_display_request, rerun_on_reconnect, settle_heap_soon
from dashboard.ui.gallery import has_photos
from dashboard.ui.nav import navigation_pages

language, problems = choose_language()
display = is_display_request(page_url())
# An emoji icon becomes a data: favicon; a ":material/...:" one would be fetched from fonts.gstatic.com. No title:
# each page sets its own (common.render_tab_title), which a title here would override.
st.set_page_config(page_icon="🩹", layout="wide", initial_sidebar_state="auto", menu_items={})
render_page_style(language)
if display:  # nobody reads a notice on an unattended screen: it goes to the log
    for problem in problems:
        logging.getLogger("dashboard.ui.display").warning("display: %s", problem)
else:
    render_link_notices(problems)
    with st.sidebar:
        render_language_switch("sidebar")
        rerun_on_reconnect()  # the display has a timer of its own
# The photo page is in the menu only when the clinic has shared photos (a cached check): empty is quiet.
key = run_key()
in_menu = {p.key: p.in_menu and (p.key != "gallery" or has_photos(key)) for p in PAGES}
with framed():  # the page knows it runs inside its frame (dashboard/ui/frame.ensure_frame)
    st.navigation(navigation_pages(key, in_menu), position="hidden" if display else "sidebar").run()
settle_heap_soon()  # once per process, after the page went out: the collector stops walking the modules
