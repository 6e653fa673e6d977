"""Frozen data models for the treatment knowledge in `data/`.

Clinical names stay in the model (`erythema` is the symptom id `redness` with `clinical_name: erythema`);
the UI shows the plain names. Every number a person sees sits next to the source keys that back it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
Day = Annotated[int, Field(ge=0, le=730)]
Level = Annotated[int, Field(ge=0, le=3)]
SourceKeys = Annotated[list[str], Field(min_length=1)]

SourceLevel = Literal["study", "case series", "review", "textbook", "institutional", "clinic"]
Area = Literal["face", "neck", "chest", "hands"]
Intensity = Literal["light", "standard", "deep"]
TreatmentKind = Literal["fractional-ablative", "fully-ablative", "nonablative-fractional"]
MilestoneKind = Literal["makeup", "work", "exercise", "sun", "skincare", "next-session", "results", "follow-up"]
# What the clinic answers to a report, mildest first: usual for the day; worth mentioning at the follow-up visit;
# call when the clinic is open (it can wait for office hours, never a night-time call); call today; call now.
TriageAnswer = Literal["expected", "follow-up", "office-hours", "call-today", "urgent"]
TRIAGE_ORDER: tuple[TriageAnswer, ...] = ("expected", "follow-up", "office-hours", "call-today", "urgent")
Urgency = Literal["office-hours", "call-today", "urgent"]  # a warning sign's answer: always a call
SymptomId = Literal["redness", "swelling", "oozing", "crusting", "bronzing", "peeling", "dryness", "tenderness"]

DEFAULT_TREATMENT = "eco2"  # the clinic's own treatment: the default view, and a file every data folder needs
DEFAULT_SERIES = "nafl-1550"  # the nonablative series it is compared with by default
AREAS: tuple[str, ...] = ("face", "neck", "chest", "hands")
INTENSITIES: tuple[str, ...] = ("light", "standard", "deep")
PHOTOTYPES: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
LEVEL_WORDS: tuple[str, ...] = ("none", "mild", "moderate", "marked")
MAX_SESSIONS = 12  # the most sessions a course, a link or a plan may have


class Frozen(BaseModel):
    """Base: immutable, and unknown fields are errors (a typo in YAML must not pass silently)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Frozen):
    key: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]*$", max_length=40)]
    title: Text
    level: SourceLevel
    detail: Text | None = None
    identifier: str | None = None
    # R: read in the source itself; S: secondary guidance (clinic, institutional pages); G: general background
    # knowledge that the evidence sheet summarises without a single citation.
    flag: Literal["R", "S", "G"]


class SourcesFile(Frozen):
    sources: list[Source] = Field(min_length=1)


class TranslationReview(Frozen):
    """Who at the clinic checked a translation against the English content, and when."""

    reviewed_by: Text
    reviewed_on: date


class Clinic(Frozen):
    name: Text
    phone: Text
    website: HttpUrl | None = None
    brand_colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
    content_updated: date
    disclaimer: Text
    placeholder_contact: bool = False
    public_url: str | None = None
    # What to do when the clinic is closed: shown with every "call" answer, on the handout and in the calendar.
    out_of_hours: Text | None = None
    # The clinical sign-off: who at the clinic reviewed the content, and when. Until both are filled, every page
    # says that no clinician of this clinic has reviewed it yet.
    reviewed_by: Text | None = None
    reviewed_on: date | None = None
    # The translation sign-off, per language code: until a language has one, its pages say the translation has not
    # been checked by the clinic.
    translations: dict[str, TranslationReview] = {}

    @model_validator(mode="after")
    def _review_complete(self) -> Clinic:
        if (self.reviewed_by is None) != (self.reviewed_on is None):
            raise ValueError("reviewed_by and reviewed_on go together: fill both, or leave both out")
        return self

    @property
    def signed_off(self) -> bool:
        """True when a clinician of the clinic has reviewed the content."""
        return self.reviewed_by is not None and self.reviewed_on is not None


class Sourced(Frozen):
    sources: SourceKeys
    note: Text | None = None


class Advice(Sourced):
    """One thing to do or tell the clinician, with its own sources."""

    text: Text


class Visit(Sourced):
    anaesthesia: Text
    duration: Text
    minutes: Annotated[int, Field(ge=1, le=600)] | None = None
    pain: Text | None = None
    before: list[Advice] = Field(default_factory=list)


