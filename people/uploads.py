"""Remove hidden metadata from every picture and document people upload.

Why this exists: a phone photo carries far more than its pixels. EXIF holds the GPS
position where it was taken, the time, the camera make, model and serial number and
sometimes the owner's name; XMP and IPTC blocks carry authors, places and editing
history; ICC profiles and comments name devices and software. Office and PDF files
carry the author's and last editor's names, their organisation, template paths with
user names, reviewers' names on comments and tracked changes, and pictures pasted in
with their EXIF intact. On a platform for survivors of human trafficking any of these
can lead someone to a person or a shelter, so originals with metadata are never kept:
files are rewritten *before* they reach storage and only the clean copy is stored.
(Wagtail's renditions are made from the stored original, and Willow copies the
original's EXIF and ICC profile into every JPEG/WebP rendition, so a dirty original
would leak through every published thumbnail too.)

Public API
----------
* :func:`strip_image_metadata` -- re-encode a picture from its pixels only.
* :func:`validate_document` -- allowlist a document by extension *and* content.
* :func:`strip_document_metadata` -- rewrite a PDF / OOXML / ODF file without its
  metadata; text and CSV pass through (after a UTF-8 check).
* :class:`MetadataStrippingImageForm`, :class:`MetadataStrippingDocumentForm` -- Wagtail
  admin form bases (``WAGTAILIMAGES_IMAGE_FORM_BASE`` / ``WAGTAILDOCS_DOCUMENT_FORM_BASE``).
* :func:`connect_upload_signals` -- ``pre_save`` receivers (defence in depth for
  programmatic saves and for Wagtail's multiple-upload staging model).

Everything returns a :class:`StrippedFile` (a ``ContentFile``) marked as already clean,
so that the form and the ``pre_save`` receiver never re-encode a JPEG twice.

Import this module only once apps are ready (for example inside ``AppConfig.ready``):
it subclasses Wagtail's admin forms.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.utils.file import hash_filelike

try:  # Pillow is normally built with LittleCMS; without it colours are not converted.
    from PIL import ImageCms
except ImportError:  # pragma: no cover
    ImageCms = None

# Wagtail's Willow imports this too; importing it here makes HEIC readable even when
# Willow has not been imported yet. It is optional: without it HEIC is simply refused.
with contextlib.suppress(ImportError):
    importlib.import_module("pillow_heif.HeifImagePlugin")

__all__ = [
    "MetadataStrippingDocumentForm",
    "MetadataStrippingImageForm",
    "StrippedFile",
    "connect_upload_signals",
    "strip_document_metadata",
    "strip_image_metadata",
    "validate_document",
]

logger = logging.getLogger(__name__)

MB = 1024 * 1024
DEFAULT_MAX_UPLOAD_BYTES = 10 * MB

# Zip containers (docx, xlsx, pptx, odt): limits against zip bombs.
MAX_UNZIPPED_BYTES = 100 * MB
MAX_ZIP_ENTRIES = 10_000
MAX_NESTED_PACKAGES = 2  # a chart's workbook inside a presentation inside a document

# Animated pictures: every frame is held in memory while re-encoding.
MAX_ANIMATION_FRAMES = 1_000

SUPPORTED_DOCUMENT_EXTENSIONS = ("pdf", "docx", "odt", "txt", "csv", "xlsx", "pptx")

_DOCUMENT_TYPE_LABELS = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "odt": "OpenDocument text (.odt)",
    "txt": "text",
    "csv": "CSV",
    "xlsx": "Excel (.xlsx)",
    "pptx": "PowerPoint (.pptx)",
}

# --------------------------------------------------------------------------- messages


def _image_unreadable_error() -> ValidationError:
    return ValidationError(
        _("This file is not an image we can read. Please upload a JPEG, PNG, GIF or WebP picture."),
        code="invalid_image",
    )


def _format_megabytes(num_bytes: int) -> str:
    return f"{num_bytes / MB:.1f}".removesuffix(".0")


def _too_big_error(max_bytes: int, *, picture: bool = False) -> ValidationError:
    if picture:
        message = _("This picture is too big. Pictures can be at most %(size)s MB.")
    else:
        message = _("This file is too big. Files can be at most %(size)s MB.")
    return ValidationError(message % {"size": _format_megabytes(max_bytes)}, code="file_too_large")


def _join_labels(labels: list[str]) -> str:
    if len(labels) < 2:
        return "".join(labels)
    return _("%(list)s and %(last)s") % {"list": ", ".join(labels[:-1]), "last": labels[-1]}


def _allowed_types_message(allowed: Iterable[str]) -> str:
    labels = [_DOCUMENT_TYPE_LABELS[ext] for ext in allowed]
    return _("Only %(types)s files can be uploaded.") % {"types": _join_labels(labels)}


def _wrong_type_error(allowed: Iterable[str]) -> ValidationError:
    return ValidationError(_allowed_types_message(allowed), code="invalid_document_type")


def _mismatch_error(extension: str, allowed: Iterable[str]) -> ValidationError:
    return ValidationError(
        _("This file's contents don't match its .%(extension)s name, so it can't be uploaded.")
        % {"extension": extension}
        + " "
        + _allowed_types_message(allowed),
        code="document_content_mismatch",
    )


def _pdf_encrypted_error() -> ValidationError:
    return ValidationError(
        _("Password-protected PDFs can't be uploaded. Please remove the password and try again."),
        code="pdf_encrypted",
    )


def _pdf_damaged_error() -> ValidationError:
    return ValidationError(
        _(
            "This PDF seems to be damaged, so we can't check it for hidden information. "
            "Please save it again (for example with “Print to PDF”) and upload the new copy."
        ),
        code="pdf_damaged",
    )


def _legacy_office_error() -> ValidationError:
    return ValidationError(
        _(
            "This looks like an older Office file or one protected with a password. "
            "Please save it as .docx, .xlsx or .pptx without a password and try again."
        ),
        code="legacy_or_encrypted_office_file",
    )


def _document_encrypted_error() -> ValidationError:
    return ValidationError(
        _(
            "Password-protected documents can't be uploaded. "
            "Please remove the password and try again."
        ),
        code="document_encrypted",
    )


def _macros_error() -> ValidationError:
    return ValidationError(
        _(
            "Files with macros can't be uploaded. "
            "Please save it as a regular .docx, .xlsx or .pptx file and try again."
        ),
        code="document_has_macros",
    )


def _unsafe_archive_error() -> ValidationError:
    return ValidationError(
        _("This file is damaged or unsafe to open, so it can't be uploaded."),
        code="unsafe_archive",
    )


def _not_utf8_error() -> ValidationError:
    return ValidationError(
        _(
            "This text file isn't saved as UTF-8. "
            "Please save it as UTF-8 (Unicode) text and upload it again."
        ),
        code="text_not_utf8",
    )


def _unclean_output_error() -> ValidationError:
    return ValidationError(
        _("We couldn't remove the hidden information from this file, so it wasn't uploaded."),
        code="metadata_not_removed",
    )


# --------------------------------------------------------------------------- the result


class StrippedFile(ContentFile):
    """A ``ContentFile`` whose content has already been cleaned by this module.

    ``kind`` is ``"image"`` or ``"document"``; images also carry ``image_size``
    (width, height) and ``image_format`` (the Pillow format written).
    """

    metadata_stripped = True

    def __init__(
        self,
        content: bytes,
        name: str,
        *,
        kind: str,
        image_size: tuple[int, int] | None = None,
        image_format: str | None = None,
    ) -> None:
        super().__init__(content, name=name)
        self.kind = kind
        self.image_size = image_size
        self.image_format = image_format


def _read_bytes(file, limit: int | None, too_big: Callable[[], ValidationError]) -> bytes:
    """Read a Django File / UploadedFile / file-like from the start, at most ``limit`` bytes."""
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if getattr(file, "closed", False) and hasattr(file, "open"):
            file.open("rb")
        with contextlib.suppress(AttributeError, OSError, ValueError):
            file.seek(0)
        data = file.read() if limit is None else file.read(limit + 1)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            file.seek(0)
        if isinstance(data, str):
            data = data.encode("utf-8")
    if limit is not None and len(data) > limit:
        raise too_big()
    return data


def _basename(name: str | None) -> str:
    return os.path.basename((name or "").replace("\\", "/"))


# =========================================================================== pictures

# Pillow format -> (output format, preferred extension, equivalent extensions)
_IMAGE_OUTPUT = {
    "JPEG": "JPEG",
    "MPO": "JPEG",  # multi-picture JPEG from phones: only the main picture is kept
    "PNG": "PNG",
    "GIF": "GIF",
    "WEBP": "WEBP",
    "HEIF": "JPEG",  # HEIC / HEIF: converted (PNG when it has transparency)
    "AVIF": "JPEG",
}
_IMAGE_EXTENSIONS = {
    "JPEG": ("jpg", {"jpg", "jpeg", "jpe"}),
    "PNG": ("png", {"png"}),
    "GIF": ("gif", {"gif"}),
    "WEBP": ("webp", {"webp"}),
}
_ANIMATABLE = {"GIF", "PNG", "WEBP"}
_PNG_SAVE_MODES = {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"}
# The only Image.info entry carried over to the new picture: it is pixel data
# (which palette entry / colour is transparent), not metadata.
_PIXEL_INFO_KEYS = ("transparency",)
_READ_ERRORS = (
    OSError,  # includes UnidentifiedImageError and "image file is truncated"
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
    zlib.error,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,  # only raised when warnings are turned into errors
)

_ORIENTATION_TRANSPOSE = {  # the same table as PIL.ImageOps.exif_transpose
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _open_formats() -> list[str]:
    Image.init()
    return [fmt for fmt in ("JPEG", "PNG", "GIF", "WEBP", "AVIF", "HEIF") if fmt in Image.OPEN]


def _max_image_bytes() -> int | None:
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_BYTES)


def strip_image_metadata(file) -> StrippedFile:
    """Return a copy of a picture re-encoded from its pixels only.

    ``file`` is a Django ``File`` / ``UploadedFile`` or any binary file-like object
    (its ``name`` supplies the file name). The picture is decoded with Pillow, turned
    upright according to its EXIF orientation (the tag itself is then gone), converted
    to sRGB when it carries an ICC profile, and written again as a brand-new image of
    the same format: JPEG (quality 90), PNG (optimised), GIF (every frame, with its
    duration) or WebP (every frame). HEIC/HEIF and AVIF become JPEG (PNG when they
    have transparency) and multi-picture JPEGs keep only their main picture. Nothing
    else is written: no EXIF (so no GPS), XMP, IPTC, ICC profile, comment or PNG text
    chunk. The result is checked again before it is returned.

    The stem of the file name is kept (Wagtail shows it); the extension is normalised
    to the format written. Modes are kept where the format allows (an RGBA PNG stays
    RGBA); CMYK becomes RGB.

    Pillow's ``Image.MAX_IMAGE_PIXELS`` is the limit for the picture (all frames
    together) and ``WAGTAILIMAGES_MAX_UPLOAD_SIZE`` for the file.

    Raises ``ValidationError`` with a message meant for the person uploading when
    the file is not a picture we can read, is damaged or is too large.

    Calling it on its own result returns that result unchanged.
    """
    if isinstance(file, StrippedFile) and file.kind == "image":
        return file

    limit = _max_image_bytes()
    data = _read_bytes(file, limit, lambda: _too_big_error(limit, picture=True))
    try:
        output, out_format, size = _reencode_image(data)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels_error() from exc
    except _READ_ERRORS as exc:
        raise _image_unreadable_error() from exc

    problems = _image_metadata_left(output, out_format)
    if problems:  # a Pillow change or a bug here; never store the file
        logger.error("Image metadata survived re-encoding (%s): %s", out_format, problems)
        raise _unclean_output_error()

    name = _image_output_name(getattr(file, "name", None), out_format)
    return StrippedFile(output, name, kind="image", image_size=size, image_format=out_format)


def _image_output_name(original: str | None, out_format: str) -> str:
    stem, ext = os.path.splitext(_basename(original))
    preferred, equivalents = _IMAGE_EXTENSIONS[out_format]
    ext = ext.lower().lstrip(".")
    return f"{stem or 'image'}.{ext if ext in equivalents else preferred}"


def _too_many_pixels_error() -> ValidationError:
    millions = Image.MAX_IMAGE_PIXELS // 1_000_000 if Image.MAX_IMAGE_PIXELS else 0
    return ValidationError(
        _(
            "This picture is too large to process (more than %(millions)s million pixels). "
            "Please make it smaller and upload it again."
        )
        % {"millions": millions},
        code="file_too_many_pixels",
    )


def _reencode_image(data: bytes) -> tuple[bytes, str, tuple[int, int]]:
    try:
        source = Image.open(io.BytesIO(data), formats=_open_formats())
    except UnidentifiedImageError as exc:
        raise _image_unreadable_error() from exc
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels_error() from exc

    with source:
        in_format = source.format
        if in_format not in _IMAGE_OUTPUT:
            raise _image_unreadable_error()
        out_format = _IMAGE_OUTPUT[in_format]
        animated = in_format in _ANIMATABLE and getattr(source, "n_frames", 1) > 1
        frame_count = source.n_frames if animated else 1
        width, height = source.size
        if frame_count > MAX_ANIMATION_FRAMES or (
            Image.MAX_IMAGE_PIXELS and width * height * frame_count > Image.MAX_IMAGE_PIXELS
        ):
            raise _too_many_pixels_error()

        orientation = source.getexif().get(ExifTags.Base.Orientation, 1)
        icc_profile = source.info.get("icc_profile")
        loop = source.info.get("loop")
        lossless_webp = in_format == "WEBP" and _webp_is_lossless(data)

        if animated:
            frames, durations = [], []
            for index in range(frame_count):
                source.seek(index)
                frames.append(source.copy())  # copy() decodes the frame
                durations.append(source.info.get("duration", 0))
            transpose = _ORIENTATION_TRANSPOSE.get(orientation)
            if transpose is not None:  # exif_transpose would only turn the current frame
                frames = [frame.transpose(transpose) for frame in frames]
        else:
            frames, durations = [ImageOps.exif_transpose(source)], []

    frames = [_pixels_only(_to_srgb(frame, icc_profile)) for frame in frames]
    if out_format == "JPEG" and in_format in {"HEIF", "AVIF"} and frames[0].has_transparency_data:
        out_format = "PNG"

    buffer = io.BytesIO()
    first, rest = frames[0], frames[1:]
    if out_format == "JPEG":
        first = _for_jpeg(first)
        first.save(buffer, "JPEG", quality=90, optimize=True)
    elif out_format == "PNG":
        frames = [
            f if f.mode in _PNG_SAVE_MODES else _pixels_only(f.convert("RGBA")) for f in frames
        ]
        first, rest = frames[0], frames[1:]
        options = {"optimize": True}
        if rest:
            options.update(save_all=True, append_images=rest, duration=durations)
            options["loop"] = loop if loop is not None else 0
        first.save(buffer, "PNG", **options)
    elif out_format == "GIF":
        options = {}
        if rest:
            # Pillow hands back composited full frames, so each frame replaces the last.
            options.update(save_all=True, append_images=rest, duration=durations, disposal=2)
            if loop is not None:
                options["loop"] = loop
        first.save(buffer, "GIF", **options)
    else:  # WEBP
        options = {"lossless": True} if lossless_webp else {"quality": 90}
        if rest:
            options.update(save_all=True, append_images=rest, duration=durations)
            options["loop"] = loop if loop is not None else 0
        first.save(buffer, "WEBP", **options)
    return buffer.getvalue(), out_format, first.size


def _pixels_only(image: Image.Image) -> Image.Image:
    """Forget everything Pillow read besides pixels (the writers fall back to
    ``Image.info`` for ICC profiles, comments and more)."""
    kept = {key: image.info[key] for key in _PIXEL_INFO_KEYS if key in image.info}
    image.info.clear()
    image.info.update(kept)
    if hasattr(image, "encoderinfo"):
        image.encoderinfo = {}
    image._exif = None  # a cached Exif object would otherwise survive
    return image


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Convert colours described by an embedded ICC profile (say, Display P3 from a
    phone, or a CMYK press profile) to sRGB, so dropping the profile keeps the look."""
    if image.mode == "CMYK" or (icc_profile and image.mode in ("RGB", "RGBA")):
        out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        if icc_profile and ImageCms is not None:
            with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError, TypeError):
                source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
                return ImageCms.profileToProfile(
                    image, source_profile, ImageCms.createProfile("sRGB"), outputMode=out_mode
                )
        if image.mode == "CMYK":
            return image.convert("RGB")
    return image


