"""Drawing the collagen page: model notice, charts with their text alternatives, results, evidence notes."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.collagen import (
    Overlay,
    anchor_table_markdown,
    build_collagen_spec,
    build_signals_spec,
    describe_collagen,
    fmt_week,
)
from dashboard.collagen import MODEL_LABEL, SCALED_MARKERS
from dashboard.facts import CourseFacts, build_facts
from dashboard.markdown import md, source_links
from dashboard.models import Dataset, Treatment
from dashboard.recovery import Personal, apply_modifiers
from dashboard.ui.common import _load_cached, data_version


def _titles(dataset: Dataset) -> dict[str, str]:
    return {k: s.title for k, s in dataset.sources.items()}


def render_model_notice() -> None:
    """The plain-words warning that the curves are models, above every chart of the page."""
    st.info(f"**{MODEL_LABEL}.** The lines show the usual shape of the healing response, drawn through time "
            "points reported in studies. They do not predict what will happen in your skin.",
            icon=":material/info:")


def render_phases(t: Treatment) -> None:
    """The three healing phases in words, with their weeks and sources."""
    st.subheader("The three healing phases")
    for p in t.collagen.phases:
        st.markdown(f"- **{p.name}** (weeks {fmt_week(p.start_week)} to {p.end_week:g}): {p.plain} "
                    f"{source_links(p.sources)}")


# The specs are built once per data version and choice (ids and numbers as keys, which hash cheaply) and shared
# between sessions; they are never mutated after building.
@st.cache_resource(show_spinner=False, max_entries=64)
def _collagen_spec(folder: str, signature: tuple[object, ...], treatment_id: str,
                   overlay_keys: tuple[tuple[str, int, int], ...]) -> dict[str, object]:
    dataset = _load_cached(folder, signature)
    overlays = [Overlay(dataset.treatment(tid), n, gap) for tid, n, gap in overlay_keys]
    t = dataset.treatment(treatment_id)
    return build_collagen_spec(t, overlays, _titles(dataset), build_facts(apply_modifiers(t, Personal())))


@st.cache_resource(show_spinner=False, max_entries=16)
def _signals_spec(folder: str, signature: tuple[object, ...], treatment_id: str) -> dict[str, object] | None:
    dataset = _load_cached(folder, signature)
    return build_signals_spec(dataset.treatment(treatment_id), _titles(dataset))


def render_collagen_chart(dataset: Dataset, t: Treatment, overlays: list[Overlay]) -> None:
    """The collagen and elastin chart, its legend in words, and its text alternative."""
    st.subheader("New collagen over a year")
    keys = tuple((ov.treatment.id, ov.sessions, ov.interval_days) for ov in overlays)
    st.vega_lite_chart(_collagen_spec(*data_version(), t.id, keys), theme=None, width="stretch",
                       alt=f"Line chart of modelled collagen response over 52 weeks after {t.name}.")
    st.caption("Shaded bands: the healing phases. Filled shapes: time points reported in a study. Open shapes: "
               "points we modelled to join them. Dotted vertical lines: when results show and keep improving. "
               "Tap or hover over a point to see its source.")
    with st.expander("This chart as text"):
        st.markdown("\n".join(f"- {line}" for line in describe_collagen(t, overlays)))
        st.markdown(anchor_table_markdown(t, SCALED_MARKERS))


def render_signals_chart(dataset: Dataset, t: Treatment) -> None:
    """The early signalling proteins, on their own scale, or a note when the data has none."""
    st.subheader("Early repair signals")
    spec = _signals_spec(*data_version(), t.id)
    if spec is None:
        st.markdown(f"Our sources give no time course of early repair signals (heat-shock proteins) for {t.name}.")
        return
    st.markdown("Heat-shock proteins are made by heated cells. They switch on the repair work. Each line is drawn "
                "relative to its own highest level, so it shows timing, not amount.")
    st.vega_lite_chart(spec, theme=None, width="stretch",
                       alt=f"Line chart of modelled heat-shock protein levels after {t.name}.")
    signals = {m.id for m in t.collagen.markers if m.id not in SCALED_MARKERS}
    with st.expander("This chart as text"):
        st.markdown("\n".join(
            f"- **{md(m.name)}**: {md(m.plain)} " + "; ".join(
                f"{md(a.label.lower())} (week {fmt_week(a.week)}, {a.source})" for a in m.anchors if a.measured) + "."
            for m in t.collagen.markers if m.id in signals))
        st.markdown(anchor_table_markdown(t, signals))


def render_results(facts: CourseFacts) -> None:
    """When results first show, when they are strong, until when they improve and how long they last."""
    st.subheader("When results show")
    if facts.plan.sessions > 1:
        st.markdown(f"For a usual course of {facts.plan.sessions} sessions, {facts.plan.interval_days} days apart, "
                    "counted from the first session:")
    items = [f for f in (facts.first_results, facts.strong_results, facts.improving, facts.lasting) if f is not None]
    st.markdown("\n".join(f"- **{f.label}:** {md(f.text)} {source_links(f.sources)}" for f in items))


def render_evidence_notes(dataset: Dataset, t: Treatment) -> None:
    """Where the evidence disagrees or is thin, for this treatment's curves."""
    st.subheader("Where the evidence is unsure")
    notes = []
    if t.collagen.peak_note:
        notes.append(f"**When the response peaks.** {t.collagen.peak_note}")
    illustrative = [m.name for m in t.collagen.markers if m.illustrative]
    if illustrative:
        names = illustrative[0] if len(illustrative) == 1 else (
            ", ".join(illustrative[:-1]) + " and " + illustrative[-1])
        notes.append("**Illustrative curves.** " + names + " "
                     + ("is" if len(illustrative) == 1 else "are")
                     + " drawn to show the usual pattern of healing, not measured for this treatment.")
    scale = t.collagen.scale
    if scale.note:
        notes.append(f"**Size of the response.** {scale.note} {source_links(scale.sources)}")
    if not any(m.id == "elastin" for m in t.collagen.markers):
        text = (f"**Elastin.** New elastin is part of remodelling, but our sources give no time course for "
                f"{t.short_name}, so it has no curve here.")
        for other in dataset.treatments.values():
            elastin = next((m for m in other.collagen.markers if m.id == "elastin"), None)
            if elastin is not None:
                seen = "; ".join(a.label.lower() for a in elastin.anchors if a.measured)
                text += f" After {other.short_name} it was {seen} {source_links(elastin.sources)}."
                break
        notes.append(text)
    for note in notes:
        st.markdown(f"- {note}")
