"""The bare Channels broadcast consumer: the fan-out baseline.

It does what any chat room must (authenticate, join a group, broadcast what it
receives) and nothing else: no database, no permission check, no sanitising. The
council consumer's figures are divided by this one's, measured in the same run on the
same server and channel layer.
"""

from channels.generic.websocket import AsyncWebsocketConsumer

CLOSE_CODE_UNAUTHENTICATED = 4401


class BareBroadcastConsumer(AsyncWebsocketConsumer):
    """Relay every text frame to everyone in the room, unchanged."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_CODE_UNAUTHENTICATED)
            return
        self.group = f"bench-room-{self.scope['url_route']['kwargs']['room']}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        if text_data is not None:
            await self.channel_layer.group_send(
                self.group, {"type": "room.message", "text": text_data}
            )

    async def room_message(self, event):
        await self.send(text_data=event["text"])
