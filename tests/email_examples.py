"""One realistic example of every email the platform sends, built from the
demo site and queued the way the product queues it, for
tests/test_emails_in_every_language.py.

Each outbox kind has an example, each notice kind has one emailed in detail
(the notice's own words in the email), and the discreet notice email, the
daily summary and the emails django-allauth sends through Django's mail API
have theirs. An example queues one email for a reader of a given language,
and says what the email must show as that language writes it: what people
wrote (titles, names, reasons), and dates and money in the reader's way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from advocacy.opportunities import emails as opportunity_emails
from advocacy.opportunities import notices as opportunity_notices
from advocacy.opportunities.jobs import overdue_engagements
from advocacy.opportunities.models import Engagement, OpportunityApplication, SpeakingOpportunity
from advocacy.opportunities.timezones import in_zone
from advocacy.proposals import notices as proposal_notices
from advocacy.proposals.amendments import decline_amendment
from advocacy.proposals.models import ProposalAmendment, ReformProposalPage
from campaigns import emails as campaign_emails
from campaigns import notices as campaign_notices
from campaigns.factories import PledgeFactory
from campaigns.models import CampaignPage, CampaignUpdatePage
from campaigns.updates import queue_update_emails, send_update_emails
from content.translations import in_source_language
from core.locales import date_and_time, long_date
from councils import notices as council_notices
from councils.models import Council, Decision
from councils.services.invites import create_invite
from notifications import notices
from notifications.models import Email, Notice, NoticePreference, OutboxEmail
from notifications.outbox import MESSAGE, queue_email
from pathways import notices as pathway_notices
from pathways.demo import STALE_REVIEW_SLUG
from pathways.models import RemedyPage
from people.factories import DEFAULT_PASSWORD, UserFactory
from people.models import Profile

LEADER = "leader@example.org"
FACILITATOR = "facilitator@example.org"
ORG_ADMIN = "org-admin@example.org"
SITE_ADMIN = "admin@example.org"
CAMPAIGN = "spot-a-fake-job-offer"
COUNCIL = "survivor-advisory-council"
DECLINE_REASON = "The section already says this in its second paragraph."


def page_prefix(language: str) -> str:
    """The address prefix of the site's pages in `language` ("" in English)."""
    return "" if language == "en" else f"/{language}"


class Scene:
    """The demo site as the examples use it, and a browser for the emails
    that start on a page. Each example runs in a test of its own."""

    def __init__(self, client) -> None:
        self.client = client
        self.count = 0

    def next(self) -> int:
        """A number not used before in this test (addresses, clocks)."""
        self.count += 1
        return self.count

    def user(self, email: str):
        return get_user_model().objects.get(email=email)

    def reads(self, user, language: str):
        """`user` chose `language` in their preferences."""
        profile = Profile.for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    def post(self, path: str, data: dict):
        """A form sent from a page, each time from another network address
        (the sign-in and pledge rate limits count per address)."""
        number = self.next()
        address = f"10.0.{number // 250}.{number % 250 + 1}"
        response = self.client.post(path, data, REMOTE_ADDR=address)
        assert response.status_code in (200, 302), (path, response.status_code)
        return response

    def campaign(self) -> CampaignPage:
        return in_source_language(CampaignPage.objects).get(slug=CAMPAIGN)

    def decision(self) -> Decision:
        return Decision.objects.filter(council__slug=COUNCIL).select_related("council").get()

    def application(self, status: str, applicant: str = "") -> OpportunityApplication:
        found = OpportunityApplication.objects.filter(status=status).select_related("opportunity")
        if applicant:
            found = found.filter(applicant__email=applicant)
        return found.order_by("pk").first()

    def cancelled_engagement(self) -> Engagement:
        return Engagement.objects.filter(cancelled_at__isnull=False).get()

    def paid_engagement(self) -> Engagement:
        return Engagement.objects.filter(payment_confirmed_at__isnull=False).get()

    def accepted_amendment(self) -> ProposalAmendment:
        return ProposalAmendment.objects.filter(status=ProposalAmendment.Status.ACCEPTED).first()

    def declined_amendment(self) -> ProposalAmendment:
        """The demo's pending suggestion, declined by the proposal's author
        (once, the first time it is asked for)."""
        declined = ProposalAmendment.objects.filter(status=ProposalAmendment.Status.DECLINED)
        if not declined.exists():
            pending = ProposalAmendment.objects.filter(
                status=ProposalAmendment.Status.PENDING
            ).first()
            proposal = ReformProposalPage.objects.get(pk=pending.proposal_id)
            with notices.without_emails():
                decline_amendment(pending, by=proposal.owner, reason=DECLINE_REASON)
        return declined.get()

    def proposal(self) -> ReformProposalPage:
        return ReformProposalPage.objects.live().order_by("pk").first()

    def stale_remedy(self) -> RemedyPage:
        return in_source_language(RemedyPage.objects).get(slug=STALE_REVIEW_SLUG)


