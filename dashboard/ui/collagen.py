"""Drawing the collagen page: model notice, charts with their text alternatives, results, evidence notes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts.collagen import (
    CURVE_STEP,
    PLOTLY_CONFIG,
    Overlay,
    build_collagen_figure,
    build_signals_figure,
)
from dashboard.collagen import MODEL_LABEL, SCALED_MARKERS, CurveRow, build_anchors, build_collagen
from dashboard.facts import CourseFacts, build_facts
from dashboard.markdown import md, source_links
from dashboard.models import Dataset, Treatment
from dashboard.recovery import Personal, apply_modifiers
from dashboard.ui.common import _load_cached, data_version


def _titles(dataset: Dataset) -> dict[str, str]:
    return {k: s.title for k, s in dataset.sources.items()}


def _fmt_week(week: float) -> str:
    return f"{week:g} (day {round(week * 7)})" if 0 < week < 1 else f"{week:g}"


def render_model_notice() -> None:
    """The plain-words warning that the curves are models, above every chart of the page."""
    st.info(f"**{MODEL_LABEL}.** The lines show the usual shape of the healing response, drawn through time "
            "points reported in studies. They do not predict what will happen in your skin.",
            icon=":material/info:")


def render_phases(t: Treatment) -> None:
    """The three healing phases in words, with their weeks and sources."""
    st.subheader("The three healing phases")
    for p in t.collagen.phases:
        st.markdown(f"- **{p.name}** (weeks {_fmt_week(p.start_week)} to {p.end_week:g}): {p.plain} "
                    f"{source_links(p.sources)}")


def _peak_sentence(label: str, rows: list[CurveRow]) -> str:
    peak = max(rows, key=lambda r: float(r["response"]))
    end = rows[-1]
    return (f"{label}: highest at about week {round(float(peak['week']))} ({float(peak['response']):.2f}), "
            f"{float(end['response']):.2f} at week {float(end['week']):g}.")


def describe_collagen(t: Treatment, overlays: list[Overlay]) -> list[str]:
    """Sentences that say what the collagen chart shows (its text alternative)."""
    rows = build_collagen(t, step=CURVE_STEP)
    lines = [f"The scale: 1 is the response to one fully ablative CO2 treatment. One {t.short_name} session is "
             f"modelled at {t.collagen.scale.per_session:g} of that ({source_links(t.collagen.scale.sources)})."]
    for marker in t.collagen.markers:
        if marker.id in SCALED_MARKERS:
            pts = [r for r in rows if r["marker_id"] == marker.id]
            flag = " (illustrative)" if marker.illustrative else ""
            lines.append(_peak_sentence(f"{marker.name}{flag}, one {t.short_name} session", pts))
    for ov in overlays:
        pts = [r for r in build_collagen(ov.treatment, ov.sessions, ov.interval_days, step=CURVE_STEP)
               if r["marker_id"] == "collagen-1"]
        if pts:
            lines.append(_peak_sentence(f"Type I collagen, {ov.label}{ov.spacing}", pts))
    return lines


# The figures are built once per data version and choice (ids and numbers as keys, which hash cheaply) and
# shared between sessions; they are never mutated after building.
@st.cache_resource(show_spinner=False, max_entries=64)
def _collagen_figure(folder: str, signature: tuple[object, ...], treatment_id: str,
                     overlay_keys: tuple[tuple[str, int, int], ...]) -> go.Figure:
    dataset = _load_cached(folder, signature)
    overlays = [Overlay(dataset.treatment(tid), n, gap) for tid, n, gap in overlay_keys]
    t = dataset.treatment(treatment_id)
    return build_collagen_figure(t, overlays, _titles(dataset), build_facts(apply_modifiers(t, Personal())))


@st.cache_resource(show_spinner=False, max_entries=16)
def _signals_figure(folder: str, signature: tuple[object, ...], treatment_id: str) -> go.Figure | None:
    dataset = _load_cached(folder, signature)
    return build_signals_figure(dataset.treatment(treatment_id), _titles(dataset))


def render_collagen_chart(dataset: Dataset, t: Treatment, overlays: list[Overlay]) -> None:
    """The collagen and elastin chart, its legend in words, and its text alternative."""
    st.subheader("New collagen over a year")
    keys = tuple((ov.treatment.id, ov.sessions, ov.interval_days) for ov in overlays)
    fig = _collagen_figure(*data_version(), t.id, keys)
    st.plotly_chart(fig, config=PLOTLY_CONFIG, width="stretch",
                    alt=f"Line chart of modelled collagen response over 52 weeks after {t.name}.")
    st.caption("Shaded bands: the healing phases. Filled shapes: time points reported in a study. Open shapes: "
               "points we modelled to join them. Dotted vertical lines: when results show and keep improving. "
               "Tap or hover over a point to see its source.")
    with st.expander("This chart as text"):
        for line in describe_collagen(t, overlays):
            st.markdown(f"- {line}")
        render_anchor_table(t, SCALED_MARKERS)


def render_signals_chart(dataset: Dataset, t: Treatment) -> None:
    """The early signalling proteins, on their own scale, or a note when the data has none."""
    st.subheader("Early repair signals")
    fig = _signals_figure(*data_version(), t.id)
    if fig is None:
        st.markdown(f"Our sources give no time course of early repair signals (heat-shock proteins) for {t.name}.")
        return
    st.markdown("Heat-shock proteins are made by heated cells. They switch on the repair work. Each line is drawn "
                "relative to its own highest level, so it shows timing, not amount.")
    st.plotly_chart(fig, config=PLOTLY_CONFIG, width="stretch",
                    alt=f"Line chart of modelled heat-shock protein levels after {t.name}.")
    signals = {m.id for m in t.collagen.markers if m.id not in SCALED_MARKERS}
    with st.expander("This chart as text"):
        for m in t.collagen.markers:
            if m.id in signals:
                points = "; ".join(f"{a.label.lower()} (week {_fmt_week(a.week)}, {a.source})" for a in m.anchors
                                   if a.measured)
                st.markdown(f"- **{m.name}**: {m.plain} {points}.")
        render_anchor_table(t, signals)


def render_anchor_table(t: Treatment, marker_ids: set[str] | frozenset[str]) -> None:
    """Every anchor of the chosen markers: week, what the source says, measured or modelled, source key."""
    rows = [{"Marker": a["marker"], "Week": a["week"], "Level (model)": a["response"] if a["marker_id"] in
             SCALED_MARKERS else a["level"], "What the source says": a["label"],
             "Kind": "Reported in a study" if a["measured"] else "Modelled", "Source": a["source"]}
            for a in build_anchors(t) if a["marker_id"] in marker_ids]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


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
