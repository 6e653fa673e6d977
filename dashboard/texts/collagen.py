"""What the collagen page says, as Markdown: the healing phases, when results show, where the evidence is unsure,
and the charts in words. Pure functions of the data, in the language of the run (dashboard/ui/collagen.py lays them
out, once per key and choice)."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.charts.collagen import Overlay, anchor_table_markdown, describe_collagen, fmt_week
from dashboard.collagen import SCALED_MARKERS
from dashboard.course import default_plan
from dashboard.facts import CourseFacts, build_facts
from dashboard.i18n import _, format_number, ngettext
from dashboard.markdown import md, source_links
from dashboard.models import Dataset, Treatment
from dashboard.recovery import Course


@dataclass(frozen=True)
class CollagenTexts:
    """The page's texts under the chart, for one treatment and person."""

    results: str
    notes: str
    phases: str


def phases_markdown(t: Treatment) -> str:
    """The three healing phases, with their weeks and sources: heading and list, one element."""
    phases = [
        "- "
        + _("**{name}** (weeks {start} to {end}): {text}").format(
            name=md(p.name), start=fmt_week(p.start_week), end=format_number(p.end_week), text=md(p.plain)
        )
        + f" {source_links(p.sources)}"
        for p in t.collagen.phases
    ]
    return "## " + _("The three healing phases") + "\n\n" + "\n".join(phases)


def results_markdown(facts: CourseFacts) -> str:
    """When results first show, when they are strong, until when they improve and how long they last."""
    course = ngettext(
        "For a usual course of {n} session, {gap} days apart, counted from the first session:",
        "For a usual course of {n} sessions, {gap} days apart, counted from the first session:",
        facts.plan.sessions,
    ).format(n=facts.plan.sessions, gap=facts.plan.interval_days)
    items = [f for f in (facts.first_results, facts.strong_results, facts.improving, facts.lasting) if f is not None]
    return (
        "## "
        + _("When results show")
        + "\n\n"
        + (course + "\n\n" if facts.plan.sessions > 1 else "")
        + "\n".join(f"- **{f.label}:** {md(f.text)} {source_links(f.sources)}" for f in items)
    )


def notes_markdown(dataset: Dataset, t: Treatment) -> str:
    """Where the evidence disagrees or is thin, for this treatment's curves."""
    notes = []
    if t.collagen.peak_note:
        notes.append(_("**When the response peaks.** {note}").format(note=t.collagen.peak_note))
    illustrative = [m.name for m in t.collagen.markers if m.illustrative]
    if illustrative:
        names = (
            illustrative[0]
            if len(illustrative) == 1
            else _("{list} and {last}").format(list=", ".join(illustrative[:-1]), last=illustrative[-1])
        )
        notes.append(
            ngettext(
                "**Illustrative curves.** {names} is drawn to show the usual pattern of healing, not "
                "measured for this treatment.",
                "**Illustrative curves.** {names} are drawn to show the usual pattern of healing, not "
                "measured for this treatment.",
                len(illustrative),
            ).format(names=names)
        )
    scale = t.collagen.scale
    if scale.note:
        notes.append(_("**Size of the response.** {note}").format(note=scale.note) + f" {source_links(scale.sources)}")
    if not any(m.id == "elastin" for m in t.collagen.markers):
        text = _(
            "**Elastin.** New elastin is part of remodelling, but our sources give no time course for "
            "{treatment}, so it has no curve here."
        ).format(treatment=t.short_name)
        for other in dataset.treatments.values():
            elastin = next((m for m in other.collagen.markers if m.id == "elastin"), None)
            if elastin is not None:
                seen = "; ".join(a.label.lower() for a in elastin.anchors if a.measured)
                text += " " + _("After {treatment} it was {seen} {sources}.").format(
                    treatment=other.short_name, seen=seen, sources=source_links(elastin.sources)
                )
                break
        notes.append(text)
    return "## " + _("Where the evidence is unsure") + "\n\n" + "\n".join(f"- {note}" for note in notes)


def build_collagen_texts(dataset: Dataset, course: Course) -> CollagenTexts:
    """The results, the evidence notes and the phases for a course (the person's treatment)."""
    t = dataset.treatment(course.treatment.id)
    return CollagenTexts(
        results_markdown(build_facts(course, default_plan(course))), notes_markdown(dataset, t), phases_markdown(t)
    )


def collagen_chart_text(t: Treatment, overlays: list[Overlay]) -> str:
    """The collagen chart's text alternative and its table of cited time points."""
    return (
        "\n".join(f"- {line}" for line in describe_collagen(t, overlays))
        + "\n\n"
        + anchor_table_markdown(t, SCALED_MARKERS)
    )


def signals_chart_text(t: Treatment) -> str:
    """The early repair signals in words, with the time points a study reported, and their table."""
    signals = {m.id for m in t.collagen.markers if m.id not in SCALED_MARKERS}
    return (
        "\n".join(
            f"- **{md(m.name)}**: {md(m.plain)} "
            + "; ".join(
                _("{what} (week {week}, {source})").format(
                    what=md(a.label.lower()), week=fmt_week(a.week), source=md(a.source)
                )
                for a in m.anchors
                if a.measured
            )
            + "."
            for m in t.collagen.markers
            if m.id in signals
        )
        + "\n\n"
        + anchor_table_markdown(t, signals)
    )
