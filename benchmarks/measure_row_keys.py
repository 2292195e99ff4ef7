"""What keying per-record structures by roster row would buy: a measurement, not a design.

    python benchmarks/measure_row_keys.py [SMALL LARGE]      # default 100000 1000000

The matcher keys its per-record structures (the facts, the family links, the household
labels) by sourcedId strings in dicts. The lever usually named for the growth target of
issue 15 is arrays over roster rows instead. This script builds a check's real
structures for two roster sizes (each in its own process, both running at once so they
see the same machine) and times whole-roster passes both ways: the household label of
every person, every facts record in shuffled order, counting the keys, and building a
sourcedId -> row dict (what resolving the family links to rows would cost once). The
lookups are the best of three passes; the counts and the dict build run once.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import process_figures, roster_dir, start_process

PASSES = (
    "household label by sourcedId",
    "household label by row",
    "facts, shuffled, by sourcedId",
    "facts, shuffled, by row",
    "Counter of sourcedIds",
    "Counter of rows",
    "sourcedId -> row dict built",
)


def _best(work: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def run_one(users: int) -> dict[str, float]:
    from oneroster_identity import read_roster
    from oneroster_identity._gc import paused_gc
    from oneroster_identity.match._engine import effective_policy
    from oneroster_identity.match._group import group_records
    from oneroster_identity.match._household import HouseholdIndex
    from oneroster_identity.match._records import FactsBuilder, NameKeys

    roster = read_roster(roster_dir(users))
    policy, _ = effective_policy(roster, None)
    with paused_gc():
        facts = FactsBuilder(policy).of_active(roster.users)
        persons = group_records(list(facts.values()))
        reps = persons.representatives(facts)
        households = HouseholdIndex(roster, NameKeys(facts))
        sids = [f.sourced_id for f in reps]
        row_of = {sid: i for i, sid in enumerate(facts)}
        rows = [row_of[s] for s in sids]
        labels = list(map(households.household, facts))
        facts_list = list(facts.values())
        shuffled = sids[:]
        random.Random(1).shuffle(shuffled)
        shuffled_rows = [row_of[s] for s in shuffled]
        timings = {
            PASSES[0]: _best(lambda: households.households_of(sids), 3),
            PASSES[1]: _best(lambda: list(map(labels.__getitem__, rows)), 3),
            PASSES[2]: _best(lambda: list(map(facts.__getitem__, shuffled)), 3),
            PASSES[3]: _best(lambda: list(map(facts_list.__getitem__, shuffled_rows)), 3),
            PASSES[4]: _best(lambda: Counter(sids), 1),
            PASSES[5]: _best(lambda: Counter(rows), 1),
            PASSES[6]: _best(lambda: {s: i for i, s in enumerate(sids)}, 1),
        }
    return {"persons": len(sids), **timings}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [100000, 1000000]
    if len(sizes) != 2:
        raise SystemExit("give two sizes, SMALL and LARGE")
    for users in sizes:
        roster_dir(users)  # generated before anything is timed
    procs = [start_process(__file__, str(u)) for u in sizes]  # both at once
    small, large = [process_figures(proc) for proc in procs]
    print(f"{'pass':34s}{small['persons']:>12,} persons{large['persons']:>12,} persons  growth")
    for name in PASSES:
        print(
            f"{name:34s}{small[name] * 1000:>12.1f} ms{large[name] * 1000:>16.1f} ms"
            f"{large[name] / small[name]:>8.1f}x"
        )


if __name__ == "__main__":
    main()
