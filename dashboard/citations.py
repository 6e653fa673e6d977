"""Where the data cites each source, in words people read ('eCO2: Swelling'), for the sources page."""

from __future__ import annotations

from dashboard.i18n import N_, _, format_number
from dashboard.loader import PathPart, cited_facts
from dashboard.models import Dataset, Source, Treatment

_SECTIONS = {"visit": N_("The visit"), "course": N_("Course"), "collagen": N_("Collagen")}
_COURSE = {"sessions": N_("number of sessions"), "interval": N_("time between sessions"), "results": N_("results")}
_MODIFIER_WORDS = {"area": N_("treated area"), "intensity": N_("strength"), "phototype": N_("skin type")}


def readable_place(t: Treatment, path: tuple[PathPart, ...]) -> str:
    """A field path such as symptoms[1:swelling].sources[0] as people read it: 'eCO2: Swelling'."""
    parts = [(p.name, p.index, p.ident) for p in path]
    head, index, _ident = parts[0]
    where = head.replace("_", " ").capitalize()  # a field name no branch below knows: shown as the data names it
    try:
        if head == "symptoms" and index is not None:
            where = t.symptoms[index].name
        elif head == "milestones" and index is not None:
            where = t.milestones[index].label
        elif head == "phases" and index is not None:
            where = _("Stage “{name}”").format(name=t.phases[index].name)
        elif head == "aftercare" and index is not None:
            a = t.aftercare[index]
            where = _("Aftercare, days {first} to {last}").format(first=a.start_day, last=a.end_day)
        elif head == "warning_signs" and index is not None:
            where = _("Warning sign: {text}").format(text=t.warning_signs[index].text.split('.')[0].rstrip(','))
        elif head == "modifiers" and index is not None:
            mod = t.modifiers[index]
            kind = next((w for k, w in _MODIFIER_WORDS.items() if getattr(mod.applies_to, k if k != "phototype"
                                                                            else "phototypes") is not None), "")
            where = _("Personal factor ({kind})").format(kind=_(kind)) if kind else _("Personal factor")
        elif head == "gaps" and index is not None:
            where = _("Evidence gap: {topic}").format(topic=t.gaps[index].topic)
        elif head == "course" and len(parts) > 1:
            what = parts[1][0]
            where = _("Course: {what}").format(what=_(_COURSE[what]) if what in _COURSE else what)
        elif head == "collagen" and len(parts) > 1:
            sub, sub_index, _ident = parts[1]
            if sub == "markers" and sub_index is not None:
                marker = t.collagen.markers[sub_index]
                where = _("Collagen: {marker}").format(marker=marker.name)
                if len(parts) > 2 and parts[2][0] == "anchors" and parts[2][1] is not None:
                    where = _("Collagen: {marker}, week {week}").format(
                        marker=marker.name, week=format_number(marker.anchors[parts[2][1]].week))
            elif sub == "phases" and sub_index is not None:
                where = _("Collagen: {phase} phase").format(phase=t.collagen.phases[sub_index].name)
            elif sub == "scale":
                where = _("Collagen: size of the response")
            else:
                where = _("Collagen")
        elif head in _SECTIONS:
            where = _(_SECTIONS[head])
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
