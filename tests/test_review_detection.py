"""What is found in free text: phone numbers by libphonenumber's matcher (a table of true and false
examples), watch words by one trie pattern that finds exactly what a pattern per word finds."""

from __future__ import annotations

import random
import re

import pytest

from automation.review.phones import Phones, region_of, region_of_number
from automation.review.watch import compile_words

PHONES = [
    # (text, the country numbers without a country code are read in, what is found)
    ("call +44 20 7946 0958 today", "GB", ["+44 20 7946 0958"]),
    ("call +44 20 7946 0958 today", None, ["+44 20 7946 0958"]),
    ("tel:+442079460958", None, ["+442079460958"]),
    ("ring 020 7946 0958 after six", "GB", ["020 7946 0958"]),
    ("ring 020 7946 0958 after six", None, []),  # no country known: only numbers with their country code
    ("office (415) 555-2671", "US", ["(415) 555-2671"]),
    ("0049 30 1234567", "GB", ["0049 30 1234567"]),
    ("+1 415 555 2671 and +49 30 1234567", "GB", ["+1 415 555 2671", "+49 30 1234567"]),
    ("we reached 100 000 000 users", "GB", []),
    ("we reached 100 000 000 users", "US", []),
    ("in 2019 2020 2021 we grew", "GB", []),
    ("ISBN 978-3-16-148410-0", "GB", []),
    ("ISBN 0-306-40615-2", "US", []),
    ("IBAN GB82 WEST 1234 5698 7654 32", "GB", []),
    ("IBAN DE89 3704 0044 0532 0130 00", "DE", []),
    ("posted on 2024-03-05 14:22:01", "GB", []),
    ("between 2019-2021", "GB", []),
    ("1,000,000 impressions", "US", []),
    ("order 123456789", "GB", []),
    ("see urn:li:activity:7000000000000000001", "GB", []),
    ("https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7100000000000000001", "GB", []),
]


@pytest.mark.parametrize(("text", "region", "found"), PHONES)
def test_phone_numbers_true_and_false(text: str, region: str | None, found: list[str]) -> None:
    assert [f.raw for f in Phones(region).find(text)] == found


@pytest.mark.parametrize(("location", "region"), [
    ("Exampleton, United Kingdom", "GB"), ("Berlin, Germany", "DE"), ("Austin, Texas, United States", "US"),
    ("Lyon, FR", "FR"), ("London, England", "GB"), ("Greater Boston Area", None), ("", None)])
def test_the_profile_location_gives_the_country(location: str, region: str | None) -> None:
    assert region_of(location) == region


def test_the_persons_own_number_gives_the_country_when_it_has_its_code() -> None:
    assert region_of_number("+44 20 7946 0958") == "GB" and region_of_number("0049 30 1234567") == "DE"
    assert region_of_number("020 7946 0958") is None and region_of_number("+999") is None


def test_the_review_reads_national_numbers_in_the_profile_country_and_says_when_it_knows_none() -> None:
    import io
    import zipfile

    from automation.review import Options, review_export

    def review(profile: str, country: str | None = None):  # type: ignore[no-untyped-def]
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as z:
            z.writestr("Shares.csv", "Date,ShareLink,ShareCommentary\n2026-01-01 10:00:00,x,ring 020 7946 0958\n")
            z.writestr("Profile.csv", profile)  # after the posts in the zip: read first all the same
        return review_export(data.getvalue(), Options(country=country))

    found = review('First Name,Geo Location\nRowan,"Exampleton, United Kingdom"\n')
    assert found.region == "GB" and [f.kind for f in found.flags] == ["phone"] and found.region_note() is None
    unknown = review("First Name,Geo Location\nRowan,Greater Boston Area\n")
    assert unknown.region is None and unknown.flags == [] and "--country" in (unknown.region_note() or "")
    assert [f.kind for f in review("First Name\nRowan\n", country="GB").flags] == ["phone"]


def naive(words: list[str]) -> re.Pattern[str]:
    """One branch per word, longest first: what the trie must agree with."""
    ordered = sorted({" ".join(w.split()).lower() for w in words}, key=len, reverse=True)
    return re.compile("|".join(rf"(?<!\w){re.escape(w).replace(chr(92) + ' ', chr(92) + 's+')}(?!\w)"
                               for w in ordered), re.IGNORECASE)


def test_the_trie_pattern_finds_what_one_pattern_per_word_finds() -> None:
    rnd = random.Random(5)
    alphabet = "abcé -+."
    for _ in range(300):
        words = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 5))).strip() or "a"
                 for _ in range(rnd.randint(1, 8))]
        text = "".join(rnd.choice(alphabet + "AB\n") for _ in range(40))
        trie = compile_words(words)
        assert trie is not None
        assert [m.group() for m in trie.finditer(text)] == [m.group() for m in naive(words).finditer(text)], (words, text)


def test_watch_words_match_any_case_across_line_breaks_and_never_inside_a_word() -> None:
    pattern = compile_words(["Acme", "Acme Corp", "Project Falcon", "C++"])
    assert pattern is not None
    text = "ACME corp, acmecorp, Project\n  Falcon, C++ and Acme Corpx"
    assert [m.group() for m in pattern.finditer(text)] == ["ACME corp", "Project\n  Falcon", "C++", "Acme"]
    assert compile_words(["", "  "]) is None


def test_the_matcher_gives_up_on_a_text_of_more_candidates_than_a_person_writes() -> None:
    """A hostile field of a million digit groups must not cost minutes: the matcher tries a bounded
    number of candidates per text (a post holds a few)."""
    from automation.review.phones import MAX_FOUND, MAX_TRIES

    assert len(Phones("US").find("call 415 555 2671 or " * (MAX_FOUND * 2))) == MAX_FOUND
    assert Phones("US").find("1234567 " * (MAX_TRIES * 5) + " call 415 555 2671") == []  # given up before it
    assert len(Phones("US").find("call 415 555 2671 or " * 20)) == 20
