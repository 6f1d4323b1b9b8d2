"""safety.uploads.images: pictures come back re-encoded from their pixels only,
or are refused with a message meant for the person uploading."""

from __future__ import annotations

import io
import warnings
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import ExifTags, Image, IptcImagePlugin, PngImagePlugin

from safety.tests.upload_samples import (
    COLOURS,
    DURATIONS,
    ORIENTATION,
    UNREADABLE,
    XMP_PACKET,
    animation,
    approx,
    assert_clean_picture,
    exif_bytes,
    read_stripped,
    spy_jpeg,
    spy_png,
    spy_webp,
    two_colour_picture,
    upload,
)
from safety.uploads import (
    StrippedFile,
    strip_image_metadata,
)

# ------------------------------------------------------------------ fixtures are real


def test_the_spy_jpeg_really_carries_everything():
    data = spy_jpeg()
    for marker in (b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"Photoshop 3.0", b"ICC_PROFILE"):
        assert marker in data
    with Image.open(io.BytesIO(data)) as picture:
        exif = picture.getexif()
        assert exif[ORIENTATION] == 6
        assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == (13.0, 45.0, 30.5)
        assert picture.info["comment"] == b"comment-secret"
        assert "icc_profile" in picture.info and "xmp" in picture.info
        assert IptcImagePlugin.getiptcinfo(picture)[(2, 90)] == b"Bangkok-IPTC"


def test_willow_copies_exif_into_renditions_so_originals_must_be_clean():
    """Documents the upstream behaviour this module exists for: Wagtail's renditions
    (via Willow) keep the original's EXIF, GPS included."""
    import willow

    output = io.BytesIO()
    willow.Image.open(io.BytesIO(spy_jpeg())).resize((10, 5)).save_as_jpeg(output)
    assert b"Exif\x00\x00" in output.getvalue()


# --------------------------------------------------------------------------- JPEG


def test_jpeg_loses_exif_gps_xmp_iptc_icc_and_comment():
    result = strip_image_metadata(upload(spy_jpeg(), "IMG_0042.jpg"))

    assert isinstance(result, StrippedFile) and isinstance(result, ContentFile)
    assert result.name == "IMG_0042.jpg"
    data = read_stripped(result)
    assert_clean_picture(data)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "JPEG"
        assert IptcImagePlugin.getiptcinfo(picture) is None


def test_orientation_is_applied_before_the_tag_goes():
    result = strip_image_metadata(upload(spy_jpeg(size=(40, 20), orientation=6), "p.jpg"))

    assert result.image_size == (20, 40)
    with Image.open(io.BytesIO(read_stripped(result))) as picture:
        assert picture.size == (20, 40)
        rgb = picture.convert("RGB")
        # Orientation 6 = turn 90° clockwise: the red left half ends up on top.
        assert approx(rgb.getpixel((10, 5)), (220, 0, 0))
        assert approx(rgb.getpixel((10, 35)), (0, 0, 220))


def test_orientation_from_xmp_alone_is_applied_too():
    buffer = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><tiff:Orientation>6</tiff:Orientation></x:xmpmeta>'
    two_colour_picture().save(buffer, "JPEG", xmp=xmp)

    result = strip_image_metadata(upload(buffer.getvalue(), "x.jpg"))
    assert result.image_size == (20, 40)


def test_cmyk_jpeg_becomes_rgb():
    result = strip_image_metadata(upload(spy_jpeg(mode="CMYK", orientation=None), "c.jpg"))

    data = read_stripped(result)
    assert_clean_picture(data)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.mode == "RGB"
        assert approx(picture.getpixel((5, 10)), (220, 0, 0), tolerance=60)


def test_multi_picture_jpeg_keeps_only_the_main_picture():
    buffer = io.BytesIO()
    second = Image.new("RGB", (40, 20), "green")
    two_colour_picture().save(
        buffer, "MPO", save_all=True, append_images=[second], exif=exif_bytes(None)
    )
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"

    result = strip_image_metadata(upload(buffer.getvalue(), "burst.jpg"))

    data = read_stripped(result)
    assert_clean_picture(data)
    assert data.count(b"\xff\xd8") == 1
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "JPEG"
        assert getattr(picture, "n_frames", 1) == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("IMG_1234.JPG", "IMG_1234.jpg"),
        ("scan.jpeg", "scan.jpeg"),
        ("C:\\Users\\someone\\Desktop\\photo.jpg", "photo.jpg"),
        ("/home/someone/photo.jpg", "photo.jpg"),
        ("actually-a-png.jpg", "actually-a-png.jpg"),
        ("no-extension", "no-extension.jpg"),
        (None, "image.jpg"),
    ],
)
def test_the_stem_is_kept_and_the_extension_follows_the_format(name, expected):
    source = io.BytesIO(spy_jpeg())
    source.name = name
    assert strip_image_metadata(source).name == expected


