"""Shared fixtures: cache clearing for AppTest, a live app server and headless Chromium for browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st

from dashboard.ui import memo

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
# The browser reaches the test server as app.test, a name only this browser resolves (to 127.0.0.1): to the app it
# is a network address, as a clinic's server is, so links and QR codes are made (it prints none for localhost).
APP_HOST = "app.test"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
    f"--host-resolver-rules=MAP {APP_HOST} 127.0.0.1",
]


@pytest.fixture(autouse=True)
def _clear_streamlit_caches() -> Iterator[None]:
    """Each test starts with empty Streamlit caches and memos (dashboard/ui/memo.py), so one test's data cannot leak
    into another."""
    st.cache_data.clear()
    st.cache_resource.clear()
    memo.clear()
    yield


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(
    port: int, env: dict[str, str] | None = None, script: str = "streamlit_app.py", args: tuple[str, ...] = ()
) -> subprocess.Popen:
    """Start the app headless on a port, as `make run` serves it (serve.py), and wait until it answers."""
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
            *args,
        ],
        cwd=ROOT,
        env={**os.environ, "RECOVERY_SCRIPT": str(ROOT / script), **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app exited early: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            prefix = next((a for a in args if a.startswith("/")), "")  # --server.baseUrlPath /x
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{prefix}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("app did not become healthy within 60 s")


def stop_app(proc: subprocess.Popen) -> None:
    """Stop a server started by start_app."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Base URL of the app served on the bundled data, shared by the browser tests of one run."""
    port = free_port()
    proc = start_app(port)
    yield f"http://{APP_HOST}:{port}"
    stop_app(proc)


def find_chromium() -> str | None:
    """Debian's Chromium, if installed."""
    return next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)


def find_nginx() -> str:
    """Debian's nginx, for the tests behind the proxy; skip without it, but fail under CI=true (as for Chromium)."""
    found = shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if Path(p).exists()), None)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but nginx is missing: the proxy tests cannot run (install Debian's 'nginx')")
    pytest.skip("no nginx (install Debian's 'nginx' to run the tests behind the proxy)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium through Playwright; skipped without it, except under CI=true."""
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no Chromium found at /usr/bin/chromium: browser tests cannot run")
        pytest.skip("no Chromium at /usr/bin/chromium (install Debian's 'chromium' to run browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


def page_opener(browser, base_url: str) -> Iterator[Callable[..., object]]:
    """A function that opens a path of the server at base_url at a viewport width (1280 or 390) and waits until the
    script has finished; with `record`, every response and websocket frame the page receives is appended to it.
    The pages' browser contexts close when the generator is finished (use it as a fixture's body)."""
    contexts = []

    def _open(path: str, width: int = 1280, height: int = 900, record: list | None = None, **context_args: object):
        context = browser.new_context(viewport={"width": width, "height": height}, **context_args)
        contexts.append(context)
        page = context.new_page()
        if record is not None:
            page.on("response", lambda response: record.append(response))
            page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: record.append(payload)))
        page.goto(base_url + path)
        wait_for_app(page)
        return page

    yield _open
    for c in contexts:
        c.close()


@pytest.fixture
def open_page(browser, app_url: str) -> Iterator[Callable[..., object]]:
    """Open a path of the app at a viewport width (1280 or 390) and wait until the script has finished."""
    yield from page_opener(browser, app_url)


# A chart drawn only once its place is near the screen (dashboard/ui/recovery.py's chart slot): the places still
# waiting, in the shadow roots Streamlit gives an inline component.
_SLOTS_JS = """() => [...document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')]
    .filter(e => e.shadowRoot && e.shadowRoot.querySelector('.slot'))"""


def draw_waiting_charts(page, timeout: float = 30_000) -> int:
    """Scroll to each chart still waiting for its place to come near the screen, as a reader would, and wait until
    it is drawn; how many were waiting."""
    waiting = page.evaluate(f"() => ({_SLOTS_JS})().length")
    for left in range(waiting, 0, -1):
        page.evaluate(f"() => ({_SLOTS_JS})()[0].scrollIntoView()")
        page.wait_for_function(f"(n) => ({_SLOTS_JS})().length < n", arg=left, timeout=timeout)
    if waiting:
        wait_for_app(page, timeout)
    return waiting


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has rendered the page and no script run is in progress."""
    page.wait_for_selector('[data-testid="stMainBlockContainer"]', timeout=timeout)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            // 'initial' (before the first run starts) and 'rerunRequested' are not finished either
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stSpinner"]');
        }""",
        timeout=timeout,
    )
    page.wait_for_timeout(300)
