"""The registry of content kinds: which model each kind uses and which fields point where."""

from __future__ import annotations

from kit.content import models as m

KINDS: dict[str, type[m.Item]] = {
    "chapters": m.Chapter,
    "guideline_aims": m.Statement,
    "municipal_roles": m.Statement,
    "principles": m.Principle,
    "palermo_elements": m.PalermoElement,
    "palermo_terms": m.PalermoTerm,
    "legal_rules": m.LegalRule,
    "instruments": m.Instrument,
    "forms": m.Form,
    "vulnerability_factors": m.Statement,
    "self_identification_barriers": m.Statement,
    "early_identification_reasons": m.Statement,
    "suspicion_steps": m.Statement,
    "identification_facts": m.Statement,
    "indicators": m.Indicator,
    "places": m.Place,
    "warning_settings": m.WarningSetting,
    "actors": m.Actor,
    "mapping_tables": m.MappingTable,
    "mapping_guidance": m.Statement,
    "regimes": m.Regime,
    "support_phases": m.SupportPhase,
    "support_types": m.SupportType,
    "country_support": m.CountrySupportRow,
    "victim_concerns": m.Statement,
    "root_causes": m.Statement,
    "prevention_measures": m.PreventionMeasure,
    "procurement_clauses": m.Statement,
    "good_practices": m.GoodPractice,
    "municipality_actions": m.MunicipalityAction,
    "summary_table": m.SummaryRow,
    "misconceptions": m.Statement,
    "situations": m.Situation,
}

# Field name -> the kind whose ids it must name. Applied wherever the field occurs.
REFERENCE_FIELDS: dict[str, str] = {
    "forms": "forms",
    "actors": "actors",
    "who": "actors",
    "formal_identifiers": "actors",
    "potential_identifiers": "actors",
    "support_providers": "actors",
    "places": "places",
    "indicators": "indicators",
    "instruments": "instruments",
    "phase": "support_phases",
    "principle": "principles",
}
