"""Overview: the treatments at a glance, and a way in for each kind of visitor."""

import streamlit as st

from dashboard.glossary import GLOSSARY_ANCHOR
from dashboard.i18n import _
from dashboard.links import local_link
from dashboard.params import View
from dashboard.ui.common import (
    get_dataset,
    render_clinic_bar,
    render_footer,
    render_language_switch,
    render_tab_title,
    run_key,
    write_view,
)
from dashboard.ui.frame import ensure_frame
from dashboard.ui.overview import render_audiences, render_before_treatment_all, render_treatment_glance

ensure_frame()

key = run_key()
render_tab_title(key, _("Recovery after laser skin resurfacing"))
render_clinic_bar(key)
render_language_switch("overview")  # also in the menu; here for phones, where the menu starts folded away
st.title(_("Recovery after laser skin resurfacing"), anchor=False)
words = _(
    "An **ablative** laser, such as the CO2 laser, removes a thin layer of skin. A **nonablative** laser heats "
    "the skin below the surface and leaves the surface whole. A **fractional** laser treats the skin in tiny "
    "dots. More words explained: [words we use]({glossary})."
).format(glossary=local_link("sources", anchor=GLOSSARY_ANCHOR))
st.markdown(
    _(
        "What the days and months after treatment usually look like, from the studies and guidance we "
        "cite. Every number links to its source."
    )
    + f"\n\n:small[{words}]"
)

# The way in for each visitor, then the treatments at a glance (both from the data, cached)
dataset = get_dataset(key)
render_audiences(key, dataset)
st.header(_("The treatments at a glance"), anchor=False)
render_treatment_glance(key, dataset)
render_before_treatment_all(dataset)
write_view("overview", View())  # the address: the language, when the person chose one
render_footer(key)
