"""Where the data cites each source, in words people read ('eCO2: Swelling'), for the sources page."""

from __future__ import annotations

from dashboard.i18n import N_, _, format_number
from dashboard.loader import PathPart, cited_facts
from dashboard.models import Dataset, Source, Treatment

_SECTIONS = {"visit": N_("The visit"), "course": N_("Course"), "collagen": N_("Collagen")}
_COURSE = {"sessions": N_("number of sessions"), "interval": N_("time between sessions"), "results": N_("results")}
_MODIFIER_WORDS = {"area": N_("treated area"), "intensity": N_("strength"), "phototype": N_("skin type")}


Parts = list[tuple[str, int | None, str | None]]  # a field path as (name, list index, item id) steps


def _symptom(t: Treatment, parts: Parts) -> str:
    return t.symptoms[_index(parts)].name


def _milestone(t: Treatment, parts: Parts) -> str:
    return t.milestones[_index(parts)].label


def _phase(t: Treatment, parts: Parts) -> str:
    return _("Stage “{name}”").format(name=t.phases[_index(parts)].name)


def _aftercare(t: Treatment, parts: Parts) -> str:
    a = t.aftercare[_index(parts)]
    return _("Aftercare, days {first} to {last}").format(first=a.start_day, last=a.end_day)


def _sign(t: Treatment, parts: Parts) -> str:
    return _("Warning sign: {text}").format(text=t.warning_signs[_index(parts)].text.split(".")[0].rstrip(","))


def _modifier(t: Treatment, parts: Parts) -> str:
    a = t.modifiers[_index(parts)].applies_to
    kind = (
        _MODIFIER_WORDS["area"]
        if a.area is not None
        else (_MODIFIER_WORDS["intensity"] if a.intensity is not None else _MODIFIER_WORDS["phototype"])
    )
    return _("Personal factor ({kind})").format(kind=_(kind))


def _gap(t: Treatment, parts: Parts) -> str:
    return _("Evidence gap: {topic}").format(topic=t.gaps[_index(parts)].topic)


def _course(t: Treatment, parts: Parts) -> str:
    if len(parts) < 2:
        return _(_SECTIONS["course"])
    what = parts[1][0]
    return _("Course: {what}").format(what=_(_COURSE[what]) if what in _COURSE else what)


def _collagen(t: Treatment, parts: Parts) -> str:
    sub, sub_index, _ident = parts[1] if len(parts) > 1 else ("", None, None)
    if sub == "markers" and sub_index is not None:
        marker = t.collagen.markers[sub_index]
        if len(parts) > 2 and parts[2][0] == "anchors" and parts[2][1] is not None:
            return _("Collagen: {marker}, week {week}").format(
                marker=marker.name, week=format_number(marker.anchors[parts[2][1]].week)
            )
        return _("Collagen: {marker}").format(marker=marker.name)
    if sub == "phases" and sub_index is not None:
        return _("Collagen: {phase} phase").format(phase=t.collagen.phases[sub_index].name)
    if sub == "scale":
        return _("Collagen: size of the response")
    return _("Collagen")


def _triage(t: Treatment, parts: Parts) -> str:
    """triage.<symptom>.windows[i]: 'Self-check: Redness, days 4 to 7'."""
    symptom = next(s for s in t.symptoms if s.id == parts[1][0])
    if len(parts) > 2 and parts[2][0] == "windows" and parts[2][1] is not None:
        w = t.triage[symptom.id].windows[parts[2][1]]
        return _("Self-check: {symptom}, days {first} to {last}").format(
            symptom=symptom.name, first=w.start_day, last=w.end_day
        )
    return _("Self-check: {symptom}").format(symptom=symptom.name)


def _index(parts: Parts) -> int:
    index = parts[0][1]
    if index is None:
        raise IndexError
    return index


_PLACES = {
    "symptoms": _symptom,
    "milestones": _milestone,
    "phases": _phase,
    "aftercare": _aftercare,
    "warning_signs": _sign,
    "modifiers": _modifier,
    "gaps": _gap,
    "course": _course,
    "collagen": _collagen,
    "triage": _triage,
}


def readable_place(t: Treatment, path: tuple[PathPart, ...]) -> str:
    """A field path such as symptoms[1:swelling].sources[0] as people read it: 'eCO2: Swelling'."""
    parts: Parts = [(p.name, p.index, p.ident) for p in path]
    head = parts[0][0]
    where = _(_SECTIONS[head]) if head in _SECTIONS else head.replace("_", " ").capitalize()
    try:
        if head in _PLACES:
            where = _PLACES[head](t, parts)
    except (IndexError, StopIteration, KeyError):
        pass  # a path the data does not hold: shown as the data names it
    return f"{t.short_name}: {where}"


def source_citation(source: Source) -> str:
    """A source as the handout prints it, whole: its title, then where it was published where known."""
    title = source.title.rstrip(".")
    return f"{title}. {source.identifier}" if source.identifier else f"{title}."


def build_citations(dataset: Dataset) -> dict[str, list[str]]:
    """For each source key, the readable places that cite it, each once, in data order."""
    return {
        key: list(dict.fromkeys(readable_place(dataset.treatment(c.treatment_id), c.path) for c in places))
        for key, places in cited_facts(dataset).items()
    }
