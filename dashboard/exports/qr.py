"""QR codes as PNG bytes (segno), for the page and the handout."""

from __future__ import annotations

import io

import segno


def build_qr_png(url: str, scale: int = 8) -> bytes:
    """A black-on-white QR code of the link, with the standard quiet zone, as PNG bytes."""
    qr = segno.make(url, error="m", micro=False)
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=scale, border=4, dark="#000000", light="#ffffff")
    return buf.getvalue()
