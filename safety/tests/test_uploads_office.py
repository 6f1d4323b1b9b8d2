"""safety.uploads.office: Word, Excel, PowerPoint and OpenDocument files lose
their authors, properties, reviewers and the metadata of pictures inside."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from safety.tests.upload_samples import (
    ODT_MIMETYPE,
    assert_clean_package,
    assert_embedded_photo_is_clean,
    make_docx,
    make_odt,
    make_pptx,
    make_xlsx,
    make_zip,
    ooxml_parts,
    strip_doc,
    unzip_all,
    upload,
)
from safety.uploads import (
    office,
    strip_document_metadata,
    validate_document,
)

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
    for _ in range(office.MAX_NESTED_PACKAGES + 1):
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
