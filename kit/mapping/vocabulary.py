"""The mapping exercise's own id vocabularies: sectors, signal sources, district kinds, services."""

from __future__ import annotations

from typing import Literal

from kit.content import load

# mining and tourism: the kit's own additions for northern and rural municipalities (mines and
# large industrial projects with subcontractors, ski and tourist resorts); see data/sites.yaml.
SECTORS: tuple[str, ...] = (
    "construction", "agriculture", "forestry", "restaurants", "cleaning", "hotels", "car_washes",
    "beauty_salons", "retail", "manufacturing", "transport", "mining", "tourism",
)
Sector = Literal[
    "construction", "agriculture", "forestry", "restaurants", "cleaning", "hotels", "car_washes",
    "beauty_salons", "retail", "manufacturing", "transport", "mining", "tourism",
]

# Where a year's signals come from. `facility` sources are written down at a facility of that
# place type (the clinic, the school, ...) rather than where the exploitation happens.
SOURCES: tuple[str, ...] = (
    "tip", "inspection_remark", "school_observation", "health_observation", "social_services_note",
    "police_report", "ngo_report", "library_observation",
)
FACILITY_OF_SOURCE: dict[str, str] = {
    "school_observation": "schools_vocational_special_needs",
    "health_observation": "clinics_and_hospitals",
    "social_services_note": "social_welfare_offices",
    "library_observation": "libraries_free_wifi",
}

DistrictKind = Literal["centre", "port", "airport", "industrial", "residential", "suburb", "rural", "resort"]
DISTRICT_KINDS: tuple[str, ...] = ("centre", "port", "airport", "industrial", "residential", "suburb", "rural", "resort")

# Support a victim may need, each tied to the knowledge-base item it comes from ("kind:id[.item]").
# A service missing from a municipality that its victims need is a gap (plan part 4).
SERVICES: dict[str, str] = {
    "safe_accommodation_women": "support_types:crisis_intervention.safe_accommodation",
    "safe_accommodation_men": "support_types:crisis_intervention.safe_accommodation",
    "safe_accommodation_children": "support_types:crisis_intervention.safe_accommodation",
    "interpretation": "country_support:documents_and_interpretation",
    "workers_rights_advice": "support_types:crisis_intervention.crisis_workers_rights_information",
    "crisis_legal_aid": "support_types:crisis_intervention.crisis_legal_aid",
    "psychological_support": "support_types:crisis_intervention.crisis_psychological_support",
    "health_care_undocumented": "support_types:crisis_intervention.emergency_medical_care",
}
Service = Literal[
    "safe_accommodation_women", "safe_accommodation_men", "safe_accommodation_children", "interpretation",
    "workers_rights_advice", "crisis_legal_aid", "psychological_support", "health_care_undocumented",
]

STATUSES: tuple[str, ...] = ("past", "ongoing", "upcoming")
TARGET_KINDS: tuple[str, ...] = ("none", "actors", "places", "workplaces", "groups", "sectors", "services")
TargetKind = Literal["none", "actors", "places", "workplaces", "groups", "sectors", "services"]


def service_ref(service: str):
    """The seed reference of a service key, through the knowledge-base item it comes from."""
    kind, _, item = SERVICES[service].partition(":")
    item_id, _, sub_id = item.partition(".")
    found = load().get(kind, item_id)
    if sub_id:
        found = next(point for point in found.items if point.id == sub_id)
    return found.ref
