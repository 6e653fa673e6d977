"""The app on a phone's home screen: its icon, drawn here (the one source of every size: nothing is fetched or kept as a
file), and its web manifest, whose start address is the link the person opened, so the icon opens their own days.

serve.py serves both (behind nginx too, which passes them on from the app's servers) and names them in each page's
head, with the theme colours of the light and the dark page.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

from PIL import Image, ImageDraw

from dashboard.charts.palette import DARK, LIGHT
from dashboard.i18n import LANGUAGE_PARAM, N_, SOURCE_LANGUAGE, available_languages, translations
from dashboard.loader import DataError, data_dir, folder_signature, load_dataset
from dashboard.pages import PAGES, split_page, tab_title

BRAND = "#0b5e7e"  # .streamlit/config.toml's [theme.light] primaryColor
ICONS = {"icon-192.png": 192, "icon-512.png": 512, "apple-touch-icon.png": 180}
MANIFEST = "manifest.webmanifest"
LINK_KEYS = frozenset({"lang", *(k for p in PAGES for k in p.keys)})  # what a link of the app may carry
SHORT_NAME = N_("My recovery")  # under the icon: a dozen letters at most
_DRAW_SCALE = 4  # drawn four times larger, then scaled down: smooth edges without a vector library


def draw_icon(size: int) -> bytes:
    """The icon as a PNG of size x size pixels: a white calendar page on the clinic's colour, a falling line across
    it (the days getting better). Square and opaque, as home screens want; the page keeps clear of the edges, where a
    phone may round or cut them."""
    big = size * _DRAW_SCALE
    image = Image.new("RGB", (big, big), BRAND)
    draw = ImageDraw.Draw(image)
    unit = big / 100
    page = (22 * unit, 26 * unit, 78 * unit, 78 * unit)
    draw.rounded_rectangle(page, radius=7 * unit, fill="#ffffff")
    draw.rectangle((22 * unit, 26 * unit, 78 * unit, 38 * unit), fill="#d9e8ef")  # the page's top band
    for x in (36, 64):  # the rings
        draw.rounded_rectangle(
            (x * unit - 3 * unit, 19 * unit, x * unit + 3 * unit, 33 * unit),
            radius=3 * unit,
            fill="#ffffff",
            outline=BRAND,
            width=round(2 * unit),
        )
    points = [(30 * unit, 46 * unit), (42 * unit, 56 * unit), (54 * unit, 62 * unit), (70 * unit, 68 * unit)]
    draw.line(points, fill=BRAND, width=round(5 * unit), joint="curve")
    for cx, cy in (points[0], points[-1]):
        r = 4 * unit
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=BRAND)
    out = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()


def start_address(base: str, link: str | None) -> str:
    """Where the home-screen icon opens: the link the page was opened with (a page of the app and the parameters of
    the URL contract, nothing else), else the app's own address. `base` is the app's path ('' or '/app')."""
    home = f"{base}/"
    if not link:
        return home
    parts = urlsplit(link)
    own, page = split_page(parts.path)
    if parts.scheme or parts.netloc or own != base or (page is None and parts.path.rstrip("/") != base):
        return home
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k in LINK_KEYS])
    path = f"{base}/{page}" if page else home
    return f"{path}?{query}" if query else path


def build_manifest(name: str, short_name: str, base: str, start_url: str, language: str) -> dict[str, Any]:
    """The web manifest: the names, the start address, the icons and the colours of the light page (a dark page's
    colours are in the page's theme-color meta tags, and here for the browsers that read them)."""
    return {
        "name": name,
        "short_name": short_name,
        "lang": language,
        "start_url": start_url,
        "scope": f"{base}/",
        "id": f"{base}/",
        "display": "standalone",
        "background_color": LIGHT.background,
        "theme_color": BRAND,
        "user_preferences": {
            "color_scheme_dark": {"background_color": DARK.background, "theme_color": DARK.background}
        },
        "icons": [
            {"src": f"{base}/{file}", "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
            for file, size in ICONS.items()
            if file.startswith("icon-")
        ],
    }


def head_tags(base: str, link: str | None) -> str:
    """What each page's head says about the home screen: the manifest (with the page's own link as its start), the
    touch icon, and the browser's colours on a light and on a dark page."""
    query = urlencode({"start_url": start_address(base, link)})
    return (
        f'<link rel="manifest" href="{base}/{MANIFEST}?{query}">'
        f'<link rel="apple-touch-icon" href="{base}/apple-touch-icon.png">'
        f'<meta name="theme-color" media="(prefers-color-scheme: light)" content="{LIGHT.background}">'
        f'<meta name="theme-color" media="(prefers-color-scheme: dark)" content="{DARK.background}">'
    )


@functools.lru_cache(maxsize=4)
def _clinic_name(folder: str, signature: tuple[tuple[str, float, int], ...]) -> str | None:
    try:
        return load_dataset(folder).clinic.name
    except DataError:
        return None  # a broken folder: the app says so on every page; the icon keeps the app's own name


def app_manifest(base: str, start_url: str) -> dict[str, Any]:
    """The manifest for a start address, in its link's language (else English), named after the clinic."""
    wanted = parse_qs(urlsplit(start_url).query).get(LANGUAGE_PARAM, [SOURCE_LANGUAGE])[-1]
    language = wanted if wanted in available_languages() else SOURCE_LANGUAGE
    # The catalog itself, not the run's language: this runs on the server's own thread, which no page's run may see.
    say = translations(language).gettext
    folder = data_dir()
    clinic = _clinic_name(str(folder), folder_signature(Path(folder)))
    return build_manifest(
        tab_title(say("Recovery after laser skin resurfacing"), clinic), say(SHORT_NAME), base, start_url, language
    )
