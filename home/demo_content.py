"""Text of the demo site's pages: plain, warm and non-graphic.

Sources are paraphrased, not pasted: the Urban Institute study for the National
Institute of Justice (80 survivors interviewed), Dalberg's study of six
jurisdictions in South-East Asia, and the work of legal centres on restitution,
civil suits and record clearing. Nothing here is legal advice.
"""

HOME_INTRO = (
    "A place where survivors of human trafficking lead the work against it: "
    "prevention campaigns, reform proposals, advisory councils and paid speaking "
    "work, on survivors' own terms and under the names they choose."
)

HOME_BODY = [
    (
        "paragraph",
        "<p>Survivors have said it plainly: justice is not only a prison sentence. It is "
        "being heard without having to retell your story again and again, getting "
        "compensation, healing, and stopping the same harm from happening to others.</p>",
    ),
    (
        "quote",
        {
            "quote": "I would feel good knowing that I could help stop others from being "
            "abused, exploited, or forced to do anything against their will.",
            "attribution": "A survivor, quoted in Dalberg's study of justice in South-East Asia",
            "source_url": "",
        },
    ),
]

KNOW_YOUR_RIGHTS_INTRO = (
    "Justice can look different for every survivor. Here are the main paths people use, "
    "in plain words, so you can decide what fits you. You never have to choose any of them."
)

KNOW_YOUR_RIGHTS_BODY = [
    (
        "callout",
        {
            "title": "General information, not legal advice",
            "body": "<p>Laws are different in every country and state. A legal aid "
            "organisation can tell you what applies to you, often at no cost.</p>",
            "tone": "info",
        },
    ),
    ("heading", {"text": "Justice is more than a sentence", "level": "h2"}),
    (
        "paragraph",
        "<p>In a study funded by the US National Institute of Justice, the Urban Institute "
        "spoke with 80 survivors of labour and sex trafficking. More than three in four did "
        "not describe justice as seeing the trafficker in prison. Most spoke of healing, of "
        "being heard, and above all of stopping traffickers from harming anyone else.</p>",
    ),
    ("heading", {"text": "Compensation", "level": "h2"}),
    (
        "paragraph",
        "<p><b>Restitution</b> is money a court orders a convicted trafficker to pay, for "
        "example for lost wages, medical care, therapy or housing. In the United States "
        "federal law makes restitution mandatory in trafficking cases, yet legal centres "
        "report that it is too rarely ordered. You can ask the prosecutor to request it.</p>"
        "<p>A <b>civil lawsuit</b> is a case you bring yourself, against the trafficker or "
        "against businesses that knowingly profited. It moves only when you are ready, and "
        "you stay in charge of it. Money can be hard to collect, so it helps to talk with "
        "a lawyer about what a case could realistically bring.</p>",
    ),
    ("heading", {"text": "Clearing your record", "level": "h2"}),
    (
        "paragraph",
        "<p>Many survivors were made to do things that left them with a criminal record. "
        "Some states have <b>vacatur</b> or <b>expungement</b> laws that remove such "
        "convictions, which can open the way to work, housing and study.</p>",
    ),
    ("heading", {"text": "Staying safe and staying in the country", "level": "h2"}),
    (
        "paragraph",
        "<p>In the United States, the <b>T visa</b> and <b>U visa</b> can let eligible "
        "survivors stay and work, and later apply for permanent residence. If you take part "
        "in a case, you can ask for a safety plan, a victim advocate who comes with you, "
        "and in some cases no-contact orders or giving evidence by video.</p>",
    ),
    ("heading", {"text": "Three pathways beyond punishment", "level": "h2"}),
    (
        "paragraph",
        "<ul><li><b>Procedural justice</b>: a fair, respectful process in which you are "
        "heard, without being forced to retell your story again and again.</li>"
        "<li><b>Restorative justice</b>: repairing harm, for example through reparations.</li>"
        "<li><b>Transformational justice</b>: changing the conditions that allow "
        "trafficking, often led by survivor advocates.</li></ul>",
    ),
    (
        "resource_links",
        {
            "heading": "Find out more",
            "links": [
                {
                    "title": "National Institute of Justice: research on trafficking",
                    "url": "https://nij.ojp.gov/",
                    "description": "Including the Urban Institute study of what justice "
                    "means to survivors.",
                },
                {
                    "title": "Human Trafficking Legal Center",
                    "url": "https://htlegalcenter.org/",
                    "description": "Civil litigation, restitution and pro bono lawyers.",
                },
            ],
        },
    ),
]

