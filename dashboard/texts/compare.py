"""What the compare page says, as Markdown: each course in short, the totals, the timeline in words, each course on
one day, and the clinic's one-session claim beside the evidence. Pure functions of the courses' summaries, in the
language of the run (dashboard/ui/compare.py lays them out, once per key and choice)."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.compare import (
    CourseSummary,
    CrossSection,
    build_claim_check,
    build_timeline_rows,
    cross_section_rows,
    describe_cross_section,
    describe_summary,
    totals_markdown,
)
from dashboard.i18n import N_, _
from dashboard.markdown import md, source_links
from dashboard.models import Dataset

TIMELINE_KEY = N_(
    "▼ a session · upper bar: social downtime · lower bar: visible redness · ◆ a first change shows · "
    "■ strong results · dotted line: results keep building · dashed line: the day you picked."
)


@dataclass(frozen=True)
class CompareTexts:
    """The page's texts that do not change with the day."""

    in_short: str
    totals: str
    timeline: str
    claim: str


@dataclass(frozen=True)
class DayCards:
    """Each course on the day looked at, as a card, and the day as text."""

    cards: tuple[str, ...]
    text: str


def in_short_markdown(summaries: list[CourseSummary]) -> str:
    """Each course's totals in one plain sentence: the trade-off without reading a chart."""
    return "## " + _("In short") + "\n\n" + "\n".join(f"- {md(describe_summary(s))}" for s in summaries)


def totals_section(summaries: list[CourseSummary]) -> str:
    """The compact table, one column per treatment with the sources of its numbers, and its notes, each naming its
    treatment (what the sessions rest on is said in short above, with its treatment's name)."""
    scale_notes = [
        f"{s.name}: {s.treatment.collagen.scale.note}"
        for s in summaries
        if "clinic-page" in s.treatment.collagen.scale.sources and s.treatment.collagen.scale.note
    ]
    small = [
        _(
            "Redness and days off are added up over all sessions. Days are counted from the first session. "
            "“{unknown}” means none of our sources gives it. Typical values for the usual settings; yours may "
            "differ."
        ).format(unknown=_("Not known")),
        *(md(note) for note in scale_notes[:1]),
    ]
    return "\n\n".join(["## " + _("At a glance"), totals_markdown(summaries), *(f":small[{x}]" for x in small)])


def timeline_text(summaries: list[CourseSummary]) -> str:
    """The course timeline's facts as sentences, with their sources."""
    return "\n".join(
        f"- **{md(r['treatment'])}**: {md(r['label'])} :small[{source_links(r['sources'].split(', '))}]"
        for r in build_timeline_rows(summaries)
    )


def claim_markdown(dataset: Dataset, ids: list[str]) -> str:
    """The clinic's one-session claim and what the sources say, point by point, and the caveat: one element."""
    labels = {"claim": _("The clinic says"), "evidence": _("The sources say"), "gap": _("Not known")}
    points = "\n".join(
        f"- **{labels.get(p.kind, '')}:** {md(p.text)}" + (f" {source_links(p.sources)}" if p.sources else "")
        for p in build_claim_check(dataset, ids)
    )
    caveat = _(
        "Fractional CO2 and nonablative lasers have not been compared in one study, so the numbers above come "
        "from different studies of different people. Ask your clinician which suits your skin."
    )
    return (
        "## "
        + _("“One eCO2 session does what takes four or more with other lasers”")
        + f"\n\n{points}\n\n:small[{caveat}]"
    )


def build_compare_texts(dataset: Dataset, summaries: list[CourseSummary], ids: list[str]) -> CompareTexts:
    """The page's texts for the chosen courses."""
    return CompareTexts(
        in_short_markdown(summaries), totals_section(summaries), timeline_text(summaries), claim_markdown(dataset, ids)
    )


def day_cards(sections: list[CrossSection]) -> DayCards:
    """Each course's card on the day (they stack on a phone), and the day as text."""
    cards = tuple(
        f"**{md(x.summary.name)}**\n\n"
        + "  \n".join(f"{label}: **{md(value)}**" for label, value in cross_section_rows(x))
        for x in sections
    )
    return DayCards(cards, "\n".join(f"- {md(describe_cross_section(x))}" for x in sections))
