"""The photo gallery: loading and checking a gallery folder, privacy of rendered photos, choosing photos, labels."""

from __future__ import annotations

import copy
import hashlib
import io
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import ExifTags, Image, ImageCms
from PIL.PngImagePlugin import PngInfo
from pydantic import ValidationError

from dashboard.gallery import (
    CONSENT_NOTE,
    EDGES,
    MAX_FILE_BYTES,
    Gallery,
    Photo,
    PhotoEntry,
    before_after,
    content_hash,
    display_photos,
    filter_photos,
    gallery_folder,
    gallery_signature,
    load_gallery,
    load_optional_gallery,
    nearest_photos,
    photo_label,
    public_name,
    render_photo,
)
from dashboard.loader import DataError, load_dataset
from dashboard.models import Dataset

ROOT = Path(__file__).resolve().parent.parent
ENTRY: dict[str, Any] = {
    "treatment": "eco2",
    "area": "face",
    "phototype": 3,
    "intensity": "standard",
    "consent": True,
    "consent_date": date(2026, 3, 1),
}
VALID: list[dict[str, Any]] = [
    {**ENTRY, "id": "p1", "file": "p1.jpg", "day": "before", "alt": "Cheek before treatment, fine lines."},
    {
        **ENTRY,
        "id": "p2",
        "file": "p2.jpg",
        "day": 4,
        "alt": "Cheek on day 4, pink and slightly swollen.",
        "caption": "Four days after a standard eCO2 session.",
    },
    {
        **ENTRY,
        "id": "p3",
        "file": "sub/p3.png",
        "day": 90,
        "area": "neck",
        "phototype": 4,
        "display": True,
        "alt": "Neck three months on, even tone.",
    },
]
NO_CONSENT = "no consent: a photo is listed only with the patient's consent (consent: true, with consent_date)"
NO_ALT = "no alt text: describe what the photo shows, for people who cannot see it"
MANIFEST = "gallery/gallery.yaml"


def jpeg_bytes(size: tuple[int, int] = (64, 48), colour: str = "red", **save: Any) -> bytes:
    """A small real JPEG, made here rather than committed."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", **save)
    return out.getvalue()


def write_image(path: Path, size: tuple[int, int] = (64, 48)) -> None:
    """A real image in the format its suffix names."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, "teal").save(path)


Mutate = Callable[[Path, list[dict[str, Any]]], object]
NO_MANIFEST = object()  # what a Mutate returns to leave gallery.yaml out


def make_gallery(data: Path, mutate: Mutate | None = None) -> Path:
    """A valid gallery in the data folder, changed by `mutate` (folder, entries) before the manifest is written."""
    folder = gallery_folder(data)
    entries = copy.deepcopy(VALID)
    for entry in entries:
        write_image(folder / entry["file"])
    if mutate is not None and mutate(folder, entries) is NO_MANIFEST:
        return folder
    (folder / "gallery.yaml").write_text(yaml.safe_dump({"photos": entries}, sort_keys=False), encoding="utf-8")
    return folder


def problems_of(folder: Path, dataset: Dataset) -> list[str]:
    """Every problem load_gallery reports, as the check command prints it."""
    with pytest.raises(DataError) as caught:
        load_gallery(folder, dataset)
    return [str(p) for p in caught.value.problems]


def run_check(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "check", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )


@pytest.fixture
def dataset(data_copy: Path) -> Dataset:
    return load_dataset(data_copy)


# 1. A valid gallery


def test_a_valid_gallery_loads(data_copy: Path, dataset: Dataset) -> None:
    folder = make_gallery(data_copy)
    gallery = load_gallery(folder, dataset)
    assert [p.id for p in gallery.photos] == ["p1", "p2", "p3"]
    assert [p.day for p in gallery.photos] == ["before", 4, 90]  # day 90 is eco2's horizon: still allowed
    assert [p.is_before for p in gallery.photos] == [True, False, False]
    assert [p.display for p in gallery.photos] == [False, False, True]  # off unless the clinic says so
    assert gallery.photos[1].caption == "Four days after a standard eCO2 session."
    assert gallery.photos[0].consent_date == date(2026, 3, 1)
    assert gallery.folder == str(folder)
    for p in gallery.photos:
        assert p.content_hash == content_hash(gallery.path(p))
    assert load_optional_gallery(dataset) == gallery


