"""Fit the matcher's log-odds weights on labelled generated rosters and print reliability.

    python benchmarks/calibrate.py [USERS] [--fit-seeds 1,2,3] [--test-seed 9] [--sd 0.5]

Every candidate pair the matcher would judge (names related, not a parent and own child) is
a training example: label 1 when both persons hold records of one planted likely-same case,
else 0. Features are the named comparison levels of ``match.pair_levels``; the fit is a
logistic regression (Newton's method) with a Gaussian prior centred on the current
hand-set weights (:data:`HAND_SET`, sd 0.5, ``--sd``), so levels the generator rarely produces keep their hand-set value.
It prints the fitted levels, then a reliability table on a held-out seed for the hand-set and
the fitted weights (the library's defaults are this fit): per confidence bin, the pairs, the mean confidence and the observed rate
of true pairs, plus the expected calibration error (ECE) and precision/recall at 0.5.
"""

from __future__ import annotations

import itertools
import math
import sys
from collections.abc import Sequence

from oneroster_identity.match._engine import effective_policy, judged_pairs
from oneroster_identity.match._group import group_records
from oneroster_identity.match._household import HouseholdIndex
from oneroster_identity.match._records import FactsBuilder
from oneroster_identity.match._weights import Weights
from oneroster_identity.normalize import NameDifference
from oneroster_identity.policy import StaffGuardianPolicy
from oneroster_identity.synthetic import generate_roster

Example = tuple[tuple[str, ...], int]

HAND_SET: dict[str, float] = {
    "prior": -4.5,
    "name:identical": 4.0,
    "name:case-or-spacing": 4.0,
    "name:invisible-characters": 4.0,
    "name:confusable-characters": 4.0,
    "name:garbled-characters": 4.0,
    "name:punctuation": 3.5,
    "name:suffix-written-two-ways": 3.5,
    "name:whole-name-in-one-field": 3.5,
    "name:title-in-name": 3.5,
    "name:note-in-name": 3.5,
    "name:also-in-another-script": 3.5,
    "name:abbreviation": 3.5,
    "name:diacritics": 3.5,
    "name:preferred-name": 3.0,
    "name:nickname": 3.0,
    "name:spelling-variant": 3.0,
    "name:middle-name": 3.0,
    "name:number-in-name": 3.0,
    "name:couple-in-name": 3.0,
    "name:one-name": 3.5,
    "name:compound-surname": 2.5,
    "name:initial": 1.5,
    "name:swapped": 2.5,
    "name:typo": 2.5,
    "name:missing": 0.0,
    "name:different": -6.0,
    "email:identical": 4.0,
    "email:case-or-spacing": 4.0,
    "email:same-mailbox": 4.0,
    "email:same-once-repaired": 4.0,
    "email:domain-typo": 3.5,
    "email:local-part-typo": 2.5,
    "email:other-domain": 1.5,
    "email:missing": 0.0,
    "email:different": -1.5,
    "email:work-vs-personal": -0.5,
    "phone:identical": 3.0,
    "phone:punctuation": 3.0,
    "phone:extension": 2.5,
    "phone:same-once-repaired": 3.0,
    "phone:typo": 2.0,
    "phone:missing": 0.0,
    "phone:different": -1.5,
    "home-phone-equal": 1.0,
    "phone-in-other-column": 4.0,
    "common-name": -1.0,
    "staff-guardian-unique-name": 1.5,
    "unique-name": 1.0,
    "email:formatting": 4.0,
    "phone:formatting": 3.0,
    "household:same-student": 5.0,
    "household:sibling-students": 4.5,
    "household:same-guardian": 2.5,
    "household:guardian-names": 3.0,
    "email:different-in-household": -0.5,
    "phone:different-in-household": -0.3,
    "birth-date:identical": 4.0,
    "birth-date:different": -8.0,
    "birth-date:slip": 0.0,
    "grade:identical": 1.0,
    "grade:different": -2.0,
    "grade:different-born-same-day": 0.0,
    "student-common-name": -5.0,
    "student-name-form": 0.5,
    "identifier:identical": 6.5,
    "typo-two-names": -2.5,
}
"""The hand-set weights (version 0.1 defaults): the prior mean of the fit."""


