"""This library beside a general-purpose peer (Splink on DuckDB), on one generated roster.

    python benchmarks/bench_peer.py [USERS ...]      # default 150000

Needs the ``bench`` extra (``pip install -e '.[bench]'``: Splink, a benchmark dependency,
never a runtime one). Each tool runs in its own process, so peak memory (max RSS) is its
own; both read the same users.csv. Splink is set up as a data team would: names, email
and SMS phone cleaned the same way (lower case, digits only), blocking on email, SMS
phone and first + last name, Splink's name, email and exact comparisons, the match
probability estimated from deterministic rules, u by random sampling, m by EM on two
blocking rules, prediction at 0.5 and clustering at 0.5.

Quality uses the planted truth: recall of the planted likely-same pairs (the two records
in one Splink cluster, or in one likely-same near-miss here) and how many planted
strangers (different people with one name or a look-alike email) end up joined.
"""

from __future__ import annotations

import csv
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import allocator_note, labels, roster_dir


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _quality(together: object, cases: list[dict[str, object]]) -> dict[str, float]:
    planted = [c["sourced_ids"] for c in cases if c["kind"] == "likely-same"]
    strangers = [c["sourced_ids"] for c in cases if c["kind"] == "stranger"]
    same = together  # callable: (a, b) -> bool
    found = sum(all(same(p[0], x) for x in p[1:]) for p in planted)  # type: ignore[operator, index]
    joined = sum(any(same(s[0], x) for x in s[1:]) for s in strangers)  # type: ignore[operator, index]
    return {
        "likely_recall": found / len(planted) if planted else 1.0,
        "strangers_joined": joined,
        "strangers": len(strangers),
    }


def run_ours(target: Path) -> dict[str, float]:
    from oneroster_identity import read_roster
    from oneroster_identity.match import NearMissKind, match

    start = time.perf_counter()
    result = match(read_roster(target))
    seconds = time.perf_counter() - start
    peak = _peak_mb()  # the check's own, before the benchmark's quality bookkeeping
    group: dict[str, int] = {}
    for n, near in enumerate(result.near_misses):
        # A different-names cluster says its records are of at least two people.
        if near.kind is NearMissKind.LIKELY_SAME and "different-names" not in near.tags:
            for sid in near.sourced_ids:
                group[sid] = n
    person = {sid: -1 - i for i, p in enumerate(result.persons) for sid in p.sourced_ids}

    def together(a: str, b: str) -> bool:
        return group.get(a, person.get(a)) == group.get(b, person.get(b))

    return {"seconds": seconds, "peak_mb": peak, **_quality(together, labels(target))}


def run_splink(target: Path) -> dict[str, float]:
    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    start = time.perf_counter()
    rows = []
    with open(target / "users.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append(
                {
                    "unique_id": r["sourcedId"],
                    "given_name": r["givenName"].strip().lower() or None,
                    "family_name": r["familyName"].strip().lower() or None,
                    "email": r["email"].strip().lower() or None,
                    "sms": "".join(ch for ch in r["sms"] if ch.isdigit())[-10:] or None,
                }
            )
    frame = pd.DataFrame(rows)
    del rows
    db_api = DuckDBAPI()
    table = db_api.register(frame)
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("family_name"),
            cl.EmailComparison("email"),
            cl.ExactMatch("sms"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("email"),
            block_on("sms"),
            block_on("given_name", "family_name"),
        ],
    )
    linker = Linker(table, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("email", "given_name"), block_on("sms", "family_name")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "family_name")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("email"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.5)
    cluster_of = dict(
        clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]].itertuples(index=False)
    )
    seconds = time.perf_counter() - start
    peak = _peak_mb()

    def together(a: str, b: str) -> bool:
        return cluster_of.get(a, a) == cluster_of.get(b, b)

    return {"seconds": seconds, "peak_mb": peak, **_quality(together, labels(target))}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        runner = run_ours if sys.argv[2] == "ours" else run_splink
        print(json.dumps(runner(Path(sys.argv[3]))))
        return
    print(allocator_note(), flush=True)
    for users in [int(a) for a in sys.argv[1:]] or [150000]:
        target = roster_dir(users)
        figures = {}
        for tool in ("ours", "splink"):
            proc = subprocess.run(
                [sys.executable, __file__, "--one", tool, str(target)],
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                print(f"{users} users, {tool}: failed\n{proc.stderr[-2000:]}", flush=True)
                continue
            figures[tool] = json.loads(proc.stdout.strip().splitlines()[-1])
            f = figures[tool]
            print(
                f"{users} users, {tool}: {f['seconds']:.1f} s, peak {f['peak_mb']:.0f} MB, "
                f"likely-same recall {f['likely_recall']:.3f}, strangers joined "
                f"{f['strangers_joined']} of {f['strangers']}",
                flush=True,
            )
        if len(figures) == 2:
            o, s = figures["ours"], figures["splink"]
            print(
                f"{users} users: {s['seconds'] / o['seconds']:.2f}x faster, "
                f"{o['peak_mb'] / s['peak_mb']:.2f} of Splink's peak memory",
                flush=True,
            )


if __name__ == "__main__":
    main()