@dataclass(frozen=True)
class Example:
    """One email: `queue(scene, language)` queues it for a reader of
    `language` and returns its outbox row; `shows(scene)`, called in the
    reader's language, is what it must show as that language writes it."""

    name: str
    covers: str  # the outbox kind, notice kind or sender it stands for
    queue: Callable[[Scene, str], OutboxEmail]
    shows: Callable[[Scene], list[str]] = field(default=lambda scene: [])
    links: bool = True


def _row_of(notice: Notice) -> OutboxEmail:
    return OutboxEmail.objects.get(dedupe_key=f"notice:{notice.pk}")


def _notice_example(
    kind: str,
    reader: str | Callable[[Scene], str],
    params: Callable[[Scene], dict],
    shows: Callable[[Scene], list[str]],
    name: str = "",
) -> Example:
    """A notice of `kind` to a member who asked for detailed emails about it."""

    def queue(scene: Scene, language: str) -> OutboxEmail:
        email = reader(scene) if callable(reader) else reader
        user = scene.reads(scene.user(email), language)
        NoticePreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": Email.IMMEDIATELY, "detailed": True}
        )
        return _row_of(notices.notify(user, kind, params(scene)))

    return Example(name=name or kind, covers=kind, queue=queue, shows=shows)


# --- The outbox kinds of the features -------------------------------------


def _pledge(scene: Scene, language: str, *, again: bool) -> OutboxEmail:
    """A visitor pledges on the campaign's page in `language` (a second time
    with an address that already counts, when `again`)."""
    campaign = scene.campaign()
    address = f"pledger{scene.next()}@example.net"
    if again:
        PledgeFactory(campaign=campaign, email=address, confirmed=True)
    with translation.override(language):
        page = campaign.pledge_url
    scene.post(page, {"display_name": "Mai", "email": address, "organisation": ""})
    return OutboxEmail.objects.filter(kind=campaign_emails.PLEDGE_RECEIVED, address=address).get()


def _update(scene: Scene, language: str) -> OutboxEmail:
    """A pledger who pledged in `language` and asked for updates; the
    campaign's update is mailed to its pledgers."""
    campaign = scene.campaign()
    pledge = PledgeFactory(
        campaign=campaign,
        email=f"follower{scene.next()}@example.net",
        confirmed=True,
        contact_consent=True,
        language=language,
    )
    update = CampaignUpdatePage.objects.child_of(campaign).live().get()
    send_update_emails(update)  # plans the mailing, once (the demo's publication did)
    queue_update_emails.call(update.pk)  # the mailing's task: the new pledger's email too
    return OutboxEmail.objects.get(kind=campaign_emails.UPDATE, address=pledge.email)


def _update_shows(scene: Scene) -> list[str]:
    update = CampaignUpdatePage.objects.child_of(scene.campaign()).live().get()
    return [scene.campaign().title, update.title, update.summary]


