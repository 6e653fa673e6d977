"""One test per kind of broken data: the loader names the file AND the field, and never raises anything else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from dashboard.loader import DataError, load_dataset


def problems_of(folder: Path) -> list[str]:
    """The problem lines a broken folder produces (fails the test if the folder loads)."""
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    lines = [str(p) for p in info.value.problems]
    assert lines == str(info.value).splitlines()
    return lines


def edit_yaml(path: Path, change) -> None:
    """Load a YAML file, let `change` edit the parsed data, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def has(lines: list[str], *parts: str) -> bool:
    return any(all(p in line for p in parts) for line in lines)


def test_the_bundled_copy_loads(data_copy: Path) -> None:
    assert set(load_dataset(data_copy).treatments) == {"eco2", "co2-full", "nafl-1550", "nafl-1927"}


def test_yaml_syntax_error_names_file_and_line(data_copy: Path) -> None:
    path = data_copy / "nafl-1550.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("horizon_days:"))
    lines[number] = "horizon_days: [42"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = problems_of(data_copy)
    assert has(problems, "nafl-1550.yaml", "line ", "YAML syntax error"), problems
    reported = int(next(p for p in problems if "YAML" in p).split("line ")[1].split(",")[0])
    assert number + 1 <= reported <= number + 3  # the parser notices at or just after the broken line


def test_missing_field(data_copy: Path) -> None:
    edit_yaml(data_copy / "eco2.yaml", lambda d: d["symptoms"][1].pop("peak_day"))
    assert has(problems_of(data_copy), "eco2.yaml", "symptoms[1:swelling].peak_day", "missing field")


def test_unknown_field(data_copy: Path) -> None:
    replace_text(data_copy / "eco2.yaml", "    peak_level: 3\n", "    peak_level: 3\n    peek_level: 2\n")
    assert has(problems_of(data_copy), "eco2.yaml", "symptoms[0:redness].peek_level", "unknown field")


def test_wrong_type(data_copy: Path) -> None:
    edit_yaml(data_copy / "co2-full.yaml", lambda d: d.update(horizon_days="six months"))
    assert has(problems_of(data_copy), "co2-full.yaml", "horizon_days", "integer")


def test_phase_ending_before_it_starts(data_copy: Path) -> None:
    edit_yaml(data_copy / "eco2.yaml", lambda d: d["phases"][1].update(end_day=1))
    assert has(problems_of(data_copy), "eco2.yaml", "phases[1:healing]", "end_day 1 is before start_day 2")


def test_symptom_resolving_before_its_onset(data_copy: Path) -> None:
    def change(d):
        crusting = next(s for s in d["symptoms"] if s["id"] == "crusting")
        crusting.update(onset_day=9, peak_day=9)

    edit_yaml(data_copy / "eco2.yaml", change)
    assert has(problems_of(data_copy), "eco2.yaml", "symptoms[3:crusting]", "earliest_end_day (4) is before peak_day")


def test_unknown_source_key(data_copy: Path) -> None:
    edit_yaml(data_copy / "nafl-1927.yaml", lambda d: d["symptoms"][0].update(sources=["S4", "S99"]))
    assert has(problems_of(data_copy), "nafl-1927.yaml", "symptoms[0:redness].sources[1]", "unknown source key 'S99'")


def test_unknown_source_key_in_an_anchor(data_copy: Path) -> None:
    edit_yaml(data_copy / "eco2.yaml", lambda d: d["collagen"]["markers"][0]["anchors"][1].update(source="S77"))
    assert has(problems_of(data_copy), "eco2.yaml", "collagen.markers[0:hsp72].anchors[1].source", "'S77'")


def test_duplicate_symptom_ids(data_copy: Path) -> None:
    edit_yaml(data_copy / "eco2.yaml", lambda d: d["symptoms"][2].update(id="swelling"))
    assert has(problems_of(data_copy), "eco2.yaml", "symptoms[2:swelling]", "duplicate id 'swelling'")


def test_two_treatment_files_with_the_same_id(data_copy: Path) -> None:
    shutil.copy(data_copy / "nafl-1927.yaml", data_copy / "thulium.yaml")
    problems = problems_of(data_copy)
    assert has(problems, "thulium.yaml", "id", "duplicate treatment id 'nafl-1927'"), problems


def test_duplicate_source_keys(data_copy: Path) -> None:
    edit_yaml(data_copy / "sources.yaml", lambda d: d["sources"].append(dict(d["sources"][2])))
    assert has(problems_of(data_copy), "sources.yaml", ".key", "duplicate source key 'S1'")


@pytest.mark.parametrize("content", ["", "   \n\n", "# only a comment\n", "null\n"])
def test_empty_file(data_copy: Path, content: str) -> None:
    (data_copy / "nafl-1550.yaml").write_text(content, encoding="utf-8")
    assert has(problems_of(data_copy), "nafl-1550.yaml", "the file is empty")


