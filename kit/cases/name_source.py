"""Name and vocabulary sets for the anonymiser, built once from Faker's locale providers and the knowledge base."""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from kit.content import load

# Faker locales whose person providers feed the name sets. Latin-script locales are used as they are;
# Cyrillic ones are also transliterated (see CYRILLIC_LOCALES). Faker 40 has no Kazakh or Kyrgyz
# locale; Uzbek (uz_UZ) and Azerbaijani (az_AZ) are the Central Asian / Turkic ones it offers.
NAME_LOCALES: tuple[str, ...] = (
    # Nordic and Baltic Sea region
    "sv_SE", "no_NO", "da_DK", "fi_FI", "is_IS", "et_EE", "lv_LV", "lt_LT", "pl_PL", "de_DE",
    "ru_RU", "uk_UA", "bg_BG",
    # countries of origin common in the region's cases
    "ro_RO", "hu_HU", "cs_CZ", "sk_SK", "hr_HR", "sl_SI", "tr_TR", "az_AZ", "uz_UZ",
    "yo_NG", "ig_NG", "ha_NG", "tw_GH", "vi_VN",
    # English
    "en_GB", "en_US", "en_IE",
)
CYRILLIC_LOCALES: frozenset[str] = frozenset({"ru_RU", "uk_UA", "bg_BG"})

# Faker locales whose address providers list real towns and countries (never names).
PLACE_LOCALES: tuple[str, ...] = ("sv_SE", "en_US", "en_GB", "fi_FI", "pl_PL", "ro_RO", "de_DE", "da_DK")

_NAME_ATTRIBUTE = re.compile(r"(?:^|_)(?:first|last)_names?(?:_|$)|^(?:male|female|unisex)_last_names$")
_CAPITALISED_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ‘-][^\W\d_]+)*")
# Surname endings of the region (Russian/Central Asian -ov/-eva, Ukrainian -enko/-chuk, Lithuanian -ienė/-aitė,
# Latvian -iņš, Georgian -dze/-shvili, Polish -ski/-cki, Balkan -ić, Turkic -oğlu/-zade): a capitalised word with
# such an ending counts as a surname when it is no place or ordinary word. (Not at the start of a sentence:
# Swedish has "Behov", "Bygglov", "Skrev".)
SURNAME_ENDING = re.compile(
    r"[^\W\d_]{3,}(?:ova|eva|ov|ev|ovna|evna|ski|cki|sky|skiy|skyi|skaya)"
    r"|[^\W\d_]{2,}(?:ovich|evich|ovych|yevych|enko|chuk|czuk|shvili|dze|oglu|oğlu|zade|zoda|ienė|aitė|ytė|iņš"
    r"|iņa|ić)"
)
_LOWER_WORD = re.compile(r"(?<![\w-])[^\W\d_]*[a-zà-ÿā-ž][^\W\d_]*")
_SENTENCE_WORD = re.compile(r"([.!?:;…]\s*|^\W*)?(\b[^\W\d_][^\W\d_'’-]*)", re.MULTILINE)

# Capitalised words of case narratives that name lists contain but that are never (part of) a name here.
NEVER_NAMES: frozenset[str] = frozenset(
    """
    Han Hon Hen Den Det De Dem Denna Detta Dessa Vi Ni Jag Du Man En Ett Och Men Eller Att Som Så Då När Där
    Här Hit Dit Efter Före Under Över Innan Sedan Sen Med Mot Utan Enligt Många Flera Varje Ingen Inte
    Hur Vad Vem Vilka Varför Om Av På Till För Från Vid Också Även Bara Nu Kvinnan Mannen Flickan Pojken
    The A An He She They We You It I His Her Hers Their Our This That These Those There Then When Where What
    Who Whom Why How After Before During Since As At In On Of For From With Without And But Or If So Some
    Many All Most Every Each No Not Yes Mr Mrs Ms Miss Dr Sir Madam Herr Fru
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Swedish Norwegian Danish Finnish Icelandic Estonian Latvian Lithuanian Polish German Russian Ukrainian
    Romanian Bulgarian Moldovan Belarusian Kyrgyz Uzbek Kazakh Tajik Turkmen Tatar Vietnamese Nigerian Chinese
    Thai English French Czech Slovak Georgian British European Nordic Scandinavian Roma Romani Sami Arabic
    Afghan Syrian Iraqi Eritrean Somali Muslim
    Migrationsverket Polisen Polismyndigheten Socialtjänsten Arbetsmiljöverket Skatteverket Försäkringskassan
    Kronofogden Länsstyrelsen Jämställdhetsmyndigheten Åklagarmyndigheten Arbetsförmedlingen Europol
    Eurojust Frontex Interpol Caritas Korset Frälsningsarmén Stadsmissionen Palermo Europarådet Police
    Council Convention Directive Protocol Court Crown Cross Church Army Salvation Guard Border Office Home
    Coast Labour Union Commission Parliament Ministry Municipality County Region Agency Authority Board Willys
    Christmas Easter Ramadan Eid Midsommar Påsk God Gud Allah
    Skoda Škoda Opel Volvo Toyota Fiat Renault Peugeot Citroën Audi BMW Nissan Honda Kia Tesla Saab Scania Dacia
    Volkswagen Hyundai Mazda Iveco
    """.split()
)

