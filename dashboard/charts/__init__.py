"""Chart builders: functions that return finished chart specs (or Altair charts) and draw nothing."""

from __future__ import annotations

from typing import Any

import altair as alt

Spec = dict[str, Any]

# The named dataset of a chart's chosen day. A chart's spec stays the same as a person moves the day and only this
# small dataset changes, so the browser updates the chart it has: Streamlit draws a new spec as a new chart.
DAY_DATA = "day"


def finished_spec(chart: alt.TopLevelMixin) -> Spec:
    """An Altair chart as a finished Vega-Lite dict with its data inline in the views that use it.

    Built (and validated) once by the caller's cache; st.vega_lite_chart then neither validates it again nor
    converts named datasets to Arrow on every run, as it does for st.altair_chart.
    """
    spec = chart.to_dict()
    datasets = spec.pop("datasets", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and set(data) == {"name"} and data["name"] in datasets:
                node = {**node, "data": {"values": datasets[data["name"]]}}
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    spec = inline(spec)
    top = spec.pop("data", None)
    if top is not None:  # Streamlit moves top-level data into Arrow: hand it to the views instead
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for view in spec.get(key, []):
                view.setdefault("data", top)
        if not any(key in spec for key in ("layer", "vconcat", "hconcat", "concat")):
            spec["data"] = top
    return spec
