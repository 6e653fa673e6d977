"""Placeholder: this page is being built."""

import streamlit as st

from dashboard.ui.common import get_dataset, render_clinic_bar

render_clinic_bar()
st.title("compare")
st.write(len(get_dataset().treatments), "treatments")
