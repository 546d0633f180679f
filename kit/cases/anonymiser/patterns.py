"""The regular expressions that find structured personal data (numbers, addresses, dates, plates, accounts).

What stays (design notes): numbers that are also ordinary (amounts, years, times, article numbers) are left
alone: postcodes need a country prefix, a town after them or the UK format; plates exclude currency and country
codes; IBANs need mod-97 (or the word IBAN); passport numbers and bankgiro/plusgiro need a signalling word.
"""

from __future__ import annotations

import re

UPPER = "".join(
    char for code in [*range(0x41, 0x530), *range(0x1E00, 0x1F00)] if (char := chr(code)).isupper()
)
LETTER = r"[^\W\d_]"
_BEFORE_NUMBER = r"(?<![\w+.,/-])"
_AFTER_NUMBER = r"(?![\w-]|[.,/]\d)"
CURRENCY_AFTER = re.compile(
    r"\s*(?:kr\b|kronor|SEK|EUR|euro|€|USD|dollar|PLN|zł|złot|GBP|pounds?|£|NOK|DKK|rubel|rubles?|lei|lev)",
    re.IGNORECASE,
)

# --- identity numbers -------------------------------------------------------------------------------------
IDENTITY_NUMBER = re.compile(
    r"(?<![\w+.,/-])(?P<century>18|19|20)?(?P<date>\d{6})(?P<sep>[-+]|[ \u00a0]?)(?P<serial>\d{4})" + _AFTER_NUMBER
)

# --- phone numbers ----------------------------------------------------------------------------------------
PHONE_INTERNATIONAL = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ \u00a0-]?\(0\))?(?:[ \u00a0-]?\d{1,4}){2,6}" + _AFTER_NUMBER
)
PHONE_NATIONAL = re.compile(
    _BEFORE_NUMBER
    + r"0[1-9]\d{0,3}(?:[ \u00a0]?-[ \u00a0]?|[ \u00a0/])?\d{2,4}(?:[ \u00a0]?\d{2,4}){0,3}"
    + _AFTER_NUMBER
)
PHONE_SIGNALLED = re.compile(
    r"(?i:\b(?:tel|tfn|telefon(?:nummer|nr)?|mobil(?:nummer|telefon|nr)?|mobile|phone(?:\snumber)?|cell(?:phone)?"
    r"|whatsapp|viber|telegram|sms)\b\.?:?\s*(?:(?:nr|no|number|nummer)\b\.?:?\s*)?)"
    r"(?P<number>\+?\d[\d \u00a0-]{5,16}\d)" + _AFTER_NUMBER
)

# --- e-mail -----------------------------------------------------------------------------------------------
EMAIL = re.compile(
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
    rf"(?:[{UPPER}]{LETTER}*(?:{_STREET_SUFFIXES})"
    rf"|(?:[{UPPER}]{LETTER}+\s)?[{UPPER}]{LETTER}+s\s(?:torg|gata|gate|väg|vei|vej|gade|gränd|plats|park))"
    rf"\s{_HOUSE_NUMBER}(?:,?\s(?:lgh|lägenhet)\.?\s?(?:nr\.?\s?)?\d{{1,4}})?"
    r"(?:,?\s\d{1,2}\s?(?:tr|trappor|trappa|vån|våning|våningen)\b\.?)?",
    # 12 High Street, 221B Baker Street, Flat 3, 10 Church Lane
    rf"(?<![\w-])(?:(?:Flat|Apartment|Apt\.?|Unit|Room)\s\d{{1,4}}[A-Za-z]?,?\s)?\d{{1,3}}[A-Za-z]?,?\s"
    rf"(?:[{UPPER}][\w'’-]*\s){{1,3}}(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Way|Place|Square|Court"
    r"|Crescent|Terrace|Gardens|Grove|Hill|Park|Row|Walk|Mews|Parade|Boulevard)\b",
    # ul. Marszałkowska 10/5
    rf"(?<![\w-])(?:ul|al|os|pl)\.\s?[{UPPER}]{LETTER}*(?:\s[{UPPER}]{LETTER}*){{0,2}}\s\d{{1,4}}[A-Za-z]?"
    r"(?:\s?/\s?\d{1,4}|\s?m\.\s?\d{1,4})?",
    # Brīvības iela 5-12, Gedimino pr. 9, Narva mnt 5
    rf"(?<![\w-])(?:[{UPPER}]{LETTER}*\s){{0,2}}(?:iela|gatve|bulvāris|prospekts|laukums)\s\d{{1,4}}[A-Za-z]?"
    r"(?:\s?[-/]\s?\d{1,4})?",
    rf"(?<![\w-])[{UPPER}]{LETTER}*\s(?:g|pr|al|pl|tn|mnt|pst)\.?\s\d{{1,4}}[A-Za-z]?"
    r"(?:\s?[-/]\s?\d{1,4})?(?![\w])",
)
ADDRESS = re.compile("|".join(f"(?:{pattern})" for pattern in _ADDRESS_PATTERNS))

