"""How numbers and codes read in plain words: one home for each, used by every surface (pages, PDF, calendar,
display), so that the same fact never reads two ways. Every phrase goes through the catalogs (dashboard/i18n.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dashboard.i18n import N_, NP_, SOURCE_LANGUAGE, _, format_long_date, ngettext, pgettext
from dashboard.models import LEVEL_WORDS, AppliesTo, Clinic

NOT_REVIEWED = N_("A clinician of this clinic has not yet reviewed this content.")
URGENT_HELP = N_("If you cannot reach the clinic, get urgent medical help.")
OUT_OF_HOURS_FALLBACK = N_(
    "When the clinic is closed and it cannot wait, contact your usual out-of-hours medical service."
)
# After the warning signs on the handout and its preview: what they are not.
NORMAL_HEALING = N_(
    "Redness, crusts, pinpoint bleeding on the first day, bronzing and peeling are normal parts of "
    "healing. If you are worried, call anyway."
)

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}
CLINIC_PAGE = "clinic-page"
SECONDARY = frozenset({"S39", "S40"})  # institutional and clinic pages: guidance, not study results
LEVELS = (N_("none"), N_("mild"), N_("moderate"), N_("marked"))  # LEVEL_WORDS, as people read them
AREAS = {"face": N_("face"), "neck": N_("neck"), "chest": N_("chest"), "hands": N_("hands")}
INTENSITIES = {"light": N_("light"), "standard": N_("standard"), "deep": N_("deep")}
assert len(LEVELS) == len(LEVEL_WORDS)


# A symptom's levels, each with the symptom as its context, so that a language can make the word agree with the
# symptom's name ('Hinchazón: ninguna', 'Dolor: ninguno'). English reads them as LEVELS.
SYMPTOM_LEVELS: dict[str, tuple[tuple[str, str], ...]] = {
    "redness": (NP_("redness", "none"), NP_("redness", "mild"), NP_("redness", "moderate"), NP_("redness", "marked")),
    "swelling": (
        NP_("swelling", "none"),
        NP_("swelling", "mild"),
        NP_("swelling", "moderate"),
        NP_("swelling", "marked"),
    ),
    "oozing": (NP_("oozing", "none"), NP_("oozing", "mild"), NP_("oozing", "moderate"), NP_("oozing", "marked")),
    "crusting": (
        NP_("crusting", "none"),
        NP_("crusting", "mild"),
        NP_("crusting", "moderate"),
        NP_("crusting", "marked"),
    ),
    "bronzing": (
        NP_("bronzing", "none"),
        NP_("bronzing", "mild"),
        NP_("bronzing", "moderate"),
        NP_("bronzing", "marked"),
    ),
    "peeling": (NP_("peeling", "none"), NP_("peeling", "mild"), NP_("peeling", "moderate"), NP_("peeling", "marked")),
    "dryness": (NP_("dryness", "none"), NP_("dryness", "mild"), NP_("dryness", "moderate"), NP_("dryness", "marked")),
    "tenderness": (
        NP_("tenderness", "none"),
        NP_("tenderness", "mild"),
        NP_("tenderness", "moderate"),
        NP_("tenderness", "marked"),
    ),
}
assert all(tuple(m for _c, m in v) == LEVELS for v in SYMPTOM_LEVELS.values())


def level(index: int, symptom: str | None = None) -> str:
    """A level on the 0-3 scale in words: 'none', 'mild', 'moderate', 'marked'; of a symptom, agreeing with its
    name where the language needs it."""
    if symptom in SYMPTOM_LEVELS:
        return pgettext(*SYMPTOM_LEVELS[symptom][index])
    return _(LEVELS[index])


def level_range(low: int, high: int, symptom: str | None = None) -> str:
    """A usual range of levels in words: 'mild to moderate', or one word when both ends are the same."""
    if low == high:
        return level(low, symptom)
    return _("{low} to {high}").format(low=level(low, symptom), high=level(high, symptom))


def area(code: str) -> str:
    """A treated area in words ('face')."""
    return _(AREAS[code]) if code in AREAS else code


def intensity(code: str) -> str:
    """A treatment strength in words ('standard')."""
    return _(INTENSITIES[code]) if code in INTENSITIES else code


def days(n: int) -> str:
    """'1 day', '3 days'."""
    return ngettext("{n} day", "{n} days", n).format(n=n)


def weeks(n: int) -> str:
    """'1 week', '3 weeks'."""
    return ngettext("{n} week", "{n} weeks", n).format(n=n)


def months(n: int) -> str:
    """'1 month', '6 months'."""
    return ngettext("{n} month", "{n} months", n).format(n=n)


def sessions(n: int) -> str:
    """'1 session', '3 sessions'."""
    return ngettext("{n} session", "{n} sessions", n).format(n=n)


def _unit(days_: int) -> tuple[float, str]:
    """The unit people use for a span: days up to 4 weeks, then weeks up to 3 months, then months."""
    if days_ < 28:
        return 1, "day"
    if days_ < 90:
        return 7, "week"
    return 30.44, "month"


def _in_unit(n: int, unit: str) -> str:
    return {"day": days, "week": weeks, "month": months}[unit](n)


def span(days_: int) -> str:
    """A span of days the way people say it: days up to 4 weeks, then weeks up to 3 months, then months."""
    per, unit = _unit(days_)
    return _in_unit(round(days_ / per), unit)


def span_between(first: int, last: int) -> str:
    """A range of days in the unit of its later end: '2 to 3 months', '5 to 7 days'."""
    per, unit = _unit(last)
    low, high = round(first / per), round(last / per)
    if low == high:
        return _in_unit(high, unit)
    template = {
        "day": ngettext("{low} to {n} day", "{low} to {n} days", high),
        "week": ngettext("{low} to {n} week", "{low} to {n} weeks", high),
        "month": ngettext("{low} to {n} month", "{low} to {n} months", high),
    }[unit]
    return template.format(low=low, n=high)


def skin_type(phototype: int | None) -> str:
    """'skin type IV', or 'skin type not given'."""
    return _("skin type {numeral}").format(numeral=ROMAN[phototype]) if phototype in ROMAN else _("skin type not given")


def skin_types(phototypes: Iterable[int]) -> str:
    """'skin types IV, V and VI' (numerals in capitals, as clinicians write them)."""
    valid = [p for p in phototypes if p in ROMAN]
    if len(valid) == 1:
        return skin_type(valid[0])
    numerals = [ROMAN[p] for p in valid]
    return _("skin types {list} and {last}").format(list=", ".join(numerals[:-1]), last=numerals[-1])


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
        return _("treated area: {area}").format(area=area(a.area))
    if a.intensity is not None:
        return _("strength: {intensity}").format(intensity=intensity(a.intensity))
    return skin_types(a.phototypes or [])


def attribution(sources: Iterable[str]) -> str:
    """Who says so, when a fact rests on guidance rather than studies: '' for study-backed facts."""
    keys = set(sources)
    if keys == {CLINIC_PAGE}:
        return _("the clinic says")
    if keys and keys <= SECONDARY | {CLINIC_PAGE}:
        return _("clinic pages say") if CLINIC_PAGE not in keys else _("the clinic and other clinics say")
    return ""


def figure_sources(item: object) -> list[str]:
    """The sources a figure's number comes from: its `figure_source` where the data names one, else all it cites.
    A number taken from the clinic's page reads "the clinic says" whatever else is cited beside it."""
    figure = getattr(item, "figure_source", None)
    return [figure] if figure else list(getattr(item, "sources", ()))


