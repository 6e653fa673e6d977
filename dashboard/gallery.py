"""The optional photo gallery: `<data dir>/gallery/gallery.yaml` and the photos it lists, checked in one pass.

Privacy first: a photo is listed only with the patient's consent, and a browser only ever receives re-encoded
bytes (upright, resized, no metadata) under a name made from the content hash, never the original file.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from PIL import Image, ImageOps, UnidentifiedImageError
from pydantic import Field, StringConstraints, field_validator

# The loader's own reader and validator, so that a gallery problem reads exactly like every other data problem.
from dashboard.i18n import N_, _
from dashboard.loader import DataError, Problem, read_yaml, validate_model
from dashboard.models import Area, Dataset, Frozen, Id, Intensity, Text
from dashboard.words import area as area_words
from dashboard.words import skin_type

GALLERY_DIR = "gallery"
MANIFEST = "gallery.yaml"
MAX_FILE_BYTES = 20 * 1024 * 1024
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".tif", ".tiff", ".gif", ".bmp"})
EDGES: dict[str, int] = {"display": 1200, "thumb": 360}  # longest side in pixels
JPEG_QUALITY = 82
CONSENT_NOTE = N_("A photo from this clinic, shared with consent. Your skin may differ.")  # show: _(CONSENT_NOTE)

Size = Literal["thumb", "display"]
PhotoDay = int | Literal["before"]
BEFORE: Literal["before"] = "before"

# The check command's problems are for staff at a terminal: they stay in English (like every data problem).
NO_CONSENT = "no consent: a photo is listed only with the patient's consent (consent: true, with consent_date)"
NO_ALT = "no alt text: describe what the photo shows, for people who cannot see it"
BAD_DAY = "expected a day after treatment (0 or more) or 'before'"


class PhotoEntry(Frozen):
    """One photo as gallery.yaml describes it."""

    id: Id
    file: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    treatment: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    day: PhotoDay
    area: Area
    phototype: Annotated[int, Field(ge=1, le=6)]
    intensity: Intensity
    # Missing and empty read the same to the clinic, so both get the one clear reason instead of "missing field".
    alt: str = Field(default="", validate_default=True)
    caption: Text | None = None
    consent: bool = Field(default=False, validate_default=True)
    consent_date: date
    # The waiting-room screen is a separate consent: off unless the clinic says so.
    display: bool = False

    @field_validator("day", mode="before")
    @classmethod
    def _day(cls, value: Any) -> Any:
        if value == BEFORE or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            return value
        raise ValueError(BAD_DAY)

    @field_validator("alt")
    @classmethod
    def _alt(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(NO_ALT)
        return value.strip()

    @field_validator("consent")
    @classmethod
    def _consent(cls, value: bool) -> bool:
        if value is not True:
            raise ValueError(NO_CONSENT)
        return value

    @property
    def is_before(self) -> bool:
        """True for a photo taken before the treatment."""
        return self.day == BEFORE


class Photo(PhotoEntry):
    """A listed photo whose file was checked, with the hash of its bytes (the only name a browser sees)."""

    content_hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]


class GalleryFile(Frozen):
    photos: list[PhotoEntry]


class Gallery(Frozen):
    """The photos of a gallery folder, in the order gallery.yaml lists them."""

    photos: tuple[Photo, ...]
    folder: str

    def path(self, photo: Photo) -> Path:
        """Where the photo's original file is (for rendering only, never for a browser)."""
        return Path(self.folder) / photo.file


def gallery_folder(data_folder: Path | str) -> Path:
    """Where a data folder keeps its gallery."""
    return Path(data_folder) / GALLERY_DIR


def load_optional_gallery(dataset: Dataset) -> Gallery | None:
    """The data folder's gallery, or None when it has no gallery/ folder; raises DataError listing every problem."""
    folder = gallery_folder(dataset.folder)
    if not folder.exists():
        return None
    return load_gallery(folder, dataset)


