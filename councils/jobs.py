"""The councils' periodic job (background.schedule)."""

from background.schedule import daily
from background.work import background_task

from .services.retention import apply_retention


@background_task()
def apply_retention_task() -> int:
    """Delete messages past each council's retention period; idempotent."""
    return apply_retention()


daily(at="02:00", name="councils.retention", job=apply_retention_task)
