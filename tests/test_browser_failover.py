"""Failover behind nginx: three app processes behind Debian's nginx (deploy/nginx.conf, as bench/proxy.py makes it),
a page open in Chromium, and replicas going away under it.

- The replica that holds a page's session is killed (SIGKILL, as a crash or a lost node): the page reconnects to
  another replica by itself and shows the same day, language and choices (they live in the URL), and "Next day"
  goes on from there.
- All three are restarted one after the other (SIGTERM, as a rollout does): the open pages never show an error box,
  and work afterwards.

Skipped without nginx or Chromium, except under CI=true, where either missing fails the run.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import APP_HOST, find_nginx, free_port, start_app, stop_app, wait_for_app

from bench.protocol import parse_forward
from bench.proxy import LOG_LINE, NGINX_CONF, brotli_available, local_config, start_nginx
from bench.servers import compress_static, wait_healthy

pytestmark = pytest.mark.browser

CONTEXT = {"timezone_id": "UTC", "viewport": {"width": 1280, "height": 900}}
CHOICES = "/recovery?treatment=eco2&day=4&area=neck&intensity=deep&lang=es"
RECONNECT_MS = 15_000  # "within a few seconds", with room for a machine busy with other tests
# Installed in a page: remembers every error box Streamlit shows (its "Connection error" dialog, an exception).
WATCH_ERRORS = """() => {
  window.__errorBoxes = [];
  const look = () => {
    for (const box of document.querySelectorAll('[role="dialog"], [data-testid="stException"]')) {
      const text = box.innerText.trim();
      if (text && !window.__errorBoxes.includes(text)) window.__errorBoxes.push(text);
    }
  };
  new MutationObserver(look).observe(document.body, {childList: true, subtree: true});
  setInterval(look, 100);
}"""


@dataclass
class Replicas:
    """The app processes by port, nginx's address and its access log."""

    ports: tuple[int, ...]
    url: str
    access_log: Path
    procs: dict[int, subprocess.Popen] = field(default_factory=dict)

    def holder(self, route: str) -> int:
        """The port of the replica that nginx sends this route cookie to (from the requests it has finished)."""
        ups = {
            m["up"].rstrip(",")
            for m in map(LOG_LINE.search, self.access_log.read_text().splitlines())
            if m and m["route"] == route
        }
        assert len(ups) == 1, ups
        return int(ups.pop().rsplit(":", 1)[1])

    def stop(self, port: int, sig: int) -> None:
        proc = self.procs.pop(port)
        proc.send_signal(sig)
        proc.wait(timeout=20)

    def start(self, port: int) -> None:
        self.procs[port] = start_app(port)


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replicas]:
    """Three app servers as `make run` serves them, and nginx in front of them."""
    nginx = find_nginx()
    compress_static()
    prefix = tmp_path_factory.mktemp("failover")
    ports = (free_port(), free_port(), free_port())
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(local_config(NGINX_CONF.read_text(), ports, port, prefix, brotli_available()))
    group = Replicas(ports, f"http://{APP_HOST}:{port}", prefix / "access.log")
    nginx_proc = None
    try:
        for p in ports:
            group.start(p)
        nginx_proc = start_nginx(nginx, conf)
        wait_healthy(f"http://127.0.0.1:{port}", nginx_proc)
        yield group
    finally:
        if nginx_proc is not None:
            nginx_proc.terminate()
            nginx_proc.wait(timeout=10)
        for proc in group.procs.values():
            stop_app(proc)


@pytest.fixture
def context(browser, replicas: Replicas) -> Iterator[object]:
    """A browser context of its own (its own route cookie), and every replica running again afterwards."""
    ctx = browser.new_context(**CONTEXT)
    yield ctx
    ctx.close()
    for port in replicas.ports:
        if port not in replicas.procs:
            replicas.start(port)


def _expect():
    from playwright.sync_api import expect

    return expect


def _open(context, url: str):
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    page.evaluate(WATCH_ERRORS)
    return page


def _heading(page):
    return page.locator("h2").filter(has_text="Día ").first


def _route(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "st_route")


def _watch_new_runs(page) -> tuple[list[float], list[float]]:
    """When the page's next websockets open, and when a whole run of the page (not a fragment's) finishes on one."""
    opened: list[float] = []
    finished: list[float] = []

    def frame(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            msg = parse_forward(payload)
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished == msg.FINISHED_SUCCESSFULLY:
                finished.append(time.monotonic())

    def socket(ws) -> None:
        opened.append(time.monotonic())
        ws.on("framereceived", frame)

    page.on("websocket", socket)
    return opened, finished


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_the_page_moves_to_another_replica_when_its_own_dies(context, replicas: Replicas) -> None:
    page = _open(context, replicas.url + CHOICES)
    page.get_by_role("button", name="Día siguiente").click()
    _expect()(_heading(page)).to_have_text("Día 5")
    _expect()(page).to_have_url(re.compile(r"[?&]day=5(&|$)"))
    holder = replicas.holder(_route(context))
    opened, finished = _watch_new_runs(page)

    killed = time.monotonic()
    replicas.stop(holder, signal.SIGKILL)
    # A new websocket (to a replica that is alive: the holder is gone), and a whole run of the page on it.
    deadline = killed + RECONNECT_MS / 1000
    while not finished and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert opened and finished, (opened, finished)
    wait_for_app(page, timeout=RECONNECT_MS)
    print(
        f"new websocket {opened[0] - killed:.2f} s after the kill, the page's run on it finished "
        f"{finished[0] - killed:.2f} s after"
    )

    _expect()(_heading(page)).to_have_text("Día 5")
    query = _query(page)
    assert (query["day"], query["lang"], query["area"], query["intensity"]) == (["5"], ["es"], ["neck"], ["deep"])
    assert page.locator("html").get_attribute("lang") == "es"
    _expect()(page.get_by_text("cuello, profunda").first).to_be_visible()
    page.get_by_role("button", name="Día siguiente").click()
    _expect()(_heading(page)).to_have_text("Día 6")
    _expect()(page).to_have_url(re.compile(r"[?&]day=6(&|$)"))  # the address follows the heading
    assert holder not in replicas.procs  # still dead: the page was served by another replica all along
    assert not page.evaluate("window.__errorBoxes"), page.evaluate("window.__errorBoxes")


def test_a_rolling_restart_shows_no_error_box(context, replicas: Replicas) -> None:
    day = _open(context, replicas.url + "/recovery?treatment=eco2&day=10&lang=es")
    screen = _open(context, replicas.url + "/display?interval=5")
    for port in replicas.ports:
        replicas.stop(port, signal.SIGTERM)  # what Kubernetes sends after the preStop delay
        replicas.start(port)  # back on the same port; the others served meanwhile
        day.wait_for_timeout(2_000)
        for page in (day, screen):
            assert not page.evaluate("window.__errorBoxes"), (port, page.evaluate("window.__errorBoxes"))
    # Both pages still work, as they were: the day steps in Spanish, the screen rotates.
    wait_for_app(day)
    assert _query(day)["lang"] == ["es"] and day.locator("html").get_attribute("lang") == "es"
    day.get_by_role("button", name="Día siguiente").click()
    _expect()(_heading(day)).to_have_text("Día 11")
    shown = screen.get_attribute(".ds-root", "data-slide")
    screen.wait_for_function("s => document.querySelector('.ds-root')?.dataset.slide !== s", arg=shown, timeout=20_000)
    for page in (day, screen):
        assert not page.evaluate("window.__errorBoxes"), page.evaluate("window.__errorBoxes")
        assert not page.get_by_text("Connection error").count()
