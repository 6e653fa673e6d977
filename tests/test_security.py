"""Security headers, logs and the home screen, both ways of serving: one list of headers (dashboard/security.py) that
serve.py sends and deploy/nginx.conf repeats, script hashes that match the scripts, a server that logs no query
string, and the manifest and icons with their types."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, free_port, stop_app
from PIL import Image

import serve
from dashboard.display_html import FIT_SCRIPT, HOUSEKEEPING_SCRIPT
from dashboard.homescreen import ICONS, build_manifest, draw_icon, head_tags, start_address
from dashboard.security import SCRIPT_HASHES, SECURITY_HEADERS
from dashboard.ui.common import LANG_SCRIPT
from dashboard.ui.sources import ANCHOR_SCRIPT

NGINX_CONF = ROOT / "deploy" / "nginx.conf"
PERSONAL = {"start": "2026-11-20", "phototype": "5"}  # values no log may keep


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def _inline(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.S)


def test_every_inline_script_is_allowed_by_its_hash_and_no_other() -> None:
    """The policy lists the hash of each inline script the app runs, and nothing else: when a script changes, this
    names the hash to put in dashboard/security.py (and deploy/nginx.conf)."""
    index = (serve.streamlit_static().parent / "index.html").read_text(encoding="utf-8")
    scripts = {
        "Streamlit's index.html": _inline(index),
        "serve.ADDRESS_HINT": [s for drop in ("true", "false") for s in _inline(serve.ADDRESS_HINT.format(drop=drop))],
        "ui/common.LANG_SCRIPT": [LANG_SCRIPT],
        "ui/sources.ANCHOR_SCRIPT": _inline(ANCHOR_SCRIPT),
        "display_html.FIT_SCRIPT": _inline(FIT_SCRIPT),
        "display_html.HOUSEKEEPING_SCRIPT": _inline(HOUSEKEEPING_SCRIPT),
    }
    wanted = {_hash(s): where for where, found in scripts.items() for s in found}
    assert all(scripts.values()), scripts
    missing = {h: where for h, where in wanted.items() if h not in SCRIPT_HASHES}
    assert not missing, f"scripts the policy would block (add their hashes): {missing}"
    assert set(SCRIPT_HASHES) == set(wanted), f"hashes no script needs: {set(SCRIPT_HASHES) - set(wanted)}"


def _server_block(conf: str) -> str:
    start = conf.index("    server {")
    return conf[start : conf.index("\n    }\n", start)]


def test_nginx_sends_the_same_list_of_headers_on_every_response() -> None:
    conf = NGINX_CONF.read_text()
    server = _server_block(conf)
    added = re.findall(r'^        add_header (\S+) "([^"]*)" always;$', server, re.M)
    assert added == list(SECURITY_HEADERS), "deploy/nginx.conf's add_header lines differ from dashboard/security.py"
    # a block with an add_header of its own inherits none from the server: the locations must have none
    for location in re.findall(r"location [^{]*\{(.*?)\n        \}", server, re.S):
        assert "add_header" not in location, location
    hidden = re.findall(r"^    proxy_hide_header (\S+);$", conf, re.M)
    assert hidden == [name for name, _value in SECURITY_HEADERS]  # the app servers' own copies are not doubled


def test_nginx_logs_the_path_without_its_query() -> None:
    conf = NGINX_CONF.read_text()
    (fmt,) = re.findall(r"log_format routed (.*?);", conf, re.S)
    assert "$request_path" in fmt and "$request " not in fmt and '$request"' not in fmt and "$args" not in fmt
    assert "$request_uri" not in fmt and "$query_string" not in fmt and "$http_referer" not in fmt
    assert re.search(r'map \$request_uri \$request_path \{\s*"~\^\(\?<path>\[\^\?\]\*\)" \$path;', conf)


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (None, "/"),
        ("/", "/"),
        ("/recovery?treatment=eco2&start=2026-11-20&lang=es", "/recovery?treatment=eco2&start=2026-11-20&lang=es"),
        ("/recovery?treatment=eco2&utm_source=x&x=<b>", "/recovery?treatment=eco2"),  # only the contract's parameters
        ("https://elsewhere.example/recovery", "/"),
        ("//elsewhere.example/recovery", "/"),
        ("/nothing?day=3", "/"),
        ("/compare?vs=eco2,nafl-1550", "/compare?vs=eco2%2Cnafl-1550"),
    ],
)
def test_the_home_screen_opens_the_persons_own_link(link: str | None, expected: str) -> None:
    assert start_address("", link) == expected


def test_under_a_base_path_too() -> None:
    assert start_address("/app", "/app/recovery?day=4") == "/app/recovery?day=4"
    assert start_address("/app", "/recovery?day=4") == "/app/"
    tags = head_tags("/app", "/app/recovery?day=4&start=2026-11-20")
    assert 'href="/app/manifest.webmanifest?start_url=%2Fapp%2Frecovery%3Fday%3D4%26start%3D2026-11-20"' in tags
    assert 'rel="apple-touch-icon" href="/app/apple-touch-icon.png"' in tags
    assert tags.count('name="theme-color"') == 2 and "prefers-color-scheme: dark" in tags


def test_the_manifest_names_icons_at_192_and_512_and_both_themes_colours() -> None:
    manifest = build_manifest("Clinic", "Mine", "", "/recovery?day=4", "en")
    assert {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}
    assert manifest["start_url"] == "/recovery?day=4" and manifest["scope"] == "/"
    assert manifest["theme_color"] != manifest["user_preferences"]["color_scheme_dark"]["theme_color"]


@pytest.mark.parametrize("size", [180, 192, 512])
def test_the_icon_is_drawn_at_each_size(size: int) -> None:
    image = Image.open(io.BytesIO(draw_icon(size)))
    assert image.format == "PNG" and image.size == (size, size) and image.mode == "RGB"
    colours = image.getcolors(maxcolors=size * size)
    assert colours is not None and len(colours) > 3  # a picture, not a blank square


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app as `make run` serves it, everything it prints going to a file."""
    serve.compress_static()
    log = tmp_path_factory.mktemp("serve") / "server.log"
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "serve.py",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
            ],
            cwd=ROOT,
            env={**os.environ},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.3)
            yield base, log
        finally:
            stop_app(proc)


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()


