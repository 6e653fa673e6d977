"""A temporary photo gallery for the page and browser tests: real JPEGs made with Pillow, one of them carrying
everything a phone camera leaves in a file (GPS position, camera serial number, XMP, an ICC profile, a comment)."""

from __future__ import annotations

import io
import struct
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageCms, ImageDraw

from dashboard.gallery import gallery_folder

# What must never reach a browser: each is written into PRIVATE_FILE below.
SECRET_FILE = "IMG_20260301_clinic-secret-name.jpg"
CAMERA_SERIAL = "SN-CAM-7731-QX"
LATITUDE_SECONDS = (2633, 100)  # 51°30'26.33": a distinctive rational, to look for in the bytes
XMP_NAMESPACE = b"http://ns.adobe.com/xap/1.0/"
COMMENT = b"patient-record-0042"

BASE: dict[str, Any] = {"treatment": "eco2", "intensity": "standard", "consent": True, "consent_date": date(2026, 3, 1)}
# id, file, day, area, phototype, display; the alt text names the id so tests can tell the photos apart
PHOTOS: list[tuple[str, str, int | str, str, int, bool]] = [
    ("before-face", "eco2-before.jpg", "before", "face", 3, False),
    ("d1-neck", "eco2-d1.jpg", 1, "neck", 3, False),
    ("d4-neck", "eco2-d4-neck.jpg", 4, "neck", 4, False),
    ("d4-face", SECRET_FILE, 4, "face", 3, True),
    ("d5-face", "eco2-d5.jpg", 5, "face", 2, False),
    ("d30-chest", "eco2-d30.jpg", 30, "chest", 5, False),
    ("d60-face", "eco2-d60.jpg", 60, "face", 3, True),
    ("full-before", "full-before.jpg", "before", "face", 3, False),
    ("full-d10", "full-d10.jpg", 10, "face", 3, False),
]
TREATMENT = {"full-before": "co2-full", "full-d10": "co2-full"}


def alt_of(photo_id: str) -> str:
    return f"Test photo {photo_id}: skin after treatment."


def exif_with_gps_and_serial() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x0110] = "TestCam Model 9"  # Model
    exif[0x0112] = 1  # Orientation
    exif.get_ifd(0x8769)[0xA431] = CAMERA_SERIAL  # BodySerialNumber (Exif IFD)
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 30.0, LATITUDE_SECONDS[0] / LATITUDE_SECONDS[1])
    gps[3], gps[4] = "W", (0.0, 7.0, 39.06)
    return exif.tobytes()


def gps_bytes() -> tuple[bytes, bytes]:
    """The latitude's seconds as EXIF stores them (either byte order)."""
    return struct.pack("<II", *LATITUDE_SECONDS), struct.pack(">II", *LATITUDE_SECONDS)


def private_jpeg(size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A photo as a phone leaves it: GPS position, camera serial, XMP, an ICC profile and a comment."""
    img = Image.new("RGB", size, (200, 150, 140))
    ImageDraw.Draw(img).ellipse((400, 300, 1200, 900), fill=(220, 120, 120))
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:xmp="' + XMP_NAMESPACE + b'" xmp:Label="' + CAMERA_SERIAL.encode() + b'"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif_with_gps_and_serial(), xmp=xmp, icc_profile=icc, comment=COMMENT, quality=90)
    return out.getvalue()


def plain_jpeg(colour: tuple[int, int, int], size: tuple[int, int] = (800, 600)) -> bytes:
    img = Image.new("RGB", size, colour)
    ImageDraw.Draw(img).rectangle((100, 100, size[0] - 100, size[1] - 100), outline=(255, 255, 255), width=12)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def make_test_gallery(data: Path) -> Path:
    """Write the photos and gallery.yaml into a data folder's gallery/; return the gallery folder."""
    folder = gallery_folder(data)
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for i, (photo_id, file, day, area, phototype, display) in enumerate(PHOTOS):
        data_bytes = private_jpeg() if file == SECRET_FILE else plain_jpeg((40 + 20 * i, 90, 160 - 10 * i))
        (folder / file).write_bytes(data_bytes)
        entries.append(
            {
                **BASE,
                "id": photo_id,
                "file": file,
                "day": day,
                "area": area,
                "phototype": phototype,
                "treatment": TREATMENT.get(photo_id, "eco2"),
                "alt": alt_of(photo_id),
                "display": display,
            }
        )
    (folder / "gallery.yaml").write_text(yaml.safe_dump({"photos": entries}, sort_keys=False), encoding="utf-8")
    return folder
