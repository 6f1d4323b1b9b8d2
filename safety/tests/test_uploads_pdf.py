"""safety.uploads.pdf: PDFs lose their document information, XMP, comment
authors, attachments, earlier revisions and the EXIF of their pictures."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfWriter

from core.upstream import pypdf as pypdf_upstream
from safety.tests.upload_samples import (
    PDF_SECRETS,
    assert_clean_pdf,
    make_pdf,
    strip_doc,
    upload,
)
from safety.uploads import (
    strip_document_metadata,
)


def test_pdf_loses_info_xmp_comment_authors_attachments_and_photo_exif():
    source = make_pdf()
    for secret in PDF_SECRETS:
        assert secret in source, secret

    data = strip_doc(source, "report.pdf")

    reader = assert_clean_pdf(data)
    page = reader.pages[0]
    assert len(reader.pages) == 1
    annotations = [a.get_object() for a in page["/Annots"]]
    assert [a["/Subtype"] for a in annotations] == ["/Text"]
    assert annotations[0]["/Contents"] == "Looks fine"
    photo = page["/Resources"]["/XObject"]["/Im0"]
    with Image.open(io.BytesIO(pypdf_upstream.raw_stream_data(photo))) as picture:
        assert picture.size == (40, 20)
        assert not picture.getexif()
    assert b"(Visible) Tj" in page.get_contents().get_data()


def test_earlier_pdf_revisions_are_not_carried_over():
    updated = PdfWriter(io.BytesIO(make_pdf()), incremental=True)
    updated.add_metadata({"/Author": "Someone Else"})
    output = io.BytesIO()
    updated.write(output)
    source = output.getvalue()
    assert b"Jane PdfAuthor" in source and b"Someone Else" in source

    data = strip_doc(source, "revised.pdf")

    assert_clean_pdf(data)
    assert b"Someone Else" not in data


def test_password_protected_pdfs_are_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    with pytest.raises(ValidationError) as error:
        strip_document_metadata(upload(output.getvalue(), "locked.pdf"), filename="locked.pdf")
    assert "password-protected pdfs can't be uploaded" in error.value.messages[0].lower()


def test_damaged_pdfs_are_refused():
    with pytest.raises(ValidationError, match="seems to be damaged"):
        strip_document_metadata(upload(b"%PDF-1.7\nnot really", "x.pdf"), filename="x.pdf")