def test_the_extension_follows_what_was_written():
    assert strip_image_metadata(upload(spy_png(), "really-png.jpg")).name == "really-png.png"


# --------------------------------------------------------------------------- PNG


def test_png_loses_text_chunks_exif_and_icc_and_stays_rgba():
    source = spy_png("RGBA")
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"iCCP"):
        assert chunk in source

    result = strip_image_metadata(upload(source, "drawing.png"))

    data = read_stripped(result)
    assert_clean_picture(data)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "PNG"
        assert picture.mode == "RGBA"
        assert picture.getpixel((3, 3)) == (10, 200, 30, 128)


def test_palette_png_keeps_its_palette_and_transparency():
    picture = Image.new("P", (8, 8), 1)
    picture.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0] + [0] * (256 * 3 - 9))
    picture.paste(2, (0, 0, 4, 8))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane PNG-Author")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", transparency=1, pnginfo=info)

    data = read_stripped(strip_image_metadata(upload(buffer.getvalue(), "icon.png")))

    assert_clean_picture(data)
    with Image.open(io.BytesIO(data)) as clean:
        assert clean.mode == "P"
        assert clean.info.get("transparency") == 1
        rgba = clean.convert("RGBA")
        assert rgba.getpixel((1, 1)) == (0, 255, 0, 255)
        assert rgba.getpixel((6, 1))[3] == 0


def test_animated_png_keeps_frames_and_loses_text():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane PNG-Author")
    data = read_stripped(strip_image_metadata(upload(animation("PNG", pnginfo=info), "a.png")))

    assert_clean_picture(data)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.n_frames == 3


# --------------------------------------------------------------------------- WebP / GIF


@pytest.mark.parametrize("lossless", [False, True])
def test_webp_loses_exif_xmp_and_icc(lossless):
    source = spy_webp(lossless=lossless)
    for chunk in (b"EXIF", b"XMP ", b"ICCP"):
        assert chunk in source

    data = read_stripped(strip_image_metadata(upload(source, "w.webp")))

    assert_clean_picture(data)
    assert b"EXIF" not in data and b"XMP " not in data and b"ICCP" not in data
    assert (b"VP8L" in data) is lossless
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "WEBP"
        assert picture.size == (40, 20)


def test_animated_webp_keeps_its_frames_and_loses_exif():
    source = animation("WEBP", exif=exif_bytes(None))
    assert b"EXIF" in source

    data = read_stripped(strip_image_metadata(upload(source, "anim.webp")))

    assert_clean_picture(data)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.n_frames == 3


def test_animated_gif_keeps_frames_durations_and_loop_but_not_its_comment():
    source = animation("GIF", comment=b"comment-secret")
    assert b"comment-secret" in source

    result = strip_image_metadata(upload(source, "wave.gif"))

    data = read_stripped(result)
    assert_clean_picture(data)
    assert result.name == "wave.gif"
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.n_frames == 3
        assert picture.info["loop"] == 0
        durations, colours = [], []
        for index in range(3):
            picture.seek(index)
            durations.append(picture.info["duration"])
            colours.append(picture.convert("RGB").getpixel((5, 5)))
        assert durations == DURATIONS
        assert colours == COLOURS


def test_still_gif_with_transparency_keeps_it():
    picture = Image.new("P", (8, 8), 0)
    picture.putpalette([255, 255, 255, 255, 0, 0] + [0] * (256 * 3 - 6))
    picture.paste(1, (0, 0, 4, 8))
    buffer = io.BytesIO()
    picture.save(buffer, "GIF", transparency=0, comment=b"comment-secret")

    data = read_stripped(strip_image_metadata(upload(buffer.getvalue(), "t.gif")))

    assert_clean_picture(data)
    with Image.open(io.BytesIO(data)) as clean:
        rgba = clean.convert("RGBA")
        assert rgba.getpixel((1, 1)) == (255, 0, 0, 255)
        assert rgba.getpixel((6, 1))[3] == 0


# --------------------------------------------------------------------------- HEIC / AVIF


def test_avif_becomes_jpeg_without_exif():
    buffer = io.BytesIO()
    two_colour_picture().save(buffer, "AVIF", exif=exif_bytes(6), xmp=XMP_PACKET)

    result = strip_image_metadata(upload(buffer.getvalue(), "phone.avif"))

    assert result.name == "phone.jpg"
    data = read_stripped(result)
    assert_clean_picture(data)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "JPEG"


