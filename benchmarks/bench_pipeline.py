"""Whole-pipeline benchmark on generated rosters: floor, read, match, report; and quality.

    python benchmarks/bench_pipeline.py 10000 100000 [1000000]

Each roster is generated once (cached, see ``_rosters.py``) and measured in its own process,
so peak memory (max RSS) is the pipeline's own. The floor is ``csv.DictReader`` iterating the
same users.csv in the same process. The JSON report is written to /dev/null.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import labels, measure_sizes


def run_one(target: Path) -> dict[str, float]:
    from oneroster_identity import read_roster
    from oneroster_identity.match import NearMissKind, match
    from oneroster_identity.report import write_json

    cases = labels(target)
    out: dict[str, float] = {}
    start = time.perf_counter()
    with open(target / "users.csv", newline="", encoding="utf-8") as fh:
        out["users"] = sum(1 for _ in csv.DictReader(fh))
    out["floor_s"] = time.perf_counter() - start
    t0 = time.perf_counter()
    roster = read_roster(target)
    t1 = time.perf_counter()
    out["read_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = match(roster)
    t2 = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_json(result, sink)
    t3 = time.perf_counter()
    out.update(read_s=t1 - t0, match_s=t2 - t1, report_s=t3 - t2, total_s=t3 - t0)
    out["rows_per_s"] = out["users"] / out["total_s"]
    out["ratio_to_floor"] = out["total_s"] / out["floor_s"]
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    likely = [set(n.sourced_ids) for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    planted = [set(c["sourced_ids"]) for c in cases if c["kind"] == "likely-same"]
    found = sum(any(p <= g for g in likely) for p in planted)
    true_clusters = sum(any(p <= g for p in planted) for g in likely)
    out["likely_recall"] = found / len(planted) if planted else 1.0
    out["likely_precision"] = true_clusters / len(likely) if likely else 1.0
    shared = [
        set(n.sourced_ids) for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT
    ]
    hh = [set(c["sourced_ids"]) for c in cases if c["kind"] == "shared-contact"]
    out["shared_recall"] = sum(any(p <= g for g in shared) for p in hh) / len(hh) if hh else 1.0
    strangers = [set(c["sourced_ids"]) for c in cases if c["kind"] == "stranger"]
    out["strangers_flagged"] = sum(any(s <= g for g in likely) for s in strangers)
    return out


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(Path(sys.argv[2]))))
        return
    measure_sizes(__file__, [int(a) for a in sys.argv[1:]] or [10000, 100000], 3)


if __name__ == "__main__":
    main()