def load_gallery(folder: Path, dataset: Dataset) -> Gallery:
    """Load and check a gallery folder against the dataset; raise DataError listing every problem found."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError([Problem(folder.name, "", "not a folder (the gallery is a folder with gallery.yaml)")])
    problems: list[Problem] = []
    manifest = f"{folder.name}/{MANIFEST}"
    content = _read_manifest(folder / MANIFEST, manifest, problems)
    parsed = validate_model(GalleryFile, content, manifest, problems) if content is not None else None
    items = _raw_items(content)
    # Cross-checks read the raw entries, so that one bad field in an entry hides none of its other problems.
    _check_ids(items, manifest, problems)
    _check_treatments(items, dataset, manifest, problems)
    hashes = {i: h for i, raw in enumerate(items) if (h := _check_file(folder, i, raw, manifest, problems))}
    if content is not None:
        _check_unlisted(folder, items, problems)
    if problems or parsed is None:
        raise DataError(problems)
    photos = tuple(
        Photo.model_validate({**entry.model_dump(), "content_hash": hashes[i]}) for i, entry in enumerate(parsed.photos)
    )
    return Gallery(photos=photos, folder=str(folder))


def _read_manifest(path: Path, name: str, problems: list[Problem]) -> dict[str, Any] | None:
    if not path.is_file():
        problems.append(Problem(name, "", "file is missing"))
        return None
    found: list[Problem] = []
    content = read_yaml(path, found)
    # The shared reader names the file alone; the check command names it from the data folder.
    problems.extend(replace(p, file=name) for p in found)
    return content


def _raw_items(content: dict[str, Any] | None) -> list[Any]:
    photos = content.get("photos") if content is not None else None
    return photos if isinstance(photos, list) else []


def _where(i: int, raw: Any) -> str:
    """The entry's path as the loader writes it: 'photos[2:p3]' (or 'photos[2]' without an id)."""
    ident = raw.get("id") if isinstance(raw, dict) else None
    return f"photos[{i}]" if ident is None else f"photos[{i}:{ident}]"


def _check_ids(items: list[Any], manifest: str, problems: list[Problem]) -> None:
    """Each id names one photo (it is how pages and links refer to it)."""
    seen: dict[str, int] = {}
    for i, raw in enumerate(items):
        ident = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(ident, str) and ident in seen:
            problems.append(
                Problem(manifest, f"{_where(i, raw)}.id", f"duplicate id '{ident}' (also photos[{seen[ident]}])")
            )
        if isinstance(ident, str):
            seen.setdefault(ident, i)


def _check_treatments(items: list[Any], dataset: Dataset, manifest: str, problems: list[Problem]) -> None:
    """Each photo's treatment exists, and its day lies within that treatment's horizon."""
    for i, raw in enumerate(items):
        treatment_id = raw.get("treatment") if isinstance(raw, dict) else None
        if not isinstance(treatment_id, str):
            continue  # the model check reports a missing treatment
        treatment = dataset.treatments.get(treatment_id.strip())
        if treatment is None:
            known = ", ".join(sorted(dataset.treatments))
            problems.append(
                Problem(
                    manifest,
                    f"{_where(i, raw)}.treatment",
                    f"unknown treatment '{treatment_id}' (the data has {known})",
                )
            )
            continue
        day = raw.get("day")
        if isinstance(day, int) and not isinstance(day, bool) and day > treatment.horizon_days:
            problems.append(
                Problem(
                    manifest,
                    f"{_where(i, raw)}.day",
                    f"day {day} is after the horizon of {treatment.id} (day {treatment.horizon_days})",
                )
            )


def _check_file(folder: Path, i: int, raw: Any, manifest: str, problems: list[Problem]) -> str:
    """Check one listed file; return its content hash, or '' when it has a problem (which is then reported)."""
    name = raw.get("file") if isinstance(raw, dict) else None
    if not isinstance(name, str) or not name.strip():
        return ""  # the model check reports a missing or empty `file`
    name = name.strip()
    path = folder / name
    label = f"{folder.name}/{name}"
    if not _inside(folder, path):
        problems.append(Problem(manifest, f"{_where(i, raw)}.file", "must name a file inside the gallery folder"))
        return ""
    reason, data = _read_photo(path, f"{_where(i, raw)}.file in {MANIFEST}")
    if not reason:
        reason = _image_problem(data)
    if reason:
        problems.append(Problem(label, "", reason))
        return ""
    return _hash_bytes(data)


def _inside(folder: Path, path: Path) -> bool:
    """True when the path stays inside the folder (no '..', no absolute path, no symlink out of it)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def _read_photo(path: Path, listed_as: str) -> tuple[str, bytes]:
    """The file's bytes, or why they cannot be had: missing, too large or unreadable."""
    if not path.exists():
        return f"file is missing (listed as {listed_as})", b""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return (f"{size / 1024 / 1024:.1f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB limit for a photo", b"")
        return "", path.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.__class__.__name__})", b""