def test_a_file_that_is_not_a_mapping(data_copy: Path) -> None:
    (data_copy / "nafl-1550.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    assert has(problems_of(data_copy), "nafl-1550.yaml", "expected a mapping")


@pytest.mark.parametrize("name", ["sources.yaml", "clinic.yaml"])
def test_missing_required_file(data_copy: Path, name: str) -> None:
    (data_copy / name).unlink()
    assert has(problems_of(data_copy), name, "file is missing")


def test_missing_default_treatment(data_copy: Path) -> None:
    (data_copy / "eco2.yaml").unlink()
    assert has(problems_of(data_copy), "eco2.yaml", "file is missing")


def test_file_name_must_match_the_id(data_copy: Path) -> None:
    (data_copy / "nafl-1550.yaml").rename(data_copy / "erbium.yaml")
    assert has(problems_of(data_copy), "erbium.yaml", "id", "does not match the file name")


def set_change(path: Path, modifier_id: str, change: dict) -> None:
    """Give one modifier a single change (so the test does not depend on the modifier's current changes)."""

    def edit(d):
        next(m for m in d["modifiers"] if m["id"] == modifier_id)["changes"] = [change]

    edit_yaml(path, edit)


MODIFIER_CASES = [
    # (file, modifier, change, expected reason)
    (
        "eco2.yaml",
        "intensity-light",
        {"target": "symptom", "id": "redness", "field": "typical_end_day", "value": 2, "source": "S4"},
        "value 2 is outside what the data states (4–90)",
    ),
    (
        "eco2.yaml",
        "intensity-light",
        {"target": "symptom", "id": "swelling", "field": "range_end_day", "value": 9, "source": "S4"},
        "value 9 is outside what the data states (2–6)",
    ),
    (
        "eco2.yaml",
        "intensity-deep",
        {"target": "milestone", "id": "work", "field": "day", "value": 21, "source": "S40"},
        "value 21 is outside what the data states (4–14)",
    ),
    (
        "eco2.yaml",
        "area-neck",
        {"target": "interval", "field": "min_days", "value": 7, "source": "S13"},
        "value 7 is outside what the data states (42–56)",
    ),
    (
        "eco2.yaml",
        "area-neck",
        {"target": "interval", "field": "max_days", "value": 90, "source": "S13"},
        "value 90 is outside what the data states (42–56)",
    ),
    (
        "nafl-1550.yaml",
        "phototype-dark",
        {"target": "sessions", "field": "typical", "value": 9, "source": "S4"},
        "must stay within 1–3",
    ),
    (
        "eco2.yaml",
        "intensity-light",
        {"target": "symptom", "id": "rash", "field": "typical_end_day", "value": 5, "source": "S4"},
        "unknown symptom 'rash'",
    ),
    (
        "eco2.yaml",
        "intensity-light",
        {"target": "milestone", "id": "exercise", "field": "day", "value": 5, "source": "S4"},
        "a milestone change sets 'day' of a milestone that has one",
    ),
    (
        "co2-full.yaml",
        "area-neck",
        {"target": "interval", "field": "min_days", "value": 42, "source": "S13"},
        "needs a course interval",
    ),
    (
        "eco2.yaml",
        "intensity-light",
        {"target": "symptom", "id": "redness", "field": "typical", "value": 5, "source": "S4"},
        "sets typical_end_day or range_end_day",
    ),
]


@pytest.mark.parametrize(
    ("name", "modifier", "change", "reason"), MODIFIER_CASES, ids=[c[3][:30] for c in MODIFIER_CASES]
)
def test_modifier_moving_a_value_outside_the_stated_range(
    data_copy: Path, name: str, modifier: str, change: dict, reason: str
) -> None:
    set_change(data_copy / name, modifier, change)
    problems = problems_of(data_copy)
    assert has(problems, name, "modifiers[", f":{modifier}].changes[0]", reason), problems


def test_modifier_changes_within_the_stated_range_load(data_copy: Path) -> None:
    set_change(
        data_copy / "eco2.yaml", "area-neck", {"target": "interval", "field": "min_days", "value": 49, "source": "S13"}
    )
    set_change(
        data_copy / "eco2.yaml",
        "area-hands",
        {"target": "symptom", "id": "swelling", "field": "typical_end_day", "value": 5, "source": "S4"},
    )
    assert load_dataset(data_copy).treatment("eco2")


def test_a_longer_usual_band_needs_its_answers_in_the_triage_table(data_copy: Path) -> None:
    """A modifier that makes redness usual for longer, with no window of the table for those people: the chart would
    show as usual what the self-check flags, and `check` names the days and the people."""
    set_change(
        data_copy / "eco2.yaml",
        "area-hands",
        {"target": "symptom", "id": "redness", "field": "range_end_day", "value": 90, "source": "S18"},
    )
    problems = problems_of(data_copy)
    assert has(
        problems,
        "eco2.yaml",
        "triage.redness",
        "days 35 to 89 (hands",
        "the chart's usual band reaches mild, but the table calls only up to none expected",
    ), problems


def test_symptom_lasting_past_the_horizon(data_copy: Path) -> None:
    edit_yaml(data_copy / "nafl-1550.yaml", lambda d: d["symptoms"][0].update(range_end_day=60))
    assert has(problems_of(data_copy), "nafl-1550.yaml", "symptoms[0:redness]", "after the horizon (42)")


def test_every_problem_is_reported_in_one_pass(data_copy: Path) -> None:
    edit_yaml(data_copy / "eco2.yaml", lambda d: d["symptoms"][0].pop("plain"))
    edit_yaml(data_copy / "co2-full.yaml", lambda d: d["phases"][0].update(end_day="a week"))
    (data_copy / "clinic.yaml").write_text("name: [\n", encoding="utf-8")
    problems = problems_of(data_copy)
    assert has(problems, "eco2.yaml", "symptoms[0:redness].plain")
    assert has(problems, "co2-full.yaml", "phases[0:open-wound].end_day")
    assert has(problems, "clinic.yaml", "YAML syntax error")


def test_not_utf8(data_copy: Path) -> None:
    (data_copy / "nafl-1550.yaml").write_bytes(b"id: \xff\xfe\n")
    assert has(problems_of(data_copy), "nafl-1550.yaml", "cannot be read")


@pytest.mark.parametrize("setup", ["missing", "empty", "file"])
def test_folder_without_data(tmp_path: Path, setup: str) -> None:
    folder = tmp_path / "data"
    if setup == "empty":
        folder.mkdir()
    elif setup == "file":
        folder.write_text("not a folder", encoding="utf-8")
    problems = problems_of(folder)
    assert any(str(folder) in p or "file is missing" in p for p in problems), problems


def _window(d: dict, symptom: str, index: int) -> dict:
    return d["triage"][symptom]["windows"][index]


TRIAGE_CASES = [
    # (what the edit does, edit, field path, reason): what `check` proves about the self-check's table
    (
        "a symptom without answers",
        lambda d: d["triage"].pop("swelling"),
        "triage.swelling",
        "missing: every symptom needs its answers",
    ),
    (
        "a gap in the days",
        lambda d: _window(d, "redness", 1).update(start_day=5),
        "triage.redness.windows",
        "no answer for days 4 to 4",
    ),
    (
        "two answers for a day",
        lambda d: _window(d, "redness", 1).update(start_day=2),
        "triage.redness.windows",
        "two answers for days 2 to 3",
    ),
    (
        "days missing up to the horizon",
        lambda d: _window(d, "oozing", 2).update(end_day=80),
        "triage.oozing.windows",
        "no answer for days 81 to 90 (the horizon)",
    ),
    (
        "a stronger level with a milder answer",
        lambda d: _window(d, "oozing", 1).update(marked="follow-up"),
        "triage.oozing.windows[1]",
        "a stronger level gets a milder answer",
    ),
    (
        "a call on our reading alone",
        lambda d: _window(d, "peeling", 3).update(marked="call-today"),
        "triage.peeling.windows[3]",
        "a call rests on our own reading alone",
    ),
    (
        "an unknown warning sign",
        lambda d: _window(d, "crusting", 3).update(sign="no-such-sign"),
        "triage.crusting.windows[3]",
        "unknown warning sign 'no-such-sign'",
    ),
    (
        "an answer more urgent than its sign",
        lambda d: _window(d, "crusting", 3).update(marked="urgent"),
        "triage.crusting.windows[3]",
        "more urgent than the warning sign it names ('not-healing': call-today)",
    ),
    ("an unknown answer", lambda d: _window(d, "redness", 0).update(mild="fine"), "triage.redness.windows[0].mild", ""),
]


@pytest.mark.parametrize(("what", "edit", "where", "reason"), TRIAGE_CASES, ids=[c[0] for c in TRIAGE_CASES])
def test_check_proves_the_triage_table_complete_ordered_and_sourced(
    data_copy: Path, what: str, edit, where: str, reason: str
) -> None:
    edit_yaml(data_copy / "eco2.yaml", edit)
    problems = problems_of(data_copy)
    assert has(problems, "eco2.yaml", where, reason), problems


def test_an_unordered_window_needs_a_reason_and_then_loads(data_copy: Path) -> None:
    edit_yaml(
        data_copy / "eco2.yaml",
        lambda d: _window(d, "oozing", 1).update(marked="follow-up", unordered="A test reason."),
    )
    assert load_dataset(data_copy).treatment("eco2").triage["oozing"].windows[1].unordered == "A test reason."
