"""The notifications app's periodic jobs (background.schedule): the outbox
sweep, and the daily summary of notices."""

from background.schedule import daily, every
from background.work import background_task

from .delivery import sweep_outbox
from .notices import send_daily_digests


@background_task()
def send_daily_digests_task() -> int:
    return send_daily_digests()


every(minutes=1, name="notifications.sweep_outbox", job=sweep_outbox)
daily(at="06:30", name="notifications.daily_digest", job=send_daily_digests_task)
