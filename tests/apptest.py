"""Running the app's pages in-process with Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

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


def texts(at: AppTest) -> str:
    """All visible text of markdown, captions, headers, alerts and metrics, joined."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "warning", "error", "info", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)