class Phase(Sourced):
    id: Id
    name: Text
    start_day: Day
    end_day: Day
    description: Text

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.end_day < self.start_day:
            raise ValueError(f"end_day {self.end_day} is before start_day {self.start_day}")
        return self


class Symptom(Sourced):
    """One symptom's typical course: rise to a peak, then ease off, with the usual spread of resolution."""

    id: SymptomId
    name: Text
    clinical_name: Text
    onset_day: Day
    peak_day: Day
    peak_level: Level
    typical_end_day: Day
    earliest_end_day: Day
    range_end_day: Day
    longest_reported_day: Day | None = None
    # The source the day it is usually gone by (typical_end_day) comes from, where several are cited: a number
    # taken from the clinic's page reads "the clinic says" whatever else is cited beside it.
    figure_source: str | None = None
    plain: Text

    @model_validator(mode="after")
    def _ordered(self) -> Symptom:
        checks = [
            ("peak_day", self.peak_day, "onset_day", self.onset_day),
            ("earliest_end_day", self.earliest_end_day, "peak_day", self.peak_day),
            ("typical_end_day", self.typical_end_day, "earliest_end_day", self.earliest_end_day),
            ("range_end_day", self.range_end_day, "typical_end_day", self.typical_end_day),
        ]
        if self.longest_reported_day is not None:
            checks.append(("longest_reported_day", self.longest_reported_day, "range_end_day", self.range_end_day))
        for late_name, late, early_name, early in checks:
            if late < early:
                raise ValueError(f"{late_name} ({late}) is before {early_name} ({early})")
        # A symptom that is present cannot also be gone on its peak day: the curve needs at least a day to ease.
        if self.peak_level > 0 and self.earliest_end_day == self.peak_day:
            raise ValueError(
                f"earliest_end_day ({self.earliest_end_day}) must be after peak_day ({self.peak_day})"
                " when the symptom is present (peak_level above 0)"
            )
        return self

    @property
    def latest_day(self) -> int:
        """The last day on which this symptom is still within anything the sources report."""
        return self.longest_reported_day if self.longest_reported_day is not None else self.range_end_day


class Milestone(Sourced):
    """When something is usually fine again; `day` is None where no source gives a time."""

    id: Id
    kind: MilestoneKind
    label: Text
    day: Day | None
    earliest_day: Day | None = None
    latest_day: Day | None = None
    figure_source: str | None = None  # the source its day comes from, where several are cited (see Symptom)
    plain: Text

    @model_validator(mode="after")
    def _ordered(self) -> Milestone:
        if self.day is None:
            if self.earliest_day is not None or self.latest_day is not None:
                raise ValueError("earliest_day/latest_day given without a day")
            if self.note is None:
                raise ValueError("a milestone without a day needs a note saying why")
            return self
        if self.earliest_day is not None and self.earliest_day > self.day:
            raise ValueError(f"earliest_day ({self.earliest_day}) is after day ({self.day})")
        if self.latest_day is not None and self.latest_day < self.day:
            raise ValueError(f"latest_day ({self.latest_day}) is before day ({self.day})")
        return self


class Aftercare(Sourced):
    start_day: Day
    end_day: Day
    do: list[Text] = Field(default_factory=list)
    avoid: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Aftercare:
        if self.end_day < self.start_day:
            raise ValueError(f"end_day {self.end_day} is before start_day {self.start_day}")
        if not self.do and not self.avoid:
            raise ValueError("an aftercare window needs at least one 'do' or 'avoid' item")
        return self


class WarningSign(Sourced):
    """A reason to call the clinic. It is shown, and can be ticked, on every day; the likely days only order it.
    `urgency` is how soon: in office hours (it can wait until the clinic opens), today, or now."""

    id: Id
    text: Text
    likely_from_day: Day = 0
    likely_to_day: Day | None = None
    urgency: Urgency = "call-today"

    @model_validator(mode="after")
    def _ordered(self) -> WarningSign:
        if self.likely_to_day is not None and self.likely_to_day < self.likely_from_day:
            raise ValueError(f"likely_to_day {self.likely_to_day} is before likely_from_day {self.likely_from_day}")
        return self

    def likely_on(self, day: int) -> bool:
        """True when the sign most often appears around this day (for ordering; it is shown on every day)."""
        return self.likely_from_day <= day and (self.likely_to_day is None or day <= self.likely_to_day)


