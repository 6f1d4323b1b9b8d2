from .audience import Audience
from .consent import ConsentEvent, ConsentRecord, DisclosureAccess
from .profile import Profile
from .story import StoryPart, StoryPartGroupObjectPermission, StoryPartUserObjectPermission
from .topics import ExpertiseTopic
from .user import User

__all__ = [
    "Audience",
    "ConsentEvent",
    "ConsentRecord",
    "DisclosureAccess",
    "ExpertiseTopic",
    "Profile",
    "StoryPart",
    "StoryPartGroupObjectPermission",
    "StoryPartUserObjectPermission",
    "User",
]
