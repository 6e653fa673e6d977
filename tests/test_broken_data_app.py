"""A broken data folder (RECOVERY_DATA_DIR) gives one clear message on every page, never a traceback.

The clinic edits data/ by hand, so a stray tab in a YAML file or a missing file must not put a Python
traceback in front of a patient. AppTest covers every page x every kind of breakage; one browser test starts a
second server on a broken folder and looks at every page as a person would.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from apptest import run_page
from conftest import free_port, start_app, stop_app, wait_for_app
from pages_list import PAGE_IDS, PAGES

DATA_ERROR = "could not be loaded"  # the start of get_dataset()'s message


def yaml_syntax_error(folder: Path) -> Path:
    path = folder / "eco2.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  bad: [unclosed\n\tindent: x\n", encoding="utf-8")
    return folder


def missing_sources(folder: Path) -> Path:
    (folder / "sources.yaml").unlink()
    return folder


def empty_folder(folder: Path) -> Path:
    shutil.rmtree(folder)
    folder.mkdir()
    return folder


def no_such_folder(folder: Path) -> Path:
    shutil.rmtree(folder)
    return folder / "does-not-exist"


BREAKAGES: dict[str, Callable[[Path], Path]] = {
    "yaml-syntax-error": yaml_syntax_error,
    "missing-sources-yaml": missing_sources,
    "empty-folder": empty_folder,
    "folder-does-not-exist": no_such_folder,
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_broken_folder_shows_one_clear_message(spec, breakage, data_copy, monkeypatch):
    folder = BREAKAGES[breakage](data_copy)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(folder))
    at = run_page(spec.script, **dict(p.split("=", 1) for p in spec.query.split("&") if p))
    assert not at.exception, [e.value for e in at.exception]
    errors = [str(e.value) for e in at.error]
    assert len(errors) == 1 and DATA_ERROR in errors[0], f"{spec.path} / {breakage}: {errors}"
    assert not at.warning, f"{spec.path} / {breakage}: notices on top of the error: {[w.value for w in at.warning]}"


def test_the_bundled_folder_shows_no_data_error(monkeypatch):
    """The check above can fail: with good data there is no data error (so the message is not shown always)."""
    monkeypatch.delenv("RECOVERY_DATA_DIR", raising=False)
    for spec in PAGES:
        at = run_page(spec.script)
        assert not any(DATA_ERROR in str(e.value) for e in at.error), spec.path


@pytest.mark.browser
def test_broken_folder_in_the_browser(browser, data_copy):
    """A second server on a folder with a YAML syntax error: every page shows the message and no traceback."""
    folder = yaml_syntax_error(data_copy)
    port = free_port()
    proc = start_app(port, env={"RECOVERY_DATA_DIR": str(folder)})
    context = browser.new_context(viewport={"width": 390, "height": 900})
    seen: dict[str, tuple[int, int, bool]] = {}
    try:
        page = context.new_page()
        for spec in PAGES:
            page.goto(f"http://127.0.0.1:{port}{spec.url()}")
            wait_for_app(page)
            errors = page.locator('[data-testid="stAlertContentError"]')
            text = errors.first.inner_text() if errors.count() else ""
            seen[spec.path] = (
                errors.count(),
                page.locator('[data-testid="stException"]').count(),
                "Traceback" in page.locator("body").inner_text() or DATA_ERROR not in text,
            )
    finally:
        context.close()
        stop_app(proc)
    bad = {path: s for path, s in seen.items() if s != (1, 0, False)}
    assert not bad, f"(error messages, exceptions, traceback or wrong text) per page: {bad}"
