"""The safety rules of PRODUCT.md and docs/clinical-safety.md, as properties over every treatment, every day from
treatment to the horizon, every reported level, every symptom and every combination of area, strength and skin
type (combinations that give the same course are checked once).

What counts as normal healing, what cannot wait and what can wait is written here from the evidence sheet
(docs/reference/evidence.md, quoted beside each rule), never taken from the data under test: moving a window of the
triage table or lowering a curve cannot make these pass. The answer key (tests/clinical_cases.yaml) holds single
cases; these hold the rules on every case.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest

from dashboard.facts import build_facts
from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.models import AREAS, INTENSITIES, LEVEL_WORDS, PHOTOTYPES, Treatment
from dashboard.recovery import Course, Personal, apply_modifiers, build_day, level_index
from dashboard.selfcheck import check_day, judge_symptom
from dashboard.signs import ALARMS, sign_answer
from dashboard.slides import build_warnings

DATA = load_dataset(DEFAULT_DATA_DIR)
PEOPLE = [Personal(a, i, p) for a, i, p in itertools.product(AREAS, INTENSITIES, (None, *PHOTOTYPES))]
LEVELS = range(1, len(LEVEL_WORDS))

# ---- From the evidence sheet (not from data/) ------------------------------------------------------------------
ABLATIVE = {"eco2", "co2-full"}  # fractional ablative CO2, and fully ablative CO2
NONABLATIVE = {"nafl-1550", "nafl-1927"}
# "Crusting, pinpoint bleeding in the first day, bronzing and peeling are EXPECTED after ablative treatment: never
# present them alone as alarm signs"; "dryness, itching: several days" (S4); "Prolonged redness ... there is no agreed
# cut-off" (S24, S18), while spreading redness is the infection sign, ticked on its own.
NEVER_AN_ALARM_ALONE = {"bronzing", "peeling", "dryness", "redness"}
# "swelling around the eyes: under 1 week in most patients" (S4)
SWELLING_WEEK = range(0, 7)
# "Early scarring: areas not healed by about day 10" (S15); fully ablative: "new skin covers the area: 7–10 days"
# (S39). Before it, weeping and crusts are healing; from the day after "about day 10", a call.
HEALING_MARK = {"eco2": 10, "co2-full": 11}
# NAFL: "re-epithelialisation 10–28 h" (S2, S3); "onset of bacterial infection about 1 day to 1 week" (S28)
NONABLATIVE_SURFACE_CLOSED = 2
# "increasing pain after the first days" (S28): the first days are the days of redness and swelling, 2–3 days (S4),
# and for a fully ablative wound the week until new skin covers it (S39).
FIRST_DAYS = {"eco2": 2, "co2-full": 7, "nafl-1550": 2, "nafl-1927": 2}
PAIN_CALLS_FROM = {"eco2": 4, "co2-full": 8, "nafl-1550": 4, "nafl-1927": 4}
# Warning signs by how soon: "Eye pain or light sensitivity: urgent" (S40); infection "one with signs of sepsis"
# (S28); infection, herpes ("severe outbreaks, delayed healing and scarring", S27), allergy (S29) and areas not healed
# (S15) cannot wait for office hours; dark or light patches and spots weeks later (S39, S24, S8), redness after about
# a month (no agreed cut-off) and an eyelid pulling away (S39) can.
NOW = {"eye", "infection-spreading"}
TODAY = {"infection", "herpes", "allergy", "not-healing"}
CAN_WAIT = {"colour-change", "light-patches", "dark-patches", "spots", "acne", "long-redness", "eyelid"}


def _courses(t: Treatment) -> list[Course]:
    """The treatment under every modifier combination, each distinct course once."""
    seen: dict[str, Course] = {}
    for who in PEOPLE:
        course = apply_modifiers(t, who)
        seen.setdefault(course.treatment.model_dump_json(), course)
    return list(seen.values())


COURSES = [(t.id, c) for t in DATA.treatments.values() for c in _courses(t)]
IDS = [f"{t}-{i}" for i, (t, _) in enumerate(COURSES)]


def _answers(course: Course) -> Iterator[tuple[str, int, int, str]]:
    """(symptom, day, level, answer) for every symptom, day and reported level of a course."""
    t = course.treatment
    for s in t.symptoms:
        for day in range(t.horizon_days + 1):
            for level in LEVELS:
                yield s.id, day, level, judge_symptom(t, s, day, level).answer


def test_the_combinations_cover_every_modifier() -> None:
    applied = {
        (t.id, a.modifier.id)
        for t in DATA.treatments.values()
        for who in PEOPLE
        for a in apply_modifiers(t, who).applied
    }
    every = {(t.id, m.id) for t in DATA.treatments.values() for m in t.modifiers}
    assert applied == every
    assert len(PEOPLE) == 4 * 3 * 7
    assert len(COURSES) > len(DATA.treatments)  # modifiers that change days give courses of their own


def test_every_treatment_is_known_to_the_rules() -> None:
    """A new treatment or warning sign needs its rules written here from the evidence first."""
    assert set(DATA.treatments) == ABLATIVE | NONABLATIVE
    signs = {w.id for t in DATA.treatments.values() for w in t.warning_signs}
    assert signs <= NOW | TODAY | CAN_WAIT, signs - (NOW | TODAY | CAN_WAIT)


@pytest.mark.parametrize(("treatment", "course"), COURSES, ids=IDS)
def test_every_warning_sign_is_shown_and_can_be_ticked_on_every_day(treatment: str, course: Course) -> None:
    t = course.treatment
    every = [w.id for w in t.warning_signs]
    for day in range(t.horizon_days + 1):
        state = build_day(course, day)
        assert sorted(w.id for w in state.warnings) == sorted(every), f"day {day}: a sign is hidden"
        urgent_first = [w.urgency == "urgent" for w in state.warnings]
        assert urgent_first == sorted(urgent_first, reverse=True), f"day {day}: an urgent sign comes late"
        for w in t.warning_signs:
            [finding] = check_day(t, day, {}, [w.id])
            assert finding.answer == sign_answer(w)


@pytest.mark.parametrize(("treatment", "course"), COURSES, ids=IDS)
def test_a_sign_that_cannot_wait_never_waits_and_one_that_can_never_calls_at_night(
    treatment: str, course: Course
) -> None:
    t = course.treatment
    for day in (0, t.horizon_days // 2, t.horizon_days):
        for w in t.warning_signs:
            [finding] = check_day(t, day, {}, [w.id])
            if w.id in NOW:
                assert finding.answer == "urgent", (w.id, day)
            elif w.id in TODAY:
                assert finding.answer == "call-today", (w.id, day)
            else:
                assert finding.answer == "office-hours", (w.id, day)


@pytest.mark.parametrize(("treatment", "course"), COURSES, ids=IDS)
def test_normal_healing_is_never_an_alarm(treatment: str, course: Course) -> None:
    """Bronzing, peeling, dry and itchy skin and redness alone, on any day; swelling in its first week; weeping and
    crusts after ablative treatment before the healing mark; soreness in the first days: never a night-time call."""
    for sid, day, level, answer in _answers(course):
        where = f"{treatment}: {sid} {LEVEL_WORDS[level]} on day {day} gives {answer}"
        if sid in NEVER_AN_ALARM_ALONE or (sid == "swelling" and day in SWELLING_WEEK):
            assert answer not in ALARMS, where
        if treatment in ABLATIVE and sid in ("oozing", "crusting") and day < HEALING_MARK[treatment]:
            assert answer not in ALARMS, where
        if sid == "tenderness" and day <= FIRST_DAYS[treatment] and level <= 2:
            assert answer not in ALARMS, where


@pytest.mark.parametrize(("treatment", "course"), COURSES, ids=IDS)
def test_wounds_not_healed_past_the_healing_time_and_growing_pain_are_calls(treatment: str, course: Course) -> None:
    for sid, day, level, answer in _answers(course):
        where = f"{treatment}: {sid} {LEVEL_WORDS[level]} on day {day} gives {answer}"
        if sid in ("oozing", "crusting"):
            mark = HEALING_MARK[treatment] + 1 if treatment in ABLATIVE else NONABLATIVE_SURFACE_CLOSED
            if day >= mark:
                assert answer in ALARMS, where
        if sid == "tenderness" and level >= 2 and day >= PAIN_CALLS_FROM[treatment]:
            assert answer in ALARMS, where


@pytest.mark.parametrize(("treatment", "course"), COURSES, ids=IDS)
def test_the_card_and_the_self_check_say_the_same(treatment: str, course: Course) -> None:
    """One table for both: "expected" exactly up to the top of the range the card prints, a symptom is listed as
    usual exactly when some level is expected, and where it is not usual the check uses the card's words."""
    t = course.treatment
    words_for = {"not-yet": "not usually seen yet", "gone": "usually gone", "never": "not part of usual healing"}
    for day in range(t.horizon_days + 1):
        for shown in build_day(course, day).symptoms:
            s = shown.symptom
            assert shown.range_words.split(" to ")[-1] == LEVEL_WORDS[shown.top]
            assert (shown.status == "usual") == (shown.top > 0)
            assert level_index(shown.typical) <= shown.top, f"{s.id} day {day}: the line is outside the range"
            for level in LEVELS:
                j = judge_symptom(t, s, day, level)
                assert (j.answer == "expected") == (level <= shown.top), f"{s.id} {level} day {day}"
            if shown.status != "usual":
                [finding] = check_day(t, day, {s.id: 1})
                assert words_for[shown.status] in finding.reason, (s.id, day, finding.reason)


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_a_reported_call_names_its_sign_when_it_amounts_to_one(treatment: str) -> None:
    """Crusts still there after the healing mark are the sign "not healed", in the sign's own words."""
    t = DATA.treatment(treatment)
    if treatment in ABLATIVE:
        [finding] = check_day(t, HEALING_MARK[treatment] + 2, {"crusting": 1})
        sign = next(w for w in t.warning_signs if w.id == "not-healing")
        assert finding.answer == sign_answer(sign) and sign.text.rstrip(".") in finding.reason


