"""Profile the whole pipeline on a generated roster and print the top functions.

    python benchmarks/profile_pipeline.py [USERS] [N]

Runs read, match and the JSON report (to /dev/null) under cProfile on the cached roster of
about USERS users (default 1000000) and prints the N (default 25) functions with the most
own time, then the N with the most cumulative time. cProfile roughly doubles run times; the
ranking, not the seconds, is the point.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import roster_dir
from oneroster_identity import read_roster
from oneroster_identity.match import match
from oneroster_identity.report import write_json


def pipeline(target: Path) -> None:
    roster = read_roster(target)
    result = match(roster)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_json(result, sink)


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    target = roster_dir(users)
    profile = cProfile.Profile()
    profile.runcall(pipeline, target)
    stats = pstats.Stats(profile)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


if __name__ == "__main__":
    main()
