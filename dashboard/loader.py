"""Load a data folder in one pass and report every problem as `file: field.path: reason`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dashboard.models import (
    DEFAULT_TREATMENT,
    Change,
    Clinic,
    Count,
    Dataset,
    Milestone,
    Source,
    SourcesFile,
    Symptom,
    Treatment,
)
from dashboard.recovery import band_problems
from dashboard.triage import table_problems

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SOURCES_FILE = "sources.yaml"
CLINIC_FILE = "clinic.yaml"
REQUIRED_TREATMENTS = (DEFAULT_TREATMENT,)
_KIND_ORDER = ("fractional-ablative", "nonablative-fractional", "fully-ablative")


@dataclass(frozen=True)
class Problem:
    file: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.reason}" if self.path else f"{self.file}: {self.reason}"


class DataError(Exception):
    """The data folder has problems; `problems` lists each one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def data_dir() -> Path:
    """The folder the app reads: RECOVERY_DATA_DIR if set, else the bundled `data/`."""
    configured = os.environ.get("RECOVERY_DATA_DIR", "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_DATA_DIR


def folder_signature(folder: Path) -> tuple[tuple[str, float, int], ...]:
    """Names, modification times and sizes of the YAML files and their language overlays (i18n/<lang>/*.yaml): a
    cache key that changes when a file does."""
    try:
        files = sorted([*folder.glob("*.yaml"), *folder.glob("i18n/*/*.yaml")])
        return tuple((str(f.relative_to(folder)), f.stat().st_mtime, f.stat().st_size) for f in files)
    except OSError:
        return ()


# libyaml's safe loader parses the data several times faster than the pure-Python one, with the same results.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, problems: list[Problem]) -> Any:
    """A YAML file's mapping, or None with the reason added to `problems` (unreadable, empty, not YAML)."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(name, "", f"cannot be read ({exc.__class__.__name__})"))
        return None
    if not text.strip():
        problems.append(Problem(name, "", "the file is empty"))
        return None
    try:
        content = yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader, in C where libyaml is present
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown line"
        reason = getattr(exc, "problem", None) or "invalid YAML"
        problems.append(Problem(name, where, f"YAML syntax error: {reason}"))
        return None
    if content is None:
        problems.append(Problem(name, "", "the file is empty"))
        return None
    if not isinstance(content, dict):
        problems.append(Problem(name, "", f"expected a mapping of fields, found {type(content).__name__}"))
        return None
    return content


def _path_of(loc: tuple[Any, ...], content: Any) -> str:
    """A readable field path, with list items named by their `id` where they have one."""
    parts: list[str] = []
    node = content
    for item in loc:
        if isinstance(item, int):
            ident = (
                node[item].get("id")
                if isinstance(node, list) and item < len(node) and isinstance(node[item], dict)
                else None
            )
            parts.append(f"[{item}]" if ident is None else f"[{item}:{ident}]")
            node = node[item] if isinstance(node, list) and item < len(node) else None
        else:
            parts.append(f".{item}")
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts).lstrip(".")


_REASONS = {
    "missing": "missing field",
    "extra_forbidden": "unknown field",
}


M = TypeVar("M", bound=BaseModel)


def validate_model(model: type[M], content: Any, name: str, problems: list[Problem]) -> M | None:
    """The validated model, or None with every problem added as `file: field.path: reason`."""
    try:
        return model.model_validate(content)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and x.startswith("function-")))
            reason = _REASONS.get(err["type"], err["msg"].removeprefix("Value error, "))
            problems.append(Problem(name, _path_of(loc, content), reason))
        return None


@dataclass(frozen=True)
class PathPart:
    """One step of a field path: a field name, and for list items their index and `id` where they have one."""

    name: str
    index: int | None = None
    ident: str | None = None

    def __str__(self) -> str:
        if self.index is None:
            return self.name
        return f"{self.name}[{self.index}]" if self.ident is None else f"{self.name}[{self.index}:{self.ident}]"


@dataclass(frozen=True)
class Citation:
    """Where a treatment cites a source key: the treatment and the field path, as records (not a string)."""

    treatment_id: str
    path: tuple[PathPart, ...]

    @property
    def where(self) -> str:
        """The path as the check command prints it: 'symptoms[0:redness].sources[0]'."""
        return ".".join(str(p) for p in self.path)


def _source_refs(node: Any, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    """Every (field path, source key) in a parsed model."""
    if isinstance(node, BaseModel):
        for field_name in type(node).model_fields:
            value = getattr(node, field_name)
            if field_name == "sources" and isinstance(value, list):
                for i, key in enumerate(value):
                    yield (*path, PathPart(field_name, i)), key
            elif field_name == "source" and isinstance(value, str):
                yield (*path, PathPart(field_name)), value
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    ident = getattr(item, "id", None)
                    part = PathPart(field_name, i, ident if isinstance(ident, str) else None)
                    yield from _source_refs(item, (*path, part))
            else:
                yield from _source_refs(value, (*path, PathPart(field_name)))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _source_refs(value, (*path, PathPart(str(key))))


Check = tuple[str, str]  # a problem within one file: (field path, reason)


def _duplicate_ids(t: Treatment) -> Iterator[Check]:
    for kind, ids in (
        ("symptoms", [x.id for x in t.symptoms]),
        ("milestones", [x.id for x in t.milestones]),
        ("phases", [x.id for x in t.phases]),
        ("warning_signs", [x.id for x in t.warning_signs]),
        ("modifiers", [x.id for x in t.modifiers]),
        ("collagen.markers", [x.id for x in t.collagen.markers]),
    ):
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                yield f"{kind}[{i}:{ident}]", f"duplicate id '{ident}'"
            seen.add(ident)


def _past_the_horizon(t: Treatment) -> Iterator[Check]:
    after = f"after the horizon ({t.horizon_days})"
    for i, s in enumerate(t.symptoms):
        if s.latest_day > t.horizon_days:
            yield f"symptoms[{i}:{s.id}]", f"resolves on day {s.latest_day}, {after}"
    for i, p in enumerate(t.phases):
        if p.start_day > t.horizon_days:
            yield f"phases[{i}:{p.id}].start_day", after
    for i, w in enumerate(t.warning_signs):
        if w.likely_from_day > t.horizon_days:
            yield f"warning_signs[{i}:{w.id}].likely_from_day", after


def _course_checks(t: Treatment) -> Iterator[Check]:
    if t.milestone("results") is None:
        yield (
            "milestones",
            ("needs a milestone of kind 'results' (when a first change shows; day null if no source gives one)"),
        )
    for i, mod in enumerate(t.modifiers):
        for j, change in enumerate(mod.changes):
            reason = _change_problem(t, change)
            if reason:
                yield f"modifiers[{i}:{mod.id}].changes[{j}]", reason
    if t.course.sessions.max > 1 and t.course.interval is None:
        yield "course.interval", "missing field"


def _figure_sources(t: Treatment) -> Iterator[Check]:
    figures: list[tuple[str, Symptom | Milestone | Count]] = [
        *((f"symptoms[{i}:{x.id}]", x) for i, x in enumerate(t.symptoms)),
        *((f"milestones[{i}:{x.id}]", x) for i, x in enumerate(t.milestones)),
        ("course.sessions", t.course.sessions),
    ]
    for here, item in figures:
        if item.figure_source is not None and item.figure_source not in item.sources:
            yield f"{here}.figure_source", f"'{item.figure_source}' is not among the sources it cites"


def _check_treatment(t: Treatment, name: str, problems: list[Problem]) -> None:
    """Cross-field checks the models cannot make alone: ids, days within the horizon, the modifiers' changes, the
    figures' sources and the self-check's table (complete, ordered, no call on our reading alone); then, once the
    treatment reads without a problem, that the chart and the table agree for every person."""
    found = [
        *([("id", f"id '{t.id}' does not match the file name")] if f"{t.id}.yaml" != name else []),
        *_duplicate_ids(t),
        *_past_the_horizon(t),
        *_course_checks(t),
        *_figure_sources(t),
        *((p.path, p.reason) for p in table_problems(t)),
    ]
    if not found:
        found = [(p.path, p.reason) for p in band_problems(t)]
    problems.extend(Problem(name, path, reason) for path, reason in found)


def _symptom_change(t: Treatment, change: Change) -> str:
    s = next((x for x in t.symptoms if x.id == change.id), None)
    if s is None:
        return f"unknown symptom '{change.id}'"
    if change.field not in ("typical_end_day", "range_end_day"):
        return f"a symptom change sets typical_end_day or range_end_day, not {change.field}"
    if not s.earliest_end_day <= change.value <= s.latest_day:
        return f"value {change.value} is outside what the data states ({s.earliest_end_day}–{s.latest_day})"
    return ""


def _milestone_change(t: Treatment, change: Change) -> str:
    m = next((x for x in t.milestones if x.id == change.id), None)
    if m is None:
        return f"unknown milestone '{change.id}'"
    if change.field != "day" or m.day is None:
        return "a milestone change sets 'day' of a milestone that has one"
    low = m.earliest_day if m.earliest_day is not None else m.day
    high = m.latest_day if m.latest_day is not None else m.day
    if not low <= change.value <= high:
        return f"value {change.value} is outside what the data states ({low}–{high})"
    return ""


def _interval_change(t: Treatment, change: Change) -> str:
    iv = t.course.interval
    if iv is None or change.field not in ("min_days", "max_days"):
        return "an interval change needs a course interval and sets min_days or max_days"
    if not iv.min_days <= change.value <= iv.max_days:
        return f"value {change.value} is outside what the data states ({iv.min_days}–{iv.max_days})"
    return ""


def _sessions_change(t: Treatment, change: Change) -> str:
    c = t.course.sessions
    if change.field != "typical" or not c.min <= change.value <= c.max:
        return f"sessions.typical must stay within {c.min}–{c.max}"
    return ""


_CHANGE_RULES = {
    "symptom": _symptom_change,
    "milestone": _milestone_change,
    "interval": _interval_change,
    "sessions": _sessions_change,
}


def _change_problem(t: Treatment, change: Change) -> str:
    """Why a modifier's change is not allowed, or '' when it moves the course within what the data states."""
    return _CHANGE_RULES[change.target](t, change)


def _read_model(root: Path, name: str, model: type[M], problems: list[Problem]) -> M | None:
    """One required file of the folder, read and validated; None (with the problem noted) when it cannot be."""
    if not (root / name).exists():
        problems.append(Problem(name, "", "file is missing"))
        return None
    content = read_yaml(root / name, problems)
    return None if content is None else validate_model(model, content, name, problems)


def _sources_by_key(sources_file: SourcesFile | None, problems: list[Problem]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for i, src in enumerate(sources_file.sources if sources_file is not None else []):
        if src.key in sources:
            problems.append(Problem(SOURCES_FILE, f"sources[{i}].key", f"duplicate source key '{src.key}'"))
        sources[src.key] = src
    return sources


def _read_treatment(path: Path, sources: dict[str, Source] | None, problems: list[Problem]) -> Treatment | None:
    """One treatment file, read, validated and cross-checked (its source keys too, when the sources could be read)."""
    content = read_yaml(path, problems)
    treatment = None if content is None else validate_model(Treatment, content, path.name, problems)
    if treatment is None:
        return None
    _check_treatment(treatment, path.name, problems)
    for where, key in _source_refs(treatment) if sources is not None else ():
        if sources is not None and key not in sources:
            problems.append(Problem(path.name, ".".join(str(p) for p in where), f"unknown source key '{key}'"))
    return treatment


def _read_treatments(root: Path, sources: dict[str, Source] | None, problems: list[Problem]) -> dict[str, Treatment]:
    treatments: dict[str, Treatment] = {}
    for path in sorted(root.glob("*.yaml")):
        if path.name in (SOURCES_FILE, CLINIC_FILE):
            continue
        treatment = _read_treatment(path, sources, problems)
        if treatment is not None and treatment.id in treatments:
            problems.append(Problem(path.name, "id", f"duplicate treatment id '{treatment.id}'"))
        elif treatment is not None:
            treatments[treatment.id] = treatment
    if not treatments and not any(p.file not in (SOURCES_FILE, CLINIC_FILE) for p in problems):
        problems.append(Problem(str(root), "", "no treatment files (*.yaml) found"))
    for required in REQUIRED_TREATMENTS:
        if treatments and required not in treatments and not problems:
            problems.append(Problem(f"{required}.yaml", "", "file is missing (the app's default treatment)"))
    return treatments


def load_dataset(folder: Path | str | None = None) -> Dataset:
    """Load and validate a whole data folder; raise DataError listing every problem found."""
    root = Path(folder) if folder is not None else data_dir()
    if not root.is_dir():
        raise DataError([Problem(str(root), "", "no such data folder")])
    problems: list[Problem] = []
    sources_file = _read_model(root, SOURCES_FILE, SourcesFile, problems)
    clinic = _read_model(root, CLINIC_FILE, Clinic, problems)
    sources = _sources_by_key(sources_file, problems)
    treatments = _read_treatments(root, sources if sources_file is not None else None, problems)
    if problems or clinic is None:
        raise DataError(problems)
    ordered = dict(
        sorted(
            treatments.items(), key=lambda kv: (kv[0] != DEFAULT_TREATMENT, _KIND_ORDER.index(kv[1].kind), kv[1].name)
        )
    )
    return Dataset(treatments=ordered, sources=sources, clinic=clinic, folder=str(root))


def cited_facts(dataset: Dataset) -> dict[str, list[Citation]]:
    """For each source key, the places in the data that cite it (for the sources page)."""
    cites: dict[str, list[Citation]] = {key: [] for key in dataset.sources}
    for t in dataset.treatments.values():
        for where, key in _source_refs(t):
            cites.setdefault(key, []).append(Citation(t.id, where))
    return cites
