"""Command line: `python -m dashboard check [DIR]` validates a data folder and its photo gallery, if any;
`configmap [DIR]` writes a valid folder as a Kubernetes ConfigMap and `unpack SOURCE TARGET` makes the folder again
from the mounted ConfigMap (deploy/k8s/)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

import yaml

from dashboard import configmap as k8s
from dashboard.gallery import load_optional_gallery
from dashboard.loader import DEFAULT_DATA_DIR as BUNDLED_DATA
from dashboard.loader import DataError, Problem, data_dir, load_dataset
from dashboard.models import Dataset
from dashboard.overlays import (
    GALLERY_FILE,
    I18N_DIR,
    apply_overlays,
    apply_photo_overlay,
    overlay_languages,
    overlay_template,
)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Recovery timeline data tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate a data folder and name every problem by file and field")
    check.add_argument("folder", nargs="?", help="data folder (default: RECOVERY_DATA_DIR or the bundled data)")
    template = sub.add_parser(
        "overlay-template", help="write the text overlays of a new language, in English, for a translator to start from"
    )
    template.add_argument("language", help="language code, e.g. es, fr, pt")
    template.add_argument("folder", nargs="?", help="data folder (default: RECOVERY_DATA_DIR or the bundled data)")
    configmap = sub.add_parser("configmap", help="write a valid data folder as a Kubernetes ConfigMap (YAML, stdout)")
    configmap.add_argument("folder", nargs="?", help="data folder (default: RECOVERY_DATA_DIR or the bundled data)")
    configmap.add_argument("--name", default=k8s.NAME, help=f"the ConfigMap's name (default {k8s.NAME})")
    unpack = sub.add_parser(
        "unpack", help="make a data folder from a mounted ConfigMap, or from the bundled data when it has no keys"
    )
    unpack.add_argument("source", help="where the ConfigMap is mounted")
    unpack.add_argument("target", help="the data folder to write (RECOVERY_DATA_DIR)")
    args = parser.parse_args(argv)
    if args.command == "overlay-template":
        return write_templates(args.language, args.folder or str(data_dir()))
    if args.command == "configmap":
        return write_configmap(args.folder or str(data_dir()), args.name)
    if args.command == "unpack":
        return unpack_configmap(Path(args.source), Path(args.target))
    return check_folder(args.folder or str(data_dir()))


def check_folder(folder: str) -> int:
    """Validate a data folder: a one-line summary and 0, or every problem and 1."""
    try:
        dataset = load_dataset(folder)
        # The gallery and the language overlays are checked against the treatments, so only once they loaded.
        gallery = load_optional_gallery(dataset)
        reports = {lang: apply_overlays(dataset, lang)[1] for lang in overlay_languages(Path(folder))}
        for lang, report in reports.items():
            if gallery is not None:
                photo_report = apply_photo_overlay(gallery.photos, folder, lang)[1]
                report.problems += photo_report.problems
                report.missing += photo_report.missing
        overlay_problems = [p for r in reports.values() for p in r.problems]
        if overlay_problems:
            raise DataError(overlay_problems)
    except DataError as exc:
        print_problems(folder, exc.problems)
        return 1
    symptoms = sum(len(t.symptoms) for t in dataset.treatments.values())
    photos = (
        ""
        if gallery is None
        else (
            f", gallery: {len(gallery.photos)} photos "
            f"({sum(p.display for p in gallery.photos)} on the waiting-room screen)"
        )
    )
    print(
        f"{folder}: OK: {len(dataset.treatments)} treatments ({', '.join(sorted(dataset.treatments))}), "
        f"{symptoms} symptoms, {len(dataset.sources)} sources{photos}"
    )
    for warning in data_warnings(dataset):
        print(f"{folder}: warning: {warning}", file=sys.stderr)
    for lang, report in reports.items():
        if report.missing:
            print(
                f"{folder}: {lang}: {len(report.missing)} text(s) not translated yet (shown in English):",
                file=sys.stderr,
            )
            for item in report.missing:
                print(f"  {item}", file=sys.stderr)
    return 0


def write_configmap(folder: str, name: str) -> int:
    """Print the folder as a ConfigMap once `check` passes on it; return the exit code."""
    with contextlib.redirect_stdout(sys.stderr):  # the summary of the check, not part of the YAML
        if check_folder(folder) != 0:
            return 1
    try:
        configmap = k8s.build_configmap(Path(folder), name)
    except k8s.ConfigMapError as exc:
        print(exc, file=sys.stderr)
        return 1
    yaml.add_representer(str, _block_text, Dumper=yaml.SafeDumper)
    print(yaml.safe_dump(configmap, allow_unicode=True, sort_keys=False, width=120), end="")
    return 0


def _block_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # The files keep their lines in the ConfigMap (a literal block), so that a reader can see what changed.
    style = "|" if "\n" in text and not any(line != line.rstrip() for line in text.splitlines()) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def unpack_configmap(source: Path, target: Path) -> int:
    """Write the data folder from the mounted ConfigMap (or the bundled data), then check it; return the exit code."""
    try:
        written = k8s.unpack(source, target, BUNDLED_DATA)
    except k8s.ConfigMapError as exc:
        print(exc, file=sys.stderr)
        return 1
    origin = source if written and any(source.glob("[!.]*")) else BUNDLED_DATA
    print(f"{target}: {len(written)} file(s) from {origin}")
    return check_folder(str(target))


def write_templates(language: str, folder: str) -> int:
    """Write data/i18n/<language>/*.yaml with the English text, unless the files exist; return the exit code."""
    try:
        dataset = load_dataset(folder)
    except DataError as exc:
        print_problems(folder, exc.problems)
        return 1
    target = Path(folder) / I18N_DIR / language
    target.mkdir(parents=True, exist_ok=True)
    files = {f"{tid}.yaml": overlay_template(t) for tid, t in dataset.treatments.items()}
    files["clinic.yaml"] = overlay_template(dataset.clinic)
    try:
        gallery = load_optional_gallery(dataset)
    except DataError:
        gallery = None  # `check` names its problems; the template needs a gallery that loads
    if gallery is not None:
        files[GALLERY_FILE] = {"photos": {p.id: overlay_template(p) for p in gallery.photos}}
    for name, template in files.items():
        path = target / name
        if path.exists():
            print(f"{path}: exists, left as it is", file=sys.stderr)
            continue
        path.write_text(yaml.safe_dump(template, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
        print(f"{path}: written")
    return 0


def print_problems(folder: str, problems: list[Problem]) -> None:
    """The count, then every problem on its own line, on stderr."""
    print(f"{folder}: {len(problems)} problem(s) found", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)


def data_warnings(dataset: Dataset) -> list[str]:
    """What a valid folder still lacks before patients should rely on it (reported, not an error)."""
    warnings = []
    if not dataset.clinic.signed_off:
        warnings.append(
            "clinic.yaml: reviewed_by, reviewed_on: no clinician of the clinic has signed off the "
            "content yet; every page says so until both are filled"
        )
    for language in overlay_languages(Path(dataset.folder)):
        if language not in dataset.clinic.translations:
            warnings.append(
                f"clinic.yaml: translations.{language}: nobody at the clinic has checked the {language} "
                "translation yet; its pages say so until reviewed_by and reviewed_on are filled"
            )
    if dataset.clinic.placeholder_contact:
        warnings.append("clinic.yaml: phone: the phone number is a placeholder (placeholder_contact: true)")
    return warnings


if __name__ == "__main__":
    sys.exit(main())
