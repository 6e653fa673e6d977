"""The clinic display's Streamlit side: its one URL parameter, the slide of the moment, and the page's style.

The slides are built in dashboard/slides.py and drawn as HTML in dashboard/display_html.py (both pure).
"""

from __future__ import annotations

import logging
import time
from datetime import date

import streamlit as st

from dashboard.display_html import FIT_SCRIPT, HOUSEKEEPING_SCRIPT, STYLE, qr_svg_data_uri, slide_html
from dashboard.i18n import available_languages, current_language, set_language
from dashboard.params import parse_languages, parse_view
from dashboard.slides import Slide, build_slides, layout_offset, slide_at
from dashboard.ui.common import dataset_of, get_dataset, phone_address, run_key
from dashboard.ui.gallery import gallery_of
from dashboard.ui.memo import RunKey, memo

logger = logging.getLogger(__name__)


def now() -> float:
    """The clock the display runs on (tests replace it to show a chosen slide)."""
    return time.time()


def read_interval() -> int:
    """Seconds per slide from the URL; a bad value falls back to the default and is logged, never shown.

    The display deliberately bypasses common.read_view: nobody can read or act on a notice on an unattended
    screen, and it must not seed widget state. It passes only `interval` on, so personal parameters in the
    address (start, phototype, ...) are never even parsed here.
    """
    params = {"interval": st.query_params.get_all("interval")} if "interval" in st.query_params else {}
    view, problems = parse_view(params, {}, date.today())
    for problem in problems:
        logger.warning("display: %s Using %s seconds per slide.", problem, view.interval)
    return view.interval


def read_languages() -> tuple[str, ...]:
    """The languages the screen alternates its slides in (`langs=en,es`), else the page's one language. Bad values
    are logged, never shown."""
    given = st.query_params.get_all("langs")
    languages, problems = parse_languages({"langs": given} if given else {}, available_languages())
    for problem in problems:
        logger.warning("display: %s", problem)
    return languages or (current_language(),)


@memo(maxsize=8)
def _slides(key: RunKey, app_url: str | None) -> tuple[Slide, ...]:
    # Slides are immutable and rebuilt only when the data files, the photos, the language or the address change.
    return build_slides(dataset_of(key), app_url, gallery_of(key))


def get_slides(key: RunKey, app_url: str | None) -> tuple[Slide, ...]:
    """The slides for the current data and photos (a broken data folder shows its message and stops the slide)."""
    get_dataset(key)
    return _slides(key, app_url)


@memo(maxsize=8)
def qr_data_uri(url: str) -> str:
    """The screen's QR code for a URL, made once."""
    return qr_svg_data_uri(url)


def app_url(key: RunKey) -> str | None:
    """Where the QR code points (the same address as the consult page's), or None when no phone could open it: the
    screen then shows no QR code."""
    get_dataset(key)
    return phone_address(key).link("recovery")


def log_address_problems(key: RunKey) -> None:
    """Log, once per page load, why the screen shows no QR code (nobody reads notices on a waiting-room screen;
    the consult page shows staff the same problem)."""
    for problem in phone_address(key).problems:
        logger.warning("display: %s", problem)


def render_style() -> None:
    """The display's dark, large-type look; only this page loads it."""
    st.html(f"<style>{STYLE}</style>")
    # The fitting script runs once per page, in an element of its own (STYLE gives script-only elements no space),
    # so the slides themselves go through st.html's sanitiser with no script allowed.
    st.html(FIT_SCRIPT + HOUSEKEEPING_SCRIPT, unsafe_allow_javascript=True)


def render_slides(interval: int, languages: tuple[str, ...]) -> None:
    """Show the slide of the moment, rerunning only this part every half interval.

    Two runs per interval sample the clock often enough that no slide is ever skipped or doubled; the
    slide index comes from the clock, so nothing is stored between runs. With several languages, each slide is
    shown in each of them in turn (the QR code then opens the app in the language of the slide). Everything that
    can fail (the data) happens inside the fragment, so a screen showing a data problem recovers by itself once it
    is fixed.
    """

    @st.fragment(run_every=interval / 2)
    def _slide() -> None:
        # Each tick is a run of its own: its key is made here, so new data and photos show up by themselves.
        moment = now()
        key = run_key()
        count = len(get_slides(key, app_url(key)))
        index = slide_at(moment, interval, count * len(languages))
        number, language = divmod(index, len(languages))
        set_language(languages[language])
        key = run_key()  # the slide's language
        url = app_url(key)
        slides = get_slides(key, url)
        qr = qr_data_uri(url) if url else None
        st.html(
            slide_html(
                slides[number],
                number,
                len(slides),
                layout_offset(moment),
                get_dataset(key).clinic.name,
                qr,
                languages[language],
            )
        )

    _slide()
