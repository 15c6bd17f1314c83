"""Persona avatars: generated initials on a colour, or an uploaded picture.

An uploaded file is checked for size first, then for its width and height as its header
states them (before any pixel is decoded: a 6300 x 6300 PNG of a few kilobytes would take
seconds and hundreds of megabytes to decode), and then decoded with Pillow: only a file
Pillow can really decode as an image is accepted, whatever its name or type claims. It
is then stored re-encoded as a small square PNG/JPEG, which drops any metadata (EXIF
location, comments) and keeps the gallery light.
"""

from __future__ import annotations

import base64
import hashlib
import io
import warnings

from core.errors import InvalidInput

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
STORED_SIZE = 256
# 4096 x 4096: room for any phone photo that fits in MAX_UPLOAD_BYTES (12 MP is 4032 x 3024);
# decoding one costs at most about 70 MB and well under a second.
MAX_PIXELS = 4096 * 4096

# Colours with enough contrast for white initials (WCAG AA for large text).
PALETTE = (
    "#2f6f5e",
    "#1f5f8b",
    "#8a4f7d",
    "#b4540a",
    "#5a6b1f",
    "#9b2f3f",
    "#4b4a9a",
    "#0f6d73",
    "#7a5230",
    "#3d5a80",
)


def initials(name: str) -> str:
    """'Rina Putri' -> 'RP'; 'rina' -> 'R'; empty -> '?'."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def color_for(name: str) -> str:
    """A stable colour from the palette for a name, so new personas differ at a glance.
    (A name not yet validated may hold a lone surrogate: the model refuses it with a message.)"""
    digest = hashlib.sha256(name.strip().casefold().encode("utf-8", "surrogatepass")).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def normalize_image(data: bytes) -> tuple[bytes, str]:
    """Check an upload and return (stored bytes, mime type).

    Raises InvalidInput with a catalog key when the file is too big or not an image.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput([("avatar", "personas.error.avatar_too_big", {"max_mb": MAX_UPLOAD_BYTES // (1024 * 1024)})])
    if not data:
        raise InvalidInput([("avatar", "personas.error.avatar_not_image", {})])
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:  # reads the header only
                if probe.width * probe.height > MAX_PIXELS:
                    raise InvalidInput(
                        [
                            (
                                "avatar",
                                "personas.error.avatar_too_many_pixels",
                                {
                                    "width": probe.width,
                                    "height": probe.height,
                                    "max_megapixels": round(MAX_PIXELS / 1_000_000, 1),
                                },
                            )
                        ]
                    )
                probe.verify()
            with Image.open(io.BytesIO(data)) as opened:
                # A JPEG decodes straight at a fraction of its size when that still covers
                # the stored square: much less time and memory for a big photo.
                opened.draft(opened.mode, (STORED_SIZE, STORED_SIZE))
                opened.load()
                upright = ImageOps.exif_transpose(opened)
                image = ImageOps.fit(upright.convert("RGBA"), (STORED_SIZE, STORED_SIZE))
    except InvalidInput:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        EOFError,
    ):
        raise InvalidInput([("avatar", "personas.error.avatar_not_image", {})]) from None
    out = io.BytesIO()
    lowest_alpha = image.getchannel("A").getextrema()[0]  # one band: (lowest, highest)
    if isinstance(lowest_alpha, int | float) and lowest_alpha < 255:  # has real transparency: keep PNG
        image.save(out, format="PNG", optimize=True)
        return out.getvalue(), "image/png"
    image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue(), "image/jpeg"


def sniff_mime(data: bytes) -> str:
    """The type of a stored (already normalized) avatar."""
    return "image/png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"


def data_uri(data: bytes) -> str:
    return f"data:{sniff_mime(data)};base64,{base64.b64encode(data).decode('ascii')}"
