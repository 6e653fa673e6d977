"""Streamlit glue shared by every page: cached loading, the language, the URL <-> view binding, the clinic frame."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import streamlit as st

from dashboard import pages
from dashboard.charts import split_data
from dashboard.charts.palette import Scheme
from dashboard.dates import today_in
from dashboard.gallery import gallery_folder, gallery_signature
from dashboard.i18n import (
    LANGUAGE_PARAM,
    N_,
    SOURCE_LANGUAGE,
    _,
    available_languages,
    current_language,
    language_name,
    link_params,
    links_key,
    pick_language,
    set_language,
)
from dashboard.links import AppAddress, app_address, local_link
from dashboard.loader import DataError, data_dir, folder_signature, load_dataset
from dashboard.markdown import md, phone_link
from dashboard.models import AREAS, INTENSITIES, PHOTOTYPES, Dataset
from dashboard.overlays import apply_overlays
from dashboard.params import View, parse_language, parse_view
from dashboard.recovery import Course, Personal, apply_modifiers
from dashboard.ui.memo import RunKey, fresh_for, memo
from dashboard.words import ROMAN, first_upper, review_status, translation_status
from dashboard.words import area as area_word
from dashboard.words import intensity as intensity_word

SIGNATURE_TTL_SECONDS = 2


def signature_key(signature: tuple[tuple[str, float, int], ...]) -> str:
    """A short key for a folder's signature (names, times and sizes of its files): one string instead of a tuple
    per file keeps every memo's key cheap to hash."""
    return hashlib.blake2b(repr(signature).encode(), digest_size=12).hexdigest()


def _signature(folder: str) -> str:
    # Stat the data files at most every few seconds, not on every rerun of every session.
    return fresh_for(SIGNATURE_TTL_SECONDS, "data", folder, lambda: signature_key(folder_signature(Path(folder))))


def _photos_signature(folder: str) -> str:
    return fresh_for(
        SIGNATURE_TTL_SECONDS, "photos", folder, lambda: signature_key(gallery_signature(gallery_folder(folder)))
    )


def run_key() -> RunKey:
    """The key of everything cached from the data for this run (dashboard/ui/memo.py): made once per run, by the
    page, and passed in. A fragment that reruns alone keeps the key of the run that drew it."""
    folder = str(data_dir())
    return RunKey(folder, _signature(folder), _photos_signature(folder), current_language(), links_key())


@memo(maxsize=4)
def _load_base(folder: str, signature: str) -> Dataset | DataError:
    # The English data, loaded and checked once per version of the files.
    try:
        return load_dataset(folder)
    except DataError as exc:
        return exc


@memo(maxsize=8)
def _load(folder: str, signature: str, language: str) -> Dataset | DataError:
    # The dataset in a language: its text from the overlays in data/i18n/<lang>/, English where they give none.
    base = _load_base(folder, signature)
    if isinstance(base, DataError) or language == SOURCE_LANGUAGE:
        return base
    return apply_overlays(base, language)[0]


def load_result(key: RunKey) -> Dataset | DataError:
    """The dataset of a key, or what is wrong with the data folder."""
    return _load(key.folder, key.signature, key.language)


def get_dataset(key: RunKey) -> Dataset:
    """The validated dataset, in the key's language; on a broken data folder, show one clear message and stop the
    page."""
    result = load_result(key)
    if isinstance(result, DataError):
        st.error(
            _(
                "The treatment information could not be loaded, so this page cannot be shown. Please tell the "
                "clinic staff. Details for staff:"
            )
        )
        st.code("\n".join(str(p) for p in result.problems[:30]), language=None)
        st.stop()
    return result


def dataset_of(key: RunKey) -> Dataset:
    """The dataset of a key the page has already read through get_dataset() (which shows the data's problems and
    stops the page): for what is made once from it, inside memos."""
    dataset = load_result(key)
    if not isinstance(dataset, Dataset):
        raise RuntimeError("get_dataset() stops the page before a broken dataset is used")
    return dataset


