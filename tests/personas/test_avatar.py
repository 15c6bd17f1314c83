"""Avatar uploads: a picture with too many pixels is refused from its header, before any
pixel is decoded, with a message that names its size; the persona keeps its picture."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image

from core.errors import InvalidInput
from i18n import translate
from personas import avatar
from personas import service as ps
from projects import service as projects
from tests.actors import WORKSPACE


def _png(width: int, height: int, mode: str = "L") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def huge_png() -> bytes:
    """6300 x 6300 of one colour: a few kilobytes on disk, about 40 million pixels decoded
    (3 s and 633 MB under the old 40-million-pixel limit)."""
    data = _png(6300, 6300)
    assert len(data) < avatar.MAX_UPLOAD_BYTES
    return data


def test_a_picture_of_too_many_pixels_is_refused_before_decoding(huge_png: bytes) -> None:
    started = time.perf_counter()
    with pytest.raises(InvalidInput) as caught:
        avatar.normalize_image(huge_png)
    elapsed = time.perf_counter() - started
    [(field, key, params)] = caught.value.problems
    assert (field, key) == ("avatar", "personas.error.avatar_too_many_pixels")
    assert (params["width"], params["height"]) == (6300, 6300)
    # A generous bound: only the header is read, while decoding took seconds.
    assert elapsed < 0.5
    for language in ("en", "id"):
        message = translate(language, key, **params)
        assert "6300" in message and "16.8" in message


def test_the_limit_sits_between_a_phone_photo_and_a_decompression_bomb() -> None:
    assert 4032 * 3024 <= avatar.MAX_PIXELS < 6300 * 6300
    stored, mime = avatar.normalize_image(_png(4096, 4096, "RGB"))
    assert Image.open(io.BytesIO(stored)).size == (avatar.STORED_SIZE, avatar.STORED_SIZE)
    assert mime == "image/jpeg"
    with pytest.raises(InvalidInput) as caught:
        avatar.normalize_image(_png(4097, 4096))
    assert caught.value.problems[0][1] == "personas.error.avatar_too_many_pixels"


def test_a_refused_picture_leaves_the_persona_as_it_was(store, huge_png: bytes) -> None:
    project = projects.create_project(store, WORKSPACE, "Library", language="en")
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina")
    persona = ps.set_avatar(store, WORKSPACE, persona.id, persona.version, _png(64, 64, "RGB"))
    before = ps.avatar_image(store, WORKSPACE, persona.id)
    with pytest.raises(InvalidInput):
        ps.set_avatar(store, WORKSPACE, persona.id, persona.version, huge_png)
    assert ps.avatar_image(store, WORKSPACE, persona.id) == before
    assert store.personas.get(persona.id).version == persona.version


def test_a_big_photo_is_stored_small() -> None:
    out = io.BytesIO()
    Image.new("RGB", (4032, 3024), (180, 40, 40)).save(out, format="JPEG", quality=90)
    stored, mime = avatar.normalize_image(out.getvalue())
    image = Image.open(io.BytesIO(stored))
    assert mime == "image/jpeg" and image.size == (avatar.STORED_SIZE, avatar.STORED_SIZE)
    red, green, blue = image.convert("RGB").getpixel((128, 128))
    assert red > 150 and green < 80 and blue < 80
