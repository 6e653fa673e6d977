"""The photo gallery on the pages, with AppTest: the day's photos on /recovery, the /gallery page and its URL
filters, before/after pairs on /compare, the display's photo slide, and nothing about photos without a gallery."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
import streamlit
import yaml
from apptest import run_page, texts
from gallery_data import CAMERA_SERIAL, COMMENT, SECRET_FILE, XMP_NAMESPACE, alt_of, gps_bytes, make_test_gallery
from pages_list import PAGES, PAYLOADS

from dashboard.gallery import CONSENT_NOTE, load_optional_gallery
from dashboard.loader import load_dataset
from dashboard.params import DEFAULT_INTERVAL
from dashboard.slides import build_slides
from dashboard.ui import display as display_ui
from dashboard.ui import gallery as gallery_ui

RECOVERY, GALLERY, COMPARE, DISPLAY = "pages/recovery.py", "pages/gallery.py", "pages/compare.py", "pages/display.py"
# Words only the photo parts use: none of them may appear on a page without a gallery.
PHOTO_WORDS = re.compile(r"\bphotos?\b|what day \d+ can look like|before and after|shared with consent", re.I)


@pytest.fixture
def gallery_data(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled data plus a gallery of generated photos, served through RECOVERY_DATA_DIR."""
    make_test_gallery(data_copy)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(data_copy))
    return data_copy


def photo_alts(at) -> list[str]:
    """The photos on screen, by their alt text, in order (the dialog's larger photo included)."""
    return [img.alt for element in at.get("image") for img in element.proto.imgs]


def photo_ids(at) -> list[str]:
    return [alt.split(":")[0].removeprefix("Test photo ") for alt in photo_alts(at)]


def captions(at) -> list[str]:
    return [img.caption for element in at.get("image") for img in element.proto.imgs]


def dialogs(at) -> list[object]:
    """The open dialogs (AppTest has no accessor for them): blocks of type 'dialog' anywhere in the tree."""
    found, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        if getattr(node, "type", None) == "dialog":
            found.append(node)
        children = getattr(node, "children", None)
        stack.extend(children.values() if isinstance(children, dict) else [])
    return found


def exceptions(at) -> list[str]:
    return [e.value for e in at.exception]


# --- /recovery: what day N can look like ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the nearest days first; on the same day the same area, then the same skin type
        ({"day": "4", "area": "face", "phototype": "3"}, ["d4-face", "d4-neck", "d5-face"]),
        ({"day": "4", "area": "neck", "phototype": "4"}, ["d4-neck", "d4-face", "d5-face"]),
        ({"day": "2"}, ["d1-neck", "d4-face", "d4-neck"]),
        ({"day": "50"}, ["d60-face", "d30-chest", "d5-face"]),
        ({"day": "0"}, ["d1-neck", "d4-face", "d4-neck"]),  # a before photo is never a day's photo
        ({"treatment": "co2-full", "day": "3"}, ["full-d10"]),
    ],
)
def test_recovery_shows_the_photos_nearest_the_day(gallery_data, query, expected):
    at = run_page(RECOVERY, **query)
    assert not exceptions(at), exceptions(at)
    assert photo_ids(at) == expected
    day = query["day"]
    assert f"### What day {day} can look like" in [m.value for m in at.markdown]
    for caption, photo_id in zip(captions(at), expected, strict=True):
        photo = next(p for p in load_optional_gallery(load_dataset(gallery_data)).photos if p.id == photo_id)
        assert caption.startswith(f"Day {photo.day} · {photo.area} · skin type ")
        assert caption.endswith(CONSENT_NOTE)
    assert [b.label for b in at.button if b.key and b.key.startswith("day-photos.")] == ["Larger photo"] * len(expected)


def test_recovery_photos_follow_the_day_control(gallery_data):
    at = run_page(RECOVERY, day="4", area="face", phototype="3")
    at.slider(key="recovery.day").set_value(60).run()
    assert not exceptions(at)
    assert photo_ids(at)[0] == "d60-face"
    assert "### What day 60 can look like" in [m.value for m in at.markdown]


def test_a_nearby_day_says_so_and_links_to_the_gallery(gallery_data):
    at = run_page(RECOVERY, day="3")
    assert "The clinic's photos from the days nearest day 3." in [c.value for c in at.caption]
    links = [link for link in at.get("page_link") if "gallery" in link.proto.page]
    assert len(links) == 1 and links[0].proto.label == "More photos by day"
    exact = run_page(RECOVERY, day="60", area="face")
    assert photo_ids(exact)[0] == "d60-face"


