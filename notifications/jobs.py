"""The outbox's periodic job (background.schedule)."""

from background.schedule import every

from .delivery import sweep_outbox

every(minutes=1, name="notifications.sweep_outbox", job=sweep_outbox)
