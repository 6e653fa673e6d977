"""The triage table as a clinician reads it on /sources (dashboard/triage_table.py)."""

from __future__ import annotations

from apptest import run_page, texts

from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.triage_table import triage_table_markdown

DATA = load_dataset(DEFAULT_DATA_DIR)


def test_a_row_per_window_with_each_levels_answer_and_its_sources():
    t = DATA.treatment("eco2")
    rows = triage_table_markdown(t).splitlines()
    assert rows[0] == "| Symptom | Days | Mild | Moderate | Marked | Why | Sources |"
    assert len(rows) == 2 + sum(len(table.windows) for table in t.triage.values())
    crusts = next(r for r in rows if r.startswith("| Crusting and micro-crusts | 10 to 90 |"))
    assert crusts.count("call today") == 3
    assert "Calls are the warning sign: Raw, weeping or crusted areas that have not healed by about day 10" in crusts
    assert "[S15](sources#src-s15)" in crusts
    own = next(r for r in rows if "(only skin type IV)" in r)
    assert own.startswith("| Redness | 35 to 89 (only skin type IV) | expected | call in office hours |")
    reading = next(r for r in rows if r.startswith("| Peeling and flaking | 28 to 90 |"))
    assert "The days are our reading of vaguer wording in the sources." in reading


def test_the_sources_page_shows_every_treatments_table():
    shown = texts(run_page("pages/sources.py"))
    assert "How the self-check answers" in shown
    for t in DATA.treatments.values():
        assert f"<summary>{t.name}</summary>" in shown
    assert "| Weeping and bleeding | 11 to 180 | call today | call today | call today |" in shown
