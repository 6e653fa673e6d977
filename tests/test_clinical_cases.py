"""The answer key (tests/clinical_cases.yaml), run through the self-check and through the page, in English and
Spanish. Each case is written from one line of the evidence sheet and quotes it; the key is not the data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from apptest import run_page

from dashboard.i18n import _, set_language
from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.models import LEVEL_WORDS, TRIAGE_ORDER
from dashboard.recovery import Personal, apply_modifiers
from dashboard.selfcheck import check_day, overall
from dashboard.signs import answer_text

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = ROOT / "docs" / "reference" / "evidence.md"
# The clinic's reference sheet, where the repository sits beside it: the copy in docs/ must not drift from it.
REFERENCE = ROOT.parent / "shared" / "reference" / "evidence.md"
CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "clinical_cases.yaml").read_text("utf-8"))[
    "cases"
]
DATA = load_dataset(DEFAULT_DATA_DIR)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _allowed(case: dict[str, Any]) -> list[str]:
    return [case["answer"]] if "answer" in case else list(case["answer_in"])


def _course(case: dict[str, Any]):
    who = case.get("who") or {}
    return apply_modifiers(
        DATA.treatment(case["treatment"]),
        Personal(who.get("area", "face"), who.get("intensity", "standard"), who.get("phototype")),
    )


def _ticked(case: dict[str, Any]) -> dict[str, int]:
    return {sid: LEVEL_WORDS.index(level) for sid, level in (case.get("ticked") or {}).items()}


def test_the_key_is_large_and_well_formed() -> None:
    assert len(CASES) >= 80
    assert len({c["id"] for c in CASES}) == len(CASES), "case ids are unique"
    for c in CASES:
        assert set(c) <= {"id", "treatment", "day", "who", "ticked", "signs", "answer", "answer_in", "evidence"}, c
        assert ("answer" in c) != ("answer_in" in c), c["id"]
        assert set(_allowed(c)) <= set(TRIAGE_ORDER), c["id"]
        assert c.get("ticked") or c.get("signs"), c["id"]
        assert set((c.get("ticked") or {}).values()) <= set(LEVEL_WORDS[1:]), c["id"]


def test_every_case_quotes_a_line_of_the_evidence_sheet() -> None:
    sheet = _flat(EVIDENCE.read_text("utf-8"))
    missing = [c["id"] for c in CASES if _flat(c["evidence"]) not in sheet]
    assert not missing, f"these cases do not quote the evidence sheet word for word: {missing}"


@pytest.mark.skipif(not REFERENCE.exists(), reason="the clinic's reference folder is not beside this checkout")
def test_the_evidence_copy_is_the_clinics_sheet() -> None:
    assert EVIDENCE.read_text("utf-8") == REFERENCE.read_text("utf-8")


def test_the_key_covers_what_matters() -> None:
    """Every treatment, the first week, the healing mark, late redness, pain, and every warning sign ticked."""
    treatments = {c["treatment"] for c in CASES}
    assert treatments == set(DATA.treatments)
    for t in DATA.treatments.values():
        mine = [c for c in CASES if c["treatment"] == t.id]
        assert any(c["day"] <= 6 and c.get("ticked") for c in mine), f"{t.id}: the first week"
        ticked_signs = {s for c in mine for s in c.get("signs") or ()}
        assert ticked_signs >= {w.id for w in t.warning_signs}, f"{t.id}: signs not in the key"
    symptoms = [(c["treatment"], sid, c["day"]) for c in CASES for sid in (c.get("ticked") or {})]
    assert any(s in ("oozing", "crusting") and d >= 10 for _t, s, d in symptoms), "the healing mark"
    assert any(s == "redness" and d >= 30 for _t, s, d in symptoms), "late redness"
    assert any(s == "tenderness" and d >= 4 for _t, s, d in symptoms), "pain after the first days"
    assert any(c.get("who") for c in CASES), "modifiers"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_self_check_answers_as_the_key_says(case: dict[str, Any]) -> None:
    findings = check_day(_course(case).treatment, case["day"], _ticked(case), case.get("signs") or ())
    assert overall(findings) in _allowed(case), [(f.item, f.answer) for f in findings]


def _in_language(language: str) -> tuple[str, dict[str, str]]:
    """The submit button's label and the answers' words, as the page writes them in a language."""
    set_language(language)
    try:
        return _("Check my answers"), {answer_text(a): a for a in TRIAGE_ORDER}
    finally:
        set_language("en")


def _page_answer(case: dict[str, Any], language: str) -> str:
    """Tick the case's items on /recovery in a language and read the answer of the first (most serious) finding."""
    who = {k: str(v) for k, v in (case.get("who") or {}).items()}
    t = case["treatment"]
    submit, labels = _in_language(language)
    # AppTest formats the widgets' options in the test's own language: keep it the page's until the answer is read
    set_language(language)
    try:
        # the list opened, as a tap on "Tick what I notice" opens it
        at = run_page(
            "pages/recovery.py",
            state={"recovery.selfcheck.open": True},
            treatment=t,
            day=str(case["day"]),
            lang=language,
            **who,
        )
        for sid, level in _ticked(case).items():
            at.radio(key=f"recovery.check.{t}.{sid}").set_value(level)
        for sign in case.get("signs") or ():
            at.checkbox(key=f"recovery.sign.{t}.{sign}").check()
        next(b for b in at.button if b.label == submit).click().run()
    finally:
        set_language("en")
    for block in at.markdown:
        found = re.match(r":material/\w+: \*\*(.+?)\*\*:", str(block.value))
        if found and found.group(1) in labels:
            return labels[found.group(1)]
    raise AssertionError(f"no finding on the page for {case['id']}")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_page_answers_as_the_key_says(case: dict[str, Any], language: str) -> None:
    assert _page_answer(case, language) in _allowed(case)
