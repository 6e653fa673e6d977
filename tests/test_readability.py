"""Patient-facing text in the data reads at grade 8 or below, with no sentence over 25 words.

Why per field kind and per treatment: Flesch-Kincaid is a formula over average sentence length and average
syllables per word. On one short string ("Makeup.", "Eye pain, or your eyes hurt in the light.") a single
long word swings the grade by several points, so a per-string limit would flag harmless labels and pass
nothing useful. Joining all strings of one kind for one treatment (all symptom descriptions of eCO2, all
its warning signs, ...) gives the formula enough words to mean something, and still points at the field
kind to rewrite. The sentence-length limit is checked per sentence, where it is exact.

Syllables are counted with the Pyphen hyphenation dictionary that ships with textstat's dependencies. Newer
textstat versions first look words up in NLTK's CMU dictionary, which is a separate download; the app and
its tests never fetch anything at run time, so that lookup is switched off here (it falls back to Pyphen).
"""

from __future__ import annotations

import pytest
import textstat
import textstat.backend.counts._count_syllables as syllables
from patient_text import joined, patient_text, sentences

from dashboard.loader import DEFAULT_DATA_DIR, load_dataset

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 25
DATA = load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture(autouse=True)
def _offline_syllables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(syllables, "get_cmudict", lambda lang: None)
    syllables.count_syllables.cache_clear()  # counts cached under another dictionary must not leak in


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


CASES = [(t.id, kind, texts) for t in DATA.treatments.values() for kind, texts in patient_text(t) if texts]


@pytest.mark.parametrize(("treatment", "kind", "texts"), CASES, ids=[f"{t}-{k}" for t, k, _ in CASES])
def test_grade_8_or_below(treatment: str, kind: str, texts: list[str]) -> None:
    passage = joined(texts)
    assert grade(passage) <= MAX_GRADE, f"{treatment} {kind}: grade {grade(passage)}"


@pytest.mark.parametrize(("treatment", "kind", "texts"), CASES, ids=[f"{t}-{k}" for t, k, _ in CASES])
def test_no_sentence_over_25_words(treatment: str, kind: str, texts: list[str]) -> None:
    long = [s for text in texts for s in sentences(text) if len(s.split()) > MAX_SENTENCE_WORDS]
    assert not long, f"{treatment} {kind}: {long}"


def test_every_field_kind_is_checked_for_eco2() -> None:
    kinds = {kind for t, kind, _ in CASES if t == "eco2"}
    assert len(kinds) == 10


# The measures must be able to fail: clinical wording is well above grade 8, and a run-on sentence is caught.
CLINICAL = (
    "Postoperative erythema and oedema following fractional ablative photothermolysis typically "
    "demonstrate progressive resolution; persistent hyperpigmentation necessitates dermatological evaluation."
)


def test_clinical_wording_fails_the_grade_check() -> None:
    assert grade(joined([CLINICAL])) > MAX_GRADE


def test_plain_wording_passes_the_grade_check() -> None:
    assert grade(joined(["Your skin will be red for a few days.", "Call us if it hurts more."])) <= MAX_GRADE


def test_sentence_splitting() -> None:
    text = "Redness lasts 4.5 months on average. The 1,550 nm laser is gentler! Is it normal? Yes"
    assert sentences(text) == [
        "Redness lasts 4.5 months on average.",
        "The 1,550 nm laser is gentler!",
        "Is it normal?",
        "Yes",
    ]
    run_on = " ".join(["word"] * 26) + "."
    assert len(sentences(run_on)[0].split()) > MAX_SENTENCE_WORDS
