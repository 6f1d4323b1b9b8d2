"""The suite's guard against request paths that send email themselves
(tests/mail.py): it must keep refusing, or every other test would stop
proving it."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage, get_connection

from background.work import running_as_task
from tests.mail import EmailOutsideTask, TaskOnlyMailbox


def _message() -> EmailMessage:
    return EmailMessage("Hello", "A line.", "no-reply@localhost", ["reader@example.net"])


def test_every_test_delivers_through_the_guarded_mailbox():
    assert settings.EMAIL_BACKEND == "notifications.outbox.OutboxBackend"
    assert isinstance(get_connection(settings.OUTBOX_DELIVERY_BACKEND), TaskOnlyMailbox)


def test_the_mailbox_refuses_an_email_outside_a_task_and_takes_one_inside():
    mailbox = get_connection(settings.OUTBOX_DELIVERY_BACKEND)
    mail.outbox.clear()
    with pytest.raises(EmailOutsideTask):
        mailbox.send_messages([_message()])
    assert mail.outbox == []
    with running_as_task():
        assert mailbox.send_messages([_message()]) == 1
    assert [message.to for message in mail.outbox] == [["reader@example.net"]]
