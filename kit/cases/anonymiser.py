"""Remove personal data from a case description, replacing each item with a placeholder in the chosen language."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kit.cases.name_source import NameSource

# Design notes
# - Every detector yields candidates (kind, span, priority). Overlaps are settled by keeping the longer span,
#   then the more specific kind (higher priority); replacements are applied from right to left.
# - Personnummer/samordningsnummer: the date part is validated (month 01-12, day 01-31 or 61-91). A number whose
#   Luhn digit fails is still removed (a typo in a personnummer is still personal data); the Luhn check only
#   decides the kind when a bare ten-digit number could also be a phone number (0701234567): it is an identity
#   number if written with "-"/"+", with the century, or with a valid Luhn digit, otherwise a phone number.
# - Numbers that are also ordinary (amounts, years, times, article numbers) stay: postcodes need a country
#   prefix, a town after them or the UK format; plates exclude currency and country codes; IBANs need mod-97
#   (or the word IBAN); passport numbers and bankgiro/plusgiro need a signalling word.
# - Names come from Faker's locale lists (see name_source.py). A run of capitalised name words is one name.
#   A lone name word at the start of a sentence is a name only if it is a first name and no ordinary word
#   ("Will", "Hans", "Ring" stay); a lone surname there is a name only if the text names it elsewhere.
#   Inside a sentence a lone name word is a name unless it is an English month or, being also an ordinary
#   word, sits in a capitalised phrase ("Red Cross") or a Title Case heading.
#   "Maj": the Swedish month is written "maj", so capitalised "Maj" inside a sentence is the name; at the start
#   of a sentence it is left alone (the month) unless a name follows ("Maj Andersson").
# - Name detection looks at the text with the other findings and placeholders blanked out, so anonymising the
#   output again finds nothing (idempotence).

KINDS: tuple[str, ...] = (
    "identity_number", "phone", "email", "address", "postcode", "date",
    "vehicle_registration", "bank_account", "passport_number", "person_name",
)

_UPPER = "".join(
    char for code in [*range(0x41, 0x530), *range(0x1E00, 0x1F00)] if (char := chr(code)).isupper()
)
_LETTER = r"[^\W\d_]"
_BEFORE_NUMBER = r"(?<![\w+.,/-])"
_AFTER_NUMBER = r"(?![\w-]|[.,/]\d)"
_CURRENCY_AFTER = re.compile(
    r"\s*(?:kr\b|kronor|SEK|EUR|euro|€|USD|dollar|PLN|zł|złot|GBP|pounds?|£|NOK|DKK|rubel|rubles?|lei|lev)",
    re.IGNORECASE,
)

# --- identity numbers -------------------------------------------------------------------------------------
_IDENTITY_NUMBER = re.compile(
    r"(?<![\w+.,/-])(?P<century>18|19|20)?(?P<date>\d{6})(?P<sep>[-+]|[ \u00a0]?)(?P<serial>\d{4})" + _AFTER_NUMBER
)

# --- phone numbers ----------------------------------------------------------------------------------------
_PHONE_INTERNATIONAL = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ \u00a0-]?\(0\))?(?:[ \u00a0-]?\d{1,4}){2,6}" + _AFTER_NUMBER
)
_PHONE_NATIONAL = re.compile(
    _BEFORE_NUMBER
    + r"0[1-9]\d{0,3}(?:[ \u00a0]?-[ \u00a0]?|[ \u00a0/])?\d{2,4}(?:[ \u00a0]?\d{2,4}){0,3}"
    + _AFTER_NUMBER
)
_PHONE_SIGNALLED = re.compile(
    r"(?i:\b(?:tel|tfn|telefon(?:nummer|nr)?|mobil(?:nummer|telefon|nr)?|mobile|phone(?:\snumber)?|cell(?:phone)?"
    r"|whatsapp|viber|telegram|sms)\b\.?:?\s*(?:(?:nr|no|number|nummer)\b\.?:?\s*)?)"
    r"(?P<number>\+?\d[\d \u00a0-]{5,16}\d)" + _AFTER_NUMBER
)

# --- e-mail -----------------------------------------------------------------------------------------------
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+(?:@|\s?\((?:at|snabel-a)\)\s?|\s?\[at\]\s?)[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])"
)

# --- addresses --------------------------------------------------------------------------------------------
_STREET_SUFFIXES = (
    "gatan|gata|vägen|väg|gränd|gränden|torget|torg|allén|allé|stigen|backen|plan|leden|parken|kajen|platsen"
    "|stråket|slingan|gate|veien|vei|vej|gade|plass|katu|tie|kuja|polku|straße|strasse|weg|platz|allee|gasse"
)
_HOUSE_NUMBER = r"\d{1,3}(?:[A-Za-z]|[ \u00a0][A-Z])?(?![\w])(?:[ \u00a0]?[-–][ \u00a0]?\d{1,3})?"
_ADDRESS_PATTERNS = (
    # Storgatan 12, Östra Hamngatan 24, Kungsvägen 3 lgh 1102, Sveavägen 44, 2 tr, Sergels torg 12
    rf"(?<![\w-])(?:(?:Norra|Södra|Östra|Västra|Stora|Lilla|Gamla|Nya|Övre|Nedre|Sankt|S:t)\s)?"
    rf"(?:[{_UPPER}]{_LETTER}*(?:{_STREET_SUFFIXES})"
    rf"|(?:[{_UPPER}]{_LETTER}+\s)?[{_UPPER}]{_LETTER}+s\s(?:torg|gata|gate|väg|vei|vej|gade|gränd|plats|park))"
    rf"\s{_HOUSE_NUMBER}(?:,?\s(?:lgh|lägenhet)\.?\s?(?:nr\.?\s?)?\d{{1,4}})?"
    r"(?:,?\s\d{1,2}\s?(?:tr|trappor|trappa|vån|våning|våningen)\b\.?)?",
    # 12 High Street, 221B Baker Street, Flat 3, 10 Church Lane
    rf"(?<![\w-])(?:(?:Flat|Apartment|Apt\.?|Unit|Room)\s\d{{1,4}}[A-Za-z]?,?\s)?\d{{1,3}}[A-Za-z]?,?\s"
    rf"(?:[{_UPPER}][\w'’-]*\s){{1,3}}(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Way|Place|Square|Court"
    r"|Crescent|Terrace|Gardens|Grove|Hill|Park|Row|Walk|Mews|Parade|Boulevard)\b",
    # ul. Marszałkowska 10/5
    rf"(?<![\w-])(?:ul|al|os|pl)\.\s?[{_UPPER}]{_LETTER}*(?:\s[{_UPPER}]{_LETTER}*){{0,2}}\s\d{{1,4}}[A-Za-z]?"
    r"(?:\s?/\s?\d{1,4}|\s?m\.\s?\d{1,4})?",
    # Brīvības iela 5-12, Gedimino pr. 9, Narva mnt 5
    rf"(?<![\w-])(?:[{_UPPER}]{_LETTER}*\s){{0,2}}(?:iela|gatve|bulvāris|prospekts|laukums)\s\d{{1,4}}[A-Za-z]?"
    r"(?:\s?[-/]\s?\d{1,4})?",
    rf"(?<![\w-])[{_UPPER}]{_LETTER}*\s(?:g|pr|al|pl|tn|mnt|pst)\.?\s\d{{1,4}}[A-Za-z]?"
    r"(?:\s?[-/]\s?\d{1,4})?(?![\w])",
)
_ADDRESS = re.compile("|".join(f"(?:{pattern})" for pattern in _ADDRESS_PATTERNS))

# --- postcodes --------------------------------------------------------------------------------------------
_TOWN_AFTER = rf"(?=[ \u00a0]+(?P<town>[{_UPPER}]{_LETTER}+))"
_POSTCODE_PREFIXED = re.compile(
    r"(?<![\w-])(?:(?:SE|S)-[ \u00a0]?[1-9]\d{2}[ \u00a0]?\d{2}|(?:FI|FIN|EE|LT|DE|D)-\d{5}|(?:DK|NO|N|LV)-\d{4}"
    r"|PL-\d{2}-\d{3})" + _AFTER_NUMBER
)
_POSTCODE_BEFORE_TOWN = re.compile(r"(?<![\w+.,/-])(?:\d{3}[ \u00a0]?\d{2}|\d{2}-\d{3})" + _TOWN_AFTER)
_POSTCODE_UK = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?[ \u00a0]?\d[A-Z]{2}(?![\w-])")
_NOT_TOWNS = frozenset(
    "Kr Kronor SEK EUR Euro Euros USD Dollar Dollars PLN GBP NOK DKK Personer Kvinnor Män Barn People Women Men"
    .split()
)

# --- dates ------------------------------------------------------------------------------------------------
_SV_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBREVIATIONS = "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
_YEAR = r"(?:1[89]|20)\d{2}"
_YEAR_ONLY = re.compile(_YEAR)
_DATE_DAY_MONTH = re.compile(
    r"(?<![\w.,/-])(?:\d{1,2}[ \u00a0]?[-–][ \u00a0]?)?(?:0?[1-9]|[12]\d|3[01])(?::?[ea]|st|nd|rd|th)?\.?"
    rf"[ \u00a0](?:of[ \u00a0])?(?P<month>(?i:{_SV_MONTHS})|{_EN_MONTHS}|(?P<abbr>(?i:{_MONTH_ABBREVIATIONS})))"
    rf"(?![\w])(?P<dot>\.)?(?:,?[ \u00a0](?P<year>{_YEAR}))?(?![\w]|[.,/]\d)"
)
_DATE_MONTH_DAY = re.compile(
    rf"(?P<on>\b[Oo]n[ \u00a0])?\b(?:{_EN_MONTHS}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)[ \u00a0]"
    rf"(?:0?[1-9]|[12]\d|3[01])(?P<ordinal>st|nd|rd|th)?(?:,?[ \u00a0](?P<year>{_YEAR}))?(?![\w]|[.,/:]\d)"
)
_DATE_ISO = re.compile(
    rf"(?<![\w.,/-]){_YEAR}(?P<sep>[-/.])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12]\d|3[01])" + _AFTER_NUMBER
)
_DATE_NUMERIC = re.compile(
    r"(?<![\w.,/-])(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)"
    rf"(?P<year>{_YEAR}|\d{{2}})" + _AFTER_NUMBER
)

# --- vehicle registration numbers -------------------------------------------------------------------------
_SWEDISH_PLATE_LETTER = "A-HJ-PR-UW-Z"  # no I, Q, V, Å, Ä, Ö
_VEHICLE_REGISTRATION = re.compile(
    rf"(?<![\w-])(?P<letters>[{_SWEDISH_PLATE_LETTER}]{{3}})[ \u00a0]?\d{{2}}[{_SWEDISH_PLATE_LETTER}\d]"
    r"(?![\w-]|[.,]\d)"
    r"|(?<![\w-])(?P<pl>[A-Z]{2})[ \u00a0](?:\d{5}|\d{4}[A-Z]|\d{3}[A-Z]{2})(?![\w-]|[.,]\d)"
    r"|(?<![\w-])(?P<hyphen>[A-Z]{2,3})-(?P<digits>\d{2,4})(?![\w-]|[.,]\d)"
    r"|(?<![\w-])\d{3}[ \u00a0]?(?P<suffix>[A-Z]{3})(?![\w-])"
)
_NOT_PLATE_LETTERS = frozenset("EU UN FN EG SFS SOU ISO ILO ART KAP TEL LVU LMA NR NO BBC CNN COP SDG SOS".split())

# --- bank accounts ----------------------------------------------------------------------------------------
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?(?![\w])")
_IBAN_SIGNAL = re.compile(r"\bIBAN\b\W{0,3}$", re.IGNORECASE)
_CLEARING_ACCOUNT = re.compile(
    r"(?<![\w-])[1-9]\d{3}-\d,?[ \u00a0]\d{1,3}(?:[ \u00a0]?\d{3}){1,3}-\d(?![\w-]|[.,]\d)"
    r"|(?<![\w-])[1-9]\d{3}(?:-\d)?-\d{1,3}(?:[ \u00a0]\d{2,3}){1,4}(?:-\d)?(?![\w-]|[.,]\d)"
)
_BANK_SIGNALLED = re.compile(
    r"(?i:\b(?:bankkonto|kontonummer|kontonr|konto|account(?:\snumber|\sno)?|acct|a/c|clearingnummer|clearingnr"
    r"|clearing|bankgiro(?:nummer)?|plusgiro(?:nummer)?|bg|pg|sort\scode)\b\.?:?\s*"
    r"(?:(?:nr|no|number|nummer)\b\.?:?\s*)?)"
    r"(?P<number>\d[\d \u00a0-]{3,28}\d)" + _AFTER_NUMBER
)

# --- passport and ID card numbers -------------------------------------------------------------------------
_PASSPORT = re.compile(
    r"(?i:(?<![\w-])(?:pass(?:nummer|numret|nr|et|ets)?|passport(?:'s)?|id-?kort(?:snummer|et|ets|nummer)?"
    r"|id[- ]card|identity\scard|identitetskort(?:snummer|et)?|travel\sdocument|resedokument(?:et)?)\b"
    r"(?:,?\s+(?:(?:med|with|har|hade|has|had|är|var|is|was)\s+)?(?:nummer|number|nr|no|num)\b\.?)?\s*[:#]?\s*)"
    r"(?P<number>(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{6,10})(?![\w-])"
)

# --- person names -----------------------------------------------------------------------------------------
_NAME_TOKEN = re.compile(  # Anna, O'Neill, Ulug‘bek, Maj-Britt; not the "'s" of "Anna's"
    rf"(?<![\w'’ʼ‘-])[{_UPPER}]{_LETTER}*(?:['’ʼ‘](?!s\b){_LETTER}+)*(?:-{_LETTER}+)*(?!\w)"
)
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|herr|fru|Herr|Fru)\.?[ \u00a0]$")
_TITLE_ABBREVIATION_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Sr|Jr|resp|ca|bl\.a|t\.ex|d\.v\.s)\.$")
_SENTENCE_OPENERS = frozenset(" \t\u00a0\"'“”‘’«»„([{–—-•*·#>")
_LIST_NUMBERING = re.compile(r"[^\w\n]*\d+(?:[.)]\d+)*[.):]?[ \t]+")
_QUOTES = frozenset("\"“”«»„")
_SENTENCE_BREAK = re.compile(r"[.!?](?:\s|$)")
_HEADING_WORD = re.compile(rf"(?<![\w'’-]){_LETTER}{{4,}}")
_SENTENCE_ENDERS = frozenset(".!?:;…\n|")
_BRACKETED = re.compile(r"\[[^\[\]\n]{0,40}\]")
_LOWER_WORD = re.compile(rf"(?<![\w'’-])[^\W\d_{_UPPER}]{_LETTER}*")


@dataclass(frozen=True)
class Finding:
    """One removed item: its kind, where it was in the original text, and what replaced it (never the data)."""

    kind: str
    start: int
    end: int
    replacement: str


class Candidate(NamedTuple):
    """A possible finding; `priority` ranks kinds when two candidates cover the same length."""

    kind: str
    start: int
    end: int
    priority: int


def anonymise(text: str, lang: str = "sv") -> tuple[str, list[Finding]]:
    """Replace personal data in `text` by placeholders in `lang` ("sv" or "en"); detection ignores `lang`."""
    placeholders = placeholders_for(lang)
    if not text:
        return "", []
    structured = select_non_overlapping(list(find_structured(text)))
    names = find_person_names(text, structured)
    chosen = select_non_overlapping(structured + names)
    findings = [Finding(c.kind, c.start, c.end, placeholders[c.kind]) for c in sorted(chosen, key=lambda c: c.start)]
    return replace_spans(text, findings), findings


def placeholders_for(lang: str) -> dict[str, str]:
    """The placeholder of every kind in `lang`, from the kit's UI catalogue."""
    from kit.content.vocabulary import LANGS

    if lang not in LANGS:
        raise ValueError(f"unsupported lang {lang!r}: use one of {', '.join(map(repr, LANGS))}")
    return _placeholders(lang)