# Countries, regions and towns of the region's cases (Faker's address lists add more), and car makes that are
# surnames: a place alone is not a name, though a place that is also a surname may follow a first name.
# Sofia, Nora, Vilhelmina and Mark are towns too, but stay names: a real name stays a name.
PLACE_NAMES: frozenset[str] = frozenset(
    """
    Sverige Norge Danmark Finland Island Estland Lettland Litauen Polen Tyskland Ryssland Ukraina Rumänien
    Bulgarien Moldavien Belarus Vitryssland Kirgizistan Uzbekistan Kazakstan Tadzjikistan Turkmenistan
    Vietnam Nigeria Kina Thailand Filippinerna Europa Norden Skandinavien Baltikum Östersjön Östersjöområdet
    Östersjöregionen Balkan Centralasien Asien Afrika Amerika Polska Alaska Geneva Genève Genf Kishinev Chisinau
    Sweden Norway Denmark Iceland Estonia Latvia Lithuania Poland Germany Russia Ukraine Romania Bulgaria
    Moldova Kyrgyzstan Kazakhstan Tajikistan Europe Scandinavia Baltic Baltics Nordic Nordics Asia Africa
    America Kingdom Britain England Scotland Wales Ireland
    Stockholm Göteborg Gothenburg Malmö Uppsala Kiruna Luleå Umeå Gävle Visby Ystad Oslo Bergen Trondheim
    Stavanger Tromsø Köpenhamn Copenhagen Aarhus Odense Helsingfors Helsinki Åbo Turku Tammerfors Tampere
    Uleåborg Oulu Tallinn Tartu Narva Pärnu Riga Daugavpils Liepāja Liepaja Jelgava Vilnius Kaunas Klaipėda
    Klaipeda Warszawa Warsaw Kraków Krakow Gdańsk Gdansk Gdynia Szczecin Poznań Poznan Wrocław Wroclaw Łódź
    Lodz Lublin Białystok Bialystok Kaliningrad Petersburg Petersburgs Moskva Moscow Minsk Kiev Kyiv Kijev
    Lviv Odessa Bukarest Bucharest Bisjkek Bishkek Tasjkent Tashkent Almaty Astana Berlin Hamburg Rostock
    Kiel Lübeck London Manchester Birmingham Glasgow Edinburgh Dublin Gotland Öland Skåne Norrland Lappland
    Lapland Dalarna Värmland Småland Halland Blekinge Jämtland Härjedalen Västerbotten Norrbotten Uppland
    Södermanland Östergötland Västergötland Bohuslän Sápmi Öresund Bornholm Åland Mora Eda Constanța
    Constanta Brașov Brasov Mogilev Edo Lagos Benin Ford Mercedes Lada
    """.split()
)

# English month names: a month alone is never a name, but it may be part of one ("Theresa May").
MONTH_NAMES: frozenset[str] = frozenset(
    "January February March April May June July August September October November December".split()
)

