"""The anonymiser: every kind of personal data goes, ordinary case text stays exactly as it was."""

from __future__ import annotations

import dataclasses
import random

import pytest

from kit.cases.anonymiser import Finding, anonymise

# (kind, text, the personal data planted in it); Swedish and English sentences for every kind.
PLANTED: list[tuple[str, str, str]] = [
    # personnummer and samordningsnummer, every common spelling
    ("identity_number", "Kvinnan har personnummer 850709-9805 enligt Migrationsverket.", "850709-9805"),
    ("identity_number", "Personnumret 19850709-9805 fanns i journalen.", "19850709-9805"),
    ("identity_number", "Hon uppgav 198507099805 som sitt nummer.", "198507099805"),
    ("identity_number", "Mannen, 8507099805, hade ingen bostad.", "8507099805"),
    ("identity_number", "I registret stod 850709 9805 som hans nummer.", "850709 9805"),
    ("identity_number", "Den äldre mannen hade nummer 121212+1212 i registret.", "121212+1212"),
    ("identity_number", "Hon fick samordningsnummer 850769-9802 i maj.", "850769-9802"),
    ("identity_number", "Her Swedish identity number is 850709-9805, according to the file.", "850709-9805"),
    ("identity_number", "The form gave 19850709-9805 as his personal number.", "19850709-9805"),
    # a well-formed number whose Luhn digit is wrong is still removed
    ("identity_number", "The number 850709-9806 was written on the form.", "850709-9806"),
    ("identity_number", "Numret 850709-9806 var felskrivet i anmälan.", "850709-9806"),
    # phone numbers
    ("phone", "Ring henne på 070-123 45 67 efter klockan 17.", "070-123 45 67"),
    ("phone", "Hans nummer är 0701234567 enligt kollegan.", "0701234567"),
    ("phone", "Växeln nås på 08-123 456 78 under kontorstid.", "08-123 456 78"),
    ("phone", "Kontoret har telefon 08 123 45 67 och svarar sällan.", "08 123 45 67"),
    ("phone", "Arbetsgivaren i Göteborg har nummer 031-12 34 56.", "031-12 34 56"),
    ("phone", "Hon sms:ade från +46 70 123 45 67 på natten.", "+46 70 123 45 67"),
    ("phone", "Numret 0046 70 123 45 67 var registrerat på arbetsgivaren.", "0046 70 123 45 67"),
    ("phone", "The recruiter called from +48 601 234 567 every evening.", "+48 601 234 567"),
    ("phone", "Her sister in Riga can be reached on +371 2 123 4567.", "+371 2 123 4567"),
    ("phone", "The driver used a Russian number, +7 912 345 67 89, for the bookings.", "+7 912 345 67 89"),
    ("phone", "The agency in London answers on +44 20 7946 0958 at night.", "+44 20 7946 0958"),
    ("phone", "The Polish contact gave tel. 601 234 567 to the workers.", "601 234 567"),
    # e-mail
    ("email", "Hon skrev till anna.kowalska@example.com om jobbet.", "anna.kowalska@example.com"),
    ("email", "Annonsen hänvisade till jobb_2019+norge@mail.lv för ansökningar.", "jobb_2019+norge@mail.lv"),
    ("email", "The advert asked applicants to write to recruit@work-abroad.co.uk at once.", "recruit@work-abroad.co.uk"),
    ("email", "Replies went to info(at)example.se according to the advert.", "info(at)example.se"),
    # street addresses
    ("address", "Hon bodde på Storgatan 12 i tre månader.", "Storgatan 12"),
    ("address", "Lägenheten på Drottninggatan 5B var överbelagd.", "Drottninggatan 5B"),
    ("address", "Fjorton personer var skrivna på Kungsvägen 3 lgh 1102 i Uppsala.", "Kungsvägen 3 lgh 1102"),
    ("address", "Kontoret låg på Östra Hamngatan 24 i centrala Göteborg.", "Östra Hamngatan 24"),
    ("address", "Massagesalongen på Sveavägen 44, 2 tr hade inga fönster.", "Sveavägen 44, 2 tr"),
    ("address", "The house at 12 High Street was used as a brothel.", "12 High Street"),
    ("address", "Letters were sent to 221B Baker Street for years.", "221B Baker Street"),
    ("address", "The workers were housed at 5 Station Road behind the factory.", "5 Station Road"),
    ("address", "She was found at Flat 3, 10 Church Lane after a tip-off.", "Flat 3, 10 Church Lane"),
    ("address", "The agency had an office at ul. Marszałkowska 10 in Warsaw.", "ul. Marszałkowska 10"),
    ("address", "Rekryteraren hade kontor på Brīvības iela 5 i Riga.", "Brīvības iela 5"),
    # postcodes
    ("postcode", "Brevet skickades till 411 01 Göteborg förra veckan.", "411 01"),
    ("postcode", "Adressen var 11122 Stockholm enligt kvittot.", "11122"),
    ("postcode", "Avsändaren angav SE-411 01 som postnummer.", "SE-411 01"),
    ("postcode", "The agency's address ended in 00-950 Warszawa.", "00-950"),
    ("postcode", "The parcel went to London SW1A 1AA last year.", "SW1A 1AA"),
    ("postcode", "Paketet skickades till M1 1AE i Manchester.", "M1 1AE"),
    # exact dates
    ("date", "Mötet hölls 2024-03-05 på socialkontoret.", "2024-03-05"),
    ("date", "Hon kom till Sverige den 5 mars 2024 med buss.", "5 mars 2024"),
    ("date", "Han greps den 5 mars på en byggarbetsplats.", "5 mars"),
    ("date", "Beslutet fattades 05.03.2024 av nämnden.", "05.03.2024"),
    ("date", "She arrived on 5th March 2024 with two other women.", "5th March 2024"),
    ("date", "The raid took place on March 5, 2024, at dawn.", "March 5, 2024"),
    ("date", "The contract was signed on 05/03/2024 in Gdansk.", "05/03/2024"),
    ("date", "The passport was issued on 5.3.2024 in Chisinau.", "5.3.2024"),
    # vehicle registration numbers
    ("vehicle_registration", "Minibussen med registreringsnummer ABC 123 hämtade dem varje morgon.", "ABC 123"),
    ("vehicle_registration", "En bil med skylten ABC 12A stod utanför gården.", "ABC 12A"),
    ("vehicle_registration", "Polisen stoppade ABC123 vid gränsen.", "ABC123"),
    ("vehicle_registration", "The van, a Polish WA 12345, brought the workers north.", "WA 12345"),
    ("vehicle_registration", "A car with the Latvian plate AB-1234 was seen at the farm.", "AB-1234"),
    # bank accounts
    ("bank_account", "Lönen sattes in på SE45 5000 0000 0583 9825 7466 varje månad.", "SE45 5000 0000 0583 9825 7466"),
    ("bank_account", "The money went to LV80BANK0000435195001 in Riga.", "LV80BANK0000435195001"),
    (
        "bank_account",
        "Payments were made to PL61 1090 1014 0000 0712 1981 2874 every week.",
        "PL61 1090 1014 0000 0712 1981 2874",
    ),
    ("bank_account", "Pengarna fördes över till konto 8327-9, 123 456 789-0 hos banken.", "8327-9, 123 456 789-0"),
    ("bank_account", "Han tvingades öppna kontot 5000-12 345 67 i sitt namn.", "5000-12 345 67"),
    ("bank_account", "Avgiften betalades till bankgiro 5050-1055 i förskott.", "5050-1055"),
    ("bank_account", "The fee was paid to plusgiro 4 56 78-9 in advance.", "4 56 78-9"),
    ("bank_account", "Her wages went into account number 12345678 at a local bank.", "12345678"),
    # passport and ID card numbers (only after a signalling word)
    ("passport_number", "Arbetsgivaren behöll passet med passnummer AB1234567 i kassaskåpet.", "AB1234567"),
    ("passport_number", "Enligt anmälan hade hon pass nr 12345678 från Ukraina.", "12345678"),
    ("passport_number", "Hennes ID-kort 9876543A låg kvar hos rekryteraren.", "9876543A"),
    ("passport_number", "His passport number X1234567 was found in the office.", "X1234567"),
    ("passport_number", "The ID card number 80AB12345 belonged to one of the women.", "80AB12345"),
    # person names, from the region and beyond
    ("person_name", "Anna Kowalska arbetade på restaurangen i tre månader.", "Anna Kowalska"),
    ("person_name", "Socialsekreteraren träffade Jānis Bērziņš på kontoret.", "Jānis Bērziņš"),
    ("person_name", "Enligt Olga Ivanova hade arbetsgivaren tagit passet.", "Olga Ivanova"),
    ("person_name", "Rekryteraren, Maj-Britt, ringde varje kväll.", "Maj-Britt"),
    ("person_name", "Pojken bodde hos Mihai Popescu i Malmö.", "Mihai Popescu"),
    ("person_name", "Kvinnan som kallades Agnieszka hade inget kontrakt.", "Agnieszka"),
    ("person_name", "Förmannen, Tomas Petrauskas, delade ut lönen kontant.", "Tomas Petrauskas"),
    ("person_name", "The social worker met Kadri Tamm at the shelter.", "Kadri Tamm"),
    ("person_name", "According to Juha Virtanen, the berry pickers slept in a barn.", "Juha Virtanen"),
    ("person_name", "Dilnoza Yusupova arrived in Sweden on a tourist visa.", "Dilnoza Yusupova"),
    ("person_name", "The boy was collected every morning by Oksana Shevchenko.", "Oksana Shevchenko"),
    ("person_name", "Nobody at the farm knew that Blessing Okafor was only sixteen.", "Blessing Okafor"),
    ("person_name", "The nurse asked whether Maria Ionescu had seen a doctor.", "Maria Ionescu"),
]


