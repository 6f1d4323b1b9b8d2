"""The Wagtail admin form bases that store only the cleaned file
(``WAGTAILIMAGES_IMAGE_FORM_BASE`` / ``WAGTAILDOCS_DOCUMENT_FORM_BASE``)."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .documents import strip_document_metadata
from .images import strip_image_metadata
from .messages import image_unreadable_error
from .picture_chunks import READ_ERRORS


def _is_new_upload(value) -> bool:
    """A freshly uploaded file, as opposed to the stored one an edit form keeps."""
    return bool(value) and not isinstance(value, FieldFile)


class _ForgivingImageField(WagtailImageField):
    """Wagtail's image field lets Pillow's ``OSError`` escape for a picture damaged
    in its header (a server error instead of a form error); turn it into the kind
    message."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except READ_ERRORS as exc:
            raise image_unreadable_error() from exc


class MetadataStrippingImageForm(BaseImageForm):
    """Wagtail image form base that stores only the cleaned picture.

    Set ``WAGTAILIMAGES_IMAGE_FORM_BASE = "safety.uploads.MetadataStrippingImageForm"``.
    Used by the admin's add and edit views, the multiple uploader and the chooser's
    upload tab. Wagtail's own field checks (extension, size, pixel count) run first,
    on the original; the cleaned file is what the form saves (so ``file_size`` and
    ``file_hash`` are computed from it).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = _ForgivingImageField

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if _is_new_upload(file):
            return strip_image_metadata(file)
        return file


class MetadataStrippingDocumentForm(BaseDocumentForm):
    """Wagtail document form base that checks and stores only the cleaned document.

    Set ``WAGTAILDOCS_DOCUMENT_FORM_BASE = "safety.uploads.MetadataStrippingDocumentForm"``.
    """

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if _is_new_upload(file):
            return strip_document_metadata(file, filename=file.name)
        return file
