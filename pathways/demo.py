"""Demo justice pathways: eleven remedies in the United States (federal law),
New York and Thailand, and a directory of demo legal and support services in
each. Called by `load_demo_data` after the councils, proposals and campaigns
demos; idempotent.

The remedies are real and their sources are cited, but the words stay general
and hedged ("usually", "ask a lawyer"): a page explains a path, it never tells
anyone what to do. Time limits that depend on the case say so instead of
giving a number. Two records are deliberately old, so the demo shows what a
reader and an editor see when something needs checking again: one deadline
checked more than a year ago, and one page the council last reviewed more
than a year ago.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.utils import timezone

from advocacy.organisations.models import Organisation
from content.translations import in_source_language
from councils.models import Council

from .models import (
    Cost,
    Demand,
    HarmKind,
    Jurisdiction,
    JusticePathway,
    LawyerQuestion,
    Outcome,
    RelatedCampaign,
    RemedyDeadline,
    RemedyIndexPage,
    RemedyPage,
    RemedySource,
    ServiceCost,
    ServiceLanguage,
    ServiceListing,
    SupportService,
    TimeNeeded,
)

# The day this content was written and checked against its sources.
WRITTEN_ON = datetime.date(2026, 12, 4)
# The deliberate stale examples: older than freshness.REVIEW_INTERVAL.
STALE_CHECK = datetime.date(2025, 6, 2)
STALE_REVIEW = datetime.date(2025, 9, 15)

COUNCIL_SLUG = "survivor-advisory-council"

JURISDICTIONS = [
    # code, name, parent code, position
    ("us", "United States (federal law)", None, 0),
    ("us-ny", "New York", "us", 1),
    ("th", "Thailand", None, 2),
]

# Official sources whose addresses follow patterns we are sure of; anything
# else is cited by title only rather than with an address that might be wrong.
USC_1593 = "https://www.law.cornell.edu/uscode/text/18/1593"
USC_1595 = "https://www.law.cornell.edu/uscode/text/18/1595"
USC_3613 = "https://www.law.cornell.edu/uscode/text/18/3613"
USC_3771 = "https://www.law.cornell.edu/uscode/text/18/3771"
USC_7105 = "https://www.law.cornell.edu/uscode/text/22/7105"
CFR_214_11 = "https://www.law.cornell.edu/cfr/text/8/214.11"
CFR_214_14 = "https://www.law.cornell.edu/cfr/text/8/214.14"
USCIS_T = (
    "https://www.uscis.gov/humanitarian/victims-of-human-trafficking-and-other-crimes/"
    "victims-of-human-trafficking-t-nonimmigrant-status"
)
USCIS_U = (
    "https://www.uscis.gov/humanitarian/victims-of-human-trafficking-and-other-crimes/"
    "victims-of-criminal-activity-u-nonimmigrant-status"
)
DHS_CP = "https://www.dhs.gov/continued-presence"
NY_CPL_440_10 = "https://www.nysenate.gov/legislation/laws/CPL/440.10"
NY_SOS_483_BB = "https://www.nysenate.gov/legislation/laws/SOS/483-BB"
NY_EXEC_625 = "https://www.nysenate.gov/legislation/laws/EXC/625"
NY_OVS = "https://ovs.ny.gov"

NIJ_STUDY = (
    "Hussemann, Owens, Love et al., Bending Towards Justice: Perceptions of Justice "
    "among Human Trafficking Survivors (Urban Institute, 2018; NIJ award 2015-VF-GX-0108), "
    "summarised by the National Institute of Justice, 7 April 2021"
)
DALBERG_STUDY = (
    "Gupta, Marks, Rathi, Sunavala and Vats, Placing survivor needs at the heart of "
    "justice systems in Southeast Asia's fight against human trafficking (Dalberg "
    "Advisors for Porticus Asia)"
)
CIVIL_LITIGATION_REVIEW = (
    "Civil litigation for trafficking survivors: survivor-led, trauma-informed "
    "justice and the limits of compensation (case review including Ross, D. Kan.)"
)
THAI_ACT = "Anti-Trafficking in Persons Act B.E. 2551 (2008), Thailand, as amended"
THAI_ACT_S35 = f"{THAI_ACT}, section 35 (compensation claimed by the public prosecutor)"
THAI_ACT_S33 = (
    f"{THAI_ACT}, sections 33 and 34 (assistance, and being told of the right to compensation)"
)
THAI_ACT_FUND = f"{THAI_ACT}, sections 42 to 44 (the Anti-Trafficking in Persons Fund)"


def _deadline(code, kind, source_title, *, period="", years=None, notes="", url="", checked=None):
    return {
        "code": code,
        "kind": kind,
        "period": period,
        "years": years,
        "notes": notes,
        "source_title": source_title,
        "source_url": url,
        "checked_on": checked or WRITTEN_ON,
    }


K = RemedyDeadline.Kind

REMEDIES = [
    # ---------------------------------------------------------------- restorative
    {
        "slug": "federal-criminal-restitution",
        "title": "Restitution in a U.S. federal criminal case",
        "pathway": JusticePathway.RESTORATIVE,
        "summary": (
            "When someone is convicted of a federal trafficking crime, the court must order "
            "them to pay restitution to the people they harmed. It is part of the criminal "
            "case, so you do not bring it yourself, but you can ask that it is not forgotten."
        ),
        "who_it_is_for": (
            "<p>Survivors of forced work or commercial sexual exploitation whose case is "
            "prosecuted under the federal trafficking laws (chapter 77 of title 18 of the U.S. "
            "Code), whatever their immigration status.</p>"
        ),
        "how_it_works": (
            "<p>Restitution is ordered at sentencing, after a conviction. Under 18 U.S.C. "
            "§ 1593 it is mandatory for these crimes, and it covers the full amount of your "
            "losses. It can also include the value of your work: the greater of what the "
            "person gained from it or what you should have been paid under minimum-wage and "
            "overtime law.</p>"
            "<ul><li>The prosecutor, usually with a victim-witness coordinator, gathers what "
            "you lost. Receipts, pay records and notes of hours help, but you do not need all "
            "of them.</li>"
            "<li>You may give a statement about the impact on you, in writing if you "
            "prefer.</li>"
            "<li>An order is not the same as payment. Research by legal centres shows that "
            "restitution is often not asked for or not ordered, and money can be hard to "
            "collect when assets are hidden or spent.</li></ul>"
            "<p>A lawyer of your own, separate from the prosecutor, can help make sure your "
            "losses are counted.</p>"
        ),
        "outcomes": ["compensation", "acknowledgement"],
        "harm_kinds": ["labour", "sexual", "domestic"],
        "services": ["restitution", "criminal-advocacy"],
        "time_needed": TimeNeeded.YEARS,
        "testimony": Demand.SOMETIMES,
        "contact_with_trafficker": Demand.SOMETIMES,
        "cost": Cost.FREE,
        "retraumatisation_risk": Demand.SOMETIMES,
        "asks_notes": (
            "It depends on a criminal case, which moves at the court's pace, not yours. You "
            "may be asked to testify at trial, where the person accused is usually present; "
            "there is no cost to you for restitution itself."
        ),
        "deadlines": [
            _deadline(
                "us",
                K.VARIES,
                "18 U.S.C. § 1593 (mandatory restitution); 18 U.S.C. § 3613(b) (how long an "
                "order lasts)",
                period="Ordered at sentencing; there is no separate form to file by a date",
                notes=(
                    "Restitution is decided when the person is sentenced, so the time to raise "
                    "your losses is before then. An order can usually be enforced for twenty "
                    "years after judgment or release from prison, whichever is later. Ask a "
                    "lawyer what this means in your case."
                ),
                url=USC_1593,
            ),
        ],
        "questions": [
            "Has the prosecutor included all of my losses, including unpaid wages, in the "
            "restitution request?",
            "Can I give my impact statement in writing, or without being in the same room?",
            "What happens if the person has no money or has hidden it?",
            "Can I still bring a civil case if restitution is ordered?",
            "Who will tell me when payments arrive, and how?",
        ],
        "sources": [
            ("18 U.S.C. § 1593, Mandatory restitution", USC_1593),
            ("18 U.S.C. § 3613, Civil remedies for satisfaction of an unpaid fine", USC_3613),
            (
                "18 U.S.C. § 3771, Crime victims' rights (the right to full and timely "
                "restitution)",
                USC_3771,
            ),
            ("The Human Trafficking Legal Center, Our goals (restitution is rarely ordered)", ""),
        ],
        "campaigns": ["know-your-rights-at-work"],
        "proposals": ["pay-restitution-first-from-assets-seized-from-traffickers"],
    },
    {
        "slug": "federal-civil-suit",
        "title": "A civil case for damages under U.S. federal law",
        "pathway": JusticePathway.RESTORATIVE,
        "summary": (
            "You can sue the people who trafficked you, and anyone who knowingly benefited "
            "from it, for money. A civil case is led by you and your lawyer, not by the "
            "state, and it moves only when you are ready."
        ),
        "who_it_is_for": (
            "<p>Survivors of forced work, commercial sexual exploitation or domestic "
            "servitude covered by the federal trafficking laws. No criminal conviction is "
            "needed, and the case can be brought against businesses that benefited, not only "
            "against individuals.</p>"
        ),
        "how_it_works": (
            "<p>18 U.S.C. § 1595 lets a survivor bring a civil action in a federal court for "
            "damages and reasonable lawyers' fees, against the perpetrator or anyone who "
            "knowingly benefited from taking part in a venture they knew or should have known "
            "was trafficking.</p>"
            "<ul><li>You decide whether and when to start, and you can stop. Many lawyers "
            "spend months building trust before anything is filed.</li>"
            "<li>The standard of proof is usually lower than in a criminal case.</li>"
            "<li>If there is a criminal case about the same events, the civil case is "
            "usually paused until it ends.</li>"
            "<li>Winning a judgment does not always mean being paid: defendants may have "
            "hidden or spent their money. Cases against businesses can be easier to "
            "collect.</li></ul>"
        ),
        "outcomes": ["compensation", "acknowledgement", "change-for-others"],
        "harm_kinds": ["labour", "sexual", "domestic", "criminal"],
        "services": ["civil-litigation"],
        "time_needed": TimeNeeded.YEARS,
        "testimony": Demand.USUALLY,
        "contact_with_trafficker": Demand.SOMETIMES,
        "cost": Cost.VARIES,
        "retraumatisation_risk": Demand.SOMETIMES,
        "asks_notes": (
            "You will usually answer questions under oath from the other side's lawyers "
            "(a deposition), and a trial, if there is one, is public. Many lawyers take these "
            "cases without charging you up front, and the court can order the other side to "
            "pay your lawyers' fees."
        ),
        "deadlines": [
            _deadline(
                "us",
                K.LIMITATION,
                "18 U.S.C. § 1595(c)",
                period=(
                    "10 years after the claim arose, or 10 years after you turned 18 if you "
                    "were a child then, whichever is later"
                ),
                years=10,
                notes=(
                    "When a claim 'arises' can depend on the facts, for example when the "
                    "trafficking ended. Ask a lawyer how the time is counted for you."
                ),
                url=USC_1595,
            ),
            _deadline(
                "us-ny",
                K.VARIES,
                "New York Social Services Law § 483-bb(c) (civil action by a survivor of "
                "trafficking), as amended",
                period="Depends on the claim: ask a lawyer",
                notes=(
                    "New York law also allows a civil case in the state's courts. Its time "
                    "limit depends on the claim and has been lengthened by later amendments, "
                    "so this demo does not state a number. A federal case under § 1595 may "
                    "be brought from New York too."
                ),
                url=NY_SOS_483_BB,
            ),
        ],
        "questions": [
            "Who, besides the person who trafficked me, might be responsible: a recruiter, "
            "an employer, a hotel, a business that bought what we made?",
            "How will you count the time limit in my case?",
            "Will you charge me anything, now or if we win?",
            "Can I give my deposition with support, breaks, or from another room?",
            "Can my name be kept out of public court papers?",
            "What happens if we win but they cannot pay?",
        ],
        "sources": [
            ("18 U.S.C. § 1595, Civil remedy", USC_1595),
            (CIVIL_LITIGATION_REVIEW, ""),
            (
                "The Human Trafficking Legal Center, Our goals (civil litigation and strategic "
                "litigation)",
                "",
            ),
        ],
        "campaigns": ["ask-who-made-it"],
        "proposals": [],
    },
    {
        "slug": "new-york-compensation",
        "title": "Compensation from New York's Office of Victim Services",
        "pathway": JusticePathway.RESTORATIVE,
        "summary": (
            "New York's Office of Victim Services can pay some costs that come from a crime, "
            "such as counselling, medical care or lost earnings, without anyone having to be "
            "convicted first."
        ),
        "who_it_is_for": (
            "<p>People harmed by a crime in New York, and in some cases their families. "
            "Whether a survivor of trafficking qualifies, and for which costs, depends on the "
            "rules and on what happened: the office or a lawyer can tell you.</p>"
        ),
        "how_it_works": (
            "<p>You apply to the Office of Victim Services, usually with help from an "
            "advocate at a programme the office funds. It pays costs you have had, or will "
            "have, that nobody else covers (such as insurance): it is a payer of last "
            "resort, and it does not pay for pain and suffering.</p>"
            "<ul><li>A conviction is not needed, but the crime usually has to have been "
            "reported to a criminal justice agency or another recognised body.</li>"
            "<li>Those advocates can help you fill in the application for free.</li></ul>"
        ),
        "outcomes": ["compensation", "safety"],
        "harm_kinds": ["labour", "sexual", "domestic", "criminal"],
        "services": ["counselling", "criminal-advocacy"],
        "time_needed": TimeNeeded.MONTHS,
        "testimony": Demand.SOMETIMES,
        "contact_with_trafficker": Demand.NONE,
        "cost": Cost.FREE,
        "retraumatisation_risk": Demand.SOMETIMES,
        "asks_notes": (
            "The application asks what happened in general terms and for proof of the costs. "
            "It does not involve meeting the person who caused harm."
        ),
        "deadlines": [
            # The deliberate stale example: checked more than twelve months ago.
            _deadline(
                "us-ny",
                K.VARIES,
                "New York Executive Law § 625 (time for filing a claim)",
                period="A set time after the crime or after it was reported, with exceptions",
                notes=(
                    "There is a filing deadline, and it can be extended for good cause; the "
                    "rules have been changed in recent years. Check the current time limit "
                    "with the Office of Victim Services or a lawyer before relying on it."
                ),
                url=NY_EXEC_625,
                checked=STALE_CHECK,
            ),
        ],
        "questions": [
            "Do I qualify as a survivor of trafficking if I was not physically injured?",
            "Which of my costs can the office pay, and which can it not?",
            "Does the crime have to have been reported to the police, or is another agency enough?",
            "Is there still time for me to apply, and can the deadline be extended?",
        ],
        "sources": [
            ("New York Executive Law, Article 22 (Office of Victim Services)", NY_EXEC_625),
            ("New York State Office of Victim Services", NY_OVS),
        ],
        "campaigns": [],
        "proposals": [],
    },
    {
        "slug": "thailand-compensation-claim",
        "title": "Compensation claimed with the criminal case in Thailand",
        "pathway": JusticePathway.RESTORATIVE,
        "summary": (
            "In Thailand, the public prosecutor can claim compensation for you as part of the "
            "criminal case against the trafficker, without court fees. You can also ask the "
            "Ministry of Social Development and Human Security for help while you wait."
        ),
        "who_it_is_for": (
            "<p>People trafficked in or through Thailand, of any nationality, when there is a "
            "criminal case under the Anti-Trafficking in Persons Act.</p>"
        ),
        "how_it_works": (
            "<p>Under the Act, the police or prosecutor should tell you early on that you "
            "have a right to compensation and to legal aid. If you say you want to claim, "
            "the public prosecutor claims it on your behalf, either with the charges or "
            "during the trial in the court of first instance.</p>"
            "<ul><li>The court decides the claim as part of the criminal judgment. If "
            "compensation is ordered, the Legal Execution Department is responsible for "
            "enforcing it.</li>"
            "<li>The claim and its enforcement are free of court costs.</li>"
            "<li>The Anti-Trafficking in Persons Fund can pay for assistance such as shelter, "
            "medical care, rehabilitation, legal aid and safety protection; it is not the "
            "same as compensation from the offender.</li></ul>"
            "<p>Survivors in the region told researchers that money often came late or not "
            "at all, and that it should not depend on going through a trial. A lawyer or a "
            "support organisation can follow the claim for you.</p>"
        ),
        "outcomes": ["compensation", "acknowledgement"],
        "harm_kinds": ["labour", "sexual", "domestic", "criminal"],
        "services": ["restitution", "criminal-advocacy", "shelter"],
        "time_needed": TimeNeeded.YEARS,
        "testimony": Demand.USUALLY,
        "contact_with_trafficker": Demand.SOMETIMES,
        "cost": Cost.FREE,
        "retraumatisation_risk": Demand.SOMETIMES,
        "asks_notes": (
            "The claim is tied to the criminal case, so you may be asked to give evidence. "
            "Thai law allows testimony to be taken early and recorded in some cases, so that "
            "it does not have to be given again later: ask about it."
        ),
        "deadlines": [
            _deadline(
                "th",
                K.VARIES,
                THAI_ACT_S35,
                period="While the criminal case is at the court of first instance",
                notes=(
                    "The prosecutor can add the claim when charging or at any time during the "
                    "trial at first instance, so it is best raised early. Other ways to claim "
                    "have their own time limits: ask a lawyer."
                ),
            ),
        ],
        "questions": [
            "Has the prosecutor been told that I want to claim compensation, and for what?",
            "Can my testimony be recorded early so I do not have to give it again?",
            "What help can the Anti-Trafficking in Persons Fund give me while the case goes on?",
            "If compensation is ordered, who follows up to make sure it is paid?",
            "Can I claim even if I have gone home to another country?",
        ],
        "sources": [
            (THAI_ACT_S35, ""),
            (THAI_ACT_S33, ""),
            (THAI_ACT_FUND, ""),
            (DALBERG_STUDY, ""),
        ],
        "campaigns": ["spot-a-fake-job-offer", "debt-bondage-warning-signs"],
        "proposals": [],
    },
    {
        "slug": "restorative-dialogue",
        "title": "A restorative process: being heard and acknowledged",
        "pathway": JusticePathway.RESTORATIVE,
        "summary": (
            "Some survivors want the harm acknowledged, an apology or repair, more than "
            "punishment. Restorative processes can offer that, but they are rarely available "
            "in trafficking cases and are only right when you choose them freely and it is "
            "safe."
        ),
        "who_it_is_for": (
            "<p>Survivors who want acknowledgement, to be heard, or repair, and who feel "
            "ready to take part. It is never a condition for support, and nobody should "
            "ask you to forgive.</p>"
        ),
        "how_it_works": (
            "<p>Restorative justice brings together the people harmed, those who caused the "
            "harm, and sometimes the community, to decide how to repair it. It can be direct "
            "(a facilitated meeting) or indirect (letters passed on by a facilitator), and "
            "you can stop at any time.</p>"
            "<ul><li>In research with survivors in the United States, some wanted an "
            "acknowledgement or apology, a chance to confront the person, or reparations.</li>"
            "<li>In South-East Asia, researchers found it has not been widely tested in "
            "trafficking cases; where used, it has mostly meant reparations rather than "
            "apologies.</li>"
            "<li>Because of power and control, a trained facilitator, safety planning and "
            "your own support person matter more than usual.</li></ul>"
        ),
        "outcomes": ["acknowledgement", "compensation"],
        "harm_kinds": ["labour", "sexual", "domestic", "criminal"],
        "services": ["counselling"],
        "time_needed": TimeNeeded.MONTHS,
        "testimony": Demand.SOMETIMES,
        "contact_with_trafficker": Demand.USUALLY,
        "cost": Cost.VARIES,
        "retraumatisation_risk": Demand.USUALLY,
        "asks_notes": (
            "It can mean speaking about what happened with the person who caused harm, "
            "directly or through a facilitator. Talk it through first with a counsellor or "
            "advocate you trust."
        ),
        "deadlines": [
            _deadline(
                "us",
                K.NONE,
                NIJ_STUDY,
                period="No legal time limit",
                notes=(
                    "A restorative process is not a court case. If you are also thinking of a "
                    "civil or criminal case, ask a lawyer first: what is said in a "
                    "restorative process may affect it."
                ),
            ),
            _deadline(
                "th",
                K.NONE,
                DALBERG_STUDY,
                period="No legal time limit",
                notes="Availability is limited; a support organisation can tell you what exists.",
            ),
        ],
        "questions": [
            "Could anything I say in a restorative process be used in a court case?",
            "Who facilitates it, and what training do they have in trafficking and trauma?",
            "Can it be done without meeting the person face to face?",
            "How will my safety be protected before, during and after?",
        ],
        "sources": [
            (NIJ_STUDY, ""),
            (DALBERG_STUDY, ""),
        ],
        "campaigns": [],
        "proposals": [],
    },
    # ----------------------------------------------------------------- procedural
    {
        "slug": "t-visa",
        "title": "T visa (T nonimmigrant status)",
        "pathway": JusticePathway.PROCEDURAL,
        "summary": (
            "Immigration status for survivors of trafficking who are in the United States "
            "because of it. It allows you to live and work in the U.S. and can lead to "
            "permanent residence; some family members can be included."
        ),
        "who_it_is_for": (
            "<p>People who survived a severe form of trafficking (forced work or commercial "
            "sexual exploitation) and are in the United States, or at a port of entry, on "
            "account of it. You do not need a criminal case to have been brought.</p>"
        ),
        "how_it_works": (
            "<p>You apply to U.S. Citizenship and Immigration Services (USCIS) on Form "
            "I-914, with a personal statement and other evidence. There is no fee for the "
            "application.</p>"
            "<ul><li>You usually need to have complied with reasonable requests from law "
            "enforcement, unless you were under 18 or trauma prevented it.</li>"
            "<li>You need to show you would face extreme hardship involving unusual and "
            "severe harm if removed.</li>"
            "<li>T status lasts up to four years. After three years, or sooner when the "
            "case ends, you may be able to apply for a green card.</li></ul>"
        ),
        "outcomes": ["immigration-status", "safety"],
        "harm_kinds": ["labour", "sexual", "domestic", "criminal"],
        "services": ["immigration"],
        "time_needed": TimeNeeded.YEARS,
        "testimony": Demand.USUALLY,
        "contact_with_trafficker": Demand.NONE,
        "cost": Cost.FREE,
        "retraumatisation_risk": Demand.SOMETIMES,
        "asks_notes": (
            "The personal statement asks about what happened, in your own words; a lawyer "
            "or accredited representative can help you write it at your pace. Decisions "
            "often take a long time."
        ),
        "deadlines": [
            _deadline(
                "us",
                K.NONE,
                "8 C.F.R. § 214.11 (T nonimmigrant status); USCIS, Victims of Human "
                "Trafficking: T Nonimmigrant Status",
                period="No fixed deadline to apply",
                notes=(
                    "There is no time limit, but being in the U.S. 'on account of' "
                    "trafficking is harder to show the longer ago it ended. Ask an "
                    "immigration lawyer early."
                ),
                url=USCIS_T,
            ),
        ],
        "questions": [
            "Do I meet the 'physical presence' requirement?",
            "What counts as a reasonable request from law enforcement, and does an "
            "exception apply to me?",
            "Which family members can be included, and can they join me from abroad?",
            "Can I get permission to work while the application is pending?",
            "Should I apply for a T visa, a U visa, or both?",
        ],
        "sources": [
            ("8 U.S.C. § 1101(a)(15)(T); 8 C.F.R. § 214.11", CFR_214_11),
            ("USCIS, Victims of Human Trafficking: T Nonimmigrant Status", USCIS_T),
        ],
        "campaigns": ["migrate-safely"],
        "proposals": ["protect-t-visa-applicants-from-removal-while-they-wait"],
    },
    {
        "slug": "u-visa",
        "title": "U visa (U nonimmigrant status)",
        "pathway": JusticePathway.PROCEDURAL,
        "summary": (
            "Immigration status for people who were harmed by certain crimes, including "
            "trafficking, and have been, are or are likely to be helpful to the authorities. "
            "It allows you to live and work in the U.S. and can lead to a green card."
        ),
        "who_it_is_for": (
            "<p>People who suffered substantial physical or mental abuse from a qualifying "
            "crime (trafficking, involuntary servitude and peonage are among them) that "
            "happened in the United States or broke U.S. law.</p>"
        ),
        "how_it_works": (
            "<p>You apply to USCIS on Form I-918, with a certification (Supplement B) "
            "signed by a police, prosecutor, judge or other certifying agency. There is no "
            "fee for the application.</p>"
            "<ul><li>Only 10,000 U visas can be given each year, so the wait is usually "
            "several years. USCIS may give permission to work while you wait.</li>"
            "<li>U status lasts up to four years; after three you may be able to apply for "
            "a green card.</li></ul>"
        ),
        "outcomes": ["immigration-status", "safety"],
        "harm_kinds": ["labour", "sexual", "domestic", "criminal"],
        "services": ["immigration"],
        "time_needed": TimeNeeded.YEARS,
        "testimony": Demand.USUALLY,
        "contact_with_trafficker": Demand.NONE,
        "cost": Cost.FREE,
        "retraumatisation_risk": Demand.SOMETIMES,
        "asks_notes": (
            "It needs a certification from an agency you have helped, which usually means "
            "giving a statement to the police or prosecutor."
        ),
        "deadlines": [
            _deadline(
                "us",
                K.NONE,
                "8 C.F.R. § 214.14 (U nonimmigrant status); USCIS, Victims of Criminal "
                "Activity: U Nonimmigrant Status",
                period="No fixed deadline to apply",
                notes=(
                    "There is no time limit for the application itself, but the agency's "
                    "certification has to be recent when you file. Ask an immigration lawyer."
                ),
                url=USCIS_U,
            ),
        ],
        "questions": [
            "Which agency could certify that I have been helpful, and how do I ask?",
            "How long is the wait now, and can I work while I wait?",
            "Is a T visa a better fit for me?",
            "Can my family members apply with me?",
        ],
        "sources": [
            ("8 U.S.C. § 1101(a)(15)(U); 8 C.F.R. § 214.14", CFR_214_14),
            ("USCIS, Victims of Criminal Activity: U Nonimmigrant Status", USCIS_U),
        ],
        "campaigns": [],
        "proposals": [],
    },
    {
        "slug": "continued-presence",
        "title": "Continued Presence",
        "pathway": JusticePathway.PROCEDURAL,
        "summary": (
            "A temporary permission to stay and work in the United States, requested by "
            "federal law enforcement for survivors of trafficking who may be witnesses. It "
            "can give stability quickly, while a T visa takes longer."
        ),
        "who_it_is_for": (
            "<p>People identified by law enforcement as survivors of a severe form of "
            "trafficking who may be potential witnesses in an investigation or prosecution. "
            "You cannot apply yourself, but you or your lawyer can ask the agency to.</p>"
        ),
        "how_it_works": (
            "<p>Federal law enforcement (for example Homeland Security Investigations, the "
            "FBI or a U.S. Attorney's Office) applies to the Department of Homeland Security. "
            "Continued Presence is granted for a limited period and can be renewed.</p>"
            "<ul><li>It comes with permission to work, and makes you eligible for benefits "
            "and services in the same way as a refugee.</li>"
            "<li>It should never be used as a bargaining chip: you are not required to "
            "promise anything to be considered.</li>"
            "<li>It is temporary. Many survivors also apply for a T visa.</li></ul>"
        ),
        "outcomes": ["immigration-status", "safety"],
        "harm_kinds": ["labour", "sexual", "domestic", "criminal"],
        "services": ["immigration", "criminal-advocacy"],
        "time_needed": TimeNeeded.WEEKS,
        "testimony": Demand.USUALLY,
        "contact_with_trafficker": Demand.NONE,
        "cost": Cost.FREE,
        "retraumatisation_risk": Demand.SOMETIMES,
        "asks_notes": (
            "It is tied to an investigation, so you will usually talk with investigators "
            "about what happened. You can have an advocate with you."
        ),
        "deadlines": [
            _deadline(
                "us",
                K.NONE,
                "22 U.S.C. § 7105(c)(3) (Continued Presence); DHS, Continued Presence",
                period="No deadline: requested by law enforcement as soon as possible",
                notes="How long each grant lasts is set by DHS policy; ask a lawyer for the "
                "current period.",
                url=DHS_CP,
            ),
        ],
        "questions": [
            "Has the agency I spoke with requested Continued Presence for me? Can you ask them to?",
            "When does it end, and how is it renewed?",
            "Should I apply for a T visa now as well?",
            "Which benefits and services can I get with it?",
        ],
        "sources": [
            ("22 U.S.C. § 7105(c)(3)", USC_7105),
            ("U.S. Department of Homeland Security, Continued Presence", DHS_CP),
        ],
        "campaigns": [],
        "proposals": [],
    },
    {
        "slug": "new-york-vacatur",
        "title": "Clearing a record in New York (vacatur)",
        "pathway": JusticePathway.PROCEDURAL,
        "summary": (
            "If you were convicted in New York of something you did as a result of being "
            "trafficked, you can ask the court to vacate (cancel) the conviction, so it no "
            "longer follows you into jobs, housing and study."
        ),
        "who_it_is_for": (
            "<p>People with a conviction in a New York court for an offence their "
            "participation in was a result of being trafficked. Since the START Act of 2021 "
            "this is no longer limited to prostitution-related offences.</p>"
        ),
        "how_it_works": (
            "<p>A lawyer files a motion in the court that convicted you, under New York "
            "Criminal Procedure Law § 440.10(1)(i). Official documents showing you were "
            "trafficked help, but they are not required.</p>"
            "<ul><li>If the motion is granted, the conviction is vacated and the charges are "
            "dismissed.</li>"
            "<li>It covers New York convictions only. Records in other states or in federal "
            "courts need their own process, where one exists.</li>"
            "<li>Legal aid organisations in New York often do this without charge.</li></ul>"
        ),
        "outcomes": ["clean-record"],
        "harm_kinds": ["criminal", "sexual", "labour"],
        "services": ["vacatur"],
        "time_needed": TimeNeeded.MONTHS,
        "testimony": Demand.SOMETIMES,
        "contact_with_trafficker": Demand.NONE,
        "cost": Cost.VARIES,
        "retraumatisation_risk": Demand.SOMETIMES,
        "asks_notes": (
            "The motion explains how being trafficked led to the conviction, usually in a "
            "sworn statement your lawyer helps you write. A hearing is not always needed."
        ),
        "deadlines": [
            _deadline(
                "us-ny",
                K.VARIES,
                "New York Criminal Procedure Law § 440.10(1)(i)",
                period="No set number of years: 'with due diligence'",
                notes=(
                    "The motion should be made with due diligence after the trafficking "
                    "ended or after you sought services, allowing for reasonable concerns "
                    "about your safety or your family's. Ask a lawyer how this applies to "
                    "you."
                ),
                url=NY_CPL_440_10,
            ),
        ],
        "questions": [
            "Which of my convictions could be vacated, and in which courts?",
            "What evidence will the court need, and can I avoid testifying in person?",
            "Will the record be sealed, and who will still be able to see it?",
            "Could vacating a conviction affect my immigration case?",
            "What about arrests or convictions in other states?",
        ],
        "sources": [
            ("New York Criminal Procedure Law § 440.10(1)(i)", NY_CPL_440_10),
            ("New York, Survivors of Trafficking Attaining Relief Together (START) Act, 2021", ""),
        ],
        "campaigns": [],
        "proposals": [],
    },
    {
        "slug": "thailand-temporary-stay-and-work",
        "title": "Permission to stay and work in Thailand during a case",
        "pathway": JusticePathway.PROCEDURAL,
        "summary": (
            "Survivors of trafficking who are not Thai, and witnesses in trafficking cases, "
            "can be allowed to stay in Thailand for a time and to work, instead of being "
            "sent home before the case is over."
        ),
        "who_it_is_for": (
            "<p>People of other nationalities identified as trafficked persons or witnesses "
            "in Thailand, especially while a criminal case or a compensation claim goes on, "
            "or while they receive care and rehabilitation. Dependants may be included.</p>"
        ),
        "how_it_works": (
            "<p>The Anti-Trafficking in Persons Act and Ministry of Interior regulations "
            "issued in 2017 allow a temporary stay and permission to work. Shelter staff, "
            "the Ministry of Social Development and Human Security or a lawyer usually "
            "help with the request.</p>"
            "<ul><li>Reports of the regulations describe a stay of up to two years after "
            "the case ends, renewable.</li>"
            "<li>The Act also says survivors should not be prosecuted for entering or "
            "working without permission, without the Minister of Justice's written "
            "approval.</li>"
            "<li>Returning home is your choice, and help with safe return is available "
            "too.</li></ul>"
        ),
        "outcomes": ["immigration-status", "safety", "compensation"],
        "harm_kinds": ["labour", "sexual", "domestic", "criminal"],
        "services": ["immigration", "shelter"],
        "time_needed": TimeNeeded.WEEKS,
        "testimony": Demand.SOMETIMES,
        "contact_with_trafficker": Demand.NONE,
        "cost": Cost.FREE,
        "retraumatisation_risk": Demand.NONE,
        "asks_notes": (
            "Permission is often linked to being a witness or to a claim in progress. Ask "
            "what happens to your permission if you choose not to testify."
        ),
        "deadlines": [
            _deadline(
                "th",
                K.VARIES,
                f"{THAI_ACT}, chapter 4 (assistance and protection); Ministry of Interior "
                "regulations on temporary stay and work for trafficked persons and witnesses "
                "(2017)",
                period="Permission lasts for a set time and can be renewed",
                notes=(
                    "How long a permit lasts and when to ask for a renewal depend on the "
                    "regulations in force. Ask the shelter, the Ministry or a lawyer before "
                    "your permit ends."
                ),
            ),
        ],
        "questions": [
            "How long will my permission to stay last, and how do I renew it?",
            "Can I choose my own job, and change it?",
            "Can my children or other family stay with me?",
            "What happens to my permission if I decide not to testify?",
        ],
        "sources": [
            (f"{THAI_ACT}, chapter 4, including sections 33 and 41", ""),
            (
                "Ministry of Interior regulations on temporary stay and work for trafficked "
                "persons and witnesses, January 2017 (reported by The Nation, 6 February 2017)",
                "",
            ),
            (DALBERG_STUDY, ""),
        ],
        "campaigns": ["migrate-safely"],
        "proposals": [],
    },
    # ----------------------------------------------------------- transformational
    {
        "slug": "lead-reform",
        "title": "Leading change: survivor advisory councils and reform proposals",
        "pathway": JusticePathway.TRANSFORMATIONAL,
        "summary": (
            "For many survivors, justice means stopping harm to others. You can help change "
            "laws and practice through a survivor advisory council, a reform proposal or a "
            "prevention campaign, paid and on your own terms."
        ),
        "who_it_is_for": (
            "<p>Any survivor who wants to take part in changing how systems respond to "
            "trafficking, at any stage of their own journey, in any country. You do not have "
            "to share your story to lead.</p>"
        ),
        "how_it_works": (
            "<p>On this platform, survivor leaders review these pages in a survivor advisory "
            "council, write and support reform proposals, and lead prevention campaigns.</p>"
            "<ul><li>Survivors told researchers in the United States and South-East Asia "
            "that preventing harm to others is central to what justice means to them, and "
            "felt empowered when advocating for reform.</li>"
            "<li>Councils decide together how they work; anyone can pause a meeting, and "
            "you choose which name others see.</li>"
            "<li>Paid opportunities with partner organisations are listed with their fees "
            "up front.</li></ul>"
        ),
        "outcomes": ["change-for-others", "acknowledgement"],
        "harm_kinds": ["labour", "sexual", "domestic", "criminal"],
        "services": [],
        "time_needed": TimeNeeded.WEEKS,
        "testimony": Demand.NONE,
        "contact_with_trafficker": Demand.NONE,
        "cost": Cost.FREE,
        "retraumatisation_risk": Demand.SOMETIMES,
        "asks_notes": (
            "Working on these issues can bring up memories. You choose how much to share, "
            "and you can step back at any time."
        ),
        "deadlines": [
            _deadline(
                "us",
                K.NONE,
                NIJ_STUDY,
                period="No time limit",
                notes="You can join whenever you are ready.",
            ),
            _deadline(
                "th",
                K.NONE,
                DALBERG_STUDY,
                period="No time limit",
                notes="You can join whenever you are ready.",
            ),
        ],
        "questions": [
            "If I speak about my experience in public, could it affect my own case?",
            "How can I keep my name and image private while taking part?",
            "Will I be paid, and could payment affect benefits or immigration status?",
        ],
        "sources": [
            (NIJ_STUDY, ""),
            (DALBERG_STUDY, ""),
        ],
        "campaigns": ["spot-a-fake-job-offer", "know-your-rights-at-work"],
        "proposals": [],
    },
]

# The page whose council review is deliberately more than a year old.
STALE_REVIEW_SLUG = "continued-presence"

DIRECTORY = [
    {
        "slug": "lantern-trafficking-law-center-demo",
        "name": "Lantern Trafficking Law Center (demo)",
        "kind": Organisation.Kind.LEGAL,
        "website": "https://lantern-law.example.org",
        "description": "A demo legal centre representing survivors in federal civil cases "
        "and making sure restitution is asked for in criminal cases.",
        "summary": "Free representation in civil cases under federal law and help with "
        "restitution in federal criminal cases, anywhere in the United States.",
        "services": ["civil-litigation", "restitution", "criminal-advocacy"],
        "jurisdictions": ["us"],
        "languages": ["en", "es"],
        "cost": ServiceCost.FREE,
        "phone": "+1 202 555 0143",
        "contact_notes": "Demo listing: this number is not real. Weekdays; an interpreter "
        "can join the call.",
    },
    {
        "slug": "open-door-immigration-clinic-demo",
        "name": "Open Door Immigration Clinic (demo)",
        "kind": Organisation.Kind.LEGAL,
        "website": "https://open-door.example.org",
        "description": "A demo immigration clinic for survivors of trafficking and other crimes.",
        "summary": "T and U visa applications, Continued Presence requests and work "
        "permits, by accredited representatives and lawyers.",
        "services": ["immigration"],
        "jurisdictions": ["us"],
        "languages": ["en", "es", "zh-hans", "vi"],
        "cost": ServiceCost.SLIDING,
        "phone": "+1 312 555 0188",
        "contact_notes": "Demo listing: this number is not real. Leave a message with a "
        "safe time to call back.",
    },
    {
        "slug": "hudson-survivors-legal-project-demo",
        "name": "Hudson Survivors' Legal Project (demo)",
        "kind": Organisation.Kind.LEGAL,
        "website": "https://hudson-legal.example.org",
        "description": "A demo legal project clearing records and bringing civil cases for "
        "survivors in New York.",
        "summary": "Vacatur motions in New York courts, help with claims to the Office of "
        "Victim Services, and civil cases.",
        "services": ["vacatur", "civil-litigation", "criminal-advocacy"],
        "jurisdictions": ["us-ny"],
        "languages": ["en", "es", "ko"],
        "cost": ServiceCost.FREE,
        "phone": "+1 212 555 0116",
        "contact_notes": "Demo listing: this number is not real. Walk-in hours on Tuesdays.",
    },
    {
        "slug": "riverside-healing-center-demo",
        "name": "Riverside Healing Center (demo)",
        "kind": Organisation.Kind.SUPPORT,
        "website": "https://riverside-healing.example.org",
        "description": "A demo support service run with survivor peer mentors.",
        "summary": "Counselling, peer support and emergency housing for survivors of "
        "trafficking in New York, and help finding a lawyer.",
        "services": ["counselling", "shelter"],
        "jurisdictions": ["us-ny"],
        "languages": ["en", "es", "bn"],
        "cost": ServiceCost.SLIDING,
        "phone": "+1 718 555 0172",
        "contact_notes": "Demo listing: this number is not real. Open every day.",
    },
    {
        "slug": "mekong-workers-legal-aid-demo",
        "name": "Mekong Workers' Legal Aid (demo)",
        "kind": Organisation.Kind.LEGAL,
        "website": "https://mekong-legal.example.org",
        "description": "A demo legal aid organisation for migrant workers in Thailand.",
        "summary": "Help with compensation claims in criminal cases, permission to stay "
        "and work, and following a case from home after returning.",
        "services": ["restitution", "criminal-advocacy", "immigration", "civil-litigation"],
        "jurisdictions": ["th"],
        "languages": ["th", "my", "km", "en"],
        "cost": ServiceCost.FREE,
        "phone": "+66 2 555 0147",
        "contact_notes": "Demo listing: this number is not real. Interpreters for Burmese "
        "and Khmer.",
    },
    {
        "slug": "safe-harbour-shelter-network-demo",
        "name": "Safe Harbour Shelter Network (demo)",
        "kind": Organisation.Kind.SUPPORT,
        "website": "https://safe-harbour.example.org",
        "description": "A demo network of shelters and counsellors in Thailand.",
        "summary": "Safe shelter, counselling and help contacting family, for survivors of "
        "any nationality in Thailand.",
        "services": ["shelter", "counselling"],
        "jurisdictions": ["th"],
        "languages": ["th", "my", "vi", "en"],
        "cost": ServiceCost.FREE,
        "phone": "+66 2 555 0199",
        "contact_notes": "Demo listing: this number is not real. Answered day and night.",
    },
]


def build_pathways_demo(home, users_by_email: dict) -> RemedyIndexPage:
    """Create or refresh the demo jurisdictions, remedies and directory.

    `home` is the demo home page; `users_by_email` the demo accounts (the site
    admin is recorded as having verified the demo organisations). Run after
    the councils, proposals and campaigns demos so remedies can point to them;
    whatever is missing is simply not linked."""
    jurisdictions = _jurisdictions()
    index = _index(home)
    council = Council.objects.filter(slug=COUNCIL_SLUG).select_related("audience").first()
    review_council = council.audience if council else None
    for spec in REMEDIES:
        remedy = _remedy(index, spec, jurisdictions, review_council)
        _link_proposals(remedy, spec["proposals"])
    # `reviewed_on` follows the council's approvals, never editing: set on the
    # rows themselves, as an approval would.
    slugs = [spec["slug"] for spec in REMEDIES]
    pages = RemedyPage.objects.child_of(index).filter(slug__in=slugs)
    pages.exclude(slug=STALE_REVIEW_SLUG).update(reviewed_on=WRITTEN_ON)
    pages.filter(slug=STALE_REVIEW_SLUG).update(reviewed_on=STALE_REVIEW)
    _directory(jurisdictions, users_by_email.get("admin@example.org"))
    return index


def _jurisdictions() -> dict[str, Jurisdiction]:
    places: dict[str, Jurisdiction] = {}
    for code, name, parent, position in JURISDICTIONS:
        places[code], _ = Jurisdiction.objects.update_or_create(
            code=code,
            defaults={"name": name, "parent": places.get(parent), "position": position},
        )
    return places


def _index(home) -> RemedyIndexPage:
    index = RemedyIndexPage.objects.child_of(home).filter(slug="justice").first()
    if index is None:
        index = RemedyIndexPage(title="Justice pathways", slug="justice")
        home.add_child(instance=index)
    index.title = "Justice pathways"
    index.intro = (
        "Justice can mean different things: money for what was taken, a clean record, "
        "the right to stay, being heard, or making sure it does not happen to anyone else. "
        "Here are the paths survivors can take, what each can give and what each asks of "
        "you. This is information, not legal advice."
    )
    index.show_in_menus = True
    index.save_revision().publish()
    return index


def _remedy(index, spec, jurisdictions, review_council) -> RemedyPage:
    remedy = RemedyPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    creating = remedy is None
    if creating:
        remedy = RemedyPage(slug=spec["slug"])
    for field in (
        "title",
        "pathway",
        "summary",
        "who_it_is_for",
        "how_it_works",
        "time_needed",
        "testimony",
        "contact_with_trafficker",
        "cost",
        "retraumatisation_risk",
        "asks_notes",
    ):
        setattr(remedy, field, spec[field])
    remedy.review_council = review_council
    remedy.outcomes.set(Outcome.objects.filter(key__in=spec["outcomes"]))
    remedy.harm_kinds.set(HarmKind.objects.filter(key__in=spec["harm_kinds"]))
    remedy.services.set(SupportService.objects.filter(key__in=spec["services"]))
    # Inline records are replaced as a whole, so a second run leaves the same set.
    remedy.deadlines = [
        RemedyDeadline(
            jurisdiction=jurisdictions[deadline["code"]],
            **{key: value for key, value in deadline.items() if key != "code"},
        )
        for deadline in spec["deadlines"]
    ]
    remedy.lawyer_questions = [LawyerQuestion(question=text) for text in spec["questions"]]
    remedy.sources = [RemedySource(citation=citation, url=url) for citation, url in spec["sources"]]
    remedy.related_campaigns = [
        RelatedCampaign(campaign=campaign) for campaign in _campaigns(spec["campaigns"])
    ]
    if creating:
        index.add_child(instance=remedy)
    remedy.save_revision().publish()
    return remedy


def _campaigns(slugs: list[str]) -> list:
    """The demo campaigns with these slugs, in the order given (by model name:
    pathways never imports the campaigns app)."""
    if not slugs:
        return []
    CampaignPage = apps.get_model("campaigns", "CampaignPage")
    found = {
        page.slug: page for page in in_source_language(CampaignPage.objects).filter(slug__in=slugs)
    }
    return [found[slug] for slug in slugs if slug in found]


def _link_proposals(remedy: RemedyPage, slugs: list[str]) -> None:
    """Name this remedy on the demo reform proposals that would change it.

    The link belongs to the proposal (`ReformProposalPage.remedies`), which is
    owned by its authors and moves through a workflow, so the demo adds it to
    the live row and to the proposal's latest revision alike: publishing that
    revision later keeps the link instead of dropping it."""
    if not slugs:
        return
    ReformProposalPage = apps.get_model("proposals", "ReformProposalPage")
    Link = ReformProposalPage.remedies.through
    for proposal in in_source_language(ReformProposalPage.objects).filter(slug__in=slugs):
        # The through table itself: the proposal's own `remedies` manager only
        # writes when the whole page is saved.
        Link.objects.get_or_create(reformproposalpage_id=proposal.pk, remedypage_id=remedy.pk)
        revision = proposal.latest_revision
        if revision is not None:
            linked = set(revision.content.get("remedies") or [])
            if remedy.pk not in linked:
                revision.content["remedies"] = sorted(linked | {remedy.pk})
                revision.save(update_fields=["content"])


def _directory(jurisdictions: dict[str, Jurisdiction], verifier) -> None:
    for spec in DIRECTORY:
        organisation = Organisation.objects.filter(slug=spec["slug"]).first()
        if organisation is None:
            organisation = Organisation(slug=spec["slug"], verified_at=timezone.now())
        organisation.name = spec["name"]
        organisation.kind = spec["kind"]
        organisation.website = spec["website"]
        organisation.description = spec["description"]
        organisation.verified = True
        organisation.verified_by = organisation.verified_by or verifier
        organisation.save()
        listing, _ = ServiceListing.objects.update_or_create(
            organisation=organisation,
            defaults={
                "summary": spec["summary"],
                "cost": spec["cost"],
                "phone": spec["phone"],
                "contact_notes": spec["contact_notes"],
            },
        )
        listing.services.set(SupportService.objects.filter(key__in=spec["services"]))
        listing.jurisdictions.set([jurisdictions[code] for code in spec["jurisdictions"]])
        listing.languages.exclude(language__in=spec["languages"]).delete()
        for code in spec["languages"]:
            ServiceLanguage.objects.get_or_create(listing=listing, language=code)
