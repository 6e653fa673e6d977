"""The tools hold what the documents claim: every third-party import is a declared dependency, the lock files match
the pins they are made from, and the checks named in the README run in `make test`."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
# Where an import's name differs from the distribution that provides it.
DISTRIBUTION = {
    "yaml": "pyyaml",
    "fpdf": "fpdf2",
    "vl_convert": "vl-convert-python",
    "PIL": "pillow",
    "zxingcpp": "zxing-cpp",
    "axe_playwright_python": "axe-playwright-python",
}
LOCAL = {
    "dashboard",
    "bench",
    "serve",
    "apptest",
    "conftest",
    "gallery_data",
    "pages_list",
    "patient_text",
    "test_browser_a11y",
    "test_browser_display",
    "test_gallery",
    "test_clinical_cases",
    "test_i18n",
}
OPTIONAL = {"psutil"}  # bench/servers.py reads /proc without it


def _name(requirement: str) -> str:
    return re.split(r"[=<>!~\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pins(requirements: list[str]) -> dict[str, str]:
    return {_name(r): r.split("==", 1)[1] for r in requirements if "==" in r}


def _imports(folders: list[str]) -> set[str]:
    found: set[str] = set()
    for folder in folders:
        paths = [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py")
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in LOCAL | OPTIONAL}


def _distributions(modules: set[str]) -> set[str]:
    return {DISTRIBUTION.get(m, m).lower().replace("_", "-") for m in modules}


def test_every_import_of_the_app_is_a_declared_dependency() -> None:
    runtime = set(_pins(PROJECT["project"]["dependencies"]))
    used = _distributions(_imports(["dashboard", "pages", "streamlit_app.py", "serve.py"]))
    assert used <= runtime, used - runtime


def test_every_import_of_the_tests_and_tools_is_declared() -> None:
    declared = set(_pins(PROJECT["project"]["dependencies"] + PROJECT["project"]["optional-dependencies"]["dev"]))
    used = _distributions(_imports(["tests", "bench", "scripts"]))
    assert used <= declared, used - declared


def _locked(path: Path) -> dict[str, str]:
    return {
        m.group(1).lower().replace("_", "-"): m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9_.-]+)==([^ \\\n]+)", path.read_text("utf-8"), re.M)
    }


def test_the_lock_files_hold_the_pins_with_hashes() -> None:
    app, dev = _locked(ROOT / "requirements.txt"), _locked(ROOT / "requirements-dev.txt")
    runtime = _pins(PROJECT["project"]["dependencies"])
    tools = _pins(PROJECT["project"]["optional-dependencies"]["dev"])
    assert {k: app.get(k) for k in runtime} == runtime
    assert {k: dev.get(k) for k in runtime | tools} == runtime | tools
    for path in (ROOT / "requirements.txt", ROOT / "requirements-dev.txt"):
        text = path.read_text("utf-8")
        packages = re.findall(r"^[A-Za-z0-9_.-]+==", text, re.M)
        assert packages and len(re.findall(r"\\\n\s+--hash=sha256:[0-9a-f]{64}", text)) >= len(packages), path.name
        assert not re.search(r"^(--index-url|--extra-index-url|--find-links|-f )|file://", text, re.M), path.name


def test_make_test_runs_the_checks_the_docs_name() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    for check in ("ruff check", "lint-imports", "mypy", "xenon --max-absolute C dashboard"):
        assert check in lint, check
    assert "\ntest: lint" in makefile
    assert "--require-hashes -r requirements-dev.txt" in makefile and "--require-hashes -r requirements.txt" in makefile
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "make test" in ci


def test_the_import_contracts_name_every_module_of_the_domain() -> None:
    """A new module of the domain has its floor written down (and is held to never importing Streamlit)."""
    contracts = PROJECT["tool"]["importlinter"]["contracts"]
    forbidden = next(c for c in contracts if c["type"] == "forbidden")
    layers = next(c for c in contracts if c["type"] == "layers")
    layered = {m.strip() for layer in layers["layers"] for m in re.split(r"[:|]", layer)}
    domain = {f"dashboard.{p.stem}" for p in (ROOT / "dashboard").glob("*.py") if p.stem != "__init__"} | {
        f"dashboard.{p.name}" for p in (ROOT / "dashboard").iterdir() if (p / "__init__.py").exists()
    }
    assert domain - {"dashboard.ui"} == set(forbidden["source_modules"])
    assert domain == layered
