"""Drawing the collagen page: model notice, charts with their text alternatives, results, evidence notes."""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from dashboard.charts.collagen import (
    Overlay,
    anchor_table_markdown,
    build_collagen_spec,
    build_signals_spec,
    describe_collagen,
    fmt_week,
)
from dashboard.collagen import SCALED_MARKERS, model_label
from dashboard.course import default_plan
from dashboard.facts import CourseFacts, build_facts
from dashboard.i18n import _, current_language, format_number, links_key, ngettext
from dashboard.markdown import md, source_links
from dashboard.models import Dataset, Treatment
from dashboard.params import View
from dashboard.recovery import Personal, apply_modifiers
from dashboard.ui.common import Version, checked_dataset, data_version, get_course, with_data_apart
from dashboard.ui.memo import memo


class CollagenTexts(NamedTuple):
    """The page's texts under the chart, for one treatment and person (made once, shared)."""

    results: str
    notes: str
    phases: str


def _titles(dataset: Dataset) -> dict[str, str]:
    return {k: s.title for k, s in dataset.sources.items()}


def render_model_notice() -> None:
    """The plain-words warning that the curves are models, above every chart of the page."""
    st.info(_("**{label}.** The lines show the usual shape of the healing response, drawn through time points "
              "reported in studies. They do not predict what will happen in your skin.").format(label=model_label()),
            icon=":material/info:")


def _phases_markdown(t: Treatment) -> str:
    phases = ["- " + _("**{name}** (weeks {start} to {end}): {text}").format(
        name=md(p.name), start=fmt_week(p.start_week), end=format_number(p.end_week), text=md(p.plain))
        + f" {source_links(p.sources)}" for p in t.collagen.phases]
    return "### " + _("The three healing phases") + "\n\n" + "\n".join(phases)  # heading and list: one element


def render_phases(texts: CollagenTexts) -> None:
    """The three healing phases in words, with their weeks and sources."""
    st.markdown(texts.phases)


# The specs are built once per data version and choice (ids and numbers as keys, which hash cheaply) and shared
# between sessions; they are never mutated after building. Their words are in the language of the run: it is a key.
@memo(maxsize=64)
def _collagen_spec(folder: str, signature: Version, treatment_id: str,
                   overlay_keys: tuple[tuple[str, int, int], ...], language: str) -> dict[str, object]:
    dataset = checked_dataset(folder, signature)
    overlays = [Overlay(dataset.treatment(tid), n, gap) for tid, n, gap in overlay_keys]
    t = dataset.treatment(treatment_id)
    return with_data_apart(build_collagen_spec(t, overlays, _titles(dataset),
                                               build_facts(apply_modifiers(t, Personal()))))


@memo(maxsize=16)
def _signals_spec(folder: str, signature: Version, treatment_id: str,
                  language: str) -> dict[str, object] | None:
    dataset = checked_dataset(folder, signature)
    spec = build_signals_spec(dataset.treatment(treatment_id), _titles(dataset))
    return None if spec is None else with_data_apart(spec)


@memo(maxsize=64)
def _collagen_text(folder: str, signature: Version, links: str, treatment_id: str,
                   overlay_keys: tuple[tuple[str, int, int], ...]) -> str:
    # The chart's text alternative and table (with source links: `links` keys their rule), made once.
    dataset = checked_dataset(folder, signature)
    overlays = [Overlay(dataset.treatment(tid), n, gap) for tid, n, gap in overlay_keys]
    t = dataset.treatment(treatment_id)
    return "\n".join(f"- {line}" for line in describe_collagen(t, overlays)) + "\n\n" + anchor_table_markdown(
        t, SCALED_MARKERS)


@memo(maxsize=16)
def _signals_text(folder: str, signature: Version, links: str, treatment_id: str) -> str:
    dataset = checked_dataset(folder, signature)
    t = dataset.treatment(treatment_id)
    signals = {m.id for m in t.collagen.markers if m.id not in SCALED_MARKERS}
    return "\n".join(
        f"- **{md(m.name)}**: {md(m.plain)} " + "; ".join(
            _("{what} (week {week}, {source})").format(what=md(a.label.lower()), week=fmt_week(a.week),
                                                       source=md(a.source))
            for a in m.anchors if a.measured) + "."
        for m in t.collagen.markers if m.id in signals) + "\n\n" + anchor_table_markdown(t, signals)


def render_collagen_chart(dataset: Dataset, t: Treatment, overlays: list[Overlay]) -> None:
    """The collagen and elastin chart, its legend in words, and its text alternative."""
    st.subheader(_("New collagen over a year"))
    keys = tuple((ov.treatment.id, ov.sessions, ov.interval_days) for ov in overlays)
    st.vega_lite_chart(_collagen_spec(*data_version(), t.id, keys, current_language()), theme=None, width="stretch",
                       alt=_("Line chart of modelled collagen response over 52 weeks after {treatment}.").format(
                           treatment=t.name))
    st.caption(_("Shaded bands: the healing phases. Filled shapes: time points reported in a study. Open shapes: "
                 "points we modelled to join them. Dotted vertical lines: when results show and keep improving. "
                 "Tap or hover over a point to see its source."))
    with st.expander(_("This chart as text")):
        st.markdown(_collagen_text(*data_version(), links_key(), t.id, keys))