@functools.lru_cache(maxsize=4)
def _placeholders(lang: str) -> dict[str, str]:
    from kit.content import load

    knowledge_base = load()
    return {kind: knowledge_base.ui(f"anonymiser.{kind}", lang) for kind in KINDS}


def replace_spans(text: str, findings: list[Finding]) -> str:
    """`text` with every finding's span replaced, from right to left so the original offsets stay valid."""
    pieces: list[str] = []
    end = len(text)
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        pieces += [text[finding.end : end], finding.replacement]
        end = finding.start
    pieces.append(text[:end])
    return "".join(reversed(pieces))


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


# --- detectors --------------------------------------------------------------------------------------------


def find_identity_numbers(text: str) -> Iterator[Candidate]:
    """Personnummer and samordningsnummer in every common spelling, with a valid date part."""
    for match in _IDENTITY_NUMBER.finditer(text):
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
    for match in _PHONE_INTERNATIONAL.finditer(text):
        if 8 <= count_digits(match.group()) <= 15:
            yield Candidate("phone", match.start(), match.end(), 60)
    for match in _PHONE_NATIONAL.finditer(text):
        if 8 <= count_digits(match.group()) <= 11:
            yield Candidate("phone", match.start(), match.end(), 60)
    for match in _PHONE_SIGNALLED.finditer(text):
        if 7 <= count_digits(match["number"]) <= 15:
            yield Candidate("phone", match.start("number"), match.end("number"), 62)


