"""Live analytics of a room: what participants answered, where they agree, what they miss.

Works on the answers in the store; each participant's latest answer to an item counts. An answer
to a seeded variant counts under the bank case behind it and is judged against the variant's own
truth (a variant can turn an adult into a child, and with it the verdict). Each answer's result
per element is the one stored with it (what the participant was shown); an answer stored before
the store kept them is scored again. Participants appear only under their pseudonyms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kit.cases import load_bank, score_answer, variant
from kit.cases.scoring import SETS, TOTAL_ELEMENTS, AnswerError
from kit.store.answers import StoredAnswer
from kit.store.results import ElementResult, element_results

CLASSIFIER = "classifier"
VARIES = "varies"  # the verdict of a case whose variants in the room have different right answers
FRAME_COLUMNS = ["participant", "case", "item", "seed", "score", "verdict", "truth_verdict", "forms", "truth_forms",
                 "indicators", "truth_indicators", "elements"]


def latest_answers(answers: Iterable[StoredAnswer]) -> dict[tuple[str, str, str], StoredAnswer]:
    """(app, participant, item) -> the latest stored answer."""
    latest: dict[tuple[str, str, str], StoredAnswer] = {}
    for answer in answers:
        key = (answer.app, answer.participant, answer.item)
        if key not in latest or answer.id > latest[key].id:
            latest[key] = answer
    return latest


class AnsweredCases:
    """The case each answer was given to, as the participant saw it: the bank case behind it,
    made into its variant when the answer names a seed (each variant made once)."""

    def __init__(self, bank: Mapping[str, Any] | None = None):
        self.bank = load_bank() if bank is None else bank
        self._variants: dict[tuple[str, str], Any] = {}

    def case(self, stored: StoredAnswer) -> Any | None:
        """The case `stored` answered, or None when the bank no longer holds it."""
        base = self.bank.get(stored.base)
        if base is None:  # an item that is a bank case of its own, though its name looks like a variant's
            return self.bank.get(stored.item)
        if stored.seed is None:
            return base
        key = (base.id, stored.seed)
        if key not in self._variants:
            self._variants[key] = variant(base, stored.seed)
        return self._variants[key]


def classifier_frame(answers: Iterable[StoredAnswer], bank: Mapping[str, Any] | None = None) -> Any:
    """One row per participant and case answered: the answer next to the truth of the case as the
    participant saw it, the score and the result per element; `case` is the bank case's id."""
    import pandas as pd

    cases = AnsweredCases(bank)
    rows = []
    for (app, participant, item), stored in latest_answers(answers).items():
        case = cases.case(stored) if app == CLASSIFIER else None
        if case is None:
            continue
        given = stored.answer
        rows.append({
            "participant": participant, "case": stored.base if stored.base in cases.bank else item, "item": item,
            "seed": stored.seed, "score": stored.score,
            "verdict": given.get("trafficking"), "truth_verdict": case.truth.trafficking,
            "forms": tuple(given.get("forms") or ()), "truth_forms": tuple(case.truth.forms),
            "indicators": tuple(given.get("indicators") or ()), "truth_indicators": tuple(case.truth.indicators),
            "elements": stored.elements if stored.elements is not None else _scored_again(case, given),
        })
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


def _scored_again(case: Any, given: dict[str, Any]) -> dict[str, ElementResult] | None:
    """The element results of an answer stored without them (None if it cannot be scored any more)."""
    try:
        return element_results(score_answer(case, given).elements)
    except AnswerError:
        return None


def verdict_counts(frame: Any) -> Any:
    """Per case: how many said yes, no or not sure, and the right verdict ("varies" when the
    variants answered in the room differ)."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(columns=["case", "yes", "no", "unsure", "truth"])
    verdict = frame["verdict"].map({True: "yes", False: "no"}).fillna("unsure")
    counts = pd.crosstab(frame["case"], verdict).reindex(columns=["yes", "no", "unsure"], fill_value=0)
    truths = frame.groupby("case")["truth_verdict"].agg(lambda values: set(values))
    counts["truth"] = truths.map(lambda values: ("yes" if True in values else "no") if len(values) == 1 else VARIES)
    return counts.reset_index()


def element_results_table(frame: Any) -> Any:
    """Per answer element (verdict, minor, act, means, purpose, indicators, first contacts): how
    many answers got it right, partly right, wrong, or left it out, and the mean credit; the
    element the room misses most comes first."""
    import pandas as pd

    columns = ["element", "answers", "right", "partly", "wrong", "unanswered", "mean_score"]
    tally = {element: {"answers": 0, "right": 0, "partly": 0, "wrong": 0, "unanswered": 0, "total": 0.0} for element in TOTAL_ELEMENTS}
    for results in frame["elements"] if not frame.empty else ():
        for element, counts in tally.items():
            result = (results or {}).get(element)
            if result is None:
                continue
            score = float(result["score"])
            counts["answers"] += 1
            counts["total"] += score
            counts[_kind(element, score, result)] += 1
    rows = [{"element": element, **{k: v for k, v in counts.items() if k != "total"},
             "mean_score": counts["total"] / counts["answers"]} for element, counts in tally.items() if counts["answers"]]
    table = pd.DataFrame(rows, columns=columns)
    order = {element: position for position, element in enumerate(TOTAL_ELEMENTS)}
    table["order"] = table["element"].map(order)
    return table.sort_values(["mean_score", "order"], ignore_index=True).drop(columns="order")


def _kind(element: str, score: float, result: dict[str, Any]) -> str:
    """right, partly, wrong or unanswered; a list element with no credit and nothing wrong in it
    had nothing chosen (the apps send an empty list for a list left empty)."""
    if score >= 1:
        return "right"
    if score > 0:
        return "partly"
    if not result.get("answered", True) or (element in SETS and not result.get("wrong")):
        return "unanswered"
    return "wrong"


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


def app_scores(answers: Iterable[StoredAnswer], app: str) -> Any:
    """Latest score per participant and item of `app`."""
    import pandas as pd

    rows = [{"participant": p, "item": i, "score": a.score} for (name, p, i), a in latest_answers(answers).items() if name == app]
    return pd.DataFrame(rows, columns=["participant", "item", "score"])
