"""Synthetic exports of an invented person, for ``review --demo``, the tests and the benchmark.

Everything here is made up: the person (Rowan Vale), the companies, the posts. The files, their
headers and their quirks follow what public sources report about real exports (docs/export.md):
both naming styles (``basic``: ``Rich Media.csv``, plain ``Shares.csv``; ``complete``: member-id
suffixes, files split in parts, a ``Jobs/`` folder, HTML articles, ``Ad_Targeting.csv`` with
repeated columns), the connections preamble, a byte-order mark, leading empty rows, a trailing
comma, multi-line fields, the posts file's quoted line breaks, the comments file's backslash
quotes, eight date formats, an unreadable date and a file that is not UTF-8. Planted items: contact
details, a birth date and an address, watch words, old content, resumes and saved answers.

``expected`` counts the data rows each file must review to: the tests hold the reader to them.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

PERSON = "Rowan Vale"
EMAIL = "rowan.vale@example.org"
PHONE = "+44 20 7946 0958"  # a number Ofcom reserves for drama: never anyone's
WATCH = ("Acme", "Project Falcon")
MEMBER_ID = "48151623"


@dataclass
class Synthetic:
    name: str  # the zip's file name, as LinkedIn names it
    data: bytes  # the zip
    expected: dict[str, int] = field(default_factory=dict)  # file name -> data rows
    unknown: list[str] = field(default_factory=list)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _share_field(text: str) -> str:
    """How the posts file writes a post: line breaks wrapped in (doubled) quote marks."""
    return '"' + text.replace('"', '""').replace("\n", '""\n""') + '"'


def _comment_field(text: str) -> str:
    """How the comments file writes a comment: quotes escaped with a backslash, not doubled."""
    return '"' + text.replace('"', '\\"') + '"'


class _Builder:
    def __init__(self, style: str, today: date, seed: int) -> None:
        self.style, self.today, self.random = style, today, random.Random(seed)
        self.files: dict[str, bytes] = {}
        self.expected: dict[str, int] = {}
        self.unknown: list[str] = []

    def add(self, name: str, text: str | bytes, rows: int | None) -> None:
        self.files[name] = text.encode("utf-8") if isinstance(text, str) else text
        if rows is None:
            self.unknown.append(name)
        else:
            self.expected[name] = rows

    def ago(self, days: float, hour: int = 9) -> datetime:
        return datetime.combine(self.today, datetime.min.time()) - timedelta(days=days) + timedelta(hours=hour)

    def named(self, basic: str, complete: str) -> str:
        return basic if self.style == "basic" else complete


WORDS = ("data privacy team product launch hiring customers growth learning cloud platform insight "
          "community conference mentoring leadership design research roadmap").split()


def _filler(rnd: random.Random, n: int) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(n)).capitalize() + "."


def build(style: str = "complete", *, posts: int = 0, comments: int = 0, today: date | None = None,
          seed: int = 7, nested: bool = False) -> Synthetic:
    """An invented person's export. ``posts``/``comments`` add that many generated rows to the
    planted ones (the benchmark's sizes); ``nested`` saves the zip inside another zip."""
    if style not in ("basic", "complete"):
        raise ValueError(f"style is 'basic' or 'complete', not {style!r}")
    today = today or date.today()
    b = _Builder(style, today, seed)
    _profile(b)
    _content(b, posts, comments)
    _network(b)
    if style == "complete":
        _complete_only(b)
    stamp = today.strftime("%m-%d-%Y")
    name = f"{'Basic' if style == 'basic' else 'Complete'}_LinkedInDataExport_{stamp}.zip"
    data = _zip(b.files)
    if nested:
        data = _zip({name: data})
        name += ".zip"
    return Synthetic(name, data, b.expected, b.unknown)


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _profile(b: _Builder) -> None:
    header = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary", "Industry",
              "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"]
    row = ["Rowan", "Vale", "", "12 Lantern Row, Exampleton EX1 2AB", "Mar 14, 1988",
           "Data engineer at Acme | privacy by design", "I build data platforms.\nWrite to me: " + EMAIL,
           "Software Development", "EX1 2AB", "Exampleton, United Kingdom", "[]",
           "[PORTFOLIO:https://rowan.example.org]", ""]
    b.add("Profile.csv", "\ufeff" + _csv(header, [row]), 1)  # a byte-order mark
    b.add("Profile Summary.csv", _csv(["Profile Summary"], [["Data engineer. Call " + PHONE + " for talks."]]), 1)
    # Leading empty rows before the header; a multi-line quoted description with a phone number.
    positions = ",,,,,\n\n" + _csv(
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
        [["Acme Analytics", "Data Engineer", "Pipelines for Project Falcon.\nOn call: +44 20 7946 0123",
          "Exampleton", "Sep 2021", ""],
         ["Northwind Traders", "Analyst", "Reports, dashboards,\n\"quoted\" numbers", "Exampleton", "Jan 2016",
          "Aug 2021"]])
    b.add("Positions.csv", positions, 2)
    b.add("Education.csv", _csv(["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
                                [["University of Exampleton", "2010", "2014", "", "BSc Statistics", "Chess club"]]), 1)
    b.add(b.named("skills.csv", "Skills.csv"), _csv(["Name"], [["Python"], ["SQL"], ["Data Privacy"]]), 3)
    b.add(b.named("Recommendations Received.csv", "Recommendations_Received.csv"),
          _csv(["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
               [["Sam", "Example", "Acme Analytics", "Lead", "Rowan shipped Project Falcon on time.",
                 "5/13/20, 12:45 PM", "VISIBLE"]]), 1)


def _content(b: _Builder, posts: int, comments: int) -> None:
    rnd = b.random
    share_header = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
    planted = [
        (2, "Excited to share our launch!\n\nThanks to the whole team at Acme.", "MEMBER_NETWORK"),
        (40, f"Looking for a mentor? Mail me at {EMAIL}", "PUBLIC"),
        (3 * 365, "Three lines:\none\ntwo", "PUBLIC"),
        (7 * 365, 'An old post about "Project Falcon", long before launch.', "CONNECTIONS"),
        (9 * 365, "My first post here.", "PUBLIC"),
    ]
    lines = [share_header]
    for i, (days, text, visibility) in enumerate(planted):
        link = f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A71{i:017d}"
        lines.append(f"{b.ago(days):%Y-%m-%d %H:%M:%S},{link},{_share_field(text)},,,{visibility}\n")
    for i in range(posts):
        age = rnd.uniform(0, 3650)
        text = _filler(rnd, rnd.randint(6, 40)) + ("\n" + _filler(rnd, 8) if i % 5 == 0 else "")
        link = f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A72{i:017d}"
        lines.append(f"{b.ago(age):%Y-%m-%d %H:%M:%S},{link},{_share_field(text)},,,PUBLIC\n")
    b.add(b.named("Shares.csv", f"Shares_{MEMBER_ID}.csv"), "".join(lines), len(planted) + posts)

    comment_lines = ["Date,Link,Message\n"]
    planted_comments = [
        (5, 'He said \"ship it, now\" and we did.'.replace('\\"', '"'), "74"),
        (60, f"Happy to help, call {PHONE} any time.", "75"),
        (8 * 365, "Congrats on Project Falcon, well deserved!", "76"),
        (30, 'Doubled ""quotes"" also appear.', "77"),
        (90, 'Multi-line,\n"quoted, with commas"\nand more', "78"),
    ]
    for days, text, post in planted_comments:
        link = f"https://www.linkedin.com/feed/update/urn:li:activity:{post}00000000000000000"
        field_text = _quoted(text.replace('""', '"')) if '""' in text else _comment_field(text)
        comment_lines.append(f"{b.ago(days):%Y-%m-%d %H:%M:%S},{link},{field_text}\n")
    for i in range(comments):
        age = rnd.uniform(0, 3650)
        text = _filler(rnd, rnd.randint(3, 25)) + (' "well, said"' if i % 7 == 0 else "")
        link = f"https://www.linkedin.com/feed/update/urn:li:activity:73{i:017d}"
        comment_lines.append(f"{b.ago(age):%Y-%m-%d %H:%M:%S},{link},{_comment_field(text)}\n")
    b.add(b.named("Comments.csv", f"Comments_{MEMBER_ID}.csv"), "".join(comment_lines),
          len(planted_comments) + comments)

    b.add("Votes.csv", _csv(["Date", "Link", "OptionText"],
                            [[f"{b.ago(400):%Y-%m-%d %H:%M:%S}", "urn:li:ugcPost:7000000000000000001", "Remote first"],
                             ["sometime in spring", "urn:li:ugcPost:7000000000000000002", "Tabs"]]), 2)
    b.add(b.named("Rich Media.csv", "Rich_Media.csv"),
          _csv(["Date/Time", "Media Description", "Media Link"],
               [[f"{b.ago(6 * 365):%Y-%m-%d %H:%M:%S} UTC", "Slides from the Acme meetup",
                 "https://www.linkedin.com/dms/prv/image/example-slides"]]), 1)
    b.add(b.named("Reactions.csv", f"Reactions_{MEMBER_ID}.csv"),
          _csv(["Date", "Type", "Link"], [[f"{b.ago(3):%Y-%m-%d %H:%M:%S}", "LIKE",
                                            "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A1"]]), 1)


def _network(b: _Builder) -> None:
    preamble = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
                'missing. You will only see email addresses for connections who have allowed their connections to '
                'see or download their email address."\n\n')
    b.add("Connections.csv", preamble + _csv(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        [["Sam", "Example", "https://www.linkedin.com/in/sam-example", "", "Acme Analytics", "Lead", "30 Jan 2026"],
         ["", "", "", "", "", "", ""],  # a hidden member: an all-empty row
         ["Kit", "Sample", "https://www.linkedin.com/in/kit-sample", "kit@example.com", "Northwind", "CTO",
          "02 Feb 2019"]]), 2)
    b.add("Email Addresses.csv", _csv(["Email Address", "Confirmed", "Primary", "Updated On"],
                                      [[EMAIL, "Yes", "Yes", "Not Available"]]), 1)
    b.add(b.named("PhoneNumbers.csv", "PhoneNumbers.csv"), _csv(["Extension", "Number", "Type"], [["", PHONE, "Mobile"]]),
          1)
    b.add("messages.csv", _csv(
        ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "DATE",
         "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS"],
        [["c1", "", "Sam Example", "", PERSON, "", f"{b.ago(10):%Y-%m-%d %H:%M:%S} UTC", "",
          f"Private: my number is {PHONE}, mail {EMAIL}", "INBOX", ""]]), 1)
    learning = ("Content Title,Content Description,Content Type,Content Last Watched Date (if viewed),"
                "Content Completed At (if completed),Content Saved,Notes taken on videos (if taken),\n"
                f"SQL Basics,<p>Queries</p>,COURSE,{b.ago(100):%Y-%m-%d %H:%M} UTC,,false,,\n")
    b.add("Learning.csv", learning, 1)  # a trailing comma adds an empty eighth column
    b.add("Registration.csv", _csv(["Registered At", "Registration Ip", "Subscription Types"],
                                   [["3/2/14, 8:05 AM", "192.0.2.10", ""]]), 1)
    # Not UTF-8: Windows-1252 bytes (é as 0xE9).
    follows = "Organization,Followed On\nSociété Exemple,Wed Oct 01 16:02:32 UTC 2025\nAcme Analytics,30 Jan 2020\n"
    b.add("Company Follows.csv", follows.encode("cp1252"), 2)
    b.add("Job Applicant Saved Screening Question Responses.csv" if b.style == "basic"
          else "Job Applicant Saved Screening Question Responses_1.csv",
          _csv(["Question", "Answer"], [["How many years of Python experience do you have?", "8"],
                                        ["Please submit a resume", "rowan-vale-cv-2023.pdf"],
                                        ["Mobile phone number", PHONE]]), 3)
    b.add("Events.csv", _csv(["Event Name", "Event Time"], [["Data meetup", "2025-02-01"]]), None)  # unknown here


