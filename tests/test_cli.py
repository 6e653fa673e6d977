"""`python -m dashboard check [DIR]`: a one-line summary and exit 0, or every problem and a non-zero exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_check_bundled_data() -> None:
    result = run("check", "data")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("data: OK: 4 treatments (co2-full, eco2, nafl-1550, nafl-1927)")
    assert "Traceback" not in result.stderr
    # valid, but not yet signed off by a clinician: a warning, not an error
    assert "warning: clinic.yaml: reviewed_by, reviewed_on: no clinician" in result.stderr


def test_a_signed_off_folder_has_no_review_warning(data_copy: Path) -> None:
    clinic = data_copy / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8").replace("reviewed_by: null", "reviewed_by: Dr. A. Leong")
    clinic.write_text(text.replace("reviewed_on: null", "reviewed_on: 2026-12-01"), encoding="utf-8")
    result = run("check", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert "clinic.yaml: reviewed_by, reviewed_on" not in result.stderr


def test_each_unchecked_translation_is_warned_until_it_is_signed_off(data_copy: Path) -> None:
    result = run("check", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert "clinic.yaml: translations.es: nobody at the clinic has checked the es translation" in result.stderr
    clinic = data_copy / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8").replace(
        "translations: {}", "translations:\n  es: {reviewed_by: Dr. B. Ruiz, reviewed_on: 2026-12-02}"
    )
    assert text != clinic.read_text(encoding="utf-8")
    clinic.write_text(text, encoding="utf-8")
    result = run("check", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert "translations.es" not in result.stderr


def test_half_a_sign_off_is_a_problem(data_copy: Path) -> None:
    clinic = data_copy / "clinic.yaml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8").replace("reviewed_by: null", "reviewed_by: Dr. A. Leong"), encoding="utf-8"
    )
    result = run("check", str(data_copy))
    assert result.returncode == 1
    assert "clinic.yaml" in result.stderr and "go together" in result.stderr


def test_check_reads_the_configured_folder(data_copy: Path) -> None:
    result = run("check", env={"RECOVERY_DATA_DIR": str(data_copy)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{data_copy}: OK")


def test_broken_folder_lists_every_problem(data_copy: Path) -> None:
    path = data_copy / "eco2.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["symptoms"][0].pop("plain")
    data["phases"][1]["end_day"] = 1
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (data_copy / "clinic.yaml").unlink()
    result = run("check", str(data_copy))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    err = result.stderr
    assert "3 problem(s) found" in err
    assert "eco2.yaml: symptoms[0:redness].plain: missing field" in err
    assert "eco2.yaml: phases[1:healing]: end_day 1 is before start_day 2" in err
    assert "clinic.yaml: file is missing" in err
    assert result.stdout == ""


def test_yaml_syntax_error(data_copy: Path) -> None:
    (data_copy / "sources.yaml").write_text("sources:\n  - key: S1\n    title: [unclosed\n", encoding="utf-8")
    result = run("check", str(data_copy))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "sources.yaml: line " in result.stderr


def test_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    result = run("check", str(missing))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"{missing}: no such data folder" in result.stderr


def test_empty_folder(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "sources.yaml: file is missing" in result.stderr


def test_usage_errors_do_not_trace() -> None:
    for args in ([], ["frobnicate"], ["check", "a", "b"]):
        result = run(*args)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert "usage:" in result.stderr
