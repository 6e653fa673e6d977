"""The frame's pieces of framework code, kept where a reader looks for them: a workaround for Streamlit's pages
folder, a heap settled once per process, and a rerun when a page's websocket comes back.

Streamlit 1.67 decides on a fresh server's first run (and on every AppTest run) whether the app uses the old
`pages/` folder, before the frame's `st.navigation` can say otherwise: `PagesManager.uses_pages_directory`
becomes True because `pages/` exists. A deep link as the first visit after a restart (a QR code, the waiting-room
screen reconnecting) then runs the page without the frame, and the menu lists file names, /display among them.
Every page calls `ensure_frame()` first, which runs the frame in the page's place within the same run, so no
widget event is lost.

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

import gc
import importlib
import pkgutil
import runpy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

import dashboard
from dashboard.pages import page, split_page

_settled = threading.Event()
_settling = threading.Lock()


FRAME_SCRIPT = Path(dashboard.__file__).resolve().parent.parent / "streamlit_app.py"
_framing: ContextVar[bool] = ContextVar("framing", default=False)


@contextmanager
def framed() -> Iterator[None]:
    """While the frame runs the page: the page is inside its frame."""
    token = _framing.set(True)
    try:
        yield
    finally:
        _framing.reset(token)


def ensure_frame() -> None:
    """Run the frame in this page's place when the page was started without it (a fresh server's first visit by a
    deep link): the frame then runs this page itself."""
    if _framing.get():
        return
    runpy.run_path(str(FRAME_SCRIPT), run_name="__main__")
    st.stop()


RECONNECT_TIMER = timedelta(days=1)  # the empty fragment's own rerun: once a day on a page left open, costing nothing


@st.fragment(run_every=RECONNECT_TIMER)
def _reconnect_timer() -> None:
    return None


def rerun_on_reconnect() -> None:
    """Make the browser ask for a rerun of its page whenever its websocket reconnects (see the module's docstring)."""
    _reconnect_timer()


def is_display_request(url: str | None) -> bool:
    """True when the browser asked for /display: the frame then hides the navigation menu."""
    return url is not None and split_page(urlsplit(url).path)[1] == page("display").url_path


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
