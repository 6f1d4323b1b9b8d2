from .audience import Audience
from .consent import ConsentEvent, ConsentRecord, DisclosureAccess
from .content_warnings import ContentWarningTopic
from .private_uploads import PrivateUploadCollection
from .profile import Profile
from .sign_in import SignInSession
from .story import StoryPart, StoryPartGroupObjectPermission, StoryPartUserObjectPermission
from .topics import ExpertiseTopic
from .user import User

__all__ = [
    "Audience",
    "ConsentEvent",
    "ConsentRecord",
    "ContentWarningTopic",
    "DisclosureAccess",
    "ExpertiseTopic",
    "PrivateUploadCollection",
    "Profile",
    "SignInSession",
    "StoryPart",
    "StoryPartGroupObjectPermission",
    "StoryPartUserObjectPermission",
    "User",
]