def _for_jpeg(image: Image.Image) -> Image.Image:
    if image.mode in ("L", "RGB"):
        return image
    if image.mode in ("I;16", "I", "F"):
        return _pixels_only(image.convert("L"))
    return _pixels_only(image.convert("RGB"))


def _webp_is_lossless(data: bytes) -> bool:
    for fourcc, payload in _riff_chunks(data):
        if fourcc in (b"VP8 ", b"VP8L"):
            return fourcc == b"VP8L"
        if fourcc == b"ANMF":
            return b"VP8L" in payload[16:24]
    return False


# ------------------------------------------------------- checking what was written


def _image_metadata_left(data: bytes, image_format: str) -> list[str]:
    """What, if anything, besides pixels is in an encoded picture."""
    problems: list[str] = []
    try:
        if image_format == "JPEG":
            if _clean_jpeg(data) != data:
                problems.append("JPEG metadata segments")
        elif image_format == "PNG":
            if _clean_png(data) != data:
                problems.append("PNG metadata chunks")
        elif image_format == "WEBP":
            allowed = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"}
            problems += [f"WebP chunk {c!r}" for c, _p in _riff_chunks(data) if c not in allowed]
        elif image_format == "GIF":
            problems += _gif_extra_blocks(data)
    except ValueError as exc:
        problems.append(str(exc))
    with Image.open(io.BytesIO(data)) as check:
        if check.getexif():
            problems.append("EXIF")
        leftover = {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop"}
        problems += sorted(leftover & set(check.info))
    return problems


def _riff_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP file")
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        fourcc = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        chunks.append((fourcc, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size & 1)
    return chunks


def _gif_extra_blocks(data: bytes) -> list[str]:
    """Extension blocks in a GIF other than frame timing and the looping block."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise ValueError("not a GIF file")

    def skip_sub_blocks(pos: int) -> int:
        while pos < len(data):
            size = data[pos]
            pos += 1 + size
            if size == 0:
                break
        return pos

    found: list[str] = []
    flags, pos = data[10], 13
    if flags & 0x80:
        pos += 3 * (2 << (flags & 7))
    while pos < len(data):
        block = data[pos]
        pos += 1
        if block == 0x3B:  # trailer
            if data[pos:]:
                found.append("data after the end of the GIF")
            break
        if block == 0x21:
            label = data[pos] if pos < len(data) else 0
            size = data[pos + 1] if pos + 1 < len(data) else 0
            app_id = data[pos + 2 : pos + 2 + size]
            if not (
                label == 0xF9 or (label == 0xFF and app_id in (b"NETSCAPE2.0", b"ANIMEXTS1.0"))
            ):
                found.append(f"GIF extension 0x{label:02X}")
            pos = skip_sub_blocks(pos + 1)
        elif block == 0x2C:
            flags = data[pos + 8] if pos + 8 < len(data) else 0
            pos += 9
            if flags & 0x80:
                pos += 3 * (2 << (flags & 7))
            pos = skip_sub_blocks(pos + 1)  # skip the LZW code size, then the data
        else:
            found.append("unknown GIF block")
            break
    return found


# ------------------------------------------ lossless clean-up of embedded pictures
# Pictures inside PDFs and Office files are cleaned without re-encoding, so the
# document still looks exactly the same.

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEPT_CHUNKS = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB",
    b"sBIT", b"bKGD", b"pHYs", b"hIST", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip


def _clean_png(data: bytes) -> bytes:
    """Keep only the chunks that describe pixels; stop at IEND (drops text, eXIf,
    iCCP, tIME, C2PA and private chunks, and anything appended after the image)."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    out, pos = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    while True:
        if pos + 12 > len(data):
            raise ValueError("truncated PNG")
        length = int.from_bytes(data[pos : pos + 4], "big")
        chunk_type = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ValueError("truncated PNG")
        if chunk_type in _PNG_KEPT_CHUNKS:
            out.append(data[pos:end])
        pos = end
        if chunk_type == b"IEND":
            return b"".join(out)


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


def _kept_jpeg_segment(marker: int, payload: bytes) -> bytes | None:
    if marker == 0xE0:  # APP0: keep JFIF density, drop its thumbnail (and JFXX)
        if payload.startswith(b"JFIF\x00") and len(payload) >= 14:
            return _jpeg_segment(marker, payload[:12] + b"\x00\x00")
        return None
    if marker == 0xEE:  # APP14 "Adobe": says how to read the colours
        return _jpeg_segment(marker, payload) if payload.startswith(b"Adobe") else None
    if 0xE1 <= marker <= 0xEF or marker == 0xFE:  # EXIF, XMP, ICC, MPF, IPTC, C2PA, COM...
        return None
    return _jpeg_segment(marker, payload)


def _exif_orientation(app1_payload: bytes) -> int | None:
    exif = Image.Exif()
    try:
        exif.load(app1_payload)
    except _READ_ERRORS:
        return None
    value = exif.get(ExifTags.Base.Orientation)
    return value if value in _ORIENTATION_TRANSPOSE else None


def _clean_jpeg(data: bytes, *, keep_orientation: bool = False) -> bytes:
    """Drop every APPn segment except JFIF (APP0) and Adobe (APP14), every comment,
    and anything after the end of the image (phones append second pictures with
    their own EXIF there). The compressed pixels are copied untouched. With
    ``keep_orientation`` a minimal EXIF block holding only the orientation is kept,
    so a picture inside a document is not turned sideways."""
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG file")
    size = len(data)
    parts: list[bytes] = []
    orientation = None
    pos = 2
    while True:
        if pos >= size or data[pos] != 0xFF:
            raise ValueError("damaged JPEG")
        while pos < size and data[pos] == 0xFF:
            pos += 1
        if pos >= size:
            raise ValueError("damaged JPEG")
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # end of image
            parts.append(b"\xff\xd9")
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            parts.append(bytes((0xFF, marker)))
            continue
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > size:
            raise ValueError("damaged JPEG")
        payload = data[pos + 2 : pos + length]
        pos += length
        if keep_orientation and marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            orientation = orientation or _exif_orientation(payload)
        kept = _kept_jpeg_segment(marker, payload)
        if kept is not None:
            parts.append(kept)
        if marker == 0xDA:  # start of scan: compressed data up to the next real marker
            start = pos
            while True:
                found = data.find(b"\xff", pos)
                if found == -1 or found + 1 >= size:  # no end marker: close the file
                    parts += [data[start:], b"\xff\xd9"]
                    return _assemble_jpeg(parts, orientation)
                following = data[found + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    pos = found + 2
                elif following == 0xFF:
                    pos = found + 1
                else:
                    break
            parts.append(data[start:found])
            pos = found
    return _assemble_jpeg(parts, orientation)


def _assemble_jpeg(parts: list[bytes], orientation: int | None) -> bytes:
    if orientation and orientation != 1:
        exif = Image.Exif()
        exif[ExifTags.Base.Orientation] = orientation
        at = 1 if parts and parts[0].startswith(b"\xff\xe0") else 0
        parts.insert(at, _jpeg_segment(0xE1, exif.tobytes()))
    return b"\xff\xd8" + b"".join(parts)


def _clean_embedded_picture(data: bytes, *, keep_orientation: bool) -> bytes:
    """Clean a JPEG or PNG found inside a document; other content is returned as is."""
    if data.startswith(b"\xff\xd8\xff"):
        return _clean_jpeg(data, keep_orientation=keep_orientation)
    if data.startswith(_PNG_SIGNATURE):
        return _clean_png(data)
    return data


# =========================================================================== documents


def _allowed_document_extensions() -> list[str]:
    configured = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    if not configured:
        return list(SUPPORTED_DOCUMENT_EXTENSIONS)
    # Only types this module knows how to clean can be allowed (fail closed).
    configured = [ext.lower().lstrip(".") for ext in configured]
    return [ext for ext in dict.fromkeys(configured) if ext in SUPPORTED_DOCUMENT_EXTENSIONS]


def _document_extension(filename: str) -> str:
    return os.path.splitext(_basename(filename))[1].lower().lstrip(".")


_OOXML_MAIN_TYPES = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
_ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls and encrypted OOXML
_UNSET = object()


def validate_document(file, *, filename: str, max_bytes=_UNSET) -> str:
    """Check a document upload; return its (lower-case) extension.

    * The extension must be in ``settings.WAGTAILDOCS_EXTENSIONS`` (all of this
      module's supported types when unset): pdf, docx, odt, txt, csv, xlsx, pptx.
    * The content must match: ``%PDF-`` for PDFs; a zip with ``[Content_Types].xml``
      naming a Word / Excel / PowerPoint main part for docx / xlsx / pptx (no macros);
      a zip with the OpenDocument text ``mimetype`` and ``content.xml`` for odt; UTF-8
      for txt and csv. Zips must be safe to open: no absolute or ``..`` paths, no
      duplicate or encrypted entries, at most ``MAX_UNZIPPED_BYTES`` unpacked.
    * The size must be at most ``max_bytes`` (default
      ``settings.WAGTAILDOCS_MAX_UPLOAD_SIZE``, 10 MB when unset; ``None``: no limit).

    Raises ``ValidationError`` with a message meant for the person uploading.
    """
    if max_bytes is _UNSET:
        max_bytes = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_BYTES)
    allowed = _allowed_document_extensions()
    extension = _document_extension(filename)
    if extension not in allowed:
        raise _wrong_type_error(allowed)
    data = _read_bytes(file, max_bytes, lambda: _too_big_error(max_bytes))
    _check_document_content(data, extension, allowed)
    return extension


def _check_document_content(data: bytes, extension: str, allowed: list[str]) -> None:
    if extension == "pdf":
        if not data.startswith(b"%PDF-"):
            raise _mismatch_error(extension, allowed)
    elif extension in _OOXML_MAIN_TYPES or extension in _ODF_MIMETYPES:
        if data.startswith(_CFB_MAGIC):
            raise _legacy_office_error()
        if not data.startswith(b"PK\x03\x04"):
            raise _mismatch_error(extension, allowed)
        with _open_zip(data) as archive:
            _safe_entries(archive)
            if extension in _OOXML_MAIN_TYPES:
                _check_ooxml_structure(archive, extension, allowed)
            else:
                _check_odf_structure(archive, extension, allowed)
    else:  # txt, csv
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _not_utf8_error() from exc


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _unsafe_archive_error() from exc


def _safe_entries(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Refuse zip bombs, path tricks and anything we could not rewrite faithfully."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise _unsafe_archive_error()
    names: set[str] = set()
    total = 0
    for entry in entries:
        name = entry.filename
        parts = name.split("/")
        if (
            not name
            or name.startswith("/")
            or "\\" in name
            or "\x00" in name
            or ".." in parts
            or re.match(r"^[A-Za-z]:", name)
            or name in names
            or entry.flag_bits & 0x1  # encrypted entry
            or entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        ):
            raise _unsafe_archive_error()
        names.add(name)
        total += entry.file_size
        if total > MAX_UNZIPPED_BYTES:
            raise _unsafe_archive_error()
    return entries


def _read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    try:
        # zipfile never returns more than the declared size and checks the CRC.
        return archive.read(entry)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise _unsafe_archive_error() from exc


def _check_ooxml_structure(archive: zipfile.ZipFile, extension: str, allowed: list[str]) -> None:
    try:
        content_types = _read_entry(archive, archive.getinfo("[Content_Types].xml"))
    except KeyError as exc:
        raise _mismatch_error(extension, allowed) from exc
    if b"macroEnabled" in content_types or any(
        name.lower().endswith("vbaproject.bin") for name in archive.namelist()
    ):
        raise _macros_error()
    if _OOXML_MAIN_TYPES[extension] not in content_types:
        raise _mismatch_error(extension, allowed)


def _check_odf_structure(archive: zipfile.ZipFile, extension: str, allowed: list[str]) -> None:
    names = set(archive.namelist())
    if not {"mimetype", "content.xml"} <= names:
        raise _mismatch_error(extension, allowed)
    if _read_entry(archive, archive.getinfo("mimetype")).strip() != _ODF_MIMETYPES[extension]:
        raise _mismatch_error(extension, allowed)
    if "META-INF/manifest.xml" in names:
        manifest = _read_entry(archive, archive.getinfo("META-INF/manifest.xml"))
        if b"encryption-data" in manifest:
            raise _document_encrypted_error()


def strip_document_metadata(file, *, filename: str) -> StrippedFile:
    """Return a copy of a document without its hidden metadata.

    The upload is first checked with :func:`validate_document` (so this never works
    on anything outside the allowlist), then:

    * **PDF** -- rewritten with pypdf: no ``/Info`` dictionary, no XMP ``/Metadata``
      stream anywhere, no ``/PieceInfo``, no embedded files or file attachments, no
      names/dates on comments, no trailer ``/ID``; EXIF/XMP removed from embedded
      JPEG pictures; earlier revisions (incremental saves) are not carried over.
      Password-protected PDFs are refused.
    * **docx / xlsx / pptx** -- the zip is rebuilt: ``docProps/core.xml`` and
      ``docProps/app.xml`` are replaced by empty ones, ``docProps/custom.xml`` is
      dropped (with its references), reviewers' names are removed from comments and
      tracked changes, pasted JPEG/PNG pictures lose their EXIF (keeping only the
      orientation), embedded Office files (chart data) are cleaned the same way, and
      every entry gets the same neutral timestamp.
    * **odt** -- likewise: every ``meta.xml`` replaced by an empty one, annotation and
      change authors and printer names removed, pictures cleaned, ``mimetype`` first.
    * **txt / csv** -- passed through unchanged (they must be UTF-8).

    The file name is kept. Raises ``ValidationError`` with a message meant for the
    person uploading. Calling it on its own result returns that result unchanged.
    """
    if isinstance(file, StrippedFile) and file.kind == "document":
        return file
    extension = validate_document(file, filename=filename)
    data = _read_bytes(file, None, lambda: _unsafe_archive_error())
    if extension == "pdf":
        data = _strip_pdf(data)
    elif extension in _OOXML_MAIN_TYPES:
        data = _rewrite_package(data, odf=False, depth=0)
    elif extension in _ODF_MIMETYPES:
        data = _rewrite_package(data, odf=True, depth=0)
    return StrippedFile(data, _basename(filename) or f"document.{extension}", kind="document")


# --------------------------------------------------------------------------- PDF

_PDF_CATALOG_KEPT = {
    "/Type", "/Version", "/Pages", "/PageLabels", "/Names", "/Dests", "/ViewerPreferences",
    "/PageLayout", "/PageMode", "/Outlines", "/Lang", "/MarkInfo", "/StructTreeRoot",
    "/AcroForm", "/OCProperties", "/OutputIntents",
}  # fmt: skip
# Anywhere in the file: XMP streams, application private data, modification dates,
# embedded files (/EF of a file specification) and associated files.
_PDF_DROPPED_KEYS = ("/Metadata", "/PieceInfo", "/LastModified", "/EF", "/AF")
_PDF_MARKUP_ANNOTATIONS = {
    "/Text", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine",
    "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Caret", "/Ink", "/Stamp",
    "/Sound", "/Redact", "/Popup", "/FileAttachment",
}  # fmt: skip
_PDF_ERRORS = (
    PyPdfError,
    OSError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    RecursionError,
    struct.error,
    zlib.error,
)


def _strip_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except _PDF_ERRORS as exc:
        raise _pdf_damaged_error() from exc
    if encrypted:
        raise _pdf_encrypted_error()
    try:
        writer = PdfWriter(clone_from=reader)
        _scrub_pdf_catalog(writer.root_object)
        for obj in list(writer._objects):
            if obj is not None:
                _scrub_pdf_object(obj)
        writer.metadata = None  # no /Info dictionary at all
        writer._ID = None  # the original file identifier would link the copies
        _drop_unreachable_pdf_objects(writer)
        output = io.BytesIO()
        writer.write(output)
    except ValidationError:
        raise
    except _PDF_ERRORS as exc:
        raise _pdf_damaged_error() from exc
    return output.getvalue()


def _scrub_pdf_catalog(catalog: DictionaryObject) -> None:
    for key in list(catalog.keys()):
        if key not in _PDF_CATALOG_KEPT:
            del catalog[key]  # /Metadata, /OpenAction, /AA, /Collection, /Perms, ...
    names = _pdf_get(catalog, "/Names")
    if isinstance(names, DictionaryObject):
        for key in list(names.keys()):
            if key != "/Dests":  # drops /EmbeddedFiles, /JavaScript, ...
                del names[key]
    form = _pdf_get(catalog, "/AcroForm")
    if isinstance(form, DictionaryObject) and "/XFA" in form:
        del form["/XFA"]


def _scrub_pdf_object(obj) -> None:
    stack = [obj]
    while stack:
        current = stack.pop()
        if isinstance(current, DictionaryObject):
            _scrub_pdf_dictionary(current)
            stack.extend(v for v in dict.values(current) if not isinstance(v, IndirectObject))
        elif isinstance(current, ArrayObject):
            stack.extend(v for v in list.__iter__(current) if not isinstance(v, IndirectObject))


def _scrub_pdf_dictionary(obj: DictionaryObject) -> None:
    for key in _PDF_DROPPED_KEYS:
        if key in obj:
            del obj[key]
    subtype = _pdf_get(obj, "/Subtype")
    if isinstance(obj, StreamObject):
        if _pdf_get(obj, "/Type") == "/Metadata" or subtype == "/XML":
            obj._data = b""
        elif subtype == "/Image" and _is_plain_dct(_pdf_get(obj, "/Filter")):
            try:
                obj._data = _clean_jpeg(obj._data)
            except ValueError:
                logger.info("Left a damaged JPEG inside a PDF unchanged")
    if subtype in _PDF_MARKUP_ANNOTATIONS:
        for key in ("/T", "/M", "/CreationDate"):  # author, modified, created
            if key in obj:
                del obj[key]
    annotations = _pdf_get(obj, "/Annots")
    if isinstance(annotations, ArrayObject):
        kept = [
            ref for ref in list.__iter__(annotations) if not _is_file_attachment(_pdf_resolve(ref))
        ]
        if len(kept) != len(annotations):
            annotations[:] = kept


def _pdf_resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _pdf_get(obj: DictionaryObject, key: str):
    """``obj.get(key)`` with an indirect reference followed (pypdf's ``get`` does not)."""
    return _pdf_resolve(dict.get(obj, key))


def _is_file_attachment(annotation) -> bool:
    return (
        isinstance(annotation, DictionaryObject)
        and _pdf_get(annotation, "/Subtype") == "/FileAttachment"
    )


def _is_plain_dct(filters) -> bool:
    if isinstance(filters, ArrayObject):
        return len(filters) == 1 and filters[0] == NameObject("/DCTDecode")
    return filters == NameObject("/DCTDecode")


def _drop_unreachable_pdf_objects(writer: PdfWriter) -> None:
    """Remove objects nothing points to any more (the XMP streams, embedded files,
    old document information...) -- pypdf would otherwise still write them."""
    objects = writer._objects
    reachable: set[int] = set()
    pending = [writer.root_object.indirect_reference.idnum]
    while pending:
        idnum = pending.pop()
        if idnum in reachable or not 0 < idnum <= len(objects):
            continue
        reachable.add(idnum)
        stack = [objects[idnum - 1]]
        while stack:
            current = stack.pop()
            if isinstance(current, IndirectObject):
                if current.idnum not in reachable:
                    pending.append(current.idnum)
            elif isinstance(current, DictionaryObject):
                stack.extend(dict.values(current))
            elif isinstance(current, ArrayObject):
                stack.extend(list.__iter__(current))
    for index in range(len(objects)):
        if index + 1 not in reachable:
            objects[index] = None


# ------------------------------------------------------------------ Office and ODF

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_EMPTY_CORE_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_EMPTY_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"/>'
)
_EMPTY_ODF_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="%s"><office:meta/></office:document-meta>'
)
_OOXML_DROPPED = {"docProps/custom.xml"}

# Attributes naming people: w:author / w:initials on comments and tracked changes,
# w15:userId / w15:providerId (e-mail addresses) in people.xml, and the same names in
# Excel's persons and PowerPoint's authors. "authorId" and the like do not match.
_PERSON_ATTRIBUTES = re.compile(
    rb"(\s(?:[A-Za-z_][\w.-]*:)?(?:author|initials|userId|providerId)\s*=\s*)"
    rb"(?:\"[^\"]*\"|'[^']*')"
)
_NAME_ATTRIBUTES = re.compile(rb"(\s(?:name|displayName|initials)\s*=\s*)(?:\"[^\"]*\"|'[^']*')")
# Elements naming people: Excel comment authors, Dublin Core creators (ODF comments
# and tracked changes), ODF initials.
_PERSON_ELEMENTS = re.compile(
    rb"<((?:dc:creator|cp:lastModifiedBy|meta:creator-initials|meta:initial-creator|author))"
    rb"(\s[^>]*)?>.*?</\1>",
    re.DOTALL,
)
_ODF_PRINTER_ITEMS = re.compile(
    rb"(<config:config-item\s+config:name=\"(?:PrinterName|PrinterSetup)\"[^>]*>).*?"
    rb"(</config:config-item>)",
    re.DOTALL,
)
_ODF_VERSION = re.compile(rb'office:version="([0-9.]{1,8})"')
_EMBEDDED_PACKAGE = re.compile(r"(^|/)embeddings/[^/]+\.(docx|xlsx|pptx)$", re.IGNORECASE)


def _rewrite_package(data: bytes, *, odf: bool, depth: int) -> bytes:
    with _open_zip(data) as archive:
        entries = list(_safe_entries(archive))
        if odf:  # the mimetype must be the first entry (sort is stable)
            entries.sort(key=lambda entry: entry.filename != "mimetype")
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as rewritten:
            for entry in entries:
                name = entry.filename
                if not odf and name in _OOXML_DROPPED:
                    continue
                content = b"" if entry.is_dir() else _read_entry(archive, entry)
                if not entry.is_dir():
                    clean = _clean_odf_part if odf else _clean_ooxml_part
                    content = clean(name, content, depth)
                # A fresh entry: neutral time, no extra fields (they hold owner ids).
                info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
                stored = entry.is_dir() or (odf and name == "mimetype")
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                info.external_attr = (0o40755 << 16 | 0x10) if entry.is_dir() else 0o644 << 16
                rewritten.writestr(info, content)
    return output.getvalue()


def _clean_picture_or_refuse(content: bytes) -> bytes:
    try:
        return _clean_embedded_picture(content, keep_orientation=True)
    except ValueError as exc:
        raise ValidationError(
            _(
                "This document contains a picture we can't check for hidden information. "
                "Please replace the picture or save the document again, then upload it."
            ),
            code="document_picture_unreadable",
        ) from exc


def _clean_nested_package(content: bytes, depth: int) -> bytes:
    if depth + 1 > MAX_NESTED_PACKAGES or not content.startswith(b"PK\x03\x04"):
        raise _unsafe_archive_error()
    return _rewrite_package(content, odf=False, depth=depth + 1)


def _clean_ooxml_part(name: str, content: bytes, depth: int) -> bytes:
    lower = name.lower()
    if name == "docProps/core.xml":
        return _EMPTY_CORE_XML
    if name == "docProps/app.xml":
        return _EMPTY_APP_XML
    if name == "[Content_Types].xml":
        return re.sub(rb"<Override\b[^>]*PartName=\"/docProps/custom\.xml\"[^>]*/>", b"", content)
    if lower.endswith(".rels"):
        return re.sub(
            rb"<Relationship\b[^>]*Target=\"/?docProps/custom\.xml\"[^>]*/>", b"", content
        )
    if _EMBEDDED_PACKAGE.search(name):
        return _clean_nested_package(content, depth)
    if lower.endswith(".xml"):
        content = _PERSON_ATTRIBUTES.sub(rb'\1""', content)
        content = _PERSON_ELEMENTS.sub(rb"<\1\2></\1>", content)
        if lower in ("ppt/commentauthors.xml", "ppt/authors.xml") or lower.startswith(
            "xl/persons/"
        ):
            content = _NAME_ATTRIBUTES.sub(rb'\1""', content)
        return content
    return _clean_picture_or_refuse(content)


def _clean_odf_part(name: str, content: bytes, depth: int) -> bytes:
    if name == "meta.xml" or name.endswith("/meta.xml"):
        version = _ODF_VERSION.search(content)
        return _EMPTY_ODF_META % (version.group(1) if version else b"1.2")
    if name == "settings.xml" or name.endswith("/settings.xml"):
        return _ODF_PRINTER_ITEMS.sub(rb"\1\2", content)
    if name.endswith(".xml"):
        return _PERSON_ELEMENTS.sub(rb"<\1\2></\1>", content)
    if name == "mimetype" or name.startswith("META-INF/"):
        return content
    return _clean_picture_or_refuse(content)


# =========================================================================== Wagtail


def _is_new_upload(value) -> bool:
    """A freshly uploaded file, as opposed to the stored one an edit form keeps."""
    return bool(value) and not isinstance(value, FieldFile)


class _ForgivingImageField(WagtailImageField):
    """Wagtail's image field lets Pillow's ``OSError`` escape for a picture damaged
    in its header (a server error instead of a form error); turn it into the kind
    message."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except _READ_ERRORS as exc:
            raise _image_unreadable_error() from exc


class MetadataStrippingImageForm(BaseImageForm):
    """Wagtail image form base that stores only the cleaned picture.

    Set ``WAGTAILIMAGES_IMAGE_FORM_BASE = "people.uploads.MetadataStrippingImageForm"``.
    Used by the admin's add and edit views, the multiple uploader and the chooser's
    upload tab. Wagtail's own field checks (extension, size, pixel count) run first,
    on the original; the cleaned file is what the form saves (so ``file_size`` and
    ``file_hash`` are computed from it).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = _ForgivingImageField

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if _is_new_upload(file):
            return strip_image_metadata(file)
        return file


class MetadataStrippingDocumentForm(BaseDocumentForm):
    """Wagtail document form base that checks and stores only the cleaned document.

    Set ``WAGTAILDOCS_DOCUMENT_FORM_BASE = "people.uploads.MetadataStrippingDocumentForm"``.
    """

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if _is_new_upload(file):
            return strip_document_metadata(file, filename=file.name)
        return file


def _uncommitted_source(instance):
    field_file = instance.file
    if not field_file or getattr(field_file, "_committed", True):
        return None
    return field_file.file


def _strip_image_before_save(sender, instance, raw=False, **kwargs):
    source = None if raw else _uncommitted_source(instance)
    if source is None:
        return
    stripped = strip_image_metadata(source)
    if stripped is not source:
        instance.file = stripped
    instance.width, instance.height = stripped.image_size
    instance.file_size = stripped.size
    instance.file_hash = hash_filelike(stripped)


def _strip_document_before_save(sender, instance, raw=False, **kwargs):
    source = None if raw else _uncommitted_source(instance)
    if source is None:
        return
    stripped = strip_document_metadata(
        source, filename=_basename(source.name or instance.file.name)
    )
    if stripped is not source:
        instance.file = stripped
    instance.file_size = stripped.size
    instance.file_hash = hash_filelike(stripped)


def _strip_staged_upload_before_save(sender, instance, raw=False, **kwargs):
    """Wagtail's multiple uploader parks the *raw request file* in an UploadedFile
    when another field of the form fails; it is later copied into the image or
    document with ``FieldFile.save()``, which no ``pre_save`` would see."""
    source = None if raw else _uncommitted_source(instance)
    if source is None or instance.for_content_type_id is None:
        return
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(instance.for_content_type_id).model_class()
    if model is None:
        return
    if issubclass(model, get_image_model()):
        stripped = strip_image_metadata(source)
    elif issubclass(model, get_document_model()):
        stripped = strip_document_metadata(
            source, filename=_basename(source.name or instance.file.name)
        )
    else:
        return
    if stripped is not source:
        instance.file = stripped


def connect_upload_signals() -> None:
    """Clean files on ``pre_save`` of the image, document and ``UploadedFile`` models.

    Only a file that has not been written to storage yet (a new upload) is touched;
    it is replaced with the cleaned copy and ``width``/``height``, ``file_size`` and
    ``file_hash`` are set from that copy. Files already cleaned by the forms are not
    re-encoded. A file that can't be cleaned raises ``ValidationError`` and nothing
    is saved. Raw saves (fixtures) are left alone. Safe to call more than once.

    Note: ``instance.file.save(name, content)`` writes to storage immediately, before
    any ``pre_save``; code doing that must call :func:`strip_image_metadata` /
    :func:`strip_document_metadata` itself.
    """
    from wagtail.models import UploadedFile

    pre_save.connect(
        _strip_image_before_save,
        sender=get_image_model(),
        dispatch_uid="people.uploads.strip_image_before_save",
    )
    pre_save.connect(
        _strip_document_before_save,
        sender=get_document_model(),
        dispatch_uid="people.uploads.strip_document_before_save",
    )
    pre_save.connect(
        _strip_staged_upload_before_save,
        sender=UploadedFile,
        dispatch_uid="people.uploads.strip_staged_upload_before_save",
    )
