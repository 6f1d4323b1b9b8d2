"""Council agenda items for proposals linked to the proposal's admin editor,
which most council members cannot open (and facilitators only while the
review is open). They now link to the review page that sends each member
where they can follow it."""

import re

from django.db import migrations

EDITOR_LINK = re.compile(r"^/admin/pages/(\d+)/edit/$")


def link_to_council_review(apps, schema_editor):
    AgendaItem = apps.get_model("councils", "AgendaItem")
    ReformProposalPage = apps.get_model("advocacy", "ReformProposalPage")
    proposal_ids = set(ReformProposalPage.objects.values_list("pk", flat=True))
    for item in AgendaItem.objects.filter(link__startswith="/admin/pages/"):
        match = EDITOR_LINK.match(item.link)
        if match and int(match.group(1)) in proposal_ids:
            item.link = f"/proposals/{match.group(1)}/review/"
            item.save(update_fields=["link"])


def link_to_editor(apps, schema_editor):
    AgendaItem = apps.get_model("councils", "AgendaItem")
    review_link = re.compile(r"^/proposals/(\d+)/review/$")
    for item in AgendaItem.objects.filter(link__startswith="/proposals/"):
        match = review_link.match(item.link)
        if match:
            item.link = f"/admin/pages/{match.group(1)}/edit/"
            item.save(update_fields=["link"])


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0006_text_length_limits"),
        ("councils", "0006_text_length_limits"),
    ]

    operations = [migrations.RunPython(link_to_council_review, link_to_editor)]
