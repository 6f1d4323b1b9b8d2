from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from people.models import ManagedTopic


class PreventionTopic(ManagedTopic):
    """What a campaign helps prevent (managed list): fake job offers, debt bondage…"""

    class Meta(ManagedTopic.Meta):
        verbose_name = _("prevention topic")


register_snippet(PreventionTopic)