def count_digits(value: str) -> int:
    return sum(char.isdigit() for char in value)


def find_emails(text: str) -> Iterator[Candidate]:
    """E-mail addresses, also written with (at) or [at]."""
    for match in _EMAIL.finditer(text):
        yield Candidate("email", match.start(), match.end(), 90)


def find_addresses(text: str) -> Iterator[Candidate]:
    """Street addresses: Swedish and Nordic, English, Polish, Latvian, Lithuanian and Estonian forms."""
    for match in _ADDRESS.finditer(text):
        yield Candidate("address", match.start(), match.end(), 35)


def find_postcodes(text: str) -> Iterator[Candidate]:
    """Postcodes with a country prefix, before a town name, or in the UK format."""
    for match in _POSTCODE_PREFIXED.finditer(text):
        yield Candidate("postcode", match.start(), match.end(), 45)
    for match in _POSTCODE_BEFORE_TOWN.finditer(text):
        if is_town(match["town"]) and not followed_by_currency(text, match.end()):
            yield Candidate("postcode", match.start(), match.end(), 45)
    for match in _POSTCODE_UK.finditer(text):
        yield Candidate("postcode", match.start(), match.end(), 45)


def is_town(word: str) -> bool:
    """Whether a capitalised word after a five-digit number can be a town (not a unit or a month)."""
    from kit.cases.name_source import MONTH_NAMES

    return word not in _NOT_TOWNS and word not in MONTH_NAMES and not word.isupper()