def examples(users: int, seed: int) -> list[Example]:
    """(levels, label) of every judged candidate pair of one generated roster: the matcher's
    own verdicts (``match._engine.judged_pairs``), less the pairs it never flags whatever
    the weights (names different, a parent and own child, staff/guardian kept apart)."""
    gen = generate_roster(households=max(1, round(users / 3.6)), seed=seed)
    roster = gen.roster
    policy = effective_policy(roster, None)[0]
    build = FactsBuilder(policy)
    facts = [build(u) for u in roster.users if u.is_active]
    persons = group_records(facts)
    index = {sid: i for i, p in enumerate(persons) for sid in p.sourced_ids}
    by_id = {f.sourced_id: f for f in facts}
    reps = [by_id[p.sourced_ids[0]] for p in persons]
    case_of: dict[int, set[int]] = {}
    for n, case in enumerate(c for c in gen.cases if c.kind == "likely-same"):
        for sid in case.sourced_ids:
            if sid in index:
                case_of.setdefault(index[sid], set()).add(n)
    out: list[Example] = []
    homes = HouseholdIndex(roster, {f.sourced_id: f.name_key for f in facts})
    verdicts = judged_pairs(persons, reps, homes, policy, Weights())
    for v in verdicts:
        if v.name.kind is NameDifference.DIFFERENT or v.parent_child:
            continue
        if v.staff_guardian and policy.staff_guardian is StaffGuardianPolicy.SEPARATE:
            continue
        label = int(bool(case_of.get(v.a, set()) & case_of.get(v.b, set())))
        out.append((v.levels, label))
    return out


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the Hessian is small and dense)."""
    n = len(vector)
    m = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col]:
                factor = m[r][col] / m[col][col]
                m[r] = [v - factor * p for v, p in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


PINNED = frozenset({"email:missing", "phone:missing", "name:missing", "name:identical"})
"""Levels kept at their hand-set value. A missing value says nothing about identity (0, by
definition). An identical name must weigh at least as much as any name variant; among
blocked candidate pairs, identical names are mostly common-name strangers (that is how
blocking selects them), so a free fit would rank an identical name below a nickname."""

SAME_AS_IDENTICAL = {
    "email:case-or-spacing": "email:identical",
    "email:formatting": "email:identical",
    "email:same-once-repaired": "email:identical",
    "email:same-mailbox": "email:identical",
    "email:domain-typo": "email:identical",
    "phone:punctuation": "phone:identical",
    "phone:formatting": "phone:identical",
    "phone:same-once-repaired": "phone:identical",
    "name:case-or-spacing": "name:identical",
}
"""A formatting-only difference is the same mailbox, number or name: it weighs what the
identical value weighs, whatever the generator's formatting habits taught the fit. A value
once repaired is one too (since session 67): its repair is the other record's value
character for character, only wrapped (``Rosa <rosag@gmail.com>``, ``mailto:``, a
spreadsheet's ``6032847142.0``), so it says what the value says. Fitted apart, an email
repaired weighed 4.07 beside an identical one's 6.45, and a parent's display-named address
beside her bare one, with two mobiles, was no item at all. One mailbox written two ways
(Gmail's dots or its other domain, a ``+tag``, ``me.com`` for ``icloud.com``) is one
mailbox, as formatting is: it weighed 4.07, the prior's value (the generator's pairs
barely move it). So is one mailbox with a typo in its domain (since session 68): the same
name at a known provider's domain a key or two off (``rosag@gmial.com``), which the
address's own finding mends; it weighed 3.85, near its prior, and `R. Smith` on
`rsmith@hotmial.com` beside `Robert Smith` on `rsmith@hotmail.com` was no item, while
the same pair on one written address was one (0.905)."""

ORDER = {
    "name": ["identical", "punctuation", "diacritics", "typo", "initial", "missing", "different"],
    "email": [
        "identical",
        "same-mailbox",
        "domain-typo",
        "local-part-typo",
        "missing",
        "different",
    ],
    "phone": ["identical", "extension", "typo", "missing", "different"],
}
"""Chains that must stay ordered (identical >= benign >= typo >= missing >= different)."""


def constrain(levels: dict[str, float]) -> dict[str, float]:
    """The fitted levels with :data:`SAME_AS_IDENTICAL` tied and every :data:`ORDER` chain
    made non-increasing (a level above its predecessor is lowered to it)."""
    out = dict(levels)
    for level, like in SAME_AS_IDENTICAL.items():
        out[level] = out[like]
    for field, chain in ORDER.items():
        for before, after in itertools.pairwise(chain):
            a, b = f"{field}:{before}", f"{field}:{after}"
            out[b] = min(out[b], out[a])
    for level in out:
        if level.endswith((":different", ":different-in-household")):
            # A differing value is never evidence *for* one person. Inside a household the
            # generator's only similar-name pairs are planted duplicates, so a free fit
            # makes a differing email there positive: an artefact, not evidence.
            out[level] = min(out[level], 0.0)
    return out


def fit(data: Sequence[Example], prior: dict[str, float], sd: float = 0.5) -> dict[str, float]:
    """MAP logistic regression over one-hot levels, Gaussian prior around ``prior``;
    :data:`PINNED` levels are not fitted."""
    names = sorted(n for n in prior if n not in PINNED)
    fixed = {n: v for n, v in prior.items() if n in PINNED}
    at = {n: i for i, n in enumerate(names)}
    w = [prior[n] for n in names]
    rows = [
        ([at[lv] for lv in levels if lv in at], sum(fixed.get(lv, 0.0) for lv in levels), label)
        for levels, label in data
    ]
    for _ in range(25):
        grad = [(w[i] - prior[names[i]]) / sd**2 for i in range(len(names))]
        hess = [[0.0] * len(names) for _ in names]
        for i in range(len(names)):
            hess[i][i] = 1.0 / sd**2
        for active, offset, label in rows:
            p = _sigmoid(offset + sum(w[i] for i in active))
            for i in active:
                grad[i] += p - label
                for j in active:
                    hess[i][j] += p * (1 - p)
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return {**fixed, **{n: round(w[i], 2) for i, n in enumerate(names)}}


def reliability(data: Sequence[Example], weights: Weights, label: str) -> None:
    bins: list[list[tuple[float, int]]] = [[] for _ in range(10)]
    scored = []
    for levels, y in data:
        c = _sigmoid(weights.score(levels))
        scored.append((c, y))
        bins[min(9, int(c * 10))].append((c, y))
    ece = sum(
        len(b) / len(scored) * abs(sum(c for c, _ in b) / len(b) - sum(y for _, y in b) / len(b))
        for b in bins
        if b
    )
    flagged = [y for c, y in scored if c >= 0.5]
    positives = sum(y for _, y in scored)
    precision = sum(flagged) / len(flagged) if flagged else 1.0
    recall = sum(flagged) / positives if positives else 1.0
    print(
        f"\n{label}: {len(scored)} pairs, {positives} true; ECE {ece:.3f}; "
        f"pair precision {precision:.3f} recall {recall:.3f} at confidence >= 0.5"
    )
    print("  bin        pairs  mean conf  observed")
    for i, b in enumerate(bins):
        if b:
            mean = sum(c for c, _ in b) / len(b)
            rate = sum(y for _, y in b) / len(b)
            print(f"  {i / 10:.1f}-{(i + 1) / 10:.1f}  {len(b):7d}  {mean:9.3f}  {rate:8.3f}")


def main() -> None:
    args = sys.argv[1:]
    users = int(args[0]) if args and args[0].isdigit() else 30000
    fit_seeds = [1, 2, 3]
    test_seed = 9
    if "--fit-seeds" in args:
        fit_seeds = [int(s) for s in args[args.index("--fit-seeds") + 1].split(",")]
    if "--test-seed" in args:
        test_seed = int(args[args.index("--test-seed") + 1])
    sd = float(args[args.index("--sd") + 1]) if "--sd" in args else 0.5
    current = Weights()
    train = [e for seed in fit_seeds for e in examples(users, seed)]
    test = examples(users, test_seed)
    fitted = constrain(fit(train, HAND_SET, sd))
    print(
        f"fitted on seeds {fit_seeds} ({len(train)} pairs, {sum(y for _, y in train)} true), "
        f"{users} users each"
    )
    print(f"  {'level':32s} {'hand-set':>8s} {'fitted':>8s} {'default':>8s}")
    for name, value in current.levels().items():
        print(f"  {name:32s} {HAND_SET[name]:8.2f} {fitted[name]:8.2f} {value:8.2f}")
    reliability(test, Weights.from_levels(HAND_SET), f"hand-set weights, held-out seed {test_seed}")
    reliability(test, Weights.from_levels(fitted), f"fitted weights, held-out seed {test_seed}")
    if fitted != current.levels():
        reliability(test, current, f"library default weights, held-out seed {test_seed}")
    if fitted != current.levels():
        print(
            "\nnote: the library defaults differ from this fit; paste the fitted column into Weights"
        )


if __name__ == "__main__":
    main()
