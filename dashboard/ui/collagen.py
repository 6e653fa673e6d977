"""Drawing the collagen page: model notice, charts with their text alternatives, results, evidence notes."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.collagen import Overlay, build_collagen_spec, build_signals_spec
from dashboard.charts.palette import Scheme, palette
from dashboard.collagen import model_label
from dashboard.facts import build_facts
from dashboard.i18n import _
from dashboard.models import Dataset, Treatment
from dashboard.params import View
from dashboard.recovery import Personal, apply_modifiers
from dashboard.texts.collagen import CollagenTexts, build_collagen_texts, collagen_chart_text, signals_chart_text
from dashboard.ui.common import browser_scheme, dataset_of, get_course, with_data_apart
from dashboard.ui.memo import RunKey, memo

Spec = dict[str, object]


def _titles(dataset: Dataset) -> dict[str, str]:
    return {k: s.title for k, s in dataset.sources.items()}


def render_model_notice() -> None:
    """The plain-words warning that the curves are models, above every chart of the page."""
    st.info(
        _(
            "**{label}.** The lines show the usual shape of the healing response, drawn through time points "
            "reported in studies. They do not predict what will happen in your skin."
        ).format(label=model_label()),
        icon=":material/info:",
    )


def render_phases(texts: CollagenTexts) -> None:
    """The three healing phases in words, with their weeks and sources."""
    st.markdown(texts.phases)


# The specs and texts are made once per key and choice (ids and numbers, which hash cheaply; the specs also per
# theme) and shared between sessions; they are never mutated after building.
@memo(maxsize=64)
def _collagen_spec(
    key: RunKey, treatment_id: str, overlay_keys: tuple[tuple[str, int, int], ...], scheme: Scheme
) -> Spec:
    dataset = dataset_of(key)
    overlays = [Overlay(dataset.treatment(tid), n, gap) for tid, n, gap in overlay_keys]
    t = dataset.treatment(treatment_id)
    return with_data_apart(
        build_collagen_spec(t, overlays, _titles(dataset), build_facts(apply_modifiers(t, Personal())), palette(scheme))
    )


@memo(maxsize=16)
def _signals_spec(key: RunKey, treatment_id: str, scheme: Scheme) -> Spec | None:
    dataset = dataset_of(key)
    spec = build_signals_spec(dataset.treatment(treatment_id), _titles(dataset), palette(scheme))
    return None if spec is None else with_data_apart(spec)


@memo(maxsize=64)
def _collagen_text(key: RunKey, treatment_id: str, overlay_keys: tuple[tuple[str, int, int], ...]) -> str:
    dataset = dataset_of(key)
    overlays = [Overlay(dataset.treatment(tid), n, gap) for tid, n, gap in overlay_keys]
    return collagen_chart_text(dataset.treatment(treatment_id), overlays)


@memo(maxsize=16)
def _signals_text(key: RunKey, treatment_id: str) -> str:
    return signals_chart_text(dataset_of(key).treatment(treatment_id))


def render_collagen_chart(key: RunKey, t: Treatment, overlays: list[Overlay]) -> None:
    """The collagen and elastin chart, its legend in words, and its text alternative."""
    st.header(_("New collagen over a year"))
    keys = tuple((ov.treatment.id, ov.sessions, ov.interval_days) for ov in overlays)
    st.vega_lite_chart(
        _collagen_spec(key, t.id, keys, browser_scheme()),
        theme=None,
        width="stretch",
        alt=_("Line chart of modelled collagen response over 52 weeks after {treatment}.").format(treatment=t.name),
    )
    st.caption(
        _(
            "Shaded bands: the healing phases. Filled shapes: time points reported in a study. Open shapes: "
            "points we modelled to join them. Dotted vertical lines: when results show and keep improving. "
            "Tap or hover over a point to see its source."
        )
    )
    with st.expander(_("This chart as text")):
        st.markdown(_collagen_text(key, t.id, keys))


def render_signals_chart(key: RunKey, t: Treatment) -> None:
    """The early signalling proteins, on their own scale, or a note when the data has none."""
    st.header(_("Early repair signals"))
    spec = _signals_spec(key, t.id, browser_scheme())
    if spec is None:
        st.markdown(
            _("Our sources give no time course of early repair signals (heat-shock proteins) for {treatment}.").format(
                treatment=t.name
            )
        )
        return
    st.markdown(
        _(
            "Heat-shock proteins are made by heated cells. They switch on the repair work. Each line is drawn "
            "relative to its own highest level, so it shows timing, not amount."
        )
    )
    st.vega_lite_chart(
        spec,
        theme=None,
        width="stretch",
        alt=_("Line chart of modelled heat-shock protein levels after {treatment}.").format(treatment=t.name),
    )
    with st.expander(_("This chart as text")):
        st.markdown(_signals_text(key, t.id))


def render_results(texts: CollagenTexts) -> None:
    """When results first show, when they are strong, until when they improve and how long they last."""
    st.markdown(texts.results)


def render_evidence_notes(texts: CollagenTexts) -> None:
    """Where the evidence disagrees or is thin, for this treatment's curves."""
    st.markdown(texts.notes)


@memo(maxsize=128)  # a few KiB each
def get_texts(key: RunKey, view: View) -> CollagenTexts:
    """The texts for the view's treatment and person (made once per key and view)."""
    return build_collagen_texts(dataset_of(key), get_course(key, view))
