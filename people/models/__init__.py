from .audience import Audience, AudienceOwner, owned_audience
from .consent import ConsentEvent, ConsentRecord, DisclosureAccess
from .content_warnings import ContentWarningTopic
from .private_uploads import PrivateUploadCollection
from .profile import Profile
from .sign_in import SignInSession
from .story import StoryPart, StoryPartGroupObjectPermission, StoryPartUserObjectPermission
from .topics import ExpertiseTopic, ManagedTopic
from .user import User

__all__ = [
    "Audience",
    "AudienceOwner",
    "ConsentEvent",
    "ConsentRecord",
    "ContentWarningTopic",
    "DisclosureAccess",
    "ExpertiseTopic",
    "ManagedTopic",
    "PrivateUploadCollection",
    "Profile",
    "SignInSession",
    "StoryPart",
    "StoryPartGroupObjectPermission",
    "StoryPartUserObjectPermission",
    "User",
    "owned_audience",
]
