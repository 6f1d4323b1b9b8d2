"""Tests for people.uploads: no location or identity leaves an upload with the stored file.

Every fixture is generated here (no binary files in the repository): pictures carry
EXIF with GPS, camera make/model/serial, an artist, an orientation tag, XMP, IPTC, an
ICC profile and comments; documents carry authors, editors, reviewers, custom
properties, pasted photos with GPS, earlier revisions and attachments.
"""

from __future__ import annotations

import hashlib
import io
import json
import warnings
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import pre_save
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms, IptcImagePlugin, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from people import uploads
from people.uploads import (
    MetadataStrippingDocumentForm,
    MetadataStrippingImageForm,
    StrippedFile,
    connect_upload_signals,
    strip_document_metadata,
    strip_image_metadata,
    validate_document,
)

# --------------------------------------------------------------------------- secrets

CAMERA_SECRETS = [
    b"SpyCam-Make",
    b"Model-X-Secret",
    b"Jane Artist-Secret",
    b"SN-4242-SECRET",
    b"WGS-84-SECRET",
    b"xmp-secret-creator",
    b"13,45.5N",
    b"Jane IPTC-Byline",
    b"Bangkok-IPTC",
    b"comment-secret",
]
PNG_SECRETS = [b"Jane PNG-Author", b"13.7563,100.5018", b"png-ztxt-secret"]
IMAGE_SECRETS = CAMERA_SECRETS + PNG_SECRETS
METADATA_MARKERS = [
    b"Exif\x00\x00",
    b"http://ns.adobe.com/xap",
    b"Photoshop 3.0",
    b"ICC_PROFILE",
    b"MPF\x00",
    b"tEXt",
    b"iTXt",
    b"zTXt",
    b"eXIf",
    b"iCCP",
]
METADATA_INFO_KEYS = {
    "exif",
    "xmp",
    "XML:com.adobe.xmp",
    "icc_profile",
    "comment",
    "parameters",
    "photoshop",
    "Author",
    "GPS",
    "Comment",
    "Raw profile type exif",
}
ORIENTATION = ExifTags.Base.Orientation

XMP_PACKET = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/">'
    b"<dc:creator>xmp-secret-creator</dc:creator>"
    b"<exif:GPSLatitude>13,45.5N</exif:GPSLatitude>"
    b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


# --------------------------------------------------------------------------- pictures


