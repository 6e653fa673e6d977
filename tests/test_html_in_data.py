"""HTML in the data never becomes HTML on a page, and only /sources lets Markdown carry HTML at all.

Markdown that allows HTML makes the browser fetch and run a 47 KiB (brotli) HTML parser the first time it meets
one; on a phone on mobile data that costs about half a second of a first visit (`python -m bench.phone`). So the
pages people open from a QR code or a link send none. /sources needs it for its anchored headings and folds, and
there every angle bracket of the data must be escaped."""

from __future__ import annotations

import pytest
from apptest import poison_file, run_page, stray_html
from pages_list import PAGE_IDS, PAGES

HTML_PAGES = {"/sources"}


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_html_in_any_text_of_the_data_stays_text(spec, data_copy, monkeypatch):
    for path in data_copy.glob("*.yaml"):
        if path.name != "clinic.yaml":
            poison_file(path)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(data_copy))
    params = dict(pair.split("=", 1) for pair in spec.query.split("&") if pair)
    at = run_page(spec.script, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert not any("could not be loaded" in str(e.value) for e in at.error), "the poisoned data did not load"
    bodies = [m.proto for m in at.markdown]
    # Slides go through st.html's sanitiser; photos are not data here; /diary shows data text only with a diary from
    # the browser (tests/test_diary_page.py::test_html_in_a_note_and_in_the_data_stays_text poisons it with one).
    if spec.path not in ("/display", "/gallery", "/diary"):
        assert any("onerror" in m.body for m in bodies), "the poisoned text is not on the page"
    with_html = [m.body for m in bodies if m.allow_html]
    if spec.path in HTML_PAGES:
        assert with_html and not [body[:300] for body in with_html if stray_html(body)]
    else:
        assert not with_html, f"{spec.path} sends Markdown with HTML allowed"