def followed_by_currency(text: str, end: int) -> bool:
    return _CURRENCY_AFTER.match(text, end) is not None


def find_dates(text: str) -> Iterator[Candidate]:
    """Exact dates: ISO, numeric day-month-year, and written with a month name (a day is required)."""
    for match in _DATE_ISO.finditer(text):
        yield Candidate("date", match.start(), match.end(), 40)
    for match in _DATE_NUMERIC.finditer(text):
        if is_numeric_date(match):
            yield Candidate("date", match.start(), match.end(), 40)
    for match in _DATE_DAY_MONTH.finditer(text):
        end = day_month_end(match)
        if end:
            yield Candidate("date", match.start(), end, 40)
    for match in _DATE_MONTH_DAY.finditer(text):
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
    for match in _VEHICLE_REGISTRATION.finditer(text):
        letters = match["letters"] or match["hyphen"] or match["suffix"]
        if letters in codes or match["pl"] in _NOT_PLATE_LETTERS:
            continue
        if match["digits"] and _YEAR_ONLY.fullmatch(match["digits"]):
            continue
        yield Candidate("vehicle_registration", match.start(), match.end(), 30)


@functools.lru_cache(maxsize=1)
def non_plate_codes() -> frozenset[str]:
    """Letter groups that are currencies, country codes or common acronyms rather than plates."""
    from faker.providers.address import Provider as AddressProvider
    from faker.providers.currency import Provider as CurrencyProvider

    currencies = {code for code, _name in CurrencyProvider.currencies}
    countries = set(AddressProvider.alpha_2_country_codes) | set(AddressProvider.alpha_3_country_codes)
    return frozenset(currencies | countries | _NOT_PLATE_LETTERS)


