"""The clinic display's slides, built from the data: what each slide says, which slide shows when, and where.

Everything here is a function of the dataset and the clock, never of a viewer: the display carries no
personal data and keeps no state, so a screen that reconnects or a server that restarts carries on by itself.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field

from dashboard.collagen import WEEKS, marker_level, model_label
from dashboard.facts import build_facts
from dashboard.gallery import CONSENT_NOTE, Gallery, display_photos, photo_label, render_photo
from dashboard.i18n import _
from dashboard.models import DEFAULT_SERIES, DEFAULT_TREATMENT, Dataset, Treatment
from dashboard.recovery import VISIBLE_LEVEL, Course, Personal, apply_modifiers, build_day
from dashboard.signs import CALL_LEAD, SignLine, sign_lines
from dashboard.words import attribution, days, review_status

FIRST_WEEK = range(0, 8)
SCREEN_PHOTOS = 2  # photos on the photo slide, side by side
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


@dataclass(frozen=True)
class ScreenPhoto:
    """One photo on the screen: its re-encoded display-size JPEG as a data URI (no metadata), label and alt text."""

    src: str
    label: str
    alt: str


@dataclass(frozen=True)
class Photos:
    items: tuple[ScreenPhoto, ...]
    note: str


Body = Facts | Days | Collagen | Comparison | Care | Warnings | Scan | Photos


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
    # TRANSLATORS: a small word before a big number on the waiting-room screen: 'Usually' '7 days'.
    usually, ask = _("Usually"), _("ask your clinician")
    items = [Fact(_("Redness"), usually, f.redness.value, t.symptom("redness").plain, f.redness.sources)]
    if crusts.peak_level > 0:
        items.append(
            Fact(
                _("Crusts"),
                usually,
                _("gone by day {day}").format(day=crusts.typical_end_day),
                crusts.plain,
                tuple(crusts.sources),
            )
        )
    work, makeup = t.milestone("work"), t.milestone("makeup")
    items.append(
        Fact(
            f.downtime.label,
            usually if f.downtime.known else "",
            f.downtime.value if f.downtime.known else ask,
            work.plain if work else f.downtime.text,
            f.downtime.sources,
        )
    )
    items.append(
        Fact(
            f.makeup.label,
            usually if f.makeup.known else "",
            f.makeup.value if f.makeup.known else ask,
            makeup.plain if makeup else f.makeup.text,
            f.makeup.sources,
        )
    )
    return Slide("glance", _("Recovery at a glance"), t.name, Facts(tuple(items)))


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
        # TRANSLATORS: a symptom and its usual level now, e.g. 'redness moderate'.
        symptoms = tuple(_("{symptom} {level}").format(symptom=s.symptom.name, level=s.words) for s in shown)
        rows.append(DayRow(day, state.phase.name, symptoms, reached))
        sources += [state.phase, *(s.symptom for s in shown), *(m for m in state.reached if m.day == day)]
    return Slide(
        "first-week",
        _("The first week, day by day"),
        _("{treatment}: what is typical on each day").format(treatment=t.short_name),
        Days(tuple(rows)),
        _keys(*sources),
    )


def _said_by(label: str, sources: tuple[str, ...]) -> str:
    who = attribution(sources)
    return f"{label} ({who})" if who else label


def build_collagen_slide(t: Treatment) -> Slide:
    """Collagen over the months: when results show, how long they keep improving and last, and the curve."""
    f = build_facts(_course(t))
    shown = [x for x in (f.first_results, f.strong_results) if x.known][:1] + [f.improving]
    # Big numbers on a screen read from three metres: the value, and who says so where it is guidance alone.
    items = [
        Fact(_said_by(x.label, x.sources), "", x.value, "", x.sources)
        for x in [*shown, *([f.lasting] if f.lasting is not None else [])]
    ]
    marker = next((m for m in t.collagen.markers if m.id == "collagen-1"), t.collagen.markers[0])
    curve = tuple(CurvePoint(w / 2, round(marker_level(marker, w / 2), 4)) for w in range(0, 2 * WEEKS + 1))
    anchors = tuple(CurvePoint(a.week, a.level, a.source, a.label) for a in marker.anchors if a.measured)
    body = Collagen(tuple(items), marker.name, curve, anchors, model_label(), t.collagen.peak_note or "")
    return Slide(
        "collagen",
        _("Collagen keeps building for months"),
        _("New collagen keeps forming long after the skin looks healed."),
        body,
        _keys(t.course.results, marker),
    )


def build_comparison(main: Treatment, series: Treatment) -> Slide:
    """One eCO2 session against a nonablative series: sessions, downtime, redness and results timing."""
    columns = [build_facts(_course(t)) for t in (main, series)]

    def row(label: str, pick) -> Row:  # noqa: ANN001 - small local helper
        cells = [pick(f) for f in columns]
        return Row(label, tuple(Cell(value, sources if known else ()) for value, sources, known in cells))

    rows = (
        row(_("Sessions"), lambda f: (f.sessions.value, f.sessions.sources, True)),
        row(
            _("Days off work and social life, in all"),
            lambda f: (
                days(f.downtime_days) if f.downtime.known else f.downtime.value,
                f.downtime.sources,
                f.downtime.known,
            ),
        ),
        row(_("Days of visible redness, in all"), lambda f: (days(f.redness_days), f.redness.sources, True)),
        row(_("First change shows"), lambda f: (f.first_results.value, f.first_results.sources, f.first_results.known)),
        row(_("Strong results"), lambda f: (f.strong_results.value, f.strong_results.sources, f.strong_results.known)),
    )
    claim = _(
        "“One session instead of four or more” is the clinic's own claim. None of our sources compared the "
        "two directly."
    )
    # TRANSLATORS: “Not known” quotes the words a table cell shows when no source gives a fact ('not known').
    notes = (claim, _("Days are counted from the first session. “Not known” means no source gives it."))
    return Slide(
        "compare",
        _("One {first} session or a {second} series").format(first=main.short_name, second=series.short_name),
        _("Typical courses from our data. Totals count every session."),
        Comparison((main.short_name, series.short_name), rows, notes),
        _keys(main.course.sessions, series.course.sessions),
    )


def build_aftercare(t: Treatment, windows: int = 3) -> Slide:
    """Aftercare essentials for the first weeks, one column per window of days."""
    chosen = t.aftercare[:windows]
    columns = tuple(
        CareColumn(_("Days {first} to {last}").format(first=a.start_day, last=a.end_day), tuple(a.do), tuple(a.avoid))
        for a in chosen
    )
    return Slide(
        "aftercare",
        _("Aftercare essentials"),
        _("What to do, and what to avoid, as the skin heals"),
        Care(columns),
        _keys(*chosen),
    )


def build_warnings(t: Treatment, phone: str) -> Slide:
    """When to call the clinic: every warning sign of the treatment, the urgent ones first."""
    lines = sign_lines(t.warning_signs)
    lead = _(CALL_LEAD).format(phone=phone)
    return Slide("call", _("When to call the clinic"), lead, Warnings(phone, lines), _keys(*lines))


def build_scan(app_url: str | None, disclaimer: str) -> Slide:
    """Hand over to the phone: a QR code that opens the day-by-day page."""
    lead = (
        _("Scan the code with your phone's camera. No login, no name needed.")
        if app_url
        else _("Ask our staff for the link to this guide.")
    )
    return Slide("scan", _("See your recovery day by day"), lead, Scan(app_url, disclaimer))


def build_photos(dataset: Dataset, gallery: Gallery) -> Slide | None:
    """The clinic's photos whose patients also agreed to the waiting-room screen; None when there are none."""
    items = []
    for photo in display_photos(gallery):
        try:
            jpeg = render_photo(gallery.path(photo), "display")
        # A file changed since the gallery was checked: leave it out rather than stop the screen.
        except Exception:  # noqa: BLE001
            continue
        treatment = dataset.treatments.get(photo.treatment)
        src = "data:image/jpeg;base64," + base64.b64encode(jpeg).decode("ascii")
        items.append(ScreenPhoto(src, photo_label(photo, treatment.short_name if treatment else None), photo.alt))
        if len(items) == SCREEN_PHOTOS:
            break
    if not items:
        return None
    return Slide(
        "photos",
        _("What healing can look like"),
        _("Photos of this clinic's own patients, at different days after treatment"),
        Photos(tuple(items), _(CONSENT_NOTE)),
    )


def build_slides(dataset: Dataset, app_url: str | None, gallery: Gallery | None = None) -> tuple[Slide, ...]:
    """The display's slides in showing order; comparison slides need both treatments in the data, the photo slide
    photos marked for the screen (display: true)."""
    main = dataset.treatments.get(DEFAULT_TREATMENT) or next(iter(dataset.treatments.values()))
    series = dataset.treatments.get(DEFAULT_SERIES)
    slides = [build_glance(main), build_first_week(main)]
    photos = build_photos(dataset, gallery) if gallery is not None else None
    slides += [photos] if photos is not None else []
    slides.append(build_collagen_slide(main))
    if series is not None and series.id != main.id:
        slides.append(build_comparison(main, series))
    # The disclaimer carries the review status: who at the clinic reviewed the content, or that nobody has yet.
    slides += [
        build_aftercare(main),
        build_warnings(main, dataset.clinic.phone),
        build_scan(app_url, f"{dataset.clinic.disclaimer} {review_status(dataset.clinic)}"),
    ]
    return tuple(slides)