def test_the_larger_photo_is_made_only_on_tap(gallery_data, monkeypatch):
    rendered: list[tuple[str, str]] = []
    real = gallery_ui.render_photo_bytes

    def spy(path, size):  # noqa: ANN001, ANN202
        rendered.append((Path(path).name, size))
        return real(path, size)

    monkeypatch.setattr(gallery_ui, "render_photo_bytes", spy)
    at = run_page(RECOVERY, day="4", area="face", phototype="3")
    assert {size for _, size in rendered} == {"thumb"}
    assert not dialogs(at)
    at.button(key="day-photos.eco2.4.d4-face").click().run()
    assert not exceptions(at)
    assert (SECRET_FILE, "display") in rendered
    assert len(dialogs(at)) == 1
    assert photo_alts(at).count(alt_of("d4-face")) == 2  # the thumbnail, and the larger photo in its dialog
    # the same thumbnails again are not rendered again: cached by content hash and size
    before = len(rendered)
    run_page(RECOVERY, day="4", area="face", phototype="3")
    assert len(rendered) == before


# --- /gallery: filters as URL parameters ----------------------------------------------------------------------


def _widgets(at) -> dict[str, object]:
    return {w.key.split(".", 1)[1]: w.value for w in [*at.selectbox, *at.slider] if w.key.startswith("gallery.")}


@pytest.mark.parametrize(
    ("query", "widgets", "expected"),
    [
        (
            {},
            {"treatment": "eco2", "area": None, "phototype": None, "day": 0},
            ["d1-neck", "d4-neck", "d4-face", "d5-face", "d30-chest", "d60-face"],
        ),  # ties in the manifest's order
        ({"day": "60", "area": "face"}, {"area": "face", "day": 60}, ["d60-face", "d5-face", "d4-face"]),
        ({"day": "4", "phototype": "3"}, {"phototype": 3, "area": None}, ["d4-face", "d1-neck", "d60-face"]),
        ({"area": "chest", "phototype": "5", "day": "31"}, {"area": "chest", "phototype": 5}, ["d30-chest"]),
        ({"treatment": "co2-full", "day": "180"}, {"treatment": "co2-full", "day": 180}, ["full-d10"]),
    ],
)
def test_gallery_reads_its_filters_from_the_link(gallery_data, query, widgets, expected):
    at = run_page(GALLERY, **query)
    assert not exceptions(at), exceptions(at)
    assert not at.warning
    shown = _widgets(at)
    assert {k: shown[k] for k in widgets} == widgets
    assert photo_ids(at) == expected
    assert f"Photos nearest day {shown['day']}" in [h.value for h in at.header]


def test_gallery_with_no_match_says_so_quietly(gallery_data):
    at = run_page(GALLERY, area="hands")
    assert not photo_alts(at)
    assert "No photos match these choices. Try any area or any skin type." in texts(at)
    none = run_page(GALLERY, treatment="nafl-1550")
    assert not photo_alts(none) and "The clinic has not shared photos of this treatment yet." in texts(none)


def test_gallery_controls_write_the_link(gallery_data):
    at = run_page(GALLERY)
    at.selectbox(key="gallery.area").set_value("face").run()
    assert at.query_params["area"] in ("face", ["face"])  # face is a filter here, so it stays in the link
    assert photo_ids(at) == ["d4-face", "d5-face", "d60-face"]
    at.selectbox(key="gallery.phototype").set_value(3).run()
    at.slider(key="gallery.day").set_value(55).run()
    assert {k: str(v).strip("[]'") for k, v in at.query_params.items()} == {
        "area": "face",
        "phototype": "3",
        "day": "55",
    }
    at.selectbox(key="gallery.area").set_value(None).run()
    assert "area" not in at.query_params  # any area: the link leaves it out
    assert photo_ids(at) == ["d60-face", "d4-face", "d1-neck"]


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.name for p in PAYLOADS])
def test_gallery_hostile_values_give_a_notice_naming_the_parameter(gallery_data, payload):
    grouped: dict[str, list[str]] = {}
    for key, value in payload.params(next(s for s in PAGES if s.path == "/gallery")):
        grouped.setdefault(key, []).append(value)
    at = run_page(GALLERY, **{k: v[0] if len(v) == 1 else v for k, v in grouped.items()})
    assert not exceptions(at), exceptions(at)
    warnings = [w.value for w in at.warning]
    read = {"treatment", "area", "phototype", "day"} & set(grouped)
    if read:
        assert warnings and all(any(f"'{k}'" in w for w in warnings) for k in read), warnings
    for values in grouped.values():
        for value in values:
            probe = value.strip()[:40]
            assert len(probe) < 5 or all(probe not in w for w in warnings)
    assert photo_alts(at), "the page still shows photos for the default choices"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("area", "<b>back</b>"),
        ("phototype", "7"),
        ("day", "-3"),
        ("day", "9" * 30),
        ("treatment", "javascript:alert(1)"),
    ],
)
def test_gallery_bad_filter_values_fall_back(gallery_data, key, value):
    at = run_page(GALLERY, **{key: value})
    assert not exceptions(at)
    assert any(f"'{key}'" in w.value for w in at.warning)
    assert photo_alts(at)


