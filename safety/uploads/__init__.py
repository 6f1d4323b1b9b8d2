"""Remove hidden metadata from every picture and document people upload.

Why this exists: a phone photo carries far more than its pixels. EXIF holds the GPS
position where it was taken, the time, the camera make, model and serial number and
sometimes the owner's name; XMP and IPTC blocks carry authors, places and editing
history; ICC profiles and comments name devices and software. Office and PDF files
carry the author's and last editor's names, their organisation, template paths with
user names, reviewers' names on comments and tracked changes, and pictures pasted in
with their EXIF intact. On a platform for survivors of human trafficking any of these
can lead someone to a person or a shelter, so originals with metadata are never kept:
files are rewritten *before* they reach storage and only the clean copy is stored.
(Wagtail's renditions are made from the stored original, and Willow copies the
original's EXIF and ICC profile into every JPEG/WebP rendition, so a dirty original
would leak through every published thumbnail too.)

Public API
----------
* :func:`strip_image_metadata` -- re-encode a picture from its pixels only.
* :func:`validate_document` -- allowlist a document by extension *and* content.
* :func:`strip_document_metadata` -- rewrite a PDF / OOXML / ODF file without its
  metadata; text and CSV pass through (after a UTF-8 check).
* :class:`MetadataStrippingImageForm`, :class:`MetadataStrippingDocumentForm` -- Wagtail
  admin form bases (``WAGTAILIMAGES_IMAGE_FORM_BASE`` / ``WAGTAILDOCS_DOCUMENT_FORM_BASE``).
* :func:`connect_upload_signals` -- ``pre_save`` receivers (defence in depth for
  programmatic saves and for Wagtail's multiple-upload staging model).

Everything returns a :class:`StrippedFile` (a ``ContentFile``) marked as already clean,
so that the form and the ``pre_save`` receiver never re-encode a JPEG twice.

The modules of this package, one concern each:

* ``files`` -- :class:`StrippedFile` and reading an upload within its size limit.
* ``messages`` -- what the person uploading is told when a file is refused.
* ``images`` -- pictures re-encoded from their pixels, and the check of the result.
* ``picture_chunks`` -- the JPEG, PNG, GIF and WebP (RIFF) walkers: lossless clean-up
  of pictures inside documents, and what a re-encoded picture may still hold.
* ``documents`` -- the document allowlist and :func:`strip_document_metadata`.
* ``archives`` -- zip containers opened safely (no bombs, no path tricks).
* ``office`` -- OOXML (docx, xlsx, pptx) and ODF (odt) checked and rewritten.
* ``pdf`` -- PDFs rewritten with pypdf.
* ``forms`` and ``signals`` -- where Wagtail meets the cleaners.

Import this package only once apps are ready (for example inside ``AppConfig.ready``):
it subclasses Wagtail's admin forms.
"""

from safety.uploads.documents import strip_document_metadata, validate_document
from safety.uploads.files import StrippedFile
from safety.uploads.forms import MetadataStrippingDocumentForm, MetadataStrippingImageForm
from safety.uploads.images import strip_image_metadata
from safety.uploads.signals import connect_upload_signals

__all__ = [
    "MetadataStrippingDocumentForm",
    "MetadataStrippingImageForm",
    "StrippedFile",
    "connect_upload_signals",
    "strip_document_metadata",
    "strip_image_metadata",
    "validate_document",
]
