"""safety.uploads.documents: the allowlist by extension and content, the size
limit, and text that passes through."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from safety.tests.upload_samples import (
    ALLOWED_MESSAGE,
    DOCUMENT_XML,
    EXE,
    HTML,
    make_docx,
    make_pdf,
    make_xlsx,
    make_zip,
    ooxml_parts,
    read_stripped,
    upload,
)
from safety.uploads import (
    StrippedFile,
    strip_document_metadata,
    validate_document,
)

# --------------------------------------------------------------------------- text


def test_utf8_text_and_csv_pass_through_unchanged():
    for name, data in (("notes.txt", "Ñandú, ok\n".encode()), ("list.csv", b"a,b\n1,2\n")):
        result = strip_document_metadata(upload(data, name), filename=name)
        assert isinstance(result, StrippedFile)
        assert read_stripped(result) == data


def test_text_that_is_not_utf8_is_refused():
    with pytest.raises(ValidationError, match="UTF-8"):
        validate_document(upload("Ñandú".encode("latin-1"), "x.txt"), filename="x.txt")


def test_stripping_a_document_twice_returns_the_same_file():
    once = strip_document_metadata(upload(make_docx(), "a.docx"), filename="a.docx")
    assert strip_document_metadata(once, filename="a.docx") is once


# --------------------------------------------------------------------------- allowlist


@pytest.mark.parametrize("name", ["tool.exe", "page.html", "archive.zip", "old.doc", "noext"])
def test_other_extensions_are_refused_naming_the_allowed_types(name):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(b"%PDF-1.4", name), filename=name)
    assert error.value.messages == [ALLOWED_MESSAGE]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (EXE, "invoice.pdf"),
        (HTML, "invoice.pdf"),
        (HTML, "letter.docx"),
        (EXE, "letter.odt"),
        (make_zip({"a.txt": "x"}), "letter.docx"),
        (make_zip({"[Content_Types].xml": "<Types/>"}), "letter.docx"),
        (make_docx(), "sheet.xlsx"),
        (make_xlsx(), "letter.docx"),
        (make_docx(), "letter.odt"),
        (make_zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}), "x.odt"),
        (make_pdf(), "letter.docx"),
    ],
)
def test_content_must_match_the_extension(data, name):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(data, name), filename=name)
    message = error.value.messages[0]
    assert "don't match its ." in message
    assert message.endswith(ALLOWED_MESSAGE)


def test_old_office_and_encrypted_office_files_are_refused_kindly():
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with pytest.raises(ValidationError, match="older Office file or one protected"):
        validate_document(upload(cfb, "letter.docx"), filename="letter.docx")


def test_macro_enabled_files_are_refused():
    macro_type = "application/vnd.ms-word.document.macroEnabled.main+xml"
    parts = ooxml_parts("docx", main_type=macro_type)
    parts["word/document.xml"] = DOCUMENT_XML
    with pytest.raises(ValidationError, match="macros"):
        validate_document(upload(make_zip(parts), "x.docx"), filename="x.docx")
    data = make_docx(**{"word/vbaProject.bin": b"\x00"})
    with pytest.raises(ValidationError, match="macros"):
        validate_document(upload(data, "x.docx"), filename="x.docx")


def test_oversize_documents_are_refused_naming_the_limit():
    data = b"a" * (10 * 1024 * 1024 + 1)
    with pytest.raises(ValidationError) as error:
        validate_document(upload(data, "big.txt"), filename="big.txt")
    assert "10 MB" in error.value.messages[0]
    with pytest.raises(ValidationError, match="10 MB"):
        strip_document_metadata(upload(data, "big.txt"), filename="big.txt")
    validate_document(upload(data[:-1], "fits.txt"), filename="fits.txt")


def test_limits_and_types_follow_the_settings(settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["PDF", "doc"]  # doc: not something we can clean
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 3 * 1024 * 1024 // 2
    with pytest.raises(ValidationError) as error:
        validate_document(upload(make_docx(), "x.docx"), filename="x.docx")
    assert error.value.messages == ["Only PDF files can be uploaded."]
    with pytest.raises(ValidationError, match=r"at most 1\.5 MB"):
        validate_document(upload(b"%PDF-" + b"0" * 2_000_000, "x.pdf"), filename="x.pdf")
    big_pdf = upload(b"%PDF-" + b"0" * 2_000_000, "x.pdf")
    assert validate_document(big_pdf, filename="x.pdf", max_bytes=None) == "pdf"