def test_check_passes_a_valid_gallery(data_copy: Path) -> None:
    make_gallery(data_copy)
    result = run_check(data_copy)
    assert result.returncode == 0, result.stderr
    assert "gallery: 3 photos (1 on the waiting-room screen)" in result.stdout
    assert "Traceback" not in result.stderr


def test_photos_are_frozen(data_copy: Path, dataset: Dataset) -> None:
    gallery = load_gallery(make_gallery(data_copy), dataset)
    with pytest.raises(ValidationError):
        gallery.photos[0].display = True  # type: ignore[misc]


# 2. Every problem, named by file and field


def _set(index: int, **fields: Any) -> Mutate:
    return lambda folder, entries: entries[index].update(fields)


def _drop(index: int, field: str) -> Mutate:
    return lambda folder, entries: entries[index].pop(field)


def _replace_file(name: str, content: bytes) -> Mutate:
    return lambda folder, entries: (folder / name).write_bytes(content)


def _file_to_folder(folder: Path, entries: list[dict[str, Any]]) -> None:
    (folder / "p2.jpg").unlink()
    (folder / "p2.jpg").mkdir()


def _symlink_out(folder: Path, entries: list[dict[str, Any]]) -> None:
    write_image(folder.parent / "private.jpg")
    (folder / "link.jpg").symlink_to(folder.parent / "private.jpg")
    entries[1]["file"] = "link.jpg"


def _too_large(folder: Path, entries: list[dict[str, Any]]) -> None:
    # a real, valid JPEG followed by 21 MB of zeros: Pillow could read it, only its size is wrong
    with open(folder / "p2.jpg", "ab") as f:
        f.write(bytes(21 * 1024 * 1024))


PROBLEMS: list[tuple[str, Mutate, str]] = [
    ("consent missing", _drop(2, "consent"), f"{MANIFEST}: photos[2:p3].consent: {NO_CONSENT}"),
    ("consent false", _set(2, consent=False), f"{MANIFEST}: photos[2:p3].consent: {NO_CONSENT}"),
    ("consent date missing", _drop(2, "consent_date"), f"{MANIFEST}: photos[2:p3].consent_date: missing field"),
    ("alt text missing", _drop(0, "alt"), f"{MANIFEST}: photos[0:p1].alt: {NO_ALT}"),
    ("alt text empty", _set(0, alt="   "), f"{MANIFEST}: photos[0:p1].alt: {NO_ALT}"),
    (
        "file missing",
        lambda folder, entries: (folder / "p2.jpg").unlink(),
        "gallery/p2.jpg: file is missing (listed as photos[1:p2].file in gallery.yaml)",
    ),
    ("file unreadable", _file_to_folder, "gallery/p2.jpg: cannot be read (IsADirectoryError)"),
    (
        "not an image",
        _replace_file("p2.jpg", b"these are notes, not a photo\n"),
        "gallery/p2.jpg: not an image Pillow can open (save it as JPEG or PNG)",
    ),
    (
        "damaged image",
        _replace_file("p2.jpg", jpeg_bytes()[:300]),
        "gallery/p2.jpg: the image is damaged and cannot be decoded (OSError)",
    ),
    (
        "unknown treatment",
        _set(1, treatment="eco3"),
        f"{MANIFEST}: photos[1:p2].treatment: unknown treatment 'eco3' (the data has co2-full, eco2, nafl-1550, "
        "nafl-1927)",
    ),
    (
        "day past horizon",
        _set(1, day=91),
        f"{MANIFEST}: photos[1:p2].day: day 91 is after the horizon of eco2 (day 90)",
    ),
    (
        "day negative",
        _set(1, day=-1),
        f"{MANIFEST}: photos[1:p2].day: expected a day after treatment (0 or more) or 'before'",
    ),
    (
        "day a word",
        _set(1, day="after"),
        f"{MANIFEST}: photos[1:p2].day: expected a day after treatment (0 or more) or 'before'",
    ),
    ("file over 20 MB", _too_large, "gallery/p2.jpg: 21.0 MB, over the 20 MB limit for a photo"),
    (
        "unlisted photo",
        lambda folder, entries: write_image(folder / "Extra.JPG"),
        "gallery/Extra.JPG: not listed in gallery.yaml: add it with consent, or remove the file",
    ),
    (
        "unlisted photo in a subfolder",
        _replace_file("sub/x.HEIC", b"not decodable, still a photo"),
        "gallery/sub/x.HEIC: not listed in gallery.yaml: add it with consent, or remove the file",
    ),
    ("duplicate id", _set(2, id="p1"), f"{MANIFEST}: photos[2:p1].id: duplicate id 'p1' (also photos[0])"),
    ("unknown field", _set(2, colour="red"), f"{MANIFEST}: photos[2:p3].colour: unknown field"),
    (
        "wrong area",
        _set(2, area="back"),
        f"{MANIFEST}: photos[2:p3].area: Input should be 'face', 'neck', 'chest' or 'hands'",
    ),
    (
        "skin type out of range",
        _set(2, phototype=7),
        f"{MANIFEST}: photos[2:p3].phototype: Input should be less than or equal to 6",
    ),
    ("id missing", _drop(1, "id"), f"{MANIFEST}: photos[1].id: missing field"),
    (
        "file outside the folder",
        _set(1, file="../clinic.yaml"),
        f"{MANIFEST}: photos[1:p2].file: must name a file inside the gallery folder",
    ),
    (
        "symlink out of the folder",
        _symlink_out,
        f"{MANIFEST}: photos[1:p2].file: must name a file inside the gallery folder",
    ),
    ("manifest missing", lambda folder, entries: NO_MANIFEST, f"{MANIFEST}: file is missing"),
]