@memo(maxsize=256)
def course_of(key: RunKey, treatment: str, area: str, intensity: str, phototype: int | None) -> Course:
    """A treatment with a person's modifiers applied (made once per combination, data version and language)."""
    return apply_modifiers(dataset_of(key).treatment(treatment), Personal(area, intensity, phototype))


def get_course(key: RunKey, view: View) -> Course:
    """The view's treatment with the person's modifiers applied."""
    return course_of(key, view.treatment, view.area, view.intensity, view.phototype)


def arrow_rows(rows: list[dict[str, Any]], schema: pa.Schema | None = None) -> bytes:
    """Rows as a chart's named dataset, in the Arrow stream format Streamlit sends datasets in (st.vega_lite_chart
    passes bytes on as they are, where it would convert anything else on every run). Without a schema, the rows
    must be non-empty and share their fields; each column takes the type of its values."""
    if schema is None:
        table = pa.table({k: [r[k] for r in rows] for k in rows[0]})
    else:
        table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def with_data_apart(spec: dict[str, Any]) -> dict[str, Any]:
    """A finished spec with its long or shared data sets apart, as Arrow (dashboard/charts.split_data); if Arrow
    cannot hold one of them (a column of mixed types), the spec is sent as it was. Made once per chart: call it where
    the spec is memoised, and pass its `datasets` on with any of the run's own."""
    lean, data = split_data(spec)
    datasets: dict[str, bytes] = {}
    for name, rows in data.items():
        try:
            datasets[name] = arrow_rows(rows)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return spec
    return {**lean, "datasets": datasets} if datasets else spec


LANGUAGE_KEY = "_language"  # the language the person chose in this session (the URL's, or the switch's)
SEEN_LANGUAGE_KEY = "_language.seen"  # the link's `lang` as last seen: a different one is a new link
RUN_LANGUAGE_KEY = "_language.run"  # the last full run's language and link rule, for fragments that rerun alone


def _from_browser(name: str) -> Any:
    """What the browser told Streamlit about itself (st.context's `locale`, `url`, `timezone`), or None when no
    browser is there to say (tests, bare mode)."""
    try:
        return getattr(st.context, name)
    except Exception:  # noqa: BLE001 - no browser context
        return None


def browser_locale() -> str | None:
    """The browser's preferred language ('es-MX'), when a browser is there to say."""
    return _from_browser("locale")


def choose_language() -> tuple[str, list[str]]:
    """Set the language of this run and return it, with the notices about the link's `lang` (for the frame to show).

    The language the person chose in this session: a new link's `lang` (one that differs from the last seen), or
    the switch's; else the browser's, else English. Run by the frame before any page, since the language decides
    the words of everything after it. It only reads the address: the page's write_view writes it back, language
    included, so the language has one writer of the URL.
    """
    languages = available_languages()
    given = st.query_params.get_all(LANGUAGE_PARAM)
    requested, problems = parse_language({LANGUAGE_PARAM: given} if given else {}, languages)
    if given != st.session_state.get(SEEN_LANGUAGE_KEY):  # a new link (the menu's page switch drops it: none)
        st.session_state[SEEN_LANGUAGE_KEY] = given
        if requested is not None:
            st.session_state[LANGUAGE_KEY] = requested
    chosen = st.session_state.get(LANGUAGE_KEY)
    chosen = chosen if chosen in languages else None
    language = pick_language(chosen, browser_locale(), languages)
    in_links = True if chosen else None
    set_language(language, in_links=in_links)
    st.session_state[RUN_LANGUAGE_KEY] = (language, in_links)
    return language, problems


