"""Chart builders: functions that return finished chart specs (or Altair charts) and draw nothing."""

from __future__ import annotations

from typing import Any

import altair as alt

Spec = dict[str, Any]

# The named dataset of a chart's chosen day. A chart's spec stays the same as a person moves the day and only this
# small dataset changes, so the browser updates the chart it has: Streamlit draws a new spec as a new chart.
DAY_DATA = "day"


def split_data(spec: Spec, min_rows: int = 20) -> tuple[Spec, dict[str, list[dict[str, Any]]]]:
    """The spec with each long inline data set (`data.values` of at least `min_rows` rows, or one that several views
    share, every row with the same fields) named instead, and those data sets by name. Sent apart from the spec (as
    Arrow, see dashboard/ui/common.with_data_apart) they cost no JSON work on a run: Streamlit writes the spec as
    JSON and reads it back on every run, and long or repeated data was most of that. Views that share one list
    share one name."""
    uses: dict[int, int] = {}

    def inline_values(node: dict[str, Any]) -> list[Any] | None:
        values = node.get("data", {}).get("values") if isinstance(node.get("data"), dict) else None
        if (
            isinstance(values, list)
            and values
            and set(node["data"]) == {"values"}
            and all(isinstance(r, dict) and r.keys() == values[0].keys() for r in values)
        ):
            return values
        return None

    def count(node: Any) -> None:
        if isinstance(node, list):
            for v in node:
                count(v)
        elif isinstance(node, dict):
            if (values := inline_values(node)) is not None:
                uses[id(values)] = uses.get(id(values), 0) + 1
            for v in node.values():
                count(v)

    named: dict[int, str] = {}
    data: dict[str, list[dict[str, Any]]] = {}

    def apart(node: Any) -> Any:
        if isinstance(node, list):
            return [apart(v) for v in node]
        if not isinstance(node, dict):
            return node
        values = inline_values(node)
        if values is not None and (len(values) >= min_rows or uses[id(values)] > 1):
            name = named.setdefault(id(values), f"rows{len(named)}")
            data[name] = values
            node = {**node, "data": {"name": name}}
        return {k: apart(v) for k, v in node.items()}

    count(spec)
    return apart(spec), data


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
                # The dataset's own list, not a copy: views that share data keep sharing it (split_data).
                return {k: {"values": datasets[data["name"]]} if k == "data" else inline(v) for k, v in node.items()}
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