def find_bank_accounts(text: str) -> Iterator[Candidate]:
    """IBANs (mod-97 checked), Swedish clearing + account numbers, and numbers after konto/account/bankgiro."""
    for match in _IBAN.finditer(text):
        end = valid_iban_end(text, match)
        if end is not None:
            yield Candidate("bank_account", match.start(), end, 85)
    for match in _CLEARING_ACCOUNT.finditer(text):
        if count_digits(match.group()) >= 10 and not followed_by_currency(text, match.end()):
            yield Candidate("bank_account", match.start(), match.end(), 65)
    for match in _BANK_SIGNALLED.finditer(text):
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
    if _IBAN_SIGNAL.search(text, max(0, match.start() - 12), match.start()):
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
    for match in _PASSPORT.finditer(text):
        yield Candidate("passport_number", match.start("number"), match.end("number"), 75)


_DETECTORS: tuple[Callable[[str], Iterator[Candidate]], ...] = (
    find_identity_numbers, find_phone_numbers, find_emails, find_addresses, find_postcodes, find_dates,
    find_vehicle_registrations, find_bank_accounts, find_passport_numbers,
)


# --- person names -----------------------------------------------------------------------------------------


class Token(NamedTuple):
    """A capitalised word and its offsets."""

    text: str
    start: int
    end: int


