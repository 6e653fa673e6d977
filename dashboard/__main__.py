"""Command line: `python -m dashboard check [DIR]` validates a data folder and its photo gallery, if any."""

from __future__ import annotations

import argparse
import sys

from dashboard.gallery import load_optional_gallery
from dashboard.loader import DataError, Problem, data_dir, load_dataset
from dashboard.models import Dataset


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Recovery timeline data tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate a data folder and name every problem by file and field")
    check.add_argument("folder", nargs="?", help="data folder (default: RECOVERY_DATA_DIR or the bundled data)")
    args = parser.parse_args(argv)

    folder = args.folder or str(data_dir())
    try:
        dataset = load_dataset(folder)
        # The gallery is checked against the treatments, so only once they loaded.
        gallery = load_optional_gallery(dataset)
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
    if dataset.clinic.placeholder_contact:
        warnings.append("clinic.yaml: phone: the phone number is a placeholder (placeholder_contact: true)")
    return warnings


if __name__ == "__main__":
    sys.exit(main())
