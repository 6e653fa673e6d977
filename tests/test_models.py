"""Validation of each data model: one table of good and bad inputs per model."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from dashboard.models import (
    Aftercare,
    Anchor,
    AppliesTo,
    Change,
    Clinic,
    Count,
    Course,
    Gap,
    HealingPhase,
    Interval,
    Marker,
    Milestone,
    Modifier,
    Phase,
    Results,
    Scale,
    Source,
    SourcesFile,
    Symptom,
    TriageWindow,
    Visit,
    WarningSign,
)

S = {"sources": ["S4"]}
SYMPTOM = {
    "id": "redness",
    "name": "Redness",
    "clinical_name": "erythema",
    "onset_day": 0,
    "peak_day": 1,
    "peak_level": 3,
    "earliest_end_day": 4,
    "typical_end_day": 7,
    "range_end_day": 35,
    "plain": "Red.",
    **S,
}
PHASE = {"id": "healing", "name": "Healing", "start_day": 2, "end_day": 7, "description": "Crusts.", **S}
MILESTONE = {
    "id": "work",
    "kind": "work",
    "label": "Work",
    "day": 5,
    "earliest_day": 4,
    "latest_day": 14,
    "plain": "Back to work.",
    **S,
}
AFTERCARE = {"start_day": 0, "end_day": 1, "do": ["Clean gently."], "avoid": ["Makeup."], **S}
WARNING = {"id": "infection", "text": "Pus.", "likely_from_day": 1, "likely_to_day": 14, **S}
WINDOW = {"start_day": 0, "end_day": 3, "mild": "expected", "moderate": "follow-up", "marked": "call-today", **S}
COUNT = {"typical": 1, "min": 1, "max": 3, **S}
INTERVAL = {"min_days": 42, "max_days": 56, **S}
RESULTS = {
    "strong": {"day": 60, "latest_day": 90, **S},
    "improving_until": {"day": 180, **S},
    "lasting": {"months": 12, **S},
    "plain": "Results.",
}
ANCHOR = {"week": 0, "level": 0, "source": "S1", "label": "Before"}
MARKER = {
    "id": "collagen-1",
    "name": "Type I",
    "plain": "Collagen.",
    **S,
    "anchors": [ANCHOR, {**ANCHOR, "week": 6, "level": 0.3}],
}
HEALING = {"id": "inflammation", "name": "Inflammation", "start_week": 0, "end_week": 0.7, "plain": "Clean up.", **S}
CLINIC = {
    "name": "Clinic",
    "phone": "+1 555 0100",
    "brand_colour": "#0b5e7e",
    "content_updated": "2026-11-20",
    "disclaimer": "Not advice.",
}
SOURCE = {"key": "S1", "title": "A study", "level": "study", "flag": "R"}
CHANGE = {"target": "symptom", "id": "redness", "field": "typical_end_day", "value": 5, "source": "S4"}
MODIFIER = {"id": "area-neck", "applies_to": {"area": "neck"}, "summary": "Neck.", **S, "changes": [CHANGE]}
VISIT = {"anaesthesia": "Cream.", "duration": "One hour.", "minutes": 60, **S}


def _with(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of `base` with fields changed; a value of ... removes the field."""
    out = {**base, **changes}
    return {k: v for k, v in out.items() if v is not ...}


VALID = [
    (Symptom, SYMPTOM),
    (Symptom, _with(SYMPTOM, longest_reported_day=90)),
    (Symptom, _with(SYMPTOM, peak_level=0, earliest_end_day=1, typical_end_day=1, range_end_day=1)),
    (Phase, PHASE),
    (Phase, _with(PHASE, end_day=2)),
    (Milestone, MILESTONE),
    (Milestone, _with(MILESTONE, day=None, earliest_day=..., latest_day=..., note="No source gives a day.")),
    (Aftercare, AFTERCARE),
    (Aftercare, _with(AFTERCARE, avoid=[])),
    (WarningSign, WARNING),
    (WarningSign, _with(WARNING, likely_to_day=None, urgency="urgent")),
    (WarningSign, _with(WARNING, urgency="office-hours")),
    (TriageWindow, WINDOW),
    (TriageWindow, _with(WINDOW, sign="infection", reading=True, note="Our reading.")),
    (TriageWindow, _with(WINDOW, applies_to={"phototypes": [4]}, end_day=0)),
    (Count, COUNT),
    (Interval, INTERVAL),
    (Results, RESULTS),
    (Results, _with(RESULTS, strong=..., lasting=...)),
    (Course, {"sessions": COUNT, "interval": INTERVAL, "results": RESULTS}),
    (Course, {"sessions": _with(COUNT, max=1), "results": RESULTS}),
    (Anchor, ANCHOR),
    (Marker, MARKER),
    (HealingPhase, HEALING),
    (Scale, {"per_session": 0.45, **S}),
    (Clinic, CLINIC),
    (Clinic, _with(CLINIC, website="https://clinic.example/")),
    (Clinic, _with(CLINIC, reviewed_by="Dr. A. Leong", reviewed_on="2026-12-01")),
    (Source, _with(SOURCE, flag="G")),
    (Source, SOURCE),
    (SourcesFile, {"sources": [SOURCE]}),
    (Change, CHANGE),
    (AppliesTo, {"phototypes": [4, 5, 6]}),
    (Modifier, MODIFIER),
    (Gap, {"topic": "Healing", "text": "No study."}),
    (Visit, VISIT),
]


