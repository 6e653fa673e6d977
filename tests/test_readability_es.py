"""The Spanish text of the data (data/i18n/es) is complete, plain, and changes nothing but text.

Plain: Flesch-Kincaid is an English formula, so Spanish is measured with the Fernández Huerta index (the Spanish
adaptation of Flesch reading ease: 206.84 - 60 x syllables per word - 1.02 x words per sentence; 70 and up reads
as "fairly easy" or easier). As in test_readability.py, all strings of one field kind for one treatment are
joined into one passage, so the formula has enough words to mean something, and every sentence is checked
against the 25-word limit on its own.

Syllables are counted with Pyphen's Spanish hyphenation dictionary. textstat only looks words up in NLTK's CMU
dictionary for English, but the lookup is switched off here as in the English test, so nothing is ever fetched.
The language is set to Spanish for each test and set back to textstat's default ("en_US") afterwards: the English
readability test measures with that default, and Pyphen's "en" dictionary counts differently from "en_US".

Nothing but text: the Spanish dataset, with its text fields left out, is the English dataset; every number in a
text (days, percentages, scores) and every source key cited in a text is still there; and where the English
names the clinic as the one who says something, the Spanish does too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import textstat
import textstat.backend.counts._count_syllables as syllables
from patient_text import joined, patient_text, sentences

from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.overlays import TEXT_FIELDS, apply_overlays

LANGUAGE = "es"
TEXTSTAT_DEFAULT_LANGUAGE = "en_US"  # textstat's own default, which test_readability.py measures with
MIN_FERNANDEZ_HUERTA = 70.0
MAX_SENTENCE_WORDS = 25
ENGLISH = load_dataset(DEFAULT_DATA_DIR)
SPANISH, REPORT = apply_overlays(ENGLISH, LANGUAGE)


@pytest.fixture(autouse=True)
def _spanish_offline_syllables(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(syllables, "get_cmudict", lambda lang: None)
    syllables.count_syllables.cache_clear()  # counts cached under another dictionary must not leak in
    textstat.set_lang(LANGUAGE)
    try:
        yield
    finally:
        textstat.set_lang(TEXTSTAT_DEFAULT_LANGUAGE)
        syllables.count_syllables.cache_clear()


def fernandez_huerta(text: str) -> float:
    return textstat.fernandez_huerta(text)


CASES = [(t.id, kind, texts) for t in SPANISH.treatments.values() for kind, texts in patient_text(t) if texts]
IDS = [f"{t}-{k}" for t, k, _ in CASES]


def test_the_overlays_have_no_problems() -> None:
    assert not REPORT.problems, "\n".join(str(p) for p in REPORT.problems)


def test_every_text_is_translated() -> None:
    assert not REPORT.missing, "\n".join(REPORT.missing)


@pytest.mark.parametrize(("treatment", "kind", "texts"), CASES, ids=IDS)
def test_fernandez_huerta_70_or_above(treatment: str, kind: str, texts: list[str]) -> None:
    passage = joined(texts)
    score = fernandez_huerta(passage)
    assert score >= MIN_FERNANDEZ_HUERTA, f"{treatment} {kind}: Fernández Huerta {score}"


@pytest.mark.parametrize(("treatment", "kind", "texts"), CASES, ids=IDS)
def test_no_sentence_over_25_words(treatment: str, kind: str, texts: list[str]) -> None:
    long = [s for text in texts for s in sentences(text) if len(s.split()) > MAX_SENTENCE_WORDS]
    assert not long, f"{treatment} {kind}: {long}"


def test_every_field_kind_is_checked_for_eco2() -> None:
    kinds = {kind for t, kind, _ in CASES if t == "eco2"}
    assert len(kinds) == 10


# The measures must be able to fail: clinical wording scores well below 70, and a run-on sentence is caught.
CLINICAL = (
    "El eritema y el edema postoperatorios consecutivos a la fototermólisis fraccionada ablativa "
    "evidencian habitualmente una resolución progresiva; la hiperpigmentación persistente requiere "
    "evaluación dermatológica especializada."
)


def test_clinical_wording_fails_the_readability_check() -> None:
    assert fernandez_huerta(joined([CLINICAL])) < MIN_FERNANDEZ_HUERTA


def test_plain_wording_passes_the_readability_check() -> None:
    plain = joined(["Su piel estará roja unos días.", "Llámenos si le duele más."])
    assert fernandez_huerta(plain) >= MIN_FERNANDEZ_HUERTA


def test_syllables_are_counted_in_spanish() -> None:
    assert textstat.syllable_count("recuperación") == 5  # re-cu-pe-ra-ción


def test_sentence_splitting() -> None:
    text = "La rojez dura 4,5 meses de media. El láser de 1550 nm es más suave. ¿Es normal? Sí"
    assert sentences(text) == [
        "La rojez dura 4,5 meses de media.",
        "El láser de 1550 nm es más suave.",
        "¿Es normal?",
        "Sí",
    ]
    run_on = " ".join(["palabra"] * 26) + "."
    long = [s for s in sentences(run_on) if len(s.split()) > MAX_SENTENCE_WORDS]
    assert long == [run_on]


# Nothing but text changes.


def without_text(value: Any) -> Any:
    """A dumped model with every text field left out, at any depth."""
    if isinstance(value, dict):
        return {k: without_text(v) for k, v in value.items() if k not in TEXT_FIELDS}
    if isinstance(value, list):
        return [without_text(v) for v in value]
    return value


def differences(english: Any, spanish: Any, path: str = "") -> Iterator[str]:
    """Where two dumps (text fields left out) differ, by field path."""
    if isinstance(english, dict) and isinstance(spanish, dict):
        for key in english.keys() | spanish.keys():
            if key not in english or key not in spanish:
                yield f"{path}.{key}: only in {'English' if key in english else 'Spanish'}"
            else:
                yield from differences(english[key], spanish[key], f"{path}.{key}")
    elif isinstance(english, list) and isinstance(spanish, list):
        if len(english) != len(spanish):
            yield f"{path}: {len(english)} items in English, {len(spanish)} in Spanish"
        for i, (e, s) in enumerate(zip(english, spanish, strict=False)):
            yield from differences(e, s, f"{path}[{i}]")
    elif english != spanish:
        yield f"{path}: {english!r} in English, {spanish!r} in Spanish"


def text_pairs(english: Any, spanish: Any, path: str = "") -> Iterator[tuple[str, str, str]]:
    """(path, English, Spanish) for every text field of two dumps of the same model."""
    if isinstance(english, dict):
        for key, value in english.items():
            here = f"{path}.{key}"
            if key in TEXT_FIELDS and isinstance(value, str):
                yield here, value, spanish[key]
            elif key in TEXT_FIELDS and isinstance(value, list) and all(isinstance(v, str) for v in value):
                yield from ((f"{here}[{i}]", e, s) for i, (e, s) in enumerate(zip(value, spanish[key], strict=True)))
            else:
                yield from text_pairs(value, spanish[key], here)
    elif isinstance(english, list):
        for i, (e, s) in enumerate(zip(english, spanish, strict=True)):
            yield from text_pairs(e, s, f"{path}[{i}]")


def dumps() -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    for tid, t in ENGLISH.treatments.items():
        yield tid, t.model_dump(), SPANISH.treatments[tid].model_dump()
    yield "clinic", ENGLISH.clinic.model_dump(), SPANISH.clinic.model_dump()


def all_text_pairs() -> list[tuple[str, str, str]]:
    return [
        (f"{name}{path}", e, s) for name, english, spanish in dumps() for path, e, s in text_pairs(english, spanish)
    ]


def test_the_comparison_sees_a_changed_number() -> None:
    english = ENGLISH.treatments["eco2"].model_dump()
    changed = ENGLISH.treatments["eco2"].model_dump()
    changed["milestones"][1]["day"] += 1
    changed["name"] = "cambiado"  # text: not a difference
    assert list(differences(without_text(english), without_text(changed))) == [
        ".milestones[1].day: 5 in English, 6 in Spanish"
    ]


def test_only_text_differs() -> None:
    found = [
        f"{name}{d}"
        for name, english, spanish in dumps()
        for d in differences(without_text(english), without_text(spanish))
    ]
    assert not found, "\n".join(found)
    assert ENGLISH.sources == SPANISH.sources


# A short name made of words is translated; a device or wavelength name stays, written the Spanish way.
WORDS_IN_SHORT_NAMES = {"co2-full": "CO2 total"}


def test_short_names_stay_as_they_are_unless_they_are_words() -> None:
    """Short names label charts, tables and calendar events in every language. A device or wavelength name stays
    (a wavelength with no thousands comma: in Spanish a comma is the decimal mark, "1,550" would read as one and a
    half); a name made of words ("Full CO2") is translated."""
    for tid, english in ENGLISH.treatments.items():
        spanish = SPANISH.treatments[tid].short_name
        expected = WORDS_IN_SHORT_NAMES.get(tid, re.sub(r"(\d),(\d{3})\b", r"\1\2", english.short_name))
        assert spanish == expected, tid
        assert not re.search(r"\d,\d{3}\b", spanish), tid


def test_the_text_is_spanish() -> None:
    """Every text differs from the English, except the names kept on purpose (short names, the clinic's name)."""
    same = [path for path, e, s in all_text_pairs() if e == s and not path.endswith((".short_name", "clinic.name"))]
    assert not same, same


# Numbers and citations: "4.5" is "4,5" in Spanish and "1,550" is "1550"; numbers inside words (CO2, S20) are not
# counted as numbers, source keys are compared on their own.
NUMBER = re.compile(r"(?<!\w)\d+(?:[.,]\d+)?(?!\w)")
SOURCE_KEY = re.compile(r"\b(?:S\d+|clinic-page)\b")


def numbers(text: str, english: bool) -> list[str]:
    if english:
        text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # thousands: 1,550 -> 1550
        text = re.sub(r"(?<=\d)\.(?=\d)", ",", text)  # decimals: 4.5 -> 4,5
    return sorted(NUMBER.findall(text))


def test_numbers_and_source_keys_are_kept() -> None:
    """Short names are left out: they stay exactly as in English ("NAFL 1,550"), see above."""
    wrong = [
        f"{path}: {numbers(e, True)} / {numbers(s, False)}, {SOURCE_KEY.findall(e)} / {SOURCE_KEY.findall(s)}"
        for path, e, s in all_text_pairs()
        if not path.endswith(".short_name")
        if numbers(e, True) != numbers(s, False) or sorted(SOURCE_KEY.findall(e)) != sorted(SOURCE_KEY.findall(s))
    ]
    assert not wrong, "\n".join(wrong)


ATTRIBUTIONS = [
    ("clinic says", "clínica dice"),
    ("clinic pages say", "páginas de clínicas dicen"),
    ("call the clinic", "llame a la clínica"),
]


def test_who_says_so_stays_visible() -> None:
    lost = [
        f"{path}: {es_words!r} missing"
        for path, e, s in all_text_pairs()
        for en_words, es_words in ATTRIBUTIONS
        if e.lower().count(en_words) > s.lower().count(es_words)
    ]
    assert not lost, "\n".join(lost)