def placeholder(kb, kind: str, lang: str) -> str:
    return kb.ui(f"anonymiser.{kind}", lang)


def planted_id(case: tuple[str, str, str]) -> str:
    return f"{case[0]}:{case[2]}"


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("case", PLANTED, ids=planted_id)
def test_planted_data_is_replaced_and_the_rest_is_intact(kb, case, lang):
    kind, text, secret = case
    clean, findings = anonymise(text, lang)
    expected_placeholder = placeholder(kb, kind, lang)
    assert secret not in clean
    assert clean == text.replace(secret, expected_placeholder)
    assert findings == [Finding(kind, text.index(secret), text.index(secret) + len(secret), expected_placeholder)]


def test_the_placeholder_language_follows_lang_not_the_text(kb):
    text = "Hon nås på 070-123 45 67."
    assert placeholder(kb, "phone", "sv") != placeholder(kb, "phone", "en")
    assert anonymise(text, "sv")[0] == f"Hon nås på {placeholder(kb, 'phone', 'sv')}."
    assert anonymise(text, "en")[0] == f"Hon nås på {placeholder(kb, 'phone', 'en')}."
    assert anonymise(text)[0] == anonymise(text, "sv")[0]  # Swedish by default


SWEDISH_PARAGRAPHS = """\
En 24-årig kvinna från Rumänien arbetade på en restaurang i Göteborg i tre månader 2019 och fick 3 000 kronor i \
månaden. Arbetsgivaren hade tagit hennes pass och sa att hon var skyldig 40 000 kronor för resan. Hon arbetade från \
klockan 06.00 till 22.30 sju dagar i veckan och sov i ett förråd bakom köket.

Socialtjänsten i kommunen fick en orosanmälan från skolan i mars. En 15-årig pojke från Vietnam hade setts på en \
nagelsalong sent på kvällarna. Enligt skolkuratorn hade han 40 procent frånvaro under höstterminen och verkade rädd \
när han tillfrågades om sina föräldrar.

Polisen genomförde en tillsyn tillsammans med Arbetsmiljöverket och Skatteverket på en byggarbetsplats utanför \
Uppsala. Tolv män från Ukraina och Moldavien bodde i baracker på området. De hade fått löfte om 150 kronor i timmen \
men fick i praktiken ut 35 kronor, efter avdrag för boende, mat och transport.

Ärendet gäller misstänkt människohandel för tvångsarbete enligt 4 kap. 1 a § brottsbalken. Kvinnan hade \
rekryterats via en annons på sociala medier för två år sedan. Hon beskriver att hon tvingades tigga utanför en \
livsmedelsbutik i Malmö och lämna över 500–800 kronor per dag till en man som kallades ”chefen”.

Under våren kontaktade en frivilligorganisation kommunens samordnare. Tre unga kvinnor från Nigeria bodde i en \
lägenhet i centrala Stockholm och såldes för sex via en webbplats. Två av dem var troligen under 18 år. \
Organisationen erbjöd skyddat boende och kontakt med advokat inom 24 timmar.

Mannen, som är i 50-årsåldern och kommer från Kirgizistan, arbetade på ett sågverk i norra Norrland. Han hade inget \
anställningsavtal, lönen betalades kontant och han fick inte lämna området utan tillstånd. I juni förra året \
skadades han i en arbetsolycka men vågade inte söka vård.

Bärplockarna från Thailand kom i juli och stannade till slutet av september. De hade lånat motsvarande 20 000 \
kronor för att betala förmedlingsavgiften och kunde inte återvända hem förrän skulden var betald. Länsstyrelsen och \
Migrationsverket informerades i augusti.

Mötet hölls på onsdagen klockan 13.15 i stadshuset. Närvarande var representanter för socialtjänsten, polisen, \
Migrationsverket, regionens hälso- och sjukvård samt två frivilligorganisationer. Man kom överens om att ta fram en \
lokal handlingsplan före årsskiftet och att utse en kontaktperson i varje förvaltning.

Inga av kvinnorna hade eget bankkonto. Per dag fick de behålla 100 kronor, resten gick till skulden. Alla tre hade \
mobiltelefoner som kontrollerades av gärningsmannen. Hans bil stod alltid parkerad utanför. Dag och natt fanns \
någon på plats. Maj och juni är högsäsong i jordbruket.

Enligt direktiv 2011/36/EU och artikel 3b i Palermoprotokollet ska offren få stöd oavsett om de medverkar i en \
rättsprocess. Av de 46 ärenden som kommunen handlade 2022 gällde 12,5 procent barn. Ungefär 60 % av offren var \
kvinnor från Östersjöområdet, främst Polen, Lettland, Litauen och Estland.

Samordnaren i Kiruna kontaktade kollegor i Tromsø och Oulu för att kartlägga rekryteringen. Kvinnan hade tidigare \
arbetat i Riga, Tallinn och Vilnius. Hon hade 12 000 kronor på kontot men kunde inte själv ta ut pengarna. Under \
2020–2021 ökade antalet ärenden med 30 procent, och 12 345 kronor betalades ut i ersättning.
"""