# --- postcodes --------------------------------------------------------------------------------------------
_TOWN_AFTER = rf"(?=[ \u00a0]+(?P<town>[{UPPER}]{LETTER}+))"
POSTCODE_PREFIXED = re.compile(
    r"(?<![\w-])(?:(?:SE|S)-[ \u00a0]?[1-9]\d{2}[ \u00a0]?\d{2}|(?:FI|FIN|EE|LT|DE|D)-\d{5}|(?:DK|NO|N|LV)-\d{4}"
    r"|PL-\d{2}-\d{3})" + _AFTER_NUMBER
)
POSTCODE_BEFORE_TOWN = re.compile(r"(?<![\w+.,/-])(?:\d{3}[ \u00a0]?\d{2}|\d{2}-\d{3})" + _TOWN_AFTER)
POSTCODE_UK = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?[ \u00a0]?\d[A-Z]{2}(?![\w-])")
NOT_TOWNS = frozenset(
    "Kr Kronor SEK EUR Euro Euros USD Dollar Dollars PLN GBP NOK DKK Personer Kvinnor Män Barn People Women Men"
    .split()
)

# --- dates ------------------------------------------------------------------------------------------------
_SV_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBREVIATIONS = "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
_YEAR = r"(?:1[89]|20)\d{2}"
YEAR_ONLY = re.compile(_YEAR)
DATE_DAY_MONTH = re.compile(
    r"(?<![\w.,/-])(?:\d{1,2}[ \u00a0]?[-–][ \u00a0]?)?(?:0?[1-9]|[12]\d|3[01])(?::?[ea]|st|nd|rd|th)?\.?"
    rf"[ \u00a0](?:of[ \u00a0])?(?P<month>(?i:{_SV_MONTHS})|{_EN_MONTHS}|(?P<abbr>(?i:{_MONTH_ABBREVIATIONS})))"
    rf"(?![\w])(?P<dot>\.)?(?:,?[ \u00a0](?P<year>{_YEAR}))?(?![\w]|[.,/]\d)"
)
DATE_MONTH_DAY = re.compile(
    rf"(?P<on>\b[Oo]n[ \u00a0])?\b(?:{_EN_MONTHS}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)[ \u00a0]"
    rf"(?:0?[1-9]|[12]\d|3[01])(?P<ordinal>st|nd|rd|th)?(?:,?[ \u00a0](?P<year>{_YEAR}))?(?![\w]|[.,/:]\d)"
)
DATE_ISO = re.compile(
    rf"(?<![\w.,/-]){_YEAR}(?P<sep>[-/.])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12]\d|3[01])" + _AFTER_NUMBER
)
DATE_NUMERIC = re.compile(
    r"(?<![\w.,/-])(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)"
    rf"(?P<year>{_YEAR}|\d{{2}})" + _AFTER_NUMBER
)

# --- vehicle registration numbers -------------------------------------------------------------------------
_SWEDISH_PLATE_LETTER = "A-HJ-PR-UW-Z"  # no I, Q, V, Å, Ä, Ö
VEHICLE_REGISTRATION = re.compile(
    rf"(?<![\w-])(?P<letters>[{_SWEDISH_PLATE_LETTER}]{{3}})[ \u00a0]?\d{{2}}[{_SWEDISH_PLATE_LETTER}\d]"
    r"(?![\w-]|[.,]\d)"
    r"|(?<![\w-])(?P<pl>[A-Z]{2})[ \u00a0](?:\d{5}|\d{4}[A-Z]|\d{3}[A-Z]{2})(?![\w-]|[.,]\d)"
    r"|(?<![\w-])(?P<hyphen>[A-Z]{2,3})-(?P<digits>\d{2,4})(?![\w-]|[.,]\d)"
    r"|(?<![\w-])\d{3}[ \u00a0]?(?P<suffix>[A-Z]{3})(?![\w-])"
)
NOT_PLATE_LETTERS = frozenset("EU UN FN EG SFS SOU ISO ILO ART KAP TEL LVU LMA NR NO BBC CNN COP SDG SOS".split())

# --- bank accounts ----------------------------------------------------------------------------------------
IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?(?![\w])")
IBAN_SIGNAL = re.compile(r"\bIBAN\b\W{0,3}$", re.IGNORECASE)
CLEARING_ACCOUNT = re.compile(
    r"(?<![\w-])[1-9]\d{3}-\d,?[ \u00a0]\d{1,3}(?:[ \u00a0]?\d{3}){1,3}-\d(?![\w-]|[.,]\d)"
    r"|(?<![\w-])[1-9]\d{3}(?:-\d)?-\d{1,3}(?:[ \u00a0]\d{2,3}){1,4}(?:-\d)?(?![\w-]|[.,]\d)"
)
BANK_SIGNALLED = re.compile(
    r"(?i:\b(?:bankkonto|kontonummer|kontonr|konto|account(?:\snumber|\sno)?|acct|a/c|clearingnummer|clearingnr"
    r"|clearing|bankgiro(?:nummer)?|plusgiro(?:nummer)?|bg|pg|sort\scode)\b\.?:?\s*"
    r"(?:(?:nr|no|number|nummer)\b\.?:?\s*)?)"
    r"(?P<number>\d[\d \u00a0-]{3,28}\d)" + _AFTER_NUMBER
)

# --- passport and ID card numbers -------------------------------------------------------------------------
PASSPORT = re.compile(
    r"(?i:(?<![\w-])(?:pass(?:nummer|numret|nr|et|ets)?|passport(?:'s)?|id-?kort(?:snummer|et|ets|nummer)?"
    r"|id[- ]card|identity\scard|identitetskort(?:snummer|et)?|travel\sdocument|resedokument(?:et)?)\b"
    r"(?:,?\s+(?:(?:med|with|har|hade|has|had|är|var|is|was)\s+)?(?:nummer|number|nr|no|num)\b\.?)?\s*[:#]?\s*)"
    r"(?P<number>(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{6,10})(?![\w-])"
)
