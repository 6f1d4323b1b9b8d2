"""Fixtures of the upload tests: the signals connected, the Wagtail set-ups, an admin."""

from __future__ import annotations

import pytest

from safety.uploads import (
    connect_upload_signals,
)


@pytest.fixture
def upload_signals():
    connect_upload_signals()


@pytest.fixture(params=["forms and signals", "signals only"])
def wagtail_uploads(request, settings, upload_signals):
    """The production set-up (form bases + signals), and the signals alone."""
    if request.param == "forms and signals":
        settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "safety.uploads.MetadataStrippingImageForm"
        settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "safety.uploads.MetadataStrippingDocumentForm"
    return request.param


@pytest.fixture
def staff_client(client, user_factory):
    user = user_factory(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(user)
    return client


@pytest.fixture
def root_collection(db):
    from wagtail.models import Collection

    return Collection.get_first_root_node()
