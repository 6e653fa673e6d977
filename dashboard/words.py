"""How numbers and codes read in plain words: one home for each, used by every surface (pages, PDF, calendar,
display), so that the same fact never reads two ways."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dashboard.models import AppliesTo, Clinic

NOT_REVIEWED = "A clinician of this clinic has not yet reviewed this content."

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}
CLINIC_PAGE = "clinic-page"
SECONDARY = frozenset({"S39", "S40"})  # institutional and clinic pages: guidance, not study results


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 day', '3 days'."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def span(days: int) -> str:
    """A span of days the way people say it: days up to 4 weeks, then weeks up to 3 months, then months."""
    if days < 28:
        return plural(days, "day")
    if days < 90:
        return plural(round(days / 7), "week")
    return plural(round(days / 30.44), "month")


def skin_type(phototype: int | None) -> str:
    """'skin type IV', or 'skin type not given'."""
    return f"skin type {ROMAN[phototype]}" if phototype in ROMAN else "skin type not given"


def skin_types(phototypes: Iterable[int]) -> str:
    """'skin types IV, V and VI' (numerals in capitals, as clinicians write them)."""
    numerals = [ROMAN[p] for p in phototypes if p in ROMAN]
    if len(numerals) == 1:
        return f"skin type {numerals[0]}"
    return "skin types " + ", ".join(numerals[:-1]) + " and " + numerals[-1]


def as_sentence(text: str) -> str:
    """The text ending in exactly one full stop (a warning sign's text may end in one already)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def first_upper(text: str) -> str:
    """The text with its first letter in capitals and the rest untouched (str.capitalize lowers 'IV' to 'iv')."""
    return text[:1].upper() + text[1:]


def applies_to(a: AppliesTo) -> str:
    """Who a modifier is for, in words: 'treated area: neck', 'strength: deep', 'skin types IV, V and VI'."""
    if a.area is not None:
        return f"treated area: {a.area}"
    if a.intensity is not None:
        return f"strength: {a.intensity}"
    return skin_types(a.phototypes or [])


def attribution(sources: Iterable[str]) -> str:
    """Who says so, when a fact rests on guidance rather than studies: '' for study-backed facts."""
    keys = set(sources)
    if keys == {CLINIC_PAGE}:
        return "the clinic says"
    if keys and keys <= SECONDARY | {CLINIC_PAGE}:
        return "clinic pages say" if CLINIC_PAGE not in keys else "the clinic and other clinics say"
    return ""


def with_attribution(text: str, sources: Iterable[str]) -> str:
    """The text with '(the clinic says)' or similar, before its full stop, where the fact rests on guidance alone."""
    who = attribution(sources)
    if not who:
        return text
    body, stop = (text[:-1], ".") if text.endswith(".") else (text, "")
    return f"{body} ({who}){stop}"


def span_between(first: int, last: int) -> str:
    """A range of days in the unit of its later end: '2 to 3 months', '5 to 7 days'."""
    high = span(last)
    number, unit = high.split(" ", 1)
    per = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30.44, "months": 30.44}[unit]
    low = round(first / per)
    return high if low == int(number) else f"{low} to {number} {unit}"


URGENT_HELP = "If you cannot reach the clinic, get urgent medical help."
OUT_OF_HOURS_FALLBACK = ("When the clinic is closed and it cannot wait, contact your usual out-of-hours medical "
                         "service.")


def out_of_hours(clinic: Clinic) -> str:
    """What to do when the clinic is closed: the clinic's own words, or a safe general line until it gives them."""
    return clinic.out_of_hours or OUT_OF_HOURS_FALLBACK


def long_date(d: date) -> str:
    """A date written out: '27 November 2026'."""
    return f"{d.day} {d:%B %Y}"


def review_status(clinic: Clinic) -> str:
    """Whether a clinician of the clinic has reviewed the content, and when the content last changed."""
    updated = f"Content updated {long_date(clinic.content_updated)}."
    if clinic.reviewed_by is not None and clinic.reviewed_on is not None:
        return f"{updated} Reviewed by {clinic.reviewed_by} on {long_date(clinic.reviewed_on)}."
    return f"{updated} {NOT_REVIEWED}"
