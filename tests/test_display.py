"""The clinic display: slide content from the data, rotation from the clock, and the page run with AppTest."""

from __future__ import annotations

import logging
import re

import pytest
from apptest import run_page

from dashboard import display_html as html_
from dashboard import slides as sl
from dashboard.facts import build_facts
from dashboard.loader import load_dataset
from dashboard.params import DEFAULT_INTERVAL
from dashboard.recovery import Personal, apply_modifiers
from dashboard.ui import common, memo
from dashboard.ui import display as ui
from dashboard.words import days, span

DATASET = load_dataset()
SLIDES = sl.build_slides(DATASET, "http://clinic.test/recovery")
IDS = [s.id for s in SLIDES]


# --- pure: which slide, where, and the QR address --------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "interval", "count", "expected"),
    [
        (0, 20, 7, 0),
        (19.999, 20, 7, 0),
        (20, 20, 7, 1),
        (139.9, 20, 7, 6),
        (140, 20, 7, 0),  # wraps round
        (1_800_000_000, 20, 7, (1_800_000_000 // 20) % 7),
        (12, 5, 7, 2),
        (50, 0, 3, 50 % 3),  # a zero interval cannot divide by zero
        (10, 20, 0, 0),
    ],
)
def test_slide_at(now, interval, count, expected):
    assert sl.slide_at(now, interval, count) == expected


def test_rotation_visits_every_slide_in_order_once_per_cycle():
    interval, n = 20, len(SLIDES)
    start = 1_700_000_000 - (1_700_000_000 % (interval * n))
    seen = [sl.slide_at(start + k * interval + 3, interval, n) for k in range(2 * n)]
    assert seen == list(range(n)) * 2


def test_layout_offset_moves_every_few_minutes_and_stays_small():
    step = sl.SHIFT_SECONDS
    positions = [sl.layout_offset(k * step + 1) for k in range(sl.SHIFT_POSITIONS)]
    assert len(set(positions)) == sl.SHIFT_POSITIONS  # every position differs: no pixel stays put
    assert all(abs(dx) <= sl.SHIFT_PX[0] and abs(dy) <= sl.SHIFT_PX[1] for dx, dy in positions)
    assert sl.layout_offset(5) == sl.layout_offset(step - 1)  # still within one window
    assert sl.layout_offset(0) == sl.layout_offset(step * sl.SHIFT_POSITIONS)  # one lap, then again


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "1 day"),
        (7, "7 days"),
        (27, "27 days"),
        (28, "4 weeks"),
        (60, "9 weeks"),
        (102, "3 months"),
        (180, "6 months"),
    ],
)
def test_format_span(days, words):
    assert span(days) == words


# --- pure: what the slides say ---------------------------------------------------------------------------


def test_at_least_five_slides_in_story_order():
    assert IDS == ["glance", "first-week", "collagen", "compare", "aftercare", "call", "scan"]
    assert len({s.title for s in SLIDES}) == len(SLIDES)


def test_glance_comes_from_the_data():
    eco2 = DATASET.treatment("eco2")
    facts = {f.label: f for f in SLIDES[0].body.items}
    assert facts["Redness"].value == f"gone by day {eco2.symptom('redness').typical_end_day}"
    assert facts["Crusts"].value == f"gone by day {eco2.symptom('crusting').typical_end_day}"
    makeup = eco2.milestone("makeup")
    assert facts["Makeup"].value == f"from day {makeup.day}"
    assert facts["Makeup"].sources == tuple(makeup.sources)
    assert all(f.sources for f in facts.values())


def test_first_week_has_one_row_per_day_from_build_day():
    days = SLIDES[1].body.rows
    assert [r.day for r in days] == list(range(8))
    assert days[0].phase == DATASET.treatment("eco2").phases[0].name
    assert any("Redness" in s for s in days[0].symptoms)
    work = DATASET.treatment("eco2").milestone("work")
    assert work.label in days[work.day].reached
    assert SLIDES[1].sources


def test_collagen_slide_uses_the_course_facts_and_cited_anchors():
    results = DATASET.treatment("eco2").course.results
    facts = build_facts(apply_modifiers(DATASET.treatment("eco2"), Personal()))
    body = SLIDES[2].body
    assert [f.value for f in body.facts] == [f.value for f in (facts.first_results, facts.improving, facts.lasting)]
    assert body.facts[-1].label == "Results can last (the clinic says)"  # rests on the clinic's page alone
    assert body.facts[1].label == "Keeps improving until"  # S21, a study
    assert all(a.source for a in body.anchors)
    assert max(p.level for p in body.curve) <= 1
    assert "not a prediction" in body.model_label
    assert set(results.sources) <= set(SLIDES[2].sources)
    assert "do not agree" in body.note  # the disputed peak is said, not hidden