# Ordinary lower-case words (Swedish and English) that are also given names or surnames. At the start of a
# sentence a single such word is not taken as a name ("Will she...", "Hans mamma...", "Maj 2019 ...").
# Besides the obvious ones, these are the frequent words (wordfreq's top 15 000 for Swedish and English)
# that Faker's name lists also hold, with the real names taken out by hand.
ORDINARY_WORDS: frozenset[str] = frozenset(
    """
    will may mark hope grace bill rose summer june april august faith joy dawn amber ruby pearl iris holly
    ivy daisy violet crystal angel guy frank rich young king hunter dean earl baker miller cook brown white
    black green gray grey long little hill wood bell price ward major sunny storm sky rain justice
    hans per bo dag liv maj vilja saga sten björn ek berg lind holm strand björk falk dahl sol ask tor
    mars juni juli augusti januari februari september oktober november december
    måndag tisdag onsdag torsdag fredag lördag söndag
    inga inger ingen elle ella alma signe ester
    vi bra oss mitt enda dina ute heller jo dags lilla hus kalla stan vita bok dela kollar vit smart sidor post
    ring sade leka rena frisk prov park dam korta skog villa rom dans bak finna morse allas elva kristen stilla
    dej dörr gula strid bas tung dyka gubben skala doktor mörk metod hall bana gul otur bero frid hörn vik orka
    knapp ler kass baka rak nord gren lord ris sura ide mata block manus pop anar breda domen landa styrs valda
    vagn stack anda latin liga salu smal odds vida trupp etta rea svärd drake anka kramar lev macka modig tröst
    skugga lill palm bot magi svans ros forma pastor ruta kik lampa sola alfa para vass blixt slav ork talan
    matta blanka sedlar malm toner rand graf frys gryta klapp vers panda pall hammar median kinder kamma ljung
    sköld frost hare gay blev skrev prova brev leva överleva uppleva drev grov klev upphov whisky mina sanna lova
    logi lam sila rada salami dis diken bog borgar gro lastar kristall svala tindra osten glo unna sirap makar
    ver kar tona len lada stela marin iver svan lif sys assa rem eden makan slaven rean myr brak skuta kaktus
    harpa gumma selen vaska solros liljan korka safir elektron alpin gök göken oxar drott
    said love lower french fair german judge winter pop prior royal lie fresh stone bridge magic mountain tea
    victory prince beer moon powers banks golden muslim snow urban flowers bird walls bright bond mile miles
    branch kiss senator lane ban mate rice bills grab fee wise junior marks tone topic rush bone harm killer
    server duke gross waters woods odd comfort marry bishop pace pope christians cop wolf bull flood roots
    foster bones brands bite ruin sec slave edit gates rivers toy clay bass knight nazi brick divine noble
    pole canal cruise mills hunt holder hood hung beta raid cherry shine farmer par swift blank horn owe ridge
    drum silk ally booth bridges pets beard reed chambers hull stan junk kidney modest cannon fisher lamb buck
    salmon tan bent neo pal bean cord kitty curry cousins czech lily storms downs monk crane nova romans lone
    rode shepherd tory fry moss ninja shields baptist hardy manning halls ivory levy sellers boil convey
    freeman merry persian vikings lace nickel archer barber carpenter gal sands venus atlas rails gamble
    sparks swords warmer butcher chandler rust vain violin aurora ants monks creed hyde moody roar mare
    meadows weaver valves nanny lore ware brewer sawyer aura georgian imam birch marsh graves mist sip alas
    """.split()
)

# Multi-word places and organisations whose words must not be read as names ("Costa Rica", "Saint Lucia").
EXTRA_PHRASES: tuple[str, ...] = (
    "Hope for Justice", "Save the Children", "La Strada", "Salvation Army", "Red Cross", "Röda Korset",
    "Rädda Barnen", "Viet Nam", "Sankt Petersburg", "Saint Petersburg", "St Petersburg", "New York",
    "Los Angeles", "Costa Rica", "El Salvador", "Viking Line", "Western Union", "Christmas Eve", "New Year's Eve",
    "New Year", "Midsummer Eve", "Easter Monday", "Good Friday",
)

