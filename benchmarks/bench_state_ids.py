"""State IDs as evidence: one generated roster checked without and with a state ID
(``userMasterIdentifier``) on every student, side by side, and with the column holding
each family's number instead (which must be noticed and never read as evidence).

    python benchmarks/bench_state_ids.py 100000 [--seed 42]

The roster with IDs is the same roster (``synthetic.with_state_ids``): a student entered
twice keeps its ID on the second record 80% of the time (half of those written without
their leading zeros), and 20% of planted twins carry one copied ID (two children, one
ID). Printed for each form: recall and precision of the planted students entered twice,
how many of their items ask the families first (``guardians-apart``), strangers joined,
the twins with a copied ID that were joined (must be 0) and that a ``shared-identifier``
finding names, and the time of the check.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import quality
from oneroster_identity.match import MatchResult, NearMissKind, match
from oneroster_identity.synthetic import GeneratedRoster, generate_roster, with_state_ids


def _figures(gen: GeneratedRoster) -> dict[str, float]:
    start = time.perf_counter()
    result: MatchResult = match(gen.roster)
    seconds = time.perf_counter() - start
    cases = [
        {"kind": c.kind, "variant": c.variant, "sourced_ids": list(c.sourced_ids)}
        for c in gen.cases
    ]
    q = quality(result, cases)
    copied = [set(c.sourced_ids) for c in gen.cases if c.variant == "twin-copied-id"]
    likely = [set(n.sourced_ids) for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    named = [{f.sourced_id, *f.related} for f in result.findings if f.code == "shared-identifier"]
    twice = [
        n
        for n in result.near_misses
        if n.kind is NearMissKind.LIKELY_SAME and "student-entered-twice" in n.tags
    ]
    return {
        "recall[student-entered-twice]": q.get("recall[student-entered-twice]", 1.0),
        "planted[student-entered-twice]": q.get("planted[student-entered-twice]", 0),
        "precision[student-entered-twice]": q["precision[student-entered-twice]"],
        "flagged[student-entered-twice]": q["flagged[student-entered-twice]"],
        "guardians_apart": sum("guardians-apart" in n.tags for n in twice),
        "likely_recall": q["likely_recall"],
        "likely_precision": q["likely_precision"],
        "strangers_flagged": q["strangers_flagged"],
        "strangers": q["strangers"],
        "twins_copied_id": len(copied),
        "twins_copied_id_joined": sum(any(c <= g for g in likely) for c in copied),
        "twins_copied_id_found": sum(any(c <= s for s in named) for c in copied),
        "shared_identifier_findings": len(named),
        "identifier_not_personal": sum(
            f.code == "identifier-not-personal" for f in result.findings
        ),
        "check_s": round(seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("users", type=int, nargs="?", default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    gen = generate_roster(households=max(1, round(args.users / 3.6)), seed=args.seed)
    rows = {
        "users": len(gen.roster.users),
        "without IDs": _figures(gen),
        "with state IDs": _figures(with_state_ids(gen, seed=args.seed)),
        "with family numbers": _figures(with_state_ids(gen, seed=args.seed, family_numbers=True)),
    }
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
