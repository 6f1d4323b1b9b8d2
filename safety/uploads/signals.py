"""``pre_save`` receivers: defence in depth for programmatic saves and for
Wagtail's multiple-upload staging model."""

from __future__ import annotations

from django.db.models.signals import pre_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from .documents import strip_document_metadata
from .files import basename
from .images import strip_image_metadata


def _uncommitted_source(instance):
    field_file = instance.file
    if not field_file or getattr(field_file, "_committed", True):
        return None
    return field_file.file


def _strip_image_before_save(sender, instance, raw=False, **kwargs):
    source = None if raw else _uncommitted_source(instance)
    if source is None:
        return
    stripped = strip_image_metadata(source)
    if stripped is not source:
        instance.file = stripped
    instance.width, instance.height = stripped.image_size
    instance.file_size = stripped.size
    instance.file_hash = hash_filelike(stripped)


def _strip_document_before_save(sender, instance, raw=False, **kwargs):
    source = None if raw else _uncommitted_source(instance)
    if source is None:
        return
    stripped = strip_document_metadata(source, filename=basename(source.name or instance.file.name))
    if stripped is not source:
        instance.file = stripped
    instance.file_size = stripped.size
    instance.file_hash = hash_filelike(stripped)


def _strip_staged_upload_before_save(sender, instance, raw=False, **kwargs):
    """Wagtail's multiple uploader parks the *raw request file* in an UploadedFile
    when another field of the form fails; it is later copied into the image or
    document with ``FieldFile.save()``, which no ``pre_save`` would see."""
    source = None if raw else _uncommitted_source(instance)
    if source is None or instance.for_content_type_id is None:
        return
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(instance.for_content_type_id).model_class()
    if model is None:
        return
    if issubclass(model, get_image_model()):
        stripped = strip_image_metadata(source)
    elif issubclass(model, get_document_model()):
        stripped = strip_document_metadata(
            source, filename=basename(source.name or instance.file.name)
        )
    else:
        return
    if stripped is not source:
        instance.file = stripped


def connect_upload_signals() -> None:
    """Clean files on ``pre_save`` of the image, document and ``UploadedFile`` models.

    Only a file that has not been written to storage yet (a new upload) is touched;
    it is replaced with the cleaned copy and ``width``/``height``, ``file_size`` and
    ``file_hash`` are set from that copy. Files already cleaned by the forms are not
    re-encoded. A file that can't be cleaned raises ``ValidationError`` and nothing
    is saved. Raw saves (fixtures) are left alone. Safe to call more than once.

    Note: ``instance.file.save(name, content)`` writes to storage immediately, before
    any ``pre_save``; code doing that must call :func:`strip_image_metadata` /
    :func:`strip_document_metadata` itself.
    """
    from wagtail.models import UploadedFile

    pre_save.connect(
        _strip_image_before_save,
        sender=get_image_model(),
        dispatch_uid="safety.uploads.strip_image_before_save",
    )
    pre_save.connect(
        _strip_document_before_save,
        sender=get_document_model(),
        dispatch_uid="safety.uploads.strip_document_before_save",
    )
    pre_save.connect(
        _strip_staged_upload_before_save,
        sender=UploadedFile,
        dispatch_uid="safety.uploads.strip_staged_upload_before_save",
    )
