"""What every cleaner returns, and how an upload is read."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

MB = 1024 * 1024
DEFAULT_MAX_UPLOAD_BYTES = 10 * MB


class StrippedFile(ContentFile):
    """A ``ContentFile`` whose content has already been cleaned by this package.

    ``kind`` is ``"image"`` or ``"document"``; images also carry ``image_size``
    (width, height) and ``image_format`` (the Pillow format written).
    """

    metadata_stripped = True

    def __init__(
        self,
        content: bytes,
        name: str,
        *,
        kind: str,
        image_size: tuple[int, int] | None = None,
        image_format: str | None = None,
    ) -> None:
        super().__init__(content, name=name)
        self.kind = kind
        self.image_size = image_size
        self.image_format = image_format


def read_bytes(file, limit: int | None, too_big: Callable[[], ValidationError]) -> bytes:
    """Read a Django File / UploadedFile / file-like from the start, at most ``limit`` bytes."""
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if getattr(file, "closed", False) and hasattr(file, "open"):
            file.open("rb")
        with contextlib.suppress(AttributeError, OSError, ValueError):
            file.seek(0)
        data = file.read() if limit is None else file.read(limit + 1)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            file.seek(0)
        if isinstance(data, str):
            data = data.encode("utf-8")
    if limit is not None and len(data) > limit:
        raise too_big()
    return data


def basename(name: str | None) -> str:
    return os.path.basename((name or "").replace("\\", "/"))
