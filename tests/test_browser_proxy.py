"""Behind nginx too: deploy/nginx.conf in front of two app servers, the main journeys in Chromium through the proxy.

nginx is Debian's, with a config generated from deploy/nginx.conf as bench/proxy.py makes it (only the upstream
addresses, the listen port and the file paths change; brotli where this nginx has the module). Skipped without
nginx, except under CI=true, where a missing nginx fails the run instead.
"""

from __future__ import annotations

import json
import re
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import APP_HOST, find_nginx, free_port, start_app, stop_app, wait_for_app

from bench.proxy import LOG_LINE, NGINX_CONF, brotli_available, local_config, start_nginx
from bench.servers import compress_static, wait_healthy

pytestmark = pytest.mark.browser

START = datetime.now(tz=UTC).date() + timedelta(days=10)
UTC_CONTEXT = {"timezone_id": "UTC", "viewport": {"width": 1280, "height": 900}}


@dataclass(frozen=True)
class Proxy:
    """nginx on loopback in front of the replicas: the address the browser uses and nginx's access log."""

    url: str
    direct: str
    access_log: Path
    replicas: tuple[int, ...]


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    """Two app servers as `make run` serves them, and nginx in front of them."""
    nginx = find_nginx()
    compress_static()  # what `make test` does first; at once when done before
    prefix = tmp_path_factory.mktemp("nginx")
    ports, apps = (free_port(), free_port()), []
    nginx_proc = None
    try:
        apps += [start_app(port) for port in ports]
        port = free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(local_config(NGINX_CONF.read_text(), ports, port, prefix, brotli_available()))
        nginx_proc = start_nginx(nginx, conf)
        wait_healthy(f"http://127.0.0.1:{port}", nginx_proc)
        yield Proxy(f"http://{APP_HOST}:{port}", f"http://127.0.0.1:{port}", prefix / "access.log", ports)
    finally:
        if nginx_proc is not None:
            nginx_proc.terminate()
            nginx_proc.wait(timeout=10)
        for app in apps:
            stop_app(app)


@pytest.fixture
def context(browser, proxy: Proxy) -> Iterator[object]:
    """A fresh browser context (its own cookies, so its own route)."""
    ctx = browser.new_context(**UTC_CONTEXT)
    yield ctx
    ctx.close()


def _open(context, url: str):
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    return page


def _expect():
    from playwright.sync_api import expect

    return expect


def test_next_day_through_the_proxy(context, proxy: Proxy) -> None:
    page = _open(context, f"{proxy.url}/recovery?treatment=eco2&day=4")
    heading = page.locator("h2").filter(has_text="Day ").first
    _expect()(heading).to_have_text("Day 4")
    page.get_by_role("button", name="Next day").click()
    _expect()(heading).to_have_text("Day 5")
    assert not page.get_by_text("Connection error").count()


def test_downloads_through_the_proxy(context, proxy: Proxy, tmp_path: Path) -> None:
    page = _open(context, f"{proxy.url}/consult?treatment=eco2&start={START.isoformat()}&sessions=1")
    pdf = _download(page, "Download the handout (PDF)", tmp_path)
    assert pdf.startswith(b"%PDF") and 10_000 < len(pdf) < 5_000_000, len(pdf)
    ics = _download(page, "Download the calendar file (.ics)", tmp_path)
    assert ics.startswith(b"BEGIN:VCALENDAR") and START.strftime("%Y%m%d").encode() in ics


def _download(page, label: str, tmp_path: Path) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


def test_display_rotates_through_the_proxy(context, proxy: Proxy) -> None:
    page = _open(context, f"{proxy.url}/display?interval=5")
    page.wait_for_selector(".ds-root")
    first = page.get_attribute(".ds-root", "data-slide")
    page.wait_for_function("s => document.querySelector('.ds-root')?.dataset.slide !== s", arg=first,
                           timeout=20_000)  # fmt: skip


def test_static_bundles_and_the_page_come_compressed(context, proxy: Proxy) -> None:
    page = context.new_page()
    bundles: dict[str, dict[str, str]] = {}
    page.on("response", lambda r: bundles.update({r.url: r.headers}) if "/static/js/" in r.url else None)
    document = page.goto(f"{proxy.url}/recovery?treatment=eco2&day=4")
    wait_for_app(page)
    assert document is not None and document.headers.get("content-encoding") == "gzip"  # nginx's own gzip
    main = [headers for url, headers in bundles.items() if re.search(r"/static/js/index\.[^/]+\.js$", url)]
    assert main and main[0].get("content-encoding") in ("gzip", "br"), bundles.keys()
    assert "accept-encoding" in main[0].get("vary", "").lower()
    for url, headers in bundles.items():  # Streamlit's caching, passed on as it is
        assert "immutable" in headers.get("cache-control", ""), url


