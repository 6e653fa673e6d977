"""The compare page: timelines per course, the marked day, totals, the claim, and hostile `vs` lists."""

import pytest
from apptest import chart_datasets, chart_spec, markdown_table, run_page, texts

PAGE = "pages/compare.py"


def _timeline(at):
    """The timeline chart's spec and its data sets (inline in each layer) as lists of rows."""
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    spec = chart_spec(charts[0])
    data = {i: layer["data"]["values"] for i, layer in enumerate(spec["layer"]) if "values" in layer.get("data", {})}
    return spec, data


def _rows(at):
    _, data = _timeline(at)
    return next(rows for rows in data.values() if rows and "kind" in rows[0])


def _sessions(at):
    counts = {}
    for r in _rows(at):
        if r["kind"] == "Session":
            counts[r["treatment"]] = counts.get(r["treatment"], 0) + 1
    return counts


def _day_data(at):
    """The chart's named datasets (the day's among them), as sent (Arrow), as rows."""
    (chart,) = at.get("vega_lite_chart")
    return chart_datasets(chart)


def _marked_day(at):
    return sorted({r["day"] for r in _day_data(at)["day"]})  # the dashed line and its label


def test_deep_link_draws_one_row_per_course_with_its_sessions():
    at = run_page(PAGE, vs="eco2,nafl-1550,co2-full")
    assert not at.exception
    assert _sessions(at) == {"eCO2": 1, "NAFL 1,550": 3, "Full CO2": 1}
    spec, _ = _timeline(at)
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["eCO2", "NAFL 1,550", "Full CO2"]
    assert not any("params" in layer for layer in spec["layer"])
    assert not at.warning


def test_moving_the_day_marks_it_and_updates_the_cross_section():
    at = run_page(PAGE, vs="eco2,nafl-1550,co2-full")
    assert _marked_day(at) == [3]
    (chart,) = at.get("vega_lite_chart")
    spec, alt = chart.proto.spec, chart.proto.alt
    day_slider = next(s for s in at.slider if s.label.startswith("Day to look at"))
    day_slider.set_value(22).run()
    assert _marked_day(at) == [22] and _day_data(at)["day"][0]["text"] == "Day 22"
    # the same chart: the browser keeps it and moves the line (a new spec or alt text would draw it again)
    (chart,) = at.get("vega_lite_chart")
    assert (chart.proto.spec, chart.proto.alt) == (spec, alt)
    text = texts(at)
    assert "The same day: day 22" in text
    assert "Sessions: **session 2 of 3, 1 day ago**" in text
    assert "Next session: **day 42**" in text


def test_changing_sessions_changes_the_timeline_and_totals():
    at = run_page(PAGE, vs="eco2,nafl-1550")
    nafl = next(s for s in at.slider if s.label.startswith("NAFL 1,550"))
    nafl.set_value(2).run()
    assert _sessions(at)["NAFL 1,550"] == 2
    table = markdown_table(at)
    assert table["Sessions"]["NAFL 1,550"] == "2, 21 days apart"
    assert "sessions" not in at.query_params, "per-treatment sessions stay out of the URL"


def test_a_treatment_without_a_sessions_slider_says_why():
    """Sessions can change only within the range the sources describe; a treatment they give one number for has no
    slider, and the sessions fold says so for it alone."""
    fixed = run_page(PAGE, vs="eco2,co2-full")
    assert [s.label for s in fixed.slider if s.label.endswith("sessions")] == ["eCO2: sessions"]
    assert [str(c.value) for c in fixed.caption] == ["Full CO2: always 1 session in our sources."]
    adjustable = run_page(PAGE, vs="eco2,nafl-1550")
    assert not adjustable.caption
    assert all(
        s.help.startswith("Only within the range our sources describe. Usually ")
        for s in adjustable.slider
        if s.label.endswith("sessions")
    )


def test_totals_and_claim_with_sources():
    at = run_page(PAGE, vs="eco2,nafl-1550,co2-full")
    table = markdown_table(at)
    assert list(table["Sessions"]) == ["eCO2", "NAFL 1,550", "Full CO2"]
    assert table["Days off, in all"]["Full CO2"] == "14"
    assert table["First results"]["NAFL 1,550"] == "not known"
    assert not at.table and not at.dataframe  # light on a phone: Markdown, no data grid
    text = texts(at)
    assert "The clinic says:" in text and "Not known:" in text
    for key in ("clinic-page", "s10", "s13", "s14", "s4"):
        assert f"(sources#src-{key})" in text
    assert "head to head" in text


def test_choosing_treatments_writes_the_url():
    at = run_page(PAGE)
    at.multiselect[0].set_value(["eco2", "co2-full"]).run()
    assert at.query_params["vs"] == "eco2,co2-full"
    assert set(_sessions(at)) == {"eCO2", "Full CO2"}


@pytest.mark.parametrize(
    "vs",
    [
        "eco2,bogus",
        "eco2",
        "eco2,eco2",
        "eco2,nafl-1550,nafl-1927,co2-full,bogus",
        "<script>alert(1)</script>,eco2",
        ",,,",
    ],
)
def test_bad_vs_lists_give_a_notice_and_a_valid_page(vs):
    at = run_page(PAGE, vs=vs)
    assert not at.exception
    assert at.warning, "a notice names the bad parameter"
    assert all("'vs'" in w.value or "two treatments" in w.value or "At most" in w.value for w in at.warning)
    assert 2 <= len(_sessions(at)) <= 4
    assert "<script" not in texts(at)


def test_more_than_four_known_treatments_are_cut_to_four(data_copy, monkeypatch):
    text = (data_copy / "nafl-1550.yaml").read_text().replace("id: nafl-1550", "id: nafl-extra", 1)
    (data_copy / "nafl-extra.yaml").write_text(text)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(data_copy))
    at = run_page(PAGE, vs="eco2,nafl-1550,nafl-1927,co2-full,nafl-extra")
    assert not at.exception
    assert any("At most 4" in w.value for w in at.warning)
    assert len(_sessions(at)) == 4


def test_every_note_names_its_treatment_and_the_table_names_its_first_column():
    """On a phone the notes stack far from the table's columns: a note that says '1 session. The clinic says…' must
    say whose, and say it once; and the table's first header cell is not left empty (a screen reader reads it)."""
    at = run_page(PAGE, vs="eco2,nafl-1550,co2-full")
    page = texts(at)
    header = next(line for line in page.splitlines() if line.startswith("| ") and "eCO2" in line)
    assert header.split("|")[1].strip() == "Each course", header
    names = ("eCO2", "NAFL 1,550", "Full CO2")
    note = "The clinic says most people see results after one session."  # eco2's sessions note, from its data
    paragraphs = [p for p in page.split("\n") if note in p]
    assert 1 <= len(paragraphs) <= 2, paragraphs  # in short, and beside the clinic's claim
    for paragraph in paragraphs:
        assert any(name in paragraph.split(note)[0] for name in names), paragraph
    glance = next(str(m.value) for m in at.markdown if "## At a glance" in str(m.value))
    notes = [p for p in glance.split("\n\n") if p.startswith(":small[")]
    assert notes[0].startswith(":small[Redness and days off are added up")  # how the totals add up: every course's
    for small in notes[1:]:
        assert small.startswith(tuple(f":small[{n}:" for n in names)), small
