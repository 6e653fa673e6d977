"""Every registered page runs without an exception on the bundled data."""

import pytest
from apptest import APP, run_page
from streamlit.testing.v1 import AppTest

from dashboard.pages import PAGES as REGISTRY

PAGES = [p.script for p in REGISTRY]


def test_entry_point_runs():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(page):
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]
