import streamlit as st

st.write(st.query_params.get("day", "0"))
