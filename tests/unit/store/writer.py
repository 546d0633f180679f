"""A participant process for the concurrency test: writes answers, prints each acknowledged id."""

import sys

from kit.store import open_store

url, participant, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = open_store(url)
for number in range(count):
    answer = {"trafficking": number % 2 == 0, "means": ["deception"] * (number % 3), "n": number, "who": participant}
    answer_id = store.record(participant, "classifier", f"case_{number}", answer, score=number / count)
    print(f"{answer_id} {number}", flush=True)
