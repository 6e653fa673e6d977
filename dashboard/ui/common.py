"""Streamlit glue shared by every page: cached loading, the URL <-> view binding, the clinic frame."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard import pages
from dashboard.dates import today_in
from dashboard.loader import DataError, data_dir, folder_signature, load_dataset
from dashboard.markdown import md, phone_link
from dashboard.models import AREAS, INTENSITIES, PHOTOTYPES, Dataset
from dashboard.params import View, parse_view
from dashboard.recovery import Course, Personal, apply_modifiers
from dashboard.words import ROMAN, review_status

SIGNATURE_TTL_SECONDS = 2


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_cached(folder: str, signature: tuple[tuple[str, float, int], ...]) -> Dataset | DataError:
    # cache_resource: the dataset is immutable, so sessions can share one object without copying it
    try:
        return load_dataset(folder)
    except DataError as exc:
        return exc


@st.cache_resource(show_spinner=False, ttl=SIGNATURE_TTL_SECONDS, max_entries=8)
def _signature(folder: str) -> tuple[tuple[str, float, int], ...]:
    # Stat the data files at most every few seconds, not on every rerun of every session.
    return folder_signature(Path(folder))


def data_version() -> tuple[str, tuple[tuple[str, float, int], ...]]:
    """The data folder and its files' signature: the key for anything cached from the data."""
    folder = str(data_dir())
    return folder, _signature(folder)


def get_dataset() -> Dataset:
    """The validated dataset; on a broken data folder, show one clear message and stop the page."""
    folder = str(data_dir())
    result = _load_cached(folder, _signature(folder))
    if isinstance(result, DataError):
        st.error(
            "The treatment information could not be loaded, so this page cannot be shown. "
            "Please tell the clinic staff. Details for staff:"
        )
        st.code("\n".join(str(p) for p in result.problems[:30]), language=None)
        st.stop()
    return result


@st.cache_resource(show_spinner=False, max_entries=256)
def _course_cached(folder: str, signature: tuple[Any, ...], treatment: str, area: str, intensity: str,
                   phototype: int | None) -> Course:
    dataset = _load_cached(folder, signature)
    assert isinstance(dataset, Dataset)
    return apply_modifiers(dataset.treatment(treatment), Personal(area, intensity, phototype))


def get_course(view: View) -> Course:
    """The chosen treatment with the person's modifiers applied (cached per combination)."""
    get_dataset()
    folder = str(data_dir())
    return _course_cached(folder, _signature(folder), view.treatment, view.area,
                          view.intensity, view.phototype)


def page_url() -> str | None:
    """The address the browser shows for this page (None outside a browser)."""
    try:
        return st.context.url
    except Exception:  # noqa: BLE001 - no browser context (tests, bare mode)
        return None


def viewer_today() -> date:
    """Today in the viewer's time zone (the browser reports it; UTC when it does not)."""
    try:
        tz = st.context.timezone
    except Exception:  # noqa: BLE001 - no browser context (tests, bare mode)
        tz = None
    return today_in(tz)


def _current_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def read_view(page: str, on_new_url: Callable[[View], None] | None = None) -> View:
    """Parse the URL into a view for a page of dashboard/pages.py; when the URL changed from outside, reset the
    page's widgets from it (and call `on_new_url`, for state a page owns itself, such as the day).

    Problems are shown once per URL as one short notice each, naming the parameter (never its value).
    """
    dataset = get_dataset()
    keys = pages.page(page).keys
    params = {k: v for k, v in _current_params().items() if k in keys}
    today = viewer_today()
    horizons = {tid: t.horizon_days for tid, t in dataset.treatments.items()}
    view, problems = parse_view(params, horizons, today, day_notices="day" in keys)
    seen_key = f"_url_{page}"
    widgets = [widget_key(page, k) for k in keys if k in _WIDGET_FIELDS]
    # Re-seed when the URL changed from outside, or when Streamlit dropped the widgets' state after a page switch.
    if st.session_state.get(seen_key) != params or any(w not in st.session_state for w in widgets):
        st.session_state[seen_key] = params
        st.session_state[f"_view_{page}"] = view
        st.session_state[f"_problems_{page}"] = problems
        for field, value in _widget_values(view).items():
            if field in keys:
                st.session_state[widget_key(page, field)] = value
        if on_new_url is not None:
            on_new_url(view)
    for problem in st.session_state.get(f"_problems_{page}", []):
        st.warning(problem, icon=":material/link_off:")
    return view


