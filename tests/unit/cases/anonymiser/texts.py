"""Texts for the anonymiser's tests: planted personal data of every kind, ordinary case text that must stay."""

from __future__ import annotations

import random

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


MIXED_CASE = (
    "Anna Kowalska (850709-9805) kom till Sverige den 5 mars 2024. Hon bodde på Storgatan 12, 411 01 Göteborg, "
    "och nåddes på 070-123 45 67 eller anna.k@example.se. Arbetsgivaren Jānis Bērziņš körde bilen ABC 123 och "
    "betalade lönen till SE45 5000 0000 0583 9825 7466. Hennes passnummer AB1234567 låg i kassaskåpet.\n\n"
    "The recruiter, Olga Ivanova, used +48 601 234 567 and lived at 12 High Street, London SW1A 1AA. "
    "On March 5, 2024 she met a 17-year-old girl from Romania in Oslo."
)


def random_texts(count: int) -> list[str]:
    pieces = [*SWEDISH_PARAGRAPHS.split("\n\n"), *ENGLISH_PARAGRAPHS.split("\n\n"), *(text for _, text, _ in PLANTED)]
    rng = random.Random(2024)
    return ["\n\n".join(rng.sample(pieces, 6)) for _ in range(count)] + [MIXED_CASE]