ENGLISH_PARAGRAPHS = """\
The man from Kyrgyzstan worked 14 hours a day at a sawmill in northern Finland. He was paid 4.50 euros an hour, \
well below the collective agreement, and his employer kept his passport in a safe in the office. When he fell ill \
in the spring of 2021 he was told he would be sent home without his wages.

A 17-year-old girl from Romania was recruited by a man she had met online. He promised her a job as a waitress in \
Oslo, but on arrival she was taken to a flat and forced to sell sex. Social services became involved after a \
neighbour called the police in late autumn; the girl was placed in a shelter within 48 hours.

In 2019, labour inspectors visited a car wash on the outskirts of the city. Six men from Vietnam and Afghanistan \
were found sleeping in a storage room. They worked from 7.30 to 21.00 six days a week and received about 20 per \
cent of the statutory minimum wage. Two of them said they owed the owner more than 10,000 pounds.

The municipality's coordinator organised a case conference with the police, the Migration Agency and a local NGO. \
Under Article 4 of the Council of Europe Convention and Directive 2011/36/EU, the woman was offered a recovery and \
reflection period of at least 30 days. She chose to stay in the shelter and later agreed to give evidence.

Last spring a school nurse noticed that a 14-year-old boy often arrived exhausted and had injuries on his hands. \
The boy explained that he helped his uncle at a market stall at weekends. A referral was made to child protection \
services, who found that the boy had been working up to 50 hours a week.

The berry pickers from Thailand arrived in July and left at the end of September. Each had borrowed the equivalent \
of 2,000 euros to pay recruitment fees. According to the report, 38 per cent of the workers interviewed said they \
could not leave before the debt was repaid.

A woman in her thirties from Ukraine contacted the helpline two years ago. She had been offered work as a cleaner \
but was made to work in a private home seven days a week, without a day off, for 200 euros a month. Her employer \
threatened to report her to the authorities if she complained.

Will the new guidelines help? Mark the first week of training in the calendar, and ask the trainer for the \
materials in advance. Grace periods for reporting do not apply. May is usually a quiet month, but June brings \
seasonal workers to the farms around the lake. Hope was fading among the workers by the end of the season.

Hope for Justice and the Salvation Army run shelters in several cities. The Red Cross offered interpreters in \
Polish, Romanian and Russian. Between 2015 and 2020 the number of identified victims in the Baltic Sea region rose \
by 45%, according to the Council of the Baltic Sea States.

The case was discussed at a meeting on a Tuesday morning at 9.15. Present were the social worker, a police officer, \
the health visitor and the interpreter. Rose bushes lined the path to the building. Faith in the authorities was \
low among the workers, most of whom came from Moldova, Georgia and Uzbekistan.
"""

