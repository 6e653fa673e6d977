"""Where the data cites each source, in words people read ('eCO2: Swelling'), for the sources page."""

from __future__ import annotations

from dashboard.loader import PathPart, cited_facts
from dashboard.models import Dataset, Source, Treatment

_SECTIONS = {"visit": "The visit", "course": "Course", "collagen": "Collagen"}
_COURSE = {"sessions": "number of sessions", "interval": "time between sessions", "results": "results"}
_MODIFIER_WORDS = {"area": "treated area", "intensity": "strength", "phototype": "skin type"}


def readable_place(t: Treatment, path: tuple[PathPart, ...]) -> str:
    """A field path such as symptoms[1:swelling].sources[0] as people read it: 'eCO2: Swelling'."""
    parts = [(p.name, p.index, p.ident) for p in path]
    head, index, _ = parts[0]
    where = head.replace("_", " ").capitalize()
    try:
        if head == "symptoms" and index is not None:
            where = t.symptoms[index].name
        elif head == "milestones" and index is not None:
            where = t.milestones[index].label
        elif head == "phases" and index is not None:
            where = f"Stage “{t.phases[index].name}”"
        elif head == "aftercare" and index is not None:
            a = t.aftercare[index]
            where = f"Aftercare, days {a.start_day} to {a.end_day}"
        elif head == "warning_signs" and index is not None:
            where = f"Warning sign: {t.warning_signs[index].text.split('.')[0].rstrip(',')}"
        elif head == "modifiers" and index is not None:
            mod = t.modifiers[index]
            kind = next((w for k, w in _MODIFIER_WORDS.items() if getattr(mod.applies_to, k if k != "phototype"
                                                                            else "phototypes") is not None), "")
            where = f"Personal factor ({kind})" if kind else "Personal factor"
        elif head == "gaps" and index is not None:
            where = f"Evidence gap: {t.gaps[index].topic}"
        elif head == "course" and len(parts) > 1:
            where = f"Course: {_COURSE.get(parts[1][0], parts[1][0])}"
        elif head == "collagen" and len(parts) > 1:
            sub, sub_index, _ = parts[1]
            if sub == "markers" and sub_index is not None:
                marker = t.collagen.markers[sub_index]
                where = f"Collagen: {marker.name}"
                if len(parts) > 2 and parts[2][0] == "anchors" and parts[2][1] is not None:
                    where += f", week {marker.anchors[parts[2][1]].week:g}"
            elif sub == "phases" and sub_index is not None:
                where = f"Collagen: {t.collagen.phases[sub_index].name} phase"
            elif sub == "scale":
                where = "Collagen: size of the response"
            else:
                where = "Collagen"
        else:
            where = _SECTIONS.get(head, where)
    except IndexError:
        pass
    return f"{t.short_name}: {where}"


def source_citation(source: Source) -> str:
    """A source as the handout prints it, whole: its title, then where it was published where known."""
    title = source.title.rstrip(".")
    return f"{title}. {source.identifier}" if source.identifier else f"{title}."


def build_citations(dataset: Dataset) -> dict[str, list[str]]:
    """For each source key, the readable places that cite it, each once, in data order."""
    return {key: list(dict.fromkeys(readable_place(dataset.treatment(c.treatment_id), c.path) for c in places))
            for key, places in cited_facts(dataset).items()}