def _opportunity_digest(scene: Scene, language: str) -> OutboxEmail:
    """The weekly digest of matching opportunities, as the job queues it."""
    leader = scene.reads(scene.user(LEADER), language)
    opportunities = list(SpeakingOpportunity.objects.listed().order_by("pk")[:2])
    return queue_email(
        opportunity_emails.DIGEST,
        recipient=leader,
        params={"opportunities": [o.pk for o in opportunities]},
    )


def _opportunity_digest_shows(scene: Scene) -> list[str]:
    shown = []
    for opportunity in SpeakingOpportunity.objects.listed().order_by("pk")[:2]:
        shown += [opportunity.title, opportunity.organisation.name, opportunity.fee_display]
    return shown


def _overdue_payments(scene: Scene, language: str) -> OutboxEmail:
    """The daily note to site admins about speakers not yet paid, as the job
    queues it."""
    admin = scene.reads(scene.user(SITE_ADMIN), language)
    overdue = list(overdue_engagements().values_list("pk", flat=True))
    assert overdue, "the demo has an engagement overdue for payment"
    return queue_email(
        opportunity_emails.OVERDUE_PAYMENTS, recipient=admin, params={"engagements": overdue}
    )


def _overdue_payments_shows(scene: Scene) -> list[str]:
    shown = []
    for engagement in overdue_engagements():
        opportunity = engagement.application.opportunity
        shown += [
            opportunity.organisation.name,
            opportunity.title,
            engagement.fee_display,
            long_date(in_zone(engagement.delivered_at, engagement.time_zone)),
        ]
    return shown


# --- Notices ----------------------------------------------------------------


def _title_of(application: Callable[[Scene], OpportunityApplication]):
    return lambda scene: [application(scene).opportunity.title]


def _shortlisted(scene):
    return scene.application(OpportunityApplication.Status.SHORTLISTED)


def _accepted(scene):
    return scene.application(OpportunityApplication.Status.ACCEPTED, applicant=LEADER)


def _declined(scene):
    return scene.application(OpportunityApplication.Status.DECLINED)


def _cancelled_shows(scene: Scene) -> list[str]:
    engagement = scene.cancelled_engagement()
    return [
        engagement.application.opportunity.title,
        engagement.cancellation_reason,
        date_and_time(engagement.local_start),
    ]


def _amendment_shows(amendment: Callable[[Scene], ProposalAmendment]):
    def shows(scene: Scene) -> list[str]:
        answered = amendment(scene)
        proposal = ReformProposalPage.objects.get(pk=answered.proposal_id)
        return [proposal.title, answered.decision_reason]

    return shows


def _decision_shows(scene: Scene) -> list[str]:
    decision = scene.decision()
    return [decision.council.name, decision.question]


def _invited(scene: Scene, language: str) -> OutboxEmail:
    """A facilitator invites a member by their address to the council."""
    invitee = scene.reads(UserFactory(email=f"invitee{scene.next()}@example.org"), language)
    NoticePreference.objects.create(
        user=invitee, kind=council_notices.INVITED, email=Email.IMMEDIATELY, detailed=True
    )
    create_invite(
        by=scene.user(FACILITATOR),
        council=Council.objects.get(slug=COUNCIL),
        email=invitee.email,
    )
    return _row_of(Notice.objects.get(user=invitee, kind=council_notices.INVITED))


def _discreet(scene: Scene, language: str) -> OutboxEmail:
    """A notice to a member who did not ask for detail: the email only says
    there is one."""
    leader = scene.reads(scene.user(LEADER), language)
    NoticePreference.objects.filter(user=leader).delete()
    notice = notices.notify(
        leader, council_notices.DECISION_OPENED, {"decision": scene.decision().pk}
    )
    return _row_of(notice)


def _daily_summary(scene: Scene, language: str) -> OutboxEmail:
    """A member who asked for a daily summary; the summary is queued the next
    day (a day later for each language, one summary a day)."""
    leader = scene.reads(scene.user(LEADER), language)
    NoticePreference.objects.update_or_create(
        user=leader, kind=council_notices.DECISION_OPENED, defaults={"email": Email.DAILY}
    )
    notices.notify(leader, council_notices.DECISION_OPENED, {"decision": scene.decision().pk})
    notices.send_daily_digests(now=timezone.now() + timedelta(days=scene.next()))
    return OutboxEmail.objects.filter(kind=notices.DIGEST_EMAIL, recipient=leader).latest("pk")


