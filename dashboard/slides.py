"""The clinic display's slides, built from the data: what each slide says, which slide shows when, and where.

Everything here is a function of the dataset and the clock, never of a viewer: the display carries no
personal data and keeps no state, so a screen that reconnects or a server that restarts carries on by itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from dashboard.collagen import MODEL_LABEL, WEEKS, marker_level
from dashboard.facts import UNKNOWN, build_facts
from dashboard.models import DEFAULT_SERIES, DEFAULT_TREATMENT, Dataset, Treatment
from dashboard.recovery import VISIBLE_LEVEL, Course, Personal, apply_modifiers, build_day
from dashboard.signs import ANSWER_TEXT, SignLine, sign_lines
from dashboard.words import attribution, plural

FIRST_WEEK = range(0, 8)
SHIFT_SECONDS = 240  # the layout moves to its next position every 4 minutes (burn-in care)
SHIFT_POSITIONS = 12  # ... around a small ellipse, so one lap takes 48 minutes
SHIFT_PX = (28, 16)  # the ellipse's half-width and half-height in CSS pixels


@dataclass(frozen=True)
class Fact:
    """One big number: '<prefix> <value>', a plain sentence, and its sources."""

    label: str
    prefix: str
    value: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    items: tuple[Fact, ...]


@dataclass(frozen=True)
class DayRow:
    """One day of the first week: its phase, the symptoms that show, and what becomes fine that day."""

    day: int
    phase: str
    symptoms: tuple[str, ...]
    reached: tuple[str, ...]


@dataclass(frozen=True)
class Days:
    rows: tuple[DayRow, ...]


@dataclass(frozen=True)
class CurvePoint:
    week: float
    level: float
    source: str = ""
    label: str = ""


@dataclass(frozen=True)
class Collagen:
    """The results timing as big numbers beside one modelled curve with its cited anchor points."""

    facts: tuple[Fact, ...]
    curve_name: str
    curve: tuple[CurvePoint, ...]
    anchors: tuple[CurvePoint, ...]
    model_label: str
    note: str = ""


@dataclass(frozen=True)
class Cell:
    value: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Comparison:
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class CareColumn:
    heading: str
    do: tuple[str, ...]
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class Care:
    columns: tuple[CareColumn, ...]


@dataclass(frozen=True)
class Warnings:
    phone: str
    signs: tuple[SignLine, ...]


@dataclass(frozen=True)
class Scan:
    """The slide that hands the story over to the visitor's phone."""

    url: str | None
    text: str


Body = Facts | Days | Collagen | Comparison | Care | Warnings | Scan


@dataclass(frozen=True)
class Slide:
    id: str
    title: str
    lead: str
    body: Body
    sources: tuple[str, ...] = field(default=())


