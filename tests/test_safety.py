"""The safety rules of PRODUCT.md and docs/clinical-safety.md, as properties over every treatment, every day from
treatment to the horizon, every reported level, every symptom and every combination of area, strength and skin
type. Not a few examples: the loops below visit each case (modifier combinations that give the same course are
checked once).
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
from dashboard.selfcheck import (
    ALARMS,
    HEALING_SYMPTOMS,
    STEPS_FOR_A_CALL,
    check_day,
    judge_symptom,
    sign_answer,
    triggered_sign,
)
from dashboard.slides import build_warnings

DATA = load_dataset(DEFAULT_DATA_DIR)
PEOPLE = [Personal(a, i, p) for a, i, p in itertools.product(AREAS, INTENSITIES, (None, *PHOTOTYPES))]
LEVELS = range(1, len(LEVEL_WORDS))


def _courses(t: Treatment) -> list[Course]:
    """The treatment under every modifier combination, each distinct course once."""
    seen: dict[str, Course] = {}
    for who in PEOPLE:
        course = apply_modifiers(t, who)
        seen.setdefault(course.treatment.model_dump_json(), course)
    return list(seen.values())


COURSES = [(t.id, c) for t in DATA.treatments.values() for c in _courses(t)]


def _cases(course: Course) -> Iterator[tuple[int, object]]:
    t = course.treatment
    for day in range(t.horizon_days + 1):
        yield day, build_day(course, day)


def test_the_combinations_cover_every_modifier() -> None:
    applied = {(t.id, a.modifier.id) for t in DATA.treatments.values() for who in PEOPLE
               for a in apply_modifiers(t, who).applied}
    every = {(t.id, m.id) for t in DATA.treatments.values() for m in t.modifiers}
    assert applied == every
    assert len(PEOPLE) == 4 * 3 * 7
    assert len(COURSES) > len(DATA.treatments)  # modifiers that change days give courses of their own


@pytest.mark.parametrize(("treatment", "course"), COURSES, ids=[f"{t}-{i}" for i, (t, _) in enumerate(COURSES)])
def test_every_warning_sign_is_shown_and_can_be_ticked_on_every_day(treatment: str, course: Course) -> None:
    t = course.treatment
    every = [w.id for w in t.warning_signs]
    for day, state in _cases(course):
        assert sorted(w.id for w in state.warnings) == sorted(every), f"day {day}: a sign is hidden"
        urgent_first = [w.urgency == "urgent" for w in state.warnings]
        assert urgent_first == sorted(urgent_first, reverse=True), f"day {day}: an urgent sign comes late"
        for w in t.warning_signs:
            [finding] = check_day(t, day, {}, [w.id])
            assert finding.answer == sign_answer(w) and finding.answer in ALARMS


@pytest.mark.parametrize(("treatment", "course"), COURSES, ids=[f"{t}-{i}" for i, (t, _) in enumerate(COURSES)])
def test_self_check_follows_the_rules_and_agrees_with_the_card(treatment: str, course: Course) -> None:
    t = course.treatment
    for day, state in _cases(course):
        for shown in state.symptoms:
            s = shown.symptom
            card_top = level_index(shown.high)  # the card says "usual range: <low> to <high>"
            assert shown.range_words.split(" to ")[-1] == LEVEL_WORDS[card_top]
            for level in LEVELS:
                j = judge_symptom(t, s, day, level)
                where = f"{s.id} {LEVEL_WORDS[level]} on day {day}"
                # within the range the card shows: expected; outside it: never "expected"
                assert (j.answer == "expected") == (level <= card_top), where
                sign = triggered_sign(t, s.id, day, level)
                if j.answer in ALARMS:
                    # a call only for a warning sign or a level two steps above the day's usual range
                    assert sign is not None or level - card_top >= STEPS_FOR_A_CALL, where
                if sign is not None and level > card_top:
                    assert j.answer == sign_answer(sign), where  # the sign the card lists is the answer
                if j.answer == "follow-up":
                    assert sign is None, where


@pytest.mark.parametrize(("treatment", "course"), COURSES, ids=[f"{t}-{i}" for i, (t, _) in enumerate(COURSES)])
def test_normal_healing_is_never_an_alarm(treatment: str, course: Course) -> None:
    """Weeping, crusts, bronzing, peeling and dry, itchy skin at the levels they usually reach are not an alarm,
    on any day before the day a warning sign says they stop being normal (crusts still there on day 10)."""
    t = course.treatment
    for s in t.symptoms:
        if s.id not in HEALING_SYMPTOMS or s.peak_level == 0:
            continue
        signs = [w.trigger.from_day for w in t.warning_signs if w.trigger and s.id in w.trigger.symptoms]
        normal_until = min(signs) - 1 if signs else s.latest_day
        for day in range(min(normal_until, t.horizon_days) + 1):
            for level in range(1, s.peak_level + 1):
                answer = judge_symptom(t, s, day, level).answer
                assert answer not in ALARMS, f"{t.id}: {s.id} {LEVEL_WORDS[level]} on day {day} gives {answer}"


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_a_trigger_never_fires_while_the_data_calls_the_symptom_normal(treatment: str) -> None:
    t = DATA.treatment(treatment)
    for w in t.warning_signs:
        if w.trigger is None:
            continue
        for sid in w.trigger.symptoms:
            s = t.symptom(sid)
            if sid in HEALING_SYMPTOMS:
                assert w.trigger.from_day > s.range_end_day, f"{w.id} fires on {sid} inside its usual range"


def test_the_issue_cases_are_answered_as_the_rules_say() -> None:
    """The cases that were wrong before (issue: clinical safety), answered by the rules above."""
    eco2 = DATA.treatment("eco2")
    dark = apply_modifiers(eco2, Personal(phototype=4)).treatment
    deep_neck = apply_modifiers(eco2, Personal(area="neck", intensity="deep")).treatment

    def answer(t: Treatment, sid: str, day: int, level: int) -> str:
        return judge_symptom(t, t.symptom(sid), day, level).answer

    assert answer(eco2, "oozing", 1, 2) == "follow-up"  # moderate weeping on day 1
    for t in (eco2, deep_neck):
        for day in (0, 7, 8, 9):
            assert answer(t, "crusting", day, 2) not in ALARMS  # moderate crusting before day 10
        assert answer(t, "crusting", 10, 1) == "call"
    assert answer(dark, "redness", 45, 2) == "call"  # strong redness after a month, as the warning sign says


def _sign_texts(t: Treatment) -> list[str]:
    return [w.text for w in t.warning_signs]


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_the_display_lists_every_warning_sign(treatment: str) -> None:
    t = DATA.treatment(treatment)
    slide = build_warnings(t, "+1 555 0100")
    assert sorted(s.text for s in slide.body.signs) == sorted(_sign_texts(t))


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_the_handout_lists_every_warning_sign_and_calls_normal_healing_normal(treatment: str) -> None:
    import io
    from datetime import date

    from pypdf import PdfReader

    from dashboard.exports.pdf import build_pdf
    from dashboard.plan import PlanRequest, build_plan

    t = DATA.treatment(treatment)
    course = apply_modifiers(t, Personal())
    plan = build_plan(course, PlanRequest(t.id, date(2026, 12, 1), t.course.sessions.typical))
    pdf = build_pdf(plan, course, DATA.clinic, DATA.sources, None, "")
    flat = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for text in _sign_texts(t):
        assert " ".join(text.split()) in flat, text
    assert "normal parts of healing" in flat


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


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_clinic_only_facts_are_attributed_on_every_surface(treatment: str) -> None:
    facts = build_facts(apply_modifiers(DATA.treatment(treatment), Personal()))
    for f in facts.all():
        if f.sources == ("clinic-page",):
            assert "(the clinic says)" in f.text, f


def test_contested_dark_patch_evidence_is_called_contested_where_it_is_stated() -> None:
    for t in DATA.treatments.values():
        for m in t.modifiers:
            if m.id == "phototype-dark" and t.kind == "fractional-ablative":
                assert "disagree" in m.summary  # S17 found none, S34 no effect: said in the summary itself


def test_no_source_is_unverified() -> None:
    assert {s.flag for s in DATA.sources.values()} <= {"R", "S", "G"}
    assert DATA.sources["wound-healing"].flag == "G"  # no single citation: never shown as read in a source
