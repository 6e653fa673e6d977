"""Long chart data sent apart from the spec (dashboard/charts.split_data, dashboard/ui/common.with_data_apart)."""

import pyarrow as pa

from dashboard.charts import split_data
from dashboard.ui.common import with_data_apart


def _rows(n, **extra):
    return [{"w": i / 4, "v": round(i / 7, 3), "s": "A", **extra} for i in range(n)]


def test_long_uniform_data_is_named_and_short_data_stays():
    curve, phases = _rows(40), _rows(3)
    spec = {
        "layer": [
            {"data": {"values": curve}, "mark": "line"},
            {"data": {"values": curve}, "mark": "point"},
            {"data": {"values": phases}, "mark": "rect"},
        ]
    }
    lean, data = split_data(spec)
    assert [layer["data"] for layer in lean["layer"]] == [
        {"name": "rows0"},
        {"name": "rows0"},
        {"values": phases},
    ]  # one list, one name
    assert data == {"rows0": curve}
    assert spec["layer"][0]["data"] == {"values": curve}  # the original is not changed


def test_short_data_that_several_views_share_is_named_once():
    rows, own = _rows(5), _rows(5)
    spec = {
        "layer": [
            {"data": {"values": rows}, "mark": "bar"},
            {"data": {"values": rows}, "mark": "text"},
            {"data": {"values": own}, "mark": "rule"},
        ]
    }
    lean, data = split_data(spec)
    assert [layer["data"] for layer in lean["layer"]] == [{"name": "rows0"}, {"name": "rows0"}, {"values": own}]
    assert data == {"rows0": rows}


def test_rows_with_different_fields_stay_in_the_spec():
    mixed = _rows(30) + [{"w": 9, "v": 1}]
    lean, data = split_data({"data": {"values": mixed}})
    assert data == {} and lean == {"data": {"values": mixed}}


def test_the_data_apart_is_arrow_with_the_same_rows():
    curve = _rows(25)
    sent = with_data_apart({"layer": [{"data": {"values": curve}, "mark": "line"}]})
    assert sent["layer"][0]["data"] == {"name": "rows0"}
    assert pa.ipc.open_stream(sent["datasets"]["rows0"]).read_all().to_pylist() == curve


def test_data_arrow_cannot_hold_keeps_the_whole_spec_as_it_was():
    odd = [{"w": i, "v": "x" if i == 3 else i} for i in range(30)]  # a column of text and numbers
    spec = {"data": {"values": odd}, "mark": "line"}
    assert with_data_apart(spec) == spec
