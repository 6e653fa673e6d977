"""A loopback TCP relay that gives Streamlit's websocket the phone's slow link, and counts its bytes.

Chromium's network emulation (CDP ``Network.emulateNetworkConditions``) slows HTTP requests but not WebSocket
frames, so the day step would cross a loopback-fast link. The browser is pointed at this relay instead of the
server: connections whose first request is the websocket (``GET /_stcore/stream``) are delayed and paced
(half the round-trip latency each way, the emulated throughput per direction); every other connection passes
untouched, because Chromium already throttles it. Bytes are counted as they leave the server, websocket framing
and permessage-deflate included: what the link carried.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field

from bench.protocol import STREAM_PATH

CHUNK = 16_384
FIRST_READ_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Shape:
    """The link: round-trip latency in seconds and throughput in bytes per second each way."""

    rtt_s: float
    down_bps: float
    up_bps: float


def is_websocket_request(head: bytes) -> bool:
    """Whether the first bytes of a connection open Streamlit's websocket."""
    request_line = head.split(b"\r\n", 1)[0]
    return request_line.startswith(b"GET ") and STREAM_PATH.encode() in request_line


def release_time(now: float, busy_until: float, size: int, rate: float, delay: float) -> tuple[float, float]:
    """When a chunk arrives on a paced link, and until when the link is busy sending it."""
    done = max(now, busy_until) + size / rate
    return done + delay, done


@dataclass
class Counters:
    """Bytes the relay carried on websocket connections, by direction."""

    ws_down: int = 0
    ws_up: int = 0
    ws_connections: int = 0


@dataclass
class Link:
    """The relay: listens on a loopback port in a thread of its own and forwards to ``target_port``."""

    target_port: int
    shape: Shape
    host: str = "127.0.0.1"
    port: int = 0
    counters: Counters = field(default_factory=Counters)
    _loop: asyncio.AbstractEventLoop | None = None
    _stop: asyncio.Event | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base HTTP address of the relay."""
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> Link:
        ready = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(ready),), daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the link relay did not start")
        return self

    def __exit__(self, *_: object) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(10)

    async def _main(self, ready: threading.Event) -> None:
        """Listen until stopped; asyncio.run then cancels the open connections and waits for them."""
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        server = await asyncio.start_server(self._connection, self.host, 0)
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        async with server:
            await self._stop.wait()

    async def _connection(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        """Forward one connection, shaped when it is the websocket."""
        try:
            head = await asyncio.wait_for(client_r.read(CHUNK), FIRST_READ_TIMEOUT_S)
            server_r, server_w = await asyncio.open_connection(self.host, self.target_port)
        except OSError:  # asyncio.TimeoutError is one too
            client_w.close()
            return
        shaped = is_websocket_request(head)
        self.counters.ws_connections += int(shaped)
        up = self._pipe(client_r, server_w, head, self.shape.up_bps if shaped else 0.0, "ws_up" if shaped else "")
        down = self._pipe(server_r, client_w, b"", self.shape.down_bps if shaped else 0.0,
                          "ws_down" if shaped else "")  # fmt: skip
        try:
            await asyncio.gather(up, down, return_exceptions=True)
        finally:
            client_w.close()
            server_w.close()

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, first: bytes, rate: float, counter: str
    ) -> None:
        """Copy one direction; with a rate, each chunk waits for its turn on the link and half the round trip."""
        queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()
        loop = asyncio.get_running_loop()

        async def send() -> None:
            while (item := await queue.get()) is not None:
                due, chunk = item
                await asyncio.sleep(max(0.0, due - loop.time()))
                writer.write(chunk)
                await writer.drain()
            writer.close()

        sender = asyncio.create_task(send())
        busy_until = 0.0
        try:
            data = first or await reader.read(CHUNK)
            while data:
                for start in range(0, len(data), CHUNK):
                    chunk = data[start : start + CHUNK]
                    due = loop.time()
                    if counter:
                        setattr(self.counters, counter, getattr(self.counters, counter) + len(chunk))
                    if rate > 0:
                        due, busy_until = release_time(due, busy_until, len(chunk), rate, self.shape.rtt_s / 2)
                    queue.put_nowait((due, chunk))
                data = await reader.read(CHUNK)
        except OSError:
            pass
        finally:
            queue.put_nowait(None)
            await sender
