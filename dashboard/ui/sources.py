"""Drawing the sources page: each source with its level and the facts that cite it, gaps, methods, disclaimers.

`readable_place` and `build_citations` are pure (no Streamlit calls) so they can be tested on their own.
"""

from __future__ import annotations

import re

import streamlit as st

from dashboard.glossary import GLOSSARY, GLOSSARY_ANCHOR
from dashboard.loader import cited_facts
from dashboard.markdown import md
from dashboard.models import Dataset, Source, Treatment

LEVEL_WORDS = {"study": "Study", "case series": "Case series", "review": "Review", "textbook": "Textbook",
               "institutional": "Institutional patient page", "clinic": "Clinic page"}
FLAG_WORDS = {"R": "R: read in the source itself", "S": "S: secondary guidance, not a study result",
              "G": "G: general background knowledge from wound-healing reviews, with no single citation"}
_PART = re.compile(r"^(?P<name>\w+)(?:\[(?P<index>\d+)(?::(?P<id>[\w-]+))?\])?$")
_SECTIONS = {"visit": "The visit", "course": "Course", "collagen": "Collagen"}
_COURSE = {"sessions": "number of sessions", "interval": "time between sessions", "results": "results"}
_MODIFIER_WORDS = {"area": "treated area", "intensity": "strength", "phototype": "skin type"}


def anchor_id(key: str) -> str:
    """The HTML anchor of a source on the sources page: links /sources#src-s4 land on it."""
    return f"src-{key.lower()}"


def _parts(path: str) -> list[tuple[str, int | None, str | None]]:
    out = []
    for piece in path.split("."):
        m = _PART.match(piece)
        if m is None:
            out.append((piece, None, None))
        else:
            out.append((m["name"], int(m["index"]) if m["index"] else None, m["id"]))
    return out


def readable_place(t: Treatment, path: str) -> str:
    """A field path such as 'symptoms[1:swelling].sources[0]' as people read it: 'eCO2: Swelling'."""
    parts = _parts(path)
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


def build_citations(dataset: Dataset) -> dict[str, list[str]]:
    """For each source key, the readable places that cite it, each once, in data order."""
    by_name = {t.short_name: t for t in dataset.treatments.values()}
    result: dict[str, list[str]] = {}
    for key, places in cited_facts(dataset).items():
        readable: list[str] = []
        for place in places:
            name, _, path = place.partition(": ")
            t = by_name.get(name)
            readable.append(readable_place(t, path) if t is not None else place)
        result[key] = list(dict.fromkeys(readable))
    return result


def _escape(text: str) -> str:
    """Markdown-safe text for data strings shown in headers and paragraphs."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~$])", r"\\\1", text)


def render_source(source: Source, places: list[str]) -> None:
    """One source: header with its anchor, level and flag, identifier, detail and where it is cited."""
    level = LEVEL_WORDS.get(source.level, source.level)
    st.subheader(f"{source.key} · {level}", anchor=anchor_id(source.key))
    st.markdown(f"**{_escape(source.title)}**")
    st.markdown(f"**Flag:** {FLAG_WORDS.get(source.flag, source.flag)}")
    details = [x for x in (source.identifier, source.detail) if x]
    if details:
        st.caption(_escape(" · ".join(details)))
    if places:
        with st.expander(f"Cited in {len(places)} place{'s' if len(places) != 1 else ''}"):
            st.markdown("\n".join(f"- {_escape(p)}" for p in places))
    else:
        st.caption("Listed in the evidence sheet; no fact in the current data cites it.")


def render_gaps(dataset: Dataset) -> None:
    """Every gap and contradiction the data records, per treatment: gaps, then symptom and milestone notes."""
    st.header("What the evidence does not settle", anchor="gaps")
    st.markdown("Where sources are missing or disagree, the data says so. These notes are shown next to the "
                "numbers on the other pages too.")
    for t in dataset.treatments.values():
        with st.expander(f"{t.name}"):
            for g in t.gaps:
                refs = f" ({', '.join(g.sources)})" if g.sources else ""
                st.markdown(f"- **{_escape(g.topic)}.** {_escape(g.text)}{refs}")
            for s in t.symptoms:
                if s.note:
                    st.markdown(f"- **{_escape(s.name)}.** {_escape(s.note)}")
            for m in t.milestones:
                if m.note:
                    st.markdown(f"- **{_escape(m.label)}.** {_escape(m.note)}")
            if t.collagen.peak_note:
                st.markdown(f"- **Collagen timing.** {_escape(t.collagen.peak_note)}")


def render_methods() -> None:
    """How the recovery and collagen curves are drawn from the data."""
    st.header("How the curves are made", anchor="methods")
    st.markdown(
        "**These curves are models, not measurements of one person.** They join the time points that the "
        "sources report, in a simple and stated way.\n\n"
        "**Recovery (day by day).** Each symptom starts at half its peak level on the day it begins, rises in a "
        "straight line to its peak, then falls in a straight line to nothing on the day it is usually gone. "
        "The band around the line is the usual range: its lower edge falls to nothing by the earliest end a "
        "source reports, its upper edge by a later end (no later than the end of the range the sources give). "
        "Until that end of the range, the upper edge stays at least mild: a mild tail. Levels are none, mild, "
        "moderate and marked.\n\n"
        "**Collagen (weeks to months).** Between the cited time points the curve is a smooth cosine step, so it "
        "never goes beyond a cited point. The size of the response is scaled per session, with 1 meaning the "
        "response to one fully ablative CO2 treatment. A course of several sessions adds each session's response "
        "from the day of that session. Points we added to join the cited ones are marked as modelled (open "
        "shapes); curves not measured for a treatment are marked illustrative.\n\n"
        "**Courses (compare page).** Sessions are placed at the shortest gap the sources give. Redness counts "
        "while its usual level is mild or more; downtime follows the 'back to work and social life' day. Totals "
        "add these up over all sessions."
    )
    st.markdown(
        "**The eCO2 device.** No published recovery study of the Lutronic eCO2 itself was found. The app treats "
        "the eCO2 as a fractional ablative CO2 laser and uses studies of those lasers in general. Several of the "
        "studies of how the skin heals used forearm skin."
    )


def render_glossary() -> None:
    """The medical words the app uses, in plain words."""
    st.header("Words we use", anchor=GLOSSARY_ANCHOR)
    st.markdown("\n".join(f"- **{md(t.term)}:** {md(t.plain)}" for t in GLOSSARY))


def render_levels_key() -> None:
    """What the levels and flags mean."""
    st.markdown(
        "Each source has a **level**: study, case series, review, textbook, institutional patient page, or clinic "
        "page. The **flag** says how we know it: **R** means the fact was read in the source itself (often "
        "only the summary of a journal article); **S** means secondary guidance, such as clinic or hospital "
        "patient pages. S facts are shown as guidance, not as study results. **G** marks general background "
        "knowledge about how wounds heal, which the evidence sheet summarises without a single citation."
    )
