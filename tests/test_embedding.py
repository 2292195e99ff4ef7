"""Embedding: a long-running process (a sync service, a notebook) calls ``match()`` many
times with other rosters and policies. Memory must stay flat and every result must equal
what a fresh process computes."""

from __future__ import annotations

import gc
import io
import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

from oneroster_identity import Policy, Roster
from oneroster_identity.io import write_rest_roster
from oneroster_identity.match import match
from oneroster_identity.report import write_json
from oneroster_identity.synthetic import generate_roster

ROSTERS = [generate_roster(households=12, seed=seed, plant_share=0.4).roster for seed in range(25)]


def _policy(i: int) -> Policy:
    """A policy distinct from every other run's (the threshold moves a little each time)."""
    return Policy(
        likely_same_threshold=0.4 + (i % 997) / 10_000,
        staff_guardian=("merge", "separate")[i % 2],
        shared_credentials=("allowed", "unique-required")[i % 3 == 0],
        district_domains=(("k12.example.us",), ())[i % 5 == 0],
        region=("US", "CA")[i % 7 == 0],
    )


def _report(roster: Roster, policy: Policy) -> str:
    out = io.StringIO()
    write_json(match(roster, policy), out, source="embedded", version=roster.version)
    return out.getvalue()


def test_a_thousand_runs_keep_memory_flat_and_results_fresh(tmp_path: Path) -> None:
    runs = 1000
    warm = 200
    tracemalloc.start()
    try:
        for i in range(runs):
            if i == warm:
                gc.collect()
                after_warmup = tracemalloc.get_traced_memory()[0]
            match(ROSTERS[i % len(ROSTERS)], _policy(i))
        gc.collect()
        at_end = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # 800 runs with 800 new policies: a per-run leak of even 1 kB would show as 800 kB
    assert at_end - after_warmup < 256 * 1024, (after_warmup, at_end)

    # the process that ran a thousand checks answers like a fresh one
    checks = [(3, 11), (17, 500), (24, 999)]
    for roster_index, _ in checks:
        write_rest_roster(ROSTERS[roster_index], tmp_path / f"r{roster_index}.json")
    script = (
        "import io, json, sys\n"
        "from oneroster_identity import read_roster\n"
        "from tests.test_embedding import _policy, _report\n"
        "out = {}\n"
        f"for r, p in {checks!r}:\n"
        f"    roster = read_roster(r'{tmp_path}' + f'/r{{r}}.json')\n"
        "    out[f'{r}-{p}'] = _report(roster, _policy(p))\n"
        "print(json.dumps(out))\n"
    )
    fresh = json.loads(
        subprocess.run(
            [sys.executable, "-c", script],
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[1],
        ).stdout
    )
    for roster_index, policy_index in checks:
        from oneroster_identity import read_roster

        roster = read_roster(tmp_path / f"r{roster_index}.json")
        assert _report(roster, _policy(policy_index)) == fresh[f"{roster_index}-{policy_index}"]