def test_avif_with_transparency_becomes_png():
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 255, 100)).save(buffer, "AVIF", exif=exif_bytes(None))

    result = strip_image_metadata(upload(buffer.getvalue(), "sticker.avif"))

    assert result.name == "sticker.png"
    with Image.open(io.BytesIO(read_stripped(result))) as picture:
        assert picture.mode == "RGBA"


def test_heic_becomes_jpeg_without_exif():
    pytest.importorskip("pillow_heif")
    buffer = io.BytesIO()
    try:
        two_colour_picture().save(buffer, "HEIF", exif=exif_bytes(None))
    except (OSError, KeyError, ValueError) as exc:  # no HEVC encoder in this build
        pytest.skip(f"cannot write HEIC here: {exc}")

    result = strip_image_metadata(upload(buffer.getvalue(), "IMG_0001.HEIC"))

    assert result.name == "IMG_0001.jpg"
    assert_clean_picture(read_stripped(result))


# ------------------------------------------------------------------ refusing kindly


def png_header_claiming(width: int, height: int) -> bytes:
    """A small, valid-looking PNG whose header claims a huge size."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = bytearray(data[12:29])  # type + 13 bytes of data
    ihdr[4:8] = width.to_bytes(4, "big")
    ihdr[8:12] = height.to_bytes(4, "big")
    data[12:29] = ihdr
    data[29:33] = zlib.crc32(bytes(ihdr)).to_bytes(4, "big")
    return bytes(data)


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a picture at all",
        b"<svg xmlns='http://www.w3.org/2000/svg'><metadata>x</metadata></svg>",
        b"MZ\x90\x00\x03" + b"\x00" * 200,
        b"",
    ],
    ids=["text", "svg", "exe", "empty"],
)
def test_non_pictures_are_refused_with_a_kind_message(data):
    with pytest.raises(ValidationError) as error:
        strip_image_metadata(upload(data, "photo.jpg"))
    assert error.value.messages == [UNREADABLE]
    assert error.value.code == "invalid_image"


def test_formats_outside_the_list_are_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "BMP")
    with pytest.raises(ValidationError, match="not an image we can read"):
        strip_image_metadata(upload(buffer.getvalue(), "photo.bmp"))


def test_truncated_pictures_are_refused():
    data = spy_jpeg(size=(200, 200))
    with pytest.raises(ValidationError, match="not an image we can read"):
        strip_image_metadata(upload(data[: len(data) // 2], "cut.jpg"))


def test_decompression_bombs_are_refused():
    with pytest.raises(ValidationError, match="too large to process") as error:
        strip_image_metadata(upload(png_header_claiming(30_000, 30_000), "bomb.png"))
    assert error.value.code == "file_too_many_pixels"


def test_pictures_over_pillows_warning_limit_are_refused_too():
    side = int(Image.MAX_IMAGE_PIXELS**0.5) + 100  # above the limit, below 2x
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with pytest.raises(ValidationError, match="too large to process"):
            strip_image_metadata(upload(png_header_claiming(side, side), "big.png"))


def test_pictures_over_the_upload_size_are_refused(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024 * 1024
    with pytest.raises(ValidationError, match="at most 1 MB"):
        strip_image_metadata(upload(b"\xff\xd8" + b"\x00" * (1024 * 1024), "huge.jpg"))


# ------------------------------------------------------------------ idempotent


def test_stripping_twice_returns_the_same_file():
    once = strip_image_metadata(upload(spy_jpeg(), "a.jpg"))
    assert strip_image_metadata(once) is once


def test_stripping_clean_bytes_again_stays_clean_and_the_same_size():
    once = read_stripped(strip_image_metadata(upload(spy_jpeg(), "a.jpg")))
    twice = strip_image_metadata(upload(once, "a.jpg"))
    assert twice.image_size == (20, 40)
    assert_clean_picture(read_stripped(twice))


def test_png_and_gif_re_encoding_is_stable():
    for data, name in ((spy_png(), "a.png"), (animation("GIF"), "a.gif")):
        once = read_stripped(strip_image_metadata(upload(data, name)))
        twice = read_stripped(strip_image_metadata(upload(once, name)))
        assert once == twice


def test_pixels_only_empties_the_exif_that_turning_the_picture_upright_cached():
    """ImageOps.exif_transpose leaves the original EXIF (GPS included) cached
    on the turned picture; nothing of it may stay reachable through getexif()."""
    from PIL import ImageOps

    from safety.uploads.images import _pixels_only

    with Image.open(io.BytesIO(spy_jpeg(orientation=6))) as source:
        upright = ImageOps.exif_transpose(source)
    assert upright.getexif()  # the cache this test is about
    clean = _pixels_only(upright)
    assert dict(clean.getexif()) == {}
    assert clean.getexif().tobytes() == Image.Exif().tobytes()