def _image_problem(data: bytes) -> str:
    """Why these bytes cannot become a gallery photo, or '' when they can (decoded as render_photo does)."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            _upright_rgb(img, EDGES["thumb"])
    except UnidentifiedImageError:
        return "not an image Pillow can open (save it as JPEG or PNG)"
    except Image.DecompressionBombError:
        return "too many pixels to open safely"
    # Pillow's decoders raise many kinds of errors on damaged or crafted files; each is a problem to report.
    except Exception as exc:
        return f"the image is damaged and cannot be decoded ({exc.__class__.__name__})"
    return ""


def _check_unlisted(folder: Path, items: list[Any], problems: list[Problem]) -> None:
    """Every image-like file in the folder must be listed: an unlisted photo has no recorded consent."""
    listed = {
        (folder / raw["file"].strip()).resolve()
        for raw in items
        if isinstance(raw, dict) and isinstance(raw.get("file"), str)
    }
    try:
        files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
    except OSError as exc:
        problems.append(Problem(folder.name, "", f"cannot be listed ({exc.__class__.__name__})"))
        return
    for path in files:
        if path.resolve() not in listed:
            problems.append(
                Problem(
                    f"{folder.name}/{path.relative_to(folder).as_posix()}",
                    "",
                    f"not listed in {MANIFEST}: add it with consent, or remove the file",
                )
            )


def gallery_signature(folder: Path) -> tuple[tuple[str, float, int], ...]:
    """Names, modification times and sizes of the gallery's files: a cache key that changes when a file does."""
    try:
        return tuple(
            (p.relative_to(folder).as_posix(), p.stat().st_mtime, p.stat().st_size)
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        )
    except OSError:
        return ()


def _hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def content_hash(path: Path) -> str:
    """The first 16 hex digits of the sha256 of the file's bytes."""
    return _hash_bytes(Path(path).read_bytes())


def public_name(photo: Photo, size: Size) -> str:
    """The only file name a browser sees: made from the content hash, never from the original name."""
    return f"{photo.content_hash}-{size}.jpg"


def _upright_rgb(img: Image.Image, edge: int) -> Image.Image:
    """The picture upright, at most `edge` pixels on its longest side, in RGB on white, with no metadata at all."""
    img.draft("RGB", (edge * 2, edge * 2))  # JPEG only: decode at a reduced scale, still twice the target
    upright = ImageOps.exif_transpose(img)
    if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
    else:
        flat = upright.convert("RGB")
    flat.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    # A new image carries pixels only: no EXIF, XMP, ICC profile or comment can follow it into the JPEG.
    clean = Image.new("RGB", flat.size)
    clean.paste(flat)
    return clean


def render_photo(path: Path, size: Size) -> bytes:
    """The photo as a browser may receive it: upright, resized, re-encoded as a progressive JPEG, no metadata."""
    with Image.open(path) as img:
        clean = _upright_rgb(img, EDGES[size])
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    return out.getvalue()


def _day_key(photo: Photo) -> int:
    return -1 if photo.is_before else int(photo.day)


def nearest_photos(
    gallery: Gallery, treatment: str, day: int, area: str | None = None, phototype: int | None = None, limit: int = 3
) -> list[Photo]:
    """Photos of the treatment nearest the day; on a tie the same area first, then the same skin type."""
    after = [p for p in gallery.photos if p.treatment == treatment and not p.is_before]
    ranked = sorted(after, key=lambda p: (abs(_day_key(p) - day), p.area != area, p.phototype != phototype))
    return ranked[: max(limit, 0)]


def before_after(gallery: Gallery, treatment: str) -> tuple[Photo, Photo] | None:
    """A before photo and the latest photo of the treatment, a pair of the same area and skin type if there is one."""
    own = [p for p in gallery.photos if p.treatment == treatment]
    pairs = [(b, a) for b in own if b.is_before for a in own if not a.is_before]
    if not pairs:
        return None
    # min keeps the first of equals, so the manifest's order decides the rest
    return min(
        pairs,
        key=lambda pair: (
            not _same_person_kind(*pair),
            -_day_key(pair[1]),
            pair[0].area != pair[1].area,
            pair[0].phototype != pair[1].phototype,
        ),
    )


def _same_person_kind(before: Photo, after: Photo) -> bool:
    return before.area == after.area and before.phototype == after.phototype


def filter_photos(
    gallery: Gallery, treatment: str | None = None, area: str | None = None, phototype: int | None = None
) -> list[Photo]:
    """The photos that match every filter given, by treatment id then day (before photos first)."""
    chosen = [
        p
        for p in gallery.photos
        if (treatment is None or p.treatment == treatment)
        and (area is None or p.area == area)
        and (phototype is None or p.phototype == phototype)
    ]
    return sorted(chosen, key=lambda p: (p.treatment, _day_key(p)))


def display_photos(gallery: Gallery) -> list[Photo]:
    """The photos whose patients also agreed to the waiting-room screen, in the manifest's order."""
    return [p for p in gallery.photos if p.display]


def photo_label(photo: Photo, treatment_name: str | None = None) -> str:
    """'Day 4 · face · skin type III' ('Before treatment · …'), after the treatment's name when one is given."""
    if photo.is_before:
        when = _("Before treatment")
    else:
        when = _("Day {day}").format(day=photo.day) if photo.day else _("Day 0 (treatment day)")
    parts = [treatment_name] if treatment_name else []
    return " · ".join([*parts, when, area_words(photo.area), skin_type(photo.phototype)])