def test_make_run_sends_the_headers_the_manifest_and_the_icons(logged: tuple[str, Path]) -> None:
    base, _log = logged
    query = "&".join(f"{k}={v}" for k, v in PERSONAL.items())
    for path, kind in (
        (f"/recovery?treatment=eco2&{query}", "text/html"),
        ("/_stcore/health", "text/plain"),
        ("/manifest.webmanifest", "application/manifest+json"),
        ("/icon-192.png", "image/png"),
        ("/icon-512.png", "image/png"),
        ("/apple-touch-icon.png", "image/png"),
        ("/nothing-here", "text/html"),
    ):
        status, headers, body = _get(base + path)
        assert status == 200 and headers["content-type"].startswith(kind), (path, headers)
        for name, value in SECURITY_HEADERS:
            assert headers.get(name.lower()) == value, (path, name)
        if kind == "image/png":
            assert Image.open(io.BytesIO(body)).size == (ICONS[path.lstrip("/")],) * 2
    _, _, page = _get(f"{base}/recovery?treatment=eco2&{query}")
    manifest_href = re.search(rb'<link rel="manifest" href="([^"]+)"', page).group(1).decode()
    _, _, manifest = _get(base + manifest_href)
    assert json.loads(manifest)["start_url"] == f"/recovery?treatment=eco2&{query}"


@pytest.mark.browser
def test_make_run_logs_no_query_string(logged: tuple[str, Path], browser) -> None:
    """A patient's journey (their date and skin type in the links) leaves neither in what the server prints."""
    base, log = logged
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        query = "&".join(f"{k}={v}" for k, v in PERSONAL.items())
        for path in (
            f"/recovery?treatment=eco2&{query}",
            f"/compare?vs=eco2&phototype={PERSONAL['phototype']}",
            f"/recovery?treatment=eco2&start={PERSONAL['start']}&day=abc",
        ):
            page.goto(base + path)
            page.wait_for_selector('[data-testid="stMainBlockContainer"]')
            page.wait_for_timeout(1500)
    finally:
        context.close()
    printed = log.read_text(errors="replace")
    for value in (PERSONAL["start"], "phototype=", "start="):
        assert value not in printed, f"the server printed {value!r}:\n{printed[-2000:]}"
