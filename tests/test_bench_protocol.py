"""The benchmark's protobuf messages, what the load generator sends and reads, and the figures it derives."""

from __future__ import annotations

import math
import os

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import protocol, report, run, servers, wscost
from bench.client import Sample
from bench.loadgen import Scenario, SliceResult, merge
from bench.report import percentile


def test_rerun_round_trips_with_query_string_page_and_widgets() -> None:
    msg = protocol.build_rerun(
        "treatment=eco2&day=5", "recovery", "abc", [protocol.slider_state("w1", 6)], ["h1"], "http://x/recovery"
    )
    back = BackMsg()
    back.ParseFromString(msg.SerializeToString())
    state = back.rerun_script
    assert back.WhichOneof("type") == "rerun_script"
    assert (state.query_string, state.page_name, state.page_script_hash) == ("treatment=eco2&day=5", "recovery", "abc")
    assert list(state.widget_states.widgets[0].double_array_value.data) == [6.0]
    assert list(state.cached_message_hashes) == ["h1"]
    assert state.context_info.timezone == "UTC"


def test_button_click_is_a_trigger() -> None:
    state = protocol.trigger_state("b1")
    assert state.WhichOneof("value") == "trigger_value"
    assert state.trigger_value is True


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", ("", "")),
        ("/recovery?day=3", ("recovery", "day=3")),
        ("/compare?vs=eco2,nafl-1550", ("compare", "vs=eco2,nafl-1550")),
    ],
)
def test_split_url(url: str, expected: tuple[str, str]) -> None:
    assert protocol.split_url(url) == expected


def test_with_param_replaces_day_and_keeps_others() -> None:
    assert protocol.with_param("treatment=eco2&day=3", "day", "4") == "treatment=eco2&day=4"


def _fold(*messages: ForwardMsg) -> protocol.RunDigest:
    run = protocol.RunDigest()
    for msg in messages:
        data = msg.SerializeToString()
        protocol.digest(run, protocol.parse_forward(data), len(data))
    return run


def test_digest_counts_exceptions_and_finds_the_slider() -> None:
    error = ForwardMsg()
    error.delta.new_element.exception.type = "ValueError"
    slider = ForwardMsg()
    slider.delta.new_element.slider.id = "s1"
    slider.delta.new_element.slider.label = "Day since treatment"
    slider.delta.new_element.slider.default.append(0)
    slider.delta.new_element.slider.max = 30
    done = ForwardMsg(script_finished=ForwardMsg.FINISHED_SUCCESSFULLY)
    run = _fold(error, slider, done)
    assert run.finished and run.errors == 1
    found = protocol.find_widget(run.widgets.values(), "slider", ["day"])
    assert found is not None and found.id == "s1" and found.maximum == 30


def test_a_run_interrupted_for_a_rerun_is_not_finished() -> None:
    run = _fold(ForwardMsg(script_finished=ForwardMsg.FINISHED_EARLY_FOR_RERUN))
    assert not run.finished


def test_page_not_found_is_an_error() -> None:
    missing = ForwardMsg()
    missing.page_not_found.page_name = "nope"
    assert _fold(missing).errors == 1


def test_percentile_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile([7.0], 95)) == (50.0, 95.0, 7.0)


def test_cpu_seconds_read_from_proc_stat_even_with_odd_command_names() -> None:
    # pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    stat = "4242 (python3 (x) y) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 3 0"
    assert servers.parse_cpu_seconds(stat, 100) == 3.0
    assert servers.cpu_seconds(os.getpid()) > 0


def _slice(samples: list[Sample], cpu_s: float = float("nan"), wall_s: float = 1.0) -> SliceResult:
    return SliceResult("app", Scenario("s", "/"), 1, wall_s=wall_s, samples=samples, cpu_s=cpu_s)


def test_bytes_and_cpu_per_rerun_count_completed_runs_only() -> None:
    ok = [Sample("s", 0.1, 0, True, "", 3000, 1000), Sample("s", 0.1, 0, True, "", 1000, 500)]
    failed = Sample("s", 0.1, 1, False, "boom")
    result = _slice([*ok, failed], cpu_s=0.05)
    assert (result.payload_per_rerun, result.wire_per_rerun, result.cpu_ms_per_rerun) == (2000, 750, 25.0)
    empty = _slice([])
    assert all(math.isnan(v) for v in (empty.payload_per_rerun, empty.wire_per_rerun, empty.cpu_ms_per_rerun))


