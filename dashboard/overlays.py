"""Per-language text overlays for the data: `data/i18n/<lang>/<file>.yaml` holds only the text of a data file, keyed
by the ids that already exist, so a translation can never change a number, a day, a level or a source.

The overlay mirrors its data file. Items with an id (symptoms, phases, milestones, warning signs, modifiers, collagen
phases and markers) are keyed by id; aftercare windows by their days ("0-1"); items without an id (gaps, the advice
before treatment, a marker's anchors, aftercare steps) are lists in the data's order. Anything the overlay leaves
out stays in English and is listed by `python -m dashboard check`; anything it cannot hold (an unknown id, a number,
a field that is not text) is a problem named by file and field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from dashboard.loader import SOURCES_FILE, Problem, read_yaml
from dashboard.models import Aftercare, Clinic, Dataset

I18N_DIR = "i18n"
GALLERY_FILE = "gallery.yaml"  # the photos' alt text and captions, keyed by photo id under `photos:`
TEXT_FIELDS = frozenset(
    {
        "name",
        "short_name",
        "summary",
        "description",
        "plain",
        "note",
        "label",
        "text",
        "topic",
        "anaesthesia",
        "duration",
        "pain",
        "clinical_name",
        "peak_note",
        "do",
        "avoid",
        "disclaimer",
        "out_of_hours",
        "alt",
        "caption",
    }
)


@dataclass
class OverlayReport:
    """What applying a language's overlays found: problems (the overlay is wrong) and English left in place."""

    problems: list[Problem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def overlay_languages(data_folder: Path) -> tuple[str, ...]:
    """The languages that have a folder of data overlays."""
    root = Path(data_folder) / I18N_DIR
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir())) if root.is_dir() else ()


def _item_key(item: BaseModel) -> str | None:
    if isinstance(item, Aftercare):
        return f"{item.start_day}-{item.end_day}"
    ident = getattr(item, "id", None)
    return ident if isinstance(ident, str) else None


class _Applier:
    def __init__(self, name: str, report: OverlayReport) -> None:
        self.name = name
        self.report = report

    def problem(self, path: str, reason: str) -> None:
        self.report.problems.append(Problem(self.name, path, reason))

    def missing(self, path: str) -> None:
        self.report.missing.append(f"{self.name}: {path}")

    def model(self, model: BaseModel, overlay: Any, path: str) -> BaseModel:
        """The model with its text replaced from the overlay (a mapping of its fields)."""
        if overlay is None:
            overlay = {}
        if not isinstance(overlay, dict):
            self.problem(path or "(file)", f"expected a mapping of fields, found {type(overlay).__name__}")
            return model
        self.unknown_fields(model, overlay, path)
        update: dict[str, Any] = {}
        for name in type(model).model_fields:
            value = getattr(model, name)
            changed = self.field(name, value, overlay.get(name), _join(path, name))
            if changed is not value:
                update[name] = changed
        return model.model_copy(update=update)

    def unknown_fields(self, model: BaseModel, overlay: dict[str, Any], path: str) -> None:
        """Name every overlay key that is not a field of the model, or not one holding text."""
        fields = type(model).model_fields
        for key in overlay:
            if key not in fields:
                self.problem(_join(path, key), "unknown field")
            elif key not in TEXT_FIELDS and not _nested(getattr(model, key)):
                self.problem(_join(path, key), "not a text field: an overlay changes text only")

    def field(self, name: str, value: Any, given: Any, here: str) -> Any:
        """One field's value with the overlay's text in it: text, a list of texts, or items that hold text."""
        if name in TEXT_FIELDS:
            return self.texts(value, given, here)
        if isinstance(value, BaseModel):
            return self.model(value, given, here)
        if _models(value):
            return self.items(value, given, here)
        if _models_by_key(value):
            if given is not None and not isinstance(given, dict):
                self.problem(here, "expected a mapping keyed by the data's keys")
                given = None
            return {k: self.model(v, (given or {}).get(k), _join(here, k)) for k, v in value.items()}
        return value

    def texts(self, value: Any, given: Any, here: str) -> Any:
        """A text field: its text, or its list of texts, from the overlay."""
        if value is None and given is not None:
            self.problem(here, "the data has no English text here to translate")
        elif isinstance(value, str):
            return self.text(value, given, here)
        elif _texts(value) or value == []:
            return self.text_list(value, given, here)
        return value

    def text(self, english: str, given: Any, path: str) -> str:
        if given is None:
            self.missing(path)
            return english
        if not isinstance(given, str) or not given.strip():
            self.problem(path, "expected text")
            return english
        return given.strip()

    def text_list(self, english: list[str], given: Any, path: str) -> list[str]:
        if not english and given is None:
            return english
        if given is None:
            self.missing(path)
            return english
        if not isinstance(given, list) or len(given) != len(english):
            self.problem(path, f"expected a list of {len(english)} texts, in the data's order")
            return english
        return [self.text(e, g, f"{path}[{i}]") for i, (e, g) in enumerate(zip(english, given, strict=True))]

    def items(self, items: list[BaseModel], given: Any, path: str) -> list[BaseModel]:
        keys = [_item_key(item) for item in items]
        if all(k is not None for k in keys):
            if given is not None and not isinstance(given, dict):
                self.problem(path, "expected a mapping keyed by the items' ids")
                given = {}
            given = given or {}
            for key in given:
                if key not in keys:
                    self.problem(_join(path, str(key)), f"unknown id '{key}'")
            return [
                self.model(item, given.get(key), _join(path, str(key))) for item, key in zip(items, keys, strict=True)
            ]
        if given is not None and (not isinstance(given, list) or len(given) != len(items)):
            self.problem(path, f"expected a list of {len(items)} items, in the data's order")
            given = None
        return [self.model(item, given[i] if given else None, f"{path}[{i}]") for i, item in enumerate(items)]


