"""The frame's workaround for Streamlit's pages/-folder mode (dashboard/ui/frame.py): still needed, and in place."""

from __future__ import annotations

import ast
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager

from dashboard.pages import PAGES

ROOT = Path(__file__).resolve().parent.parent


def test_streamlit_still_starts_an_app_with_a_pages_folder_in_pages_folder_mode() -> None:
    """When this fails, Streamlit no longer does it: delete ensure_frame() and its calls."""
    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None
        PagesManager(str(ROOT / "streamlit_app.py"))
        assert PagesManager.uses_pages_directory is True
    finally:
        PagesManager.uses_pages_directory = before


def test_every_page_runs_the_frame_check_before_anything_else() -> None:
    for p in PAGES:
        tree = ast.parse((ROOT / p.script).read_text(encoding="utf-8"))
        body = [n for n in tree.body if not isinstance(n, ast.Import | ast.ImportFrom)
                and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]  # imports and docstring
        first = body[0]
        assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Call), p.script
        assert getattr(first.value.func, "id", None) == "ensure_frame", f"{p.script} starts with something else"
