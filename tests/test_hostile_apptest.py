"""Hostile query strings in-process (fast): every page with every payload runs without an exception, and a page
that shows notices shows one when the payload hits a parameter it reads. The browser version, which also checks
that no script runs, is tests/test_browser_hostile.py."""

from __future__ import annotations

import pytest
from apptest import run_page
from pages_list import PAGE_IDS, PAGES, PAYLOADS, Payload

CASES = [(spec, payload) for spec in PAGES for payload in PAYLOADS]


def as_query_params(payload: Payload, spec) -> dict[str, str | list[str]]:
    """AppTest's query_params: one string per key, a list when the key is repeated."""
    grouped: dict[str, list[str]] = {}
    for key, value in payload.params(spec):
        grouped.setdefault(key, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in grouped.items()}


@pytest.mark.parametrize(("spec", "payload"), CASES, ids=[f"{s.path}-{p.name}" for s, p in CASES])
def test_hostile_query_runs_without_exception(spec, payload):
    at = run_page(spec.script, **as_query_params(payload, spec))
    assert not at.exception, [e.value for e in at.exception]
    assert not any("could not be loaded" in str(e.value) for e in at.error), "the data error showed"
    warnings = [str(w.value) for w in at.warning]
    if not spec.shows_notices:
        assert not warnings, f"{spec.path} must not show notices: {warnings}"
    elif spec.expects_notice(payload.keys(spec)):
        assert warnings, f"{spec.path} gave no notice for {payload.name} in '{spec.param}'"
    for _, value in payload.params(spec):
        probe = value.strip()[:40]
        assert len(probe) < 5 or all(probe not in w for w in warnings), "a notice repeats the link's value"


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_typical_link_runs_without_notice(spec):
    """The typical query of each page (tests/pages_list.py) is valid: no exception and no notice."""
    params = dict(pair.split("=", 1) for pair in spec.query.split("&") if pair)
    at = run_page(spec.script, **params)
    assert not at.exception, [e.value for e in at.exception]
    # AppTest has no browser address, so the consult page tells staff it cannot make a QR code (clinic.yaml)
    link_notices = [w.value for w in at.warning if "clinic.yaml" not in w.value]
    assert not link_notices, link_notices


def test_every_registered_page_is_tested_and_every_typical_query_belongs_to_one():
    """The tests walk the app's own page registry: no page of the URL contract is left out."""
    from pages_list import TYPICAL_QUERY

    from dashboard.pages import PAGES as REGISTRY

    assert [s.path for s in PAGES] == [p.path for p in REGISTRY]
    assert set(TYPICAL_QUERY) <= {p.path for p in REGISTRY}
