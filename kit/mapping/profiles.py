"""Loading municipality profiles: shipped ones by id, custom ones by path or dict; faults name file and field."""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kit.content import load
from kit.content.loader import read_yaml_mapping
from kit.content.problems import ContentError, Problem
from kit.mapping.place_types import place_type_ids
from kit.mapping.profile_schema import Profile
from kit.mapping.risk_and_measures import catalogue
from kit.mapping.schema_faults import faults
from kit.mapping.vocabulary import SECTORS

PROFILES_DIR = Path(__file__).with_name("profiles")


class ProfileError(ContentError):
    """A profile that cannot be used; `problems` lists every fault as `file:field: message`."""


def shipped_profiles() -> list[str]:
    """The ids of the profiles that ship with the kit."""
    return sorted(path.stem for path in PROFILES_DIR.glob("*.yaml"))


def load_profile(source: Profile | Mapping[str, object] | str | Path) -> Profile:
    """A validated Profile from a shipped id, a YAML path, a mapping or a Profile."""
    if isinstance(source, Profile):
        return source
    if isinstance(source, Mapping):
        return _validated(dict(source), "<profile>")
    path = Path(source)
    if not path.suffix and not path.exists() and str(source) in shipped_profiles():
        return _load_shipped(str(source))
    return _load_path(path.resolve())


@functools.lru_cache(maxsize=8)
def _load_shipped(profile_id: str) -> Profile:
    return _load_path(PROFILES_DIR / f"{profile_id}.yaml")


def _load_path(path: Path) -> Profile:
    raw, problem = read_yaml_mapping(path, "one mapping (id, name, population, districts, ...)")
    if problem is not None:
        raise ProfileError([problem])
    return _validated(raw, path.name)


def _validated(raw: dict[str, Any], file_name: str) -> Profile:
    import msgspec

    problems = profile_problems(raw, file_name)
    if problems:
        raise ProfileError(problems)
    return msgspec.convert(raw, Profile)


def profile_problems(raw: dict[str, Any], file_name: str) -> list[Problem]:
    """Every fault of a profile at once: the schema's (each field on its own) and the checks a schema
    cannot make, run on every part that passed the schema."""
    import typing

    import msgspec

    problems = [Problem(file_name, field, message) for field, message in faults(raw, Profile)]
    hints = typing.get_type_hints(Profile, include_extras=True)
    parts: dict[str, Any] = {}
    for info in msgspec.structs.fields(Profile):
        if info.name not in raw:
            parts[info.name] = None if info.required else (info.default_factory() if info.default_factory is not msgspec.NODEFAULT else info.default)
            continue
        try:
            parts[info.name] = msgspec.convert(raw[info.name], hints[info.name])
        except msgspec.ValidationError:
            # reported above; lists and mappings whose entries stand alone keep their valid entries,
            # the rest is left out together with the checks that need it
            parts[info.name] = _valid_entries(raw[info.name], hints[info.name]) if info.name in ITEMWISE else None
    return problems + check_profile(_Parts(parts), file_name)


ITEMWISE = ("places", "landmarks", "sectors", "groups", "actors", "services")


def _valid_entries(value: Any, hint: Any) -> Any:
    """The entries of a list or mapping that pass the schema on their own (None when it is neither)."""
    import typing

    base = typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint
    if isinstance(value, list) and typing.get_origin(base) is list:
        (item,) = typing.get_args(base)
        return [converted for entry in value if (converted := _convert(entry, item)) is not None]
    if isinstance(value, dict) and typing.get_origin(base) is dict:
        key_type, value_type = typing.get_args(base)
        found = {}
        for key, entry in value.items():
            converted = _convert(entry, value_type)
            if converted is not None and _convert(key, key_type) is not None:
                found[key] = converted
        return found
    return None


def _convert(value: Any, hint: Any) -> Any:
    import msgspec

    try:
        return msgspec.convert(value, hint)
    except msgspec.ValidationError:
        return None


class _Parts:
    """A profile's parts that passed the schema (None: missing or faulty)."""

    def __init__(self, parts: dict[str, Any]) -> None:
        self.__dict__.update(parts)


