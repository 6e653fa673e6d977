"""Overview page: the treatments at a glance from the data, with sources, and a way in for each visitor."""

from datetime import timedelta

from apptest import run_page, texts

from dashboard.dates import today_in


def _links(at):
    return [(p.proto.page, p.proto.label, p.proto.query_string) for p in at.get("page_link")]


def test_every_treatment_is_shown_with_its_numbers_and_sources():
    at = run_page("pages/overview.py")
    assert not at.exception
    shown = texts(at)
    for name in ("Fractional CO2 laser (Lutronic eCO2)", "Fully ablative CO2 laser"):
        assert name in shown
    # eCO2: one usual session (clinic page), back to work about day 5 (S40), a first change from day 7 (clinic)
    assert "**Sessions:** 1 session (the clinic says)." in shown
    assert "from about day 5 after the session (clinic pages say)." in shown and "[S40](sources#src-s40)" in shown
    assert "A first change usually shows from about day 7 after the session (the clinic says)." in shown
    # the question on the page ("when can I wear makeup?") has its answer here
    assert "**Makeup:** Makeup is usually fine from day 7 after the session (the clinic says)." in shown


def test_each_audience_has_a_way_in():
    at = run_page("pages/overview.py")
    pages = {page for page, _, _ in _links(at)}
    assert {"recovery", "compare", "consult", "display", "collagen", "sources"} <= pages


def test_treatment_date_makes_a_link_to_that_day():
    at = run_page("pages/overview.py")
    start = today_in(None) - timedelta(days=4)
    at.date_input(key="overview.start").set_value(start).run()
    links = _links(at)
    assert ("recovery", "Show my day (day 4)", f"start={start.isoformat()}") in links


def test_other_treatment_goes_into_the_link():
    at = run_page("pages/overview.py")
    at.selectbox(key="overview.treatment").set_value("nafl-1550").run()
    assert any(q == "treatment=nafl-1550" and label.startswith("Show the days") for _, label, q in _links(at))
