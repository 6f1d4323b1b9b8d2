"""pypdf internals the PDF scrubber (safety.uploads.pdf) relies on.

Checked against pypdf 7.1.1. pypdf offers no public way to walk every object a
`PdfWriter` will write, to leave one out, to write no file identifier, or to
replace the still-encoded bytes of a stream:

* `PdfWriter._objects`: the object table, indexed by object number - 1; an
  entry set to None is not written. (`compress_identical_objects()` drops only
  objects that nothing refers to, not objects referred to by other dropped
  ones, so it cannot replace the walk from the catalog.)
* `PdfWriter._ID`: the trailer's /ID; None writes none.
  (`generate_file_identifiers()` can only make new ones.)
* `StreamObject._data`: the stream's bytes as stored, still encoded.
  (`set_data()` of an encoded stream re-encodes Flate streams and refuses
  every other filter, such as a JPEG's /DCTDecode.)
* `PdfWriter._add_object()`: adds an object that nothing refers to yet, as
  the upload tests do to build PDFs carrying every kind of metadata.

core/tests/test_upstream_pypdf.py fails when any of these changes shape.
"""

from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import IndirectObject, PdfObject, StreamObject

CHECKED_VERSION = "7.1.1"


def writer_objects(writer: PdfWriter) -> list[PdfObject | None]:
    """The writer's object table itself (object number n at index n - 1):
    entries set to None are left out of the written file."""
    return writer._objects


def forget_file_identifier(writer: PdfWriter) -> None:
    """Write no /ID in the trailer (the original's would link the copies)."""
    writer._ID = None


def raw_stream_data(stream: StreamObject) -> bytes:
    """A stream's bytes as stored in the file, still encoded."""
    return stream._data


def set_raw_stream_data(stream: StreamObject, data: bytes) -> None:
    """Replace a stream's stored (encoded) bytes; its filters stay as they are."""
    stream._data = data


def add_object(writer: PdfWriter, obj: PdfObject) -> IndirectObject:
    """Add `obj` to the writer's object table; a reference to it."""
    return writer._add_object(obj)
