"""The pages of the URL contract (dashboard/pages.py) as Streamlit page objects, and the one way to link to a page.

Making an `st.Page` resolves its script's path on disk (a `stat` of every folder on the way), about 0.2 ms a page
and 2 ms a run for the nine pages, every run of every session. So each page object is made once per key, language
and visibility (`_template`), and links are given that object, which Streamlit looks up by its hash.

`st.navigation` marks the page object it returns as the one to run, and `Page.run` clears the mark: two sessions
sharing one object could each mark it, and the second to run it would be refused. So `st.navigation` gets copies
made for this run (`copy.copy`, a few microseconds), and the templates are never marked. This relies on the mark
living on the object; docs/architecture.md lists it with its test (tests/test_nav.py, on a real `st.Page`).
"""

from __future__ import annotations

import copy
from typing import Any, Literal

import streamlit as st

from dashboard.i18n import translations
from dashboard.pages import BY_KEY, PAGES
from dashboard.ui.frame import FRAME_SCRIPT
from dashboard.ui.memo import RunKey, memo

Visibility = Literal["visible", "hidden"]


@memo(maxsize=128)
def _template(key: RunKey, page: str, visibility: Visibility) -> st.Page:
    # Titled in the key's language. The script is given as an absolute path beside the frame, which is what
    # Streamlit resolves a page's relative path against.
    info = BY_KEY[page]
    return st.Page(
        FRAME_SCRIPT.parent / info.script,
        title=translations(key.language).gettext(info.title),
        icon=info.icon,
        url_path=info.url_path or None,
        default=info.path == "/",
        visibility=visibility,
    )


def navigation_pages(key: RunKey, in_menu: dict[str, bool]) -> list[st.Page]:
    """This run's own page objects for `st.navigation`, titled in the key's language; pages not in the menu are
    hidden (still reachable by their URL)."""
    return [copy.copy(_template(key, p.key, "visible" if in_menu[p.key] else "hidden")) for p in PAGES]


def page_link(key: RunKey, page: str, label: str, icon: str, query_params: dict[str, Any] | None = None) -> None:
    """`st.page_link` to the page with this key ('recovery', 'consult', ...), without a lookup on disk (a link
    never runs its page, so it is given the shared object)."""
    st.page_link(_template(key, page, "visible"), label=label, icon=icon, query_params=query_params or None)
