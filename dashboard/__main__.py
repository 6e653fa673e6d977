"""Command line: `python -m dashboard check [DIR]` validates a data folder."""

from __future__ import annotations

import argparse
import sys

from dashboard.loader import DataError, data_dir, load_dataset
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
    except DataError as exc:
        print(f"{folder}: {len(exc.problems)} problem(s) found", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    symptoms = sum(len(t.symptoms) for t in dataset.treatments.values())
    print(f"{folder}: OK: {len(dataset.treatments)} treatments ({', '.join(sorted(dataset.treatments))}), "
          f"{symptoms} symptoms, {len(dataset.sources)} sources")
    for warning in data_warnings(dataset):
        print(f"{folder}: warning: {warning}", file=sys.stderr)
    return 0


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