def with_attribution(text: str, sources: Iterable[str]) -> str:
    """The text with '(the clinic says)' or similar, before its full stop, where the fact rests on guidance alone."""
    who = attribution(sources)
    if not who:
        return text
    body, stop = (text[:-1], ".") if text.endswith(".") else (text, "")
    return f"{body} ({who}){stop}"


def out_of_hours(clinic: Clinic) -> str:
    """What to do when the clinic is closed: the clinic's own words, or a safe general line until it gives them."""
    return clinic.out_of_hours or _(OUT_OF_HOURS_FALLBACK)


PLACEHOLDER_PHONE = N_("(placeholder number: the clinic has not set its real one)")


def phone_number(clinic: Clinic) -> str:
    """The clinic's number to dial, as print gives it: a placeholder without the note clinic.yaml may write into it
    ('+1 555 0100 (placeholder)' -> '+1 555 0100'), a real number as clinic.yaml has it."""
    if not clinic.placeholder_contact:
        return clinic.phone
    return clinic.phone.split("(", 1)[0].strip() or clinic.phone


def phone_with_note(clinic: Clinic) -> str:
    """The clinic's number with, when it is a placeholder, that note once: '+1 555 0100 (placeholder number: the
    clinic has not set its real one)'."""
    note = f" {_(PLACEHOLDER_PHONE)}" if clinic.placeholder_contact else ""
    return phone_number(clinic) + note


def long_date(d: date) -> str:
    """A date written out: '27 November 2026'."""
    return format_long_date(d)


def review_status(clinic: Clinic) -> str:
    """Whether a clinician of the clinic has reviewed the content, and when the content last changed."""
    updated = _("Content updated {date}.").format(date=long_date(clinic.content_updated))
    if clinic.reviewed_by is not None and clinic.reviewed_on is not None:
        return (
            updated
            + " "
            + _("Reviewed by {name} on {date}.").format(name=clinic.reviewed_by, date=long_date(clinic.reviewed_on))
        )
    return f"{updated} {_(NOT_REVIEWED)}"


def translation_status(clinic: Clinic, language: str) -> str:
    """For a page in a translation: who at the clinic checked it, or that nobody has yet ('' in English)."""
    if language == SOURCE_LANGUAGE:
        return ""
    review = clinic.translations.get(language)
    if review is None:
        return _("This translation has not yet been checked by the clinic. If anything is unclear, ask the clinic.")
    return _("Translation checked by {name} on {date}.").format(
        name=review.reviewed_by, date=long_date(review.reviewed_on)
    )