ORDINARY_SENTENCES = [
    "Hon kom till Sverige i mars och arbetade där för två år sedan.",
    "They met in 2019, and again last spring, in Gdansk and Szczecin.",
    "Kvinnan tjänade 12 345 kronor på fyra månader, alltså 25 % mindre än utlovat.",
    "Enligt artikel 3b och direktiv 2011/36/EU ska stödet ges i minst 30 dagar.",
    "The shift started at 14.30 and ended at 02.00, six days a week.",
    "Hon hade inget pass och arbetade ett pass på 12 timmar varje dag.",
    "Her passport was taken by the employer on arrival.",
    "EU, ILO, IOM och FN samarbetar med NGO:er i Östersjöregionen.",
    "The fee of EUR 500 and SEK 300 was deducted in 2019.",
    "Under 2018–2019 ökade antalet ärenden från 120 till 145, en ökning med 20,8 procent.",
    "Referensen AB12 3456 7890 1234 5678 gällde en faktura och inget konto.",
    "Helsingfors, Helsinki, Oslo, Bergen, Riga, Tallinn, Vilnius, Warszawa och Gdansk ligger vid Östersjön.",
    "Jordan and Georgia were mentioned as transit countries, as was Chad.",
    "She worked in Kalmar and later in Lund before moving to Norway.",
    "Maj är en intensiv månad för bärplockarna i Norrland.",
    "Hans arbetsgivare i Finland betalade ut lönen i juni.",
    "The Migration Agency and the Labour Inspectorate visited 12 workplaces in March 2019.",
]


