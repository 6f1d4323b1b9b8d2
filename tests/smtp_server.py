"""A real SMTP server inside the test process (aiosmtpd), on a free loopback
port: what the outbox's delivery tests and the outbox benchmark hand email to.

It records every message it accepts (Message-ID, recipients, subject) and can
misbehave the ways mail servers do:

- `refuse_after(n, code, stage)`: accept `n` more messages, then answer each
  DATA (or RCPT) with a temporary refusal (421 closes the channel, 451 keeps
  it) until `recover()`, or until it has refused `refusals` messages;
- `refuse_address(address)`: answer 550 (mailbox unavailable) to that
  recipient, for good;
- `delay`: wait this long after receiving each message before answering, so
  that a batch is still going when a test acts on it.

A message counts as received once its content has arrived, before the answer
is sent: as a real server, which keeps what it was given even when the
client is gone before reading the reply.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default as default_policy

from aiosmtpd.controller import Controller

from tests.service_processes import free_port

__all__ = ["Received", "SMTPServer"]

# aiosmtpd logs every connection and every refusal it sends at INFO/WARNING.
logging.getLogger("mail.log").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Received:
    """One message as the server took it."""

    message_id: str
    to: tuple[str, ...]
    subject: str


class _Handler:
    def __init__(self, server: SMTPServer) -> None:
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.server.refused_addresses:
            return "550 5.1.1 Mailbox unavailable"
        refusal = self.server._refusal("RCPT")
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        refusal = self.server._refusal("DATA")
        if refusal:
            return refusal
        self.server._record(envelope)
        if self.server.delay:
            await asyncio.sleep(self.server.delay)
        return "250 2.0.0 Accepted"


class SMTPServer:
    """`with SMTPServer() as smtp:` or `start()` / `stop()`; `port` is known
    before it starts, so a test can first find nothing listening there."""

    def __init__(self, *, port: int | None = None, delay: float = 0.0) -> None:
        self.port = port or free_port()
        self.host = "127.0.0.1"
        self.delay = delay
        self.refused_addresses: set[str] = set()
        self._lock = threading.Lock()
        self._received: list[Received] = []
        self._refuse_after: int | None = None
        self._refusal_code = 451
        self._refusal_stage = "DATA"
        self._refusals_left: int | None = None
        self.refused = 0
        # time.monotonic() when the last message was received (None: none yet).
        self.last_at: float | None = None
        self._controller: Controller | None = None

    # -- running -----------------------------------------------------------

    def start(self) -> SMTPServer:
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SMTPServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- misbehaving -------------------------------------------------------

    def refuse_after(
        self, accepted: int, code: int = 451, refusals: int | None = None, stage: str = "DATA"
    ) -> None:
        """Accept `accepted` more messages, then refuse each with `code` at
        `stage` ("DATA" or "RCPT") until `recover()` (or until `refusals`
        were refused)."""
        if not 400 <= code < 500:
            raise ValueError("A refusal that the client may try again is a 4xx code.")
        if stage not in ("DATA", "RCPT"):
            raise ValueError("A message is refused at RCPT or at DATA.")
        with self._lock:
            self._refuse_after = len(self._received) + accepted
            self._refusal_code = code
            self._refusals_left = refusals
            self._refusal_stage = stage

    def recover(self) -> None:
        with self._lock:
            self._refuse_after = None

    def refuse_address(self, address: str) -> None:
        self.refused_addresses.add(address.lower())

    def _refusal(self, stage: str) -> str | None:
        """The refusal to answer at `stage` now, if the server is refusing."""
        with self._lock:
            if (
                self._refuse_after is None
                or stage != self._refusal_stage
                or len(self._received) < self._refuse_after
            ):
                return None
            self.refused += 1
            if self._refusals_left is not None:
                self._refusals_left -= 1
                if self._refusals_left <= 0:
                    self._refuse_after = None
            return f"{self._refusal_code} 4.3.2 Busy, try again later"

    def _record(self, envelope) -> None:
        message = message_from_bytes(envelope.content, policy=default_policy)
        with self._lock:
            self._received.append(
                Received(
                    message_id=str(message.get("Message-ID", "")),
                    to=tuple(envelope.rcpt_tos),
                    subject=str(message.get("Subject", "")),
                )
            )
            self.last_at = time.monotonic()

    # -- what arrived ------------------------------------------------------

    @property
    def received(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    def count(self) -> int:
        with self._lock:
            return len(self._received)

    def per_recipient(self) -> Counter:
        """How many messages each address received."""
        return Counter(address for message in self.received for address in message.to)

    def message_ids_per_recipient(self) -> dict[str, set[str]]:
        """The distinct Message-IDs each address received."""
        found: dict[str, set[str]] = defaultdict(set)
        for message in self.received:
            for address in message.to:
                found[address].add(message.message_id)
        return dict(found)

    def wait_for(self, count: int, timeout: float) -> bool:
        """True once at least `count` messages arrived; False after `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= count:
                return True
            time.sleep(0.01)
        return self.count() >= count