# --- /compare: before and after ---------------------------------------------------------------------------------


def test_compare_shows_a_before_after_pair_per_treatment_that_has_one(gallery_data):
    at = run_page(COMPARE, vs="eco2,nafl-1550,co2-full")
    assert not exceptions(at), exceptions(at)
    assert "Before and after, at this clinic" in [h.value for h in at.subheader]
    # eco2: the before photo and the latest photo of the same area and skin type; co2-full its pair; no nafl photos
    assert photo_ids(at) == ["before-face", "d60-face", "full-before", "full-d10"]
    assert captions(at)[0].startswith("Before treatment · face · skin type III")
    assert all(c.endswith(CONSENT_NOTE) for c in captions(at))
    only_nafl = run_page(COMPARE, vs="nafl-1550,nafl-1927")
    assert not photo_alts(only_nafl) and "Before and after" not in texts(only_nafl)


# --- the display: a photo slide from display: true photos only ----------------------------------------------------


def _display(monkeypatch, slide_index: int):
    monkeypatch.setattr(display_ui, "now", lambda: slide_index * DEFAULT_INTERVAL + 1)
    at = run_page(DISPLAY)
    assert not exceptions(at)
    return next(h.proto.body for h in at.html if h.proto.body.startswith('<div class="ds-root"'))


def test_display_shows_only_photos_marked_for_the_screen(gallery_data, monkeypatch):
    dataset = load_dataset(gallery_data)
    gallery = load_optional_gallery(dataset)
    ids = [s.id for s in build_slides(dataset, None, gallery)]
    assert ids.count("photos") == 1
    html = _display(monkeypatch, ids.index("photos"))
    alts = re.findall(r'<img class="ds-photo-img" src="[^"]+" alt="([^"]+)"', html)
    assert alts == [alt_of("d4-face"), alt_of("d60-face")]  # the two display: true photos, nothing else
    assert CONSENT_NOTE in html and "eCO2 · Day 4 · face · skin type III" in html
    for uri in re.findall(r'src="data:image/jpeg;base64,([^"]+)"', html):
        jpeg = base64.b64decode(uri)
        for secret in (CAMERA_SERIAL.encode(), b"Exif", XMP_NAMESPACE, COMMENT, SECRET_FILE.encode(), *gps_bytes()):
            assert secret not in jpeg
    assert SECRET_FILE not in html


def test_no_display_photo_means_no_photo_slide(gallery_data):
    dataset = load_dataset(gallery_data)
    gallery = load_optional_gallery(dataset)
    hidden = gallery.model_copy(
        update={"photos": tuple(p.model_copy(update={"display": False}) for p in gallery.photos)}
    )
    assert "photos" not in [s.id for s in build_slides(dataset, None, hidden)]
    assert [s.id for s in build_slides(dataset, None, None)] == [s.id for s in build_slides(dataset, None)]


# --- without a gallery: nothing about photos anywhere -----------------------------------------------------------


@pytest.fixture
def menu(monkeypatch) -> list[list[tuple[str, str]]]:
    """The pages the frame hands to st.navigation, with their visibility, one list per run."""
    seen: list[list[tuple[str, str]]] = []
    real = streamlit.navigation

    def record(pages, **kwargs):  # noqa: ANN001, ANN202
        seen.append([(p.url_path, p.visibility) for p in pages])
        return real(pages, **kwargs)

    monkeypatch.setattr(streamlit, "navigation", record)
    return seen


@pytest.mark.parametrize("spec", [p for p in PAGES if p.path not in ("/gallery", "/display")], ids=lambda p: p.path)
def test_without_a_gallery_no_page_mentions_photos(monkeypatch, menu, spec):
    monkeypatch.delenv("RECOVERY_DATA_DIR", raising=False)
    params = dict(pair.split("=", 1) for pair in spec.query.split("&") if pair)
    at = run_page(spec.script, **params)
    assert not exceptions(at)
    shown = "\n".join([texts(at), *(b.label for b in at.button), *(link.proto.label for link in at.get("page_link"))])
    assert not PHOTO_WORDS.search(shown), PHOTO_WORDS.search(shown)
    assert not [a for a in photo_alts(at) if "QR code" not in a]  # the consult page's QR code is the only image
    assert menu and all(dict(run)["gallery"] == "hidden" for run in menu)


