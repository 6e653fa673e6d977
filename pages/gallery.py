"""Photos by day: the clinic's own consented photos nearest a chosen day, filtered by treatment, area and skin type."""

from dataclasses import replace

import streamlit as st

from dashboard.i18n import _
from dashboard.models import AREAS
from dashboard.params import View
from dashboard.ui.common import (
    get_dataset,
    read_view,
    render_footer,
    render_page_top,
    render_treatment_select,
    run_key,
    widget_key,
    write_view,
)
from dashboard.ui.frame import ensure_frame
from dashboard.ui.gallery import (
    gallery_of,
    grid_photos,
    render_area_filter,
    render_gallery_problems,
    render_photo_grid,
    render_phototype_filter,
    seed_area_filter,
)
from dashboard.ui.nav import page_link
from dashboard.ui.recovery import chosen_day, set_day

ensure_frame()
PAGE = "gallery"


def _seed(v: View) -> None:
    # A new link: its area (none means any area here) and its day, within the treatment's range
    seed_area_filter(PAGE, v)
    set_day(PAGE, v.day, dataset.treatment(v.treatment).horizon_days)


# Read the view from the URL (here a link without an area means any area)
key = run_key()
render_page_top(key, _("Photos by day"))
dataset = get_dataset(key)
view = read_view(key, PAGE, _seed)
gallery = gallery_of(key)

if gallery is None:
    # Empty is quiet: one neutral line (and, for a broken gallery, what staff need to fix it)
    render_gallery_problems(key)
    st.markdown(_("This clinic has not shared photos yet."))
    page_link(key, "overview", label=_("Back to the overview"), icon=":material/home:")
else:
    st.markdown(
        _(
            "Photos of this clinic's own patients, shared with their consent, at different days after "
            "treatment. Your skin may differ."
        )
    )
    # Controls
    treatment_col, area_col, type_col = st.columns(3)
    with treatment_col:
        treatment = render_treatment_select(key, PAGE)
    with area_col:
        area = render_area_filter(PAGE, AREAS)
    with type_col:
        phototype = render_phototype_filter(PAGE)
    horizon = dataset.treatment(treatment).horizon_days
    set_day(PAGE, chosen_day(PAGE), horizon)  # a shorter treatment may have cut the range
    day = st.slider(
        _("Day after treatment"),
        0,
        horizon,
        key=widget_key(PAGE, "day"),
        help=_("Day 0 is the day of treatment. Use the arrow keys to move one day at a time."),
    )
    view = replace(
        view, treatment=treatment, area=area or "face", area_named=area is not None, phototype=phototype, day=day
    )
    write_view(PAGE, view)

    # Compute and render
    photos = grid_photos(gallery, treatment, day, area, phototype)
    st.header(_("Photos nearest day {day}").format(day=day), anchor=False)
    if photos:
        render_photo_grid(gallery, photos, f"{PAGE}.photo")  # apart from the filters' keys (gallery.day, ...)
    elif area is None and phototype is None:
        st.markdown(_("The clinic has not shared photos of this treatment yet."))
    else:
        st.markdown(_("No photos match these choices. Try any area or any skin type."))
render_footer(key)