def fragment(func: Callable[..., None] | None = None, *, run_every: float | None = None) -> Any:
    """st.fragment, rerun in the page's language: a fragment that reruns alone (a day step, a self-check) does
    not run the frame, so it takes the language the last full run chose (choose_language)."""

    def decorate(f: Callable[..., None]) -> Any:
        @functools.wraps(f)
        def in_language(*args: Any, **kwargs: Any) -> None:
            language, in_links = st.session_state.get(RUN_LANGUAGE_KEY, (current_language(), None))
            set_language(language, in_links=in_links)
            f(*args, **kwargs)

        return st.fragment(in_language, run_every=run_every)

    return decorate if func is None else decorate(func)


def _on_language_switch(key: str) -> None:
    language = st.session_state[key]
    if language is None:  # a segmented control can be unselected; keep the language as it was
        return
    st.session_state[LANGUAGE_KEY] = language  # the page's write_view puts it in the address


def render_language_switch(where: str) -> None:
    """The language switch (in the sidebar and on the overview): each language named in itself. Choosing one
    updates the URL, so the address bar stays a link to the page in that language."""
    languages = available_languages()
    if len(languages) < 2:
        return
    key = f"language-switch.{where}"
    st.session_state[key] = current_language()
    # Each language is named in itself, so the control reads without its label; the label stays for screen readers.
    st.segmented_control(
        _("Language"),
        languages,
        key=key,
        format_func=language_name,
        on_change=_on_language_switch,
        args=(key,),
        selection_mode="single",
        label_visibility="visible" if where == "sidebar" else "collapsed",
    )


def render_link_notices(problems: list[str]) -> None:
    """Notices about the link's parameters, one short line each, naming the parameter (never its value)."""
    for problem in problems:
        st.warning(problem, icon=":material/link_off:")


def browser_scheme() -> Scheme:
    """The theme the browser draws the page in ('light' or 'dark': Streamlit follows the device's setting), for the
    charts' colours (dashboard/charts/palette.py); light when no browser says."""
    theme = _from_browser("theme")
    return "dark" if getattr(theme, "type", None) == "dark" else "light"


def page_url() -> str | None:
    """The address the browser shows for this page (None outside a browser)."""
    return _from_browser("url")


def viewer_today() -> date:
    """Today in the viewer's time zone (the browser reports it; UTC when it does not)."""
    return today_in(_from_browser("timezone"))


def phone_address(key: RunKey) -> AppAddress:
    """Where phones reach the app: clinic.yaml's public_url, else the address this page was opened at (the consult
    page's links and QR code, and the waiting-room screen's QR code)."""
    dataset = load_result(key)
    return app_address(page_url(), dataset.clinic.public_url if isinstance(dataset, Dataset) else None)


def _current_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def read_view(key: RunKey, page: str, on_new_url: Callable[[View], None] | None = None) -> View:
    """Parse the URL into a view for a page of dashboard/pages.py; when the URL changed from outside, reset the
    page's widgets from it (and call `on_new_url`, for state a page owns itself, such as the day).

    Problems are shown once per URL as one short notice each, naming the parameter (never its value).
    """
    dataset = get_dataset(key)
    keys = pages.page(page).keys
    params = {k: v for k, v in _current_params().items() if k in keys}  # `lang` is the frame's (choose_language)
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
    render_link_notices(st.session_state.get(f"_problems_{page}", []))
    return view


# The view fields whose widgets read_view seeds from the URL. The day is not among them: the day-by-day page
# owns it (dashboard/ui/recovery.set_day) and seeds it through on_new_url.
_WIDGET_FIELDS = ("treatment", "start", "area", "intensity", "phototype", "vs", "sessions", "compare")


def _widget_values(view: View) -> dict[str, Any]:
    return {
        "treatment": view.treatment,
        "start": view.start,
        "area": view.area,
        "intensity": view.intensity,
        "phototype": view.phototype,
        "vs": list(view.vs),
        "sessions": view.sessions,
        "compare": view.compare,
    }


def widget_key(page: str, field: str) -> str:
    """The session-state key of a page's widget for a view field (read_view keeps it in step with the URL)."""
    return f"{page}.{field}"


