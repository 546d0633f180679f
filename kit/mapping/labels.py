"""Labels a person reads for a municipality's values: names instead of ids, words instead of codes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from kit.content import load
from kit.content.i18n import format_money, format_number
from kit.mapping.place_types import place_type
from kit.mapping.profiles import load_profile
from kit.mapping.risk_and_measures import catalogue
from kit.mapping.vocabulary import SECTORS, SERVICES

if TYPE_CHECKING:
    import pandas as pd

MISSING = "–"  # an empty cell: nothing recorded (a signal without a workplace, a group without an estimate)

# The learner's tables as a person reads them: which columns, in which order, and how each is labelled.
COLUMNS: dict[str, tuple[str, ...]] = {
    "signals": ("signal_id", "month", "source", "district_id", "place_id", "workplace_id", "sector", "indicator",
                "people", "gender", "minor", "nationality"),
    "workplaces": ("workplace_id", "sector", "district_id", "place_id", "employees", "foreign_share", "inspections_3y",
                   "remarks_3y", "municipal_contract", "seasonal"),
    "places": ("place_id", "place_type", "category", "district_id", "landmark"),
    "districts": ("district_id", "kind", "population", "unemployment"),
    "risk_groups": ("group_id", "tables", "forms", "sectors", "place_types", "estimated_size"),
    "actors": ("actor_id", "actor_sector", "roles", "staff", "trained", "engage_hours", "engage_money"),
    "services": ("service", "provider", "capacity_per_month"),
}
_WORKPLACE_NUMBER = re.compile(r"(\d+)$")


def profile_label(profile: Any, lang: str) -> str:
    """A municipality profile as a person chooses it: its name and size ("Björkmora (12 000 invånare)")."""
    profile = load_profile(profile)
    return load().ui("mapping.label.profile", lang, name=profile.name.get(lang),
                     population=format_number(profile.population, lang))


def percent(share: float, lang: str) -> str:
    """A share in [0, 1] as a percentage in `lang` ("8 %" in Swedish, "8%" in English)."""
    number = format_number(100 * share, lang)
    return f"{number}\u00a0%" if lang == "sv" else f"{number}%"


class Labeller:
    """Labels for one municipality in one language: districts, places, workplaces, actors, groups, services."""

    def __init__(self, m: Any, lang: str):
        self.m, self.lang, self.kb, self.cat = m, lang, load(), catalogue()
        self.districts = dict(zip(m.districts["district_id"], m.districts[f"name_{lang}"]))
        self.places = dict(zip(m.places["place_id"], m.places[f"name_{lang}"]))
        self.actor_names = {actor.id: actor.name.get(lang) for actor in self.kb.actors}

    def ui(self, key: str, **values: Any) -> str:
        return self.kb.ui(key, self.lang, **values)

    def yes_no(self, value: Any) -> str:
        return self.ui("value.true" if bool(value) else "value.false")

    def district(self, district_id: Any) -> str:
        return MISSING if _missing(district_id) else self.districts.get(district_id, MISSING)

    def place(self, place_id: Any) -> str:
        """A place's name ("Busstationen")."""
        return MISSING if _missing(place_id) else self.places.get(place_id, MISSING)

    def place_where(self, place_id: str) -> str:
        """A place's name with its district, or "online" ("Kliniker och sjukhus 1, Centrum")."""
        district = self.m.places.loc[self.m.places["place_id"] == place_id, "district_id"].iloc[0]
        where = self.ui("mapping.label.online") if _missing(district) else self.district(district)
        return self.ui("mapping.label.place_in", place=self.place(place_id), where=where)

    def workplace(self, workplace_id: Any) -> str:
        """A workplace by its number ("Arbetsplats 145"); workplaces have no names in the tables."""
        if _missing(workplace_id):
            return MISSING
        found = _WORKPLACE_NUMBER.search(str(workplace_id))
        return self.ui("mapping.label.workplace", number=int(found.group(1)) if found else str(workplace_id))

    def sector(self, sector: Any) -> str:
        return MISSING if _missing(sector) else self.ui(f"mapping.sector.{sector}")

    def actor(self, actor_id: Any) -> str:
        return MISSING if _missing(actor_id) else self.actor_names.get(actor_id, MISSING)

    def group(self, group_id: str) -> str:
        return self.cat.risk_groups[group_id].label.get(self.lang)

    def service(self, service: Any) -> str:
        return MISSING if _missing(service) else self.ui(f"mapping.service.{service}")

    def country(self, code: Any) -> str:
        """A nationality by its country name; an unrecorded one as "not known"."""
        if _missing(code) or code == "unknown":
            return self.ui("mapping.label.nationality_unknown")
        key = f"mapping.country.{str(code).lower()}"
        return self.ui(key) if key in self.kb.ui_strings else str(code)

    # --- choices ---------------------------------------------------------------------------------

    def choices(self, kind: str) -> list[tuple[str, str]]:
        """(label, id) pairs of everything of `kind` this municipality has, in reading order:
        actors, places, workplaces, sites (places and workplaces), groups, sectors or services."""
        m = self.m
        if kind == "actors":
            return sorted(((self.actor(a), a) for a in m.actors["actor_id"]), key=lambda pair: pair[0].casefold())
        if kind == "places":
            return [(self.place_where(p), p) for p in m.places["place_id"]]
        if kind == "workplaces":
            return [self.workplace_choice(row) for row in m.workplaces.itertuples(index=False)]
        if kind == "sites":
            return self.choices("places") + self.choices("workplaces")
        if kind == "groups":
            return [(self.group(g), g) for g in self.cat.risk_groups]
        if kind == "sectors":
            present = set(m.workplaces["sector"].dropna().astype(str))
            return [(self.sector(s), s) for s in SECTORS if s in present]
        if kind == "services":
            return [(self.service(s), s) for s in SERVICES]
        raise ValueError(f"no choices of kind {kind!r}")

    def workplace_choice(self, row: Any) -> tuple[str, str]:
        """A workplace as a choice: number, sector and district ("Arbetsplats 145 – Bygg, Myrlandet")."""
        label = self.ui("mapping.label.workplace_in", workplace=self.workplace(row.workplace_id),
                        sector=self.sector(row.sector), where=self.district(row.district_id))
        return label, str(row.workplace_id)

    # --- tables ----------------------------------------------------------------------------------

    def table(self, name: str, rows: int | None = None) -> pd.DataFrame:
        """The learner's table `name` (first `rows` rows) as text: headings and every value labelled."""
        import pandas as pd

        frame = getattr(self.m, name)
        if rows is not None:
            frame = frame.head(rows)
        if name == "actors":
            frame = frame.rename(columns={"sector": "actor_sector"})
        columns = COLUMNS[name]
        shown = {self.heading(column): [self.cell(column, value) for value in frame[column].tolist()] for column in columns}
        return pd.DataFrame(shown, columns=list(shown))

    def heading(self, column: str) -> str:
        return self.ui(f"mapping.heading.{column}")

    def cell(self, column: str, value: Any) -> str:
        """One value of `column` as a person reads it."""
        if column in ("roles", "forms", "sectors", "place_types") and isinstance(value, str):
            parts = [part.strip() for part in value.split(",") if part.strip()]
            return ", ".join(self.cell(column + ".item", part) for part in parts) or MISSING
        if _missing(value):
            return MISSING
        lang = self.lang
        if column in ("district_id",):
            return self.district(value)
        if column == "place_id":
            return self.place(value)
        if column == "workplace_id":
            return self.workplace(value)
        if column in ("sector", "sectors.item"):
            return self.sector(value)
        if column in ("actor_id", "provider"):
            return self.actor(value)
        if column == "group_id":
            return self.group(value)
        if column == "service":
            return self.service(value)
        if column == "nationality":
            return self.country(value)
        if column == "source":
            return self.ui(f"mapping.source.{value}")
        if column == "kind":
            return self.ui(f"mapping.district_kind.{value}")
        if column == "indicator":
            return self.kb.get("indicators", value).question.get(lang)
        if column in ("place_type", "place_types.item"):
            return place_type(value).label.get(lang)
        if column == "forms.item":
            return self.kb.get("forms", value).label.get(lang)
        if column in ("category", "actor_sector", "roles.item"):
            return self.ui(f"value.{value}")
        if column in ("gender", "minor"):
            return self.ui(f"mapping.{column}.{value}")
        if column in ("landmark", "trained", "municipal_contract", "seasonal"):
            return self.yes_no(value)
        if column in ("foreign_share", "unemployment"):
            return percent(float(value), lang)
        if column == "engage_money":
            return format_money(float(value), lang)
        if isinstance(value, (int, float)) or hasattr(value, "__index__"):
            return format_number(float(value), lang)
        return str(value)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, pandas.NA raises TypeError
    except (TypeError, ValueError):
        return True
