"""Every rate and effect size of the synthetic municipality and its one-year simulation, with its reason.

These numbers are the kit's own judgement, chosen to be plausible and to make the mechanisms
of chapters 3, 4 and 6 visible; the guidelines give none of them. Probabilities are per month
unless said otherwise. kit/mapping/simulation.py explains how they combine.
"""

from __future__ import annotations

# --- generator ------------------------------------------------------------------------------
# How strongly a place type or a sector is drawn to a kind of district (1 where not named).
PLACE_AFFINITY: dict[str, dict[str, float]] = {
    "transport_hubs": {"port": 6, "airport": 8, "centre": 3},
    "street_prostitution_drug_begging_areas": {"centre": 4, "port": 3, "industrial": 2, "rural": 0.1},
    "shopping_centres_parks_public_places": {"centre": 3, "suburb": 2, "residential": 2, "rural": 0.3},
    "ethnic_shops_markets_money_transfer": {"centre": 3, "suburb": 3, "rural": 0.2},
    "large_construction_sites": {"industrial": 3, "port": 2, "residential": 1.5},
    "large_farms": {"rural": 10, "suburb": 0.2, "centre": 0.01, "port": 0.01, "airport": 0.05},
    "asylum_reception_centres": {"suburb": 2, "rural": 2, "centre": 0.3},
    "consulates_and_embassies": {"centre": 10},
    "homeless_shelters_day_centres": {"centre": 4},
    "employment_and_staffing_agencies": {"centre": 4, "industrial": 2},
    "internet_escort_ads_social_media": {},
    "mines_and_industrial_projects": {"industrial": 6, "rural": 3, "centre": 0.01, "residential": 0.1},
    "tourist_resorts": {"resort": 20, "rural": 2, "centre": 0.3, "industrial": 0.01},
    "workers_camps": {"rural": 10, "resort": 1, "industrial": 1, "centre": 0.01, "residential": 0.05},
}
SECTOR_AFFINITY: dict[str, dict[str, float]] = {
    "construction": {"industrial": 2, "residential": 1.5, "port": 1.5},
    "agriculture": {"rural": 20, "suburb": 0.5, "centre": 0.01, "port": 0.01, "airport": 0.01},
    "forestry": {"rural": 20, "industrial": 1, "centre": 0.01, "port": 0.01, "airport": 0.01},
    "restaurants": {"centre": 4, "port": 2, "airport": 2, "resort": 4},
    "hotels": {"centre": 4, "airport": 4, "port": 2, "resort": 6},
    "cleaning": {"centre": 2, "industrial": 1.5},
    "car_washes": {"suburb": 2, "industrial": 2},
    "beauty_salons": {"centre": 3, "suburb": 2},
    "retail": {"centre": 3, "suburb": 2},
    "manufacturing": {"industrial": 6, "port": 2},
    "transport": {"port": 5, "airport": 5, "industrial": 2},
    "mining": {"industrial": 6, "rural": 4, "centre": 0.05, "residential": 0.05},
    "tourism": {"resort": 20, "centre": 1, "rural": 1, "industrial": 0.01},
}
# Ordinary signals (noise) per 1,000 residents per year, before the profile's `noise` factor.
NOISE_PER_1000: dict[str, float] = {
    "tip": 5.0, "school_observation": 3.0, "health_observation": 4.0, "social_services_note": 6.0,
    "police_report": 5.0, "ngo_report": 2.0, "library_observation": 0.5,
}
REMARKS_PER_INSPECTION = 0.4      # an ordinary inspection finds something worth noting 2 times in 5
# Share of traces that name the exact place or workplace (the rest name only the district).
TRACE_LOCATED: dict[str, float] = {"tip": 0.7, "police_report": 0.6, "ngo_report": 0.8, "inspection_remark": 1.0}
NOISE_LOCATED = {"place": 0.5, "workplace": 0.3}  # tips and police reports; the rest name a district
# Traces lean on strong indicators; ordinary signals mostly on weak ones (ILO-style grades).
TRACE_INDICATOR_WEIGHT = {"strong": 4.0, "medium": 2.0, "weak": 1.0}
NOISE_INDICATOR_WEIGHT = {"strong": 0.3, "medium": 1.0, "weak": 3.0}
# Look-alikes: hardship in a risk group that is not trafficking (wage theft, crowded housing,
# begging or selling sex with nobody in control). They leave signals through the same sources,
# at the same sites, with the same people and months as real situations, so that no column tells
# the two apart alone (ch. 4 lines 1115-1123: indicators are weighed together); only their
# indicators lean weaker. Per planted situation that leaves traces, and per group member.
LOOKALIKES_PER_SITUATION = 1.5
LOOKALIKE_MEMBERS = 250
LOOKALIKE_INDICATOR_WEIGHT = {"strong": 2.0, "medium": 2.0, "weak": 1.5}
LOOKALIKE_MINORS: dict[str, float] = {"young_people_forced_criminality": 0.8, "unemployed_young_people": 0.15}
MIXED_GROUP = 0.3                 # a signal about several people of both sexes says "mixed" this often
ONGOING_AGE_MONTHS = (2, 18)      # how long an ongoing situation has lasted when the year starts
PAST_DURATION_MONTHS = (2, 6)     # how long a past situation lasted last year (at most its season)
DEFAULT_SEASON = (5, 9)           # a seasonal sector without a season of its own or of a group planted in it
RECURRENCE = 0.7                  # an upcoming situation reuses a place or workplace of its group
# What engaging an actor for a year costs by default (staff hours, euros), by the actor's sector.
ENGAGE_COST: dict[str, tuple[float, float]] = {
    "municipal": (16, 0), "state": (24, 0), "civil_society": (24, 3000), "private": (12, 500),
    "public": (20, 2000), "international": (16, 0),
}
EXTRA_CAPACITY = 2                # people a month a closed support gap can take

