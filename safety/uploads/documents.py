"""Documents: allowlisted by extension and content, then cleaned by type."""

from __future__ import annotations

import os

from django.conf import settings

from .archives import open_zip, safe_entries
from .files import DEFAULT_MAX_UPLOAD_BYTES, StrippedFile, basename, read_bytes
from .messages import (
    legacy_office_error,
    mismatch_error,
    not_utf8_error,
    too_big_error,
    unsafe_archive_error,
    wrong_type_error,
)
from .office import (
    ODF_MIMETYPES,
    OOXML_MAIN_TYPES,
    check_odf_structure,
    check_ooxml_structure,
    rewrite_package,
)
from .pdf import strip_pdf

SUPPORTED_DOCUMENT_EXTENSIONS = ("pdf", "docx", "odt", "txt", "csv", "xlsx", "pptx")


def _allowed_document_extensions() -> list[str]:
    configured = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    if not configured:
        return list(SUPPORTED_DOCUMENT_EXTENSIONS)
    # Only types this package knows how to clean can be allowed (fail closed).
    configured = [ext.lower().lstrip(".") for ext in configured]
    return [ext for ext in dict.fromkeys(configured) if ext in SUPPORTED_DOCUMENT_EXTENSIONS]


def _document_extension(filename: str) -> str:
    return os.path.splitext(basename(filename))[1].lower().lstrip(".")


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
        raise wrong_type_error(allowed)
    data = read_bytes(file, max_bytes, lambda: too_big_error(max_bytes))
    _check_document_content(data, extension, allowed)
    return extension


def _check_document_content(data: bytes, extension: str, allowed: list[str]) -> None:
    if extension == "pdf":
        if not data.startswith(b"%PDF-"):
            raise mismatch_error(extension, allowed)
    elif extension in OOXML_MAIN_TYPES or extension in ODF_MIMETYPES:
        if data.startswith(_CFB_MAGIC):
            raise legacy_office_error()
        if not data.startswith(b"PK\x03\x04"):
            raise mismatch_error(extension, allowed)
        with open_zip(data) as archive:
            safe_entries(archive)
            if extension in OOXML_MAIN_TYPES:
                check_ooxml_structure(archive, extension, allowed)
            else:
                check_odf_structure(archive, extension, allowed)
    else:  # txt, csv
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise not_utf8_error() from exc


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
    data = read_bytes(file, None, lambda: unsafe_archive_error())
    if extension == "pdf":
        data = strip_pdf(data)
    elif extension in OOXML_MAIN_TYPES:
        data = rewrite_package(data, odf=False, depth=0)
    elif extension in ODF_MIMETYPES:
        data = rewrite_package(data, odf=True, depth=0)
    return StrippedFile(data, basename(filename) or f"document.{extension}", kind="document")
