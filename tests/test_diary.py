"""The diary's pure parts (dashboard/diary.py, dashboard/charts/diary.py, dashboard/exports/diary_pdf.py): what the
browser stores is read back only in the shape this app writes, old courses go, each entry answers as the self-check
does for its day and its person, and the chart and the PDF show what was kept."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from test_clinical_cases import CASES, _allowed, _ticked

from dashboard.charts.diary import OWN, SIGNS, build_diary_spec, describe_diary, diary_last_day
from dashboard.charts.recovery import CURVES, PANELS, curve_points
from dashboard.diary import (
    KEEP_DAYS_AFTER_HORIZON,
    MAX_ITEM_CHARS,
    MAX_ITEMS,
    MAX_NOTE,
    build_view,
    can_keep,
    expires_on,
    read_stored,
    storage_key,
    stored_entry,
)
from dashboard.exports.diary_pdf import build_diary_pdf
from dashboard.i18n import set_language
from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.recovery import Personal, apply_modifiers
from dashboard.selfcheck import check_day, overall
from dashboard.texts.diary import entry_markdown, reading_notices

DATA = load_dataset(DEFAULT_DATA_DIR)
T = DATA.treatment("eco2")
TODAY = date(2026, 12, 7)
START = TODAY - timedelta(days=8)
KEY = storage_key("eco2", START)


@pytest.fixture(autouse=True)
def _english_after() -> Any:
    yield
    set_language("en")


def entry(
    day: int,
    levels: dict[str, int] | None = None,
    signs: tuple[str, ...] = (),
    note: str = "",
    person: Personal | None = None,
    t: Any = T,
) -> dict[str, Any]:
    """An entry as the keep control stores it: the server's part, and the note the browser adds."""
    return stored_entry(t, day, levels or {}, signs, person or Personal()) | {"note": note}


def item(*entries: dict[str, Any], treatment: str = "eco2", start: date = START) -> str:
    return json.dumps({"v": 1, "treatment": treatment, "start": start.isoformat(), "entries": list(entries)})


def payload(items: dict[str, object], **extra: object) -> dict[str, object]:
    return {"status": "ok", "action": "load", "items": items} | extra


def read(items: dict[str, object], today: date = TODAY, **extra: object):
    return read_stored(payload(items, **extra), DATA.treatments, today)


# --- What is stored, and read back -------------------------------------------------------------------------------


def test_what_is_kept_reads_back_as_it_was_kept() -> None:
    kept = entry(4, {"redness": 2, "crusting": 1}, ("infection",), "Used the cream twice", Personal("neck", "deep", 4))
    reading = read({KEY: item(entry(3, {"redness": 3}), kept)})
    assert reading.unreadable == 0 and not reading.expired and reading.status == "ok"
    (diary,) = reading.diaries
    assert (diary.treatment, diary.start, [e.day for e in diary.entries]) == ("eco2", START, [3, 4])
    four = diary.entries[1]
    assert four.level("redness") == 2 and four.level("crusting") == 1 and four.level("swelling") == 0
    assert four.signs == ("infection",) and four.note == "Used the cream twice"
    assert four.person == Personal("neck", "deep", 4)
    assert dict(four.levels).keys() == {s.id for s in T.symptoms}  # every symptom is recorded, 'none' included


def test_stored_entry_keeps_only_what_the_treatment_knows() -> None:
    stored = stored_entry(T, 4, {"redness": 9, "swelling": -2}, ["infection", "no-such-sign", "infection"], Personal())
    assert stored["levels"]["redness"] == 3 and stored["levels"]["swelling"] == 0
    assert stored["signs"] == ["infection"]
    assert set(stored) == {"day", "levels", "signs", "area", "intensity", "phototype"}  # the browser adds the note


def test_a_day_kept_twice_reads_as_the_later_one() -> None:
    reading = read({KEY: item(entry(4, {"redness": 1}), entry(4, {"redness": 3}))})
    assert [e.level("redness") for e in reading.diaries[0].entries] == [3]


