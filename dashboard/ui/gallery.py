"""The photo gallery's Streamlit side: the gallery loaded once per data version, each photo rendered once per
content hash and size, and the parts pages draw (the day's photos, before/after pairs, the grid, the larger photo).

Empty is quiet: without photos (no gallery/ folder, an empty one, or a broken one) every part here draws nothing;
only the gallery page says what is wrong with a broken gallery. A browser only ever receives the re-encoded bytes
of dashboard.gallery.render_photo, which st.image serves under a name made from those bytes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from dashboard.gallery import (
    CONSENT_NOTE,
    Gallery,
    Photo,
    Size,
    before_after,
    filter_photos,
    load_optional_gallery,
    nearest_photos,
    photo_label,
)
from dashboard.gallery import render_photo as render_photo_bytes
from dashboard.i18n import SOURCE_LANGUAGE, _
from dashboard.loader import DataError
from dashboard.markdown import md
from dashboard.models import PHOTOTYPES, Dataset
from dashboard.overlays import apply_photo_overlay
from dashboard.params import View
from dashboard.ui.common import load_result, widget_key
from dashboard.ui.memo import RunKey, memo
from dashboard.ui.nav import page_link
from dashboard.words import area as area_words
from dashboard.words import first_upper, skin_type

logger = logging.getLogger(__name__)

DAY_PHOTOS = 3  # on the day-by-day page
GRID_PHOTOS = 9  # on the gallery page: three rows of three
PER_ROW = 3
# A thumbnail is ~20-40 KiB and a display-size photo ~100-250 KiB: 128 rendered photos stay under ~20 MiB.
MAX_RENDERED = 128

if TYPE_CHECKING:
    from dashboard.compare import CourseSummary

# ---------------------------------------------------------------- loading (cached)


@memo(maxsize=4)
def _gallery_base(folder: str, signature: str, photos: str) -> Gallery | DataError | None:
    # The photos checked once per version of the data and of the photos (in English, the data's language).
    dataset = load_result(RunKey(folder, signature, photos, SOURCE_LANGUAGE, ""))
    if not isinstance(dataset, Dataset):
        return None  # get_dataset shows the data's own problem
    try:
        return load_optional_gallery(dataset)
    except DataError as exc:
        return exc


@memo(maxsize=8)
def _gallery_in(folder: str, signature: str, photos: str, language: str) -> Gallery | DataError | None:
    # Each language only swaps the alt text and captions from data/i18n/<lang>/gallery.yaml (English where it gives
    # none).
    base = _gallery_base(folder, signature, photos)
    if not isinstance(base, Gallery) or language == SOURCE_LANGUAGE:
        return base
    photos_in_language, _report = apply_photo_overlay(base.photos, folder, language)
    return base.model_copy(update={"photos": photos_in_language})


def _loaded(key: RunKey) -> Gallery | DataError | None:
    return _gallery_in(key.folder, key.signature, key.photos, key.language)


def gallery_of(key: RunKey) -> Gallery | None:
    """The clinic's photos, or None when there are none to show (none, empty or broken): every caller then draws
    nothing."""
    loaded = _loaded(key)
    return loaded if isinstance(loaded, Gallery) and loaded.photos else None


def has_photos(key: RunKey) -> bool:
    """True when the clinic has shared photos (the frame lists the gallery page only then)."""
    return gallery_of(key) is not None


def render_gallery_problems(key: RunKey) -> None:
    """On the gallery page only: what is wrong with a broken gallery, worded as get_dataset words the data's."""
    loaded = _loaded(key)
    if isinstance(loaded, DataError):
        st.error(
            _(
                "The clinic's photos could not be loaded, so none are shown. Please tell the clinic staff. "
                "Details for staff:"
            )
        )
        st.code("\n".join(str(p) for p in loaded.problems[:30]), language=None)


@memo(maxsize=MAX_RENDERED)
def _rendered(content_hash: str, size: Size, path: str) -> bytes:
    # Keyed on the content hash and size (the path follows it): the same bytes render the same, whatever the file
    # is called.
    return render_photo_bytes(Path(path), size)


def photo_bytes(gallery: Gallery, photo: Photo, size: Size) -> bytes | None:
    """The photo as a browser may receive it (re-encoded, no metadata), or None if its file changed under us."""
    try:
        return _rendered(photo.content_hash, size, str(gallery.path(photo)))
    # The gallery was checked when loaded; a file replaced or removed since then is skipped until it reloads.
    except Exception as exc:  # noqa: BLE001
        logger.warning("gallery: photo %s could not be rendered (%s)", photo.id, exc.__class__.__name__)
        return None


# ---------------------------------------------------------------- drawing


def _caption(photo: Photo, treatment_name: str | None, label: bool = True) -> str:
    parts = [md(photo_label(photo, treatment_name))] if label else []
    if photo.caption:
        parts.append(md(photo.caption))
    parts.append(md(_(CONSENT_NOTE)))
    return "  \n".join(parts)


