"""Settings of a background worker that a test starts as a process of its
own (tests.service_processes.start_worker): the test settings, except that
tasks wait in the database queue for the worker, as in production, and email
goes over SMTP to the test's server (EMAIL_HOST, EMAIL_PORT and
OUTBOX_LEASE_SECONDS come from the environment, read by the base settings).

The test settings themselves keep the immediate queue: a test that wants the
worker to run its tasks switches its own TASKS to the database queue too."""

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