def test_diaries_come_newest_treatment_date_first() -> None:
    older = START - timedelta(days=20)
    reading = read(
        {
            KEY: item(entry(1)),
            storage_key("nafl-1550", older): item(
                entry(2, t=DATA.treatment("nafl-1550")), treatment="nafl-1550", start=older
            ),
        }
    )
    assert [(d.treatment, d.start) for d in reading.diaries] == [("eco2", START), ("nafl-1550", older)]


# Each: an entry changed as someone editing their own storage might; every one is refused, the others still read.
HOSTILE_ENTRIES = {
    "day as text": {"day": "3"},
    "day as a float": {"day": 3.0},
    "day as true": {"day": True},
    "day past the horizon": {"day": 91},
    "negative day": {"day": -1},
    "level as text": {"levels": {"redness": "2"}},
    "level above marked": {"levels": {"redness": 4}},
    "level below none": {"levels": {"redness": -1}},
    "level as true": {"levels": {"redness": True}},
    "unknown symptom": {"levels": {"redness": 1, "<script>": 1}},
    "levels as a list": {"levels": [1, 2]},
    "unknown sign": {"signs": ["infection", "<img src=x onerror=alert(1)>"]},
    "sign not text": {"signs": [{"id": "infection"}]},
    "signs as text": {"signs": "infection"},
    "too many signs": {"signs": ["infection"] * 11},
    "note too long": {"note": "x" * (MAX_NOTE + 1)},
    "note as a number": {"note": 5},
    "note with a NUL": {"note": "a\x00b"},
    "unknown area": {"area": "<b>face</b>"},
    "unknown strength": {"intensity": "max"},
    "skin type 7": {"phototype": 7},
    "skin type as text": {"phototype": "4"},
    "skin type as true": {"phototype": True},
    "an extra field": {"script": "<script>alert(1)</script>"},
}


@pytest.mark.parametrize("change", HOSTILE_ENTRIES.values(), ids=HOSTILE_ENTRIES.keys())
def test_an_entry_not_in_the_shape_this_app_writes_is_refused(change: dict[str, Any]) -> None:
    bad = entry(5, {"redness": 1}) | change
    reading = read({KEY: item(entry(4, {"redness": 2}), bad)})
    assert reading.unreadable == 1
    assert [e.day for e in reading.diaries[0].entries] == [4]


def test_an_entry_missing_a_field_is_refused() -> None:
    for field in ("day", "levels", "signs", "note", "area", "intensity", "phototype"):
        bad = entry(5)
        del bad[field]
        assert read({KEY: item(entry(4), bad)}).unreadable == 1, field


HOSTILE_ITEMS: dict[str, tuple[object, object]] = {
    "not JSON": (KEY, "{not json"),
    "a JSON list": (KEY, "[1, 2, 3]"),
    "a JSON string": (KEY, '"<script>alert(1)</script>"'),
    "a number": (KEY, 12),
    "nothing (too large to send)": (KEY, None),
    "too large": (KEY, json.dumps({"v": 1, "pad": "x" * MAX_ITEM_CHARS})),
    "deeply nested": (KEY, "[" * 100_000 + "]" * 100_000),
    "another format": (KEY, json.dumps({"v": 2, "treatment": "eco2", "start": START.isoformat(), "entries": []})),
    "format as true": (KEY, json.dumps({"v": True, "treatment": "eco2", "start": START.isoformat(), "entries": []})),
    "another treatment inside": (KEY, item(entry(1), treatment="co2-full")),
    "another date inside": (KEY, item(entry(1), start=START - timedelta(days=1))),
    "an extra field": (
        KEY,
        json.dumps({"v": 1, "treatment": "eco2", "start": START.isoformat(), "entries": [], "x": 1}),
    ),
    "entries not a list": (
        KEY,
        json.dumps({"v": 1, "treatment": "eco2", "start": START.isoformat(), "entries": {"1": {}}}),
    ),
    "more entries than days": (KEY, item(*[entry(1)] * (T.horizon_days + 2))),
    "an unknown treatment": (storage_key("laser-9000", START), item(entry(1), treatment="laser-9000")),
    "a key with HTML": ("recovery-diary:v1:<img src=x onerror=alert(1)>:2026-01-01", item(entry(1))),
    "a date that does not exist": ("recovery-diary:v1:eco2:2026-02-30", item(entry(1))),
    "a date in other digits": ("recovery-diary:v1:eco2:٢٠٢٦-١٢-٠١", item(entry(1))),
}


