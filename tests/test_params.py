"""parse_view: every URL parameter with good and bad values; problems never echo what was typed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dashboard.dates import date_limits
from dashboard.params import DEFAULT_INTERVAL, DEFAULT_VS, MAX_VALUE_LENGTH, View, parse_view

TREATMENTS = {"eco2": 90, "co2-full": 180, "nafl-1550": 42, "nafl-1927": 42}
TODAY = date(2026, 3, 10)
SCRIPT = "<script>alert(1)</script>"


def parse(**params: object) -> tuple[View, list[str]]:
    return parse_view(params, TREATMENTS, TODAY)


def test_no_parameters_give_the_defaults() -> None:
    assert parse() == (View(), [])


GOOD = [
    ({"treatment": "co2-full"}, "treatment", "co2-full"),
    ({"treatment": " nafl-1927 "}, "treatment", "nafl-1927"),
    ({"day": "0"}, "day", 0),
    ({"day": "4"}, "day", 4),
    ({"day": "90"}, "day", 90),
    ({"treatment": "co2-full", "day": "180"}, "day", 180),
    ({"start": "2026-03-06"}, "start", date(2026, 3, 6)),
    ({"area": "neck"}, "area", "neck"),
    ({"area": "hands"}, "area", "hands"),
    ({"intensity": "deep"}, "intensity", "deep"),
    ({"phototype": "1"}, "phototype", 1),
    ({"phototype": "6"}, "phototype", 6),
    ({"vs": "co2-full,nafl-1927"}, "vs", ("co2-full", "nafl-1927")),
    ({"vs": "eco2, co2-full ,nafl-1550,nafl-1927"}, "vs", ("eco2", "co2-full", "nafl-1550", "nafl-1927")),
    ({"interval": "5"}, "interval", 5),
    ({"interval": "300"}, "interval", 300),
    ({"sessions": "3"}, "sessions", 3),
    ({"sessions": "12"}, "sessions", 12),
    ({"compare": "nafl-1550"}, "compare", "nafl-1550"),
    ({"treatment": "nafl-1550", "compare": "nafl-1550"}, "compare", None),  # the plan's own course: nothing beside it
    ({"day": ["7"]}, "day", 7),
    ({"unknown": "x"}, "treatment", "eco2"),  # unknown parameters are ignored
]


@pytest.mark.parametrize(("params", "field_name", "value"), GOOD, ids=[str(p) for p, _, _ in GOOD])
def test_good_values(params: dict, field_name: str, value: object) -> None:
    view, problems = parse(**params)
    assert getattr(view, field_name) == value
    assert problems == []


BAD = [
    # (params, field, value shown, words in the one notice)
    ({"treatment": "eco3"}, "treatment", "eco2", ["'treatment'", "not a treatment we know", "'eco2'"]),
    ({"treatment": "ECO2"}, "treatment", "eco2", ["'treatment'"]),
    ({"day": "abc"}, "day", 0, ["'day'", "not a whole number", "day 0"]),
    ({"day": "-3"}, "day", 0, ["'day'", "outside 0 to 90", "nearest day"]),
    ({"day": "91"}, "day", 90, ["'day'", "outside 0 to 90"]),
    ({"day": "99999999999"}, "day", 0, ["'day'", "not a whole number"]),
    ({"day": "4.5"}, "day", 0, ["'day'", "not a whole number"]),
    ({"day": "1e3"}, "day", 0, ["'day'"]),
    ({"day": "٣"}, "day", 0, ["'day'", "not a whole number"]),  # digits other than 0-9 are not accepted
    ({"treatment": "nafl-1550", "day": "60"}, "day", 42, ["outside 0 to 42"]),
    ({"start": "06/03/2026"}, "start", None, ["'start'", "not a date like 2026-01-31", "ignored"]),
    ({"start": "2026-02-30"}, "start", None, ["'start'", "not a date"]),
    ({"start": "2026-3-6"}, "start", None, ["'start'"]),
    ({"start": "２０２６-03-06"}, "start", None, ["'start'"]),
    ({"area": "back"}, "area", "face", ["'area'", "face, neck, chest, hands", "showing face"]),
    ({"intensity": "max"}, "intensity", "standard", ["'intensity'", "showing standard"]),
    ({"phototype": "7"}, "phototype", None, ["'phototype'", "1 to 6"]),
    ({"phototype": "0"}, "phototype", None, ["'phototype'"]),
    ({"phototype": "III"}, "phototype", None, ["'phototype'"]),
    ({"interval": "4"}, "interval", DEFAULT_INTERVAL, ["'interval'", "outside 5 to 300", "showing 20"]),
    ({"interval": "301"}, "interval", DEFAULT_INTERVAL, ["'interval'"]),
    ({"interval": "fast"}, "interval", DEFAULT_INTERVAL, ["'interval'", "not a whole number"]),
    ({"sessions": "0"}, "sessions", None, ["'sessions'", "1 to 12"]),
    ({"sessions": "13"}, "sessions", None, ["'sessions'"]),
    ({"sessions": "two"}, "sessions", None, ["'sessions'"]),
    ({"compare": "laser-9000"}, "compare", None, ["'compare'", "not a treatment we know"]),
]


@pytest.mark.parametrize(("params", "field_name", "value", "words"), BAD, ids=[str(p) for p, *_ in BAD])
def test_bad_values_fall_back_with_one_notice(params: dict, field_name: str, value: object, words: list[str]) -> None:
    view, problems = parse(**params)
    assert getattr(view, field_name) == value
    assert len(problems) == 1, problems
    for word in words:
        assert word in problems[0]


@pytest.mark.parametrize(
    "key", ["treatment", "day", "start", "area", "intensity", "phototype", "vs", "interval", "sessions", "compare"]
)
@pytest.mark.parametrize(
    "value",
    [
        SCRIPT,
        '"><img src=x onerror=alert(1)>',
        "javascript:alert(1)",
        "x" * (MAX_VALUE_LENGTH + 1),
        "eco2\n<b>",
        "%3Cscript%3E",
    ],
)
def test_hostile_values_are_never_echoed(key: str, value: str) -> None:
    view, problems = parse(**{key: value})
    assert problems, "a hostile value must be reported"
    text = " ".join(problems)
    for fragment in ("<", ">", "script", "alert", "onerror", "xxxxxxxx", "javascript", "%3C"):
        assert fragment not in text
    assert f"'{key}'" in text
    assert view.treatment in TREATMENTS


@pytest.mark.parametrize("length", [MAX_VALUE_LENGTH + 1, 10_000, 1_000_000])
def test_very_long_values_are_ignored(length: int) -> None:
    view, problems = parse(treatment="e" * length, day="1" * length)
    assert (view.treatment, view.day) == ("eco2", 0)
    assert problems == [
        "The link's 'treatment' value is too long; it was ignored.",
        "The link's 'day' value is too long; it was ignored.",
    ]


def test_repeated_keys_use_the_first_value() -> None:
    view, problems = parse(treatment=["co2-full", "eco2"], day=["3", "5"])
    assert (view.treatment, view.day) == ("co2-full", 3)
    assert problems == [
        "'treatment' was given more than once; the first value is used.",
        "'day' was given more than once; the first value is used.",
    ]


def test_repeated_key_with_a_bad_first_value() -> None:
    view, problems = parse(area=["back", "neck"])
    assert view.area == "face"
    assert len(problems) == 2


@pytest.mark.parametrize("value", ["", "   ", [], [""]])
def test_empty_values_are_not_given(value: object) -> None:
    assert parse(day=value, treatment=value) == (View(), [])


# start + day: with a start date the day is today's day number, unless the link also names a day.
START = [
    ({"start": "2026-03-10"}, 0, 0, []),
    ({"start": "2026-03-06"}, 4, 4, []),
    ({"start": "2026-03-06", "day": "9"}, 9, 4, []),
    ({"start": "2026-03-06", "day": "0"}, 0, 4, []),
    ({"start": "2026-03-06", "day": "abc"}, 4, 4, ["'day'", "showing day 4"]),
    ({"start": "2026-03-06", "day": "500"}, 90, 4, ["'day'", "outside 0 to 90"]),
    ({"start": "2026-03-20"}, 0, 0, ["in the future", "day 0"]),
    ({"start": "2025-01-01"}, 90, 90, ["more than 90 days ago", "last day"]),
    ({"start": "2025-12-31", "treatment": "nafl-1550"}, 42, 42, ["more than 42 days ago"]),
    ({"start": "2026-03-06", "treatment": "nafl-1550"}, 4, 4, []),
]


@pytest.mark.parametrize(("params", "day", "start_day", "words"), START, ids=[str(p) for p, *_ in START])
def test_start_and_day(params: dict, day: int, start_day: int, words: list[str]) -> None:
    view, problems = parse(**params)
    assert (view.day, view.start_day) == (day, start_day)
    assert len(problems) == (1 if words else 0), problems
    for word in words:
        assert word in problems[0]


@pytest.mark.parametrize(
    ("start", "accepted", "why"),
    [
        (TODAY - timedelta(days=730), True, None),  # the earliest date the date controls offer
        (TODAY - timedelta(days=731), False, "is more than 2 years ago"),
        (TODAY + timedelta(days=365), True, None),  # the latest date the date controls offer
        (TODAY + timedelta(days=366), False, "is more than 1 year ahead"),
        (date(1999, 1, 1), False, "is more than 2 years ago"),
        (date(9999, 12, 31), False, "is more than 1 year ahead"),
    ],
)
def test_start_within_the_date_limits_of_every_control(start: date, accepted: bool, why: str | None) -> None:
    view, problems = parse_view({"start": start.isoformat()}, TREATMENTS, TODAY)
    limits = date_limits(TODAY)
    assert (view.start == start) is accepted
    assert (limits.earliest <= start <= limits.latest) is accepted
    if not accepted:
        assert view.start is None and view.day == 0
        assert problems == [f"The link's 'start' value {why}; it was ignored."]


VS = [
    ({"vs": "eco2,eco3"}, DEFAULT_VS, ["not ones we know", "at least two"]),
    ({"vs": "eco2,co2-full,bogus"}, ("eco2", "co2-full"), ["not ones we know"]),
    ({"vs": "eco2,eco2"}, DEFAULT_VS, ["more than once", "at least two"]),
    ({"vs": "eco2,co2-full,eco2"}, ("eco2", "co2-full"), ["more than once"]),
    ({"vs": "eco2"}, DEFAULT_VS, ["at least two"]),
    ({"vs": ","}, DEFAULT_VS, ["at least two"]),
    ({"vs": SCRIPT}, DEFAULT_VS, ["not ones we know", "at least two"]),
]


@pytest.mark.parametrize(("params", "vs", "words"), VS, ids=[str(p) for p, *_ in VS])
def test_vs_lists(params: dict, vs: tuple[str, ...], words: list[str]) -> None:
    view, problems = parse(**params)
    assert view.vs == vs
    assert len(problems) == len(words), problems
    for word, problem in zip(words, problems, strict=True):
        assert word in problem


def test_vs_too_many() -> None:
    many = {f"t{i}": 42 for i in range(6)}
    view, problems = parse_view({"vs": ",".join(many)}, many, TODAY)
    assert view.vs == ("t0", "t1", "t2", "t3")
    assert problems == ["At most 4 treatments can be compared; the first 4 are shown."]


def test_defaults_follow_the_data() -> None:
    view, problems = parse_view({}, {"nafl-1927": 42, "co2-full": 180}, TODAY)
    assert view.treatment == "nafl-1927"
    assert view.vs == ("nafl-1927", "co2-full")
    assert problems == []


QUERY = [
    (View(), ["treatment", "day", "start", "area", "intensity", "phototype", "vs", "interval", "sessions"], {}),
    (
        View(
            treatment="co2-full",
            day=5,
            area="neck",
            intensity="deep",
            phototype=4,
            vs=("eco2", "co2-full"),
            interval=30,
            sessions=3,
        ),
        ["treatment", "day", "area", "intensity", "phototype", "vs", "interval", "sessions"],
        {
            "treatment": "co2-full",
            "day": "5",
            "area": "neck",
            "intensity": "deep",
            "phototype": "4",
            "vs": "eco2,co2-full",
            "interval": "30",
            "sessions": "3",
        },
    ),
    (View(day=5, area="neck"), ["day"], {"day": "5"}),
    (View(day=4, start=date(2026, 3, 6), start_day=4), ["day", "start"], {"start": "2026-03-06"}),
    (View(day=0, start=date(2026, 3, 6), start_day=4), ["day", "start"], {"day": "0", "start": "2026-03-06"}),
]


@pytest.mark.parametrize(("view", "keys", "query"), QUERY)
def test_view_query(view: View, keys: list[str], query: dict[str, str]) -> None:
    assert view.query(keys) == query


@pytest.mark.parametrize(
    "params",
    [
        {
            "treatment": "co2-full",
            "day": "12",
            "area": "chest",
            "intensity": "light",
            "phototype": "5",
            "vs": "eco2,nafl-1927",
            "interval": "45",
            "sessions": "2",
        },
        {"start": "2026-03-06", "day": "2"},
        {"start": "2026-03-06"},
        {"treatment": "eco2", "start": "2026-03-06", "sessions": "2", "compare": "nafl-1550"},
    ],
)
def test_query_round_trips(params: dict[str, str]) -> None:
    view, problems = parse(**params)
    assert problems == []
    assert parse(**view.query(params)) == (view, [])
