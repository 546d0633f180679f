"""Case formats: YAML round-trips, CSV is flat, HTCDS columns carry only the standard's values."""

from __future__ import annotations

import csv
import io

from kit.cases.bank import load_bank, load_case
from kit.cases.formats import CSV_COLUMNS, HTCDS_COLUMNS, export

# Value names of the IOM HTCDS field reference for the columns the kit writes.
HTCDS_VALUES = {
    "prs_Gender": {"Male", "Female", "Transgender/NonConforming", "Unknown"},
    "vic_MethodOfRecruitment": {"Abduction", "EducationalFacility", "Familial", "Internet", "InternationalMarriageBroker",
                                "IntimatePartner", "JobOffer", "PosingAsBenefactor", "PublicArea", "OfferOfAccommodation",
                                "Shelter", "Smuggling", "Work", "Other", "Unknown"},
    "vic_MethodsOfControl": {"DebtBondage", "TakesEarnings", "RestrictsFinancialAccess", "Threats", "PsychologicalAbuse",
                             "PhysicalAbuse", "SexualAbuse", "FalsePromises", "PsychoactiveSubstances", "RestrictsMovement",
                             "RestrictsMedicalCare", "ExcessiveWorkingHours", "UsesChildren", "ThreatOfLawEnforcement",
                             "WithholdsNecessities", "WithholdsDocuments", "Other"},
    "vic_TypeOfLabourExploitation": {"Agriculture", "Aquafarming", "Begging", "Construction", "DomesticWork", "Hospitality",
                                     "IllicitActivities", "Manufacturing", "MiningOrDrilling", "Peddling", "Transportation", "Other"},
    "vic_TypeOfSexExploitation": {"Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices"},
}
ISO_CODES = {"SE", "NO", "FI", "DK", "EE", "LV", "LT", "PL", "DE", "RO", "BG", "HU", "SK", "RU", "BY", "UA", "MD", "AL",
             "XK", "KG", "UZ", "TJ", "KZ", "VN", "TH", "PH", "CN", "IN", "BD", "NG", "ER", "SO", "AF", "SY", "IQ", "MA", "GB"}


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_htcds_columns_and_values_are_valid():
    bank = load_bank()
    table = rows(export(bank.values(), "htcds"))
    assert len(table) == len(bank)
    assert tuple(table[0]) == HTCDS_COLUMNS
    for row in table:
        assert row["prs_Nationality"] in ISO_CODES
        for column, allowed in HTCDS_VALUES.items():
            values = [v for v in row[column].split(";") if v]
            assert set(values) <= allowed, (row["kit_case_id"], column, values)


def test_htcds_reflects_the_case():
    row = rows(export([load_bank()["seed_promised_childcare_job_sham_marriage"]], "htcds"))[0]
    assert row["prs_Gender"] == "Female" and row["prs_Nationality"] == "LV"
    assert row["vic_MethodOfRecruitment"] == "JobOffer"
    assert {"WithholdsDocuments", "FalsePromises"} <= set(row["vic_MethodsOfControl"].split(";"))
    assert row["vic_TypeOfLabourExploitation"] == "DomesticWork"  # servitude in a home
    assert row["kit_trafficking"] == "true"


def test_csv_is_flat_and_complete():
    bank = load_bank()
    table = rows(export(bank.values(), "csv"))
    assert tuple(table[0]) == CSV_COLUMNS and len(table) == len(bank)


def test_yaml_export_round_trips(tmp_path):
    import yaml

    bank = load_bank()
    documents = list(yaml.safe_load_all(export(bank.values(), "yaml")))
    assert len(documents) == len(bank)
    first = next(iter(bank.values()))
    path = tmp_path / f"{first.id}.yaml"
    path.write_text(yaml.safe_dump(documents[0], allow_unicode=True), encoding="utf-8")
    assert load_case(path) == first


def test_circumstances_travel_in_csv_and_yaml_but_not_in_htcds(tmp_path):
    import yaml

    case = load_bank()["sex_webcam_sextortion_pupil"]
    row = rows(export([case], "csv"))[0]
    assert (row["lives_with_custodians"], row["unaccompanied"], row["needs_interpreter"], row["resident"]) == ("true", "false", "false", "true")
    assert not {"lives_with_custodians", "unaccompanied", "resident"} & set(HTCDS_COLUMNS)  # HTCDS has no such field
    path = tmp_path / f"{case.id}.yaml"
    path.write_text(export([case], "yaml"), encoding="utf-8")
    assert yaml.safe_load(path.read_text())["circumstances"]["lives_with_custodians"] is True
    assert load_case(path).circumstances == case.circumstances
