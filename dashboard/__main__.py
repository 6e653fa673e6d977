"""Command line: `python -m dashboard check [DIR]` validates a data folder and its photo gallery, if any."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from dashboard.gallery import load_optional_gallery
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
    template = sub.add_parser("overlay-template", help="write the text overlays of a new language, in English, "
                                                       "for a translator to start from")
    template.add_argument("language", help="language code, e.g. es, fr, pt")
    template.add_argument("folder", nargs="?", help="data folder (default: RECOVERY_DATA_DIR or the bundled data)")
    args = parser.parse_args(argv)
    if args.command == "overlay-template":
        return write_templates(args.language, args.folder or str(data_dir()))

    folder = args.folder or str(data_dir())
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
    photos = "" if gallery is None else (f", gallery: {len(gallery.photos)} photos "
                                         f"({sum(p.display for p in gallery.photos)} on the waiting-room screen)")
    print(f"{folder}: OK: {len(dataset.treatments)} treatments ({', '.join(sorted(dataset.treatments))}), "
          f"{symptoms} symptoms, {len(dataset.sources)} sources{photos}")
    for warning in data_warnings(dataset):
        print(f"{folder}: warning: {warning}", file=sys.stderr)
    for lang, report in reports.items():
        if report.missing:
            print(f"{folder}: {lang}: {len(report.missing)} text(s) not translated yet (shown in English):",
                  file=sys.stderr)
            for item in report.missing:
                print(f"  {item}", file=sys.stderr)
    return 0


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
        warnings.append("clinic.yaml: reviewed_by, reviewed_on: no clinician of the clinic has signed off the "
                        "content yet; every page says so until both are filled")
    for language in overlay_languages(Path(dataset.folder)):
        if language not in dataset.clinic.translations:
            warnings.append(f"clinic.yaml: translations.{language}: nobody at the clinic has checked the {language} "
                            "translation yet; its pages say so until reviewed_by and reviewed_on are filled")
    if dataset.clinic.placeholder_contact:
        warnings.append("clinic.yaml: phone: the phone number is a placeholder (placeholder_contact: true)")
    return warnings


if __name__ == "__main__":
    sys.exit(main())