def exif_bytes(orientation: int | None = 6) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyCam-Make"
    exif[ExifTags.Base.Model] = "Model-X-Secret"
    exif[ExifTags.Base.Artist] = "Jane Artist-Secret"
    if orientation:
        exif[ORIENTATION] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "SN-4242-SECRET"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (13.0, 45.0, 30.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (100.0, 30.0, 6.5)
    gps[ExifTags.GPS.GPSMapDatum] = "WGS-84-SECRET"
    return exif.tobytes()


def icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def iptc_segment() -> bytes:
    def dataset(number: int, value: bytes) -> bytes:
        return bytes((0x1C, 2, number)) + len(value).to_bytes(2, "big") + value

    iptc = dataset(80, b"Jane IPTC-Byline") + dataset(90, b"Bangkok-IPTC")
    resource = b"8BIM\x04\x04\x00\x00" + len(iptc).to_bytes(4, "big") + iptc
    resource += b"\x00" * (len(resource) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload


def two_colour_picture(size=(40, 20), mode="RGB") -> Image.Image:
    """Left half red, right half blue (so a rotation can be seen)."""
    width, height = size
    picture = Image.new("RGB", size, (220, 0, 0))
    picture.paste((0, 0, 220), (width // 2, 0, width, height))
    return picture.convert(mode)


def spy_jpeg(size=(40, 20), orientation: int | None = 6, mode="RGB") -> bytes:
    """A JPEG with EXIF (GPS, make, model, serial, artist, orientation), XMP, IPTC,
    an ICC profile and a comment."""
    buffer = io.BytesIO()
    two_colour_picture(size, mode).save(
        buffer,
        "JPEG",
        exif=exif_bytes(orientation),
        xmp=XMP_PACKET,
        icc_profile=icc_profile(),
        comment=b"comment-secret",
        quality=95,
    )
    data = buffer.getvalue()
    app0_end = 4 + int.from_bytes(data[4:6], "big")
    return data[:app0_end] + iptc_segment() + data[app0_end:]


def spy_png(mode="RGBA") -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane PNG-Author")
    info.add_itxt("GPS", "13.7563,100.5018")
    info.add_text("Comment", "png-ztxt-secret", zip=True)
    picture = Image.new(mode, (16, 12), (10, 200, 30, 128) if mode == "RGBA" else (10, 200, 30))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", pnginfo=info, exif=exif_bytes(None), icc_profile=icc_profile())
    return buffer.getvalue()


def spy_webp(*, lossless=False) -> bytes:
    buffer = io.BytesIO()
    two_colour_picture().save(
        buffer,
        "WEBP",
        exif=exif_bytes(None),
        xmp=XMP_PACKET,
        icc_profile=icc_profile(),
        lossless=lossless,
    )
    return buffer.getvalue()


COLOURS = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
DURATIONS = [100, 200, 300]


def animation(fmt: str, **extra) -> bytes:
    frames = [Image.new("RGB", (12, 10), colour) for colour in COLOURS]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        fmt,
        save_all=True,
        append_images=frames[1:],
        duration=DURATIONS,
        loop=0,
        **extra,
    )
    return buffer.getvalue()


def upload(data: bytes, name: str, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def assert_clean_picture(data: bytes) -> None:
    for marker in METADATA_MARKERS + IMAGE_SECRETS:
        assert marker not in data, marker
    with Image.open(io.BytesIO(data)) as picture:
        for index in range(getattr(picture, "n_frames", 1)):
            picture.seek(index)
            picture.load()
            assert not picture.getexif(), index
            assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
            assert not METADATA_INFO_KEYS & set(picture.info), picture.info.keys()
            for value in picture.info.values():
                if isinstance(value, str | bytes):
                    text = value.encode() if isinstance(value, str) else value
                    assert not any(secret in text for secret in IMAGE_SECRETS)


def read_stripped(result: ContentFile) -> bytes:
    result.seek(0)
    return result.read()


def approx(pixel, expected, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=False))


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

UNREADABLE = (
    "This file is not an image we can read. Please upload a JPEG, PNG, GIF or WebP picture."
)


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


# =========================================================================== documents

DOC_SECRETS = [
    b"Jane Docx-Author",
    b"Last Secret-Modifier",
    b"Secret Doc-Title",
    b"Secret Shelter Org",
    b"jane.secret",
    b"Custom Secret-Value",
    b"Reviewer Secret-Name",
    b"RSN-initials",
    b"Tracked Secret-Editor",
    b"jane@secret.example",
    b"Excel Secret-Author",
    b"Person Secret-Display",
    b"Ppt Secret-Author",
    b"Nested Secret-Author",
    b"Jane ODT-Author",
    b"Annot Secret-Author",
    b"HP-Secret-Shelter-Office",
]

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ORIGINAL_TIME = (2024, 5, 17, 13, 45, 10)

CORE_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties
 xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Secret Doc-Title</dc:title><dc:creator>{author}</dc:creator>
<cp:lastModifiedBy>Last Secret-Modifier</cp:lastModifiedBy>
<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-17T13:45:10Z</dcterms:created>
</cp:coreProperties>"""
APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Template>C:\\Users\\jane.secret\\AppData\\Normal.dotm</Template>
<Company>Secret Shelter Org</Company><TotalTime>42</TotalTime></Properties>"""
CUSTOM_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="CaseWorker">
<vt:lpwstr>Custom Secret-Value</vt:lpwstr></property></Properties>"""


def content_types(kind: str, *, main_type: str | None = None) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="jpeg" ContentType="image/jpeg"/>'
        f'<Override PartName="/{MAIN_PART[kind]}" '
        f'ContentType="{main_type or CONTENT_TYPES[kind]}"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        '<Override PartName="/docProps/custom.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
        "</Types>"
    )


def root_rels(kind: str) -> str:
    base = "http://schemas.openxmlformats.org"
    office, package = f"{base}/officeDocument/2006/relationships", f"{base}/package/2006"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{office}/officeDocument" '
        f'Target="{MAIN_PART[kind]}"/>'
        f'<Relationship Id="rId2" Type="{package}/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{office}/extended-properties" '
        'Target="docProps/app.xml"/>'
        f'<Relationship Id="rId4" Type="{office}/custom-properties" '
        'Target="docProps/custom.xml"/>'
        "</Relationships>"
    )


DOCUMENT_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>Hello from the shelter</w:t></w:r></w:p>
<w:p><w:ins w:id="1" w:author="Tracked Secret-Editor" w:date="2024-05-17T13:45:00Z">
<w:r><w:t>inserted text</w:t></w:r></w:ins></w:p></w:body></w:document>"""
COMMENTS_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:comment w:id="0" w:author="Reviewer Secret-Name" w:initials='RSN-initials'>
<w:p><w:r><w:t>Please check this</w:t></w:r></w:p></w:comment></w:comments>"""
PEOPLE_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">
<w15:person w15:author="Reviewer Secret-Name"><w15:presenceInfo w15:providerId="AD"
 w15:userId="S::jane@secret.example::1234"/></w15:person></w15:people>"""


def make_zip(entries: dict[str, bytes | str], *, stored: set[str] = frozenset()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=ORIGINAL_TIME)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def ooxml_parts(kind: str, *, author="Jane Docx-Author", main_type=None) -> dict:
    return {
        "[Content_Types].xml": content_types(kind, main_type=main_type),
        "_rels/.rels": root_rels(kind),
        "docProps/core.xml": CORE_XML.format(author=author),
        "docProps/app.xml": APP_XML,
        "docProps/custom.xml": CUSTOM_XML,
    }


def make_docx(**extra) -> bytes:
    parts = ooxml_parts("docx")
    parts.update(
        {
            "word/document.xml": DOCUMENT_XML,
            "word/comments.xml": COMMENTS_XML,
            "word/people.xml": PEOPLE_XML,
            "word/media/image1.jpeg": spy_jpeg(),
        }
    )
    parts.update(extra)
    return make_zip(parts)


def make_xlsx() -> bytes:
    parts = ooxml_parts("xlsx")
    parts.update(
        {
            "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheets/></workbook>',
            "xl/comments1.xml": "<comments><authors><author>Excel Secret-Author</author>"
            "</authors></comments>",
            "xl/persons/person.xml": '<personList><person displayName="Person Secret-Display" '
            'id="{1}" userId="jane@secret.example" providerId="AD"/></personList>',
            "xl/tables/table1.xml": '<table id="1" name="Cases" displayName="Cases"/>',
        }
    )
    return make_zip(parts)


def make_pptx(*, nested: bytes | None = None) -> bytes:
    parts = ooxml_parts("pptx")
    parts.update(
        {
            "ppt/presentation.xml": "<p:presentation xmlns:p='urn:p'/>",
            "ppt/commentAuthors.xml": '<p:cmAuthorLst xmlns:p="urn:p"><p:cmAuthor id="1" '
            'name="Ppt Secret-Author" initials="PSA" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>',
        }
    )
    if nested is not None:
        parts["ppt/embeddings/Microsoft_Excel_Worksheet.xlsx"] = nested
    return make_zip(parts)


ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def make_odt(*, encrypted=False) -> bytes:
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="'
        + ODT_MIMETYPE.decode()
        + '"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml">'
        + ("<manifest:encryption-data/>" if encrypted else "")
        + "</manifest:file-entry></manifest:manifest>"
    )
    return make_zip(
        {
            "mimetype": ODT_MIMETYPE,
            "META-INF/manifest.xml": manifest,
            "meta.xml": '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:'
            'xmlns:office:1.0" office:version="1.3"><office:meta>'
            "<meta:initial-creator>Jane ODT-Author</meta:initial-creator>"
            "<dc:creator>Jane ODT-Author</dc:creator></office:meta></office:document-meta>",
            "content.xml": "<office:document-content><office:body><office:text><text:p>"
            "Visible text<office:annotation><dc:creator>Annot Secret-Author</dc:creator>"
            "<dc:date>2024-05-17T13:45:00</dc:date><text:p>a note</text:p></office:annotation>"
            "</text:p></office:text></office:body></office:document-content>",
            "settings.xml": '<office:settings><config:config-item config:name="PrinterName" '
            'config:type="string">HP-Secret-Shelter-Office</config:config-item>'
            '<config:config-item config:name="PrinterSetup" config:type="base64Binary">'
            "SFAtU2VjcmV0</config:config-item></office:settings>",
            "Pictures/photo.jpg": spy_jpeg(),
        },
        stored={"mimetype"},
    )


def unzip_all(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


def assert_no_doc_secrets(data: bytes) -> None:
    for secret in DOC_SECRETS + IMAGE_SECRETS:
        assert secret not in data, secret


def assert_clean_package(data: bytes) -> dict[str, bytes]:
    entries = unzip_all(data)
    for content in entries.values():
        assert_no_doc_secrets(content)
        if content.startswith(b"PK\x03\x04"):
            assert_clean_package(content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
            assert info.extra == b""
    return entries


def assert_embedded_photo_is_clean(data: bytes) -> None:
    for marker in [*CAMERA_SECRETS, b"http://ns.adobe.com/xap", b"Photoshop 3.0", b"ICC_PROFILE"]:
        assert marker not in data, marker
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.size == (40, 20)  # the pixels are untouched...
        assert dict(picture.getexif()) == {ORIENTATION: 6}  # ...and still shown upright
        assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "comment" not in picture.info and "icc_profile" not in picture.info


def strip_doc(data: bytes, name: str) -> bytes:
    result = strip_document_metadata(upload(data, name), filename=name)
    assert isinstance(result, StrippedFile)
    assert result.name == name
    return read_stripped(result)


# --------------------------------------------------------------------------- OOXML


def test_docx_loses_authors_properties_reviewers_and_photo_gps():
    source = make_docx()
    for secret in (b"Jane Docx-Author", b"Reviewer Secret-Name"):
        assert secret in b"".join(unzip_all(source).values())

    entries = assert_clean_package(strip_doc(source, "statement.docx"))

    assert "docProps/custom.xml" not in entries
    assert b"custom.xml" not in entries["[Content_Types].xml"]
    assert b"custom.xml" not in entries["_rels/.rels"]
    assert b"docProps/core.xml" in entries["_rels/.rels"]
    assert b"Hello from the shelter" in entries["word/document.xml"]
    assert b'w:author=""' in entries["word/document.xml"]
    assert b"Please check this" in entries["word/comments.xml"]
    assert b"<dc:creator" not in entries["docProps/core.xml"]
    assert_embedded_photo_is_clean(entries["word/media/image1.jpeg"])
    assert set(entries) == set(unzip_all(source)) - {"docProps/custom.xml"}


def test_xlsx_loses_comment_authors_and_people_but_keeps_table_names():
    entries = assert_clean_package(strip_doc(make_xlsx(), "budget.xlsx"))

    assert b'displayName="Cases"' in entries["xl/tables/table1.xml"]
    assert b'name="Cases"' in entries["xl/tables/table1.xml"]


def test_pptx_and_the_workbook_inside_it_are_both_cleaned():
    nested = make_zip(ooxml_parts("xlsx", author="Nested Secret-Author"))
    entries = assert_clean_package(strip_doc(make_pptx(nested=nested), "talk.pptx"))

    inner = unzip_all(entries["ppt/embeddings/Microsoft_Excel_Worksheet.xlsx"])
    assert "docProps/core.xml" in inner and "docProps/custom.xml" not in inner


def test_packages_nested_too_deep_are_refused():
    level = make_zip(ooxml_parts("xlsx"))
    for _ in range(uploads.MAX_NESTED_PACKAGES + 1):
        parts = ooxml_parts("xlsx")
        parts["xl/embeddings/inner.xlsx"] = level
        parts["xl/workbook.xml"] = "<workbook/>"
        level = make_zip(parts)
    with pytest.raises(ValidationError, match="unsafe to open"):
        strip_document_metadata(upload(level, "deep.xlsx"), filename="deep.xlsx")


# --------------------------------------------------------------------------- ODF


def test_odt_loses_meta_annotation_authors_printer_and_photo_gps():
    entries = assert_clean_package(strip_doc(make_odt(), "letter.odt"))

    assert b"Visible text" in entries["content.xml"] and b"a note" in entries["content.xml"]
    assert b'office:version="1.3"' in entries["meta.xml"]
    assert_embedded_photo_is_clean(entries["Pictures/photo.jpg"])
    with zipfile.ZipFile(io.BytesIO(strip_doc(make_odt(), "letter.odt"))) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert archive.read(first) == ODT_MIMETYPE


def test_password_protected_odt_is_refused():
    with pytest.raises(ValidationError, match="Password-protected documents"):
        validate_document(upload(make_odt(encrypted=True), "x.odt"), filename="x.odt")


# --------------------------------------------------------------------------- zip safety


@pytest.mark.parametrize(
    "bad_name",
    ["../evil.xml", "word/../../evil.xml", "/etc/passwd", "C:/evil.xml", "word\\..\\evil.xml"],
)
def test_zip_path_tricks_are_refused(bad_name):
    data = make_docx(**{bad_name: "x"})
    with pytest.raises(ValidationError, match="unsafe to open"):
        validate_document(upload(data, "x.docx"), filename="x.docx")
    with pytest.raises(ValidationError, match="unsafe to open"):
        strip_document_metadata(upload(data, "x.docx"), filename="x.docx")


def test_duplicate_zip_entries_are_refused():
    buffer = io.BytesIO(make_docx())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.writestr("word/document.xml", "<w:document>other</w:document>")
    with pytest.raises(ValidationError, match="unsafe to open"):
        validate_document(upload(buffer.getvalue(), "x.docx"), filename="x.docx")


def test_zip_bombs_are_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    data = make_docx(**{"word/padding.bin": b"\x00" * (2 * 1024 * 1024)})
    assert len(data) < 100_000
    with pytest.raises(ValidationError, match="unsafe to open"):
        validate_document(upload(data, "bomb.docx"), filename="bomb.docx")


def test_damaged_zips_are_refused():
    data = make_docx()
    with pytest.raises(ValidationError, match="unsafe to open"):
        validate_document(upload(data[: len(data) // 2], "x.docx"), filename="x.docx")


# --------------------------------------------------------------------------- PDF


def pdf_stream(data: bytes, **entries) -> StreamObject:
    stream = StreamObject()
    stream._data = data
    for key, value in entries.items():
        stream[NameObject(f"/{key}")] = value
    return stream


def make_pdf() -> bytes:
    """A PDF with /Info, XMP (document and page), a photo with GPS EXIF, a reviewer's
    comment and an attached file."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    writer.add_metadata(
        {
            # Letters and spaces only: pypdf escapes "-" in strings (\\055), and an
            # escaped secret would slip past a search of the raw bytes.
            "/Author": "Jane PdfAuthor",
            "/Title": "Secret PdfTitle",
            "/Producer": "SecretProducer Nine",
            "/Creator": "SecretCreator App",
        }
    )
    xmp = writer._add_object(
        pdf_stream(XMP_PACKET, Type=NameObject("/Metadata"), Subtype=NameObject("/XML"))
    )
    writer.root_object[NameObject("/Metadata")] = xmp
    page[NameObject("/Metadata")] = writer._add_object(
        pdf_stream(
            XMP_PACKET.replace(b"xmp-secret-creator", b"page-xmp-secret"),
            Type=NameObject("/Metadata"),
            Subtype=NameObject("/XML"),
        )
    )
    photo = writer._add_object(
        pdf_stream(
            spy_jpeg(),
            Type=NameObject("/XObject"),
            Subtype=NameObject("/Image"),
            Width=NumberObject(40),
            Height=NumberObject(20),
            ColorSpace=NameObject("/DeviceRGB"),
            BitsPerComponent=NumberObject(8),
            Filter=NameObject("/DCTDecode"),
        )
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): photo})}
    )
    page[NameObject("/Contents")] = writer._add_object(
        pdf_stream(b"q 40 0 0 20 10 10 cm /Im0 Do Q BT /F1 12 Tf (Visible) Tj ET")
    )
    rect = ArrayObject([NumberObject(0), NumberObject(0), NumberObject(10), NumberObject(10)])
    comment = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Text"),
            NameObject("/Rect"): rect,
            NameObject("/T"): TextStringObject("Reviewer PdfName"),
            NameObject("/M"): TextStringObject("D20240517134500"),
            NameObject("/Contents"): TextStringObject("Looks fine"),
        }
    )
    attached = writer._add_object(
        pdf_stream(b"attached-secret-file", Type=NameObject("/EmbeddedFile"))
    )
    attachment = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): rect,
            NameObject("/FS"): DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Filespec"),
                    NameObject("/F"): TextStringObject("SecretAttachment"),
                    NameObject("/EF"): DictionaryObject({NameObject("/F"): attached}),
                }
            ),
        }
    )
    page[NameObject("/Annots")] = ArrayObject(
        [writer._add_object(comment), writer._add_object(attachment)]
    )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


PDF_SECRETS = [
    b"Jane PdfAuthor",
    b"Secret PdfTitle",
    b"SecretProducer Nine",
    b"SecretCreator App",
    b"xmp-secret-creator",
    b"page-xmp-secret",
    b"Reviewer PdfName",
    b"attached-secret-file",
    b"SecretAttachment",
    b"D20240517134500",
    *CAMERA_SECRETS,
]


def assert_clean_pdf(data: bytes) -> PdfReader:
    for secret in PDF_SECRETS:
        assert secret not in data, secret
    assert b"/Metadata" not in data
    assert b"Exif\x00\x00" not in data
    reader = PdfReader(io.BytesIO(data))
    assert not reader.metadata
    assert reader.xmp_metadata is None
    assert "/Info" not in reader.trailer and "/ID" not in reader.trailer
    return reader


def test_pdf_loses_info_xmp_comment_authors_attachments_and_photo_exif():
    source = make_pdf()
    for secret in PDF_SECRETS:
        assert secret in source, secret

    data = strip_doc(source, "report.pdf")

    reader = assert_clean_pdf(data)
    page = reader.pages[0]
    assert len(reader.pages) == 1
    annotations = [a.get_object() for a in page["/Annots"]]
    assert [a["/Subtype"] for a in annotations] == ["/Text"]
    assert annotations[0]["/Contents"] == "Looks fine"
    photo = page["/Resources"]["/XObject"]["/Im0"]
    with Image.open(io.BytesIO(photo._data)) as picture:
        assert picture.size == (40, 20)
        assert not picture.getexif()
    assert b"(Visible) Tj" in page.get_contents().get_data()


def test_earlier_pdf_revisions_are_not_carried_over():
    updated = PdfWriter(io.BytesIO(make_pdf()), incremental=True)
    updated.add_metadata({"/Author": "Someone Else"})
    output = io.BytesIO()
    updated.write(output)
    source = output.getvalue()
    assert b"Jane PdfAuthor" in source and b"Someone Else" in source

    data = strip_doc(source, "revised.pdf")

    assert_clean_pdf(data)
    assert b"Someone Else" not in data


def test_password_protected_pdfs_are_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    with pytest.raises(ValidationError) as error:
        strip_document_metadata(upload(output.getvalue(), "locked.pdf"), filename="locked.pdf")
    assert "password-protected pdfs can't be uploaded" in error.value.messages[0].lower()


def test_damaged_pdfs_are_refused():
    with pytest.raises(ValidationError, match="seems to be damaged"):
        strip_document_metadata(upload(b"%PDF-1.7\nnot really", "x.pdf"), filename="x.pdf")


# --------------------------------------------------------------------------- text


def test_utf8_text_and_csv_pass_through_unchanged():
    for name, data in (("notes.txt", "Ñandú, ok\n".encode()), ("list.csv", b"a,b\n1,2\n")):
        result = strip_document_metadata(upload(data, name), filename=name)
        assert isinstance(result, StrippedFile)
        assert read_stripped(result) == data


def test_text_that_is_not_utf8_is_refused():
    with pytest.raises(ValidationError, match="UTF-8"):
        validate_document(upload("Ñandú".encode("latin-1"), "x.txt"), filename="x.txt")


def test_stripping_a_document_twice_returns_the_same_file():
    once = strip_document_metadata(upload(make_docx(), "a.docx"), filename="a.docx")
    assert strip_document_metadata(once, filename="a.docx") is once


# --------------------------------------------------------------------------- allowlist

ALLOWED_MESSAGE = (
    "Only PDF, Word (.docx), OpenDocument text (.odt), text, CSV, Excel (.xlsx) and "
    "PowerPoint (.pptx) files can be uploaded."
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


@pytest.mark.parametrize("name", ["tool.exe", "page.html", "archive.zip", "old.doc", "noext"])
def test_other_extensions_are_refused_naming_the_allowed_types(name):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(b"%PDF-1.4", name), filename=name)
    assert error.value.messages == [ALLOWED_MESSAGE]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (EXE, "invoice.pdf"),
        (HTML, "invoice.pdf"),
        (HTML, "letter.docx"),
        (EXE, "letter.odt"),
        (make_zip({"a.txt": "x"}), "letter.docx"),
        (make_zip({"[Content_Types].xml": "<Types/>"}), "letter.docx"),
        (make_docx(), "sheet.xlsx"),
        (make_xlsx(), "letter.docx"),
        (make_docx(), "letter.odt"),
        (make_zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}), "x.odt"),
        (make_pdf(), "letter.docx"),
    ],
)
def test_content_must_match_the_extension(data, name):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(data, name), filename=name)
    message = error.value.messages[0]
    assert "don't match its ." in message
    assert message.endswith(ALLOWED_MESSAGE)


def test_old_office_and_encrypted_office_files_are_refused_kindly():
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with pytest.raises(ValidationError, match="older Office file or one protected"):
        validate_document(upload(cfb, "letter.docx"), filename="letter.docx")


def test_macro_enabled_files_are_refused():
    macro_type = "application/vnd.ms-word.document.macroEnabled.main+xml"
    parts = ooxml_parts("docx", main_type=macro_type)
    parts["word/document.xml"] = DOCUMENT_XML
    with pytest.raises(ValidationError, match="macros"):
        validate_document(upload(make_zip(parts), "x.docx"), filename="x.docx")
    data = make_docx(**{"word/vbaProject.bin": b"\x00"})
    with pytest.raises(ValidationError, match="macros"):
        validate_document(upload(data, "x.docx"), filename="x.docx")


def test_oversize_documents_are_refused_naming_the_limit():
    data = b"a" * (10 * 1024 * 1024 + 1)
    with pytest.raises(ValidationError) as error:
        validate_document(upload(data, "big.txt"), filename="big.txt")
    assert "10 MB" in error.value.messages[0]
    with pytest.raises(ValidationError, match="10 MB"):
        strip_document_metadata(upload(data, "big.txt"), filename="big.txt")
    validate_document(upload(data[:-1], "fits.txt"), filename="fits.txt")


def test_limits_and_types_follow_the_settings(settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["PDF", "doc"]  # doc: not something we can clean
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 3 * 1024 * 1024 // 2
    with pytest.raises(ValidationError) as error:
        validate_document(upload(make_docx(), "x.docx"), filename="x.docx")
    assert error.value.messages == ["Only PDF files can be uploaded."]
    with pytest.raises(ValidationError, match=r"at most 1\.5 MB"):
        validate_document(upload(b"%PDF-" + b"0" * 2_000_000, "x.pdf"), filename="x.pdf")
    big_pdf = upload(b"%PDF-" + b"0" * 2_000_000, "x.pdf")
    assert validate_document(big_pdf, filename="x.pdf", max_bytes=None) == "pdf"


# =========================================================================== Wagtail

GPS_JPEG = spy_jpeg()


def stored_bytes(field_file) -> bytes:
    """What is really in storage (a fresh read, not the in-memory upload)."""
    with field_file.storage.open(field_file.name, "rb") as handle:
        return handle.read()


def assert_image_clean_everywhere(image) -> None:
    """The stored original and a rendition carry no GPS/EXIF; derived fields match."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(pk=image.pk)
    image.file.open("rb")
    original = image.file.read()
    image.file.close()
    assert original == stored_bytes(image.file)
    assert_clean_picture(original)
    with Image.open(io.BytesIO(original)) as picture:
        assert (image.width, image.height) == picture.size == (20, 40)
    assert image.file_size == len(original)
    assert image.file_hash == hashlib.sha1(original).hexdigest()  # noqa: S324 (Wagtail's choice)

    rendition = image.get_rendition("fill-10x10")
    assert_clean_picture(stored_bytes(rendition.file))


def assert_document_clean_everywhere(document, secrets=PDF_SECRETS) -> bytes:
    from wagtail.documents import get_document_model

    document = get_document_model().objects.get(pk=document.pk)
    document.file.open("rb")
    data = document.file.read()
    document.file.close()
    assert data == stored_bytes(document.file)
    for secret in secrets:
        assert secret not in data, secret
    assert document.file_size == len(data)
    assert document.file_hash == hashlib.sha1(data).hexdigest()  # noqa: S324
    return data


@pytest.fixture
def upload_signals():
    connect_upload_signals()


@pytest.fixture(params=["forms and signals", "signals only"])
def wagtail_uploads(request, settings, upload_signals):
    """The production set-up (form bases + signals), and the signals alone."""
    if request.param == "forms and signals":
        settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "people.uploads.MetadataStrippingImageForm"
        settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "people.uploads.MetadataStrippingDocumentForm"
    return request.param


@pytest.fixture
def staff_client(client, user_factory):
    user = user_factory(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(user)
    return client


@pytest.fixture
def root_collection(db):
    from wagtail.models import Collection

    return Collection.get_first_root_node()


def image_model():
    from wagtail.images import get_image_model

    return get_image_model()


def document_model():
    from wagtail.documents import get_document_model

    return get_document_model()


def test_connecting_twice_adds_no_second_receiver(db):
    connect_upload_signals()
    before = len(pre_save.receivers)
    connect_upload_signals()
    assert len(pre_save.receivers) == before
    assert pre_save.has_listeners(image_model()) and pre_save.has_listeners(document_model())


def test_the_project_uses_the_stripping_forms_and_they_are_looked_up_per_request(settings):
    from wagtail.documents.forms import get_document_form
    from wagtail.images.forms import get_image_form

    assert issubclass(get_image_form(image_model()), MetadataStrippingImageForm)
    assert issubclass(get_document_form(document_model()), MetadataStrippingDocumentForm)
    del settings.WAGTAILIMAGES_IMAGE_FORM_BASE
    assert not issubclass(get_image_form(image_model()), MetadataStrippingImageForm)


# ------------------------------------------------------------- the forms on their own


def test_image_form_cleans_the_file_and_save_does_not_encode_twice(
    settings, user_factory, root_collection, upload_signals, monkeypatch
):
    from wagtail.images.forms import get_image_form

    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "people.uploads.MetadataStrippingImageForm"
    user = user_factory(is_staff=True, is_superuser=True)
    form = get_image_form(image_model())(
        {"title": "t", "collection": root_collection.pk, "tags": ""},
        {"file": upload(GPS_JPEG, "phone.jpg", "image/jpeg")},
        user=user,
    )
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["file"]
    assert isinstance(cleaned, StrippedFile)
    assert_clean_picture(read_stripped(cleaned))

    encodings = []
    real = uploads._reencode_image
    monkeypatch.setattr(uploads, "_reencode_image", lambda data: encodings.append(1) or real(data))
    image = form.save()
    assert encodings == []
    assert_image_clean_everywhere(image)


def test_image_form_shows_the_kind_message_for_a_broken_picture(settings, user_factory, db):
    from wagtail.images.forms import get_image_form

    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "people.uploads.MetadataStrippingImageForm"
    form = get_image_form(image_model())(
        {"title": "t", "tags": ""},
        {"file": upload(GPS_JPEG[:-400], "phone.jpg", "image/jpeg")},
        user=user_factory(is_staff=True, is_superuser=True),
    )
    assert not form.is_valid()
    assert form.errors["file"] == [UNREADABLE]


def test_document_form_refuses_a_disguised_file_and_cleans_a_real_one(
    settings, user_factory, root_collection
):
    from wagtail.documents.forms import get_document_form

    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "people.uploads.MetadataStrippingDocumentForm"
    form_class = get_document_form(document_model())
    user = user_factory(is_staff=True, is_superuser=True)
    data = {"title": "t", "collection": root_collection.pk, "tags": ""}

    fake = form_class(data, {"file": upload(EXE, "invoice.pdf")}, user=user)
    assert not fake.is_valid()
    assert "don't match its .pdf name" in fake.errors["file"][0]

    real = form_class(data, {"file": upload(make_pdf(), "report.pdf")}, user=user)
    assert real.is_valid(), real.errors
    assert_clean_pdf(read_stripped(real.cleaned_data["file"]))


# ------------------------------------------- "A JPEG carrying GPS EXIF comes back from
# ------------------------------------------- every upload path without it"


def test_admin_single_image_upload(wagtail_uploads, staff_client, root_collection):
    response = staff_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "admin single",
            "file": upload(GPS_JPEG, "phone.jpg", "image/jpeg"),
            "collection": root_collection.pk,
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_image_clean_everywhere(image_model().objects.get(title="admin single"))


def test_admin_multiple_image_upload(wagtail_uploads, staff_client, root_collection):
    response = staff_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload(GPS_JPEG, "phone.jpg", "image/jpeg"), "collection": root_collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    payload = json.loads(response.content)
    assert payload["success"] is True, payload
    assert_image_clean_everywhere(image_model().objects.get(pk=payload["image_id"]))


def test_admin_multiple_upload_staging_copy_is_clean_too(
    wagtail_uploads, staff_client, root_collection
):
    """When another field fails, Wagtail parks the raw request file in an UploadedFile
    and later copies it with FieldFile.save(), which no image pre_save can see."""
    from wagtail.models import UploadedFile

    response = staff_client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": upload(GPS_JPEG, "phone.jpg", "image/jpeg"),
            "title": "x" * 300,  # too long: the title fails, the file is fine
            "collection": root_collection.pk,
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    payload = json.loads(response.content)
    assert payload["success"] is True and "uploaded_file_id" in payload, payload
    staged = UploadedFile.objects.get(pk=payload["uploaded_file_id"])
    assert_clean_picture(stored_bytes(staged.file))

    prefix = f"uploaded-image-{staged.pk}"
    response = staff_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[staged.pk]),
        {
            f"{prefix}-title": "from staging",
            f"{prefix}-collection": root_collection.pk,
            f"{prefix}-tags": "",
            f"{prefix}-description": "",
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    payload = json.loads(response.content)
    assert payload["success"] is True, payload
    assert_image_clean_everywhere(image_model().objects.get(pk=payload["image_id"]))


def test_image_chooser_upload(wagtail_uploads, staff_client, root_collection):
    prefix = "image-chooser-upload"
    response = staff_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            f"{prefix}-title": "from chooser",
            f"{prefix}-file": upload(GPS_JPEG, "phone.jpg", "image/jpeg"),
            f"{prefix}-collection": root_collection.pk,
            f"{prefix}-tags": "",
        },
    )
    payload = json.loads(response.content)
    assert payload["step"] == "chosen", payload.get("step")
    image = image_model().objects.get(title="from chooser")
    assert payload["result"]["id"] == str(image.pk)
    assert_image_clean_everywhere(image)


def test_programmatic_image_create(upload_signals, db):
    image = image_model().objects.create(
        title="programmatic", file=ImageFile(io.BytesIO(GPS_JPEG), name="phone.jpg")
    )
    assert_image_clean_everywhere(image)


def test_programmatic_image_create_with_a_damaged_picture_saves_nothing(upload_signals, db):
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 64).convert("RGB").save(buffer, "JPEG", exif=exif_bytes())
    data = buffer.getvalue()
    damaged = data[: len(data) * 3 // 4]  # the header is fine, so Wagtail reads a size
    # (Without width/height Wagtail itself decodes the picture in Image.__init__ and
    # raises OSError; with them given, the file reaches pre_save.)
    with pytest.raises(ValidationError, match="not an image we can read"):
        image_model().objects.create(
            title="broken", file=ImageFile(io.BytesIO(damaged), name="x.jpg"), width=1, height=1
        )
    assert not image_model().objects.exists()


def test_replacing_an_image_file_in_the_edit_view(wagtail_uploads, staff_client, root_collection):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), "white").save(buffer, "PNG")
    image = image_model().objects.create(
        title="to replace", file=ImageFile(io.BytesIO(buffer.getvalue()), name="plain.png")
    )
    old_name = image.file.name

    response = staff_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "replaced",
            "file": upload(GPS_JPEG, "phone.jpg", "image/jpeg"),
            "collection": root_collection.pk,
            "tags": "",
            "description": "",
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert image.title == "replaced" and image.file.name != old_name
    assert not image.file.storage.exists(old_name)
    assert_image_clean_everywhere(image)


# ------------------------------------------------------------------ documents


def test_admin_document_upload(wagtail_uploads, staff_client, root_collection):
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "report",
            "file": upload(make_pdf(), "report.pdf", "application/pdf"),
            "collection": root_collection.pk,
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_clean_pdf(assert_document_clean_everywhere(document_model().objects.get(title="report")))


def test_admin_multiple_document_upload(wagtail_uploads, staff_client, root_collection):
    response = staff_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload(make_docx(), "statement.docx"), "collection": root_collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    payload = json.loads(response.content)
    assert payload["success"] is True, payload
    document = document_model().objects.get(pk=payload["doc_id"])
    assert_clean_package(assert_document_clean_everywhere(document, DOC_SECRETS))


def test_admin_multiple_document_upload_staging_copy_is_clean_too(
    wagtail_uploads, staff_client, root_collection
):
    from wagtail.models import UploadedFile

    response = staff_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": upload(make_docx(), "statement.docx"),
            "title": "x" * 300,
            "collection": root_collection.pk,
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    payload = json.loads(response.content)
    assert "uploaded_file_id" in payload, payload
    staged = UploadedFile.objects.get(pk=payload["uploaded_file_id"])
    assert_clean_package(stored_bytes(staged.file))

    # Turning the staged file into a document is broken upstream (Wagtail 8.0.1) when
    # WAGTAILDOCS_EXTENSIONS is set: AbstractDocument.clean() checks the extension of
    # the still-empty file and reports it on a form that has no "file" field. This
    # pins that behaviour; when it starts passing, assert the document is clean.
    prefix = f"uploaded-document-{staged.pk}"
    with pytest.raises(ValueError, match="has no field named 'file'"):
        staff_client.post(
            reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[staged.pk]),
            {f"{prefix}-title": "doc", f"{prefix}-collection": root_collection.pk},
            headers={"x-requested-with": "XMLHttpRequest"},
        )


def test_document_chooser_upload(wagtail_uploads, staff_client, root_collection):
    prefix = "document-chooser-upload"
    response = staff_client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            f"{prefix}-title": "chosen doc",
            f"{prefix}-file": upload(make_pdf(), "report.pdf", "application/pdf"),
            f"{prefix}-collection": root_collection.pk,
            f"{prefix}-tags": "",
        },
    )
    assert json.loads(response.content)["step"] == "chosen"
    assert_document_clean_everywhere(document_model().objects.get(title="chosen doc"))


def test_admin_document_upload_refuses_a_disguised_file(staff_client, root_collection, settings):
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "people.uploads.MetadataStrippingDocumentForm"
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "fake",
            "file": upload(HTML, "invoice.pdf", "application/pdf"),
            "collection": root_collection.pk,
            "tags": "",
        },
    )
    assert response.status_code == 200
    assert "match its .pdf name" in response.content.decode()
    assert not document_model().objects.exists()


def test_programmatic_document_create(upload_signals, db):
    document = document_model().objects.create(
        title="programmatic", file=ContentFile(make_pdf(), name="report.pdf")
    )
    assert_document_clean_everywhere(document)

    with pytest.raises(ValidationError, match="Only PDF"):
        document_model().objects.create(title="tool", file=ContentFile(EXE, name="tool.exe"))
