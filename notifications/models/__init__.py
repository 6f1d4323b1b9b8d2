from .mailing import Mailing
from .outbox_email import OutboxEmail

__all__ = ["Mailing", "OutboxEmail"]
