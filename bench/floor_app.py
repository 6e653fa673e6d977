import streamlit as st

st.markdown(f"## Day {st.query_params.get('day', '0')}")