# --- simulation: detection ----------------------------------------------------------------
# Monthly chance that an actor named by a group's table comes in contact with a given active
# situation of that group in a way that could reveal it. Inspectorates are not here: they meet
# situations through workplace inspections (see INSPECTORS).
CONTACT: dict[str, float] = {
    "social_services": 0.03, "health_care": 0.04, "local_police": 0.04, "ngos": 0.05,
    "victim_support": 0.02, "shelters": 0.01, "migrant_support_groups": 0.04, "local_associations": 0.02,
    "private_citizens": 0.03, "cultural_associations": 0.02, "faith_communities": 0.02, "trade_unions": 0.03,
    "procurement_officers": 0.01, "recruitment_agencies": 0.03, "taxi_drivers": 0.03, "hotel_staff": 0.03,
    "schools": 0.06, "child_protection": 0.04, "migration_agency": 0.04, "employment_services": 0.04,
    "librarians": 0.03, "employers_organisations": 0.01,
}
DEFAULT_CONTACT = 0.02
INSPECTORS = ("labour_inspectorate", "tax_inspectors", "fire_safety_inspectors", "health_inspectors")
# Recognising what one sees: untrained staff rarely connect the signs (ch. 3 lines 522-526,
# ch. 4 lines 1310-1322); trafficking questions in an existing safety plan help a little.
RECOGNISE_UNTRAINED = 0.12
RECOGNISE_FOLDED = 0.22           # actors of the existing crime-prevention plan, when the work is folded in
RECOGNISE_TRAINED = 0.45
FOLDED_ACTORS = ("local_police", "social_services", "schools", "child_protection", "municipal_leadership")
# Passing a suspicion on: an engaged actor knows whom to call for this group.
REPORT_ENGAGED = 1.0
REPORT_ENGAGED_ELSEWHERE = 0.6    # engaged for another group
REPORT_ENGAGED_ELSEWHERE_GROUP = 0.8  # ... with a standing cross-sector group sharing information
REPORT_NOT_ENGAGED = 0.35
# Channels opened by measures.
OUTREACH_CONTACT = 0.3            # outreach workers meet a situation at a visited place
OUTREACH_RECOGNISE_UNTRAINED = 0.3
SELF_REPORT = 0.01                # victims or people around them come forward unprompted
TARGETED_INFO_SELF_REPORT = 0.02  # extra, when the group knows its rights and where to turn
BUSINESS_TIPS = 0.015             # extra tips from colleagues and clients in an informed sector
PUBLIC_TIPS = 0.003               # extra tips from a general campaign (thin: not aimed at anyone)
NATIONALITY_TRUST_LOSS = 0.5      # self-reports and tips halve for a nationality singled out
JOINT_INSPECTION = 0.3            # one joint visit finds the exploitation ...
JOINT_INSPECTION_PARTNERS = 0.55  # ... with inspectorate and police both engaged
JOINT_INSPECTION_TRAINED = 0.7    # ... and trained inspectors
PROCUREMENT_AUDIT = 0.04          # contract follow-up at a contracted workplace
# Month from which a measure works (courses, contracts and campaigns take time to start).
STARTS: dict[str, int] = {
    "train_frontline_staff": 3, "campaign_unconventional_actors": 3, "outreach": 2, "targeted_information": 3,
    "public_awareness": 3, "business_awareness": 3, "procurement_social_clauses": 4, "joint_inspections": 2,
    "cross_sector_group": 2, "fold_into_crime_prevention": 2, "close_support_gap": 2,
}

# --- simulation: prevention (of situations that would start later in the year) ----------------
PREVENT: dict[str, float] = {
    "targeted_information": 0.3,      # the group knows the tricks and checks job offers
    "business_awareness": 0.15,       # employers' associations press members to recruit ethically
    "procurement_contracted": 0.5,    # contracted suppliers must prove wages and conditions
    "procurement_sector": 0.05,       # the rest of the sector notices the clauses
    "outreach": 0.2,                  # people reached at the place learn their rights early
    "public_awareness": 0.05,
    "joint_inspection": 0.3,          # an inspected workplace is deterred
}

# --- simulation: after detection --------------------------------------------------------------
EARLY_MONTHS = 6                  # detected at most this long after it began counts as early (ch. 4 l. 985-1000)
REFER = 0.7                       # a detected situation reaches the referral chain ...
REFER_WITH_GROUP = 0.95           # ... with a standing group whose roles are clear (Tampere, Bergen)
REFER_LAG = 1                     # months from detection to referral; none with a standing group
SUPPORT_WEIGHT = 0.5              # in a plan's expected outcome, a detection counts half, plus half times the share of needed support at hand
