"""Hostile query strings in-process (fast): every page with every payload runs without an exception, and a page
that shows notices shows one when the payload hits a parameter it reads. The browser version, which also checks
that no script runs, is tests/test_browser_hostile.py."""

from __future__ import annotations

import re

import pytest
from apptest import run_page
from conftest import ROOT
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
    assert not at.warning, [w.value for w in at.warning]


@pytest.mark.parametrize("spec", [s for s in PAGES if s.shows_notices], ids=lambda s: s.path)
def test_page_list_knows_the_parameters_each_page_reads(spec):
    """tests/pages_list.py mirrors each page's KEYS, so hostile values land where a notice is due."""
    source = (ROOT / spec.script).read_text(encoding="utf-8")
    match = re.search(r"^KEYS\s*=\s*\(([^)]*)\)", source, re.M)
    declared = set(re.findall(r"[\"']([a-z_]+)[\"']", match.group(1))) if match else set()
    assert declared == set(spec.keys), f"{spec.script} reads {sorted(declared)}; pages_list says {spec.keys}"