def _sign_texts(t: Treatment) -> list[str]:
    return [w.text for w in t.warning_signs]


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_the_display_lists_every_warning_sign(treatment: str) -> None:
    t = DATA.treatment(treatment)
    slide = build_warnings(t, "+1 555 0100")
    assert sorted(s.text for s in slide.body.signs) == sorted(_sign_texts(t))


def _handout_text(treatment: str) -> str:
    import io
    from datetime import date

    from pypdf import PdfReader

    from dashboard.exports.pdf import build_pdf
    from dashboard.plan import PlanRequest, build_plan

    t = DATA.treatment(treatment)
    course = apply_modifiers(t, Personal())
    plan = build_plan(course, PlanRequest(t.id, date(2026, 12, 1), t.course.sessions.typical))
    pdf = build_pdf(plan, course, DATA.clinic, DATA.sources, None, "")
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_the_handout_lists_every_warning_sign_and_calls_normal_healing_normal(treatment: str) -> None:
    flat = _handout_text(treatment)
    for text in _sign_texts(DATA.treatment(treatment)):
        assert " ".join(text.split()) in flat, text
    assert "normal parts of healing" in flat


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_the_calendar_carries_every_warning_sign_and_the_review_status(treatment: str) -> None:
    from datetime import date

    from icalendar import Calendar

    from dashboard.exports.ics import build_ics
    from dashboard.plan import PlanRequest, build_plan
    from dashboard.words import review_status

    t = DATA.treatment(treatment)
    plan = build_plan(apply_modifiers(t, Personal()), PlanRequest(t.id, date(2026, 12, 1), 1))
    events = [
        e
        for e in Calendar.from_ical(build_ics(plan, "C", "1", review=review_status(DATA.clinic))).walk()
        if e.name == "VEVENT"
    ]
    assert events
    for e in events:
        description = " ".join(str(e.get("description")).split())
        assert all(" ".join(text.split()) in description for text in _sign_texts(t)), e.get("summary")
        assert "has not yet reviewed this content" in description


