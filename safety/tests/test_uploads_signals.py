"""safety.uploads.signals: a JPEG carrying GPS EXIF, or a document carrying its
authors, comes back from every upload path without them, with the forms and
with the signals alone."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db.models.signals import pre_save
from django.urls import reverse
from PIL import Image

from safety.tests.upload_samples import (
    DOC_SECRETS,
    EXE,
    GPS_JPEG,
    HTML,
    assert_clean_package,
    assert_clean_pdf,
    assert_clean_picture,
    assert_document_clean_everywhere,
    assert_image_clean_everywhere,
    document_model,
    exif_bytes,
    image_model,
    make_docx,
    make_pdf,
    stored_bytes,
    upload,
)
from safety.uploads import (
    connect_upload_signals,
)


def test_connecting_twice_adds_no_second_receiver(db):
    connect_upload_signals()
    before = len(pre_save.receivers)
    connect_upload_signals()
    assert len(pre_save.receivers) == before
    assert pre_save.has_listeners(image_model()) and pre_save.has_listeners(document_model())


# ------------------------------------------- "A JPEG carrying GPS EXIF comes back from
# ------------------------------------------- every upload path without it"


def test_admin_single_image_upload(wagtail_uploads, staff_client, root_collection):
    response = staff_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "admin single",
            "file": upload(GPS_JPEG, "phone.jpg", "image/jpeg"),
            "collection": root_collection.pk,
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_image_clean_everywhere(image_model().objects.get(title="admin single"))


def test_admin_multiple_image_upload(wagtail_uploads, staff_client, root_collection):
    response = staff_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload(GPS_JPEG, "phone.jpg", "image/jpeg"), "collection": root_collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    payload = json.loads(response.content)
    assert payload["success"] is True, payload
    assert_image_clean_everywhere(image_model().objects.get(pk=payload["image_id"]))


def test_admin_multiple_upload_staging_copy_is_clean_too(
    wagtail_uploads, staff_client, root_collection
):
    """When another field fails, Wagtail parks the raw request file in an UploadedFile
    and later copies it with FieldFile.save(), which no image pre_save can see."""
    from wagtail.models import UploadedFile

    response = staff_client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": upload(GPS_JPEG, "phone.jpg", "image/jpeg"),
            "title": "x" * 300,  # too long: the title fails, the file is fine
            "collection": root_collection.pk,
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    payload = json.loads(response.content)
    assert payload["success"] is True and "uploaded_file_id" in payload, payload
    staged = UploadedFile.objects.get(pk=payload["uploaded_file_id"])
    assert_clean_picture(stored_bytes(staged.file))

    prefix = f"uploaded-image-{staged.pk}"
    response = staff_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[staged.pk]),
        {
            f"{prefix}-title": "from staging",
            f"{prefix}-collection": root_collection.pk,
            f"{prefix}-tags": "",
            f"{prefix}-description": "",
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    payload = json.loads(response.content)
    assert payload["success"] is True, payload
    assert_image_clean_everywhere(image_model().objects.get(pk=payload["image_id"]))


def test_image_chooser_upload(wagtail_uploads, staff_client, root_collection):
    prefix = "image-chooser-upload"
    response = staff_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            f"{prefix}-title": "from chooser",
            f"{prefix}-file": upload(GPS_JPEG, "phone.jpg", "image/jpeg"),
            f"{prefix}-collection": root_collection.pk,
            f"{prefix}-tags": "",
        },
    )
    payload = json.loads(response.content)
    assert payload["step"] == "chosen", payload.get("step")
    image = image_model().objects.get(title="from chooser")
    assert payload["result"]["id"] == str(image.pk)
    assert_image_clean_everywhere(image)


def test_programmatic_image_create(upload_signals, db):
    image = image_model().objects.create(
        title="programmatic", file=ImageFile(io.BytesIO(GPS_JPEG), name="phone.jpg")
    )
    assert_image_clean_everywhere(image)


def test_programmatic_image_create_with_a_damaged_picture_saves_nothing(upload_signals, db):
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 64).convert("RGB").save(buffer, "JPEG", exif=exif_bytes())
    data = buffer.getvalue()
    damaged = data[: len(data) * 3 // 4]  # the header is fine, so Wagtail reads a size
    # (Without width/height Wagtail itself decodes the picture in Image.__init__ and
    # raises OSError; with them given, the file reaches pre_save.)
    with pytest.raises(ValidationError, match="not an image we can read"):
        image_model().objects.create(
            title="broken", file=ImageFile(io.BytesIO(damaged), name="x.jpg"), width=1, height=1
        )
    assert not image_model().objects.exists()


def test_replacing_an_image_file_in_the_edit_view(wagtail_uploads, staff_client, root_collection):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), "white").save(buffer, "PNG")
    image = image_model().objects.create(
        title="to replace", file=ImageFile(io.BytesIO(buffer.getvalue()), name="plain.png")
    )
    old_name = image.file.name

    response = staff_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "replaced",
            "file": upload(GPS_JPEG, "phone.jpg", "image/jpeg"),
            "collection": root_collection.pk,
            "tags": "",
            "description": "",
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert image.title == "replaced" and image.file.name != old_name
    assert not image.file.storage.exists(old_name)
    assert_image_clean_everywhere(image)


# ------------------------------------------------------------------ documents


def test_admin_document_upload(wagtail_uploads, staff_client, root_collection):
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "report",
            "file": upload(make_pdf(), "report.pdf", "application/pdf"),
            "collection": root_collection.pk,
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_clean_pdf(assert_document_clean_everywhere(document_model().objects.get(title="report")))


def test_admin_multiple_document_upload(wagtail_uploads, staff_client, root_collection):
    response = staff_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload(make_docx(), "statement.docx"), "collection": root_collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    payload = json.loads(response.content)
    assert payload["success"] is True, payload
    document = document_model().objects.get(pk=payload["doc_id"])
    assert_clean_package(assert_document_clean_everywhere(document, DOC_SECRETS))


def test_admin_multiple_document_upload_staging_copy_is_clean_too(
    wagtail_uploads, staff_client, root_collection
):
    from wagtail.models import UploadedFile

    response = staff_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": upload(make_docx(), "statement.docx"),
            "title": "x" * 300,
            "collection": root_collection.pk,
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    payload = json.loads(response.content)
    assert "uploaded_file_id" in payload, payload
    staged = UploadedFile.objects.get(pk=payload["uploaded_file_id"])
    assert_clean_package(stored_bytes(staged.file))

    # Turning the staged file into a document is broken upstream (Wagtail 8.0.1) when
    # WAGTAILDOCS_EXTENSIONS is set: AbstractDocument.clean() checks the extension of
    # the still-empty file and reports it on a form that has no "file" field. This
    # pins that behaviour; when it starts passing, assert the document is clean.
    prefix = f"uploaded-document-{staged.pk}"
    with pytest.raises(ValueError, match="has no field named 'file'"):
        staff_client.post(
            reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[staged.pk]),
            {f"{prefix}-title": "doc", f"{prefix}-collection": root_collection.pk},
            headers={"x-requested-with": "XMLHttpRequest"},
        )


def test_document_chooser_upload(wagtail_uploads, staff_client, root_collection):
    prefix = "document-chooser-upload"
    response = staff_client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            f"{prefix}-title": "chosen doc",
            f"{prefix}-file": upload(make_pdf(), "report.pdf", "application/pdf"),
            f"{prefix}-collection": root_collection.pk,
            f"{prefix}-tags": "",
        },
    )
    assert json.loads(response.content)["step"] == "chosen"
    assert_document_clean_everywhere(document_model().objects.get(title="chosen doc"))


def test_admin_document_upload_refuses_a_disguised_file(staff_client, root_collection, settings):
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "safety.uploads.MetadataStrippingDocumentForm"
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "fake",
            "file": upload(HTML, "invoice.pdf", "application/pdf"),
            "collection": root_collection.pk,
            "tags": "",
        },
    )
    assert response.status_code == 200
    assert "match its .pdf name" in response.content.decode()
    assert not document_model().objects.exists()


def test_programmatic_document_create(upload_signals, db):
    document = document_model().objects.create(
        title="programmatic", file=ContentFile(make_pdf(), name="report.pdf")
    )
    assert_document_clean_everywhere(document)

    with pytest.raises(ValidationError, match="Only PDF"):
        document_model().objects.create(title="tool", file=ContentFile(EXE, name="tool.exe"))