# Transliteration schemes for Cyrillic names as they are written in Swedish and English texts.
_LATIN_COMMON = dict(zip("абвгдзиклмнопрстуфыэіґ", "abvgdziklmnoprstufyeig"))
_TRANSLIT_SCHEMES: dict[str, dict[str, str]] = {
    "en": _LATIN_COMMON
    | dict(zip("еёжйхцчъьюяїє", ["e", "yo", "zh", "y", "kh", "ts", "ch", "", "", "yu", "ya", "yi", "ye"]))
    | {"ш": "sh", "щ": "shch"},
    "sv": _LATIN_COMMON
    | dict(zip("еёжйхцчъьюяїє", ["e", "jo", "zj", "j", "ch", "ts", "tj", "", "", "ju", "ja", "ji", "je"]))
    | {"ш": "sj", "щ": "sjtj"},
    "bg": _LATIN_COMMON
    | dict(zip("ежйхцчъьюя", ["e", "zh", "y", "h", "ts", "ch", "a", "y", "yu", "ya"]))
    | {"ш": "sh", "щ": "sht"},
}
# "ye"/"je" for е at the start of a word or after a vowel (Yelena/Jelena, Sergeyev/Sergejev).
_IOTATED_E = {"en": "ye", "sv": "je"}
_VOWELS = set("аеёиоуыэюяіїєъь")
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i"}
)


@dataclass(frozen=True)
class NameSource:
    """Everything the name detector looks up: name sets, ordinary words, places and never-names."""

    first_names: frozenset[str]
    last_names: frozenset[str]
    ordinary_words: frozenset[str]  # lower case
    places: frozenset[str]  # towns, countries, the kit's proper nouns: may only continue a name
    never_names: frozenset[str]  # never part of a name
    phrases: Mapping[str, tuple[str, ...]]  # first word -> multi-word places/organisations starting with it
    names: frozenset[str]  # first and last names together


@functools.lru_cache(maxsize=1)
def name_source() -> NameSource:
    """The name sets and vocabularies, built on first use and cached."""
    first, last = set(), set()
    for locale in NAME_LOCALES:
        locale_first, locale_last = names_of_locale(locale)
        first |= locale_first
        last |= locale_last
    countries, cities = places_from_faker()
    kb_lower, kb_proper = knowledge_base_vocabulary()
    return NameSource(
        first_names=frozenset(first),
        last_names=frozenset(last),
        names=frozenset(first | last),
        ordinary_words=frozenset(ORDINARY_WORDS | kb_lower | lorem_words()),
        places=frozenset(PLACE_NAMES | _single_words(countries | cities | kb_proper - first)),
        never_names=NEVER_NAMES,
        phrases=_phrases_by_first_word([*_multi_word(countries | cities), *EXTRA_PHRASES]),
    )


def names_of_locale(locale: str) -> tuple[set[str], set[str]]:
    """First names and surnames of one Faker locale, with derived forms (see `derived_surnames`)."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    first: set[str] = set()
    last: set[str] = set()
    for attribute in dir(provider):
        if not _NAME_ATTRIBUTE.search(attribute):
            continue
        target = first if "first" in attribute else last
        target.update(_name_tokens(_strings_of(getattr(provider, attribute))))
    last |= derived_surnames(locale, provider, last)
    if locale in CYRILLIC_LOCALES:
        first |= {latin for name in first for latin in transliterations(name, locale)}
        last |= {latin for name in last for latin in transliterations(name, locale)}
    return first | without_diacritics(first), last | without_diacritics(last)


def without_diacritics(names: Iterable[str]) -> set[str]:
    """Spellings without diacritics, as names are often typed (Janis Berzins, Lodz); three letters or more."""
    import unicodedata

    folded = set()
    for name in names:
        decomposed = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSABLE))
        plain = "".join(char for char in decomposed if not unicodedata.combining(char))
        if plain != name and len(plain) > 2 and plain.isascii():
            folded.add(plain)
    return folded


def derived_surnames(locale: str, provider: type, surnames: set[str]) -> set[str]:
    """Surname forms that Faker builds in code rather than lists.

    Polish: Faker lists adjectival surnames in the masculine only (Kowalski); the feminine (Kowalska)
    is regular. Icelandic: patronymics are Faker's list of stems plus -son / -dóttir.
    """
    if locale == "pl_PL":
        return {name[:-1] + "a" for name in surnames if name.endswith(("ski", "cki", "dzki"))}
    if locale == "is_IS":
        stems = _strings_of(getattr(provider, "last_names_without_suffix", ()))
        return {stem + suffix for stem in stems for suffix in ("son", "dóttir")}
    return set()


def transliterations(name: str, locale: str) -> set[str]:
    """Latin spellings of a Cyrillic name: English and Swedish press style, plus Faker's own table for Ukrainian."""
    if not any("\u0400" <= char <= "\u04ff" for char in name):
        return set()
    schemes = ["bg", "sv"] if locale == "bg_BG" else ["en", "sv"]
    spellings = {_transliterate(name.lower(), scheme) for scheme in schemes}
    spellings |= {spelling[:-2] + "y" for spelling in spellings if spelling.endswith(("iy", "yy"))}
    spellings |= {spelling.replace("iya", "ia").replace("iia", "ia") for spelling in spellings}
    if locale == "uk_UA":
        spellings.add(_faker_transliteration(name, "uk_UA"))
    return {spelling.capitalize() for spelling in spellings if len(spelling) > 2 and spelling.isalpha()}


