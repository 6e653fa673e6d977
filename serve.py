"""The app as `make run` serves it: Streamlit's own server (through its ASGI entry, st.App) with Streamlit's static
files sent compressed (brotli or gzip, as the browser asks) and cached for a year.

Streamlit 1.67 sends its ~23 MB of JavaScript uncompressed: its gzip middleware skips /static on purpose, because it
would compress every response again. Here the files are compressed once, ahead of time (`python serve.py compress`,
which `make run` does after an install), by ServeStatic, which then serves the smallest variant each browser accepts,
with `immutable` caching for the content-hashed bundles. Without the compressed copy the app is served as Streamlit
serves it. The websocket is compressed by Streamlit itself (`server.enableWebsocketCompression` in
.streamlit/config.toml). Behind nginx (deploy/), nginx does the same work and this layer is not needed.
Each page of the app is also told where its server is (AddressHint), so a deep link connects without first
looking for a server at /<page>/, and where its home-screen manifest and icon are (HomeScreen serves them). Every
response carries the security headers of dashboard/security.py (SecurityHeaders), and nothing here logs a request:
Streamlit's server keeps no access log, so no query string (a treatment date, a skin type) is written anywhere.

Run: `streamlit run serve.py` (what `make run` does); any ASGI server can serve `serve:app` as well.
"""

from __future__ import annotations

import gc
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import streamlit as st
from starlette.middleware import Middleware

from dashboard.homescreen import ICONS, MANIFEST, app_manifest, draw_icon, head_tags, start_address
from dashboard.pages import split_page
from dashboard.security import SECURITY_HEADERS

ROOT = Path(__file__).resolve().parent
# Vite names each bundle after its content (index.B1Ab2_xY.js): such a file never changes, so it may be cached forever.
HASHED = re.compile(r"\.[A-Za-z0-9_-]{8}\.[a-z0-9]+$")


def streamlit_static() -> Path:
    """Streamlit's own static folder (found without importing Streamlit)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise RuntimeError("Streamlit is not installed")
    return Path(spec.origin).parent / "static" / "static"


def compressed_static() -> Path:
    """Where the compressed copy of Streamlit's static files lives (one per Streamlit version)."""
    configured = os.environ.get("RECOVERY_STATIC_CACHE", "").strip()
    if configured:
        return Path(configured)
    return ROOT / ".cache" / f"static-streamlit-{importlib.metadata.version('streamlit')}"