def slide_at(now: float, interval: int, count: int) -> int:
    """The slide showing at a moment: derived from the clock alone, so every screen and restart agrees."""
    if count <= 0:
        return 0
    return int(now // max(1, interval)) % count


def layout_offset(now: float) -> tuple[int, int]:
    """A small shift of the whole layout (dx, dy in px) that moves every few minutes, to spare the screen."""
    step = int(now // SHIFT_SECONDS) % SHIFT_POSITIONS
    angle = 2 * math.pi * step / SHIFT_POSITIONS
    return round(SHIFT_PX[0] * math.cos(angle)), round(SHIFT_PX[1] * math.sin(angle))


def _keys(*groups: object) -> tuple[str, ...]:
    """Source keys in first-seen order, from any mix of key lists and objects with `sources`."""
    keys: list[str] = []
    for group in groups:
        items = getattr(group, "sources", group)
        keys.extend(items)  # type: ignore[arg-type]
    return tuple(dict.fromkeys(keys))


def _course(t: Treatment) -> Course:
    # The display shows the typical course only: it never reads a person's area, strength or skin type.
    return apply_modifiers(t, Personal())


def build_glance(t: Treatment) -> Slide:
    """Recovery at a glance: when redness and crusts are usually gone, and when work and makeup are fine."""
    f = build_facts(_course(t))
    crusts = t.symptom("crusting")
    items = [Fact("Redness", "Usually", f.redness.value, t.symptom("redness").plain, f.redness.sources)]
    if crusts.peak_level > 0:
        items.append(Fact("Crusts", "Usually", f"gone by day {crusts.typical_end_day}", crusts.plain,
                          tuple(crusts.sources)))
    work, makeup = t.milestone("work"), t.milestone("makeup")
    items.append(Fact(f.downtime.label, "Usually" if f.downtime.known else "", f.downtime.value if f.downtime.known
                      else "ask your clinician", work.plain if work else f.downtime.text, f.downtime.sources))
    items.append(Fact(f.makeup.label, "Usually" if f.makeup.known else "", f.makeup.value if f.makeup.known
                      else "ask your clinician", makeup.plain if makeup else f.makeup.text, f.makeup.sources))
    return Slide("glance", "Recovery at a glance", t.name, Facts(tuple(items)))


def build_first_week(t: Treatment) -> Slide:
    """The first week, one compact row per day: phase, what shows, and what becomes fine."""
    course = _course(t)
    rows: list[DayRow] = []
    sources: list[object] = []
    for day in FIRST_WEEK:
        if day > t.horizon_days:
            break
        state = build_day(course, day)
        shown = sorted((s for s in state.symptoms if s.typical >= VISIBLE_LEVEL), key=lambda s: -s.typical)[:3]
        reached = tuple(m.label for m in state.reached if m.day == day)
        rows.append(DayRow(day, state.phase.name, tuple(f"{s.symptom.name} {s.words}" for s in shown), reached))
        sources += [state.phase, *(s.symptom for s in shown), *(m for m in state.reached if m.day == day)]
    return Slide("first-week", "The first week, day by day", f"{t.short_name}: what is typical on each day",
                 Days(tuple(rows)), _keys(*sources))


def _said_by(label: str, sources: tuple[str, ...]) -> str:
    who = attribution(sources)
    return f"{label} ({who})" if who else label


def build_collagen_slide(t: Treatment) -> Slide:
    """Collagen over the months: when results show, how long they keep improving and last, and the curve."""
    f = build_facts(_course(t))
    shown = [x for x in (f.first_results, f.strong_results) if x.known][:1] + [f.improving]
    # Big numbers on a screen read from three metres: the value, and who says so where it is guidance alone.
    items = [Fact(_said_by(x.label, x.sources), "", x.value, "", x.sources)
             for x in [*shown, *([f.lasting] if f.lasting is not None else [])]]
    marker = next((m for m in t.collagen.markers if m.id == "collagen-1"), t.collagen.markers[0])
    curve = tuple(CurvePoint(w / 2, round(marker_level(marker, w / 2), 4)) for w in range(0, 2 * WEEKS + 1))
    anchors = tuple(CurvePoint(a.week, a.level, a.source, a.label) for a in marker.anchors if a.measured)
    body = Collagen(tuple(items), marker.name, curve, anchors, MODEL_LABEL, t.collagen.peak_note or "")
    return Slide("collagen", "Collagen keeps building for months",
                 "New collagen keeps forming long after the skin looks healed.", body, _keys(t.course.results, marker))


def build_comparison(main: Treatment, series: Treatment) -> Slide:
    """One eCO2 session against a nonablative series: sessions, downtime, redness and results timing."""
    columns = [build_facts(_course(t)) for t in (main, series)]

    def row(label: str, pick) -> Row:  # noqa: ANN001 - small local helper
        cells = [pick(f) for f in columns]
        return Row(label, tuple(Cell(value, sources if value != UNKNOWN else ()) for value, sources in cells))

    rows = (
        row("Sessions", lambda f: (f.sessions.value, f.sessions.sources)),
        row("Days off work and social life, in all",
            lambda f: (plural(f.downtime_days, "day") if f.downtime.known else f.downtime.value, f.downtime.sources)),
        row("Days of visible redness, in all", lambda f: (plural(f.redness_days, "day"), f.redness.sources)),
        row("First change shows", lambda f: (f.first_results.value, f.first_results.sources)),
        row("Strong results", lambda f: (f.strong_results.value, f.strong_results.sources)),
    )
    claim = ("“One session instead of four or more” is the clinic's own claim. None of our sources compared the "
             "two directly.")
    notes = (claim, "Days are counted from the first session. “Not known” means no source gives it.")
    return Slide("compare", f"One {main.short_name} session or a {series.short_name} series",
                 "Typical courses from our data. Totals count every session.",
                 Comparison((main.short_name, series.short_name), rows, notes),
                 _keys(main.course.sessions, series.course.sessions))


def build_aftercare(t: Treatment, windows: int = 3) -> Slide:
    """Aftercare essentials for the first weeks, one column per window of days."""
    chosen = t.aftercare[:windows]
    columns = tuple(CareColumn(f"Days {a.start_day} to {a.end_day}", tuple(a.do), tuple(a.avoid)) for a in chosen)
    return Slide("aftercare", "Aftercare essentials", "What to do, and what to avoid, as the skin heals",
                 Care(columns), _keys(*chosen))


def build_warnings(t: Treatment, phone: str) -> Slide:
    """When to call the clinic: every warning sign of the treatment, the urgent ones first."""
    lines = sign_lines(t.warning_signs)
    return Slide("call", "When to call the clinic", f"{ANSWER_TEXT['call']} on {phone} if you notice any of these:",
                 Warnings(phone, lines), _keys(*lines))


def build_scan(app_url: str | None, disclaimer: str) -> Slide:
    """Hand over to the phone: a QR code that opens the day-by-day page."""
    lead = ("Scan the code with your phone's camera. No login, no name needed." if app_url
            else "Ask our staff for the link to this guide.")
    return Slide("scan", "See your recovery day by day", lead, Scan(app_url, disclaimer))


def build_slides(dataset: Dataset, app_url: str | None) -> tuple[Slide, ...]:
    """The display's slides in showing order; comparison slides need both treatments in the data."""
    main = dataset.treatments.get(DEFAULT_TREATMENT) or next(iter(dataset.treatments.values()))
    series = dataset.treatments.get(DEFAULT_SERIES)
    slides = [build_glance(main), build_first_week(main), build_collagen_slide(main)]
    if series is not None and series.id != main.id:
        slides.append(build_comparison(main, series))
    slides += [build_aftercare(main), build_warnings(main, dataset.clinic.phone),
               build_scan(app_url, dataset.clinic.disclaimer)]
    return tuple(slides)
