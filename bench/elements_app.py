"""A page of N identical elements (`?n=50`; `&kind=cb` check boxes, `&kind=radio` radio groups, else Markdown):
what one more element costs Streamlit per run, against the floor (bench/floor_app.py).

`python -m bench.run --app bench/elements_app.py --no-step --sessions 10 --section elements
--pages '/?n=0' '/?n=50' '/?n=100' '/?n=20&kind=cb' '/?n=20&kind=radio'`
"""

import streamlit as st

count = int(st.query_params.get("n", "0"))
kind = st.query_params.get("kind", "md")
for i in range(count):
    if kind == "cb":
        st.checkbox(f"Check {i}", key=f"cb{i}")
    elif kind == "radio":
        st.radio(f"Radio {i}", [0, 1, 2, 3], horizontal=True, key=f"r{i}")
    else:
        st.markdown(f"Line **{i}** of some text that is about as long as a typical sentence on a page.")
