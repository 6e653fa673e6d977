"""A data folder as a Kubernetes ConfigMap, and the ConfigMap as a folder again (deploy/k8s/).

A ConfigMap is flat: its keys cannot hold a "/". A file's path in the folder becomes its key with "/" written as
SEPARATOR (`i18n/es/eco2.yaml` -> `i18n__es__eco2.yaml`), and `unpack` turns the keys of a mounted ConfigMap back
into the folder that RECOVERY_DATA_DIR points at. Text files go in `data`, photos in `binaryData`.
"""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path
from typing import Any

NAME = "recovery-data"
SEPARATOR = "__"
# The API server refuses an object over about 1 MiB (etcd's request limit); the rest of the object needs room too.
LIMIT_BYTES = 1_000_000
KEY = re.compile(r"^[-._a-zA-Z0-9]+$")  # what Kubernetes allows as a ConfigMap key
# What the app reads from a data folder (dashboard/loader.py, dashboard/overlays.py, dashboard/gallery.py).
PATTERNS = ("*.yaml", "i18n/*/*.yaml", "gallery/*")
TEXT_SUFFIXES = (".yaml", ".yml")


class ConfigMapError(ValueError):
    """A folder that cannot become a ConfigMap, with the reason."""


def data_files(folder: Path) -> list[Path]:
    """The files of a data folder that the app reads, as paths relative to the folder, sorted."""
    found = {p.relative_to(folder) for pattern in PATTERNS for p in folder.glob(pattern) if p.is_file()}
    return sorted(found, key=lambda p: p.as_posix())


def key_of(path: Path) -> str:
    """The ConfigMap key of a relative path."""
    parts = path.parts
    if any(SEPARATOR in part or part.startswith(".") for part in parts):
        raise ConfigMapError(f"{path.as_posix()}: a name with '{SEPARATOR}' or a leading '.' cannot be a key")
    key = SEPARATOR.join(parts)
    if not KEY.match(key):
        raise ConfigMapError(f"{path.as_posix()}: only letters, digits, '-', '_' and '.' can be in a key")
    return key


def path_of(key: str) -> Path:
    """The relative path a ConfigMap key stands for."""
    parts = key.split(SEPARATOR)
    if not KEY.match(key) or any(part in ("", ".", "..") for part in parts):
        raise ConfigMapError(f"{key}: not a key made by build_configmap")
    return Path(*parts)


def build_configmap(folder: Path, name: str = NAME) -> dict[str, Any]:
    """The ConfigMap (as a dict to dump as YAML) that holds every file the app reads from the folder."""
    data: dict[str, str] = {}
    binary: dict[str, str] = {}
    for path in data_files(folder):
        raw = (folder / path).read_bytes()
        if path.suffix in TEXT_SUFFIXES:
            data[key_of(path)] = raw.decode("utf-8")
        else:
            binary[key_of(path)] = base64.b64encode(raw).decode("ascii")
    if not data:
        raise ConfigMapError(f"{folder}: no data files")
    size = sum(len(v.encode("utf-8")) for v in data.values()) + sum(len(v) for v in binary.values())
    if size > LIMIT_BYTES:
        raise ConfigMapError(
            f"{folder}: {size:,} bytes, more than a ConfigMap holds ({LIMIT_BYTES:,}); put the "
            "photos on a volume instead (docs/deploy.md)"
        )
    configmap: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name, "labels": {"app.kubernetes.io/name": "recovery-timeline"}},
        "data": data,
    }
    if binary:
        configmap["binaryData"] = binary
    return configmap


def unpack(source: Path, target: Path, fallback: Path) -> list[Path]:
    """Write the files of a mounted ConfigMap (one file per key) into `target` as a data folder; with no keys (the
    ConfigMap is absent), copy `fallback`, the data the image carries. Returns the paths written, relative."""
    # Kubernetes mounts the keys as symlinks into a hidden folder (..data); those hidden names are not keys.
    keys = sorted(p.name for p in source.iterdir() if not p.name.startswith(".")) if source.is_dir() else []
    if not keys:
        shutil.copytree(fallback, target, dirs_exist_ok=True)
        return data_files(target)
    written = []
    for key in keys:
        path = path_of(key)
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_bytes((source / key).read_bytes())
        written.append(path)
    return written
