"""The pages of the URL contract (dashboard/pages.py) as Streamlit page objects, made once per title and visibility.

Making an `st.Page` resolves its script's path on disk, and `st.page_link("pages/x.py")` resolves it again for
every link; on the overview that was a quarter of a run's server time. Here each page object is made once and the
links are given the object, which Streamlit looks up by its hash. `st.navigation` marks the page it returns as
runnable and `Page.run` clears the mark, so two sessions must not share one object: each run gets its own copies.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.i18n import _
from dashboard.pages import BY_KEY, PAGES
from dashboard.ui.memo import memo

Visibility = Literal["visible", "hidden"]


@memo(maxsize=128)
def _made(main_folder: str, key: str, title: str, visibility: Visibility) -> st.Page:
    # main_folder keys the cache too: a test harness may run another app from another folder in this process.
    info = BY_KEY[key]
    return st.Page(info.script, title=title, icon=info.icon, url_path=info.url_path or None, default=info.path == "/",
                   visibility=visibility)


def _page(key: str, visibility: Visibility = "visible") -> st.Page:
    ctx = get_script_run_ctx()
    main_folder = str(ctx.pages_manager.main_script_parent) if ctx is not None else ""
    return _made(main_folder, key, _(BY_KEY[key].title), visibility)


def navigation_pages(in_menu: dict[str, bool]) -> list[st.Page]:
    """This run's own page objects for `st.navigation`, titled in the run's language; pages not in the menu are
    hidden (still reachable by their URL)."""
    return [copy.copy(_page(p.key, "visible" if in_menu[p.key] else "hidden")) for p in PAGES]


def page_link(key: str, label: str, icon: str, query_params: dict[str, Any] | None = None) -> None:
    """`st.page_link` to the page with this key ('recovery', 'consult', ...), without a lookup on disk."""
    st.page_link(_page(key), label=label, icon=icon, query_params=query_params or None)
