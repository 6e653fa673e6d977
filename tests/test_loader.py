"""Loading a data folder: the bundled data, the folder setting, the cache key and the citation index."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.loader import (
    DEFAULT_DATA_DIR,
    DataError,
    Problem,
    cited_facts,
    data_dir,
    folder_signature,
    load_dataset,
)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DEFAULT_DATA_DIR)


def test_bundled_data_loads(dataset) -> None:
    assert set(dataset.treatments) == {"eco2", "co2-full", "nafl-1550", "nafl-1927"}
    assert "clinic-page" in dataset.sources
    assert dataset.clinic.phone
    assert dataset.folder == str(DEFAULT_DATA_DIR)


@pytest.mark.parametrize(
    ("treatment", "kind"),
    [
        ("eco2", "fractional-ablative"),
        ("co2-full", "fully-ablative"),
        ("nafl-1550", "nonablative-fractional"),
        ("nafl-1927", "nonablative-fractional"),
    ],
)
def test_treatment_lookup(dataset, treatment: str, kind: str) -> None:
    t = dataset.treatment(treatment)
    assert (t.id, t.kind) == (treatment, kind)
    assert t.symptom("redness").clinical_name == "erythema"
    assert t.milestone("work") is not None
    assert t.milestone("next-session") is None


def test_load_accepts_str_and_path(data_copy: Path) -> None:
    assert load_dataset(str(data_copy)).treatments.keys() == load_dataset(data_copy).treatments.keys()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", DEFAULT_DATA_DIR), ("   ", DEFAULT_DATA_DIR), ("/srv/clinic-data", Path("/srv/clinic-data"))],
)
def test_data_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, value: str, expected: Path) -> None:
    monkeypatch.setenv("RECOVERY_DATA_DIR", value)
    assert data_dir() == expected


def test_data_dir_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECOVERY_DATA_DIR", raising=False)
    assert data_dir() == DEFAULT_DATA_DIR


def test_load_without_argument_reads_the_configured_folder(monkeypatch: pytest.MonkeyPatch, data_copy: Path) -> None:
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(data_copy))
    assert load_dataset().folder == str(data_copy)


def test_folder_signature_changes_when_a_file_changes(data_copy: Path) -> None:
    before = folder_signature(data_copy)
    names = [name for name, _, _ in before]
    assert set(names) >= {p.name for p in data_copy.glob("*.yaml")}
    assert "i18n/es/eco2.yaml" in names  # a translation edit must reach the app too
    path = data_copy / "clinic.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = folder_signature(data_copy)
    assert after != before
    overlay = data_copy / "i18n" / "es" / "eco2.yaml"
    overlay.write_text(overlay.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert folder_signature(data_copy) != after


def test_folder_signature_of_a_missing_folder(tmp_path: Path) -> None:
    assert folder_signature(tmp_path / "nowhere") == ()


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (
            Problem("eco2.yaml", "symptoms[0:redness].plain", "missing field"),
            "eco2.yaml: symptoms[0:redness].plain: missing field",
        ),
        (Problem("clinic.yaml", "", "file is missing"), "clinic.yaml: file is missing"),
    ],
)
def test_problem_text(problem: Problem, text: str) -> None:
    assert str(problem) == text


def test_data_error_lists_every_problem() -> None:
    err = DataError([Problem("a.yaml", "x", "bad"), Problem("b.yaml", "", "empty")])
    assert str(err) == "a.yaml: x: bad\nb.yaml: empty"


def test_cited_facts_index(dataset) -> None:
    cites = cited_facts(dataset)
    assert set(dataset.sources) <= set(cites)
    places = {key: [(c.treatment_id, c.where) for c in found] for key, found in cites.items()}
    assert ("eco2", "symptoms[0:redness].sources[0]") in places["clinic-page"]
    assert any(t == "co2-full" and w.startswith("symptoms[0:redness]") for t, w in places["S8"])
    assert any(".anchors[" in w and w.endswith(".source") for _, w in places["S1"])
