"""The per-user channel-layer group: how the server closes a person's open
sockets (council workspace) when they sign out everywhere, are removed, or
their account is disabled. Consumers join `user_group(user_id)` on connect and
close with code 4403 when they receive ACCOUNT_REVOKED."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

ACCOUNT_REVOKED = "account.revoked"
CLOSE_CODE_REVOKED = 4403


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def close_user_sockets(user_id: int, reason: str) -> None:
    """Ask every socket of `user_id`, on every worker, to close at once."""
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(
        user_group(user_id), {"type": ACCOUNT_REVOKED, "reason": reason}
    )
