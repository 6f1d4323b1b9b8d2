"""What the person uploading is told when a file is refused: one function per
reason, each a ``ValidationError`` with its own code."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

from .files import MB

_DOCUMENT_TYPE_LABELS = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "odt": "OpenDocument text (.odt)",
    "txt": "text",
    "csv": "CSV",
    "xlsx": "Excel (.xlsx)",
    "pptx": "PowerPoint (.pptx)",
}


def image_unreadable_error() -> ValidationError:
    return ValidationError(
        _("This file is not an image we can read. Please upload a JPEG, PNG, GIF or WebP picture."),
        code="invalid_image",
    )


def _format_megabytes(num_bytes: int) -> str:
    return f"{num_bytes / MB:.1f}".removesuffix(".0")


def too_big_error(max_bytes: int, *, picture: bool = False) -> ValidationError:
    if picture:
        message = _("This picture is too big. Pictures can be at most %(size)s MB.")
    else:
        message = _("This file is too big. Files can be at most %(size)s MB.")
    return ValidationError(message % {"size": _format_megabytes(max_bytes)}, code="file_too_large")


def _join_labels(labels: list[str]) -> str:
    if len(labels) < 2:
        return "".join(labels)
    return _("%(list)s and %(last)s") % {"list": ", ".join(labels[:-1]), "last": labels[-1]}


def _allowed_types_message(allowed: Iterable[str]) -> str:
    labels = [_DOCUMENT_TYPE_LABELS[ext] for ext in allowed]
    return _("Only %(types)s files can be uploaded.") % {"types": _join_labels(labels)}


def wrong_type_error(allowed: Iterable[str]) -> ValidationError:
    return ValidationError(_allowed_types_message(allowed), code="invalid_document_type")


def mismatch_error(extension: str, allowed: Iterable[str]) -> ValidationError:
    return ValidationError(
        _("This file's contents don't match its .%(extension)s name, so it can't be uploaded.")
        % {"extension": extension}
        + " "
        + _allowed_types_message(allowed),
        code="document_content_mismatch",
    )


def pdf_encrypted_error() -> ValidationError:
    return ValidationError(
        _("Password-protected PDFs can't be uploaded. Please remove the password and try again."),
        code="pdf_encrypted",
    )


def pdf_damaged_error() -> ValidationError:
    return ValidationError(
        _(
            "This PDF seems to be damaged, so we can't check it for hidden information. "
            "Please save it again (for example with “Print to PDF”) and upload the new copy."
        ),
        code="pdf_damaged",
    )


def legacy_office_error() -> ValidationError:
    return ValidationError(
        _(
            "This looks like an older Office file or one protected with a password. "
            "Please save it as .docx, .xlsx or .pptx without a password and try again."
        ),
        code="legacy_or_encrypted_office_file",
    )


def document_encrypted_error() -> ValidationError:
    return ValidationError(
        _(
            "Password-protected documents can't be uploaded. "
            "Please remove the password and try again."
        ),
        code="document_encrypted",
    )


def macros_error() -> ValidationError:
    return ValidationError(
        _(
            "Files with macros can't be uploaded. "
            "Please save it as a regular .docx, .xlsx or .pptx file and try again."
        ),
        code="document_has_macros",
    )


def unsafe_archive_error() -> ValidationError:
    return ValidationError(
        _("This file is damaged or unsafe to open, so it can't be uploaded."),
        code="unsafe_archive",
    )


def not_utf8_error() -> ValidationError:
    return ValidationError(
        _(
            "This text file isn't saved as UTF-8. "
            "Please save it as UTF-8 (Unicode) text and upload it again."
        ),
        code="text_not_utf8",
    )


def unclean_output_error() -> ValidationError:
    return ValidationError(
        _("We couldn't remove the hidden information from this file, so it wasn't uploaded."),
        code="metadata_not_removed",
    )


def too_many_pixels_error() -> ValidationError:
    millions = Image.MAX_IMAGE_PIXELS // 1_000_000 if Image.MAX_IMAGE_PIXELS else 0
    return ValidationError(
        _(
            "This picture is too large to process (more than %(millions)s million pixels). "
            "Please make it smaller and upload it again."
        )
        % {"millions": millions},
        code="file_too_many_pixels",
    )