class NameSpan(NamedTuple):
    """A name found by `_NameDetector`."""

    start: int
    end: int
    words: tuple[str, ...]
    sure: bool  # False: a lone surname opening a sentence, a name only if the text names it elsewhere


def find_person_names(text: str, structured: list[Candidate]) -> list[Candidate]:
    """Runs of capitalised name words ("Anna Kowalska", "Jānis Bērziņš"), each one candidate.

    Detection runs on the text with the other findings and any placeholders blanked out, so that a second
    pass over the anonymised text sees exactly what the first pass saw (anonymising is idempotent).
    """
    from kit.cases.name_source import name_source

    visible = blank_out(text, structured)
    vocabulary = frozenset(word.lower() for word in _LOWER_WORD.findall(visible))
    spans = list(_NameDetector(visible, name_source(), vocabulary).name_spans())
    known = {word for span in spans if span.sure for word in span.words}
    return [
        Candidate("person_name", span.start, span.end, 10)
        for span in spans
        if span.sure or span.words[0] in known
    ]


def blank_out(text: str, structured: list[Candidate]) -> str:
    """`text` with the candidates' spans and bracketed placeholders replaced by spaces (offsets unchanged)."""
    pieces, position = [], 0
    for candidate in sorted(structured, key=lambda c: c.start):
        pieces += [text[position : candidate.start], " " * (candidate.end - candidate.start)]
        position = candidate.end
    pieces.append(text[position:])
    return _BRACKETED.sub(lambda match: " " * len(match.group()), "".join(pieces))


