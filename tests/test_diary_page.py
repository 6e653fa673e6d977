"""The diary on the page, in-process (AppTest): /diary drawing what a browser sent, and the opt-in to keep the
self-check's answers on /recovery. A browser sends its diary as the reader component's trigger value, which AppTest
stands in for by putting it in the session before the run (tests/test_browser_diary.py does it for real)."""

from __future__ import annotations

import base64
import io
import json
from datetime import timedelta
from typing import Any

import pytest
from apptest import chart_datasets, poison_file, run_page, stray_html, texts
from pages_list import recent_start
from pypdf import PdfReader
from test_i18n import _english_phrases, _page_text

from dashboard.dates import today_in
from dashboard.diary import STORAGE_PREFIX, storage_key
from dashboard.ui.diary import ASK_KEY, READER_KEY

PAGE = "pages/diary.py"
START = today_in(None) - timedelta(days=5)
LEVELS = {s: 0 for s in ("redness", "swelling", "oozing", "crusting", "bronzing", "peeling", "dryness", "tenderness")}


def entry(day: int, note: str = "", signs: tuple[str, ...] = (), **levels: int) -> dict[str, Any]:
    return {
        "day": day,
        "levels": LEVELS | levels,
        "signs": list(signs),
        "note": note,
        "area": "face",
        "intensity": "standard",
        "phototype": None,
    }


def sent(*entries: dict[str, Any], action: str = "load", status: str = "ok", **items: str) -> dict[str, Any]:
    """What the browser sends: this course's entries as stored, and any other items by key."""
    item = json.dumps({"v": 1, "treatment": "eco2", "start": START.isoformat(), "entries": list(entries)})
    return {"status": status, "action": action, "request": 1234, "items": {storage_key("eco2", START): item} | items}


def diary_page(payload: dict[str, Any] | None, **params: str):
    return run_page(PAGE, state={READER_KEY: {"diary": payload}} if payload is not None else None, **params)


def reader_data(at: Any) -> dict[str, Any]:
    """The data the page gives the reader component (the browser side of the diary)."""
    (reader,) = [c for c in at.get("bidi_component") if c.proto.component_name == "recovery_diary_read"]
    p = reader.proto
    return json.loads(p.json if p.WhichOneof("data") == "json" else p.mixed.json)


def test_without_the_browser_the_page_asks_for_the_diary_and_shows_none() -> None:
    at = diary_page(None)
    assert not at.exception
    assert "Reading the diary kept on this phone…" in [c.value for c in at.caption]
    data = reader_data(at)
    assert data["ask"] == at.session_state[ASK_KEY] >= 1 and data["has_entries"] is False
    assert data["prefix"] == STORAGE_PREFIX and "pdf" not in data
    assert not at.get("vega_lite_chart") and "Day 4" not in texts(at)


def test_the_entries_the_browser_sent_are_drawn_with_their_answers_and_chart() -> None:
    at = diary_page(sent(entry(3, "first note", redness=3, crusting=2), entry(4, "second note", redness=2)))
    assert not at.exception and not at.warning
    shown = texts(at)
    assert "Fractional CO2 laser (Lutronic eCO2), treated" in shown and "2 entries, from day 3" in shown
    assert "Your note: first note" in shown and "Your note: second note" in shown
    assert shown.count("Expected for this day") == 2
    (chart,) = at.get("vega_lite_chart")
    assert json.loads(chart.proto.spec)["usermeta"]["symptoms"][0] == "redness"
    own = chart_datasets(chart)["own"]
    assert {(p["d"], p["level"]) for p in own if p["s"] == 0} == {(3, 3), (4, 2)}  # redness, as kept
    assert {(p["d"], p["level"]) for p in own if p["s"] == 3} == {(3, 2), (4, 0)}  # crusting
    data = reader_data(at)
    assert data["has_entries"] is True and data["prune"] == [] and "pdf" not in data
    assert data["ask"] == 0 and ASK_KEY not in at.session_state  # this run had the diary: nothing to ask


def test_an_entry_that_now_reads_a_call_says_so_first_with_the_phone() -> None:
    at = diary_page(sent(entry(3, redness=2), entry(4, signs=("infection",))))
    (box,) = at.warning
    assert "Your latest entry (day 4) reads a call." in box.value and "Call the clinic today" in box.value
    assert "tel:+15550100" in box.value


def test_the_pdf_is_made_when_asked_and_handed_to_the_browser() -> None:
    at = diary_page(sent(entry(3, "note for the visit", redness=3), action="pdf"))
    pdf = reader_data(at)["pdf"]
    assert pdf["id"] == 1234 and pdf["name"] == "my-recovery-diary.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(base64.b64decode(pdf["b64"]))).pages)
    assert "My recovery diary" in text and "note for the visit" in text and "redness marked" in text
    assert "pdf" not in reader_data(diary_page(sent(entry(3, redness=3))))  # only when asked


