"""The pages of the URL contract (dashboard/pages.py) as Streamlit page objects, and the one way to link to a page.

Each run makes its own `st.Page` objects for `st.navigation` (Streamlit marks the page it returns as runnable and
clears the mark when it runs it, so no two sessions may share one), titled in the run's language. Links are given
this run's object, which Streamlit looks up by its hash, rather than a script path it would resolve on disk again
for every link.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any, Literal

import streamlit as st

from dashboard.i18n import _
from dashboard.pages import BY_KEY, PAGES

Visibility = Literal["visible", "hidden"]

_this_run: ContextVar[dict[str, st.Page] | None] = ContextVar("pages_of_this_run", default=None)


def _make(key: str, visibility: Visibility = "visible") -> st.Page:
    info = BY_KEY[key]
    return st.Page(
        info.script,
        title=_(info.title),
        icon=info.icon,
        url_path=info.url_path or None,
        default=info.path == "/",
        visibility=visibility,
    )


def navigation_pages(in_menu: dict[str, bool]) -> list[st.Page]:
    """This run's page objects for `st.navigation`, titled in the run's language; pages not in the menu are hidden
    (still reachable by their URL). Links made later in the run use them."""
    made = {p.key: _make(p.key, "visible" if in_menu[p.key] else "hidden") for p in PAGES}
    _this_run.set(made)
    return list(made.values())


def page_link(key: str, label: str, icon: str, query_params: dict[str, Any] | None = None) -> None:
    """`st.page_link` to the page with this key ('recovery', 'consult', ...): to this run's page object (a fragment
    that reruns alone makes one)."""
    made = _this_run.get() or {}
    st.page_link(made.get(key) or _make(key), label=label, icon=icon, query_params=query_params or None)
