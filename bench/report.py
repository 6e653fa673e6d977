"""Statistics and the markdown report in docs/benchmarks.md (each tool rewrites only its own section)."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from pathlib import Path

from bench.servers import REPO, machine_description

DOC_PATH = REPO / "docs" / "benchmarks.md"
DOC_TITLE = "# Benchmarks"
SECTION_ORDER = (
    "machine",
    "run",
    "elements",
    "run_gc_off",
    "wscost",
    "browser",
    "phone",
    "phone_trace",
    "soak",
    "capacity",
    "capacity_repeat",
    "proxy",
    "profile",
)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def ratio(value: float, reference: float) -> float:
    """value / reference, NaN when the reference is not positive."""
    return value / reference if reference > 0 else float("nan")


def fmt(value: float, digits: int = 1) -> str:
    """Format a number for a table, with an en dash for NaN."""
    return "–" if value != value else f"{value:.{digits}f}"


def kib(n_bytes: float, digits: int = 1) -> str:
    """Bytes as KiB for a table, with an en dash for NaN."""
    return fmt(n_bytes / 1024, digits)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def machine_section() -> str:
    """Markdown describing the machine and software the figures were measured on."""
    info = machine_description()
    load = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "## Machine\n\n"
        f"- date: {now}\n- `nproc`: {info['nproc']}\n- CPU: {info['cpu']}\n"
        f"- Python {info['python']}, Streamlit {info['streamlit']}, Linux {info['kernel']}\n"
        f"- load average when this section was written (1/5/15 min): {load}\n"
    )


def _marker(name: str) -> tuple[str, str]:
    """Start and end comments around a tool's section."""
    return f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"


def _sections(text: str) -> dict[str, str]:
    """The sections already in the document, by name."""
    found = re.findall(r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->", text, flags=re.S)
    return {name: body for name, body in found}


def write_section(name: str, body: str, path: Path = DOC_PATH, intro: str = "") -> None:
    """Replace one named section of the benchmark document (and the machine section), keeping the others."""
    text = path.read_text() if path.exists() else ""
    sections = _sections(text)
    sections[name] = body.rstrip() + "\n"
    sections["machine"] = machine_section()
    head = text.split("<!-- bench:", 1)[0].rstrip() if text else ""
    parts = [head or f"{DOC_TITLE}\n\n{intro}".rstrip()]
    for key in sorted(sections, key=lambda k: SECTION_ORDER.index(k) if k in SECTION_ORDER else 99):
        start, end = _marker(key)
        parts.append(f"{start}\n{sections[key]}{end}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(parts) + "\n")