def _complete_only(b: _Builder) -> None:
    applications_header = ["Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title",
                           "Job Url", "Resume Name", "Question And Answers"]
    b.add("Jobs/Job Applications.csv", _csv(applications_header, [
        ["11/3/25, 10:12 AM", EMAIL, PHONE, "Acme Analytics", "Senior Data Engineer",
         "https://www.linkedin.com/jobs/view/4000000001", "Rowan_Vale_Resume_2025.pdf", "Years of SQL?: 9"]]), 1)
    b.add("Jobs/Job Applications_1.csv", _csv(applications_header, [
        ["4/20/22, 3:30 PM", EMAIL, PHONE, "Northwind Traders", "Data Lead",
         "https://www.linkedin.com/jobs/view/4000000002", "Rowan_Vale_Resume_2022.docx", ""],
        ["5/2/22, 9:00 AM", EMAIL, PHONE, "Contoso", "Analyst", "https://www.linkedin.com/jobs/view/4000000003",
         "Rowan_Vale_Resume_2022.docx", ""]]), 2)
    b.add("Jobs/Job Applicant Saved Answers.csv", _csv(["Question", "Answer"],
                                                        [["Are you willing to relocate?", "Yes, to Exampleton"]]), 1)
    b.add("Inferences_about_you.csv", _csv(["Category", "Type of inference", "Description", "Inference"], [
        ["Career inferences", "Job seeker", "Whether you are looking for a job", "true"],
        ["Inferred interests", "Interest", "Topics inferred from your activity", "Cloud computing"],
        ["Inferred personal characteristics", "Gender", "Inferred from your first name", "Unknown"]]), 3)
    ad_header = ["Member Age", "Company Names", "Company Names", "Company Follower of", "Company Names",
                 "Job Titles", "Job Titles", "Member Skills", "Job Titles", "Member Interests"]
    ad_row = ["25 to 34", "Acme Analytics", "Northwind Traders;Contoso", "Acme Analytics", "Fabrikam",
              "Data Engineer", "Analyst", "Python;SQL", "Data Lead", "Cloud computing;Privacy"]
    b.add("Ad_Targeting.csv", _csv(ad_header, [ad_row]), 1)
    b.add("Logins.csv", _csv(["Login Date", "IP Address", "User Agent", "Login Type"],
                             [["Tue Oct 10 14:57:23 UTC 2023", "192.0.2.20", "Mozilla/5.0", "WEB"]]), 1)
    b.add("Receipts_v2.csv", _csv(["Transaction Made At", "Payment Method Type", "Description"],
                                  [["2024/01/05 10:00:00 UTC", "Card", "Premium Career"]]), 1)
    b.add(f"SearchQueries_{MEMBER_ID}.csv", _csv(["Time", "Search Query"],
                                                 [[f"{b.ago(20):%Y/%m/%d %H:%M:%S} UTC", "data engineer jobs"]]), 1)
    b.add("Endorsement_Received_Info.csv", _csv(
        ["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name", "Endorser Public Url",
         "Endorsement Status"], [["2021/06/01 08:00:00 UTC", "Python", "Sam", "Example", "", "ACCEPTED"]]), 1)
    old = b.ago(6 * 365)
    article = (f"<html><head><title>Why Project Falcon matters</title>"
               f'<link rel="canonical" href="https://www.linkedin.com/pulse/why-project-falcon-matters-rowan-vale">'
               f"</head><body><h1>Why Project Falcon matters</h1><p>Created on {old:%Y-%m-%d %H:%M}</p>"
               f"<p>Questions? Write to {EMAIL}.</p></body></html>")
    b.add(f"Articles/Articles/{old:%Y-%m-%d}_why-project-falcon-matters.html", article, 1)
    b.add("Verifications/README.txt", "Synthetic: no verifications.\n", None)