@pytest.mark.parametrize(("model", "data"), VALID, ids=lambda x: x.__name__ if isinstance(x, type) else "")
def test_valid_inputs_pass(model: type[BaseModel], data: dict[str, Any]) -> None:
    assert model.model_validate(data)


INVALID = [
    # (model, data, a word the error must contain)
    (Symptom, _with(SYMPTOM, id="rash"), "id"),
    (Symptom, _with(SYMPTOM, peak_level=4), "peak_level"),
    (Symptom, _with(SYMPTOM, peak_level=-1), "peak_level"),
    (Symptom, _with(SYMPTOM, onset_day=-1), "onset_day"),
    (Symptom, _with(SYMPTOM, onset_day=2, peak_day=1), "peak_day (1) is before onset_day (2)"),
    (Symptom, _with(SYMPTOM, earliest_end_day=0), "earliest_end_day (0) is before peak_day (1)"),
    (Symptom, _with(SYMPTOM, typical_end_day=3), "typical_end_day (3) is before earliest_end_day (4)"),
    (Symptom, _with(SYMPTOM, range_end_day=6), "range_end_day (6) is before typical_end_day (7)"),
    (Symptom, _with(SYMPTOM, longest_reported_day=20), "longest_reported_day (20) is before range_end_day (35)"),
    (Symptom, _with(SYMPTOM, plain=""), "plain"),
    (Symptom, _with(SYMPTOM, plain="x" * 601), "plain"),
    (Symptom, _with(SYMPTOM, sources=[]), "sources"),
    (Symptom, _with(SYMPTOM, sources=...), "sources"),
    (Symptom, _with(SYMPTOM, colour="red"), "colour"),
    (Symptom, _with(SYMPTOM, onset_day="soon"), "onset_day"),
    (
        Symptom,
        _with(SYMPTOM, peak_day=1, earliest_end_day=1, typical_end_day=1, range_end_day=1),
        "earliest_end_day (1) must be after peak_day (1)",
    ),
    (Phase, _with(PHASE, end_day=1), "end_day 1 is before start_day 2"),
    (Phase, _with(PHASE, id="Bad Id"), "id"),
    (Phase, _with(PHASE, start_day=731), "start_day"),
    (Milestone, _with(MILESTONE, kind="dancing"), "kind"),
    (Milestone, _with(MILESTONE, earliest_day=6), "earliest_day (6) is after day (5)"),
    (Milestone, _with(MILESTONE, latest_day=4), "latest_day (4) is before day (5)"),
    (Milestone, _with(MILESTONE, day=None), "without a day"),
    (Milestone, _with(MILESTONE, day=None, earliest_day=..., latest_day=...), "needs a note"),
    (Milestone, _with(MILESTONE, day=...), "day"),
    (Aftercare, _with(AFTERCARE, end_day=-1), "end_day"),
    (Aftercare, _with(AFTERCARE, start_day=3, end_day=1), "end_day 1 is before start_day 3"),
    (Aftercare, _with(AFTERCARE, do=[], avoid=[]), "at least one"),
    (WarningSign, _with(WARNING, likely_from_day=15), "likely_to_day 14 is before likely_from_day 15"),
    (WarningSign, _with(WARNING, from_day=1), "from_day"),  # renamed: a sign is never hidden by its days
    (WarningSign, _with(WARNING, trigger={"symptoms": ["crusting"], "from_day": 10, "level": 1}), "trigger"),
    (TriageWindow, _with(WINDOW, end_day=...), "end_day"),
    (TriageWindow, _with(WINDOW, start_day=4), "end_day 3 is before start_day 4"),
    (TriageWindow, _with(WINDOW, mild="normal"), "mild"),
    (TriageWindow, _with(WINDOW, sources=[]), "sources"),
    (TriageWindow, _with(WINDOW, applies_to={"area": "neck", "intensity": "deep"}), "exactly one"),
    (WarningSign, _with(WARNING, urgency="whenever"), "urgency"),
    (Count, _with(COUNT, typical=4), "min <= typical <= max"),
    (Count, _with(COUNT, min=0), "min"),
    (Count, _with(COUNT, max=13), "max"),
    (Interval, _with(INTERVAL, max_days=30), "max_days (30) is below min_days (42)"),
    (Interval, _with(INTERVAL, min_days=0), "min_days"),
    (Results, _with(RESULTS, improving_until={"day": 30, **S}), "improving_until.day is before strong.day"),
    (Results, _with(RESULTS, strong={"day": 60, "latest_day": 50, **S}), "latest_day (50) is before day (60)"),
    (Results, _with(RESULTS, improving_until={"day": 180}), "sources"),
    (Course, {"sessions": COUNT, "results": RESULTS}, "needs an interval"),
    (Anchor, _with(ANCHOR, level=1.5), "level"),
    (Anchor, _with(ANCHOR, week=105), "week"),
    (Marker, _with(MARKER, anchors=[ANCHOR]), "anchors"),
    (Marker, _with(MARKER, anchors=[_with(ANCHOR, week=6), ANCHOR]), "strictly increase"),
    (Marker, _with(MARKER, anchors=[ANCHOR, ANCHOR]), "strictly increase"),
    (Marker, _with(MARKER, id="collagen-9"), "id"),
    (HealingPhase, _with(HEALING, end_week=0), "end_week must be after start_week"),
    (Scale, {"per_session": 0, **S}, "per_session"),
    (Scale, {"per_session": 1.5, **S}, "per_session"),
    (Clinic, _with(CLINIC, brand_colour="blue"), "brand_colour"),
    (Clinic, _with(CLINIC, content_updated="last week"), "content_updated"),
    (Clinic, _with(CLINIC, content_reviewed="2026-11-20"), "content_reviewed"),  # renamed: it is not a review
    (Clinic, _with(CLINIC, reviewed_by="Dr. A. Leong"), "go together"),
    (Clinic, _with(CLINIC, reviewed_on="2026-12-01"), "go together"),
    (Clinic, _with(CLINIC, website="not a url"), "website"),
    (Clinic, _with(CLINIC, phone=...), "phone"),
    (Source, _with(SOURCE, level="blog"), "level"),
    (Source, _with(SOURCE, key="bad key"), "key"),
    (Source, _with(SOURCE, flag="U"), "flag"),
    (SourcesFile, {"sources": []}, "sources"),
    (Change, _with(CHANGE, target="weather"), "target"),
    (Change, _with(CHANGE, field="peak_level"), "field"),
    (Change, _with(CHANGE, value=-1), "value"),
    (AppliesTo, {}, "exactly one"),
    (AppliesTo, {"area": "neck", "intensity": "deep"}, "exactly one"),
    (AppliesTo, {"area": "back"}, "area"),
    (AppliesTo, {"phototypes": [7]}, "phototypes"),
    (Modifier, _with(MODIFIER, summary=...), "summary"),
    (Gap, {"topic": "Healing"}, "text"),
    (Visit, _with(VISIT, minutes=0), "minutes"),
]


@pytest.mark.parametrize(
    ("model", "data", "expected"), INVALID, ids=[f"{m.__name__}-{i}" for i, (m, _, _) in enumerate(INVALID)]
)
def test_invalid_inputs_are_rejected_with_a_reason(model: type[BaseModel], data: dict[str, Any], expected: str) -> None:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    assert expected in str(info.value)


def test_models_are_frozen() -> None:
    s = Symptom.model_validate(SYMPTOM)
    with pytest.raises(ValidationError):
        s.peak_level = 1  # type: ignore[misc]


@pytest.mark.parametrize(("extra", "latest"), [({}, 35), ({"longest_reported_day": 90}, 90)])
def test_latest_day_is_the_longest_reported_day_when_given(extra: dict[str, int], latest: int) -> None:
    assert Symptom.model_validate({**SYMPTOM, **extra}).latest_day == latest


def test_text_is_stripped() -> None:
    assert Gap.model_validate({"topic": "  Healing  ", "text": "No study.\n"}).topic == "Healing"
