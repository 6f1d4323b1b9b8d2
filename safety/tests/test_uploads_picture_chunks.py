"""safety.uploads.picture_chunks: the JPEG, PNG, GIF and WebP walkers keep what
describes pixels and drop everything else, without re-encoding."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from safety.tests.upload_samples import (
    CAMERA_SECRETS,
    ORIENTATION,
    PNG_SECRETS,
    animation,
    spy_jpeg,
    spy_png,
    spy_webp,
)
from safety.uploads.picture_chunks import (
    clean_embedded_picture,
    clean_jpeg,
    clean_png,
    gif_extra_blocks,
    riff_chunks,
    webp_is_lossless,
)


def test_clean_jpeg_drops_every_metadata_segment_and_keeps_the_pixels():
    source = spy_jpeg()
    cleaned = clean_jpeg(source)
    for secret in CAMERA_SECRETS:
        assert secret not in cleaned, secret
    assert b"Exif\x00\x00" not in cleaned
    with Image.open(io.BytesIO(source)) as before, Image.open(io.BytesIO(cleaned)) as after:
        assert before.tobytes() == after.tobytes()  # the same compressed data, decoded alike
    assert clean_jpeg(cleaned) == cleaned


def test_clean_jpeg_can_keep_only_the_orientation():
    cleaned = clean_jpeg(spy_jpeg(orientation=6), keep_orientation=True)
    for secret in CAMERA_SECRETS:
        assert secret not in cleaned, secret
    with Image.open(io.BytesIO(cleaned)) as picture:
        assert dict(picture.getexif()) == {ORIENTATION: 6}


def test_clean_png_keeps_only_pixel_chunks():
    cleaned = clean_png(spy_png())
    for secret in PNG_SECRETS:
        assert secret not in cleaned, secret
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"iCCP"):
        assert chunk not in cleaned
    assert cleaned.endswith(b"IEND\xaeB`\x82")


@pytest.mark.parametrize("data", [b"", b"not a picture", b"\xff\xd8\xff\xe1\x00"])
def test_damaged_or_foreign_data_is_refused_by_the_walkers(data):
    with pytest.raises(ValueError):
        clean_jpeg(data)
    with pytest.raises(ValueError):
        clean_png(data)


def test_embedded_pictures_other_than_jpeg_and_png_pass_unchanged():
    gif = animation("GIF")
    assert clean_embedded_picture(gif, keep_orientation=True) == gif


def test_webp_chunks_and_lossless_flag():
    lossy, lossless = spy_webp(), spy_webp(lossless=True)
    assert {fourcc for fourcc, _payload in riff_chunks(lossy)} >= {b"VP8X", b"EXIF", b"XMP "}
    assert not webp_is_lossless(lossy)
    assert webp_is_lossless(lossless)
    with pytest.raises(ValueError):
        riff_chunks(b"RIFF\x00\x00\x00\x00AVI ")


def test_gif_extra_blocks_names_comments_but_not_timing_or_looping():
    assert gif_extra_blocks(animation("GIF")) == []
    assert gif_extra_blocks(animation("GIF", comment=b"gif-secret")) == ["GIF extension 0xFE"]
    with pytest.raises(ValueError):
        gif_extra_blocks(b"not a gif")