@pytest.mark.parametrize(("key", "raw"), HOSTILE_ITEMS.values(), ids=HOSTILE_ITEMS.keys())
def test_an_item_not_in_the_shape_this_app_writes_is_refused(key: object, raw: object) -> None:
    reading = read(
        {key: raw, storage_key("eco2", START - timedelta(days=1)): item(entry(2), start=START - timedelta(days=1))}
    )
    assert reading.unreadable == 1
    assert [d.start for d in reading.diaries] == [START - timedelta(days=1)]  # the good one still reads


@pytest.mark.parametrize(
    "sent",
    [
        None,
        "x",
        5,
        [],
        {"items": "x"},
        {"items": [1]},
        {"status": "<b>", "items": {}},
        {"action": "drop-tables", "items": {}},
        {"items": {5: "x"}},
    ],
)
def test_whatever_the_browser_sends_is_read_without_an_error(sent: object) -> None:
    reading = read_stored(sent, DATA.treatments, TODAY)
    assert reading.diaries == () and reading.status in ("ok", "unknown") and reading.action == "load"


def test_items_past_the_limit_are_counted_not_read() -> None:
    items = {
        storage_key("eco2", START - timedelta(days=i)): item(entry(0), start=START - timedelta(days=i))
        for i in range(MAX_ITEMS + 3)
    }
    reading = read(items, more=2)
    assert len(reading.diaries) == MAX_ITEMS and reading.unreadable == 3 + 2


def test_the_storage_status_is_read() -> None:
    assert read({}, status="blocked").status == "blocked"
    assert read_stored({"status": "blocked", "items": {}}, DATA.treatments, TODAY).diaries == ()
    notice = " ".join(reading_notices(read({}, status="blocked")))
    assert "does not let this page keep anything" in notice and "still works" in notice


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(raw=JSON, entry_change=st.dictionaries(st.sampled_from(sorted(entry(1))), JSON, max_size=3))
def test_any_stored_value_reads_without_an_error(raw: object, entry_change: dict[str, Any]) -> None:
    reading = read(
        {
            KEY: raw if isinstance(raw, str) else json.dumps(raw),
            storage_key("eco2", START - timedelta(days=1)): item(
                entry(1) | entry_change, start=START - timedelta(days=1)
            ),
        }
    )
    for d in reading.diaries:
        for e in d.entries:
            assert 0 <= e.day <= T.horizon_days and all(0 <= v <= 3 for _s, v in e.levels)


def test_html_in_a_note_stays_text_on_the_page() -> None:
    note = '<img src=x onerror="window.__pwned=1"> **bold** [link](javascript:alert(1))'
    view = build_view(read({KEY: item(entry(4, {"redness": 1}, note=note))}).diaries[0], T)
    body = entry_markdown(view.rows[0], T, DATA.clinic)
    assert '\\<img src=x onerror="window.\\_\\_pwned=1"\\>' in body
    assert "\\*\\*bold\\*\\*" in body and "\\[link\\](javascript:alert(1))" in body


