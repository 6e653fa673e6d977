"""Running the app's pages in-process with Streamlit's AppTest."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")


def run_page(page: str, timeout: float = 60, state: dict[str, object] | None = None, **params: str) -> AppTest:
    """Run the frame, switch to `page` (e.g. 'pages/recovery.py') with query parameters, and return it. `state`
    is put in the session first, as if the person had done what sets it (e.g. opened the self-check's list)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
    return at


def markdown_table(at: AppTest, first_header: str = "") -> dict[str, dict[str, str]]:
    """The first Markdown table on the page (found by its header row) as {row label: {column: cell}}."""
    for block in at.markdown:
        lines = [line.strip() for line in str(block.value).splitlines() if line.strip().startswith("|")]
        if len(lines) < 3 or not lines[0].strip("| ").startswith(first_header):
            continue
        header = [c.strip() for c in lines[0].strip("|").split("|")]
        table: dict[str, dict[str, str]] = {}
        for line in lines[2:]:
            cells = [c.strip() for c in line.strip("|").split("|")]
            table[cells[0]] = dict(zip(header[1:], cells[1:], strict=True))
        return table
    raise AssertionError("no Markdown table on the page")


def chart_datasets(chart: Any) -> dict[str, list[dict[str, Any]]]:
    """A Vega-Lite chart's named datasets as sent (Arrow), as rows."""
    return {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets}


def chart_spec(chart: Any) -> dict[str, Any]:
    """A Vega-Lite chart's spec as the browser draws it: the named datasets sent apart put back where the spec
    names them (a view's `data: {"name": ...}` becomes its `values`); the day's own dataset stays named."""
    spec = json.loads(chart.proto.spec)
    datasets = chart_datasets(chart)

    def back(node: Any) -> Any:
        if isinstance(node, list):
            return [back(v) for v in node]
        if not isinstance(node, dict):
            return node
        data = node.get("data")
        if isinstance(data, dict) and set(data) == {"name"} and data["name"] in datasets and data["name"] != "day":
            node = {**node, "data": {"values": datasets[data["name"]]}}
        return {k: back(v) for k, v in node.items()}

    return back(spec)


def texts(at: AppTest) -> str:
    """All visible text of markdown, captions, headers, alerts and metrics, joined."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "warning", "error", "info", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)


# HTML in every text field of the data: pages that allow HTML in a Markdown element (for folds and anchored
# headings) must show it as characters. OUR_HTML is all the HTML the app itself writes there.
HOSTILE_HTML = ' <img src=x onerror="window.__pwned=1"> </details><b>x</b>'
TEXT_FIELDS = {
    "name",
    "short_name",
    "note",
    "label",
    "plain",
    "text",
    "topic",
    "description",
    "summary",
    "title",
    "detail",
    "identifier",
}
OUR_HTML = re.compile(
    r'<details class="(?:fold|cited)"><summary>[^<>]*</summary>|</details>'
    r'|<h3><span id="[\w-]+">[^<>]*</span></h3>'
)


def poison(value: Any) -> Any:
    """`value` (parsed YAML) with HOSTILE_HTML appended to every text field; ids and numbers left alone."""
    if isinstance(value, dict):
        return {
            k: (v + HOSTILE_HTML if k in TEXT_FIELDS and isinstance(v, str) else poison(v)) for k, v in value.items()
        }
    if isinstance(value, list):
        return [poison(v) for v in value]
    return value


def poison_file(path: Path) -> None:
    """Rewrite a data file with HTML in every text field."""
    path.write_text(
        yaml.safe_dump(poison(yaml.safe_load(path.read_text(encoding="utf-8"))), allow_unicode=True), encoding="utf-8"
    )


def stray_html(body: str) -> bool:
    """Whether a Markdown body has an angle bracket that is neither escaped (\\<) nor part of OUR_HTML."""
    ours = OUR_HTML.sub("", body)
    return ours.count("<") != ours.count("\\<") or ours.count(">") != ours.count("\\>")
