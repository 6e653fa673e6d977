"""The photo gallery in a real browser: the photos on /gallery, /recovery and /compare at desktop and phone width,
accessibility, the larger photo on tap, the display's photo slide, and privacy measured on the bytes the browser
actually receives (a photo carrying GPS, a camera serial, XMP and its original file name)."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import APP_HOST, DATA, free_port, page_opener, start_app, stop_app
from gallery_data import (
    CAMERA_SERIAL,
    COMMENT,
    PHOTOS,
    XMP_NAMESPACE,
    alt_of,
    gps_bytes,
    make_test_gallery,
)
from PIL import Image
from test_browser_a11y import _AXE, WCAG22_TAGS, failing_nodes, run_axe
from test_browser_display import FULL_HD, MEASURE

from dashboard.gallery import EDGES

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
PHONE_HEIGHT = 844
GALLERY_PATH = "/gallery?treatment=eco2&day=4"
RECOVERY_PATH = "/recovery?treatment=eco2&day=4&area=face&phototype=3"
COMPARE_PATH = "/compare?vs=eco2,nafl-1550,co2-full"
ORIGINAL_NAMES = [file for _, file, *_ in PHOTOS]
SECRETS = (
    CAMERA_SERIAL.encode(),
    b"Exif",
    XMP_NAMESPACE,
    COMMENT,
    b"ICC_PROFILE",
    *gps_bytes(),
    *(name.encode() for name in ORIGINAL_NAMES),
)
PHOTO_IMAGES = '[data-testid="stImage"] img[alt^="Test photo"]'
# Every photo drawn and loaded: none still waits for its element's lazily loaded code (a skeleton meanwhile), which
# would leave a row half drawn
LOADED_JS = """(selector) => {
    const imgs = [...document.querySelectorAll(selector)];
    return !document.querySelector('[data-testid="stSkeleton"]') && imgs.length > 0
        && imgs.every(i => i.complete && i.naturalWidth > 0);
}"""


@pytest.fixture(scope="module")
def gallery_url(tmp_path_factory) -> Iterator[str]:
    """The app served on the bundled data plus a generated gallery (its own server, so the shared one stays bare)."""
    import shutil

    data = tmp_path_factory.mktemp("gallery") / "data"
    shutil.copytree(DATA, data)
    make_test_gallery(data)
    port = free_port()
    proc = start_app(port, env={"RECOVERY_DATA_DIR": str(data)})
    yield f"http://{APP_HOST}:{port}"
    stop_app(proc)


@pytest.fixture
def open_gallery_page(browser, gallery_url) -> Iterator:
    yield from page_opener(browser, gallery_url)


def _photo_boxes(page) -> list[dict]:
    page.wait_for_function(LOADED_JS, arg=PHOTO_IMAGES, timeout=20_000)
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].map(i => {
        const r = i.getBoundingClientRect();
        return {alt: i.alt, left: r.left, right: r.right, top: r.top, bottom: r.bottom, natural: i.naturalWidth};
    })""",
        PHOTO_IMAGES,
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [GALLERY_PATH, RECOVERY_PATH, COMPARE_PATH])
def test_photos_show_as_thumbnails_without_sideways_scroll(open_gallery_page, path, width):
    page = open_gallery_page(path, width=width, height=900 if width > 400 else PHONE_HEIGHT)
    boxes = _photo_boxes(page)
    assert len(boxes) >= 2
    assert all(b["natural"] <= EDGES["thumb"] for b in boxes), "only thumbnails before a tap"
    assert all(b["right"] <= width + 0.5 and b["left"] >= -0.5 for b in boxes)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    first, second = boxes[0], boxes[1]
    if width < 640:
        assert second["top"] >= first["bottom"], "on a phone the photos stack"
    else:
        assert abs(second["top"] - first["top"]) < 2, "on a desktop the photos sit side by side"
    if path == RECOVERY_PATH:
        assert [b["alt"] for b in boxes] == [alt_of(i) for i in ("d4-face", "d4-neck", "d5-face")]
        assert page.get_by_text("What day 4 can look like").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [GALLERY_PATH, RECOVERY_PATH])
def test_no_serious_axe_violation_with_photos(open_gallery_page, path, width):
    page = open_gallery_page(path, width=width, height=900 if width > 400 else PHONE_HEIGHT)
    _photo_boxes(page)
    failures = failing_nodes(page, run_axe(page))
    assert not failures, f"{path} at {width}px:\n" + "\n".join(failures)


