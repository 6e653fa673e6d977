"""The benchmark's protobuf messages: what the load generator sends and how it reads the answers."""

from __future__ import annotations

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import protocol
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
