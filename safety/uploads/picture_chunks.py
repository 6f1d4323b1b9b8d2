"""Walkers over the segments, chunks and blocks of JPEG, PNG, GIF and WebP (RIFF)
files: the lossless clean-up of pictures inside documents, and the checks that a
re-encoded picture holds nothing but pixels."""

from __future__ import annotations

import struct
import zlib

from PIL import ExifTags, Image

READ_ERRORS = (
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

ORIENTATION_TRANSPOSE = {  # the same table as PIL.ImageOps.exif_transpose
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def webp_is_lossless(data: bytes) -> bool:
    for fourcc, payload in riff_chunks(data):
        if fourcc in (b"VP8 ", b"VP8L"):
            return fourcc == b"VP8L"
        if fourcc == b"ANMF":
            return b"VP8L" in payload[16:24]
    return False


def riff_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP file")
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        fourcc = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        chunks.append((fourcc, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size & 1)
    return chunks


def gif_extra_blocks(data: bytes) -> list[str]:
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


def clean_png(data: bytes) -> bytes:
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
    except READ_ERRORS:
        return None
    value = exif.get(ExifTags.Base.Orientation)
    return value if value in ORIENTATION_TRANSPOSE else None


def clean_jpeg(data: bytes, *, keep_orientation: bool = False) -> bytes:
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


def clean_embedded_picture(data: bytes, *, keep_orientation: bool) -> bytes:
    """Clean a JPEG or PNG found inside a document; other content is returned as is."""
    if data.startswith(b"\xff\xd8\xff"):
        return clean_jpeg(data, keep_orientation=keep_orientation)
    if data.startswith(_PNG_SIGNATURE):
        return clean_png(data)
    return data