@pytest.mark.parametrize(("name", "mutate", "expected"), PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_each_problem_is_named(data_copy: Path, dataset: Dataset, name: str, mutate: Mutate, expected: str) -> None:
    folder = make_gallery(data_copy, mutate)
    assert expected in problems_of(folder, dataset)


@pytest.mark.parametrize(("name", "mutate", "expected"), PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_check_prints_each_problem(data_copy: Path, name: str, mutate: Mutate, expected: str) -> None:
    make_gallery(data_copy, mutate)
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"  {expected}\n" in result.stderr
    assert result.stdout == ""


def test_one_bad_field_hides_no_other_problem(data_copy: Path, dataset: Dataset) -> None:
    def many(folder: Path, entries: list[dict[str, Any]]) -> None:
        entries[1].update(consent=False, treatment="eco3", id="p1")
        (folder / "p2.jpg").unlink()

    found = problems_of(make_gallery(data_copy, many), dataset)
    assert found == [
        f"{MANIFEST}: photos[1:p1].consent: {NO_CONSENT}",
        f"{MANIFEST}: photos[1:p1].id: duplicate id 'p1' (also photos[0])",
        f"{MANIFEST}: photos[1:p1].treatment: unknown treatment 'eco3' (the data has co2-full, eco2, nafl-1550, "
        "nafl-1927)",
        "gallery/p2.jpg: file is missing (listed as photos[1:p1].file in gallery.yaml)",
    ]


def test_every_image_like_file_must_be_listed(data_copy: Path, dataset: Dataset) -> None:
    def extras(folder: Path, entries: list[dict[str, Any]]) -> None:
        for name in ("a.jpeg", "b.PNG", "c.webp", "d.heic", "e.TIF", "f.tiff", "g.gif", "h.Bmp", "deep/i.jpg"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(b"x")
        (folder / "notes.txt").write_text("not a photo", encoding="utf-8")

    found = problems_of(make_gallery(data_copy, extras), dataset)
    unlisted = sorted(line.split(":")[0] for line in found if "not listed" in line)
    assert unlisted == [
        "gallery/a.jpeg",
        "gallery/b.PNG",
        "gallery/c.webp",
        "gallery/d.heic",
        "gallery/deep/i.jpg",
        "gallery/e.TIF",
        "gallery/f.tiff",
        "gallery/g.gif",
        "gallery/h.Bmp",
    ]
    assert len(found) == len(unlisted)  # notes.txt is not a photo, and the listed photos are fine


def test_a_file_just_under_the_limit_passes(data_copy: Path, dataset: Dataset) -> None:
    def pad(folder: Path, entries: list[dict[str, Any]]) -> None:
        path = folder / "p2.jpg"
        with open(path, "ab") as f:
            f.write(bytes(MAX_FILE_BYTES - path.stat().st_size))

    gallery = load_gallery(make_gallery(data_copy, pad), dataset)
    assert (Path(gallery.folder) / "p2.jpg").stat().st_size == MAX_FILE_BYTES


HOSTILE_MANIFESTS = [
    ("", f"{MANIFEST}: the file is empty"),
    ("[]", f"{MANIFEST}: expected a mapping of fields, found list"),
    ("photos: 3", f"{MANIFEST}: photos: Input should be a valid list"),
    ("photos: [1]", f"{MANIFEST}: photos[0]: Input should be a valid dictionary or instance of PhotoEntry"),
    ("photos:\n  - {}", f"{MANIFEST}: photos[0].id: missing field"),
    ("photos: []\nextra: 1", f"{MANIFEST}: extra: unknown field"),
    # libyaml's own words (the loader parses with it where it is installed)
    (
        "photos:\n  - id: [unclosed\n",
        f"{MANIFEST}: line 3, column 1: YAML syntax error: did not find expected ',' or ']'",
    ),
    (
        "photos:\n  - id: p9\n    file: {a: 1}\n    treatment: [eco2]\n    day: {}\n",
        f"{MANIFEST}: photos[0:p9].file: Input should be a valid string",
    ),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE_MANIFESTS, ids=[str(i) for i in range(len(HOSTILE_MANIFESTS))])
def test_a_broken_manifest_is_reported_never_raised(
    data_copy: Path, dataset: Dataset, text: str, expected: str
) -> None:
    folder = gallery_folder(data_copy)
    folder.mkdir()
    (folder / "gallery.yaml").write_text(text, encoding="utf-8")
    assert expected in problems_of(folder, dataset)


def test_undecodable_manifest_bytes(data_copy: Path, dataset: Dataset) -> None:
    folder = gallery_folder(data_copy)
    folder.mkdir()
    (folder / "gallery.yaml").write_bytes(b"\xff\xfe\x00photos")
    assert problems_of(folder, dataset) == [f"{MANIFEST}: cannot be read (UnicodeDecodeError)"]


def test_an_empty_photo_list_is_an_empty_gallery(data_copy: Path, dataset: Dataset) -> None:
    folder = gallery_folder(data_copy)
    folder.mkdir()
    (folder / "gallery.yaml").write_text("photos: []\n", encoding="utf-8")
    assert load_gallery(folder, dataset).photos == ()


def test_a_gallery_file_instead_of_a_folder(data_copy: Path, dataset: Dataset) -> None:
    (data_copy / "gallery").write_text("photos: []", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_optional_gallery(dataset)
    assert [str(p) for p in caught.value.problems] == [
        "gallery: not a folder (the gallery is a folder with gallery.yaml)"
    ]


# 6. No gallery folder, no gallery


def test_no_gallery_folder_means_no_gallery(data_copy: Path, dataset: Dataset) -> None:
    assert not gallery_folder(data_copy).exists()
    assert load_optional_gallery(dataset) is None
    result = run_check(data_copy)
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+ sources\n\Z", result.stdout)  # no gallery part on the summary line
    assert "gallery/" not in result.stderr and "problem" not in result.stderr


# 4. Privacy: what a browser receives

SERIAL = "SN-123456789"
COMMENT = b"patient Jane Doe, chart 4711"
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="ClinicCam"/></rdf:RDF></x:xmpmeta>'
    b'<?xpacket end="w"?>'
)
LATITUDE_SECONDS = (12345, 100)  # a distinctive rational, to look for in the output
ORIGINAL_NAME = "jane-doe-IMG_0001.jpg"
ALLOWED_MARKERS = {0xE0, 0xDB, 0xC2, 0xC4, 0xDD}  # JFIF header, tables, progressive frame, restart interval


def exif_with_secrets(orientation: int = 1) -> Image.Exif:
    """EXIF a phone camera would write: orientation, camera serial, GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Model] = "ClinicCam 3000"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SERIAL
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, LATITUDE_SECONDS[0] / LATITUDE_SECONDS[1])
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 2.5)
    return exif


@pytest.fixture
def camera_photo(tmp_path: Path) -> Path:
    """A large JPEG carrying GPS, a camera serial, XMP, a comment and an ICC profile."""
    path = tmp_path / ORIGINAL_NAME
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (2400, 1600), "salmon").save(
        path, "JPEG", exif=exif_with_secrets(), comment=COMMENT, icc_profile=icc, xmp=XMP
    )
    with Image.open(path) as original:  # the test means something only if the secrets are really in the input
        gps = original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert gps[ExifTags.GPS.GPSLatitudeRef] == "N"
        assert original.getexif().get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] == SERIAL
        assert original.info["comment"] == COMMENT and "icc_profile" in original.info and "xmp" in original.info
    raw = path.read_bytes()
    assert SERIAL.encode() in raw and b"http://ns.adobe.com/xap" in raw
    return path


def jpeg_markers(data: bytes) -> list[int]:
    """The JPEG segment markers up to the first scan (where metadata segments live)."""
    assert data[:2] == b"\xff\xd8"
    markers, i = [], 2
    while i < len(data):
        assert data[i] == 0xFF
        markers.append(data[i + 1])
        if data[i + 1] == 0xDA:  # start of scan: entropy-coded data follows
            break
        i += 2 + int.from_bytes(data[i + 2 : i + 4], "big")
    return markers


@pytest.mark.parametrize("size", ["thumb", "display"])
def test_rendered_photos_carry_no_metadata(camera_photo: Path, size: str) -> None:
    out = render_photo(camera_photo, size)  # type: ignore[arg-type]
    for secret in (
        SERIAL.encode(),
        b"Exif",
        b"http://ns.adobe.com/xap",
        b"ICC_PROFILE",
        COMMENT,
        b"ClinicCam",
        ORIGINAL_NAME.encode(),
        b"jane",
        struct.pack("<II", *LATITUDE_SECONDS),
        struct.pack(">II", *LATITUDE_SECONDS),
    ):
        assert secret not in out
    markers = jpeg_markers(out)
    assert set(markers) - {0xDA} <= ALLOWED_MARKERS  # no APP1 (EXIF, XMP), APP2 (ICC) or COM segment
    assert 0xC2 in markers  # progressive
    with Image.open(io.BytesIO(out)) as img:
        assert img.format == "JPEG" and img.mode == "RGB"
        assert len(img.getexif()) == 0
        assert not {"exif", "icc_profile", "comment", "xmp"} & set(img.info)
        assert max(img.size) == EDGES[size]
        assert img.size == ((1200, 800) if size == "display" else (360, 240))


def test_rendering_is_pure(camera_photo: Path) -> None:
    assert render_photo(camera_photo, "thumb") == render_photo(camera_photo, "thumb")
    assert render_photo(camera_photo, "thumb") != render_photo(camera_photo, "display")


def test_an_exif_rotated_photo_comes_out_upright(tmp_path: Path) -> None:
    # Stored landscape with a red top-left corner; Orientation 6 means "turn 90° clockwise to view",
    # so upright it is portrait with the red corner at the top right.
    stored = Image.new("RGB", (1800, 1200), "blue")
    stored.paste("red", (0, 0, 300, 300))
    path = tmp_path / "rotated.jpg"
    stored.save(path, "JPEG", exif=exif_with_secrets(orientation=6))
    for size, expected in (("display", (800, 1200)), ("thumb", (240, 360))):
        with Image.open(io.BytesIO(render_photo(path, size))) as img:  # type: ignore[arg-type]
            assert img.size == expected
            w, _ = img.size
            assert _reddish(img.getpixel((w - 5, 5))) and not _reddish(img.getpixel((5, 5)))


def _reddish(pixel: Any) -> bool:
    r, g, b = pixel
    return r > 200 and g < 60 and b < 60


def test_small_photos_are_not_enlarged(tmp_path: Path) -> None:
    path = tmp_path / "small.jpg"
    path.write_bytes(jpeg_bytes((100, 80)))
    with Image.open(io.BytesIO(render_photo(path, "display"))) as img:
        assert img.size == (100, 80)


def test_a_transparent_png_is_flattened_on_white_without_its_text(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    info = PngInfo()
    info.add_text("Comment", "patient Jane Doe")
    Image.new("RGBA", (400, 200), (255, 0, 0, 0)).save(path, pnginfo=info)
    out = render_photo(path, "thumb")
    assert b"Jane" not in out
    with Image.open(io.BytesIO(out)) as img:
        assert img.mode == "RGB" and img.size == (360, 180)
        assert all(c > 245 for c in img.getpixel((180, 90)))


def test_names_sent_to_a_browser_come_from_the_content(camera_photo: Path, tmp_path: Path) -> None:
    digest = content_hash(camera_photo)
    assert digest == hashlib.sha256(camera_photo.read_bytes()).hexdigest()[:16]
    other = tmp_path / "other.jpg"
    other.write_bytes(jpeg_bytes())
    assert content_hash(other) != digest
    photo = make_photo("p1", 4, content_hash=digest, file=ORIGINAL_NAME)
    for size in ("thumb", "display"):
        name = public_name(photo, size)  # type: ignore[arg-type]
        assert name == f"{digest}-{size}.jpg"
        assert re.fullmatch(r"[0-9a-f]{16}-(thumb|display)\.jpg", name)
        assert "jane" not in name and "IMG" not in name


def test_the_cache_key_changes_with_a_file(data_copy: Path) -> None:
    folder = make_gallery(data_copy)
    before = gallery_signature(folder)
    assert [name for name, _, _ in before] == ["gallery.yaml", "p1.jpg", "p2.jpg", "sub/p3.png"]
    (folder / "p2.jpg").write_bytes(jpeg_bytes((70, 40)))
    assert gallery_signature(folder) != before
    assert gallery_signature(data_copy / "nowhere") == ()


# 5. Choosing photos


def make_photo(
    ident: str,
    day: int | str,
    treatment: str = "eco2",
    area: str = "face",
    phototype: int = 3,
    display: bool = False,
    content_hash: str = "0123456789abcdef",
    file: str | None = None,
) -> Photo:
    """A photo for the choosing rules, which never touch files."""
    return Photo(
        id=ident,
        file=file or f"{ident}.jpg",
        treatment=treatment,
        day=day,
        area=area,
        phototype=phototype,
        intensity="standard",
        alt=f"photo {ident}",
        consent=True,
        consent_date=date(2026, 3, 1),
        display=display,
        content_hash=content_hash,
    )


def gallery_of(*photos: Photo) -> Gallery:
    return Gallery(photos=photos, folder="/nowhere")


def ids(photos: list[Photo]) -> list[str]:
    return [p.id for p in photos]


NEAREST = [
    (
        "nearest first, ties in listed order",
        [("b", "before"), ("d2", 2), ("d5", 5), ("d7", 7), ("d30", 30)],
        dict(day=6),
        ["d5", "d7", "d2"],
    ),
    (
        "the exact day wins over the same area",
        [("d5", 5, "eco2", "face"), ("d4", 4, "eco2", "neck")],
        dict(day=4, area="face"),
        ["d4", "d5"],
    ),
    (
        "a tie goes to the same area",
        [("d3", 3, "eco2", "neck"), ("d5", 5, "eco2", "face")],
        dict(day=4, area="face"),
        ["d5", "d3"],
    ),
    (
        "then to the same skin type",
        [("d3", 3, "eco2", "face", 5), ("d5", 5, "eco2", "face", 3)],
        dict(day=4, area="face", phototype=3),
        ["d5", "d3"],
    ),
    (
        "the area counts before the skin type",
        [("d3", 3, "eco2", "face", 5), ("d5", 5, "eco2", "neck", 3)],
        dict(day=4, area="face", phototype=3),
        ["d3", "d5"],
    ),
    (
        "only this treatment, never before photos",
        [("b", "before"), ("x4", 4, "co2-full"), ("d9", 9)],
        dict(day=4),
        ["d9"],
    ),
    ("the limit", [(f"d{d}", d) for d in range(10)], dict(day=0, limit=2), ["d0", "d1"]),
    ("a limit of 0", [("d1", 1)], dict(day=1, limit=0), []),
    ("nothing for the treatment", [("x4", 4, "co2-full")], dict(day=4), []),
]


@pytest.mark.parametrize(("name", "photos", "query", "expected"), NEAREST, ids=[n[0] for n in NEAREST])
def test_nearest_photos(name: str, photos: list[tuple[Any, ...]], query: dict[str, Any], expected: list[str]) -> None:
    gallery = gallery_of(*(make_photo(*p) for p in photos))
    assert ids(nearest_photos(gallery, "eco2", **query)) == expected


BEFORE_AFTER = [
    ("no before photo", [("d4", 4)], None),
    ("no after photo", [("b", "before")], None),
    ("another treatment's before photo does not count", [("b", "before", "co2-full"), ("d4", 4)], None),
    ("the latest day", [("b", "before"), ("d10", 10), ("d30", 30), ("d20", 20)], ("b", "d30")),
    (
        "a matching pair beats a later photo",
        [("b", "before", "eco2", "face", 3), ("d30", 30, "eco2", "neck", 4), ("d10", 10, "eco2", "face", 3)],
        ("b", "d10"),
    ),
    (
        "the before photo that matches the latest one",
        [
            ("b-neck", "before", "eco2", "neck", 3),
            ("b-face", "before", "eco2", "face", 3),
            ("d20", 20, "eco2", "face", 3),
        ],
        ("b-face", "d20"),
    ),
    (
        "without a matching pair, the latest photo and the before photo of its area",
        [
            ("b-neck", "before", "eco2", "neck", 3),
            ("b-face", "before", "eco2", "face", 5),
            ("d20", 20, "eco2", "face", 3),
            ("d5", 5, "eco2", "neck", 4),
        ],
        ("b-face", "d20"),
    ),
]


@pytest.mark.parametrize(("name", "photos", "expected"), BEFORE_AFTER, ids=[b[0] for b in BEFORE_AFTER])
def test_before_after(name: str, photos: list[tuple[Any, ...]], expected: tuple[str, str] | None) -> None:
    pair = before_after(gallery_of(*(make_photo(*p) for p in photos)), "eco2")
    assert (pair if pair is None else (pair[0].id, pair[1].id)) == expected


FILTER_GALLERY = [
    ("e9", 9),
    ("c-b", "before", "co2-full", "neck", 5),
    ("e-b", "before"),
    ("c3", 3, "co2-full"),
    ("e2", 2, "eco2", "neck", 4),
    ("e0", 0, "eco2", "face", 4),
]
FILTERS = [
    ("everything, by treatment then day", {}, ["c-b", "c3", "e-b", "e0", "e2", "e9"]),
    ("one treatment", dict(treatment="eco2"), ["e-b", "e0", "e2", "e9"]),
    ("one area", dict(area="neck"), ["c-b", "e2"]),
    ("one skin type", dict(phototype=4), ["e0", "e2"]),
    ("all filters together", dict(treatment="eco2", area="face", phototype=4), ["e0"]),
    ("nothing matches", dict(area="hands"), []),
]


@pytest.mark.parametrize(("name", "query", "expected"), FILTERS, ids=[f[0] for f in FILTERS])
def test_filter_photos(name: str, query: dict[str, Any], expected: list[str]) -> None:
    gallery = gallery_of(*(make_photo(*p) for p in FILTER_GALLERY))
    assert ids(filter_photos(gallery, **query)) == expected


def test_only_photos_with_display_consent_go_on_the_screen() -> None:
    gallery = gallery_of(make_photo("a", 3, display=True), make_photo("b", 1), make_photo("c", "before", display=True))
    assert ids(display_photos(gallery)) == ["a", "c"]
    assert display_photos(gallery_of(make_photo("b", 1))) == []


# Labels and the model's own rules

LABELS = [
    (("d4", 4, "eco2", "face", 3), None, "Day 4 · face · skin type III"),
    (("b", "before", "eco2", "face", 3), None, "Before treatment · face · skin type III"),
    (("d0", 0, "eco2", "neck", 6), None, "Day 0 (treatment day) · neck · skin type VI"),
    (("d4", 4, "eco2", "hands", 1), "eCO2", "eCO2 · Day 4 · hands · skin type I"),
    (("b", "before", "eco2", "chest", 2), "eCO2", "eCO2 · Before treatment · chest · skin type II"),
]


@pytest.mark.parametrize(("photo", "treatment_name", "expected"), LABELS)
def test_photo_label(photo: tuple[Any, ...], treatment_name: str | None, expected: str) -> None:
    assert photo_label(make_photo(*photo), treatment_name) == expected


def test_the_consent_note() -> None:
    assert CONSENT_NOTE == "A photo from this clinic, shared with consent. Your skin may differ."


DAYS = [
    (0, True),
    (4, True),
    ("before", True),
    (-1, False),
    ("4", False),
    (True, False),
    (4.0, False),
    ("Before", False),
    (None, False),
]


@pytest.mark.parametrize(("day", "valid"), DAYS, ids=[repr(d[0]) for d in DAYS])
def test_what_a_day_may_be(day: Any, valid: bool) -> None:
    fields = {**VALID[1], "day": day}
    if valid:
        assert PhotoEntry.model_validate(fields).day == day
    else:
        with pytest.raises(ValidationError):
            PhotoEntry.model_validate(fields)


def test_the_bundled_data_has_no_gallery() -> None:
    assert not gallery_folder(ROOT / "data").exists()
    assert load_optional_gallery(load_dataset(ROOT / "data")) is None