# --- What django-allauth sends ------------------------------------------


def _signed_up(scene: Scene, language: str) -> OutboxEmail:
    """Someone signs up on the sign-up page in `language`."""
    address = f"newcomer{scene.next()}@example.net"
    scene.post(
        f"{page_prefix(language)}/accounts/signup/",
        {"email": address, "password1": DEFAULT_PASSWORD, "password2": DEFAULT_PASSWORD},
    )
    return OutboxEmail.objects.get(kind=MESSAGE, address=address)


def _member_reading(scene: Scene, language: str):
    """A member who chose `language`, and a page in another language (the
    one the person at the keyboard uses)."""
    member = scene.reads(UserFactory(email=f"member{scene.next()}@example.org"), language)
    return member, page_prefix("th" if language == "en" else "en")


def _password_reset(scene: Scene, language: str) -> OutboxEmail:
    """A member's password reset, asked for on a page in another language."""
    member, elsewhere = _member_reading(scene, language)
    scene.post(f"{elsewhere}/accounts/password/reset/", {"email": member.email})
    return OutboxEmail.objects.get(kind=MESSAGE, address=member.email)


def _already_has_account(scene: Scene, language: str) -> OutboxEmail:
    """Someone signs up, on a page in another language, with the address of
    a member: the member is told, and nobody learns the address has an account."""
    member, elsewhere = _member_reading(scene, language)
    scene.post(
        f"{elsewhere}/accounts/signup/",
        {"email": member.email, "password1": DEFAULT_PASSWORD, "password2": DEFAULT_PASSWORD},
    )
    return OutboxEmail.objects.get(kind=MESSAGE, address=member.email)


def _unknown_account(scene: Scene, language: str) -> OutboxEmail:
    """A password reset asked for, on a page in `language`, for an address
    that has no account."""
    address = f"stranger{scene.next()}@example.net"
    scene.post(f"{page_prefix(language)}/accounts/password/reset/", {"email": address})
    return OutboxEmail.objects.get(kind=MESSAGE, address=address)


def _new_address(scene: Scene, language: str) -> OutboxEmail:
    """A member adds a second address, on a page in another language."""
    member, elsewhere = _member_reading(scene, language)
    address = f"second{scene.next()}@example.net"
    scene.client.force_login(member)
    scene.post(f"{elsewhere}/accounts/email/", {"email": address, "action_add": ""})
    scene.client.logout()
    return OutboxEmail.objects.get(kind=MESSAGE, address=address)


ALLAUTH = "django-allauth"