# --- What goes, by itself ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_a_course_goes_30_days_after_the_last_day_of_its_timeline(treatment: str) -> None:
    t = DATA.treatment(treatment)
    start = TODAY - timedelta(days=t.horizon_days + KEEP_DAYS_AFTER_HORIZON)
    key = storage_key(treatment, start)
    stored = {key: item(entry(0, t=t), entry(3, t=t), treatment=treatment, start=start)}
    kept = read(stored)  # the last day kept: horizon plus 30 days after the treatment date
    assert [d.start for d in kept.diaries] == [start] and not kept.expired
    gone = read(stored, today=TODAY + timedelta(days=1))
    assert gone.diaries == () and gone.expired == ((key, 2),) and gone.expired_count == 2
    assert expires_on(start, t.horizon_days) == TODAY + timedelta(days=1)
    assert "2 entries were removed from this phone by themselves" in " ".join(reading_notices(gone))


def test_answers_are_kept_only_for_today_or_a_day_before() -> None:
    assert can_keep(START, 8, TODAY) and can_keep(START, 0, TODAY) and can_keep(START, 3, TODAY)
    assert not can_keep(START, 9, TODAY)  # a day ahead
    assert not can_keep(None, 0, TODAY)  # no treatment date: no course to keep it under
    assert not can_keep(TODAY + timedelta(days=2), 0, TODAY)  # a treatment still to come


# --- What each entry says now ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_an_entry_answers_as_the_key_says(case: dict[str, Any]) -> None:
    """The answer key of the self-check (tests/clinical_cases.yaml), each case kept as an entry and read back."""
    who = case.get("who") or {}
    person = Personal(who.get("area", "face"), who.get("intensity", "standard"), who.get("phototype"))
    t = DATA.treatment(case["treatment"])
    start = TODAY - timedelta(days=case["day"])
    stored = {
        storage_key(t.id, start): item(
            entry(case["day"], _ticked(case), tuple(case.get("signs") or ()), person=person, t=t),
            treatment=t.id,
            start=start,
        )
    }
    (diary,) = read(stored).diaries
    (row,) = build_view(diary, t).rows
    assert row.answer in _allowed(case)
    personal = apply_modifiers(t, person).treatment
    assert row.answer == overall(check_day(personal, case["day"], _ticked(case), case.get("signs") or ()))


def test_each_entry_answers_for_its_own_person_and_the_band_is_the_latest() -> None:
    # Skin type IV: light redness is usual for about 3 months (S18); for others, redness on day 40 is not.
    reading = read(
        {KEY: item(entry(40, {"redness": 1}, person=Personal("face", "standard", 4)), entry(41, {"redness": 1}))},
        today=START + timedelta(days=41),
    )
    view = build_view(reading.diaries[0], T)
    expected = [
        overall(check_day(apply_modifiers(T, e.person).treatment, e.day, dict(e.levels), e.signs))
        for e in reading.diaries[0].entries
    ]
    assert [r.answer for r in view.rows] == expected
    assert view.course == apply_modifiers(T, Personal())


def test_an_entry_that_now_reads_a_call_says_so_with_the_phone_and_the_route() -> None:
    view = build_view(read({KEY: item(entry(3, {"redness": 2}), entry(4, signs=("infection",)))}).diaries[0], T)
    calm, call = (entry_markdown(r, T, DATA.clinic) for r in view.rows)
    assert [r.calls for r in view.rows] == [False, True] and view.sign_days == (4,)
    assert "now reads a call" in call and "Call the clinic today: [+1 555 0100 (placeholder)](tel:+15550100)" in call
    assert "out-of-hours" in call and ":material/warning:" in call
    assert "now reads a call" not in calm and "tel:" not in calm


def test_entries_read_in_spanish() -> None:
    set_language("es")
    view = build_view(
        read({KEY: item(entry(3, {"redness": 2}), entry(4, signs=("infection",)))}).diaries[0], DATA.treatment("eco2")
    )
    body = entry_markdown(view.rows[0], view.course.treatment, DATA.clinic)
    assert "Lo habitual para este día" in body and "Anotó" in body
    assert "normal" not in body.lower()


# --- The chart ---------------------------------------------------------------------------------------------------


def _view(*entries: dict[str, Any]):
    return build_view(read({KEY: item(*entries)}).diaries[0], T)