class Count(Sourced):
    typical: Annotated[int, Field(ge=1, le=MAX_SESSIONS)]
    min: Annotated[int, Field(ge=1, le=MAX_SESSIONS)]
    max: Annotated[int, Field(ge=1, le=MAX_SESSIONS)]
    figure_source: str | None = None  # the source the typical count comes from, where several are cited

    @model_validator(mode="after")
    def _ordered(self) -> Count:
        if not self.min <= self.typical <= self.max:
            raise ValueError(f"need min <= typical <= max, got {self.min}, {self.typical}, {self.max}")
        return self


class Interval(Sourced):
    min_days: Annotated[int, Field(ge=1, le=730)]
    max_days: Annotated[int, Field(ge=1, le=730)]

    @model_validator(mode="after")
    def _ordered(self) -> Interval:
        if self.max_days < self.min_days:
            raise ValueError(f"max_days ({self.max_days}) is below min_days ({self.min_days})")
        return self


class ResultTime(Sourced):
    """A point in the results timeline, counted from the last session; `latest_day` is the late end of a range."""

    day: Day
    latest_day: Day | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ResultTime:
        if self.latest_day is not None and self.latest_day < self.day:
            raise ValueError(f"latest_day ({self.latest_day}) is before day ({self.day})")
        return self


class Lasting(Sourced):
    months: Annotated[int, Field(ge=1, le=120)]


class Results(Frozen):
    """Results of a course, each time with its own sources. When a first change shows after a session is the
    treatment's `results` milestone; `strong` is when clear results show, where a source gives it."""

    strong: ResultTime | None = None
    improving_until: ResultTime
    lasting: Lasting | None = None
    plain: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Results:
        if self.strong is not None and self.improving_until.day < self.strong.day:
            raise ValueError("improving_until.day is before strong.day")
        return self

    @property
    def sources(self) -> list[str]:
        """Every source key behind the results, in first-cited order."""
        parts = [p for p in (self.strong, self.improving_until, self.lasting) if p is not None]
        return list(dict.fromkeys(k for p in parts for k in p.sources))


class Course(Frozen):
    sessions: Count
    interval: Interval | None = None
    results: Results

    @model_validator(mode="after")
    def _interval_for_series(self) -> Course:
        if self.sessions.max > 1 and self.interval is None:
            raise ValueError("a treatment with more than one session needs an interval")
        return self


class Anchor(Frozen):
    week: Annotated[float, Field(ge=0, le=104)]
    level: Annotated[float, Field(ge=0, le=1)]
    source: str
    measured: bool = True
    label: Text


class Marker(Sourced):
    id: Literal["hsp72", "hsp70", "hsp47", "collagen-3", "collagen-1", "elastin"]
    name: Text
    plain: Text
    illustrative: bool = False
    anchors: list[Anchor] = Field(min_length=2)

    @model_validator(mode="after")
    def _weeks_increase(self) -> Marker:
        weeks = [a.week for a in self.anchors]
        if weeks != sorted(weeks) or len(set(weeks)) != len(weeks):
            raise ValueError(f"anchor weeks must strictly increase, got {weeks}")
        return self


class HealingPhase(Sourced):
    id: Literal["inflammation", "proliferation", "remodelling"]
    name: Text
    start_week: Annotated[float, Field(ge=0, le=104)]
    end_week: Annotated[float, Field(ge=0, le=104)]
    plain: Text

    @model_validator(mode="after")
    def _ordered(self) -> HealingPhase:
        if self.end_week <= self.start_week:
            raise ValueError("end_week must be after start_week")
        return self


class Scale(Sourced):
    """Size of one session's collagen response relative to one fully ablative treatment (= 1)."""

    per_session: Annotated[float, Field(gt=0, le=1)]


class Collagen(Frozen):
    scale: Scale
    phases: list[HealingPhase] = Field(min_length=1)
    markers: list[Marker] = Field(min_length=1)
    peak_note: Text | None = None


Target = Literal["symptom", "milestone", "interval", "sessions"]
Field_ = Literal["typical_end_day", "range_end_day", "day", "min_days", "max_days", "typical"]


class Change(Frozen):
    target: Target
    id: str | None = None
    field: Field_
    value: Annotated[int, Field(ge=0, le=730)]
    source: str


