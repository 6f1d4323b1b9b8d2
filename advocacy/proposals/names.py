"""The names shown publicly on proposals: only what people consented to."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from people.consent import kept_by_consent
from people.models import ConsentRecord

PURPOSE_AUTHOR = "Shown as an author of a reform proposal"
PURPOSE_ENDORSEMENT = "Shown as endorsing a reform proposal"


def consented_names(objects, subject_ids) -> dict[tuple[int, int], str]:
    """{(object pk, subject id): name} for active public `name` consents given
    in the context of each of `objects`: one query, or none while the same
    people's consents are unchanged (`people.consent.kept_by_consent`)."""
    objects = list(objects)
    subject_ids = list(subject_ids)
    if not objects:
        return {}
    content_type = ContentType.objects.get_for_model(objects[0])
    object_ids = sorted(obj.pk for obj in objects)

    def read():
        records = ConsentRecord.objects.active().filter(
            kind=ConsentRecord.Kind.NAME,
            audience__isnull=True,
            context_type=content_type,
            context_id__in=object_ids,
            subject_id__in=subject_ids,
        )
        records = list(records.order_by("granted_at", "pk"))
        names = {}
        for record in records:
            if record.text.strip():
                names[(record.context_id, record.subject_id)] = record.text.strip()
        return names, records

    key = ("names", content_type.pk, *object_ids, "of")
    return kept_by_consent(key, subject_ids, read)


PURPOSE_CREDIT = "Shown as an author or contributor of a reform proposal"


def name_on_proposal(user, proposal) -> str:
    """The name `user` currently agrees to be shown by on `proposal` ("" if none)."""
    record = _name_consents(user, proposal).first()
    return record.text if record is not None else ""


def _name_consents(user, proposal):
    return ConsentRecord.objects.active().filter(
        subject=user,
        kind=ConsentRecord.Kind.NAME,
        audience__isnull=True,
        context_type=ContentType.objects.get_for_model(proposal),
        context_id=proposal.pk,
    )


def set_name_on_proposal(user, proposal, name: str) -> None:
    """Show `user` on `proposal` as `name` (a public consent), or, with an
    empty name, take any such consent back. Takes effect at once."""
    from people.consent import grant_consent, revoke_consent

    name = name.strip()[:120]
    for record in _name_consents(user, proposal):
        if record.text != name:
            revoke_consent(record, actor=user)
    if name:
        grant_consent(
            user,
            kind=ConsentRecord.Kind.NAME,
            purpose=PURPOSE_CREDIT,
            text=name,
            context=proposal,
            actor=user,
        )
