"""Channel-layer groups through which the server closes open sockets (council
workspace): one per person, for signing out everywhere, removal and disabled
accounts, and one per signed-in session, for signing out of one device.
Consumers join both on connect and close with code 4403 when they receive
ACCOUNT_REVOKED."""

import hashlib
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

ACCOUNT_REVOKED = "account.revoked"
CLOSE_CODE_REVOKED = 4403


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def session_group(session_key: str) -> str:
    """The group of one session's sockets. Named by a hash, because a session
    key is a credential and group names are stored in Redis."""
    return "session." + hashlib.sha256(session_key.encode()).hexdigest()[:40]


def _close(groups: Iterable[str], reason: str) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    for group in groups:
        async_to_sync(layer.group_send)(group, {"type": ACCOUNT_REVOKED, "reason": reason})


def close_user_sockets(user_id: int, reason: str) -> None:
    """Ask every socket of `user_id`, on every worker, to close at once."""
    _close([user_group(user_id)], reason)


def close_session_sockets(session_keys: Iterable[str], reason: str) -> None:
    """Ask the sockets opened in these sessions (only) to close at once."""
    _close([session_group(key) for key in session_keys if key], reason)