# The view fields whose widgets read_view seeds from the URL. The day is not among them: the day-by-day page
# owns it (dashboard/ui/recovery.set_day) and seeds it through on_new_url.
_WIDGET_FIELDS = ("treatment", "start", "area", "intensity", "phototype", "vs", "sessions")


def _widget_values(view: View) -> dict[str, Any]:
    return {"treatment": view.treatment, "start": view.start, "area": view.area, "intensity": view.intensity,
            "phototype": view.phototype, "vs": list(view.vs), "sessions": view.sessions}


def widget_key(page: str, field: str) -> str:
    """The session-state key of a page's widget for a view field (read_view keeps it in step with the URL)."""
    return f"{page}.{field}"


def write_view(page: str, view: View) -> None:
    """Make the address bar a link to what is on screen (the page's own parameters only)."""
    query = view.query(pages.page(page).keys)
    wanted = {k: [v] for k, v in query.items()}
    st.session_state[f"_url_{page}"] = wanted
    if _current_params() != wanted:
        st.query_params.from_dict(query)


# Targets a finger can hit (WCAG 2.2 AA, 2.5.8: at least 24 x 24 CSS px): the day and month fields of the date
# controls, and the radio and checkbox rows of the self-check, are smaller by default. Selected by Streamlit's
# data-testid and ARIA roles, which are part of its tested markup, not by its generated class names.
TARGET_STYLE = """<style>
[data-testid="stDateInput"] [role="spinbutton"] { display: inline-block; min-width: 24px; min-height: 24px;
  text-align: center; }
[data-testid="stRadio"] [role="radiogroup"] label, [data-testid="stCheckbox"] label { min-height: 24px;
  align-items: center; }
</style>"""


def render_page_style() -> None:
    """The few style rules every page needs (the frame draws them first, before any page)."""
    st.html(TARGET_STYLE)


def render_clinic_bar() -> None:
    """Clinic name and phone, in the same place on every page; the phone is a tel: link where possible."""
    c = get_dataset().clinic
    # Small text rather than a caption: a caption fades links below the 4.5:1 contrast that WCAG AA asks for.
    st.markdown(f":small[{md(c.name)} · Phone {phone_link(c.phone)}]")


def render_footer() -> None:
    """The disclaimer, the content's date and who at the clinic reviewed it, at the bottom of every page."""
    c = get_dataset().clinic
    st.divider()
    st.caption(f"{md(c.disclaimer)} {md(review_status(c))} [How we know this: sources and methods](sources)")


PHOTOTYPE_WORDS = {None: "Not given"} | {
    p: f"{ROMAN[p]}: {words}" for p, words in zip(PHOTOTYPES, (
        "always burns, never tans", "usually burns, tans a little", "sometimes burns, tans evenly",
        "rarely burns, tans easily", "very rarely burns, brown skin", "never burns, deeply pigmented skin"),
        strict=True)}


def render_treatment_select(page: str, label: str = "Treatment") -> str:
    """A select box of the data's treatments, bound to the page's view."""
    dataset = get_dataset()
    ids = list(dataset.treatments)
    return st.selectbox(label, ids, key=widget_key(page, "treatment"),
                        format_func=lambda tid: dataset.treatments[tid].name)


def render_personal_controls(page: str) -> tuple[str, str, int | None]:
    """Area, intensity and skin type (Fitzpatrick phototype) controls, bound to the page's view."""
    area = st.selectbox("Treated area", list(AREAS), key=widget_key(page, "area"),
                        format_func=str.capitalize)
    intensity = st.selectbox("Treatment strength", list(INTENSITIES),
                             key=widget_key(page, "intensity"), format_func=str.capitalize)
    # Streamlit shows a None value as "no selection", so the placeholder carries the words for "not given".
    phototype = st.selectbox("Skin type (Fitzpatrick)", list(PHOTOTYPE_WORDS), key=widget_key(page, "phototype"),
                             format_func=lambda p: PHOTOTYPE_WORDS[p], placeholder=PHOTOTYPE_WORDS[None],
                             help="The Fitzpatrick scale from I to VI says how your skin reacts to sun: type I "
                                  "always burns, type VI never burns. Your clinician can tell you your type.")
    return area, intensity, phototype