SAFETY_INTRO = "How this platform protects you, and what you can do to stay safe while using it."

SAFETY_BODY = [
    ("heading", {"text": "Quick exit", "level": "h2"}),
    (
        "paragraph",
        "<p>Every page has a <b>Quick exit</b> button. You can also press Esc twice or Shift "
        "three times. The page is replaced by an everyday website, so the Back button does "
        "not bring it back.</p>",
    ),
    ("heading", {"text": "You decide who sees what", "level": "h2"}),
    (
        "paragraph",
        "<p>You can use a different name in each place: one for public campaigns, one in "
        "your council, one when you apply for work. Nothing about you is shown to anyone "
        "unless you agreed to it, and you can take that agreement back at any time.</p>",
    ),
    (
        "callout",
        {
            "title": "On a shared device",
            "body": "<p>Use a private or incognito window, and clear your browsing history "
            "after your visit. Sign out when you are done.</p>",
            "tone": "safety",
        },
    ),
]

ABOUT_INTRO = "Built with and for survivor leaders."

ABOUT_BODY = [
    (
        "paragraph",
        "<p>Survivors of trafficking want to be changemakers in their communities: research "
        "in South-East Asia found that survivors feel strongest when advocating for reform "
        "and preventing harm to others. This platform serves three groups:</p>"
        "<ul><li><b>Survivor leaders</b> publish prevention campaigns and reform proposals, "
        "gather pledges and endorsements, and track what changed.</li>"
        "<li><b>Survivor advisory councils</b> meet, discuss and decide together in a private "
        "workspace.</li>"
        "<li><b>Organisations</b> recruit survivors as paid speakers, trainers and "
        "consultants, and see only what each person chose to share.</li></ul>",
    ),
]

# Demo entries: each names where it was checked. Numbers change; a site admin
# checks every entry against its source before the site goes live
# (docs/translations.md, "Helplines").
HELPLINES = [
    {
        "name": "National Human Trafficking Hotline",
        "country": "US",
        "phone": "1-888-373-7888",
        "text": "233733",
        "url": "https://humantraffickinghotline.org/",
        "hours": "24 hours, every day",
        "source": "https://humantraffickinghotline.org/en/contact",
    },
    {
        "name": "Modern Slavery & Exploitation Helpline",
        "country": "GB",
        "phone": "08000 121 700",
        "url": "https://www.modernslaveryhelpline.org/",
        "hours": "24 hours, every day",
        "source": "https://www.modernslaveryhelpline.org/",
    },
    {
        "name": "1300 Prachabodi Center (Ministry of Social Development and Human Security)",
        "country": "TH",
        "phone": "1300",
        "url": "https://www.1300thailand.com/",
        "hours": "24 hours, every day",
        "source": "https://www.1300thailand.com/",
    },
    {
        "name": "National Child Protection Hotline",
        "country": "VN",
        "phone": "111",
        "url": "https://tongdai111.vn/",
        "hours": "24 hours, every day",
        "source": "https://tongdai111.vn/",
    },
    {
        "name": "SAPA 129 (Ministry of Women's Empowerment and Child Protection)",
        "country": "ID",
        "phone": "129",
        "text": "WhatsApp 08111 129 129",
        "url": "https://kemenpppa.go.id/",
        "hours": "24 hours, every day",
        "source": "https://kemenpppa.go.id/",
    },
    {
        "name": "1343 Actionline Against Human Trafficking (IACAT)",
        "country": "PH",
        "phone": "1343",
        "url": "https://iacat.gov.ph/",
        "hours": "24 hours, every day",
        "source": "https://iacat.gov.ph/",
    },
    {
        "name": "Child Helpline Cambodia",
        "country": "KH",
        "phone": "1280",
        "url": "https://childhelplinecambodia.org/",
        "hours": "24 hours, every day",
        "source": "https://childhelplineinternational.org/cambodia-child-helpline-cambodia/",
    },
    {
        "name": "Police emergency",
        "country": "MM",
        "phone": "199",
        "hours": "24 hours, every day",
        "source": "https://www.iom.int/countries/myanmar",
    },
    {
        "name": "Global Modern Slavery Directory (organisations that help, by country)",
        "url": "https://www.globalmodernslavery.org/",
        "source": "https://www.globalmodernslavery.org/",
    },
    {
        "name": "Child Helpline International (helplines for young people, by country)",
        "url": "https://childhelplineinternational.org/helplines/",
        "source": "https://childhelplineinternational.org/helplines/",
    },
]