def test_without_a_gallery_the_gallery_page_says_one_quiet_line(monkeypatch):
    monkeypatch.delenv("RECOVERY_DATA_DIR", raising=False)
    at = run_page(GALLERY, treatment="eco2", day="4")
    assert not exceptions(at) and not at.error and not at.warning
    assert "This clinic has not shared photos yet." in [m.value for m in at.markdown]
    assert [link.proto.label for link in at.get("page_link")] == ["Back to the overview"]
    assert not photo_alts(at) and not at.selectbox and not at.slider


def test_with_a_gallery_the_menu_lists_it(gallery_data, menu):
    run_page("pages/overview.py")
    assert menu and dict(menu[-1])["gallery"] == "visible"


def test_a_broken_gallery_breaks_no_page_and_is_named_on_the_gallery_page(gallery_data, menu):
    manifest = gallery_data / "gallery" / "gallery.yaml"
    content = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    content["photos"][1]["consent"] = False
    manifest.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    for script, query in ((RECOVERY, {"day": "4"}), (COMPARE, {"vs": "eco2,co2-full"})):
        at = run_page(script, **query)
        assert not exceptions(at) and not [e for e in at.error if "could not be loaded" in e.value]
        assert not photo_alts(at) and not PHOTO_WORDS.search(texts(at))
    assert all(dict(run)["gallery"] == "hidden" for run in menu)
    at = run_page(GALLERY)
    assert not exceptions(at)
    assert at.error and "photos could not be loaded" in at.error[0].value
    assert any("photos[1:d1-neck].consent" in c.value for c in at.code)
    assert "This clinic has not shared photos yet." in [m.value for m in at.markdown]


# --- the photos' words in another language ----------------------------------------------------------------------


def write_photo_overlay(data: Path, language: str, photos: dict[str, dict[str, str]]) -> Path:
    path = data / "i18n" / language / "gallery.yaml"
    path.write_text(yaml.safe_dump({"photos": photos}, allow_unicode=True), encoding="utf-8")
    return path


def test_the_gallery_speaks_the_language_and_falls_back_photo_by_photo(gallery_data):
    spanish = "Foto de prueba d4-face: piel el día 4, algo roja."
    manifest = gallery_data / "gallery" / "gallery.yaml"
    entries = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    next(p for p in entries["photos"] if p["id"] == "d4-face")["caption"] = "Day 4, face"
    manifest.write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
    write_photo_overlay(gallery_data, "es", {"d4-face": {"alt": spanish, "caption": "Día 4, cara"}})
    at = run_page(GALLERY, lang="es", treatment="eco2")
    assert not exceptions(at), exceptions(at)
    alts = photo_alts(at)
    assert spanish in alts
    assert alt_of("d4-face") not in alts
    assert alt_of("d5-face") in alts  # no translation given: the English alt text, never an empty one
    assert "Día 4, cara" in captions(at)[alts.index(spanish)]
    # English readers keep the clinic's own words
    english = photo_alts(run_page(GALLERY, treatment="eco2"))
    assert alt_of("d4-face") in english and spanish not in english


def test_check_names_photo_overlay_problems_and_lists_what_is_left_in_english(gallery_data):
    from test_gallery import run_check

    write_photo_overlay(
        gallery_data,
        "es",
        {
            "d4-face": {"alt": "Foto de prueba", "file": "otra.jpg", "caption": "Un pie de foto sin original"},
            "no-such-photo": {"alt": "Nada"},
        },
    )
    result = run_check(gallery_data)
    assert result.returncode == 1
    assert "i18n/es/gallery.yaml: photos.d4-face.file: not a text field" in result.stderr
    assert "i18n/es/gallery.yaml: photos.no-such-photo: unknown id 'no-such-photo'" in result.stderr
    assert "i18n/es/gallery.yaml: photos.d4-face.caption: the data has no English text here" in result.stderr

    write_photo_overlay(gallery_data, "es", {"d4-face": {"alt": "Foto de prueba"}})
    result = run_check(gallery_data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "i18n/es/gallery.yaml: photos.d5-face.alt" in result.stderr
    assert "i18n/es/gallery.yaml: photos.d4-face.alt" not in result.stderr
