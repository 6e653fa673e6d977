"""The documents name tests and code that exist: a document that says a check holds a rule names one that runs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
# `tests/test_x.py::test_name`, then `::test_other` for more tests of the same file
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?::(\w+)`|`(tests/[\w/]+\.py)`")


def _functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def _references(doc: Path) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    current: str | None = None
    for m in REFERENCE.finditer(doc.read_text("utf-8")):
        if m.group(3):
            current = m.group(3)
            found.append((current, None))
            continue
        current = m.group(1) or current
        if current is not None:
            found.append((current, m.group(2)))
    return found


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_test_a_document_names_exists(doc: Path) -> None:
    missing = []
    for file, name in _references(doc):
        path = ROOT / file
        if not path.exists():
            missing.append(file)
        elif name is not None and name not in _functions(path):
            missing.append(f"{file}::{name}")
    assert not missing, missing


def test_the_safety_document_names_its_tests() -> None:
    assert len(_references(ROOT / "docs" / "clinical-safety.md")) > 30
