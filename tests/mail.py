"""The test suite's mailbox: Django's in-memory one, which refuses any email
handed to it outside a background task. Every test runs with it (settings and
conftest.py), so a request path that sends email itself fails the suite."""

from django.core.mail.backends.locmem import EmailBackend

from background.work import in_task


class EmailOutsideTask(AssertionError):
    pass


class TaskOnlyMailbox(EmailBackend):
    def send_messages(self, messages):
        if not in_task():
            raise EmailOutsideTask(
                "An email was handed to the mail server outside a background task. "
                "Queue it in the outbox (notifications.outbox) instead."
            )
        return super().send_messages(messages)
