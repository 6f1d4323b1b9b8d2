"""The councils' periodic jobs (background.schedule)."""

from background.schedule import daily, every
from background.work import background_task

from .decisions import close_decisions_whose_time_ran_out
from .services.retention import apply_retention


@background_task()
def apply_retention_task() -> int:
    """Delete messages past each council's retention period; idempotent."""
    return apply_retention()


daily(at="02:00", name="councils.retention", job=apply_retention_task)


@background_task()
def close_decisions_task() -> int:
    """Close the decisions whose time ran out, and tell their councils."""
    return close_decisions_whose_time_ran_out()


every(minutes=1, name="councils.close_decisions", job=close_decisions_task)
