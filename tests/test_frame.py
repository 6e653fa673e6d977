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
        body = [
            n
            for n in tree.body
            if not isinstance(n, ast.Import | ast.ImportFrom)
            and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
        ]  # imports and docstring
        first = body[0]
        assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Call), p.script
        assert getattr(first.value.func, "id", None) == "ensure_frame", f"{p.script} starts with something else"


_SETTLE_PROBE = """
import gc, json, pkgutil, sys, threading, weakref
import dashboard
from dashboard.ui.frame import settle_heap, settle_heap_soon

class Node:
    pass

full = []
gc.callbacks.append(lambda phase, info: full.append(1) if phase == "start" and info["generation"] == 2 else None)
settle_heap_soon()  # as the frame calls it: on a thread of its own
for thread in threading.enumerate():
    if thread.name == "settle-heap":
        thread.join(120)
frozen, first = gc.get_freeze_count(), len(full)
settle_heap()  # a second call does nothing
settle_heap_soon()  # nor does a second start
again = len(full) - first
names = [m.name for m in pkgutil.walk_packages(dashboard.__path__, "dashboard.")]
a, b = Node(), Node()  # a cycle made after the settling, as a run makes them
a.other, b.other = b, a
gone = weakref.ref(a)
del a, b
gc.collect()
print(json.dumps({"frozen": frozen, "first": first, "again": again, "alive": gone() is not None,
                  "threads": [t.name for t in threading.enumerate() if t.name == "settle-heap"],
                  "missing": [n for n in names if n not in sys.modules and not n.endswith("__main__")],
                  "altair": "altair" in sys.modules, "pyarrow": "pyarrow" in sys.modules}))
"""


def test_settle_heap_imports_the_app_freezes_it_once_and_leaves_later_garbage_collectable() -> None:
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", _SETTLE_PROBE], cwd=ROOT, capture_output=True, text=True, check=True, timeout=180
    )
    probe = json.loads(out.stdout.strip().splitlines()[-1])
    assert probe["missing"] == []  # every module of the app was imported before the freeze
    assert probe["altair"] and probe["pyarrow"]  # and with them the libraries the pages draw with
    assert probe["frozen"] > 50_000  # the imports' objects are in the permanent generation
    assert probe["first"] >= 1 and probe["again"] == 0  # one full collection, at the first call only
    assert probe["threads"] == []  # no second thread was started
    assert probe["alive"] is False  # a cycle made after it is still collected


def test_the_frame_settles_the_heap_after_the_page_went_out() -> None:
    """Last, so the first visitor after a restart does not wait for the imports of pages they did not ask for."""
    tree = ast.parse((ROOT / "streamlit_app.py").read_text(encoding="utf-8"))
    last = tree.body[-1]
    assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
    assert getattr(last.value.func, "id", None) == "settle_heap_soon"
