"""The phone benchmark's arithmetic: websocket bytes on the wire, the shaped link, and the report it writes."""

from __future__ import annotations

import argparse
import asyncio
import http.server
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import date

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.server import serve
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory
from websockets.frames import Frame, Opcode

from bench import link, phone
from bench.client import BrowserlessSession

# What uvicorn offers for Streamlit's websocket when server.enableWebsocketCompression is on.
UVICORN_DEFLATE = {"server_max_window_bits": 12, "client_max_window_bits": 12, "compress_settings": {"memLevel": 5}}


def _messages() -> list[bytes]:
    """ForwardMsgs like a day step's: similar deltas one after another, then script_finished."""
    out = []
    for day in range(5):
        msg = ForwardMsg()
        msg.delta.new_element.markdown.body = f"Day {day}: " + "redness and swelling are expected; " * (20 + day)
        out.append(msg.SerializeToString())
    out.append(ForwardMsg(script_finished=ForwardMsg.FINISHED_SUCCESSFULLY).SerializeToString())
    return out


def test_deflate_window_from_the_handshake() -> None:
    assert phone.deflate_window("permessage-deflate; server_max_window_bits=12; client_max_window_bits=12") == 12
    assert phone.deflate_window("permessage-deflate") == 15
    assert phone.deflate_window("") is None


def test_frame_header_sizes() -> None:
    assert [phone.frame_header(n) for n in (0, 125, 126, 65535, 65536)] == [2, 2, 4, 4, 10]


def test_estimate_matches_the_servers_own_deflate() -> None:
    from websockets.extensions.permessage_deflate import PerMessageDeflate

    server = PerMessageDeflate(False, False, 12, 12, {"memLevel": 5})  # context kept between messages
    estimate = phone.Deflater(12)
    for payload in _messages():
        sent = server.encode(Frame(Opcode.BINARY, payload))
        assert estimate.wire_size(payload) == phone.frame_header(len(sent.data)) + len(sent.data)


def test_uncompressed_connection_is_header_plus_payload() -> None:
    assert phone.Deflater(None).wire_size(b"x" * 200) == 4 + 200


async def _fake_streamlit(compress: bool) -> tuple[int, list[int], object]:
    """A websocket server that answers any message with a day step's ForwardMsgs, compressed like uvicorn."""
    sizes: list[int] = []

    async def handler(ws) -> None:
        async for _ in ws:
            for data in _messages():
                sizes.append(len(data))
                await ws.send(data)

    extensions = [ServerPerMessageDeflateFactory(**UVICORN_DEFLATE)] if compress else []
    server = await serve(handler, "127.0.0.1", 0, extensions=extensions, compression=None)
    return server.sockets[0].getsockname()[1], sizes, server


@pytest.mark.parametrize("compress", [True, False])
def test_session_counts_payload_and_wire_bytes(compress: bool) -> None:
    async def scenario():
        port, sizes, server = await _fake_streamlit(compress)
        session = BrowserlessSession("127.0.0.1", port)
        await session.connect()
        sample = await session.open("/recovery?day=4")
        deflate = session.deflate
        await session.close()
        server.close()
        return sample, sizes, deflate

    sample, sizes, deflate = asyncio.run(scenario())
    estimate = phone.Deflater(12 if compress else None)
    expected = sum(estimate.wire_size(m) for m in _messages())
    assert sample.ok and deflate is compress
    assert sample.payload_bytes == sum(sizes)
    assert sample.wire_bytes == expected
    assert (sample.wire_bytes < sample.payload_bytes / 3) is compress


def test_release_time_paces_and_delays() -> None:
    due, busy = link.release_time(10.0, 0.0, 20_000, 200_000, 0.075)
    assert (busy, due) == pytest.approx((10.1, 10.175))
    due, busy = link.release_time(10.05, busy, 20_000, 200_000, 0.075)  # queued behind the first chunk
    assert (busy, due) == pytest.approx((10.2, 10.275))


def test_only_the_websocket_is_shaped() -> None:
    assert link.is_websocket_request(b"GET /_stcore/stream HTTP/1.1\r\nUpgrade: websocket\r\n")
    assert link.is_websocket_request(b"GET /base/_stcore/stream HTTP/1.1\r\n")
    assert not link.is_websocket_request(b"GET /static/js/index.js HTTP/1.1\r\nReferer: /_stcore/stream\r\n")


