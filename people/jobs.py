"""The people app's periodic job (background.schedule)."""

from background.schedule import every
from background.work import background_task

from .consent import expire_consents


@background_task()
def expire_consents_task() -> int:
    """Log expired consents and remove the grants behind them; idempotent."""
    return expire_consents()


every(minutes=60, name="people.expire_consents", job=expire_consents_task)