EXAMPLES: list[Example] = [
    # The outbox kinds of the features.
    Example(
        "campaigns.pledge_received (confirm)",
        campaign_emails.PLEDGE_RECEIVED,
        lambda scene, language: _pledge(scene, language, again=False),
        lambda scene: [scene.campaign().title],
    ),
    Example(
        "campaigns.pledge_received (already counted)",
        campaign_emails.PLEDGE_RECEIVED,
        lambda scene, language: _pledge(scene, language, again=True),
        lambda scene: [scene.campaign().title],
    ),
    Example("campaigns.update", campaign_emails.UPDATE, _update, _update_shows),
    Example(
        "opportunities.digest",
        opportunity_emails.DIGEST,
        _opportunity_digest,
        _opportunity_digest_shows,
    ),
    Example(
        "opportunities.overdue_payments",
        opportunity_emails.OVERDUE_PAYMENTS,
        _overdue_payments,
        _overdue_payments_shows,
        links=False,
    ),
    # Notices, each emailed in detail (the outbox kind notifications.notice).
    _notice_example(
        opportunity_notices.SHORTLISTED,
        lambda scene: _shortlisted(scene).applicant.email,
        lambda scene: {"application": _shortlisted(scene).pk},
        _title_of(_shortlisted),
    ),
    _notice_example(
        opportunity_notices.ACCEPTED,
        LEADER,
        lambda scene: {"application": _accepted(scene).pk},
        _title_of(_accepted),
    ),
    _notice_example(
        opportunity_notices.DECLINED,
        lambda scene: _declined(scene).applicant.email,
        lambda scene: {"application": _declined(scene).pk},
        _title_of(_declined),
    ),
    _notice_example(
        opportunity_notices.CANCELLED,
        lambda scene: scene.cancelled_engagement().application.applicant.email,
        lambda scene: {"engagement": scene.cancelled_engagement().pk},
        _cancelled_shows,
    ),
    _notice_example(
        opportunity_notices.MARKED_PAID,
        lambda scene: scene.paid_engagement().application.applicant.email,
        lambda scene: {"engagement": scene.paid_engagement().pk},
        lambda scene: [scene.paid_engagement().application.opportunity.title],
    ),
    _notice_example(
        opportunity_notices.PAYMENT_CONFIRMED,
        ORG_ADMIN,
        lambda scene: {"engagement": scene.paid_engagement().pk},
        lambda scene: [scene.paid_engagement().application.opportunity.title],
    ),
    _notice_example(
        proposal_notices.AMENDMENT_ANSWERED,
        lambda scene: scene.accepted_amendment().proposer.email,
        lambda scene: {"amendment": scene.accepted_amendment().pk},
        _amendment_shows(lambda scene: scene.accepted_amendment()),
        name="proposals.amendment_answered (accepted)",
    ),
    _notice_example(
        proposal_notices.AMENDMENT_ANSWERED,
        lambda scene: scene.declined_amendment().proposer.email,
        lambda scene: {"amendment": scene.declined_amendment().pk},
        _amendment_shows(lambda scene: scene.declined_amendment()),
        name="proposals.amendment_answered (declined)",
    ),
    _notice_example(
        proposal_notices.STALE,
        lambda scene: scene.proposal().owner.email,
        lambda scene: {"page": scene.proposal().pk},
        lambda scene: [scene.proposal().title],
    ),
    _notice_example(
        council_notices.DECISION_OPENED,
        LEADER,
        lambda scene: {"decision": scene.decision().pk},
        _decision_shows,
    ),
    _notice_example(
        council_notices.DECISION_CLOSED,
        LEADER,
        lambda scene: {"decision": scene.decision().pk},
        _decision_shows,
    ),
    Example(
        council_notices.INVITED,
        council_notices.INVITED,
        _invited,
        lambda scene: [Council.objects.get(slug=COUNCIL).name],
    ),
    _notice_example(
        pathway_notices.NEEDS_CHECKING,
        SITE_ADMIN,
        lambda scene: {"page": scene.stale_remedy().pk},
        lambda scene: [scene.stale_remedy().title],
    ),
    _notice_example(
        campaign_notices.GOAL_REACHED,
        LEADER,
        lambda scene: {"campaign": scene.campaign().pk},
        lambda scene: [scene.campaign().title, str(scene.campaign().pledge_target)],
    ),
    _notice_example(
        campaign_notices.STALE,
        LEADER,
        lambda scene: {"page": scene.campaign().pk},
        lambda scene: [scene.campaign().title],
    ),
    # The notice emails themselves.
    Example("notifications.notice (discreet)", notices.NOTICE_EMAIL, _discreet, links=False),
    Example("notifications.digest", notices.DIGEST_EMAIL, _daily_summary, links=False),
    # Sign-up and sign-in emails (django-allauth, through Django's mail API).
    Example("allauth: sign-up confirmation", ALLAUTH, _signed_up),
    Example("allauth: password reset", ALLAUTH, _password_reset),
    Example("allauth: sign-up with a member's address", ALLAUTH, _already_has_account),
    Example("allauth: password reset for an address without an account", ALLAUTH, _unknown_account),
    Example("allauth: a second address to confirm", ALLAUTH, _new_address),
]
