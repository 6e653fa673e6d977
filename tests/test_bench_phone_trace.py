"""The phone trace's arithmetic: self time per kind of work, clipped to a window, and script time per bundle."""

import pytest

from bench.phone_trace import kind_of, navigation_start, script_by_bundle, self_times


def _x(name: str, ts: float, dur: float, **data: str) -> dict:
    return {"ph": "X", "name": name, "ts": ts, "dur": dur, "pid": 1, "tid": 1, "args": {"data": data}}


def test_a_child_takes_its_time_from_its_parent_and_gaps_are_waiting() -> None:
    # 0..1000 µs: a task of script (FunctionCall 100..700) holding a layout (300..400); nothing after 700
    events = [_x("RunTask", 100, 600), _x("FunctionCall", 100, 600), _x("Layout", 300, 100)]
    kinds = self_times(events, 0, 1000)
    assert kinds["script, run"] == pytest.approx(500e-6)
    assert kinds["layout"] == pytest.approx(100e-6)
    assert kinds["waiting"] == pytest.approx(400e-6)  # 0..100 and 700..1000: RunTask alone names no work
    assert sum(kinds.values()) == pytest.approx(1000e-6)


def test_the_window_clips_events_that_start_before_or_end_after_it() -> None:
    events = [_x("Paint", 0, 300), _x("UpdateLayoutTree", 800, 400)]
    kinds = self_times(events, 100, 1000)
    assert kinds["paint"] == pytest.approx(200e-6)
    assert kinds["style"] == pytest.approx(200e-6)
    assert sum(kinds.values()) == pytest.approx(900e-6)


def test_compile_nested_in_a_call_counts_as_compile() -> None:
    events = [_x("FunctionCall", 0, 1000), _x("v8.compile", 200, 300)]
    kinds = self_times(events, 0, 1000)
    assert kinds["script, compile"] == pytest.approx(300e-6)
    assert kinds["script, run"] == pytest.approx(700e-6)


def test_kinds_are_known_by_name_and_containers_are_not() -> None:
    assert kind_of("EvaluateScript") == "script, compile"
    assert kind_of("FunctionCall") == "script, run"
    assert kind_of("RunTask") is None and kind_of("ThreadControllerImpl::RunTask") is None


def test_script_time_goes_to_the_bundle_named_without_its_hash() -> None:
    events = [
        _x("FunctionCall", 10, 500, url="http://x/static/js/react-dom.Dzbslgj4.js"),
        _x("EvaluateScript", 600, 200, url="http://x/static/js/react-dom.Dzbslgj4.js"),
        _x("FunctionCall", 900, 100),
        _x("FunctionCall", 5000, 100, url="http://x/late.js"),
    ]
    bundles = script_by_bundle(events, 0, 1000)
    assert bundles == {"react-dom.js": pytest.approx(700e-6), "(inline)": pytest.approx(100e-6)}


def test_the_window_starts_at_the_main_frames_navigation_to_the_page() -> None:
    # Chromium marks an about:blank first and the page's own frames later; the page's clock starts at its own one.
    def nav(ts: float, url: str, main: bool = True) -> dict:
        return {
            "ph": "R",
            "name": "navigationStart",
            "ts": ts,
            "pid": 1,
            "tid": 1,
            "args": {"data": {"documentLoaderURL": url, "isLoadingMainFrame": main}},
        }

    events = [
        nav(10, "about:blank"),
        nav(20, "http://127.0.0.1:1/recovery?day=2"),
        nav(30, ""),
        nav(40, "http://127.0.0.1:1/recovery?x", main=False),
    ]
    assert navigation_start(events, "/recovery") == 20
    with pytest.raises(RuntimeError):
        navigation_start(events, "/collagen")
