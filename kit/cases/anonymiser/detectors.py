"""Detectors of structured personal data: each yields candidates (kind, span, priority) found by `patterns`.

Overlaps are settled by `select_non_overlapping`: the longer span wins, then the more specific kind (higher
priority). Personnummer/samordningsnummer: the date part is validated (month 01-12, day 01-31 or 61-91). A number
whose Luhn digit fails is still removed (a typo in a personnummer is still personal data); the Luhn check only
decides the kind when a bare ten-digit number could also be a phone number (0701234567): it is an identity number
if written with "-"/"+", with the century, or with a valid Luhn digit, otherwise a phone number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from kit.cases.anonymiser.patterns import (
    ADDRESS,
    BANK_SIGNALLED,
    CLEARING_ACCOUNT,
    CURRENCY_AFTER,
    DATE_DAY_MONTH,
    DATE_ISO,
    DATE_MONTH_DAY,
    DATE_NUMERIC,
    EMAIL,
    IBAN,
    IBAN_SIGNAL,
    IDENTITY_NUMBER,
    NOT_PLATE_LETTERS,
    NOT_TOWNS,
    PASSPORT,
    PHONE_INTERNATIONAL,
    PHONE_NATIONAL,
    PHONE_SIGNALLED,
    POSTCODE_BEFORE_TOWN,
    POSTCODE_PREFIXED,
    POSTCODE_UK,
    VEHICLE_REGISTRATION,
    YEAR_ONLY,
)
from kit.cases.name_source import MONTH_NAMES

KINDS: tuple[str, ...] = (
    "identity_number", "phone", "email", "address", "postcode", "date",
    "vehicle_registration", "bank_account", "passport_number", "person_name",
)


class Candidate(NamedTuple):
    """A possible finding; `priority` ranks kinds when two candidates cover the same length."""

    kind: str
    start: int
    end: int
    priority: int


def select_non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longer span where candidates overlap, then the more specific kind, then the earlier one."""
    taken = bytearray(max((c.end for c in candidates), default=0))
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, -c.priority, c.start)):
        if taken.find(1, candidate.start, candidate.end) == -1:
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            chosen.append(candidate)
    return chosen


def find_structured(text: str) -> Iterator[Candidate]:
    """Candidates of every kind except names."""
    for detector in _DETECTORS:
        yield from detector(text)


def find_identity_numbers(text: str) -> Iterator[Candidate]:
    """Personnummer and samordningsnummer in every common spelling, with a valid date part."""
    for match in IDENTITY_NUMBER.finditer(text):
        date, serial, sep = match["date"], match["serial"], match["sep"]
        if not is_identity_date(date):
            continue
        unambiguous = sep in ("-", "+") or match["century"] is not None
        priority = 80 if unambiguous or luhn_valid(date + serial) else 50
        yield Candidate("identity_number", match.start(), match.end(), priority)


