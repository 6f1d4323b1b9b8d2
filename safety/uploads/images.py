"""Pictures re-encoded from their pixels only."""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from .files import DEFAULT_MAX_UPLOAD_BYTES, StrippedFile, basename, read_bytes
from .messages import (
    image_unreadable_error,
    too_big_error,
    too_many_pixels_error,
    unclean_output_error,
)
from .picture_chunks import (
    ORIENTATION_TRANSPOSE,
    READ_ERRORS,
    clean_jpeg,
    clean_png,
    gif_extra_blocks,
    riff_chunks,
    webp_is_lossless,
)

try:  # Pillow is normally built with LittleCMS; without it colours are not converted.
    from PIL import ImageCms
except ImportError:  # pragma: no cover
    ImageCms = None

# Wagtail's Willow imports this too; importing it here makes HEIC readable even when
# Willow has not been imported yet. It is optional: without it HEIC is simply refused.
with contextlib.suppress(ImportError):
    importlib.import_module("pillow_heif.HeifImagePlugin")


logger = logging.getLogger(__name__)

# Animated pictures: every frame is held in memory while re-encoding.
MAX_ANIMATION_FRAMES = 1_000

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
    data = read_bytes(file, limit, lambda: too_big_error(limit, picture=True))
    try:
        output, out_format, size = _reencode_image(data)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many_pixels_error() from exc
    except READ_ERRORS as exc:
        raise image_unreadable_error() from exc

    problems = _image_metadata_left(output, out_format)
    if problems:  # a Pillow change or a bug here; never store the file
        logger.error("Image metadata survived re-encoding (%s): %s", out_format, problems)
        raise unclean_output_error()

    name = _image_output_name(getattr(file, "name", None), out_format)
    return StrippedFile(output, name, kind="image", image_size=size, image_format=out_format)


def _image_output_name(original: str | None, out_format: str) -> str:
    stem, ext = os.path.splitext(basename(original))
    preferred, equivalents = _IMAGE_EXTENSIONS[out_format]
    ext = ext.lower().lstrip(".")
    return f"{stem or 'image'}.{ext if ext in equivalents else preferred}"


def _reencode_image(data: bytes) -> tuple[bytes, str, tuple[int, int]]:
    try:
        source = Image.open(io.BytesIO(data), formats=_open_formats())
    except UnidentifiedImageError as exc:
        raise image_unreadable_error() from exc
    except Image.DecompressionBombError as exc:
        raise too_many_pixels_error() from exc

    with source:
        in_format = source.format
        if in_format not in _IMAGE_OUTPUT:
            raise image_unreadable_error()
        out_format = _IMAGE_OUTPUT[in_format]
        animated = in_format in _ANIMATABLE and getattr(source, "n_frames", 1) > 1
        frame_count = source.n_frames if animated else 1
        width, height = source.size
        if frame_count > MAX_ANIMATION_FRAMES or (
            Image.MAX_IMAGE_PIXELS and width * height * frame_count > Image.MAX_IMAGE_PIXELS
        ):
            raise too_many_pixels_error()

        orientation = source.getexif().get(ExifTags.Base.Orientation, 1)
        icc_profile = source.info.get("icc_profile")
        loop = source.info.get("loop")
        lossless_webp = in_format == "WEBP" and webp_is_lossless(data)

        if animated:
            frames, durations = [], []
            for index in range(frame_count):
                source.seek(index)
                frames.append(source.copy())  # copy() decodes the frame
                durations.append(source.info.get("duration", 0))
            transpose = ORIENTATION_TRANSPOSE.get(orientation)
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
    # A cached Exif object (ImageOps.exif_transpose leaves one, read before
    # `info` was emptied) would otherwise survive: empty it.
    image.getexif().clear()
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


# ------------------------------------------------------- checking what was written


def _image_metadata_left(data: bytes, image_format: str) -> list[str]:
    """What, if anything, besides pixels is in an encoded picture."""
    problems: list[str] = []
    try:
        if image_format == "JPEG":
            if clean_jpeg(data) != data:
                problems.append("JPEG metadata segments")
        elif image_format == "PNG":
            if clean_png(data) != data:
                problems.append("PNG metadata chunks")
        elif image_format == "WEBP":
            allowed = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"}
            problems += [f"WebP chunk {c!r}" for c, _p in riff_chunks(data) if c not in allowed]
        elif image_format == "GIF":
            problems += gif_extra_blocks(data)
    except ValueError as exc:
        problems.append(str(exc))
    with Image.open(io.BytesIO(data)) as check:
        if check.getexif():
            problems.append("EXIF")
        leftover = {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop"}
        problems += sorted(leftover & set(check.info))
    return problems
