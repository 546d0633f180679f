"""Which support each situation's victims need (the services of kit.mapping.vocabulary)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.mapping.vocabulary import SERVICES

LEGAL_AID_FORMS = ("sexual_exploitation", "forced_begging", "forced_criminality")


def needs_matrix(situations: pd.DataFrame, country: str) -> np.ndarray:
    """Boolean [situation, service] in SERVICES order: what the victims of each situation need.

    Interpretation is needed when the victims are not nationals of `country`, the municipality's.
    """
    form = situations["form"].to_numpy(object)
    columns = {
        "safe_accommodation_women": situations["women"].to_numpy() > 0,
        "safe_accommodation_men": situations["men"].to_numpy() > 0,
        "safe_accommodation_children": situations["minors"].to_numpy() > 0,
        "interpretation": situations["nationality"].to_numpy(object) != country,
        "workers_rights_advice": form == "forced_labour",
        "crisis_legal_aid": np.isin(form, LEGAL_AID_FORMS),
        "psychological_support": np.ones(len(situations), bool),
        "health_care_undocumented": situations["group"].to_numpy(object) == "irregular_migrants",
    }
    return np.column_stack([columns[s] for s in SERVICES]) if len(situations) else np.zeros((0, len(SERVICES)), bool)