def write_view(page: str, view: View) -> None:
    """Make the address bar a link to what is on screen (the page's own parameters, and the language when the
    person chose one). The one writer of the address: every page calls it once a run (the day-by-day page from its
    day view, which owns the day)."""
    query = view.query(pages.page(page).keys)
    st.session_state[f"_url_{page}"] = {k: [v] for k, v in query.items()}
    full = query | link_params()
    if _current_params() != {k: [v] for k, v in full.items()}:
        st.query_params.from_dict(full)


# Targets a finger can hit (WCAG 2.2 AA, 2.5.8: at least 24 x 24 CSS px): the day and month fields of the date
# controls, and the radio and checkbox rows of the self-check, are smaller by default. Selected by Streamlit's
# data-testid and ARIA roles, which are part of its tested markup, not by its generated class names.
TARGET_STYLE = """<style>
[data-testid="stDateInput"] [role="spinbutton"] { display: inline-block; min-width: 24px; min-height: 24px;
  text-align: center; }
[data-testid="stRadio"] [role="radiogroup"] label, [data-testid="stCheckbox"] label { min-height: 24px;
  align-items: center; }
/* A chart wider than its box (views side by side or stacked take the box's width for their plots and put the axis
   labels beside them) is scaled to the box, so the whole chart stays on screen, the last days included. */
[data-testid="stVegaLiteChart"] svg.marks, [data-testid="stVegaLiteChart"] canvas.marks { max-width: 100%;
  height: auto; }
/* A fold inside Markdown (dashboard/markdown.fold), drawn like Streamlit's expander: a box, its label a target a
   finger can hit. A source's "Cited in n places" on /sources is a lighter fold of the same kind. */
details.fold { border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; margin: 0 0 1rem; }
details.fold > summary { cursor: pointer; min-height: 24px; padding: 0.75rem 1rem; }
details.fold[open] > summary { padding-bottom: 0.25rem; }
details.fold > :not(summary) { margin-left: 1rem; margin-right: 1rem; }
details.cited > summary { cursor: pointer; min-height: 24px; }
/* On a dark page Streamlit writes a chosen pill's or segment's label in the primary colour on a tint of it: 3.2:1.
   A primary light enough for that would fail under the white text of primary buttons and chosen tags, so the chosen
   label alone is lighter (7:1). Streamlit follows the device's setting, as this query does.
   Test: tests/test_browser_night.py (axe's colour contrast in dark). */
@media (prefers-color-scheme: dark) {
  [data-testid="stButtonGroup"] button[data-selected="true"],
  [data-testid="stButtonGroup"] button[data-selected="true"] * { color: #8fd3ee; }
}
</style>"""


# The same script in every language (the code rides on its data-lang), so the Content-Security-Policy allows it by
# one hash (dashboard/security.py).
LANG_SCRIPT = "document.documentElement.lang = document.currentScript.dataset.lang;"
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")


def render_page_style(language: str) -> None:
    """The few style rules every page needs, and the page's language on <html lang> (screen readers pronounce
    the page by it, and browsers offer translation by it; Streamlit's page says "en" whatever it shows). The frame
    draws them first, before any page."""
    code = language.replace("_", "-") if _LANGUAGE_CODE.match(language) else "en"  # a catalog's folder name
    st.html(f'{TARGET_STYLE}<script data-lang="{code}">{LANG_SCRIPT}</script>', unsafe_allow_javascript=True)


def _clinic_bar(key: RunKey) -> str:
    c = get_dataset(key).clinic
    # Small text rather than a caption: a caption fades links below the 4.5:1 contrast that WCAG AA asks for.
    return ":small[{name} · {phone}]".format(
        name=md(c.name), phone=_("Phone {number}").format(number=phone_link(c.phone))
    )


def render_clinic_bar(key: RunKey) -> None:
    """Clinic name and phone, in the same place on every page; the phone is a tel: link where possible."""
    st.markdown(_clinic_bar(key))