def compress_static(target: Path | None = None) -> Path:
    """Copy Streamlit's static files and add .br and .gz variants next to each (once; later calls return at once)."""
    from servestatic.compress import Compressor

    target = target or compressed_static()
    done = target / ".complete"
    if done.exists():
        return target
    work = target.with_name(target.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(streamlit_static(), work)
    compressor = Compressor(quiet=True, use_zstd=False)
    for folder, _, files in os.walk(work):
        for name in files:
            path = os.path.join(folder, name)
            if compressor.should_compress(name):
                compressor.compress(path)
    shutil.rmtree(target, ignore_errors=True)
    work.rename(target)
    done.touch()
    return target


def _immutable(path: str, url: str) -> bool:
    return bool(HASHED.search(url))


# Streamlit's page finds its server by trying the address it was opened at, then that address less its last part:
# a deep link (/recovery?..., what a QR code opens) first asks /recovery/_stcore/health and host-config, gets 404s,
# and only then connects, a round trip lost on every first visit (0.3 s on a slow phone link). The page is told
# the server's address instead, through the option Streamlit reads for that (window.__streamlit.BACKEND_BASE_URL).
# The script only knows whether the last part of the address is a page of the app (then it is dropped).
ADDRESS_HINT = (
    '<script>(function () {{ var p = location.pathname; p = {drop} ? p.replace(/[^/]*$/, "") : '
    'p.replace(/\\/*$/, "/"); window.__streamlit = Object.assign({{}}, window.__streamlit, '
    "{{BACKEND_BASE_URL: location.origin + p}}); }})();</script>"
)


def is_read(scope: Any) -> bool:
    """True for an HTTP GET or HEAD: the only requests the middleware below answer themselves. Other scopes (the
    websocket, the lifespan's start-up, which has no path) go through untouched, or the start-up hook never runs."""
    return scope["type"] == "http" and scope["method"] in ("GET", "HEAD")


class AddressHint:
    """ASGI middleware: a page of the app (/, /recovery, ... under the base path) is Streamlit's own index.html with
    ADDRESS_HINT before its scripts; everything else goes to Streamlit unchanged."""

    def __init__(self, app: Any, base: str) -> None:
        self.app, self.base = app, base.strip("/")
        index = (streamlit_static().parent / "index.html").read_text(encoding="utf-8")
        at = index.index('<script type="module"')
        self.html = {
            drop: (index[:at] + ADDRESS_HINT.format(drop=str(drop).lower()) + "\n    ", index[at:])
            for drop in (True, False)
        }

    def page_html(self, drop: bool, link: str) -> bytes:
        """Streamlit's index.html with the address hint and the home-screen tags (whose start is this page's link)."""
        before, after = self.html[drop]
        return (before + head_tags(f"/{self.base}" if self.base else "", link) + "\n    " + after).encode()

    def page_request(self, path: str) -> bool | None:
        """None when the path is not a page of the app; else whether its last part names a page (not the main one)."""
        base, page = split_page(path)
        if base != (f"/{self.base}" if self.base else "") or (page is None and path.rstrip("/") != base):
            return None
        return page is not None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        drop = self.page_request(scope["path"]) if is_read(scope) else None
        if drop is None:
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        body = self.page_html(drop, scope["path"] + (f"?{query}" if query else ""))
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"cache-control", b"no-cache"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


class HomeScreen:
    """ASGI middleware: the web manifest and the home-screen icons (dashboard/homescreen.py) under the base path; the
    icons are drawn once per process."""

    def __init__(self, app: Any, base: str) -> None:
        self.app, self.base = app, f"/{base.strip('/')}" if base.strip("/") else ""
        self.icons: dict[str, bytes] = {}

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        mine = is_read(scope) and scope["path"].startswith(f"{self.base}/")
        name = scope["path"][len(self.base) + 1 :] if mine else None
        if name not in (MANIFEST, *ICONS):
            await self.app(scope, receive, send)
            return
        if name == MANIFEST:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            start = start_address(self.base, query.get("start_url", [""])[-1])
            body, kind = json.dumps(app_manifest(self.base, start)).encode(), b"application/manifest+json"
            cache = b"no-cache"
        else:
            if name not in self.icons:
                self.icons[name] = draw_icon(ICONS[name])
            body, kind, cache = self.icons[name], b"image/png", b"public, max-age=86400"
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", kind),
                    (b"cache-control", cache),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


class SecurityHeaders:
    """ASGI middleware: the headers of dashboard/security.py on every HTTP response (the websocket's handshake
    aside), in place of any the response had."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.headers = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS]
        self.names = {name for name, _value in self.headers}

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def address_middleware() -> list[Middleware]:
    """The security headers on every response; AddressHint for the pages of the URL contract (dashboard/pages.py);
    HomeScreen for the manifest and the icons."""
    from streamlit import config

    base = config.get_option("server.baseUrlPath")
    return [Middleware(SecurityHeaders), Middleware(AddressHint, base=base), Middleware(HomeScreen, base=base)]


def static_middleware() -> list[Middleware]:
    """ServeStatic in front of Streamlit for /static/, when the compressed copy exists."""
    static = compressed_static()
    if not (static / ".complete").exists():
        print(
            f"serve.py: no compressed static files at {static}; run `python serve.py compress` "
            "(make run does) to send them compressed.",
            file=sys.stderr,
        )
        return []
    from servestatic import ServeStaticASGI
    from streamlit import config

    base = config.get_option("server.baseUrlPath").strip("/")
    prefix = f"/{base}/static/" if base else "/static/"
    return [Middleware(ServeStaticASGI, root=static, prefix=prefix, max_age=3600, immutable_file_test=_immutable)]


if __name__ == "__main__" and sys.argv[1:2] == ["compress"]:
    print(f"compressed static files in {compress_static()}")
    sys.exit(0)


@asynccontextmanager
async def settled(app: Any) -> AsyncIterator[None]:
    """When the server starts: Streamlit's own modules live as long as it, so the collector need not walk them again
    and again. This is for any script served here (the bench floor too); the app settles its own modules after its
    first run (dashboard/ui/frame.settle_heap_soon). Importing this module (the tests do) freezes nothing."""
    gc.collect()
    gc.freeze()
    yield


# A plain assignment, so that `streamlit run serve.py` finds the app (it looks for `x = st.App(...)`).
app = st.App(
    os.environ.get("RECOVERY_SCRIPT", str(ROOT / "streamlit_app.py")),
    lifespan=settled,
    middleware=[*address_middleware(), *static_middleware()],
)
