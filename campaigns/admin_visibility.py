"""Which unpublished campaign pages a person may know exist, for the admin.

The rule is `campaigns.policy`'s: a campaign's leads know its drafts (and the
drafts of its updates); while a campaign or update is in the survivor review,
the people who may approve it (`SurvivorReviewTask`, never the leads) know it
too. Registered with `people.admin.visibility` in `CampaignsConfig.ready()`.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page, TaskState

from .policy import campaigns_led_by


def _in_review_for(user) -> list[int]:
    """Pages in a survivor review that `user` may approve."""
    from .models import SurvivorReviewTask

    states = TaskState.objects.none()
    for task in SurvivorReviewTask.objects.filter(active=True):
        states |= task.get_task_states_user_can_moderate(user)
    object_ids = states.values_list("workflow_state__object_id", flat=True)
    return [int(object_id) for object_id in object_ids if str(object_id).isdigit()]


def unpublished_campaign_pages_known_to(user):
    """Unpublished campaigns and updates `user` leads or may review now."""
    from .models import CampaignPage, CampaignUpdatePage

    if not user.is_authenticated or not user.is_active:
        return Page.objects.none()
    led_paths = list(campaigns_led_by(user).values_list("path", flat=True))
    led = Q(pk__in=[])
    for path in led_paths:
        led |= Q(path__startswith=path)  # the campaign and its updates
    known = led | Q(pk__in=_in_review_for(user))
    campaign_types = Q(content_type__in=_content_types(CampaignPage, CampaignUpdatePage))
    return Page.objects.filter(live=False).filter(campaign_types).filter(known)


def _content_types(*models):
    from django.contrib.contenttypes.models import ContentType

    return list(ContentType.objects.get_for_models(*models).values())
