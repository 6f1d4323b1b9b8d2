from .agenda_item import AgendaItem
from .body_format import BodyFormat
from .council import Council
from .decision import Decision
from .decision_ballot import DecisionBallot
from .invite import Invite
from .meeting import Meeting
from .membership import Membership
from .message import Message
from .message_change import MessageChange
from .message_revision import MessageRevision
from .position import Position
from .report import Report
from .room import Room

__all__ = [
    "AgendaItem",
    "BodyFormat",
    "Council",
    "Decision",
    "DecisionBallot",
    "Invite",
    "Meeting",
    "Membership",
    "Message",
    "MessageChange",
    "MessageRevision",
    "Position",
    "Report",
    "Room",
]