def test_comparison_matches_the_course_facts_and_names_the_claim_as_the_clinics():
    body = SLIDES[3].body
    for column, tid in enumerate(("eco2", "nafl-1550")):
        facts = build_facts(apply_modifiers(DATASET.treatment(tid), Personal()))
        cells = [r.cells[column] for r in body.rows]
        assert cells[0].value == facts.sessions.value
        assert cells[1].value == days(facts.downtime_days)
        assert cells[3].value == facts.first_results.value
        assert cells[4].value == facts.strong_results.value
        assert all(c.sources for c in cells if c.value != "not known")
    assert "clinic's own claim" in body.notes[0]
    assert not any("we allow" in n or "no source gives an upper limit" in n for n in body.notes)


def test_aftercare_and_warnings_come_from_the_data():
    eco2 = DATASET.treatment("eco2")
    care = SLIDES[4].body.columns
    assert care[0].do == tuple(eco2.aftercare[0].do)
    signs = SLIDES[5].body
    assert signs.phone == DATASET.clinic.phone
    assert signs.signs[0].urgent  # the urgent sign comes first
    assert {s.text for s in signs.signs} <= {w.text for w in eco2.warning_signs}


def test_the_screen_says_who_reviewed_the_content():
    scan = SLIDES[-1]
    html = html_.slide_html(scan, len(SLIDES) - 1, len(SLIDES), (0, 0), "Clinic", "data:image/svg+xml,qr")
    assert "A clinician of this clinic has not yet reviewed this content." in html
    assert "Content updated" in html


def test_the_warnings_slide_groups_the_signs_by_how_soon_to_call():
    warnings = next(s for s in SLIDES if s.id == "call")
    html = html_.slide_html(warnings, 5, len(SLIDES), (0, 0), "Clinic", None)
    today, office = (
        html.index("Call the clinic today if you notice:"),
        html.index("Call the clinic in office hours if you notice:"),
    )
    assert html.index("Urgent: call the clinic now") < today < office
    assert html.index("A lower eyelid that starts to pull away") > office  # it can wait for office hours
    assert today < html.index("Pus or yellow spots") < office


def test_the_phone_number_stands_out_in_the_lead_of_the_call_slide():
    call = next(s for s in SLIDES if s.id == "call")
    html = html_.slide_html(call, 5, len(SLIDES), (0, 0), "Clinic", None)
    lead = re.search(r'<p class="ds-lead">(.*?)</p>', html).group(1)
    assert f'<span class="ds-phone">{html_._e(DATASET.clinic.phone)}</span>' in lead
    assert re.sub(r"<[^>]+>", "", lead) == html_._e(call.lead)  # the same sentence, only the number marked
    hostile = sl.Slide("call", "T", "Ring <b>1</b> now", sl.Warnings("<b>1</b>", ()))
    assert '<span class="ds-phone">&lt;b&gt;1&lt;/b&gt;</span>' in html_.slide_html(hostile, 0, 1, (0, 0), "C", None)
    other = next(s for s in SLIDES if s.id == "glance")
    assert "ds-phone" not in html_.slide_html(other, 0, len(SLIDES), (0, 0), "Clinic", None)


def test_scan_slide_without_an_address_asks_staff():
    slide = sl.build_slides(DATASET, None)[-1]
    assert slide.body.url is None
    assert "staff" in slide.lead
    assert "<img" not in html_.slide_html(slide, 6, 7, (0, 0), "Clinic", None)


def test_slide_html_escapes_every_data_string():
    hostile = '<script>alert("x")</script>'
    slide = sl.Slide(
        "glance", hostile, hostile, sl.Facts((sl.Fact(hostile, hostile, hostile, hostile, (hostile,)),)), (hostile,)
    )
    html = html_.slide_html(slide, 0, 7, (3, -2), hostile, 'data:image/svg+xml,x"onerror="y')
    assert "<script" not in html
    assert html.count("&lt;script&gt;") >= 6
    assert 'onerror="' not in html
    assert "translate(3px, -2px)" in html
    assert "1 / 7" in html


def test_chart_is_an_image_with_a_text_alternative():
    body = SLIDES[2].body
    html = html_.chart_img(body.curve_name, body.curve, body.anchors)
    assert html.startswith('<img class="ds-chart" src="data:image/svg+xml')
    assert "S11" in html and "alt=" in html


# --- the page, run with AppTest (the clock patched to choose the slide) ---------------------------------


def _shown(at) -> str:
    bodies = [h.proto.body for h in at.html if h.proto.body.startswith('<div class="ds-root"')]
    assert len(bodies) == 1, "exactly one slide on screen"
    return bodies[0]


def _slide_id(at) -> str:
    return re.search(r'data-slide="([^"]+)"', _shown(at)).group(1)


