"""`strom-kit mapping check` (issue 14, item 12): every fault at once, valid values listed, exit 1 on
faults; PROFILES.md shows the shipped northern profile in full."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kit.cli import main
from kit.mapping import load_profile
from kit.mapping.profiles import PROFILES_DIR, ProfileError

SMALL = Path(__file__).with_name("files") / "small_town.yaml"
PROFILES_MD = PROFILES_DIR.parent / "PROFILES.md"


def run(*args: str):
    return CliRunner().invoke(main, ["mapping", "check", *args])


def test_every_shipped_profile_is_clean():
    result = run(*sorted(str(p) for p in PROFILES_DIR.glob("*.yaml")), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.output.count("a valid profile of") == len(list(PROFILES_DIR.glob("*.yaml")))


def broken(tmp_path: Path) -> Path:
    raw = yaml.safe_load(SMALL.read_text())
    raw["mayor"] = "someone"                                                   # unknown field
    raw["country"] = "DK"                                                      # not one of five
    raw["districts"][1]["kind"] = "farmland"                                   # not a district kind
    raw["districts"][0]["name"] = {"sv": "Centrum"}                            # no English
    raw["places"]["moon_base"] = 1                                             # unknown place type
    raw["sectors"]["whaling"] = {"per_1000": 1, "mean_size": 3, "foreign_share": 0.1}  # unknown sector
    raw["groups"]["seasonal_farm_forest_workers"]["exploitation"]["season"] = [6, 13]  # no month 13
    raw["actors"]["wizards"] = {"staff": 1}                                    # unknown actor
    raw["budget"].pop("money")                                                  # required
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_every_fault_is_listed_at_once_with_the_valid_values(tmp_path):
    result = run(str(broken(tmp_path)))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("broken.yaml:")]
    fields = {line.split(":")[1] for line in lines}
    assert {"mayor", "country", "districts[farms].kind", "districts[centre].name.en", "places.moon_base",
            "sectors.whaling", "groups.seasonal_farm_forest_workers.exploitation.season", "actors.wizards",
            "budget.money"} <= fields, result.output
    text = "\n".join(lines)
    assert "SE, NO, PL, LV, FI" in text and "resort" in text and "mining" in text and "workers_camps" in text
    assert "missing English translation" in text
    assert re.search(r"actors\.wizards: unknown actor id \(valid: .*social_services", text)


def test_load_profile_reports_the_same_faults(tmp_path):
    with pytest.raises(ProfileError) as caught:
        load_profile(broken(tmp_path))
    assert len(caught.value.problems) >= 9


def test_a_malformed_file_is_one_fault_with_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\ndistricts: [unclosed\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 1 and "bad.yaml:line " in result.output


def test_the_giveaway_search_runs_from_the_command_line():
    result = run(str(PROFILES_DIR / "northern_town.yaml"), "--giveaways", "--lang", "en")
    assert result.exit_code == 0, result.output


def test_profiles_md_shows_the_northern_profile_in_full():
    text = PROFILES_MD.read_text(encoding="utf-8")
    shown = text.split("## A complete example: a small northern municipality", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    shipped = (PROFILES_DIR / "northern_town.yaml").read_text(encoding="utf-8")
    assert shown == shipped
    profile = load_profile(yaml.safe_load(shown))
    assert profile.sectors["tourism"].season == (12, 4) and "mines_and_industrial_projects" in profile.places
