"""The frame's pieces of framework code, kept where a reader looks for them: a workaround for Streamlit's pages
folder, a heap settled once per process, and a rerun when a page's websocket comes back.

Streamlit 1.67 decides on a fresh server's first run (and on every AppTest run) whether the app uses the old
`pages/` folder, before the frame's `st.navigation` can say otherwise: `PagesManager.uses_pages_directory`
becomes True because `pages/` exists. A deep link as the first visit after a restart (a QR code, the waiting-room
screen reconnecting) then runs the page without the frame, and the menu lists file names, /display among them.
Every page calls `ensure_frame()` first, which runs the frame in the page's place within the same run, so no
widget event is lost. Whether the frame is running is known per run (the frame runs its pages inside
`running_pages()`), since Streamlit's flag is one for the whole process and overlapping first runs raced on it.

Tests: tests/test_frame.py shows Streamlit still does this (delete the workaround when that test fails), and
tests/test_browser_a11y.py::test_menu_is_right_when_the_first_visit_is_a_deep_link shows the menu is right.

`settle_heap()`: Python's collector walks every object in its oldest generation again and again, and after the
app's imports (pandas, pyarrow, Altair, pydantic, fpdf2) that is about 200,000 objects, about 90 ms a walk. Under
load those walks were about a tenth of the server's time (docs/benchmarks.md, "Findings (2026-11-27, night)").
Modules live as long as the process, so walking them never frees anything: once all are imported, they go into
the collector's permanent generation (`gc.freeze`). The frame starts it after its first run has sent the page
(`settle_heap_soon`), on a thread of its own, so no visitor waits for the imports of pages they did not ask for.
What the first run made (the data, its memos) is frozen with the modules; a frozen object is still freed when
nothing refers to it any more, only a reference cycle among them would stay. What later runs make is collected as
usual. Test: tests/test_frame.py.

`rerun_on_reconnect()`: Streamlit 1.67's page, when its websocket comes back after a drop, asks for a rerun only if
a run was under way or the page has a fragment that reruns on a timer (`run_every`); otherwise it expects the server
to resume its session and sends nothing. Behind nginx the websocket may come back to another replica (the one it was
on crashed, or a rollout stopped it), which never knew that session: it starts an empty one, and drops a fragment
rerun it does not know, so "Next day" (in the day view's fragment) did nothing until the page was reloaded. An
empty fragment that reruns once a day makes every page one that asks for a rerun when it reconnects; the new
replica then runs the page from its URL, which holds the day, language and choices. Test:
tests/test_browser_failover.py::test_a_rolling_restart_shows_no_error_box fails without it.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import pkgutil
import runpy
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import timedelta

import streamlit as st

import dashboard

_in_frame: ContextVar[bool] = ContextVar("in_frame", default=False)
_settled = threading.Event()
_settling = threading.Lock()


@contextlib.contextmanager
def running_pages() -> Iterator[None]:
    """The frame runs its pages inside this: a page that starts outside it was started by Streamlit on its own."""
    token = _in_frame.set(True)
    try:
        yield
    finally:
        _in_frame.reset(token)


def ensure_frame() -> None:
    """Run the frame instead of this page when Streamlit started the page on its own (its pages/-folder mode).

    Whether the frame runs this page is known per run (`running_pages`), not from Streamlit's process-wide flag: two
    browsers whose first runs on a fresh server overlap (pages reconnecting to a replica that just started) both
    start in pages/-folder mode, and the first to get here clears the flag; the second then ran its page without
    the frame, in English and without the menu (tests/test_browser_failover.py caught it).
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or _in_frame.get():
        return
    PagesManager.uses_pages_directory = False
    runpy.run_path(ctx.main_script_path, run_name="__main__")
    st.stop()


RECONNECT_TIMER = timedelta(days=1)  # the empty fragment's own rerun: once a day on a page left open, costing nothing


def rerun_on_reconnect() -> None:
    """Make the browser ask for a rerun of its page whenever its websocket reconnects (see the module's docstring)."""

    @st.fragment(run_every=RECONNECT_TIMER)
    def _reconnect_timer() -> None:
        return None

    _reconnect_timer()


def is_display_request() -> bool:
    """True when the browser asked for /display: the frame then hides the navigation menu."""
    try:
        url = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser context (tests, bare mode)
        return False
    return url.split("?", 1)[0].rstrip("/").endswith("/display")


def settle_heap() -> None:
    """Once per process: import every module of the app, then take all that lives into gc's permanent generation."""
    if _settled.is_set():
        return
    with _settling:
        if _settled.is_set():
            return
        for module in pkgutil.walk_packages(dashboard.__path__, "dashboard."):
            if not module.name.rsplit(".", 1)[-1].startswith("__"):  # not the command line
                importlib.import_module(module.name)
        gc.collect()  # what is garbage now would otherwise be kept for good
        gc.freeze()
        _settled.set()


def settle_heap_soon() -> None:
    """settle_heap() once per process, on a thread of its own (started by the first run that gets here)."""
    if not _settled.is_set() and not _settling.locked():
        threading.Thread(target=settle_heap, name="settle-heap", daemon=True).start()