def _nested(value: Any) -> bool:
    """True for a field that holds items with text of their own (a model, or a list or mapping of models)."""
    if isinstance(value, BaseModel):
        return True
    if isinstance(value, list | dict):
        items = list(value.values()) if isinstance(value, dict) else value
        return bool(items) and isinstance(items[0], BaseModel)
    return False


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def apply_overlays(dataset: Dataset, language: str) -> tuple[Dataset, OverlayReport]:
    """The dataset with its text in `language` where the overlays give it, and what was wrong or left in English."""
    report = OverlayReport()
    root = Path(dataset.folder) / I18N_DIR / language
    if not root.is_dir():
        return dataset, report
    known = {f"{tid}.yaml" for tid in dataset.treatments} | {"clinic.yaml", GALLERY_FILE}
    for path in sorted(root.glob("*.yaml")):
        if path.name not in known:
            reason = (
                "sources are cited in their own language"
                if path.name == SOURCES_FILE
                else ("no data file of this name to translate")
            )
            report.problems.append(Problem(f"{I18N_DIR}/{language}/{path.name}", "", reason))
    treatments = {}
    for tid, t in dataset.treatments.items():
        name = f"{I18N_DIR}/{language}/{tid}.yaml"
        overlay = _read(root / f"{tid}.yaml", name, report)
        treatments[tid] = _Applier(name, report).model(t, overlay, "")
    clinic_name = f"{I18N_DIR}/{language}/clinic.yaml"
    clinic = _Applier(clinic_name, report).model(dataset.clinic, _read(root / "clinic.yaml", clinic_name, report), "")
    assert isinstance(clinic, Clinic)
    return dataset.model_copy(update={"treatments": treatments, "clinic": clinic}), report


M = TypeVar("M", bound=BaseModel)


def apply_photo_overlay(
    photos: tuple[M, ...], data_folder: Path | str, language: str
) -> tuple[tuple[M, ...], OverlayReport]:
    """The gallery's photos with their alt text and captions in `language` (i18n/<lang>/gallery.yaml, keyed by
    photo id under `photos:`), and what was wrong or left in English."""
    report = OverlayReport()
    root = Path(data_folder) / I18N_DIR / language
    if not photos or not root.is_dir():
        return photos, report
    name = f"{I18N_DIR}/{language}/{GALLERY_FILE}"
    content = _read(root / GALLERY_FILE, name, report)
    applier = _Applier(name, report)
    if content is not None and set(content) - {"photos"}:
        for key in sorted(set(content) - {"photos"}):
            applier.problem(key, "unknown field")
    given = content.get("photos") if isinstance(content, dict) else None
    translated = applier.items(list(photos), given, "photos")
    return tuple(translated), report  # type: ignore[arg-type]


def _read(path: Path, name: str, report: OverlayReport) -> Any:
    if not path.exists():
        report.missing.append(f"{name}: the whole file (English is shown)")
        return None
    found: list[Problem] = []
    content = read_yaml(path, found)
    report.problems += [Problem(name, p.path, p.reason) for p in found]
    return content


def overlay_template(model: BaseModel) -> dict[str, Any]:
    """The overlay of a data file with its English text in place: what a translator starts from."""
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        inner = _template_value(name, getattr(model, name))
        if inner:
            out[name] = inner
    return out


def _template_value(name: str, value: Any) -> Any:
    """A field's part of the template: its text, or the text of the items it holds (None when it holds none)."""
    if name in TEXT_FIELDS and (isinstance(value, str) or _texts(value)):
        return value
    if isinstance(value, BaseModel):
        return overlay_template(value)
    if _models(value):
        keys = [_item_key(item) for item in value]
        inner_items = [overlay_template(item) for item in value]
        if not any(inner_items):
            return None
        return dict(zip(keys, inner_items, strict=True)) if all(k is not None for k in keys) else inner_items
    if _models_by_key(value):
        return {k: inner for k, v in value.items() if (inner := overlay_template(v))} or None
    return None


def _texts(value: Any) -> bool:
    """A non-empty list of texts (aftercare steps)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _models(value: Any) -> bool:
    """A non-empty list of items (symptoms, windows)."""
    return isinstance(value, list) and bool(value) and isinstance(value[0], BaseModel)


def _models_by_key(value: Any) -> bool:
    """A non-empty mapping of items (the triage table's symptoms)."""
    return isinstance(value, dict) and bool(value) and isinstance(next(iter(value.values())), BaseModel)