def _show_larger(gallery: Gallery, photo: Photo, treatment_name: str | None) -> None:
    """The display-size photo in a dialog: its bytes are made and sent only when someone asks for them."""

    @st.dialog(photo_label(photo, treatment_name), width="large")
    def _larger() -> None:
        data = photo_bytes(gallery, photo, "display")
        if data is not None:
            st.image(data, alt=photo.alt, width="stretch")
        st.markdown(_caption(photo, None, label=False))  # the dialog's title is the label

    _larger()


def render_photo_card(gallery: Gallery, photo: Photo, key: str, treatment_name: str | None = None) -> None:
    """A thumbnail with its label and the consent note, and a button that opens the larger photo."""
    thumb = photo_bytes(gallery, photo, "thumb")
    if thumb is None:
        return
    st.image(thumb, caption=_caption(photo, treatment_name), alt=photo.alt)
    if st.button(_("Larger photo"), key=f"{key}.{photo.id}", icon=":material/zoom_in:"):
        _show_larger(gallery, photo, treatment_name)


def render_photo_grid(
    gallery: Gallery, photos: Sequence[Photo], key: str, names: dict[str, str] | None = None, per_row: int = PER_ROW
) -> None:
    """Photos in rows of `per_row` columns (on a phone the columns stack, one photo under the other)."""
    for start in range(0, len(photos), per_row):
        row = photos[start : start + per_row]
        for column, photo in zip(st.columns(per_row, gap="medium"), row, strict=False):
            with column:
                render_photo_card(gallery, photo, key, (names or {}).get(photo.treatment))


def render_day_photos(
    run: RunKey,
    treatment_id: str,
    day: int,
    area: str | None = None,
    phototype: int | None = None,
    key: str = "day-photos",
) -> None:
    """'What day N can look like': the clinic's photos nearest the day, the same area and skin type first."""
    gallery = gallery_of(run)
    photos = nearest_photos(gallery, treatment_id, day, area, phototype, DAY_PHOTOS) if gallery else []
    if gallery is None or not photos:
        return
    st.markdown("### " + _("What day {day} can look like").format(day=day))
    if any(p.day != day for p in photos):
        st.caption(_("The clinic's photos from the days nearest day {day}.").format(day=day))
    render_photo_grid(gallery, photos, f"{key}.{treatment_id}.{day}")
    query = View(treatment=treatment_id, day=day).query(("treatment", "day"))
    page_link(run, "gallery", label=_("More photos by day"), icon=":material/photo_library:", query_params=query)


def render_before_after(run: RunKey, summaries: Iterable[CourseSummary], key: str = "before-after") -> None:
    """Per treatment, a photo before and the latest after it, when the clinic has such a pair."""
    gallery = gallery_of(run)
    pairs = [(s, pair) for s in summaries if gallery and (pair := before_after(gallery, s.id))]
    if gallery is None or not pairs:
        return
    st.subheader(_("Before and after, at this clinic"), anchor=False)
    for summary, pair in pairs:
        st.markdown(f"**{md(summary.name)}**")
        render_photo_grid(gallery, list(pair), f"{key}.{summary.id}", per_row=2)


# ---------------------------------------------------------------- the gallery page's filters

ANY = None  # the filters' "any" choice (Streamlit shows a None value as its placeholder)


def seed_area_filter(page: str, view: View) -> None:
    """From a new link: no area in it means any area here (read_view seeds the course pages' face instead)."""
    st.session_state[widget_key(page, "area")] = view.area_filter


def render_area_filter(page: str, areas: Sequence[str]) -> str | None:
    """The treated area, with an 'any area' choice (None), bound to the page's view."""
    any_area = _("Any area")
    return st.selectbox(
        _("Treated area"),
        [ANY, *areas],
        key=widget_key(page, "area"),
        placeholder=any_area,
        format_func=lambda a: any_area if a is None else first_upper(area_words(a)),
    )


def render_phototype_filter(page: str) -> int | None:
    """The skin type, with an 'any skin type' choice (None), bound to the page's view."""
    any_type = _("Any skin type")
    return st.selectbox(
        _("Skin type (Fitzpatrick)"),
        [ANY, *PHOTOTYPES],
        key=widget_key(page, "phototype"),
        placeholder=any_type,
        format_func=lambda p: any_type if p is None else first_upper(skin_type(p)),
    )


def grid_photos(gallery: Gallery, treatment: str, day: int, area: str | None, phototype: int | None) -> list[Photo]:
    """The photos after treatment that match the filters, nearest the day first."""
    matching = gallery.model_copy(update={"photos": tuple(filter_photos(gallery, treatment, area, phototype))})
    return nearest_photos(matching, treatment, day, area, phototype, GRID_PHOTOS)
