"""Lists in the knowledge base have the seed's sizes: every bullet of every list carried over.

Each expectation is checked twice: against the number written here, and (where ../shared/seed
is present) against the number of bullets (•) the seed itself has in that line range, so a
wrong expectation cannot hide a missing item.
"""

from __future__ import annotations

import pytest

from support.seed import seed_lines


def count_items(kb, kind, **where):
    return sum(1 for item in kb.items(kind) if all(getattr(item, k) == v for k, v in where.items()))


def sub_items(kb, kind, item_id, field):
    return len(getattr(kb.get(kind, item_id), field))


# Ch. 4's list of local actors who can identify a victim (seed lines 1167-1188), bullet by bullet: the
# registry actors that carry each bullet. A bullet counts when all of them are in the registry with the
# `identify` role, so a dropped actor or role shows as a smaller size.
IDENTIFYING_ACTORS_BY_BULLET = {
    1169: ("local_police",),
    1170: ("labour_inspectorate", "health_inspectors", "fire_safety_inspectors", "tax_inspectors"),
    1172: ("health_care",),
    1173: ("social_services", "migration_agency"),
    1175: ("schools", "childcare"),
    1177: ("financial_assistance",),
    1178: ("interpreters", "librarians", "procurement_officers"),
    1179: ("ngos",),
    1180: ("cultural_associations",),
    1181: ("trade_unions",),
    1182: ("faith_communities",),
    1183: ("support_groups",),
    1184: ("local_associations",),
    1185: ("property_services",),
    1187: ("taxi_drivers", "hotel_staff", "security_guards", "sales_staff"),
    1188: ("private_citizens",),
}


def identifying_bullets(kb):
    roles = {actor.id: actor.roles for actor in kb.items("actors")}
    return sum(
        1 for actors in IDENTIFYING_ACTORS_BY_BULLET.values() if all("identify" in roles.get(a, ()) for a in actors)
    )


# (what, how to count in the knowledge base, seed line range holding the bullets, expected size)
SIZES = [
    ("guideline aims", lambda kb: count_items(kb, "guideline_aims"), (88, 104), 4),
    ("municipal roles", lambda kb: count_items(kb, "municipal_roles"), (118, 147), 8),
    ("CoE convention points", lambda kb: sub_items(kb, "instruments", "coe_convention", "key_points"), (340, 361), 9),
    ("EU directive points", lambda kb: sub_items(kb, "instruments", "eu_directive_2011_36", "key_points"), (362, 380), 8),
    ("vulnerability factors", lambda kb: count_items(kb, "vulnerability_factors"), (911, 921), 11),
    ("why victims rarely self-identify", lambda kb: count_items(kb, "self_identification_barriers"), (972, 984), 8),
    ("why early identification matters", lambda kb: count_items(kb, "early_identification_reasons"), (985, 993), 4),
    ("general indicators", lambda kb: count_items(kb, "indicators", group="general"), (1001, 1009), 6),
    ("sexual exploitation indicators", lambda kb: count_items(kb, "indicators", group="sexual_exploitation"), (1029, 1047), 7),
    ("labour exploitation indicators", lambda kb: count_items(kb, "indicators", group="labour_exploitation"), (1048, 1067), 12),
    ("begging / criminality indicators", lambda kb: count_items(kb, "indicators", group="forced_begging_criminality"), (1068, 1083), 6),
    ("local actors who can identify", identifying_bullets, (1167, 1188), 16),
    ("table 8 warning signs", lambda kb: sum(len(s.signs) for s in kb.warning_settings), (1228, 1290), 23),
    ("victims' key concerns", lambda kb: count_items(kb, "victim_concerns"), (1545, 1562), 6),
    ("procurement clauses", lambda kb: count_items(kb, "procurement_clauses"), (1972, 1992), 5),
    ("ch. 3 actions", lambda kb: count_items(kb, "municipality_actions", theme="mapping"), (850, 875), 4),
    ("ch. 4 actions", lambda kb: count_items(kb, "municipality_actions", theme="identification"), (1355, 1385), 4),
    ("ch. 5 actions", lambda kb: count_items(kb, "municipality_actions", theme="support"), (1712, 1742), 8),
    ("ch. 6 actions", lambda kb: count_items(kb, "municipality_actions", theme="prevention"), (2020, 2042), 5),
]


@pytest.mark.parametrize("what, counter, lines, expected", SIZES, ids=[s[0] for s in SIZES])
def test_list_has_the_seeds_size(kb, what, counter, lines, expected):
    assert counter(kb) == expected, f"{what}: the kit has {counter(kb)}, the seed {expected}"


@pytest.mark.parametrize("what, counter, lines, expected", SIZES, ids=[s[0] for s in SIZES])
def test_expected_size_matches_the_seeds_bullets(what, counter, lines, expected):
    text = seed_lines()
    if not text:
        pytest.skip("../shared/seed is absent: sizes checked against the numbers written here only")
    start, end = lines
    bullets = sum(line.count("•") for line in text[start - 1 : end])
    assert bullets == expected, f"{what}: seed lines {start}-{end} hold {bullets} bullets"


def test_each_identifying_actor_bullet_is_a_bullet_of_the_seed():
    text = seed_lines()
    if not text:
        pytest.skip("../shared/seed is absent")
    assert all(text[line - 1].lstrip().startswith("•") for line in IDENTIFYING_ACTORS_BY_BULLET)


def test_fixed_sizes(kb):
    """Lists whose size the seed states in prose or in a table without bullets."""
    assert count_items(kb, "principles", group="core") == 4
    assert count_items(kb, "principles", group="support") == 6
    assert count_items(kb, "palermo_terms", element="act") == 5
    assert count_items(kb, "palermo_terms", element="means") == 7
    assert len(kb.forms) == 8 and len(kb.regimes) == 5 and len(kb.palermo_elements) == 3
    assert count_items(kb, "places") == 16  # table 4
    assert [len(s.signs) for s in kb.warning_settings] == [7, 5, 5, 6]  # table 8
    assert [len(t.items) for t in kb.support_types] == [5, 7, 8, 4]
    assert [p.duration_weeks for p in kb.support_phases if p.id == "acute"] == [(4, 6)]
    assert len(kb.summary_table) == 4
    assert {t.ref.table for t in kb.mapping_tables} == {1, 2, 3, 5}


def test_mapping_tables_carry_every_question_and_actor(kb):
    """Tables 1-3 and 5: questions and actor columns as in the seed."""
    tables = {t.ref.table: [] for t in kb.mapping_tables}
    for table in kb.mapping_tables:
        tables[table.ref.table].append(table)
    assert [len(t.questions) for t in tables[1]] == [9]
    assert [len(t.questions) for t in tables[2]] == [7]
    assert [len(t.questions) for t in tables[3]] == [8]
    assert sorted(len(t.questions) for t in tables[5]) == [10, 10]
    # Table 2's actor column has 13 entries; "inspectors of health, fire and tax authorities"
    # becomes three registry actors, so at least 13 ids.
    assert len(tables[2][0].actors) >= 13
    for table in kb.mapping_tables:
        assert "private_citizens" in table.actors, f"{table.id}: every table ends with members of the public"