def _run(monkeypatch, moment: float, **params: str):
    monkeypatch.setattr(ui, "now", lambda: moment)
    at = run_page("pages/display.py", **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("index", range(len(SLIDES)))
def test_each_slide_renders(monkeypatch, index):
    at = _run(monkeypatch, index * DEFAULT_INTERVAL + 1)
    html = _shown(at)
    assert _slide_id(at) == IDS[index]
    assert f"{index + 1} / {len(SLIDES)}" in html
    assert SLIDES[index].title.replace("'", "&#x27;") in html
    assert not at.button and not at.selectbox and not at.slider and not at.text_input  # no widgets


def test_rotation_follows_the_interval(monkeypatch):
    assert _slide_id(_run(monkeypatch, 5 * 3 + 0.5, interval="5")) == IDS[3]
    assert _slide_id(_run(monkeypatch, 300 * 2 + 1, interval="300")) == IDS[2]


@pytest.mark.parametrize("bad", ["abc", "3", "301", "-20", "1e3", "<script>alert(1)</script>", "20.5", "x" * 500])
def test_bad_interval_falls_back_silently_and_is_logged(monkeypatch, caplog, bad):
    caplog.set_level(logging.WARNING, logger=ui.logger.name)
    at = _run(monkeypatch, DEFAULT_INTERVAL * 4 + 1, interval=bad)
    assert _slide_id(at) == IDS[4]  # the default 20 s per slide
    assert not at.warning and not at.error and not at.info and not at.toast
    records = [r for r in caplog.records if r.name == ui.logger.name]
    assert records and "interval" in records[0].getMessage()
    assert "<script>" not in _shown(at).replace(html_.FIT_SCRIPT, "")  # the page's own fitting script is the only one


def test_good_interval_logs_nothing(monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger=ui.logger.name)
    monkeypatch.setattr(common, "page_url", lambda: "http://192.168.1.20:8501/display")
    _run(monkeypatch, 1, interval="30")
    assert not [r for r in caplog.records if r.name == ui.logger.name]


def test_personal_parameters_are_ignored(monkeypatch):
    plain = _shown(_run(monkeypatch, 1 * DEFAULT_INTERVAL + 1))
    personal = _shown(
        _run(
            monkeypatch,
            1 * DEFAULT_INTERVAL + 1,
            start="2026-11-20",
            phototype="6",
            area="neck",
            intensity="deep",
            treatment="co2-full",
            day="40",
        )
    )
    assert personal == plain


def test_layout_shift_follows_the_clock(monkeypatch):
    first = _shown(_run(monkeypatch, 1))
    later = _shown(_run(monkeypatch, 1 + sl.SHIFT_SECONDS))
    dx, dy = sl.layout_offset(1 + sl.SHIFT_SECONDS)
    assert f"translate({dx}px, {dy}px)" in later
    assert first != later


def test_broken_data_shows_a_message_without_a_traceback(monkeypatch, data_copy):
    (data_copy / "eco2.yaml").write_text("id: [unclosed", encoding="utf-8")
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(data_copy))
    monkeypatch.setattr(ui, "now", lambda: 1.0)
    at = run_page("pages/display.py")
    assert not at.exception
    assert at.error and "could not be loaded" in at.error[0].value


def _display_logs(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name == ui.logger.name)


def test_a_local_address_gets_no_qr_code_and_is_logged(monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger=ui.logger.name)
    monkeypatch.setattr(common, "page_url", lambda: "http://localhost:8501/display")
    scan = _shown(_run(monkeypatch, 6 * DEFAULT_INTERVAL + 1))
    other = _shown(_run(monkeypatch, 1))
    assert "data-url=" not in scan and "ds-qr" not in scan and "ds-qr" not in other
    assert "Ask our staff for the link" in scan
    assert "only this computer can reach" in _display_logs(caplog)


def test_public_url_from_clinic_yaml_wins_and_a_bad_one_is_logged(monkeypatch, caplog, data_copy):
    caplog.set_level(logging.WARNING, logger=ui.logger.name)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(data_copy))
    monkeypatch.setattr(common, "page_url", lambda: "http://192.168.1.20:8501/display")
    clinic = data_copy / "clinic.yaml"
    original = clinic.read_text(encoding="utf-8")
    clinic.write_text(original + "public_url: https://guide.clinic.example\n", encoding="utf-8")
    assert 'data-url="https://guide.clinic.example/recovery"' in _shown(_run(monkeypatch, 6 * DEFAULT_INTERVAL + 1))
    assert not _display_logs(caplog)
    clinic.write_text(original + "public_url: ftp://guide.clinic.example\n", encoding="utf-8")
    memo.clear()  # the app looks at the data files' times at most every 2 s; do not wait for it
    assert 'data-url="http://192.168.1.20:8501/recovery"' in _shown(_run(monkeypatch, 6 * DEFAULT_INTERVAL + 1))
    assert "public_url in clinic.yaml is not a valid http or https address" in _display_logs(caplog)