@pytest.mark.parametrize("path", [GALLERY_PATH, RECOVERY_PATH, COMPARE_PATH])
def test_wcag22_aa_at_phone_width_with_photos(open_gallery_page, path):
    page = open_gallery_page(path, width=390, height=PHONE_HEIGHT)
    _photo_boxes(page)
    result = _AXE.run(
        page, options={"runOnly": {"type": "tag", "values": WCAG22_TAGS}, "resultTypes": ["violations"]}
    ).response
    failures = failing_nodes(page, [{**v, "impact": "serious"} for v in result["violations"]])
    assert not failures, f"{path} at 390px (WCAG 2.2 AA):\n" + "\n".join(failures)


def test_the_larger_photo_opens_on_tap(open_gallery_page):
    page = open_gallery_page(RECOVERY_PATH, width=390, height=PHONE_HEIGHT)
    _photo_boxes(page)
    page.get_by_role("button", name="Larger photo").first.click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    large = dialog.locator(f'img[alt="{alt_of("d4-face")}"]')
    large.wait_for()
    page.wait_for_function(LOADED_JS, arg=f'[role="dialog"] img[alt="{alt_of("d4-face")}"]')
    assert large.evaluate("i => i.naturalWidth") == EDGES["display"]  # the display size, made on the tap
    assert "A photo from this clinic, shared with consent" in dialog.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_gallery_filters_are_links(open_gallery_page):
    page = open_gallery_page("/gallery?treatment=eco2&area=face&phototype=3&day=60", width=1280)
    alts = [b["alt"] for b in _photo_boxes(page)]
    assert alts == [alt_of(i) for i in ("d60-face", "d4-face")]
    assert "area=face" in page.url and "phototype=3" in page.url and "day=60" in page.url


def test_the_browser_receives_no_metadata_and_no_file_name(open_gallery_page):
    """Every byte of every image response (and every websocket frame) the browser gets, on every photo surface."""
    received: list = []
    for path in (GALLERY_PATH, COMPARE_PATH, "/gallery?treatment=eco2&day=60", RECOVERY_PATH):
        page = open_gallery_page(path, record=received)
        _photo_boxes(page)
    page.get_by_role("button", name="Larger photo").first.click()
    page.get_by_role("dialog").locator("img").wait_for()
    page.wait_for_function(LOADED_JS, arg='[role="dialog"] img')
    page.wait_for_timeout(300)
    responses = [r for r in received if not isinstance(r, str | bytes)]
    frames = [r.encode() if isinstance(r, str) else r for r in received if isinstance(r, str | bytes)]
    images = [r for r in responses if r.headers.get("content-type", "").startswith("image/")]
    photos = [r for r in images if "/media/" in r.url]
    assert len(photos) >= 8, [r.url for r in images]  # thumbnails of every surface and the larger photo
    sizes = {max(Image.open(io.BytesIO(r.body())).size) for r in photos}
    assert sizes == {EDGES["thumb"], EDGES["display"]}, sizes  # thumbnails, and the larger photo after the tap
    for r in photos:
        body = r.body()
        assert body[:2] == b"\xff\xd8", r.url  # a JPEG
        for secret in SECRETS:
            assert secret not in body, (r.url, secret)
    for r in responses:
        assert not any(name in r.url for name in ORIGINAL_NAMES), r.url
    assert frames
    for frame in frames:
        assert not any(name.encode() in frame for name in ORIGINAL_NAMES)
        assert CAMERA_SERIAL.encode() not in frame


def test_the_menu_lists_photos_only_with_a_gallery(open_gallery_page, open_page):
    with_photos = open_gallery_page("/")
    names = with_photos.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    assert any("Photos by day" in n for n in names), names
    bare = open_page("/")
    names = bare.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    assert names and not any("photo" in n.lower() for n in names), names


def test_the_photo_slide_is_legible_and_fits_at_1080p(open_gallery_page):
    shots = Path("/tmp/shots")
    shots.mkdir(parents=True, exist_ok=True)
    page = open_gallery_page("/display?interval=5", **FULL_HD)
    page.wait_for_selector(".ds-root")
    deadline = time.monotonic() + 90
    measured = None
    while time.monotonic() < deadline:
        m = page.evaluate(MEASURE)
        if m and m["id"] == "photos":
            page.wait_for_function(LOADED_JS, arg=".ds-photo-img")
            measured = page.evaluate(MEASURE)
            break
        page.wait_for_timeout(250)
    assert measured and measured["id"] == "photos", "the photo slide never came round"
    page.screenshot(path=str(shots / "display_photos.png"))
    assert measured["minBody"] >= 28 and measured["minText"] >= 24, measured
    assert measured["contentBottom"] <= measured["footTop"] + 1, measured
    assert measured["footBottom"] <= measured["viewHeight"], measured
    assert measured["scrollWidth"] <= measured["viewWidth"], measured
    alts = page.locator(".ds-photo-img").evaluate_all("imgs => imgs.map(i => i.alt)")
    assert alts == [alt_of("d4-face"), alt_of("d60-face")]
    assert "shared with consent" in page.inner_text(".ds-root")