def test_the_chart_draws_each_entry_over_the_usual_band_of_the_course() -> None:
    view = _view(
        entry(1, {"redness": 3, "swelling": 2}),
        entry(4, {"redness": 2}, ("infection",)),
        entry(8, {"redness": 1, "peeling": 1}),
    )
    spec = build_diary_spec(view)
    data = spec["datasets"]
    symptoms = spec["usermeta"]["symptoms"]
    assert symptoms == [s.id for s in T.symptoms if s.peak_level > 0]  # the day-by-day chart's panels
    assert [p["name"] for p in data[PANELS]] == [T.symptom(s).name for s in symptoms]
    own = {(symptoms[p["s"]], p["d"]): p["level"] for p in data[OWN]}
    assert own[("redness", 1)] == 3 and own[("redness", 4)] == 2 and own[("redness", 8)] == 1
    assert own[("peeling", 8)] == 1 and own[("swelling", 4)] == 0  # 'none' is a recording too
    assert len(data[OWN]) == 3 * len(symptoms)
    last = spec["usermeta"]["last_day"]
    for i, sid in enumerate(symptoms):  # the band is the symptom chart's, for this course
        assert [{k: v for k, v in p.items() if k != "s"} for p in data[CURVES] if p["s"] == i] == curve_points(
            T.symptom(sid), last
        )
    assert [s["d"] for s in data[SIGNS]] == [4] and spec["usermeta"]["sign_days"] == [4]


def test_the_chart_reaches_past_the_last_entry_and_names_what_was_noted() -> None:
    assert diary_last_day(_view(entry(3))) == 30
    assert diary_last_day(_view(entry(3), entry(60, {"redness": 1}))) == 62
    lines = describe_diary(_view(entry(3, {"redness": 2}), entry(5, {"redness": 1}, ("infection",))))
    assert lines[0].startswith("Redness: day 3: moderate (usually ") and "day 5: mild" in lines[0]
    assert lines[-1] == "Warning signs ticked on: day 5."


def test_the_chart_has_a_panel_for_a_symptom_noted_that_is_not_usual_after_the_treatment() -> None:
    t = DATA.treatment("nafl-1550")  # no weeping or crusts after a nonablative laser: no panel for them, usually
    start = TODAY - timedelta(days=5)
    reading = read({storage_key(t.id, start): item(entry(5, {"crusting": 2}, t=t), treatment=t.id, start=start)})
    symptoms = build_diary_spec(build_view(reading.diaries[0], t))["usermeta"]["symptoms"]
    assert "crusting" in symptoms and "oozing" not in symptoms


# --- The PDF -----------------------------------------------------------------------------------------------------


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_the_pdf_holds_every_entry_the_answers_and_the_phone() -> None:
    week = [
        entry(d, {"redness": max(1, 3 - d // 3), "crusting": 1 if d > 1 else 0}, note=f"note of day {d}")
        for d in range(1, 8)
    ] + [entry(8, signs=("infection",), note="<b>yellow</b> spots")]
    pages, text = _pdf_text(build_diary_pdf([_view(*week)], DATA.clinic, TODAY))
    assert pages <= 2
    assert "My recovery diary" in text and "Fractional CO2 laser (Lutronic eCO2), treated" in text
    for d in range(1, 8):
        assert f"note of day {d}" in text
    assert "<b>yellow</b> spots" in text  # a PDF shows the note as typed: it runs nothing
    assert "Call the clinic today" in text and "Expected for this day" in text
    assert "+1 555 0100" in text and "out-of-hours" in text
    assert "Some entries now read a call" in text


def test_the_pdf_is_in_the_language_and_keeps_its_characters() -> None:
    set_language("es")
    view = build_view(
        read({KEY: item(entry(2, {"redness": 3}, note="Rojez ñ á 😀 ‮x"))}).diaries[0], DATA.treatment("eco2")
    )
    _pages, text = _pdf_text(build_diary_pdf([view], DATA.clinic, TODAY))
    assert "Mi diario de recuperación" in text and "Lo habitual para este día" in text and "Rojez ñ á" in text