class AppliesTo(Frozen):
    area: Area | None = None
    intensity: Intensity | None = None
    phototypes: list[Annotated[int, Field(ge=1, le=6)]] | None = None

    @model_validator(mode="after")
    def _one(self) -> AppliesTo:
        if sum(x is not None for x in (self.area, self.intensity, self.phototypes)) != 1:
            raise ValueError("applies_to names exactly one of area, intensity, phototypes")
        return self

    def matches(self, area: str, intensity: str, phototype: int | None) -> bool:
        """True for a person with this treated area, strength and skin type (None: not given)."""
        return (
            (self.area is not None and self.area == area)
            or (self.intensity is not None and self.intensity == intensity)
            or (self.phototypes is not None and phototype in self.phototypes)
        )


class Modifier(Sourced):
    id: Id
    applies_to: AppliesTo
    summary: Text
    changes: list[Change] = Field(default_factory=list)


class Gap(Frozen):
    """Where the evidence is missing or disagrees: shown to people rather than hidden behind a number."""

    topic: Text
    text: Text
    sources: list[str] = Field(default_factory=list)


class TriageWindow(Sourced):
    """The clinic's answer to a reported level of one symptom, on the days from start_day to end_day.

    `sign` names the warning sign the stronger reports amount to (crusts still there on day 10 are the sign
    "not healed by about day 10"). `reading` marks days that are our reading of vaguer wording in the sources
    ("several days"): the page says so, and such a window holds no call unless it names a sign. `applies_to` makes
    the window a person's own (a skin type, an area, a strength), in place of the general one on its days.
    `unordered` says why a stronger level gets a milder answer here, which `check` otherwise refuses.
    """

    start_day: Day
    end_day: Day
    mild: TriageAnswer
    moderate: TriageAnswer
    marked: TriageAnswer
    sign: Id | None = None
    reading: bool = False
    applies_to: AppliesTo | None = None
    unordered: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> TriageWindow:
        if self.end_day < self.start_day:
            raise ValueError(f"end_day {self.end_day} is before start_day {self.start_day}")
        return self

    def answer(self, level: int) -> TriageAnswer:
        """The answer for a reported level (1 mild, 2 moderate, 3 marked); 'none' is never a report."""
        return (self.mild, self.moderate, self.marked)[level - 1]

    def covers(self, day: int) -> bool:
        return self.start_day <= day <= self.end_day


class SymptomTriage(Frozen):
    """One symptom's answers by day window, and what the self-check reminds people of when they report it (redness
    that spreads is the infection sign, whatever its level)."""

    reminder: Advice | None = None
    windows: list[TriageWindow] = Field(min_length=1)


class Treatment(Frozen):
    id: Id
    name: Text
    short_name: Text
    kind: TreatmentKind
    summary: Text
    horizon_days: Annotated[int, Field(ge=7, le=365)]
    visit: Visit
    phases: list[Phase] = Field(min_length=1)
    symptoms: list[Symptom] = Field(min_length=1)
    milestones: list[Milestone] = Field(min_length=1)
    aftercare: list[Aftercare] = Field(min_length=1)
    warning_signs: list[WarningSign] = Field(min_length=1)
    course: Course
    collagen: Collagen
    modifiers: list[Modifier] = Field(default_factory=list)
    gaps: list[Gap] = Field(default_factory=list)
    # The self-check's answers, per symptom: the clinic's table (docs/clinical-safety.md), not the curves' shape.
    triage: dict[SymptomId, SymptomTriage]

    def triage_of(self, symptom_id: str) -> SymptomTriage:
        """The triage table's part for one symptom (its answers by day window)."""
        return next(table for sid, table in self.triage.items() if sid == symptom_id)

    def symptom(self, symptom_id: str) -> Symptom:
        """The symptom with this id."""
        return next(s for s in self.symptoms if s.id == symptom_id)

    def milestone(self, kind: str) -> Milestone | None:
        """The first milestone of this kind, if the data has one."""
        return next((m for m in self.milestones if m.kind == kind), None)


class Dataset(Frozen):
    """Everything the app knows, loaded and cross-checked."""

    treatments: dict[str, Treatment]
    sources: dict[str, Source]
    clinic: Clinic
    folder: str

    def treatment(self, treatment_id: str) -> Treatment:
        """The treatment with this id."""
        return self.treatments[treatment_id]
