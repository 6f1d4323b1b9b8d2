"""PDF files rewritten without their metadata, attachments and earlier revisions."""

from __future__ import annotations

import io
import logging
import struct
import zlib

from django.core.exceptions import ValidationError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

from core.upstream import pypdf as pypdf_upstream

from .messages import pdf_damaged_error, pdf_encrypted_error
from .picture_chunks import clean_jpeg

logger = logging.getLogger(__name__)

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


def strip_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except _PDF_ERRORS as exc:
        raise pdf_damaged_error() from exc
    if encrypted:
        raise pdf_encrypted_error()
    try:
        writer = PdfWriter(clone_from=reader)
        _scrub_pdf_catalog(writer.root_object)
        for obj in list(pypdf_upstream.writer_objects(writer)):
            if obj is not None:
                _scrub_pdf_object(obj)
        writer.metadata = None  # no /Info dictionary at all
        # The original file identifier would link the copies.
        pypdf_upstream.forget_file_identifier(writer)
        _drop_unreachable_pdf_objects(writer)
        output = io.BytesIO()
        writer.write(output)
    except ValidationError:
        raise
    except _PDF_ERRORS as exc:
        raise pdf_damaged_error() from exc
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
            pypdf_upstream.set_raw_stream_data(obj, b"")
        elif subtype == "/Image" and _is_plain_dct(_pdf_get(obj, "/Filter")):
            try:
                cleaned = clean_jpeg(pypdf_upstream.raw_stream_data(obj))
                pypdf_upstream.set_raw_stream_data(obj, cleaned)
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
    objects = pypdf_upstream.writer_objects(writer)
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
