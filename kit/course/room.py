"""Live analytics of a room: what participants answered, where they agree, what they miss.

Works on the answers in the store; each participant's latest answer to an item counts.
Participants appear only under their pseudonyms.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def latest_answers(answers: Iterable[Any]) -> dict[tuple[str, str, str], Any]:
    """(app, participant, item) -> the latest stored answer."""
    latest: dict[tuple[str, str, str], Any] = {}
    for answer in answers:
        key = (answer.app, answer.participant, answer.item)
        if key not in latest or answer.id > latest[key].id:
            latest[key] = answer
    return latest


def classifier_frame(answers: Iterable[Any]) -> Any:
    """One row per participant and case: the answer next to the truth, and the score."""
    import pandas as pd

    from kit.cases.bank import load_bank

    bank = load_bank()
    rows = []
    for (app, participant, item), stored in latest_answers(answers).items():
        case = bank.get(item)
        if app != "classifier" or case is None:
            continue
        given = stored.answer
        rows.append({
            "participant": participant, "case": item, "score": stored.score,
            "verdict": given.get("trafficking"), "truth_verdict": case.truth.trafficking,
            "forms": tuple(given.get("forms") or ()), "truth_forms": tuple(case.truth.forms),
            "indicators": tuple(given.get("indicators") or ()), "truth_indicators": tuple(case.truth.indicators),
        })
    columns = ["participant", "case", "score", "verdict", "truth_verdict", "forms", "truth_forms", "indicators", "truth_indicators"]
    return pd.DataFrame(rows, columns=columns)


def verdict_counts(frame: Any) -> Any:
    """Per case: how many said yes, no or not sure, and the right verdict."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(columns=["case", "yes", "no", "unsure", "truth"])
    verdict = frame["verdict"].map({True: "yes", False: "no"}).fillna("unsure")
    counts = pd.crosstab(frame["case"], verdict).reindex(columns=["yes", "no", "unsure"], fill_value=0)
    counts["truth"] = frame.groupby("case")["truth_verdict"].first().map({True: "yes", False: "no"})
    return counts.reset_index()


def missed_indicators(frame: Any) -> Any:
    """Indicators present in the cases but not ticked: how often, and by what share of answers."""
    import pandas as pd

    missed: dict[str, int] = {}
    present: dict[str, int] = {}
    for given, truth in zip(frame["indicators"], frame["truth_indicators"]):
        for indicator in truth:
            present[indicator] = present.get(indicator, 0) + 1
            if indicator not in given:
                missed[indicator] = missed.get(indicator, 0) + 1
    rows = [{"indicator": i, "missed": missed.get(i, 0), "present": n, "share_missed": missed.get(i, 0) / n} for i, n in present.items()]
    table = pd.DataFrame(rows, columns=["indicator", "missed", "present", "share_missed"])
    return table.sort_values(["share_missed", "missed"], ascending=False, ignore_index=True)


def form_confusion(frame: Any) -> Any:
    """Counts of (true form, answered form) over all answers; "none" where nothing was chosen."""
    import pandas as pd

    pairs = []
    for given, truth in zip(frame["forms"], frame["truth_forms"]):
        for true_form in truth or ("none",):
            for answered in given or ("none",):
                pairs.append((true_form, answered))
    if not pairs:
        return pd.DataFrame()
    table = pd.DataFrame(pairs, columns=["truth", "answer"])
    return pd.crosstab(table["truth"], table["answer"])


def app_scores(answers: Iterable[Any], app: str) -> Any:
    """Latest score per participant and item of `app`."""
    import pandas as pd

    rows = [{"participant": p, "item": i, "score": a.score} for (name, p, i), a in latest_answers(answers).items() if name == app]
    return pd.DataFrame(rows, columns=["participant", "item", "score"])