def test_forgetting_says_so_and_an_empty_diary_says_how_to_start() -> None:
    at = run_page(PAGE, state={READER_KEY: {"diary": {"status": "ok", "action": "forget", "items": {}}}})
    assert [s.value for s in at.success] == ["The diary was removed from this phone."]
    assert "Nothing is kept in the diary on this phone yet." in texts(at)
    assert reader_data(at)["has_entries"] is False


def test_storage_the_browser_blocks_is_explained_and_the_check_still_works() -> None:
    at = diary_page({"status": "blocked", "action": "load", "items": {}})
    (notice,) = at.warning
    assert "does not let this page keep anything on this phone" in notice.value and "still works" in notice.value


def test_tampered_items_are_left_out_with_a_note_and_old_courses_removed() -> None:
    old = today_in(None) - timedelta(days=200)
    at = diary_page(
        sent(
            entry(4, redness=1),
            **{
                f"{STORAGE_PREFIX}eco2:2026-01-01": "<script>window.__pwned=1</script>",
                storage_key("eco2", old): json.dumps(
                    {"v": 1, "treatment": "eco2", "start": old.isoformat(), "entries": [entry(2)]}
                ),
            },
        )
    )
    notices = [w.value for w in at.warning]
    assert any("1 stored entry or diary could not be read" in n for n in notices)
    assert any("1 entry was removed from this phone by itself" in n for n in notices)
    assert "script" not in " ".join(notices)  # the stored value itself is never shown
    assert reader_data(at)["prune"] == [storage_key("eco2", old)]


def test_html_in_a_note_and_in_the_data_stays_text(data_copy, monkeypatch) -> None:
    """/diary draws data text only with a diary (tests/test_html_in_data.py runs the page without one)."""
    for path in data_copy.glob("*.yaml"):
        if path.name != "clinic.yaml":
            poison_file(path)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(data_copy))
    at = diary_page(sent(entry(4, '<img src=x onerror="window.__pwned=1">', ("infection",), redness=2)))
    assert not at.exception and not any("could not be loaded" in str(e.value) for e in at.error)
    bodies = [m.proto for m in at.markdown]
    assert any("onerror" in m.body and "Fractional CO2" in m.body for m in bodies), "the poisoned text is not shown"
    assert not [m.body for m in bodies if m.allow_html]
    assert not [m.body[:200] for m in bodies if stray_html(m.body)]


def test_the_diary_reads_in_spanish_with_no_english_left() -> None:
    phrases = _english_phrases("es")
    at = diary_page(sent(entry(3, redness=3), entry(4, signs=("infection",), redness=2)), lang="es")
    assert not at.exception
    shown = _page_text(at) + " " + json.dumps(reader_data(at)["texts"], ensure_ascii=False)
    assert "Su diario frente a la recuperación habitual" in shown and "Lo habitual para este día" in shown
    left = [p for p in phrases if p in shown]
    assert not left, left[:10]


# --- Keeping the self-check's answers (/recovery) ----------------------------------------------------------------


def _checked(**params: str):
    at = run_page("pages/recovery.py", state={"recovery.selfcheck.open": True}, **params)
    at.radio(key="recovery.check.eco2.redness").set_value(2)
    at.checkbox(key="recovery.sign.eco2.infection").check()
    at.button[[b.label for b in at.button].index("Check my answers")].click()
    return at.run()


def _keep(at: Any) -> dict[str, Any] | None:
    found = [c for c in at.get("bidi_component") if c.proto.component_name == "recovery_diary_keep"]
    if not found:
        return None
    p = found[0].proto
    return json.loads(p.json if p.WhichOneof("data") == "json" else p.mixed.json)


def test_after_the_check_the_answers_can_be_kept_under_the_treatment_date() -> None:
    start = recent_start(4)
    at = _checked(treatment="eco2", start=start, area="neck", phototype="4")
    assert not at.exception
    keep = _keep(at)
    assert keep is not None and keep["key"] == f"{STORAGE_PREFIX}eco2:{start}"
    assert keep["entry"]["day"] == 4 and keep["entry"]["levels"]["redness"] == 2
    assert keep["entry"]["signs"] == ["infection"] and "note" not in keep["entry"]  # the browser adds the note
    assert (keep["entry"]["area"], keep["entry"]["phototype"]) == ("neck", 4)
    assert keep["texts"]["keep"] == "Keep today's answers in my diary on this phone"
    assert "Open my diary" in [link.proto.label for link in at.get("page_link")]


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"treatment": "eco2", "day": "4"}, "add your treatment date"),
        ({"treatment": "eco2", "start": recent_start(4), "day": "6"}, "not for a day ahead"),
    ],
)
def test_without_a_date_or_for_a_day_ahead_nothing_is_kept(params: dict[str, str], says: str) -> None:
    at = _checked(**params)
    assert not at.exception and _keep(at) is None
    assert says in texts(at)


def test_before_the_check_nothing_is_offered() -> None:
    at = run_page("pages/recovery.py", state={"recovery.selfcheck.open": True}, treatment="eco2", start=recent_start(4))
    assert _keep(at) is None