def test_merge_adds_up_slices() -> None:
    a = _slice([Sample("s", 0.1, 0, True, "", 100, 10)], cpu_s=0.01, wall_s=2.0)
    b = _slice([Sample("s", 0.3, 0, True, "", 300, 30)], cpu_s=0.03, wall_s=2.0)
    merged = merge([a, b])
    assert merged.seconds == [0.1, 0.3] and merged.wall_s == 4.0 and merged.throughput == 0.5
    assert merged.payload_per_rerun == 200 and merged.cpu_ms_per_rerun == pytest.approx(20.0)
    assert math.isnan(merge([_slice([])]).cpu_s)


def test_load_table_rows_carry_bytes_and_cpu() -> None:
    app = _slice([Sample("s", 0.05, 0, True, "", 30 * 1024, 10 * 1024)], cpu_s=0.02)
    floor = _slice([Sample("floor", 0.04, 0, True, "", 600, 100)], cpu_s=0.004)
    rows = run.level_rows(run.Level(1, [app], [floor]))
    assert all(len(row) == len(run.HEADER) for row in rows)
    assert rows[0][-3:] == ["30.0", "10.0", "20.0"] and rows[1][1] == "*floor*"


def _runs(name: str, url: str, count: int, seconds: float = 0.05, wire: int = 1024, step: bool = False) -> SliceResult:
    samples = [Sample(name, seconds, 0, True, "", 3 * wire, wire) for _ in range(count)]
    return SliceResult("app", Scenario(name, url, step), 1, wall_s=1.0, samples=samples)


def test_goals_are_the_issues_each_page_under_load_and_the_day_steps_bytes() -> None:
    floor = [_runs("floor", "/?day=0", 100, seconds=0.04)]
    one = run.Level(
        1,
        [_runs("/", "/", 20, seconds=0.05), _runs("/sources", "/sources", 20, seconds=0.07)],
        [_runs("floor", "/?day=0", 20, seconds=0.04)],
    )
    ten = run.Level(
        10,
        [
            _runs("/", "/", 36),
            _runs("/recovery?day=5", "/recovery?day=5", 34),
            _runs("/sources", "/sources", 49),
            _runs("day step", "/recovery", 60, step=True),
        ],
        floor,
    )
    twenty = run.Level(20, [_runs("day step", "/recovery", 51, wire=17 * 1024, step=True)], floor)
    lines = "\n".join(run.goals([one, ten, twenty]))
    assert "worst /sources 1.75× — **NOT met**" in lines  # 70 ms against the floor's 40
    assert "- / at 10 sessions, reruns/s ≥ 0.35× the floor's: 0.36× — **met**" in lines  # the lower bar
    assert "- /recovery?day=5 at 10 sessions, reruns/s ≥ 0.35× the floor's: 0.34× — **NOT met**" in lines
    assert "- /sources at 10 sessions, reruns/s ≥ 0.5× the floor's: 0.49× — **NOT met**" in lines
    assert "day step at 10 sessions" not in lines  # the day step's goal is at 20 sessions
    assert "day steps/s at 20 sessions ≥ 0.5× the floor's: 0.51× — **met**" in lines
    assert "at most 17.0 KiB on the wire (51.0 KiB payload) — **NOT met**" in lines
    assert "zero errors: 0 — **met**" in lines


def test_ws_compression_option_and_command_line() -> None:
    assert run.compression_options("config") == []
    assert run.compression_options("off") == ["server.enableWebsocketCompression=false"]
    args = run.parse_args(["--ws-compression", "off", "--sessions", "1"])
    assert "--ws-compression off" in run.command_line(args)
    assert "--ws-compression" not in run.command_line(run.parse_args([]))


def test_wscost_summary_compares_on_with_off() -> None:
    on = SliceResult(
        "on",
        wscost.STEP,
        10,
        wall_s=1.0,
        cpu_s=0.3,
        deflate=True,
        samples=[Sample("s", 0.2, 0, True, "", 30_000, 10_000)] * 20,
    )
    off = SliceResult(
        "off", wscost.STEP, 10, wall_s=1.0, cpu_s=0.25, samples=[Sample("s", 0.2, 0, True, "", 30_000, 30_100)] * 25
    )
    (line,) = wscost.summary([on, off])
    assert "0.33× the bytes" in line and "costs 5.0 ms of server CPU" in line and "0.80× the day steps" in line
    assert wscost.row(on)[1] == "on" and wscost.row(off)[1] == "off"
    assert "not as configured" in wscost.row(SliceResult("on", wscost.STEP, 1))[1]


def test_sections_keep_their_order(tmp_path) -> None:
    doc = tmp_path / "b.md"
    for name in ("phone", "run", "wscost", "browser"):
        report.write_section(name, f"## {name}\n", doc)
    text = doc.read_text()
    order = [text.index(f"<!-- bench:{n} -->") for n in ("machine", "run", "wscost", "browser", "phone")]
    assert order == sorted(order)