def check_profile(profile, file_name: str) -> list[Problem]:
    """Faults a schema cannot see: unknown ids, shares that do not add up, impossible combinations.

    `profile` may be a Profile or its parts with None for those that failed the schema: a check
    that needs a missing part is left out, the others run.
    """
    kb, groups = load(), catalogue().risk_groups
    problems: list[Problem] = []

    def fault(field: str, message: str) -> None:
        problems.append(Problem(file_name, field, message))

    def have(*names: str) -> bool:
        return all(getattr(profile, name, None) is not None for name in names)

    district_ids = [d.id for d in profile.districts] if have("districts") else []
    if have("districts"):
        for duplicate in sorted({d for d in district_ids if district_ids.count(d) > 1}):
            fault(f"districts[{duplicate}].id", "duplicate district id")
        total = sum(d.population_share for d in profile.districts)
        if not math.isclose(total, 1.0, abs_tol=0.02):
            fault("districts", f"population shares add up to {total:.3f}, not 1")
        positions = [d.position for d in profile.districts if d.position is not None]
        if len(set(positions)) != len(positions):
            fault("districts", "two districts share a map position")
    if have("nationalities") and sum(profile.nationalities.values()) <= 0:
        fault("nationalities", "shares must not all be zero")

    place_types = place_type_ids()
    if have("places"):
        for place_type in profile.places:
            if place_type not in place_types:
                fault(f"places.{place_type}", f"unknown place type (valid: {', '.join(place_types)})")
    if have("landmarks"):
        for position, landmark in enumerate(profile.landmarks):
            where = f"landmarks[{position}]"
            if landmark.place_type not in place_types:
                fault(f"{where}.place_type", f"unknown place type {landmark.place_type!r} (valid: {', '.join(place_types)})")
            if have("districts") and landmark.district is not None and landmark.district not in district_ids:
                fault(f"{where}.district", f"unknown district {landmark.district!r} (the profile's: {', '.join(district_ids)})")
        if have("places"):
            for place_type in sorted({lm.place_type for lm in profile.landmarks}):
                named = sum(lm.place_type == place_type for lm in profile.landmarks)
                if named > profile.places.get(place_type, 0):
                    fault(f"places.{place_type}", f"{named} landmark(s) of this type but only {profile.places.get(place_type, 0)} place(s)")

    if have("sectors"):
        for sector, spec in profile.sectors.items():
            if sector not in SECTORS:
                fault(f"sectors.{sector}", f"unknown sector (valid: {', '.join(SECTORS)})")
            if spec.season is not None and not spec.seasonal:
                fault(f"sectors.{sector}.season", "a season is given but the sector is not seasonal (add seasonal: true)")

    if have("actors"):
        actor_ids = kb.ids("actors")
        for actor in profile.actors:
            if actor not in actor_ids:
                fault(f"actors.{actor}", f"unknown actor id (valid: {', '.join(actor_ids)})")
        if have("services"):
            for position, offer in enumerate(profile.services):
                if offer.provider not in profile.actors:
                    fault(f"services[{position}].provider", f"{offer.provider!r} is not among the profile's actors")

    if have("groups"):
        for group_id, group in profile.groups.items():
            where = f"groups.{group_id}"
            if group_id not in groups:
                fault(where, f"unknown risk group (valid: {', '.join(groups)})")
                continue
            if group.exploitation is not None:
                problems.extend(Problem(file_name, f"{where}.exploitation.{field}", message)
                                for field, message in _exploitation_faults(profile, groups[group_id], group.exploitation))
    return problems


def _exploitation_faults(profile, group, planted) -> list[tuple[str, str]]:
    """Faults of one group's planted exploitation, as (field, message)."""
    faults = []
    low, high = planted.victims
    if low > high:
        faults.append(("victims", f"range [{low}, {high}] must be ascending"))
    if sum(planted.nationalities.values()) <= 0:
        faults.append(("nationalities", "shares must not all be zero"))
    for place_type in planted.place_types:
        if place_type not in group.place_types:
            faults.append(("place_types", f"{place_type!r} is not a place where this group is met ({', '.join(group.place_types)})"))
    for sector in planted.sectors:
        if sector not in group.sectors:
            faults.append(("sectors", f"{sector!r} is not a sector of this group ({', '.join(group.sectors) or 'none'})"))
    if planted.past + planted.ongoing + planted.upcoming == 0:
        return faults
    if group.sectors:
        sectors = planted.sectors or group.sectors
        if profile.sectors is None:
            return faults
        if not any(profile.sectors.get(s) is not None and profile.sectors[s].per_1000 > 0 for s in sectors):
            faults.append(("sectors", f"exploitation planted but the profile has no workplaces in {', '.join(sectors)}"))
    elif profile.places is not None and not any(profile.places.get(p, 0) > 0 for p in planted.place_types or group.place_types):
        faults.append(("place_types", f"exploitation planted but the profile has no place of type {', '.join(planted.place_types or group.place_types)}"))
    return faults


def scaled(profile, population: int):
    """The same municipality grown or shrunk to `population`: places, planted exploitation, actors' staff and budget scale with it."""
    import msgspec

    factor = population / profile.population

    def times(value: int, minimum: int = 0) -> int:
        return max(minimum, round(value * factor))

    places = {kind: times(count, min(count, 1)) for kind, count in profile.places.items()}
    for landmark in profile.landmarks:
        places[landmark.place_type] = max(places[landmark.place_type], sum(lm.place_type == landmark.place_type for lm in profile.landmarks))
    groups = {}
    for group_id, group in profile.groups.items():
        planted = group.exploitation
        if planted is not None:
            planted = msgspec.structs.replace(planted, past=times(planted.past), ongoing=times(planted.ongoing), upcoming=times(planted.upcoming))
        size = None if group.estimated_size is None else times(group.estimated_size)
        groups[group_id] = msgspec.structs.replace(group, estimated_size=size, exploitation=planted)
    actors = {a: msgspec.structs.replace(spec, staff=times(spec.staff, 1)) for a, spec in profile.actors.items()}
    services = [msgspec.structs.replace(s, capacity=times(s.capacity, min(s.capacity, 1))) for s in profile.services]
    budget = msgspec.structs.replace(profile.budget, staff_hours=profile.budget.staff_hours * factor, money=profile.budget.money * factor)
    return msgspec.structs.replace(profile, id=f"{profile.id}_{population}", population=population, places=places,
                                   groups=groups, actors=actors, services=services, budget=budget)