@pytest.mark.parametrize("text", [*SWEDISH_PARAGRAPHS.split("\n\n"), *ENGLISH_PARAGRAPHS.split("\n\n")])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_realistic_case_paragraphs_come_out_unchanged(text, lang):
    assert anonymise(text, lang) == (text, [])


@pytest.mark.parametrize("text", ORDINARY_SENTENCES)
def test_ordinary_numbers_places_and_vague_times_stay(text):
    assert anonymise(text) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        "Ordernumret 851309-1234 gällde en leverans.",  # month 13: not a personnummer
        "Bolagets organisationsnummer är 556677-8899.",  # month 66: an organisation, not a person
        "i mars", "in 2019", "last spring", "för två år sedan", "i mars 2019", "in March 2019",
        "The report covered the years 2015-2020 and 120 cases.",
        "Beloppet var 12 345 kronor och 12345 personer påverkades.",
        "Summan, 123 45 Euro, betalades ut.",
        "Hon arbetade 10-12 timmar om dagen, 20-30 dagar i månaden.",
        "Version 1.2.24 av blanketten används.",
    ],
)
def test_lookalikes_of_personal_data_stay(text):
    assert anonymise(text) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        "Will she return? Mark the date.",
        "Hope was fading. Grace periods do not apply.",
        "Hans mamma ringde till socialtjänsten.",
        "Maj är en vacker månad.",
        "Inga av dem hade kontrakt.",
        "Per dag fick de 100 kronor.",
        "Bill the client for the interpreter.",
    ],
)
def test_a_sentence_initial_ordinary_word_alone_is_not_a_name(text):
    assert anonymise(text) == (text, [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Maj Andersson ringde från Uppsala.", "Maj Andersson"),  # followed by a name: a name
        ("Socialsekreteraren träffade Maj i går.", "Maj"),  # "Maj" inside a sentence is the name (maj: month)
        ("Hans Lindqvist var förman på gården.", "Hans Lindqvist"),
        ("The woman who called herself Rose Okafor had no papers.", "Rose Okafor"),
        ("Theresa May visited the shelter.", "Theresa May"),
        ("Michael Jordan was named as the recruiter.", "Michael Jordan"),
        ("Annas mamma ringde till skolan.", "Annas"),
    ],
)
def test_names_that_are_also_ordinary_words(kb, text, name):
    clean, findings = anonymise(text, "en")
    assert clean == text.replace(name, placeholder(kb, "person_name", "en"))
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [("person_name", name)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sergej Petrov och Yuliia Tymoshenko kom från Kyiv.", ["Sergej Petrov", "Yuliia Tymoshenko"]),  # Cyrillic
        ("Janis Berzins and Anna-Karin Lindqvist met in Riga.", ["Janis Berzins", "Anna-Karin Lindqvist"]),
        ("Hon kallades Anna Brzęczyszczykiewicz på bygget.", ["Anna Brzęczyszczykiewicz"]),  # unknown surname
        ("Arbetsledaren Mart Saar betalade ut lönen.", ["Mart Saar"]),  # unknown first name before a surname
        ("The case officer spoke to Mr Okonkwo twice.", ["Okonkwo"]),  # after an honorific
        ("Tomas Petrauskas kom 2019. Petrauskas arbetade sedan i Malmö.", ["Tomas Petrauskas", "Petrauskas"]),
        ("Guðrún Jónsdóttir och Azamat Bekov bodde i samma hus.", ["Guðrún Jónsdóttir", "Azamat Bekov"]),
    ],
)
def test_names_in_other_spellings_and_contexts(text, names):
    _clean, findings = anonymise(text)
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [("person_name", name) for name in names]


