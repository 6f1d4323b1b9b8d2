"""Office Open XML (docx, xlsx, pptx) and OpenDocument (odt) files: their
structure checked, and the package rewritten without the names and properties
it carries."""

from __future__ import annotations

import io
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .archives import open_zip, read_entry, safe_entries
from .messages import document_encrypted_error, macros_error, mismatch_error, unsafe_archive_error
from .picture_chunks import clean_embedded_picture

MAX_NESTED_PACKAGES = 2  # a chart's workbook inside a presentation inside a document


OOXML_MAIN_TYPES = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}


def check_ooxml_structure(archive: zipfile.ZipFile, extension: str, allowed: list[str]) -> None:
    try:
        content_types = read_entry(archive, archive.getinfo("[Content_Types].xml"))
    except KeyError as exc:
        raise mismatch_error(extension, allowed) from exc
    if b"macroEnabled" in content_types or any(
        name.lower().endswith("vbaproject.bin") for name in archive.namelist()
    ):
        raise macros_error()
    if OOXML_MAIN_TYPES[extension] not in content_types:
        raise mismatch_error(extension, allowed)


def check_odf_structure(archive: zipfile.ZipFile, extension: str, allowed: list[str]) -> None:
    names = set(archive.namelist())
    if not {"mimetype", "content.xml"} <= names:
        raise mismatch_error(extension, allowed)
    if read_entry(archive, archive.getinfo("mimetype")).strip() != ODF_MIMETYPES[extension]:
        raise mismatch_error(extension, allowed)
    if "META-INF/manifest.xml" in names:
        manifest = read_entry(archive, archive.getinfo("META-INF/manifest.xml"))
        if b"encryption-data" in manifest:
            raise document_encrypted_error()


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


def rewrite_package(data: bytes, *, odf: bool, depth: int) -> bytes:
    with open_zip(data) as archive:
        entries = list(safe_entries(archive))
        if odf:  # the mimetype must be the first entry (sort is stable)
            entries.sort(key=lambda entry: entry.filename != "mimetype")
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as rewritten:
            for entry in entries:
                name = entry.filename
                if not odf and name in _OOXML_DROPPED:
                    continue
                content = b"" if entry.is_dir() else read_entry(archive, entry)
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
        return clean_embedded_picture(content, keep_orientation=True)
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
        raise unsafe_archive_error()
    return rewrite_package(content, odf=False, depth=depth + 1)


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
