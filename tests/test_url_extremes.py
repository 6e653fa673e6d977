"""Every value the URL parser accepts is accepted by the control it feeds: each page runs with the extreme values a
link may carry, without Streamlit's error box. And every page says who reviewed the content (or that nobody has).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from apptest import run_page, texts
from pages_list import PAGES

from dashboard.dates import date_limits, today_in
from dashboard.loader import load_dataset
from dashboard.params import INTERVAL_RANGE, parse_view
from dashboard.words import NOT_REVIEWED

DATA = load_dataset()
TODAY = today_in(None)
LIMITS = date_limits(TODAY)
HORIZONS = {tid: t.horizon_days for tid, t in DATA.treatments.items()}

# The extremes the parser lets through, per parameter (each checked against parse_view below).
EXTREMES = [
    {"start": LIMITS.earliest.isoformat()},
    {"start": LIMITS.latest.isoformat()},
    {"day": "0"},
    *({"treatment": tid, "day": str(h)} for tid, h in HORIZONS.items()),
    {"start": LIMITS.earliest.isoformat(), "treatment": "nafl-1550"},
    {"sessions": "1"},
    {"sessions": "12"},
    {"phototype": "1"},
    {"phototype": "6"},
    {"interval": str(INTERVAL_RANGE[0])},
    {"interval": str(INTERVAL_RANGE[1])},
    {"vs": ",".join(list(DATA.treatments)[:4])},
    {"area": "hands", "intensity": "deep", "phototype": "6"},
]


@pytest.mark.parametrize("params", EXTREMES, ids=[str(p) for p in EXTREMES])
def test_the_parser_accepts_each_extreme(params: dict[str, str]) -> None:
    _, problems = parse_view(params, HORIZONS, TODAY)
    assert not any("'" + key + "'" in p for p in problems for key in params), problems


@pytest.mark.parametrize("params", EXTREMES, ids=[str(p) for p in EXTREMES])
@pytest.mark.parametrize("spec", [p for p in PAGES if p.keys], ids=lambda p: p.path)
def test_every_page_takes_every_extreme_the_parser_accepts(spec, params: dict[str, str]) -> None:
    at = run_page(spec.script, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert not any("'" + key + "'" in w.value for w in at.warning for key in params), [w.value for w in at.warning]


@pytest.mark.parametrize("spec", [p for p in PAGES if "start" in p.keys], ids=lambda p: p.path)
def test_a_date_past_the_limits_is_refused_with_a_notice_not_an_error(spec) -> None:
    for start in (LIMITS.earliest - timedelta(days=1), LIMITS.latest + timedelta(days=1), TODAY + timedelta(days=2200)):
        at = run_page(spec.script, start=start.isoformat())
        assert not at.exception, (start, [e.value for e in at.exception])
        assert any("'start'" in w.value for w in at.warning)


@pytest.mark.parametrize("spec", [p for p in PAGES if p.path != "/display"], ids=lambda p: p.path)
def test_every_page_says_no_clinician_has_reviewed_the_content_yet(spec) -> None:
    at = run_page(spec.script)
    assert NOT_REVIEWED in texts(at)


def test_a_signed_off_content_names_the_reviewer(data_copy, monkeypatch) -> None:
    clinic = data_copy / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8").replace("reviewed_by: null", "reviewed_by: Dr. A. Leong")
    clinic.write_text(text.replace("reviewed_on: null", "reviewed_on: 2026-12-01"), encoding="utf-8")
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(data_copy))
    shown = texts(run_page("pages/recovery.py"))
    assert "Reviewed by Dr. A. Leong on 1 December 2026." in shown and NOT_REVIEWED not in shown
