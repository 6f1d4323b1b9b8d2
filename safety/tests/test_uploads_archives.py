"""safety.uploads.archives: zip containers that could not be opened safely are
refused."""

from __future__ import annotations

import io
import warnings
import zipfile

import pytest
from django.core.exceptions import ValidationError

from safety.tests.upload_samples import (
    make_docx,
    upload,
)
from safety.uploads import (
    archives,
    strip_document_metadata,
    validate_document,
)

# --------------------------------------------------------------------------- zip safety


@pytest.mark.parametrize(
    "bad_name",
    ["../evil.xml", "word/../../evil.xml", "/etc/passwd", "C:/evil.xml", "word\\..\\evil.xml"],
)
def test_zip_path_tricks_are_refused(bad_name):
    data = make_docx(**{bad_name: "x"})
    with pytest.raises(ValidationError, match="unsafe to open"):
        validate_document(upload(data, "x.docx"), filename="x.docx")
    with pytest.raises(ValidationError, match="unsafe to open"):
        strip_document_metadata(upload(data, "x.docx"), filename="x.docx")


def test_duplicate_zip_entries_are_refused():
    buffer = io.BytesIO(make_docx())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.writestr("word/document.xml", "<w:document>other</w:document>")
    with pytest.raises(ValidationError, match="unsafe to open"):
        validate_document(upload(buffer.getvalue(), "x.docx"), filename="x.docx")


def test_zip_bombs_are_refused(monkeypatch):
    monkeypatch.setattr(archives, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    data = make_docx(**{"word/padding.bin": b"\x00" * (2 * 1024 * 1024)})
    assert len(data) < 100_000
    with pytest.raises(ValidationError, match="unsafe to open"):
        validate_document(upload(data, "bomb.docx"), filename="bomb.docx")


def test_damaged_zips_are_refused():
    data = make_docx()
    with pytest.raises(ValidationError, match="unsafe to open"):
        validate_document(upload(data[: len(data) // 2], "x.docx"), filename="x.docx")