def test_the_name_source_is_built_from_faker_locales_with_derived_forms():
    from kit.cases.name_source import NAME_LOCALES, name_source

    source = name_source()
    region = {"sv_SE", "pl_PL", "lv_LV", "lt_LT", "et_EE", "fi_FI", "ro_RO", "ru_RU", "uk_UA", "uz_UZ"}
    assert region <= set(NAME_LOCALES)
    assert len(source.first_names) > 10_000 and len(source.last_names) > 10_000
    assert {"Kowalski", "Kowalska", "Bērziņš", "Berzins", "Sergej", "Sergey", "Ivanova"} <= source.names
    assert {"Sverige", "Göteborg", "Riga", "Kalmar"} <= source.places  # towns are never names on their own


def test_a_typo_in_the_luhn_digit_still_removes_the_number_but_a_phone_number_wins_its_span():
    # 0701234567 has a valid date part (07-01-23) but a wrong Luhn digit: it is read as a phone number.
    assert [f.kind for f in anonymise("Ring 0701234567.")[1]] == ["phone"]
    # 0701234569 passes the Luhn check, so the same spelling is taken as an identity number (still removed).
    assert [f.kind for f in anonymise("Nummer 0701234569.")[1]] == ["identity_number"]


def test_an_invalid_iban_stays_unless_the_word_iban_signals_it():
    assert anonymise("Koden SE45 5000 0000 0583 9825 7467 gällde en faktura.")[1] == []
    clean, findings = anonymise("IBAN: SE45 5000 0000 0583 9825 7467", "en")
    assert [f.kind for f in findings] == ["bank_account"]


def test_overlapping_patterns_keep_the_longer_match(kb):
    text = "Hon bodde på Kungsvägen 3 lgh 1102, 411 01 Göteborg, och ringde +46 70 123 45 67."
    clean, findings = anonymise(text)
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [
        ("address", "Kungsvägen 3 lgh 1102"),
        ("postcode", "411 01"),
        ("phone", "+46 70 123 45 67"),
    ]
    assert clean == (
        f"Hon bodde på {placeholder(kb, 'address', 'sv')}, {placeholder(kb, 'postcode', 'sv')} Göteborg, "
        f"och ringde {placeholder(kb, 'phone', 'sv')}."
    )