def render_signals_chart(dataset: Dataset, t: Treatment) -> None:
    """The early signalling proteins, on their own scale, or a note when the data has none."""
    st.subheader(_("Early repair signals"))
    spec = _signals_spec(*data_version(), t.id, current_language())
    if spec is None:
        st.markdown(_("Our sources give no time course of early repair signals (heat-shock proteins) for "
                      "{treatment}.").format(treatment=t.name))
        return
    st.markdown(_("Heat-shock proteins are made by heated cells. They switch on the repair work. Each line is drawn "
                  "relative to its own highest level, so it shows timing, not amount."))
    st.vega_lite_chart(spec, theme=None, width="stretch",
                       alt=_("Line chart of modelled heat-shock protein levels after {treatment}.").format(
                           treatment=t.name))
    with st.expander(_("This chart as text")):
        st.markdown(_signals_text(*data_version(), links_key(), t.id))


def _results_markdown(facts: CourseFacts) -> str:
    course = ngettext("For a usual course of {n} session, {gap} days apart, counted from the first session:",
                      "For a usual course of {n} sessions, {gap} days apart, counted from the first session:",
                      facts.plan.sessions).format(n=facts.plan.sessions, gap=facts.plan.interval_days)
    items = [f for f in (facts.first_results, facts.strong_results, facts.improving, facts.lasting) if f is not None]
    return ("### " + _("When results show") + "\n\n" + (course + "\n\n" if facts.plan.sessions > 1 else "")
            + "\n".join(f"- **{f.label}:** {md(f.text)} {source_links(f.sources)}" for f in items))


def render_results(texts: CollagenTexts) -> None:
    """When results first show, when they are strong, until when they improve and how long they last."""
    st.markdown(texts.results)


def _notes_markdown(dataset: Dataset, t: Treatment) -> str:
    notes = []
    if t.collagen.peak_note:
        notes.append(_("**When the response peaks.** {note}").format(note=t.collagen.peak_note))
    illustrative = [m.name for m in t.collagen.markers if m.illustrative]
    if illustrative:
        names = illustrative[0] if len(illustrative) == 1 else _("{list} and {last}").format(
            list=", ".join(illustrative[:-1]), last=illustrative[-1])
        notes.append(ngettext("**Illustrative curves.** {names} is drawn to show the usual pattern of healing, not "
                              "measured for this treatment.",
                              "**Illustrative curves.** {names} are drawn to show the usual pattern of healing, not "
                              "measured for this treatment.", len(illustrative)).format(names=names))
    scale = t.collagen.scale
    if scale.note:
        notes.append(_("**Size of the response.** {note}").format(note=scale.note)
                     + f" {source_links(scale.sources)}")
    if not any(m.id == "elastin" for m in t.collagen.markers):
        text = _("**Elastin.** New elastin is part of remodelling, but our sources give no time course for "
                 "{treatment}, so it has no curve here.").format(treatment=t.short_name)
        for other in dataset.treatments.values():
            elastin = next((m for m in other.collagen.markers if m.id == "elastin"), None)
            if elastin is not None:
                seen = "; ".join(a.label.lower() for a in elastin.anchors if a.measured)
                text += " " + _("After {treatment} it was {seen} {sources}.").format(
                    treatment=other.short_name, seen=seen, sources=source_links(elastin.sources))
                break
        notes.append(text)
    return "### " + _("Where the evidence is unsure") + "\n\n" + "\n".join(f"- {note}" for note in notes)


def render_evidence_notes(texts: CollagenTexts) -> None:
    """Where the evidence disagrees or is thin, for this treatment's curves."""
    st.markdown(texts.notes)


@memo(maxsize=128)  # a few KiB each
def _texts(folder: str, signature: Version, links: str, treatment: str, area: str, intensity: str,
           phototype: int | None) -> CollagenTexts:
    # `links` keys the source links' rule (they carry the language when the person chose one).
    dataset = checked_dataset(folder, signature)
    course = get_course(View(treatment=treatment, area=area, intensity=intensity, phototype=phototype))
    t = dataset.treatment(treatment)
    return CollagenTexts(_results_markdown(build_facts(course, default_plan(course))), _notes_markdown(dataset, t),
                         _phases_markdown(t))


def get_texts(view: View) -> CollagenTexts:
    """The texts for the view's treatment and person (made once per data version, language and link rule)."""
    return _texts(*data_version(), links_key(), view.treatment, view.area, view.intensity, view.phototype)
