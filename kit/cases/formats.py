"""Case sets out of the kit: YAML, a flat CSV, and the IOM Human Trafficking Case Data Standard.

HTCDS columns are written where the kit's fields correspond: gender, nationality (ISO 3166),
method of recruitment, methods of control (from the case's means and indicators), and type of
labour or sexual exploitation (from its forms and sector). The kit's own id, verdict and forms
travel alongside so that a set can come back.

The case's circumstances (unaccompanied, living with custodians, custodians involved, needing
an interpreter, resident) travel in the YAML and as columns of the flat CSV. HTCDS has no field
for them: its person and victim fields record gender, nationality, recruitment, control and
exploitation, not the living situation or language needs, so the HTCDS export leaves them out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from kit.cases.narrative import render, surface
from kit.cases.schema import Case, Circumstances

HTCDS_COLUMNS = (
    "kit_case_id", "kit_trafficking", "kit_forms", "prs_Gender", "prs_Nationality",
    "vic_MethodOfRecruitment", "vic_MethodsOfControl", "vic_TypeOfLabourExploitation", "vic_TypeOfSexExploitation",
)
HTCDS_GENDER = {"female": "Female", "male": "Male"}
HTCDS_CONTROL_BY_MEANS = {
    "threat_or_force": "Threats",
    "deception": "FalsePromises",
    "fraud": "FalsePromises",
    "abduction": "RestrictsMovement",
    "abuse_of_power_or_vulnerability": "PsychologicalAbuse",
    "other_coercion": "PsychologicalAbuse",
    "payments_to_controller": "Other",
}
HTCDS_CONTROL_BY_INDICATOR = {
    "identity_documents_withheld_sexual": "WithholdsDocuments",
    "identity_documents_withheld_labour": "WithholdsDocuments",
    "identity_documents_withheld_begging": "WithholdsDocuments",
    "threats_of_violence_sexual": "Threats",
    "threatened_if_quota_not_met": "Threats",
    "threatened_with_deportation_sexual": "ThreatOfLawEnforcement",
    "hands_over_earnings": "TakesEarnings",
    "excessive_hours_labour": "ExcessiveWorkingHours",
    "no_unsupervised_free_time_labour": "RestrictsMovement",
    "moves_in_group_cannot_leave": "RestrictsMovement",
    "cannot_resign_labour": "RestrictsMovement",
    "signs_of_physical_abuse_general": "PhysicalAbuse",
    "signs_of_trauma_general": "PsychologicalAbuse",
    "debt_cannot_be_paid_off": "DebtBondage",
    "confined_or_isolated": "RestrictsMovement",
    "third_party_controls_selling_sex": "TakesEarnings",
    "promised_job_did_not_exist": "FalsePromises",
    "depends_on_exploiter": "PsychologicalAbuse",
}
HTCDS_LABOUR_BY_FORM = {
    "forced_begging": "Begging",
    "forced_criminality": "IllicitActivities",
    "benefit_fraud": "IllicitActivities",
    "slavery_or_servitude": "DomesticWork",
    "forced_labour": "Other",
}
CIRCUMSTANCE_COLUMNS = tuple(Circumstances.__struct_fields__)
CSV_COLUMNS = (
    "id", "title_sv", "title_en", "difficulty", "source", "trafficking", "minor", "forms", "resembles",
    "act", "means", "purpose", "indicators", "first_referrals", "acceptable_referrals", "gender", "age", "nationality",
    "country", *CIRCUMSTANCE_COLUMNS,
)
MULTI = ";"  # separator inside a multi-value cell


def htcds_row(case: Case) -> dict[str, str]:
    """One HTCDS row for `case`."""
    sectors = surface()["sectors"]
    sector = sectors.get(case.setting.sector or "", {})
    forms = case.truth.forms or case.resembles
    control = [HTCDS_CONTROL_BY_MEANS[m] for m in case.truth.means]
    control += [HTCDS_CONTROL_BY_INDICATOR[i] for i in case.truth.indicators if i in HTCDS_CONTROL_BY_INDICATOR]
    if sector.get("htcds_labour") and set(sector.get("forms", ())) & set(forms):
        labour = [sector["htcds_labour"]]
    else:
        labour = [HTCDS_LABOUR_BY_FORM[f] for f in forms if f in HTCDS_LABOUR_BY_FORM]
    sex = [sector.get("htcds_sex", "Prostitution")] if "sexual_exploitation" in forms else []
    return {
        "kit_case_id": case.id,
        "kit_trafficking": "true" if case.truth.trafficking else "false",
        "kit_forms": MULTI.join(forms),
        "prs_Gender": HTCDS_GENDER[case.person.gender],
        "prs_Nationality": case.person.nationality,
        "vic_MethodOfRecruitment": MULTI.join(case.recruitment),
        "vic_MethodsOfControl": MULTI.join(dict.fromkeys(control)),
        "vic_TypeOfLabourExploitation": MULTI.join(dict.fromkeys(labour)),
        "vic_TypeOfSexExploitation": MULTI.join(sex),
    }


def csv_row(case: Case) -> dict[str, str]:
    """One flat row for spreadsheets."""
    truth = case.truth
    return {
        "id": case.id, "title_sv": render(case, "sv")[0], "title_en": render(case, "en")[0],
        "difficulty": str(case.difficulty), "source": case.source.kind,
        "trafficking": str(truth.trafficking).lower(), "minor": str(truth.minor).lower(),
        "forms": MULTI.join(truth.forms), "resembles": MULTI.join(case.resembles),
        "act": MULTI.join(truth.act), "means": MULTI.join(truth.means), "purpose": MULTI.join(truth.purpose),
        "indicators": MULTI.join(truth.indicators), "first_referrals": MULTI.join(truth.first_referrals),
        "acceptable_referrals": MULTI.join(truth.acceptable_referrals),
        "gender": case.person.gender, "age": str(case.person.age), "nationality": case.person.nationality,
        "country": case.setting.country,
        **{fact: str(getattr(case.circumstances, fact)).lower() for fact in CIRCUMSTANCE_COLUMNS},
    }


def to_csv(rows: Iterable[dict[str, str]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def case_to_yaml(case: Case) -> str:
    """The case as YAML, in schema order, readable by `load_case`."""
    import msgspec
    import yaml

    data = msgspec.to_builtins(case)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def export(cases: Iterable[Case], fmt: str) -> str:
    """All `cases` in format `fmt`: yaml (one YAML document per case), csv, or htcds (CSV, HTCDS columns)."""
    cases = list(cases)
    if fmt == "yaml":
        return "---\n".join(case_to_yaml(case) for case in cases)
    if fmt == "csv":
        return to_csv((csv_row(case) for case in cases), CSV_COLUMNS)
    if fmt == "htcds":
        return to_csv((htcds_row(case) for case in cases), HTCDS_COLUMNS)
    raise ValueError(f"unknown export format {fmt!r}: use yaml, csv or htcds")