MIXED_CASE = (
    "Anna Kowalska (850709-9805) kom till Sverige den 5 mars 2024. Hon bodde på Storgatan 12, 411 01 Göteborg, "
    "och nåddes på 070-123 45 67 eller anna.k@example.se. Arbetsgivaren Jānis Bērziņš körde bilen ABC 123 och "
    "betalade lönen till SE45 5000 0000 0583 9825 7466. Hennes passnummer AB1234567 låg i kassaskåpet.\n\n"
    "The recruiter, Olga Ivanova, used +48 601 234 567 and lived at 12 High Street, London SW1A 1AA. "
    "On March 5, 2024 she met a 17-year-old girl from Romania in Oslo."
)


def test_findings_point_at_the_removed_spans_in_the_original_and_do_not_overlap():
    clean, findings = anonymise(MIXED_CASE)
    assert findings == sorted(findings, key=lambda f: f.start)
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:]))
    assert {f.kind for f in findings} == {
        "person_name", "identity_number", "date", "address", "postcode", "phone", "email",
        "vehicle_registration", "bank_account", "passport_number",
    }
    rebuilt, position = [], 0
    for finding in findings:
        rebuilt += [MIXED_CASE[position : finding.start], finding.replacement]
        position = finding.end
    assert "".join(rebuilt) + MIXED_CASE[position:] == clean
    for secret in ("Kowalska", "850709", "Storgatan", "070-123", "anna.k@", "Bērziņš", "ABC 123", "SE45", "AB1234567",
                   "Ivanova", "601 234", "High Street", "SW1A", "March 5"):
        assert secret not in clean
    assert "Göteborg" in clean and "Romania" in clean and "Oslo" in clean


def test_a_finding_carries_no_personal_data():
    assert [field.name for field in dataclasses.fields(Finding)] == ["kind", "start", "end", "replacement"]
    _clean, findings = anonymise("Anna Kowalska, 070-123 45 67.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings[0].kind = "x"  # type: ignore[misc]
    assert all("Kowalska" not in repr(f) and "070" not in repr(f) for f in findings)


def _random_texts(count: int) -> list[str]:
    pieces = [*SWEDISH_PARAGRAPHS.split("\n\n"), *ENGLISH_PARAGRAPHS.split("\n\n"), *(text for _, text, _ in PLANTED)]
    rng = random.Random(2024)
    return ["\n\n".join(rng.sample(pieces, 6)) for _ in range(count)] + [MIXED_CASE]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_anonymising_is_idempotent(lang):
    for text in _random_texts(40):
        clean, _findings = anonymise(text, lang)
        assert anonymise(clean, lang) == (clean, [])


def test_anonymising_generated_case_notes_is_idempotent_and_offsets_rebuild_the_text():
    from faker import Faker

    fake = Faker(["sv_SE", "pl_PL", "lv_LV", "ro_RO", "en_GB"])
    fake.seed_instance(36)
    for _ in range(60):
        text = (
            f"{fake.name()} ({fake.phone_number()}, {fake.email()}) bodde på {fake.street_address()}, "
            f"{fake.postcode()} {fake.city()}. Den {fake.date()} kom {fake.first_name()} till {fake.country()}. "
            f"{fake.sentence()}"
        )
        clean, findings = anonymise(text)
        rebuilt, position = [], 0
        for finding in findings:
            rebuilt += [text[position : finding.start], finding.replacement]
            position = finding.end
        assert "".join(rebuilt) + text[position:] == clean
        assert anonymise(clean) == (clean, [])


@pytest.mark.parametrize("lang", ["de", "", "SV", None])
def test_an_unsupported_lang_is_refused_naming_the_allowed_values(lang):
    with pytest.raises(ValueError, match=r"'sv'.*'en'"):
        anonymise("Anna Kowalska", lang)  # type: ignore[arg-type]


def test_empty_text():
    assert anonymise("") == ("", [])
    assert anonymise("", "en") == ("", [])