TEXT_FIELDS = ("plain", "description", "summary", "text")


def _sourced_texts(node: object, path: str = "") -> Iterator[tuple[str, str, tuple[str, ...]]]:
    from pydantic import BaseModel

    if isinstance(node, BaseModel):
        sources = tuple(getattr(node, "sources", ()) or ())
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name in TEXT_FIELDS and isinstance(value, str):
                yield f"{path}.{name}", value, sources
            else:
                yield from _sourced_texts(value, f"{path}.{name}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _sourced_texts(item, f"{path}[{i}]")


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_what_rests_on_the_clinics_page_alone_says_so(treatment: str) -> None:
    t = DATA.treatment(treatment)
    for where, text, sources in _sourced_texts(t):
        if sources == ("clinic-page",):
            assert re.search(r"\bclinic\b|your clinic", text, re.I), f"{where}: {text}"


# Numbers the evidence sheet gives only as the clinic's: "Fx-CO2 (eCO2) | redness | fades after about 5–7 days |
# clinic-page"; "sessions | most people see results after one treatment | clinic-page"; "makeup once the skin has
# healed (5–7 days of healing) | clinic-page". Whatever else the data cites beside them, they read "the clinic says".
CLINIC_NUMBERS = [
    ("eco2", "redness", "Visible redness is usually gone by day 7 after the session (the clinic says)."),
    ("eco2", "sessions", "1 session (the clinic says)."),
    ("eco2", "makeup", "Makeup is usually fine from day 7 after the session (the clinic says)."),
]


@pytest.mark.parametrize(("treatment", "fact_id", "sentence"), CLINIC_NUMBERS)
def test_a_number_from_the_clinic_reads_the_clinic_says_in_the_facts(
    treatment: str, fact_id: str, sentence: str
) -> None:
    facts = {f.id: f for f in build_facts(apply_modifiers(DATA.treatment(treatment), Personal())).all()}
    assert facts[fact_id].text.startswith(sentence), facts[fact_id].text


def test_a_number_from_the_clinic_reads_the_clinic_says_on_every_surface() -> None:
    """The overview, the comparison and the handout each say whose number it is (not only the facts function)."""
    from apptest import run_page, texts

    overview = texts(run_page("pages/overview.py"))
    compare = texts(run_page("pages/compare.py", vs="eco2,nafl-1550"))
    handout = _handout_text("eco2")
    for _treatment, _fact, sentence in CLINIC_NUMBERS:
        body = sentence.split(" (the clinic says)")[0]
        for name, surface in (("overview", overview), ("compare", compare)):
            # wherever the sentence is told, whose number it is follows it; never bare
            assert body + "." not in surface and body + " after each" not in surface, (name, body)
            assert body not in surface or sentence.rstrip(".") in surface, (name, sentence)
    assert all(sentence.rstrip(".") in overview for _t, _f, sentence in CLINIC_NUMBERS)
    assert "1 session (the clinic says)" in compare
    assert "(the clinic says)" in handout


def test_contested_dark_patch_evidence_is_called_contested_where_it_is_stated() -> None:
    for t in DATA.treatments.values():
        for m in t.modifiers:
            if m.id == "phototype-dark" and t.kind == "fractional-ablative":
                assert "disagree" in m.summary  # S17 found none, S34 no effect: said in the summary itself


# The evidence sheet's levels: institutional and clinic pages are secondary (S), the general wound-healing
# background has no single citation (G), every study, review and textbook was read (R).
SECONDARY_SOURCES = {"clinic-page", "S39", "S40"}


def test_every_source_carries_the_flag_the_evidence_sheet_gives_it() -> None:
    for key, source in DATA.sources.items():
        expected = "G" if key == "wound-healing" else "S" if key in SECONDARY_SOURCES else "R"
        assert source.flag == expected, key


def test_a_source_without_a_flag_is_refused() -> None:
    from pydantic import ValidationError

    from dashboard.models import Source

    with pytest.raises(ValidationError, match="flag"):
        Source(key="S99", title="A study", level="study")