def is_identity_date(yymmdd: str) -> bool:
    """Month 01-12 and day 01-31, or 61-91 for a samordningsnummer."""
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by personnummer and many account numbers."""
    total = 0
    for index, digit in enumerate(int(char) for char in reversed(digits)):
        if index % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def find_phone_numbers(text: str) -> Iterator[Candidate]:
    """Swedish national numbers, international numbers (+ or 00), and numbers after a word such as "tel"."""
    for match in PHONE_INTERNATIONAL.finditer(text):
        if 8 <= count_digits(match.group()) <= 15:
            yield Candidate("phone", match.start(), match.end(), 60)
    for match in PHONE_NATIONAL.finditer(text):
        if 8 <= count_digits(match.group()) <= 11:
            yield Candidate("phone", match.start(), match.end(), 60)
    for match in PHONE_SIGNALLED.finditer(text):
        if 7 <= count_digits(match["number"]) <= 15:
            yield Candidate("phone", match.start("number"), match.end("number"), 62)


def count_digits(value: str) -> int:
    return sum(char.isdigit() for char in value)


def find_emails(text: str) -> Iterator[Candidate]:
    """E-mail addresses, also written with (at) or [at]."""
    for match in EMAIL.finditer(text):
        yield Candidate("email", match.start(), match.end(), 90)


def find_addresses(text: str) -> Iterator[Candidate]:
    """Street addresses: Swedish and Nordic, English, Polish, Latvian, Lithuanian and Estonian forms."""
    for match in ADDRESS.finditer(text):
        yield Candidate("address", match.start(), match.end(), 35)


def find_postcodes(text: str) -> Iterator[Candidate]:
    """Postcodes with a country prefix, before a town name, or in the UK format."""
    for match in POSTCODE_PREFIXED.finditer(text):
        yield Candidate("postcode", match.start(), match.end(), 45)
    for match in POSTCODE_BEFORE_TOWN.finditer(text):
        if is_town(match["town"]) and not followed_by_currency(text, match.end()):
            yield Candidate("postcode", match.start(), match.end(), 45)
    for match in POSTCODE_UK.finditer(text):
        yield Candidate("postcode", match.start(), match.end(), 45)


def is_town(word: str) -> bool:
    """Whether a capitalised word after a five-digit number can be a town (not a unit or a month)."""
    return word not in NOT_TOWNS and word not in MONTH_NAMES and not word.isupper()


def followed_by_currency(text: str, end: int) -> bool:
    return CURRENCY_AFTER.match(text, end) is not None


def find_dates(text: str) -> Iterator[Candidate]:
    """Exact dates: ISO, numeric day-month-year, and written with a month name (a day is required)."""
    for match in DATE_ISO.finditer(text):
        yield Candidate("date", match.start(), match.end(), 40)
    for match in DATE_NUMERIC.finditer(text):
        if is_numeric_date(match):
            yield Candidate("date", match.start(), match.end(), 40)
    for match in DATE_DAY_MONTH.finditer(text):
        end = day_month_end(match)
        if end:
            yield Candidate("date", match.start(), end, 40)
    for match in DATE_MONTH_DAY.finditer(text):
        if match["year"] or match["ordinal"] or match["on"]:
            start = match.end("on") if match["on"] else match.start()
            yield Candidate("date", start, match.end(), 40)


def day_month_end(match: re.Match[str]) -> int:
    """Where a "5 mars (2024)" date ends; 0 for an abbreviated month with neither year nor full stop ("3 mar")."""
    if match["year"]:
        return match.end()
    if match["abbr"]:
        return match.end("dot") if match["dot"] else 0
    return match.end("month")


def is_numeric_date(match: re.Match[str]) -> bool:
    """Day and month in either order; a two-digit year only with slashes (5/3/24), never with dots (versions)."""
    first, second = int(match["first"]), int(match["second"])
    if len(match["year"]) == 2 and match["sep"] != "/":
        return False
    return (1 <= first <= 31 and 1 <= second <= 12) or (1 <= first <= 12 and 1 <= second <= 31)


def find_vehicle_registrations(text: str) -> Iterator[Candidate]:
    """Swedish (ABC 123, ABC 12A), Polish (WA 12345), Latvian/Finnish (AB-1234) and Estonian (123 ABC) plates."""
    codes = non_plate_codes()
    for match in VEHICLE_REGISTRATION.finditer(text):
        letters = match["letters"] or match["hyphen"] or match["suffix"]
        if letters in codes or match["pl"] in NOT_PLATE_LETTERS:
            continue
        if match["digits"] and YEAR_ONLY.fullmatch(match["digits"]):
            continue
        yield Candidate("vehicle_registration", match.start(), match.end(), 30)


@functools.lru_cache(maxsize=1)
def non_plate_codes() -> frozenset[str]:
    """Letter groups that are currencies, country codes or common acronyms rather than plates."""
    # Faker is imported here, on the first plate check, because importing it costs start-up time.
    from faker.providers.address import Provider as AddressProvider
    from faker.providers.currency import Provider as CurrencyProvider

    currencies = {code for code, _name in CurrencyProvider.currencies}
    countries = set(AddressProvider.alpha_2_country_codes) | set(AddressProvider.alpha_3_country_codes)
    return frozenset(currencies | countries | NOT_PLATE_LETTERS)


def find_bank_accounts(text: str) -> Iterator[Candidate]:
    """IBANs (mod-97 checked), Swedish clearing + account numbers, and numbers after konto/account/bankgiro."""
    for match in IBAN.finditer(text):
        end = valid_iban_end(text, match)
        if end is not None:
            yield Candidate("bank_account", match.start(), end, 85)
    for match in CLEARING_ACCOUNT.finditer(text):
        if count_digits(match.group()) >= 10 and not followed_by_currency(text, match.end()):
            yield Candidate("bank_account", match.start(), match.end(), 65)
    for match in BANK_SIGNALLED.finditer(text):
        if count_digits(match["number"]) >= 5 and not followed_by_currency(text, match.end("number")):
            yield Candidate("bank_account", match.start("number"), match.end("number"), 70)


def valid_iban_end(text: str, match: re.Match[str]) -> int | None:
    """Where the IBAN in `match` ends, dropping trailing groups until the mod-97 check passes.

    After the word "IBAN" the full match is kept even if the check fails (a typo is still an account).
    """
    value = match.group()
    while True:
        if iban_valid(value):
            return match.start() + len(value)
        cut = max(value.rfind(" "), value.rfind("\u00a0"))
        if cut < 0 or len(value[:cut]) < 15:
            break
        value = value[:cut]
    if IBAN_SIGNAL.search(text, max(0, match.start() - 12), match.start()):
        return match.end()
    return None


def iban_valid(value: str) -> bool:
    """The ISO 13616 mod-97 check of an IBAN written with or without spaces."""
    compact = value.replace(" ", "").replace("\u00a0", "")
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def find_passport_numbers(text: str) -> Iterator[Candidate]:
    """Passport and ID card numbers, only after a signalling word (pass, passnummer, passport, ID-kort...)."""
    for match in PASSPORT.finditer(text):
        yield Candidate("passport_number", match.start("number"), match.end("number"), 75)


_DETECTORS: tuple[Callable[[str], Iterator[Candidate]], ...] = (
    find_identity_numbers, find_phone_numbers, find_emails, find_addresses, find_postcodes, find_dates,
    find_vehicle_registrations, find_bank_accounts, find_passport_numbers,
)
