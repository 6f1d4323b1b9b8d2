"""What each reader wants collapsed behind a content warning.

Campaigns, proposals, council messages and their blocks carry topics from the
managed list (`ContentWarningTopic`). Each reader decides which topics are
collapsed behind a `<details>`: members in their preferences, visitors in a
cookie that holds only topic ids. Until someone chooses, everything that
carries a warning is collapsed: the safe default for a person who has not
had the chance to decide.
"""

from __future__ import annotations

from collections.abc import Iterable

from core import site_wide

from .models import ContentWarningTopic, Profile
from .reader_choices import remember_in_cookie

COOKIE_NAME = "content_warnings"
_NOTHING = "none"
_CACHE_ATTRIBUTE = "_hidden_content_warning_ids"


def _all_topic_ids() -> frozenset[int]:
    """Read once per process: the topics are a snippet, and a change to any
    snippet bumps the site tag (content/caching.py)."""
    return site_wide.remember(
        ("content-warning-topics",),
        lambda: frozenset(ContentWarningTopic.objects.values_list("pk", flat=True)),
    )


def _ids_from_cookie(value: str) -> frozenset[int] | None:
    """The ids a visitor chose, or None when the cookie is absent or unreadable."""
    if not value:
        return None
    if value == _NOTHING:
        return frozenset()
    try:
        return frozenset(int(part) for part in value.split("-") if part)
    except ValueError:
        return None


def _chosen_ids(request) -> frozenset[int] | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        profile = Profile.objects.filter(user=user, content_warnings_chosen=True).first()
        if profile is None:
            return None
        return frozenset(profile.content_warning_topics.values_list("pk", flat=True))
    return _ids_from_cookie(request.COOKIES.get(COOKIE_NAME, ""))


def hidden_topic_ids(request) -> frozenset[int]:
    """Ids of the topics this reader wants collapsed (every topic until they
    choose). Computed once per request."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        chosen = _chosen_ids(request)
        cached = _all_topic_ids() if chosen is None else chosen
        setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached


def topics_to_collapse(request, topics: Iterable[ContentWarningTopic]) -> list:
    """The topics among `topics` that this reader wants collapsed."""
    hidden = hidden_topic_ids(request)
    return [topic for topic in topics if topic.pk in hidden]


def save_choice(request, response, topics: Iterable[ContentWarningTopic]) -> None:
    """Remember a reader's choice: on the profile for members, in a cookie for visitors."""
    topics = list(topics)
    user = request.user
    if user.is_authenticated:
        profile = Profile.for_user(user)
        profile.content_warnings_chosen = True
        profile.save(update_fields=["content_warnings_chosen", "updated_at"])
        profile.content_warning_topics.set(topics)
    else:
        value = "-".join(str(topic.pk) for topic in sorted(topics, key=lambda t: t.pk))
        remember_in_cookie(response, COOKIE_NAME, value or _NOTHING)
    if hasattr(request, _CACHE_ATTRIBUTE):
        delattr(request, _CACHE_ATTRIBUTE)
