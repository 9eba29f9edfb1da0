"""A synthetic export in the shape of LinkedIn's exports of 2018 (docs/export.md, "Older exports"):
six files written as UTF-16 with a byte-order mark and tabs between fields, the posts file with the
older headers (``Share Link``, ``Share Commentary``, ``Share Title``) and dates like
``2017/06/08 08:15:44 UTC``; the other files UTF-8 with commas, as now. Everything is invented."""

from __future__ import annotations

import codecs
import io
import zipfile

from automation.review.synthetic import PERSON

# Five posts of 2015 to 2017; the third has a line break inside its quoted text.
POSTS = [
    ("2017/06/08 08:15:44 UTC", "urn:li:share:6278000000000000001", "Our team shipped the new search today.", ""),
    ("2016/11/02 17:03:10 UTC", "urn:li:share:6199000000000000002", "", "Why data privacy matters"),
    ("2016/03/21 09:30:00 UTC", "urn:li:share:6118000000000000003", "Two lines:\nfirst and second", ""),
    ("2015/09/14 12:00:00 UTC", "urn:li:share:6049000000000000004", "Hiring! Write to rowan.vale@example.org", ""),
    ("2015/01/05 07:45:12 UTC", "urn:li:share:5958000000000000005", "My first post, back in 2015.", ""),
]


def _tabbed(header: list[str], rows: list[list[str]]) -> str:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in '\t\n"') else value

    return "".join("\t".join(cell(v) for v in row) + "\r\n" for row in [header, *rows])


def utf16(text: str, encoding: str = "utf-16-le") -> bytes:
    mark = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
    return mark + text.encode(encoding)


def files_2018(encoding: str = "utf-16-le") -> dict[str, bytes]:
    posts = [[date, f"https://www.linkedin.com/feed/update/{urn}", text, title] for date, urn, text, title in POSTS]
    return {
        "Profile.csv": (f"First Name,Last Name,Headline,Geo Location\nRowan,{PERSON.split()[1]},Engineer,"
                        "\"Exampleton, United Kingdom\"\n").encode(),
        "Shares.csv": utf16(_tabbed(["Date", "Share Link", "Share Commentary", "Share Title"], posts), encoding),
        "SearchQueries.csv": utf16(_tabbed(["Time", "Search Query"], [["2017/05/01 10:00:00 UTC", "data jobs"]]),
                                   encoding),
        "Logins.csv": utf16(_tabbed(["Login Date", "IP Address", "User Agent", "Login Type"],
                                    [["2017/06/01 08:00:00 UTC", "192.0.2.1", "Mozilla/5.0", "WEB"],
                                     ["2017/06/02 08:00:00 UTC", "192.0.2.1", "Mozilla/5.0", "WEB"]]), encoding),
        "Ad_Targeting.csv": utf16(_tabbed(["Member Age", "Company Names", "Member Skills"],
                                          [["25 to 34", "Acme Analytics", "Python;SQL"]]), encoding),
        "Security Challenges.csv": utf16(_tabbed(["Challenge Date", "IP Address", "Challenge Type"],
                                                 [["2016/02/02 11:11:11 UTC", "192.0.2.2", "EMAIL_PIN"]]), encoding),
        "Account Status History.csv": utf16(_tabbed(["Time", "Status"], [["2014/03/02 08:05:00 UTC", "OPEN"]]),
                                            encoding),
    }


def export_2018(encoding: str = "utf-16-le") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files_2018(encoding).items():
            archive.writestr(name, data)
    return out.getvalue()
