"""The files the reviewer knows: what each holds, which category of LinkedIn's generative-AI
policy it falls in, and where the person changes or deletes it. docs/export.md gives the sources.

``ai_training`` is True for what the policy names as used (profile data, member content, saved
job answers), False for what it names as excluded (private messages, logins, payments, data of a
specific job application), and None where the policy is silent (network, ads, inferences).
Excluded files are counted, never scanned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automation.review.names import file_key

# Where to change or delete things. LinkedIn's menu labels, as its help pages and deletion guides
# describe them (docs/export.md); the site may rename them.
WHERE_PROFILE = "Me → View profile → the section's pencil icon: edit or delete the entry"
WHERE_CONTACT = "Me → View profile → Contact info → pencil icon: clear the field"
WHERE_POST = "open the post → ··· menu → Delete post (all posts: Me → View profile → Activity → Posts)"
WHERE_COMMENT = ("open the post, find your comment → ··· menu → Delete "
                 "(all comments: Me → View profile → Activity → Comments)")
WHERE_ARTICLE = "open the article → ··· menu → Delete article (all articles: Me → View profile → Activity → Articles)"
WHERE_VOTE = "open the poll and remove your vote"
WHERE_MEDIA = "open the post or profile section that holds the media and delete it there"
WHERE_JOBS = ("Settings & Privacy → Data privacy → Job seeking preferences → Job application settings: "
              "delete the saved resume or answer, or turn off saving them")
WHERE_RECEIVED = ("Me → View profile → Recommendations → Received: a recommendation someone wrote for you cannot be "
                  "deleted by you, only hidden")

# Pages to act on where the export gives no link (docs/export.md).
LINKEDIN = "https://www.linkedin.com"
JOB_SETTINGS = f"{LINKEDIN}/jobs/application-settings/"  # saved resumes and screening answers
_BARE_URN = re.compile(r"^urn:li:(?:ugcPost|share|activity):\d+$")


def post_link(link: str | None) -> str | None:
    """A bare post URN (a poll vote's ``urn:li:ugcPost:…``) as the post's page; any other link as it is."""
    if link and _BARE_URN.match(link.strip()):
        return f"{LINKEDIN}/feed/update/{link.strip()}/"
    return link


@dataclass(frozen=True)
class Category:
    key: str
    title: str
    ai_training: bool | None


PROFILE = Category("profile", "Profile data", True)
CONTENT = Category("content", "Member content", True)
JOBS = Category("jobs", "Job-related data", True)
AI_USE = Category("ai-use", "AI-feature use and feedback", None)
EXCLUDED = Category("excluded", "Excluded by the policy (counted, never scanned)", False)
INFERENCES = Category("inferences", "What LinkedIn infers about you", None)
ADS = Category("ad-targeting", "What advertisers can target you by", None)
OTHER = Category("other", "Network, account and activity (not named by the policy)", None)
CATEGORIES = (PROFILE, CONTENT, JOBS, AI_USE, EXCLUDED, INFERENCES, ADS, OTHER)


@dataclass(frozen=True)
class Kind:
    kind: str  # a short name for the file's contents, as in the JSON's ``files[].kind``
    names: tuple[str, ...]  # the file names LinkedIn has used, in any style
    category: Category
    ai_training: bool | None  # the category's unless a file differs (a job application: excluded)
    scan: bool = False  # look for contact details and watch words in its text
    expect: tuple[str, ...] = ()  # header names that identify the header row (after a preamble)
    date: tuple[str, ...] = ()  # the columns holding the row's date, first that is filled
    link: str | None = None  # the column holding a link to the item
    text: tuple[str, ...] = ()  # the columns holding its words, first that is filled (an "old" flag's excerpt)
    item: str | None = None  # what ``prune`` calls a row of it (ledger.CONTENT_KINDS): post, comment, article
    content: bool = False  # member content: flagged when older than --older-than
    where: str = ""
    quirk: str | None = None  # "shares": line breaks wrapped in quotes; "comments": \" escapes


def _k(kind: str, names: str, category: Category, **kw: object) -> Kind:
    kw.setdefault("ai_training", category.ai_training)
    return Kind(kind, tuple(n.strip() for n in names.split("|")), category, **kw)  # type: ignore[arg-type]


KINDS: tuple[Kind, ...] = (
    _k("profile", "Profile", PROFILE, scan=True, expect=("First Name", "Headline"), where=WHERE_PROFILE),
    _k("profile-summary", "Profile Summary", PROFILE, scan=True, expect=("Profile Summary",), where=WHERE_PROFILE),
    _k("positions", "Positions", PROFILE, scan=True, expect=("Company Name", "Title"), date=("Started On",),
       where=WHERE_PROFILE),
    _k("education", "Education", PROFILE, scan=True, expect=("School Name",), date=("Start Date",), where=WHERE_PROFILE),
    _k("skills", "Skills", PROFILE, scan=True, expect=("Name",), where=WHERE_PROFILE),
    _k("languages", "Languages", PROFILE, scan=True, expect=("Name", "Proficiency"), where=WHERE_PROFILE),
    _k("certifications", "Certifications", PROFILE, scan=True, expect=("Name", "Authority"), date=("Started On",),
       where=WHERE_PROFILE),
    _k("publications", "Publications", PROFILE, scan=True, expect=("Name", "Publisher"), date=("Published On",),
       where=WHERE_PROFILE),
    _k("projects", "Projects", PROFILE, scan=True, expect=("Title", "Description"), date=("Started On",),
       where=WHERE_PROFILE),
    _k("volunteering", "Volunteering", PROFILE, scan=True, expect=("Company Name", "Role"), date=("Started On",),
       where=WHERE_PROFILE),
    _k("honors", "Honors", PROFILE, scan=True, where=WHERE_PROFILE),
    _k("courses", "Courses", PROFILE, scan=True, expect=("Name",), where=WHERE_PROFILE),
    _k("patents", "Patents", PROFILE, scan=True, where=WHERE_PROFILE),
    _k("endorsements-received", "Endorsement_Received_Info", PROFILE, expect=("Skill Name",),
       date=("Endorsement Date",), where=WHERE_PROFILE),
    _k("endorsements-given", "Endorsement_Given_Info", PROFILE, expect=("Skill Name",), date=("Endorsement Date",),
       where=WHERE_PROFILE),
    _k("recommendations-received", "Recommendations_Received", PROFILE, scan=True, expect=("Text",),
       date=("Creation Date",), where=WHERE_RECEIVED),
    _k("recommendations-given", "Recommendations_Given", PROFILE, scan=True, expect=("Text",),
       date=("Creation Date",), where=WHERE_PROFILE),
    # Column names match whatever their spaces and case: the 2018 export's "Share Link" is "ShareLink".
    _k("posts", "Shares", CONTENT, scan=True, expect=("ShareCommentary", "ShareLink"), date=("Date",),
       link="ShareLink", text=("ShareCommentary", "ShareTitle", "SharedUrl"), item="post", content=True,
       where=WHERE_POST, quirk="shares"),
    _k("comments", "Comments", CONTENT, scan=True, expect=("Message",), date=("Date",), link="Link", text=("Message",),
       item="comment", content=True, where=WHERE_COMMENT, quirk="comments"),
    _k("poll-votes", "Votes", CONTENT, scan=True, expect=("OptionText",), date=("Date",), link="Link",
       text=("OptionText",), content=True, where=WHERE_VOTE),
    _k("media", "Rich Media", CONTENT, scan=True, expect=("Media Link", "Media Description"), date=("Date/Time",),
       link="Media Link", text=("Media Description", "Media Link"), content=True, where=WHERE_MEDIA),
    _k("saved-answers", "Job Applicant Saved Screening Question Responses|Job Applicant Saved Answers", JOBS,
       scan=True, expect=("Question", "Answer"), where=WHERE_JOBS),
    _k("job-applications", "Job Applications", JOBS, ai_training=False, expect=("Application Date", "Resume Name"),
       date=("Application Date",), link="Job Url", where=WHERE_JOBS),
    _k("job-preferences", "Job Seeker Preferences", JOBS, ai_training=None, where=WHERE_JOBS),
    _k("saved-jobs", "Saved Jobs", JOBS, ai_training=None, date=("Saved Date",)),
    _k("searches", "SearchQueries|Search Queries", AI_USE, expect=("Search Query",), date=("Time",)),
    _k("messages", "messages|guide_messages|coach_messages|learning_coach_messages|LearningCoachMessages|"
       "learning_role_play_messages", EXCLUDED, expect=("CONVERSATION ID",), date=("DATE",)),
    _k("logins", "Logins", EXCLUDED, expect=("Login Date",), date=("Login Date",)),
    _k("security-challenges", "Security Challenges", EXCLUDED, expect=("Challenge Date",), date=("Challenge Date",)),
    _k("payments", "Receipts_v2|Receipts", EXCLUDED, date=("Transaction Made At",)),
    _k("inferences", "Inferences_about_you", INFERENCES, expect=("Type of inference", "Inference")),
    _k("ad-targeting", "Ad_Targeting", ADS, expect=("Member Age", "Company Names", "Job Titles")),
    _k("connections", "Connections", OTHER, expect=("First Name", "Connected On"), date=("Connected On",)),
    _k("invitations", "Invitations", OTHER, expect=("Sent At",), date=("Sent At",)),
    _k("email-addresses", "Email Addresses", OTHER, expect=("Email Address",), date=("Updated On",)),
    _k("phone-numbers", "PhoneNumbers|Phone Numbers|Whatsapp Phone Numbers", OTHER, expect=("Number",)),
    _k("registration", "Registration", OTHER, expect=("Registered At",), date=("Registered At",)),
    _k("account-status", "Account Status History|Account Status", OTHER),
    _k("company-follows", "Company Follows", OTHER, expect=("Organization",), date=("Followed On",)),
    _k("member-follows", "Member_Follows", OTHER, expect=("FullName",), date=("Date",)),
    _k("reactions", "Reactions", OTHER, expect=("Type", "Link"), date=("Date",)),
    _k("reposts", "InstantReposts", OTHER, expect=("Link",), date=("Date",)),
    _k("saved-items", "Saved_Items", OTHER, expect=("savedItem",)),
    _k("saved-job-alerts", "SavedJobAlerts", OTHER, expect=("SAVED_SEARCH_ID",)),
    _k("ads-clicked", "Ads Clicked", OTHER, date=("Ad clicked Date",)),
    _k("ads-engagement", "LAN Ads Engagement", OTHER, date=("Date",)),
    _k("learning", "Learning", OTHER, expect=("Content Title",)),
    _k("contacts", "ImportedContacts|Contacts", OTHER),
    _k("identity", "Private_identity_asset|Verifications", OTHER),
)

ARTICLE = Kind("articles", ("Articles/*.html",), CONTENT, True, scan=True, content=True, item="article",
               where=WHERE_ARTICLE)

_BY_KEY = {file_key(name): kind for kind in KINDS for name in kind.names}


def kind_of(name: str) -> Kind | None:
    """The kind of an export file by its name (any style), or None: a file this tool does not know."""
    from automation.review.names import is_article

    if is_article(name):
        return ARTICLE
    if not name.lower().endswith(".csv"):
        return None
    return _BY_KEY.get(file_key(name))
