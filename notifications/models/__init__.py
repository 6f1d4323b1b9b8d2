from .mailing import Mailing
from .notice import Email, Notice
from .notice_preference import NoticePreference
from .outbox_email import OutboxEmail

__all__ = ["Email", "Mailing", "Notice", "NoticePreference", "OutboxEmail"]
