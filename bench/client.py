"""One simulated browser session over Streamlit's websocket protocol, without a browser."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.request import Request, urlopen

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

from bench import protocol
from bench.protocol import RunDigest, Widget

RUN_TIMEOUT_S = 60.0
CACHE_AGE_RUNS = 2  # the frontend's default ``maxCachedMessageAge``
DAY_WORDS = ("day",)
NEXT_WORDS = ("next day", "next")


@dataclass(frozen=True)
class Sample:
    """One measured rerun: what was asked, how long it took and how many errors it showed."""

    scenario: str
    seconds: float
    errors: int
    ok: bool
    detail: str = ""
    payload_bytes: int = 0  # ForwardMsg bytes the server sent for this run (after any decompression)
    wire_bytes: int = 0  # bytes received on the socket meanwhile: websocket framing, compressed when negotiated


class CountingConnection(ClientConnection):
    """A client connection that counts the bytes arriving on its socket (what the network carried)."""

    received: int = 0

    def data_received(self, data: bytes) -> None:
        """Count, then hand the bytes to the websocket protocol."""
        self.received += len(data)
        super().data_received(data)


def chromium_deflate_offer() -> list[ClientPerMessageDeflateFactory]:
    """What Chromium offers: ``permessage-deflate; client_max_window_bits``, the server picks its own window."""
    return [ClientPerMessageDeflateFactory(client_max_window_bits=True)]


@dataclass
class BrowserlessSession:
    """A websocket session that behaves like the Streamlit frontend for page loads and widget changes."""

    host: str
    port: int
    cookie: str = ""
    want_cookie: bool = False
    compression: bool = True  # offer permessage-deflate, as Chromium does (the server may decline)
    ws: ClientConnection | None = None
    session_id: str = ""
    page_name: str = ""
    page_script_hash: str = ""
    query_string: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)
    sent_states: dict[str, WidgetState] = field(default_factory=dict)
    message_cache: dict[str, tuple[ForwardMsg, int]] = field(default_factory=dict)
    runs: int = 0
    last_errors: list[str] = field(default_factory=list)

    async def connect(self) -> None:
        """Open the websocket like the browser does (subprotocol ``streamlit``, deflate offered, cookie from a GET)."""
        if self.want_cookie and not self.cookie:
            self.cookie = await asyncio.to_thread(fetch_cookie, self.host, self.port)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await connect(
            f"ws://{self.host}:{self.port}{protocol.STREAM_PATH}",
            subprotocols=[protocol.SUBPROTOCOL],  # type: ignore[list-item]
            additional_headers=headers,
            max_size=None,
            compression=None,
            extensions=chromium_deflate_offer() if self.compression else None,
            create_connection=CountingConnection,
            open_timeout=30,
            ping_interval=None,
        )

    @property
    def deflate(self) -> bool:
        """Whether the server accepted permessage-deflate on this connection."""
        return self.ws is not None and any(e.name == "permessage-deflate" for e in self.ws.protocol.extensions)

    def wire_received(self) -> int:
        """Bytes received on this session's socket so far."""
        return self.ws.received if isinstance(self.ws, CountingConnection) else 0

    async def close(self) -> None:
        """Close the websocket; the server then ends the session."""
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def _url(self) -> str:
        """The address the browser would show for the current page."""
        query = f"?{self.query_string}" if self.query_string else ""
        return f"http://{self.host}:{self.port}/{self.page_name}{query}"

    async def _run(self, widgets: list[WidgetState], fragment_id: str = "") -> tuple[RunDigest, int]:
        """Send one rerun request (of the page, or of one fragment), read until the script has finished.

        Returns the digest and the bytes that arrived on the socket meanwhile.
        """
        assert self.ws is not None, "connect() first"
        wire_before = self.wire_received()
        msg = protocol.build_rerun(
            self.query_string,
            self.page_name,
            self.page_script_hash,
            widgets,
            self.message_cache.keys(),
            self._url(),
            fragment_id,
        )
        await self.ws.send(msg.SerializeToString())
        run = RunDigest()
        while not run.finished:
            data = await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT_S)
            assert isinstance(data, bytes)
            protocol.digest(run, self._resolve(protocol.parse_forward(data)), len(data))
        self._absorb(run)
        return run, self.wire_received() - wire_before

    def _resolve(self, msg: ForwardMsg) -> ForwardMsg:
        """Swap a by-reference message for the cached original; remember large ones (as the frontend)."""
        if msg.ref_hash in self.message_cache:
            original = self.message_cache[msg.ref_hash][0]
            self.message_cache[msg.ref_hash] = (original, self.runs)
            return original
        if msg.metadata.cacheable and msg.hash:
            self.message_cache[msg.hash] = (msg, self.runs)
        return msg

    def _absorb(self, run: RunDigest) -> None:
        """Keep what the browser keeps after a run: page hash, session id, URL, widgets, message cache."""
        self.page_script_hash = run.page_script_hash or self.page_script_hash
        self.session_id = run.session_id or self.session_id
        if run.query_string is not None:
            self.query_string = run.query_string
        # A fragment run redraws only the fragment: the other widgets stay as they were.
        self.widgets = {**self.widgets, **run.widgets} if run.fragment else run.widgets
        self.runs += 1
        self.message_cache = {
            h: (m, seen) for h, (m, seen) in self.message_cache.items() if self.runs - seen <= CACHE_AGE_RUNS
        }
        self.last_errors = run.exceptions

    async def timed(self, scenario: str, widgets: list[WidgetState], fragment_id: str = "") -> Sample:
        """Run once and measure the time from the request to ``script_finished``."""
        start = time.perf_counter()
        try:
            run, wire = await self._run(widgets, fragment_id)
        except Exception as exc:  # a failed run is a measured error, never a crash of the bench
            return Sample(scenario, time.perf_counter() - start, 1, False, f"{type(exc).__name__}: {exc}")
        detail = "; ".join(run.exceptions)
        return Sample(scenario, time.perf_counter() - start, run.errors, True, detail, run.bytes, wire)

    async def open(self, url_path: str, scenario: str = "") -> Sample:
        """Navigate to a page by URL path and query string, like following a link inside the app."""
        page_name, query = protocol.split_url(url_path)
        if page_name != self.page_name:
            self.page_script_hash = ""
        self.sent_states = {}
        self.page_name, self.query_string = page_name, query
        return await self.timed(scenario or url_path, list(self.sent_states.values()))

    def day_step_plan(self) -> tuple[str, list[WidgetState], str]:
        """Choose how to move one day on (slider by id, else Next day button, else URL) and the fragment."""
        slider = protocol.find_widget(self.widgets.values(), "slider", DAY_WORDS)
        if slider is not None:
            current = self._slider_value(slider)
            nxt = current + 1 if current < slider.maximum else slider.minimum
            state = protocol.slider_state(slider.id, nxt)
            self.sent_states[slider.id] = state
            return _mode("slider", slider), list(self.sent_states.values()), slider.fragment_id
        button = protocol.find_widget(self.widgets.values(), "button", NEXT_WORDS)
        if button is not None:
            states = [*self.sent_states.values(), protocol.trigger_state(button.id)]
            return _mode("button", button), states, button.fragment_id
        day = _query_day(self.query_string)
        self.query_string = protocol.with_param(self.query_string, "day", str((day + 1) % 60))
        return "url", list(self.sent_states.values()), ""

    def _slider_value(self, slider: Widget) -> float:
        """The slider's value as the browser knows it: set by the app, else last sent, else its default."""
        sent = self.sent_states.get(slider.id)
        if slider.value:
            return slider.value[0]
        if sent is not None:
            return sent.double_array_value.data[0]
        return slider.default[0] if slider.default else slider.minimum

    async def day_step(self, scenario: str = "day step") -> tuple[str, Sample]:
        """Move one day on and measure the rerun; returns how the step was driven and the sample."""
        mode, states, fragment_id = self.day_step_plan()
        return mode, await self.timed(scenario, states, fragment_id)


def _mode(kind: str, widget: Widget) -> str:
    """Describe how a step was driven, e.g. ``slider (fragment rerun)``."""
    return f"{kind} by widget id" + (" (fragment rerun)" if widget.fragment_id else " (full rerun)")


def _query_day(query_string: str) -> int:
    """Read ``day`` from a query string, 0 when absent or not a number."""
    from urllib.parse import parse_qs

    values = parse_qs(query_string).get("day", ["0"])
    return int(values[0]) if values[0].isdigit() else 0


def fetch_cookie(host: str, port: int) -> str:
    """GET the page once (as a browser would) and return the cookies the server or proxy set."""
    with urlopen(Request(f"http://{host}:{port}/"), timeout=30) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)
