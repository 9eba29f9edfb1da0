"""The text of a Data Processing Objection, for the person to paste into LinkedIn's form.

The tool prepares the words and may open the form; the person reads, edits and sends it. It
never submits anything. Two wordings: ``eu`` (EU/EEA, UK and Switzerland, where GDPR Art. 21
gives a right to object) and ``other``.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

Region = Literal["eu", "other"]
REGIONS: tuple[Region, ...] = ("eu", "other")
NAME_PLACEHOLDER = "[your full name as on LinkedIn]"
EMAIL_PLACEHOLDER = "[the e-mail address of your LinkedIn account]"

_PURPOSES = """\
1. training, fine-tuning, evaluating or otherwise improving artificial intelligence models, whether
   generative or not (including models that rank, recommend or personalize content), by LinkedIn,
   Microsoft or any other affiliate or partner;
2. personalized advertising, including ads based on data LinkedIn receives from or shares with
   Microsoft and other third parties, and on inferences about me (such as age, gender, location
   or interests)."""

_EU = """\
Subject: Objection to the processing of my personal data (GDPR Article 21)

Dear LinkedIn Data Protection Officer,

I object, under Article 21 of the General Data Protection Regulation (and the UK GDPR or the Swiss
Federal Act on Data Protection where they apply), to the processing of my personal data, and of the
content I have provided or created on LinkedIn (profile, posts, articles, comments, resumes and
activity), for the following purposes:

{purposes}

LinkedIn bases this processing on its legitimate interests. I have turned off the related
settings in my account ("Data for Generative AI Improvement" and the advertising and data-sharing
settings); this objection also covers any processing those settings do not control. Please stop
it, and erase my data from training data sets where it has already been used and erasure is
possible (Article 17(1)(c) GDPR).

Please confirm in writing, within one month as Article 12(3) GDPR requires, that you have received
this objection and what you have done in response.

Name: {name}
Account e-mail: {email}
Date: {date}
"""

_OTHER = """\
Subject: Objection to the use of my personal data for AI training and personalized advertising

Dear LinkedIn Privacy Team,

I object to, and do not consent to, the use of my personal data and of the content I have provided
or created on LinkedIn (profile, posts, articles, comments, resumes and activity) for the
following purposes:

{purposes}

I have turned off the related settings in my account ("Data for Generative AI Improvement" and the
advertising and data-sharing settings); this objection also covers any processing those settings
do not control. Where the law that applies to me gives me a right to object, to opt out of
targeted advertising or the sale or sharing of personal data, or to limit the use of my data,
please treat this message as my exercising that right.

Please confirm in writing that you have received this objection and what you have done in
response.

Name: {name}
Account e-mail: {email}
Date: {date}
"""


def objection_text(region: Region, *, name: str | None = None, email: str | None = None,
                   today: date | None = None) -> str:
    template = _EU if region == "eu" else _OTHER
    return template.format(purposes=_PURPOSES, name=(name or "").strip() or NAME_PLACEHOLDER,
                           email=(email or "").strip() or EMAIL_PLACEHOLDER,
                           date=(today or date.today()).isoformat())
