"""safety.uploads.forms: the Wagtail admin form bases store only the cleaned file."""

from __future__ import annotations

from safety.tests.upload_samples import (
    EXE,
    GPS_JPEG,
    UNREADABLE,
    assert_clean_pdf,
    assert_clean_picture,
    assert_image_clean_everywhere,
    document_model,
    image_model,
    make_pdf,
    read_stripped,
    upload,
)
from safety.uploads import (
    MetadataStrippingDocumentForm,
    MetadataStrippingImageForm,
    StrippedFile,
    images,
)


def test_the_project_uses_the_stripping_forms_and_they_are_looked_up_per_request(settings):
    from wagtail.documents.forms import get_document_form
    from wagtail.images.forms import get_image_form

    assert issubclass(get_image_form(image_model()), MetadataStrippingImageForm)
    assert issubclass(get_document_form(document_model()), MetadataStrippingDocumentForm)
    del settings.WAGTAILIMAGES_IMAGE_FORM_BASE
    assert not issubclass(get_image_form(image_model()), MetadataStrippingImageForm)


# ------------------------------------------------------------- the forms on their own


def test_image_form_cleans_the_file_and_save_does_not_encode_twice(
    settings, user_factory, root_collection, upload_signals, monkeypatch
):
    from wagtail.images.forms import get_image_form

    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "safety.uploads.MetadataStrippingImageForm"
    user = user_factory(is_staff=True, is_superuser=True)
    form = get_image_form(image_model())(
        {"title": "t", "collection": root_collection.pk, "tags": ""},
        {"file": upload(GPS_JPEG, "phone.jpg", "image/jpeg")},
        user=user,
    )
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["file"]
    assert isinstance(cleaned, StrippedFile)
    assert_clean_picture(read_stripped(cleaned))

    encodings = []
    real = images._reencode_image
    monkeypatch.setattr(images, "_reencode_image", lambda data: encodings.append(1) or real(data))
    image = form.save()
    assert encodings == []
    assert_image_clean_everywhere(image)


def test_image_form_shows_the_kind_message_for_a_broken_picture(settings, user_factory, db):
    from wagtail.images.forms import get_image_form

    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "safety.uploads.MetadataStrippingImageForm"
    form = get_image_form(image_model())(
        {"title": "t", "tags": ""},
        {"file": upload(GPS_JPEG[:-400], "phone.jpg", "image/jpeg")},
        user=user_factory(is_staff=True, is_superuser=True),
    )
    assert not form.is_valid()
    assert form.errors["file"] == [UNREADABLE]


def test_document_form_refuses_a_disguised_file_and_cleans_a_real_one(
    settings, user_factory, root_collection
):
    from wagtail.documents.forms import get_document_form

    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "safety.uploads.MetadataStrippingDocumentForm"
    form_class = get_document_form(document_model())
    user = user_factory(is_staff=True, is_superuser=True)
    data = {"title": "t", "collection": root_collection.pk, "tags": ""}

    fake = form_class(data, {"file": upload(EXE, "invoice.pdf")}, user=user)
    assert not fake.is_valid()
    assert "don't match its .pdf name" in fake.errors["file"][0]

    real = form_class(data, {"file": upload(make_pdf(), "report.pdf")}, user=user)
    assert real.is_valid(), real.errors
    assert_clean_pdf(read_stripped(real.cleaned_data["file"]))
