"""Zip containers (docx, xlsx, pptx, odt) opened safely."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from .files import MB
from .messages import unsafe_archive_error

# Zip containers (docx, xlsx, pptx, odt): limits against zip bombs.
MAX_UNZIPPED_BYTES = 100 * MB
MAX_ZIP_ENTRIES = 10_000


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise unsafe_archive_error() from exc


def safe_entries(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Refuse zip bombs, path tricks and anything we could not rewrite faithfully."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise unsafe_archive_error()
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
            raise unsafe_archive_error()
        names.add(name)
        total += entry.file_size
        if total > MAX_UNZIPPED_BYTES:
            raise unsafe_archive_error()
    return entries


def read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    try:
        # zipfile never returns more than the declared size and checks the CRC.
        return archive.read(entry)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise unsafe_archive_error() from exc