def _transliterate(lower_name: str, scheme: str) -> str:
    table = _TRANSLIT_SCHEMES[scheme]
    letters: list[str] = []
    previous = ""
    for char in lower_name:
        if char == "е" and scheme in _IOTATED_E and (not previous or previous in _VOWELS):
            letters.append(_IOTATED_E[scheme])
        else:
            letters.append(table.get(char, char))
        previous = char
    return "".join(letters)


def _faker_transliteration(name: str, locale: str) -> str:
    replacements = importlib.import_module(f"faker.providers.internet.{locale}").Provider.replacements
    for cyrillic, latin in replacements:
        name = name.replace(cyrillic, latin)
    return name.replace("ʹ", "")


def places_from_faker() -> tuple[set[str], set[str]]:
    """Country names (Swedish and English) and town names from Faker's address providers."""
    countries: set[str] = set()
    cities: set[str] = set()
    for locale in PLACE_LOCALES:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        countries.update(_strings_of(getattr(provider, "countries", ())))
        cities.update(_strings_of(getattr(provider, "cities", ())))
        cities.update(_strings_of(getattr(provider, "counties", ())))
    for locale in ("ru_RU", "uk_UA"):
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        for city in _strings_of(getattr(provider, "city_names", ())):
            cities.update(transliterations(city, locale))
    countries = {country.split(" (")[0] for country in countries}
    return countries, cities


def lorem_words() -> frozenset[str]:
    """Common English words from Faker's lorem provider."""
    provider = importlib.import_module("faker.providers.lorem.en_US").Provider
    return frozenset(word.lower() for word in provider.word_list)


def knowledge_base_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case words of the kit's own texts, and its capitalised words met inside sentences (proper nouns)."""
    knowledge_base = load()
    texts = list(_texts_of([knowledge_base.items(kind) for kind in knowledge_base]))
    texts += list(_texts_of(list(knowledge_base.ui_strings.values())))
    lower: set[str] = set()
    proper: set[str] = set()
    for text in texts:
        lower.update(match.group().lower() for match in _LOWER_WORD.finditer(text))
        for match in _SENTENCE_WORD.finditer(text):
            word = match.group(2)
            if match.group(1) is None and word[0].isupper() and not word.isupper():
                proper.add(word)
    return frozenset(lower), frozenset(proper)


def _texts_of(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _texts_of(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _texts_of(item)
    elif hasattr(value, "__struct_fields__"):  # msgspec.Struct
        for field in value.__struct_fields__:
            yield from _texts_of(getattr(value, field))


def _strings_of(value: object) -> list[str]:
    """The names in a Faker attribute: a tuple/list of names, or a dict of name -> weight."""
    if isinstance(value, Mapping):
        return [key for key in value if isinstance(key, str)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [item for item in value if isinstance(item, str)]
    return []


def _name_tokens(names: Iterable[str]) -> set[str]:
    """Capitalised words of each listed name (a few lists hold multi-word names)."""
    tokens: set[str] = set()
    for name in names:
        for word in name.split():
            if len(word) > 1 and word[0].isupper() and _CAPITALISED_WORD.fullmatch(word):
                tokens.add(word)
    return tokens


def _single_words(names: Iterable[str]) -> set[str]:
    return {name for name in names if " " not in name}


def _multi_word(names: Iterable[str]) -> list[str]:
    return [name for name in names if " " in name]


def _phrases_by_first_word(phrases: Iterable[str]) -> dict[str, tuple[str, ...]]:
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase.split()[0], []).append(phrase)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in by_first.items()}
