"""The pypdf internals fenced in core.upstream.pypdf still have the shape the
PDF scrubber relies on. A failure here means a pypdf upgrade changed them:
re-check core/upstream/pypdf.py (and safety/uploads/pdf.py) against it."""

from __future__ import annotations

import io

import pypdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    EncodedStreamObject,
    IndirectObject,
)

from core.upstream import pypdf as upstream

SECRET = b"Secret-Attachment-Body"


def written(writer: PdfWriter) -> bytes:
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pdf_with_attachment_and_identifier() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    writer.add_attachment("notes.txt", SECRET)
    writer.generate_file_identifiers()
    return written(writer)


def test_the_fenced_names_exist():
    writer = PdfWriter()
    assert hasattr(writer, "_objects"), f"pypdf {pypdf.__version__}: PdfWriter._objects is gone"
    assert hasattr(writer, "_ID"), f"pypdf {pypdf.__version__}: PdfWriter._ID is gone"
    assert callable(getattr(writer, "_add_object", None)), (
        f"pypdf {pypdf.__version__}: PdfWriter._add_object() is gone"
    )
    stream = DecodedStreamObject()
    assert hasattr(stream, "_data"), f"pypdf {pypdf.__version__}: StreamObject._data is gone"


def test_the_object_table_is_a_list_indexed_by_object_number():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_attachment_and_identifier())))
    objects = upstream.writer_objects(writer)
    assert isinstance(objects, list)
    assert objects, "the object table is empty"
    for index, obj in enumerate(objects):
        if obj is not None:
            assert obj.indirect_reference.idnum == index + 1
    catalog = writer.root_object
    assert objects[catalog.indirect_reference.idnum - 1] is catalog


def test_objects_nothing_refers_to_are_still_written_unless_set_to_none():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_attachment_and_identifier())))
    del writer.root_object["/Names"]  # the attachment is now unreachable...
    assert SECRET in written(writer)  # ...and pypdf still writes it (why the scrubber walks)

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_attachment_and_identifier())))
    del writer.root_object["/Names"]
    objects = upstream.writer_objects(writer)
    for index, obj in enumerate(objects):
        if obj is not None and obj is not writer.root_object and SECRET in _raw(obj):
            objects[index] = None
    assert SECRET not in written(writer)


def _raw(obj) -> bytes:
    try:
        return upstream.raw_stream_data(obj.get_object())
    except AttributeError:
        return b""


def test_the_file_identifier_is_an_array_and_none_writes_no_id():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_attachment_and_identifier())))
    assert isinstance(writer._ID, ArrayObject)
    assert b"/ID" in written(writer)

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_attachment_and_identifier())))
    upstream.forget_file_identifier(writer)
    assert b"/ID" not in written(writer)


def test_raw_stream_data_is_the_encoded_bytes_as_written():
    decoded = DecodedStreamObject()
    decoded.set_data(b"plain stream text")
    encoded = decoded.flate_encode()
    assert isinstance(encoded, EncodedStreamObject)
    raw = upstream.raw_stream_data(encoded)
    assert isinstance(raw, bytes)
    assert raw != b"plain stream text"
    assert encoded.get_data() == b"plain stream text"

    upstream.set_raw_stream_data(encoded, b"REPLACED")
    output = io.BytesIO()
    encoded.write_to_stream(output)
    assert b"stream\nREPLACED\nendstream" in output.getvalue()
    assert b"/Filter /FlateDecode" in output.getvalue()  # the filters stay as they were


def test_an_added_object_gets_the_next_number_and_is_written():
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    before = len(upstream.writer_objects(writer))
    stream = DecodedStreamObject()
    stream.set_data(SECRET)
    reference = upstream.add_object(writer, stream)
    assert isinstance(reference, IndirectObject)
    assert reference.idnum == before + 1
    assert upstream.writer_objects(writer)[reference.idnum - 1] is stream
    assert SECRET in written(writer)