def render_tab_title(key: RunKey, name: str, detail: str | None = None) -> None:
    """The page's title in the browser's tab: `detail` (what is on screen, such as the day), the page's name and the
    clinic's (pages.tab_title)."""
    dataset = load_result(key)
    clinic = dataset.clinic.name if isinstance(dataset, Dataset) else None
    st.set_page_config(page_title=pages.tab_title(name, clinic, detail))


def render_page_top(key: RunKey, title: str, intro: str = "") -> None:
    """The clinic bar, the page's title and its introduction (Markdown): one element, as each costs a message to
    send and to draw on every run. The browser's tab takes the same title."""
    render_tab_title(key, title)
    st.markdown(_clinic_bar(key) + "\n\n# " + md(title) + (f"\n\n{intro}" if intro else ""))


@memo(maxsize=64)
def _footer_markdown(key: RunKey) -> str:
    # Made once per key: its dates are Babel's work.
    c = dataset_of(key).clinic
    translated = translation_status(c, key.language)
    # A rule, then small text, the link in small text of its own (a caption fades links below the 4.5:1 contrast
    # that WCAG AA asks for).
    return "---\n\n:small[{notes}]\n\n:small[[{how}]({link})]".format(
        notes=" ".join(md(x) for x in (c.disclaimer, review_status(c), translated) if x),
        how=_("How we know this: sources and methods"),
        link=local_link("sources"),
    )


def render_footer(key: RunKey) -> None:
    """The disclaimer, the content's date, who at the clinic reviewed it (and the translation), on every page."""
    get_dataset(key)  # shows the data's problems and stops the page, if any
    st.markdown(_footer_markdown(key))  # one element: each costs a message to send


PHOTOTYPE_WORDS = {None: N_("Not given")} | dict(
    zip(
        PHOTOTYPES,
        (
            N_("I: always burns, never tans"),
            N_("II: usually burns, tans a little"),
            N_("III: sometimes burns, tans evenly"),
            N_("IV: rarely burns, tans easily"),
            N_("V: very rarely burns, brown skin"),
            N_("VI: never burns, deeply pigmented skin"),
        ),
        strict=True,
    )
)
assert all(PHOTOTYPE_WORDS[p].startswith(f"{ROMAN[p]}:") for p in PHOTOTYPES)


def phototype_words(phototype: int | None) -> str:
    """A skin type as the skin-type control lists it: 'IV: rarely burns, tans easily'."""
    return _(PHOTOTYPE_WORDS[phototype])


def render_treatment_select(key: RunKey, page: str, label: str | None = None) -> str:
    """A select box of the data's treatments, bound to the page's view."""
    dataset = get_dataset(key)
    ids = list(dataset.treatments)
    return st.selectbox(
        label or _("Treatment"),
        ids,
        key=widget_key(page, "treatment"),
        format_func=lambda tid: dataset.treatments[tid].name,
    )


def render_personal_controls(page: str) -> tuple[str, str, int | None]:
    """Area, intensity and skin type (Fitzpatrick phototype) controls, bound to the page's view."""
    area = st.selectbox(
        _("Treated area"),
        list(AREAS),
        key=widget_key(page, "area"),
        format_func=lambda code: first_upper(area_word(code)),
    )
    intensity = st.selectbox(
        _("Treatment strength"),
        list(INTENSITIES),
        key=widget_key(page, "intensity"),
        format_func=lambda code: first_upper(intensity_word(code)),
    )
    # Streamlit shows a None value as "no selection", so the placeholder carries the words for "not given".
    phototype = st.selectbox(
        _("Skin type (Fitzpatrick)"),
        list(PHOTOTYPE_WORDS),
        key=widget_key(page, "phototype"),
        format_func=phototype_words,
        placeholder=phototype_words(None),
        help=_(
            "The Fitzpatrick scale from I to VI says how your skin reacts to sun: type I "
            "always burns, type VI never burns. Your clinician can tell you your type."
        ),
    )
    return area, intensity, phototype
