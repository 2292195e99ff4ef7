"""Wall-clock time and peak memory of each stage of one check, without a profiler.

    python benchmarks/profile_stages.py [USERS ...]

cProfile doubles run times and inflates small functions, so it misjudges where a 1M run
spends its time; this script times the stages of ``match()`` as they run, on the cached
generated roster of each size, in a fresh process per size (peak RSS is the run's own).
It mirrors ``oneroster_identity.match._engine._match`` step by step (with the cyclic GC
paused as ``match()`` pauses it) and checks that its persons, near-misses and findings equal
``match()``'s, so the mirror cannot drift unnoticed.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import fresh_process, roster_dir

STAGES = (
    "read",
    "facts",
    "group",
    "household",
    "pairs",
    "staff-guardian",
    "near-misses",
    "findings",
    "report",
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(users: int) -> dict[str, object]:
    from oneroster_identity import read_roster
    from oneroster_identity._gc import paused_gc
    from oneroster_identity.match import Finding
    from oneroster_identity.match import _engine as e
    from oneroster_identity.policy import SharedCredentials
    from oneroster_identity.report import write_json

    target = roster_dir(users)
    times: dict[str, float] = {}
    peaks: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        times[stage], clock[0] = now - clock[0], now
        peaks[stage] = _peak_mb()

    roster = read_roster(target)
    lap("read")
    (policy, inferred), weights = e.effective_policy(roster, None), e.DEFAULT_WEIGHTS
    with paused_gc():
        builder = e.FactsBuilder(policy)
        facts = builder.of_active(roster.users)
        births = e.check_birth_dates(facts, roster.users, policy)
        links = e.FamilyLinks.of(roster, policy.max_students_per_guardian)
        foreign = e.settle_moved_addresses(
            facts,
            builder.moved,
            policy,
            lambda sid: (*links.guardians_of.get(sid, ()), *links.students_of.get(sid, ())),
        )
        del builder
        lap("facts")
        persons = e.group_records(list(facts.values()))
        reps = persons.representatives(facts)
        lap("group")
        homes = e.HouseholdIndex(links, e.NameKeys(facts))
        identifiers = (
            e.IdentifierIndex.of(roster.users, facts, policy)
            if policy.identifier_evidence
            else e.IdentifierIndex({}, frozenset())
        )
        person_of = e._person_index(persons, identifiers.holders) if identifiers.groups else {}
        lap("household")
        edges, kept_apart, name_only, staff_twice = [], [], [], []
        name_keys = list(map(e._NAME_KEY, reps))
        name_counts = e.common_name_counts(name_keys)
        holders = e.CredentialHolders.of(reps)
        lines = e.contact_lines(holders, persons, reps, homes)
        for v in e.judged_pairs(
            persons,
            reps,
            homes,
            policy,
            weights,
            shared_identifiers=identifiers.person_pairs(person_of.get),
            name_counts=name_counts,
            lines=lines,
        ):
            if v.likely_same:
                edges.append(v)
            elif v.kept_apart:
                kept_apart.append((v.a, v.b))
            elif e.name_only_pair(v):
                name_only.append(v)
            elif e.staff_name_only_pair(v, persons):
                staff_twice.append(v)
        grouped = e.cluster_edges(edges, reps, policy)
        clusters, edges = grouped.union, grouped.edges
        lap("pairs")
        same_name = e.staff_guardian_name_only(
            persons,
            reps,
            pairs=name_only,
            edges=edges,
            cluster_of=clusters.find,
            name_counts=name_counts,
            policy=policy,
            roster=roster,
            facts=facts,
            students_of=links.students_of,
            lines=lines,
        )
        same_name += e.staff_name_forms(
            persons,
            reps,
            cluster_of=clusters.find,
            policy=policy,
            skip={f.sourced_id for f in same_name if f.sourced_id is not None},
            common=name_counts,
            names=name_keys,
            roster=roster,
            facts=facts,
            students_of=links.students_of,
            lines=lines,
        )
        same_name += e.staff_same_name(
            persons,
            reps,
            pairs=staff_twice,
            cluster_of=clusters.find,
            policy=policy,
            roster=roster,
            facts=facts,
            lines=lines,
        )
        lap("staff-guardian")
        near = e.likely_same_items(
            persons,
            reps,
            facts,
            edges,
            clusters,
            roster,
            grouped.ambiguous,
            policy=policy,
            holders=holders,
            links=links,
            dateless=births.dateless(),
        )
        near += e.shared_contact_items(
            persons,
            reps,
            holders,
            clusters,
            homes,
            kept_apart,
            joined_homes=e.joined_households(near, homes),
        )
        lap("near-misses")
        findings: list[Finding] = [inferred] if inferred is not None else []
        findings += same_name
        if identifiers.groups:
            findings += e._identifier_findings(
                identifiers, person_of, near, facts, links.guardians_of
            )
        skipped, not_created = e.unique_credential_findings(
            persons,
            reps,
            holders,
            explain=policy.shared_credentials is SharedCredentials.UNIQUE_REQUIRED,
        )
        if policy.shared_credentials is SharedCredentials.UNIQUE_REQUIRED:
            persons = persons.not_created(skipped)
            findings += not_created
        numbers_elsewhere = e.numbers_held_elsewhere(facts, policy)
        for f in facts.values():
            findings.extend(e.record_findings(f, policy, foreign, numbers_elsewhere))
        personal = policy.identifier_evidence and not identifiers.not_personal
        for p in persons.select(e.may_have_person_findings):
            findings.extend(
                e.person_findings(
                    p, policy, facts, roster.students_of, identifiers_personal=personal
                )
            )
        findings.extend(e.roster_findings(roster, facts, policy))
        findings.extend(e.hub_findings(links.hubs, facts))
        findings.extend(births.findings())
        findings.extend(e.student_address_findings(facts))
        findings = e.in_the_fixes_writing(findings, near, policy)
        lap("findings")
    del facts, reps, homes, edges, holders, identifiers, person_of, grouped, clusters
    mirrored = (
        len(persons),
        sorted(n.id for n in near),
        tuple(sorted(findings, key=Finding.sort_key)),
    )
    del persons, near, findings
    clock[0] = time.perf_counter()
    result = e.match(roster)
    match_s = time.perf_counter() - clock[0]
    got = (len(result.persons), sorted(n.id for n in result.near_misses), result.findings)
    if got != mirrored:
        raise SystemExit("profile_stages.py no longer mirrors match(): update it")
    clock[0] = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_json(result, sink)
    lap("report")
    return {"users": len(roster.users), "times": times, "peaks": peaks, "match_s": match_s}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [100000, 1000000]
    rows = []
    for users in sizes:
        roster_dir(users)  # generated outside the measured process
        rows.append(fresh_process(__file__, str(users)))
    print(f"{'stage':15s}" + "".join(f"{r['users']:>22,}" for r in rows))
    for stage in STAGES:
        cells = "".join(f"{r['times'][stage]:>9.2f} s {r['peaks'][stage]:>6,.0f} MB" for r in rows)
        print(f"{stage:15s}{cells}")
    print(
        f"{'total':15s}" + "".join(f"{sum(r['times'].values()):>9.2f} s" + " " * 10 for r in rows)
    )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(
            "growth "
            + ", ".join(f"{s} {last['times'][s] / first['times'][s]:.1f}x" for s in STAGES)
        )
        total = sum(last["times"].values()) / sum(first["times"].values())
        print(f"growth total {total:.1f}x for {last['users'] / first['users']:.1f}x the users")


if __name__ == "__main__":
    main()
