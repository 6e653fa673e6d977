"""How `make run` serves the app (serve.py): Streamlit's static files compressed and cached, the page unchanged."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator

import brotli
import pytest
from conftest import free_port, start_app, stop_app

import serve


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    serve.compress_static()  # what `make run` and `make test` do first; at once when done before
    port = free_port()
    proc = start_app(port)
    yield f"http://127.0.0.1:{port}"
    stop_app(proc)


def _get(url: str, encoding: str | None = None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=10) as r:
        return {k.lower(): v for k, v in r.headers.items()}, r.read()


def _bundle(base: str) -> str:
    _, index = _get(base + "/")
    return re.search(rb'src="\./?(static/js/index\.[^"]+\.js)"', index).group(1).decode()


def test_bundles_go_out_compressed_and_cached_for_a_year(served: str) -> None:
    path = _bundle(served)
    plain_headers, plain = _get(f"{served}/{path}")
    br_headers, br_body = _get(f"{served}/{path}", "br, gzip")
    gz_headers, gz_body = _get(f"{served}/{path}", "gzip")
    assert "content-encoding" not in plain_headers
    assert br_headers["content-encoding"] == "br" and brotli.decompress(br_body) == plain
    assert gz_headers["content-encoding"] == "gzip" and gzip.decompress(gz_body) == plain
    assert len(br_body) < len(plain) / 3
    assert "immutable" in br_headers["cache-control"] and "max-age=315360000" in br_headers["cache-control"]


def test_the_app_itself_is_unchanged(served: str) -> None:
    headers, body = _get(f"{served}/_stcore/health")
    assert body == b"ok"
    _, index = _get(f"{served}/recovery")
    assert b'<div id="root">' in index


def test_without_the_compressed_copy_it_serves_as_streamlit_does(tmp_path) -> None:
    port = free_port()
    proc = start_app(port, env={"RECOVERY_STATIC_CACHE": str(tmp_path / "none")})
    try:
        base = f"http://127.0.0.1:{port}"
        headers, _ = _get(f"{base}/{_bundle(base)}", "br, gzip")
    finally:
        stop_app(proc)
    assert "content-encoding" not in headers


@pytest.mark.parametrize(
    ("base", "path", "expected"),
    [
        ("", "/", False),
        ("", "/recovery", True),
        ("", "/display", True),
        ("", "/nothing", None),
        ("", "/_stcore/health", None),
        ("", "/static/js/index.js", None),
        ("", "/recovery/_stcore/health", None),
        ("recovery-app", "/recovery-app", False),
        ("recovery-app", "/recovery-app/", False),
        ("recovery-app", "/recovery-app/recovery", True),
        ("recovery-app", "/recovery", None),
        ("recovery-app", "/recovery-appx/recovery", None),
    ],
)
def test_which_addresses_are_pages(base: str, path: str, expected: bool | None) -> None:
    hint = serve.AddressHint(None, base)
    assert hint.page_request(path) is expected


def test_a_page_tells_streamlit_where_its_server_is(served: str) -> None:
    headers, deep = _get(f"{served}/recovery?treatment=eco2&day=4")
    _, main = _get(f"{served}/")
    assert headers["content-type"].startswith("text/html") and headers["cache-control"] == "no-cache"
    for page, drop in ((deep, b"true"), (main, b"false")):
        assert b'<div id="root">' in page and b"BACKEND_BASE_URL" in page
        assert b"p = " + drop + b" ?" in page
        assert page.index(b"BACKEND_BASE_URL") < page.index(b'<script type="module"')  # before Streamlit reads it
    assert _get(f"{served}/_stcore/health")[1] == b"ok"


def test_streamlit_still_reads_the_address_hint() -> None:
    """serve.py puts its script before Streamlit's own in Streamlit's index.html and sets the option Streamlit's page
    reads for its server's address. When Streamlit renames either, this fails: update ADDRESS_HINT."""
    static = serve.streamlit_static()
    index = (static.parent / "index.html").read_text(encoding="utf-8")
    assert '<script type="module"' in index
    bundles = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in (static / "js").glob("*.js"))
    assert "BACKEND_BASE_URL" in bundles and "__streamlit" in bundles


_LIFESPAN = """
import asyncio, gc, json, sys
sys.path.insert(0, sys.argv[1])
import serve

async def main():
    frozen_on_import = gc.get_freeze_count()
    inbox, sent = asyncio.Queue(), []
    await inbox.put({"type": "lifespan.startup"})

    async def send(message):
        sent.append(message["type"])
        if message["type"] == "lifespan.startup.complete":
            sent.append(gc.get_freeze_count())
            await inbox.put({"type": "lifespan.shutdown"})

    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
    await asyncio.wait_for(serve.app(scope, inbox.get, send), 60)
    print(json.dumps({"on_import": frozen_on_import, "sent": sent}))

asyncio.run(main())
"""


def test_the_servers_start_up_hook_runs_through_every_middleware() -> None:
    """uvicorn sends the lifespan's start-up through the middleware to st.App. A middleware that reads a request's
    path from it fails it, and uvicorn then serves without the hook (the heap is never settled at start). In a child
    process, as the hook freezes the collector's heap."""
    done = subprocess.run(
        [sys.executable, "-c", _LIFESPAN, str(serve.ROOT)], capture_output=True, text=True, timeout=120, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["on_import"] == 0  # importing serve freezes nothing
    started, frozen, stopped = result["sent"]
    assert (started, stopped) == ("lifespan.startup.complete", "lifespan.shutdown.complete"), done.stderr
    assert frozen > 0
