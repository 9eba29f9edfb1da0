"""What the review points out: each kind of flag, with its title and how it is handled.

A ``FlagKind`` is a ``StrEnum``: in the JSON and the CSV it is the same short string it always was
(``"email"``, ``"old"``, ...). The order of the members is the order of the outputs. Each carries
what every output needs to know about it, so no output branches on a string:

- ``heading``: the title of its section in the terminal and the HTML page;
- ``oldest_first``: old content is listed oldest first (the person starts with what is oldest),
  every other kind newest first;
- ``where``: where to change it, when that is not the place of the file it was found in (a birth
  date or an address is changed in the contact info, not in a section of the profile);
- ``link``: the page to act on, when the export gives none (saved resumes and answers).
"""

from __future__ import annotations

from enum import StrEnum

from automation.review.kinds import JOB_SETTINGS, WHERE_CONTACT


class FlagKind(StrEnum):
    heading: str
    oldest_first: bool
    where: str | None
    link: str | None

    def __new__(cls, value: str, heading: str, oldest_first: bool = False, where: str | None = None,
                link: str | None = None) -> FlagKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.heading, member.oldest_first, member.where, member.link = heading, oldest_first, where, link
        return member

    EMAIL = ("email", "E-mail addresses in your text")
    PHONE = ("phone", "Phone numbers in your text")
    BIRTH_DATE = ("birth-date", "Birth date in your profile", False, WHERE_CONTACT)
    ADDRESS = ("address", "Street address in your profile", False, WHERE_CONTACT)
    WATCH_WORD = ("watch-word", "Your watch words")
    OLD = ("old", "Old content, oldest first", True)
    RESUME = ("resume", "Resumes named in the export", False, None, JOB_SETTINGS)
    SCREENING_ANSWER = ("screening-answer", "Saved screening answers", False, None, JOB_SETTINGS)