class _NameDetector:
    """Groups capitalised words into names, following the rules in the design notes at the top.

    A word is a *name word* if the name lists hold it (whole, as a Swedish genitive, hyphen by hyphen) or it has
    a surname ending; it is *ordinary* if it is also a lower-case word (kit vocabulary, stoplist, this text).
    """

    def __init__(self, text: str, source: NameSource, document_vocabulary: frozenset[str]):
        from kit.cases.name_source import MONTH_NAMES, SURNAME_ENDING

        self.text = text
        self.source = source
        self.document_vocabulary = document_vocabulary
        self.months = MONTH_NAMES
        self.surname_ending = SURNAME_ENDING

    def name_spans(self) -> Iterator[NameSpan]:
        for group in self.adjacent_groups():
            yield from self.names_in_group(group)

    def adjacent_groups(self) -> Iterator[list[Token]]:
        """Capitalised words separated by single spaces, skipping multi-word places ("Costa Rica")."""
        group: list[Token] = []
        skip_until = 0
        for match in _NAME_TOKEN.finditer(self.text):
            token = Token(match.group(), match.start(), match.end())
            if token.start < skip_until:
                continue
            phrase_end = self.phrase_end(token)
            if phrase_end or group and self.text[group[-1].end : token.start] not in (" ", "\u00a0"):
                if group:
                    yield group
                group = []
            if phrase_end:
                skip_until = phrase_end
            else:
                group.append(token)
        if group:
            yield group

    def phrase_end(self, token: Token) -> int:
        for phrase in self.source.phrases.get(token.text, ()):
            if self.text.startswith(phrase, token.start):
                return token.start + len(phrase)
        return 0

    def names_in_group(self, group: list[Token]) -> Iterator[NameSpan]:
        index = free = 0  # group[free:] is not part of a name yet
        while index < len(group):
            end = self.run_end(group, index)
            verdict = self.judge_run(group, index, end) if end > index else None
            if verdict is None:
                index = max(end, index + 1)
                continue
            start = self.extended_start(group, index, free)
            end = self.extended_end(group, end)
            words = tuple(token.text for token in group[start:end])
            yield NameSpan(group[start].start, group[end - 1].end, words, verdict)
            index = free = end

    def run_end(self, group: list[Token], start: int) -> int:
        """The end (exclusive) of the run of name words starting at `start` (== start if none starts there)."""
        first = group[start].text
        if first in self.source.never_names:
            return start
        if not (self.is_name_word(first) or self.after_honorific(group[start]) and self.may_join_a_name(first)):
            return start
        end = start + 1
        while end < len(group) and self.continues_run(group[end].text, group[end - 1].text):
            end += 1
        if first in self.source.places and end == start + 1:
            return start  # "Georgia", "Kalmar" alone are places; "Georgia Price" is a name
        return end

    def continues_run(self, word: str, previous: str) -> bool:
        if word in self.source.never_names or not self.is_name_word(word):
            return False
        return word not in self.source.places or previous.rsplit("-", 1)[-1] in self.source.first_names

    def judge_run(self, group: list[Token], start: int, end: int) -> bool | None:
        """True: a name; False: a name only if the text names it elsewhere; None: not a name."""
        token = group[start]
        if end - start > 1 or self.after_honorific(token):
            return True
        word = token.text
        if self.is_ordinary(word):
            return self.judge_single_ordinary_word(group, start)
        if not self.starts_sentence(token.start):
            return True
        # a lone word opening a sentence: surname lists hold many ordinary words ("Ring henne", "Post", "Behov")
        return self.is_strong_first_name(word)

    def judge_single_ordinary_word(self, group: list[Token], index: int) -> bool | None:
        """A lone name word that is also an ordinary word: a name only inside a sentence and not in a title."""
        token = group[index]
        if token.text in self.months or self.starts_sentence(token.start) or self.in_capitalised_phrase(group, index):
            return None
        return True

    def in_capitalised_phrase(self, group: list[Token], index: int) -> bool:
        """Next to a word capitalised for another reason than starting the sentence ("Red Cross"), or in a heading."""
        if index + 1 < len(group) or index > 0 and not self.starts_sentence(group[index - 1].start):
            return True
        return self.in_title_case_line(group[index].start)

    def in_title_case_line(self, position: int) -> bool:
        """Whether the line around `position` is a Title Case heading ("Use Case 1: Forced Labour in Farming")."""
        line_start = self.text.rfind("\n", 0, position) + 1
        line_end = self.text.find("\n", position)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        if _SENTENCE_BREAK.search(line):
            return False  # a heading is not a run of sentences
        words = _HEADING_WORD.findall(line)
        return len(words) >= 2 and sum(word[0].isupper() for word in words) >= 0.6 * len(words)

    def extended_start(self, group: list[Token], start: int, free: int) -> int:
        """Take in one unknown capitalised word before a surname ("Blessing Okafor", "Mart Saar")."""
        if start > free and self.is_strong_last_name(group[start].text):
            previous = group[start - 1].text
            if self.may_join_a_name(previous) and not self.is_name_word(previous):
                return start - 1
        return start

    def extended_end(self, group: list[Token], end: int) -> int:
        """Take in one unknown capitalised word after a first name ("Anna Xyzowska", "Anna KOWALSKA")."""
        if end < len(group) and self.is_strong_first_name(group[end - 1].text):
            follower = group[end].text
            if self.may_join_a_name(follower) and not self.is_name_word(follower):
                return end + 1
        return end

    def after_honorific(self, token: Token) -> bool:
        return _HONORIFIC_BEFORE.search(self.text, max(0, token.start - 6), token.start) is not None

    def may_join_a_name(self, word: str) -> bool:
        """An unknown capitalised word that is no place, never-name or ordinary word."""
        return (
            word not in self.source.never_names
            and word not in self.source.places
            and word.lower() not in self.document_vocabulary
            and word.lower() not in self.source.ordinary_words
        )

    def is_name_word(self, word: str) -> bool:
        names = self.source.names
        if word in names or self.has_surname_ending(word):
            return True
        if "-" in word:
            return all(part in names or self.has_surname_ending(part) for part in word.split("-"))
        return word.endswith("s") and word[:-1] in names and not self.is_ordinary(word[:-1])

    def has_surname_ending(self, word: str) -> bool:
        return (
            self.surname_ending.fullmatch(word) is not None
            and word[1:].islower()
            and word not in self.source.places
            and word not in self.source.never_names
            and not self.is_ordinary(word)
        )

    def is_strong_first_name(self, word: str) -> bool:
        last_part = word.rsplit("-", 1)[-1]
        return last_part in self.source.first_names and not self.is_ordinary(last_part)

    def is_strong_last_name(self, word: str) -> bool:
        first_part = word.split("-", 1)[0]
        in_list = first_part in self.source.last_names or self.has_surname_ending(first_part)
        return in_list and not self.is_ordinary(first_part)

    def is_ordinary(self, word: str) -> bool:
        """Also an ordinary lower-case word (kit vocabulary, stoplist, this very text), or an English month."""
        ordinary = self.source.ordinary_words
        return all(
            part in self.months or part.lower() in ordinary or part.lower() in self.document_vocabulary
            for part in word.split("-")
        )

    def starts_sentence(self, position: int) -> bool:
        """Whether only opening punctuation separates `position` from the end of the previous sentence."""
        index = position - 1
        while index >= 0 and self.text[index] in _SENTENCE_OPENERS:
            if self.text[index] in _QUOTES:
                return True  # quoted speech starts with a capital ('he asked "Will you come?"')
            index -= 1
        if index < 0 or self.text[index] == "\n":
            return True
        if self.text[index] not in _SENTENCE_ENDERS:
            return self.only_numbering_before(position)
        return not _TITLE_ABBREVIATION_BEFORE.search(self.text, max(0, index - 6), index + 1)

    def only_numbering_before(self, position: int) -> bool:
        """Whether only list numbering stands between the start of the line and `position` ("2.4 ", "3) ")."""
        line_start = self.text.rfind("\n", 0, position) + 1
        return position - line_start <= 12 and _LIST_NUMBERING.fullmatch(self.text, line_start, position) is not None
