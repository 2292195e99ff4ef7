"""Load benchmark: rows/s and peak memory of ``read_roster`` on generated rosters.

    python benchmarks/bench_load.py 10000 100000 1000000

Each size is generated once (cached under $OR_BENCH_CACHE, default /tmp/or-identity-bench)
and measured in a fresh process, so peak memory (max RSS) is the reader's own. The floor is
``csv.DictReader`` iterating the same users.csv in the same process.
"""

from __future__ import annotations

import csv
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import measure_sizes


def measure(target: Path) -> dict[str, float]:
    from oneroster_identity import read_roster

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    with open(target / "users.csv", newline="", encoding="utf-8") as fh:
        rows = sum(1 for _ in csv.DictReader(fh))
    floor = time.perf_counter() - start
    start = time.perf_counter()
    roster = read_roster(target)
    read = time.perf_counter() - start
    assert len(roster.users) + roster.rejected_rows == rows
    return {
        "users": rows,
        "floor_s": floor,
        "read_s": read,
        "rows_per_s": rows / read,
        "ratio_to_floor": read / floor,
        "start_mb": base,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "diagnostics": len(roster.diagnostics),
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(measure(Path(sys.argv[2]))))
        return
    measure_sizes(__file__, [int(a) for a in sys.argv[1:]] or [10000, 100000], 2)


if __name__ == "__main__":
    main()