class _Body(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = b"x" * 50_000
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def http_port() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Body)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def test_link_slows_the_websocket_connection_only(http_port: int) -> None:
    with link.Link(http_port, link.Shape(0.2, 100_000, 50_000)) as relay:
        start = time.perf_counter()
        assert len(urllib.request.urlopen(relay.url + "/static/x", timeout=10).read()) == 50_000
        plain = time.perf_counter() - start
        start = time.perf_counter()
        assert len(urllib.request.urlopen(relay.url + "/_stcore/stream", timeout=10).read()) == 50_000
        shaped = time.perf_counter() - start
    assert plain < 0.3 and shaped >= 0.2 + 50_000 / 100_000
    assert relay.counters.ws_connections == 1 and 50_000 < relay.counters.ws_down < 50_300


def _measured(
    cold: float, repeat: float, steps: list[float], payload: int = 30_000, wire: int = 10_000, drawn_after: float = 0.7
):
    """Visits whose day heading shows 0.2 s before the run ends; everything drawn after the heading: 5 s on the
    first visit, ``drawn_after`` on the repeat."""
    return phone.Measured([phone.Visit(cold, 1_600_000, cold + 4.8, cold - 0.2)],
                          [phone.Visit(repeat, 5_000, repeat - 0.2 + drawn_after, repeat - 0.2)],
                          [phone.Step(s, payload, wire, wire) for s in steps])  # fmt: skip


def test_table_and_goals() -> None:
    app, floor = _measured(7.0, 3.5, [0.3, 0.35, 1.4]), _measured(6.0, 3.0, [0.2], 600, 80)
    row = phone.summarise("/recovery?treatment=eco2&day=4", app, floor)
    cells = phone.cells(row)
    assert len(cells) == len(phone.HEADER)
    assert cells[1] == "6.80 / 5.80 / 1.17×" and cells[2] == "3.30 / 2.80 / 1.18×"
    assert cells[3] == "7.00 / 3.50 (6.00 / 3.00)" and cells[4] == "11.80 / 4.00" and cells[5] == "0.35 / 0.20"
    assert cells[6] == "–" and cells[8] == "29.3 / 9.8"  # no chart waited for a scroll
    goals = phone.goals(row)
    assert "".join(goals).count("**met**") == 4, goals
    assert "0.70 s" in goals[2] and "everything drawn" in goals[2]
    app.chart, app.chart_steps = [0.8, 1.6, 0.9], [phone.Step(0.5, 1, 1, 1)]  # a chart drawn after a scroll to it
    waited = phone.summarise("/recovery?treatment=eco2&day=4", app, floor)
    assert phone.cells(waited)[6] == "0.90; 0.50"
    goals = phone.goals(waited)
    assert "everything but the chart drawn" in goals[2]
    assert goals[4].endswith("0.90 s — **met**") and goals[5].endswith("0.50 s — **NOT met**")
    slow = phone.goals(phone.summarise("/recovery", _measured(9.0, 5.0, [2.0], drawn_after=1.5), floor))
    assert [line.endswith("**NOT met**") for line in slow] == [True, True, True, True]
    no_step = phone.cells(phone.summarise("/", _measured(5.0, 2.0, []), floor))
    assert no_step[5] == "–" and no_step[8] == "–"
    never = phone.Measured([phone.Visit(5.0, 1)], [phone.Visit(2.0, 1)])
    assert phone.cells(phone.summarise("/", never, floor))[4] == "– / –"
    alone = phone.cells(phone.floor_row([floor, floor]))
    assert alone[0].startswith("*floor*") and alone[1] == "5.80" and alone[3] == "6.00 / 3.00"


def test_patient_link_carries_a_date() -> None:
    today = date(2026, 12, 7)
    assert phone.dated("/recovery?treatment=eco2&start=today-2", today) == "/recovery?treatment=eco2&start=2026-12-05"
    assert phone.dated("/collagen", today) == "/collagen"


def test_command_line_round_trip() -> None:
    args = phone.parse_args(["--runs", "1", "--pages", "/collagen", "--compare-off", "--via-nginx"])
    assert phone.command_line(args) == (
        "python -m bench.phone --runs 1 --steps 3 --pages '/collagen' --compare-off --via-nginx"
    )
    assert (
        phone.command_line(
            argparse.Namespace(runs=3, steps=3, pages=list(phone.DEFAULT_PAGES), compare_off=False, via_nginx=False)
        )
        == "python -m bench.phone --runs 3 --steps 3"
    )


def test_phone_user_agent_is_mobile_chrome() -> None:
    agent = phone.phone_user_agent("156.0.8078.73")
    assert "Mobile" in agent and "Chrome/156.0.0.0" in agent and "Android" in agent
