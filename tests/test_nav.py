"""The pages' Streamlit objects (dashboard/ui/nav.py): made once and copied for each run, on a real `st.Page`."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _marks_live_on_the_page_object() -> None:
    import copy
    import pathlib
    import tempfile

    import streamlit as st
    from streamlit.errors import StreamlitAPIException

    folder = pathlib.Path(tempfile.mkdtemp())
    (folder / "a.py").write_text("import streamlit as st\nst.write('page a ran')\n", encoding="utf-8")
    template = st.Page(folder / "a.py", title="A", url_path="a", default=True)
    own = copy.copy(template)
    chosen = st.navigation([own], position="hidden")
    st.write(f"navigation chose the copy: {chosen is own}")
    st.write(f"the copy keeps the page: {(own.title, own.url_path) == (template.title, template.url_path)}")
    chosen.run()
    for name, page in (("template", template), ("copy", own)):
        try:
            page.run()
            st.write(f"{name} ran")
        except StreamlitAPIException:
            st.write(f"{name} refused")


def test_streamlit_still_marks_the_page_object_it_chose_and_a_run_uses_the_mark_up() -> None:
    """Why the frame gives `st.navigation` copies: the mark that lets a page run once lives on the page object and
    one run uses it up, so two sessions sharing one object would refuse each other's runs. The copy is marked, the
    template never is. When this fails, Streamlit keeps the mark elsewhere: share the templates (no copies)."""
    at = AppTest.from_function(_marks_live_on_the_page_object, default_timeout=30).run()
    assert not at.exception
    written = [m.value for m in at.markdown]
    assert written == [
        "navigation chose the copy: True",
        "the copy keeps the page: True",
        "page a ran",
        "template refused",  # never marked: a copy's run leaves it as it was
        "copy refused",  # its one run used the mark up
    ]


def _pages_of_two_runs() -> None:
    import streamlit as st

    from dashboard.pages import PAGES
    from dashboard.ui.memo import RunKey
    from dashboard.ui.nav import navigation_pages

    key = RunKey("data", "sig", "photos", "es", "")
    in_menu = {p.key: p.key != "gallery" for p in PAGES}
    first, second = navigation_pages(key, in_menu), navigation_pages(key, in_menu)
    st.write(f"own objects: {all(a is not b for a, b in zip(first, second, strict=True))}")
    st.write(" | ".join(f"{p.url_path}:{p.title}:{p.visibility}" for p in first))


def test_each_run_gets_its_own_page_objects_titled_in_the_keys_language() -> None:
    at = AppTest.from_function(_pages_of_two_runs, default_timeout=30).run()
    assert not at.exception
    own, listing = (m.value for m in at.markdown)
    assert own == "own objects: True"
    pages = dict((p.split(":")[0], p.split(":")[1:]) for p in listing.split(" | "))
    assert pages["recovery"] == ["Día a día", "visible"]
    assert pages["gallery"][1] == "hidden"
    assert pages[""][1] == "visible"  # the overview, the default page
