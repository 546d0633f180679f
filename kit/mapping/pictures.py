"""Pictures of the mapping (matplotlib, Agg, never shown here): the district map and detection curves.

Each picture function returns a Figure, and has a companion `..._description` that returns a
one-sentence bilingual description (a Text with .sv and .en) for alt text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from kit.content import load
from kit.content.models import Text

CATEGORY_STYLE = {  # marker and colour per table-4 place category
    "transport": ("s", "#1f77b4"), "online": ("D", "#9467bd"), "public_space": ("o", "#2ca02c"),
    "health": ("P", "#17becf"), "services": ("v", "#8c564b"), "shelter": ("^", "#e377c2"),
    "education": ("p", "#bcbd22"), "workplace": ("X", "#7f7f7f"), "authority": ("h", "#aec7e8"),
    "commercial": ("*", "#ff7f0e"),
}
HOTSPOT_COLOUR = "#d62728"
KNOWN_PLANS = ("none", "naive", "model", "yours")


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _ui(key: str, lang: str, **values: Any) -> str:
    return load().ui(key, lang, **values)


def hotspots(m, outcomes: pd.DataFrame | None = None, most: int = 10) -> pd.DataFrame:
    """Places to mark on the map with a count each: where a simulation detected situations
    (from `simulate_outcomes`), or else the places with the most medium and strong signals."""
    if outcomes is not None:
        found = outcomes[outcomes["outcome"].isin(["early", "late"])]
        site_place = m.workplaces.set_index("workplace_id")["place_id"]
        place = found["place_id"].fillna(found["workplace_id"].map(site_place))
        counts = place.dropna().value_counts()
        return pd.DataFrame({"place_id": counts.index.astype(str), "count": counts.to_numpy(), "detected": True})
    strength = {i.id: i.strength for i in load().indicators}
    signals = m.signals[m.signals["place_id"].notna() & ~m.signals["source"].isin(["health_observation", "social_services_note",
                                                                                   "school_observation", "library_observation"])]
    strong = signals[signals["indicator"].astype(str).map(strength).isin(["strong", "medium"])]
    counts = strong["place_id"].astype(str).value_counts().head(most)
    return pd.DataFrame({"place_id": counts.index.astype(str), "count": counts.to_numpy(), "detected": False})


def district_map(m, outcomes: pd.DataFrame | None = None, lang: str = "sv"):
    """The districts as tiles, places as markers by category, hotspots as red circles sized by count."""
    from matplotlib.patches import Rectangle

    districts, places = m.districts, m.places
    figure = _figure(8, 6.5)
    ax = figure.add_subplot()
    name_column = "name_sv" if lang == "sv" else "name_en"
    shade = districts["unemployment"].to_numpy()
    shade = (shade - shade.min()) / max(np.ptp(shade), 1e-9)
    for (_, row), level in zip(districts.iterrows(), shade):
        ax.add_patch(Rectangle((row["x"], row["y"]), 0.96, 0.96, facecolor=(0.93 - 0.15 * level, 0.93 - 0.1 * level, 0.88), edgecolor="#555"))
        ax.text(row["x"] + 0.04, row["y"] + 0.05, row[name_column], fontsize=8, va="top")  # the y axis runs downwards
    online = places["district_id"].isna().to_numpy()
    width = districts["x"].max() + 1
    x = places["x"].to_numpy(copy=True)
    y = places["y"].to_numpy(copy=True)
    x[online] = np.linspace(0.3, max(0.3, width - 0.3), int(online.sum()) + 2)[1:-1] if online.any() else x[online]
    y[online] = -0.45
    if online.any():
        ax.add_patch(Rectangle((0, -0.8), width - 0.04, 0.7, facecolor="#f3eefa", edgecolor="#555"))
        ax.text(0.04, -0.75, _ui("mapping.picture.online", lang), fontsize=8, va="top")
    categories = places["category"].astype(str).to_numpy()
    for category, (marker, colour) in CATEGORY_STYLE.items():
        mask = categories == category
        if mask.any():
            ax.scatter(x[mask], y[mask], marker=marker, s=22, color=colour, label=_ui(f"value.{category}", lang), zorder=3)
    marked = hotspots(m, outcomes)
    if len(marked):
        where = pd.Index(places["place_id"]).get_indexer(marked["place_id"])
        keep = where >= 0
        detected = bool(marked["detected"].iloc[0])
        label = _ui("mapping.picture.hotspot_detected" if detected else "mapping.picture.hotspot_signals", lang)
        ax.scatter(x[where[keep]], y[where[keep]], s=80 + 60 * marked["count"].to_numpy()[keep], facecolors="none",
                   edgecolors=HOTSPOT_COLOUR, linewidths=2, label=label, zorder=4)
    ax.set_xlim(-0.1, width + 0.05)
    ax.set_ylim(-0.9 if online.any() else -0.1, districts["y"].max() + 1.05)
    ax.set_aspect("equal")
    ax.invert_yaxis()
    ax.set_axis_off()
    ax.set_title(_ui("mapping.picture.map_title", lang, name=m.name(lang)))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    return figure


def district_map_description(m, outcomes: pd.DataFrame | None = None) -> Text:
    """One sentence, in Swedish and English, saying what district_map shows."""
    marked = hotspots(m, outcomes)
    texts = {}
    for lang in ("sv", "en"):
        values = dict(name=m.name(lang), districts=len(m.districts), places=len(m.places))
        if not len(marked):
            texts[lang] = _ui("mapping.picture.map_alt_plain", lang, **values)
            continue
        district = m.places.set_index("place_id").loc[marked["place_id"], "district_id"]
        top = district.dropna().value_counts()
        names = m.districts.set_index("district_id")["name_sv" if lang == "sv" else "name_en"]
        where = names.get(top.index[0], _ui("mapping.picture.online", lang)) if len(top) else _ui("mapping.picture.online", lang)
        key = "mapping.picture.map_alt_detected" if bool(marked["detected"].iloc[0]) else "mapping.picture.map_alt_signals"
        texts[lang] = _ui(key, lang, hotspots=len(marked), district=where, **values)
    return Text(sv=texts["sv"], en=texts["en"])


def _plan_title(name: str, lang: str) -> str:
    return _ui(f"mapping.plan.{name}", lang) if name in KNOWN_PLANS else name


def detection_curves(runs: Mapping[str, pd.DataFrame], lang: str = "sv"):
    """Side-by-side panels, one per plan: cumulative early and late detections and prevented situations.

    `runs` maps a plan name ("none", "naive", "model", "yours" are translated) to a `simulate` frame.
    """
    if not runs:
        raise ValueError("detection_curves needs at least one simulation run")
    figure = _figure(3.2 * len(runs) + 1, 3.6)
    axes = figure.subplots(1, len(runs), sharey=True, squeeze=False)[0]
    colours = {"detected_early": "#2ca02c", "detected_late": "#ff7f0e", "prevented": "#1f77b4"}
    for ax, (name, frame) in zip(axes, runs.items()):
        month = frame["month"].to_numpy()
        early, late = frame["detected_early"].cumsum().to_numpy(), frame["detected_late"].cumsum().to_numpy()
        ax.stackplot(month, early, late, colors=[colours["detected_early"], colours["detected_late"]], alpha=0.8,
                     labels=[_ui("mapping.column.detected_early", lang), _ui("mapping.column.detected_late", lang)])
        ax.plot(month, frame["prevented"].cumsum().to_numpy(), color=colours["prevented"], linewidth=2,
                label=_ui("mapping.column.prevented", lang))
        ax.plot(month, frame["undetected"].to_numpy(), color="#555", linestyle="--", label=_ui("mapping.column.undetected", lang))
        ax.set_title(_plan_title(name, lang), fontsize=10)
        ax.set_xlabel(_ui("mapping.column.month", lang))
        ax.set_xlim(month.min(), month.max())
    axes[0].set_ylabel(_ui("mapping.picture.situations", lang))
    axes[-1].legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    figure.suptitle(_ui("mapping.picture.curves_title", lang))
    return figure


def detection_curves_description(runs: Mapping[str, pd.DataFrame]) -> Text:
    """One sentence, in Swedish and English, saying what detection_curves shows."""
    texts = {}
    for lang in ("sv", "en"):
        items = [_ui("mapping.picture.curves_alt_item", lang, plan=_plan_title(name, lang),
                     detected=int(frame["detected_early"].sum() + frame["detected_late"].sum()),
                     early=int(frame["detected_early"].sum()), prevented=int(frame["prevented"].sum()))
                 for name, frame in runs.items()]
        months = max((len(frame) for frame in runs.values()), default=0)
        texts[lang] = _ui("mapping.picture.curves_alt", lang, months=months, count=len(runs), summary="; ".join(items))
    return Text(sv=texts["sv"], en=texts["en"])