def test_brotli_where_nginx_has_the_module(proxy: Proxy) -> None:
    if not brotli_available():
        pytest.skip("this nginx has no brotli module (Debian: libnginx-mod-http-brotli-filter); gzip only")
    request = urllib.request.Request(proxy.direct + "/", headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "br"


def test_websocket_compression_passes_through(context, proxy: Proxy) -> None:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    answers: list[dict[str, str]] = []
    cdp.on("Network.webSocketHandshakeResponseReceived", lambda e: answers.append(e["response"]["headers"]))
    cdp.send("Network.enable")
    page.goto(f"{proxy.url}/recovery?treatment=eco2&day=4")
    wait_for_app(page)
    extensions = [v for headers in answers for k, v in headers.items() if k.lower() == "sec-websocket-extensions"]
    assert extensions and "permessage-deflate" in extensions[0], answers


def test_one_browser_stays_on_one_replica(context, proxy: Proxy) -> None:
    for path in ("/recovery?treatment=eco2&day=4", "/collagen", "/recovery?treatment=eco2&day=9"):
        _open(context, proxy.url + path).close()
    route = next(c["value"] for c in context.cookies() if c["name"] == "st_route")
    seen = [m for m in map(LOG_LINE.search, proxy.access_log.read_text().splitlines()) if m and m["route"] == route]
    assert any(m["path"].startswith("/_stcore/stream") for m in seen)
    assert len({m["up"] for m in seen}) == 1, {m["up"] for m in seen}
    assert {m["up"] for m in seen} <= {f"127.0.0.1:{p}" for p in proxy.replicas}


def test_nginx_config_is_valid_on_stock_nginx(tmp_path: Path) -> None:
    """Without brotli (as on stock nginx and the nginx:alpine image), the generated config passes ``nginx -t``."""
    nginx = find_nginx()
    conf = tmp_path / "nginx.conf"
    conf.write_text(local_config(NGINX_CONF.read_text(), (free_port(),), free_port(), tmp_path, brotli=False))
    result = subprocess.run([nginx, "-t", "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


PERSONAL = {"start": START.isoformat(), "phototype": "5"}  # a patient's date and skin type: health data


def test_a_journey_through_nginx_carries_the_headers_and_leaves_no_query_in_the_log(context, proxy: Proxy) -> None:
    """Every response of a patient's journey carries the security headers; no request leaves with a Referer that
    carries a query string; and nginx's log keeps the paths but not the date or the skin type."""
    from dashboard.security import SECURITY_HEADERS

    page = context.new_page()
    responses, referers = [], []
    page.on("response", lambda r: responses.append(r))
    page.on("request", lambda r: referers.append(r.headers.get("referer", "")))
    query = f"treatment=eco2&start={PERSONAL['start']}&phototype={PERSONAL['phototype']}"
    for path in (f"/recovery?{query}", f"/compare?vs=eco2,co2-full&phototype={PERSONAL['phototype']}", "/sources"):
        page.goto(proxy.url + path)
        wait_for_app(page)
    # The chart's waiting place runs code the page itself made into a blob: URL. Such a response never crosses the
    # network and carries no headers; the document's policy governs it (its script-src names blob:), and it must be
    # the app's own.
    made_here = [r.url for r in responses if r.url.startswith("blob:")]
    assert all(url.startswith(f"blob:{proxy.url}/") for url in made_here), made_here
    served = [r for r in responses if not r.url.startswith("blob:")]
    assert len(served) > 20, len(served)
    for response in served:
        headers = response.headers
        for name, value in SECURITY_HEADERS:
            assert headers.get(name.lower()) == value, (response.url, name, headers.get(name.lower()))
    assert not [r for r in referers if "?" in r], referers
    log = proxy.access_log.read_text()
    assert "/recovery " in log and "/compare " in log  # the paths are there
    for value in (PERSONAL["start"], "phototype=", "start=", "?"):
        assert value not in log, f"nginx logged {value!r}"


def test_the_manifest_and_icons_through_nginx(proxy: Proxy) -> None:
    for path, kind in (
        ("/manifest.webmanifest?start_url=%2Frecovery%3Ftreatment%3Deco2", "application/manifest+json"),
        ("/icon-192.png", "image/png"),
        ("/icon-512.png", "image/png"),
        ("/apple-touch-icon.png", "image/png"),
    ):
        with urllib.request.urlopen(proxy.direct + path, timeout=10) as response:
            assert response.status == 200 and response.headers["Content-Type"].startswith(kind), path
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            body = response.read()
        if kind.startswith("application"):
            assert json.loads(body)["start_url"] == "/recovery?treatment=eco2"
