"""How often a likely-same item's advice, once typed, leaves a flagged value behind.

Each case is one person's two to four guardian or staff records, each linked to a child
of its own (a parent typed once per child), each field drawn from values offices and
exports write: the person's values written right, their spellings and slips, and marks
a finding flags (a number typed into a name, a note, a title, a zero-width space, a
garbled name, a name cut off after a hyphen, an address with a typo in its domain, a
desk line, a number written with letters). For every likely-same item (not one of two
people the data cannot tell apart) the script types its fixes and, for each choice, each
option in turn, and counts the items that leave a warning or an error on a field they
typed (findings about a record outside the item, and the one-name forms' empty field,
aside). A value told to be typed that its own finding flags splits the records again, or
is one more thing to fix: session 62 made this zero.

The draws are seeded, so two versions of the code meet the same cases:

    .venv/bin/python benchmarks/measure_typed_advice.py 5000
    PYTHONPATH=OTHER/src .venv/bin/python benchmarks/measure_typed_advice.py 5000

The pool is written here, not sampled from any district: read the counts as "how often
advice on these shapes was wrong", not as a rate.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Sequence

import attrs

from oneroster_identity import Role, RoleAssignment, Roster, User
from oneroster_identity.diagnostics import Severity
from oneroster_identity.match import Choice, NearMiss, NearMissKind, match

POOL: dict[str, tuple[str, ...]] = {
    "role": ("parent", "guardian", "teacher", "aide"),
    "given": (
        "Rosa", "ROSA", "Rosa M.", "Rosie", "R.", "-", "Rosa (Mom)", "Mrs. Rosa", "Rosa 2",
        "Rosa,", "Ros\u00c3\u00a1", "Rosa\u200b", "R\u043esa", "Rosa c/o Juan", "Rosa-",
        "R?sa", "Ma. Rosa", "Rosa\u00a0",
    ),
    "family": (
        "Garcia", "GARCIA", "Garc\u00eda", "Garcia 2", "Garcia,", "Garcia (Grandma)",
        "Garc\u00c3\u00ada", "C/O Lopez", "N/A", "Garcia c/o Lopez", "Garica", "Garcia-",
        "Garcia Family", '="Garcia"', "Mu?oz", "Garcia Jr.", "",
    ),
    "email": (
        "rosag@gmail.com", "", "rosag@gmial.com", "rosag@gmail.com.com", "rosag@gmail.con",
        "rosag@gmail.com (bounced)", "frontoffice@district.org", "Rosa <rosag@gmail.com>",
        "rosa.g@gmail.com", "rosag@yahoo.com",
    ),
    "sms": (
        "6032847142", "603.284.7142 x12", "6032847142.0", "1-800-555-1234", "",
        "603-284-7142 do not text", "(603) 284-7142", "603-284-7143", "603-CALL-NOW",
        "603-284-7142 / 603-284-7143",
    ),
}  # fmt: skip

_ABOUT_OTHER_RECORDS = frozenset(
    {"staff-guardian-name-forms", "staff-guardian-same-name", "staff-name-forms", "staff-same-name"}
)
_ATTRIBUTES = {"givenName": "given_name", "familyName": "family_name"}
_ROLES = {
    "parent": Role.PARENT,
    "guardian": Role.GUARDIAN,
    "teacher": Role.TEACHER,
    "aide": Role.AIDE,
}


def _roster(records: Sequence[dict[str, str]]) -> Roster:
    """The records, each linked to a child of its own (staff records to none)."""
    users: list[User] = []
    for i, r in enumerate(records, 1):
        role = _ROLES[r["role"]]
        staff = role in (Role.TEACHER, Role.AIDE)
        users.append(
            User(
                sourced_id=f"g{i}",
                given_name=r["given"],
                family_name=r["family"],
                email=r["email"],
                sms=r["sms"],
                roles=(RoleAssignment(role=role, role_raw=role.value, org_sourced_id="sch-1"),),
                agent_sourced_ids=() if staff else (f"s{i}",),
            )
        )
        if not staff:
            users.append(
                User(
                    sourced_id=f"s{i}",
                    given_name=("Leo", "Mia", "Sam", "Ava")[i - 1],
                    family_name="Garcia",
                    roles=(
                        RoleAssignment(
                            role=Role.STUDENT, role_raw="student", org_sourced_id="sch-1"
                        ),
                    ),
                    agent_sourced_ids=(f"g{i}",),
                )
            )
    return Roster(users=users)


def _typed(
    roster: Roster, near: NearMiss, picks: dict[str, int]
) -> tuple[Roster, set[tuple[str, str]]]:
    """The roster once the item's fixes are typed and each choice's option ``picks[field]``
    is set on every record of the item, and the fields so typed."""
    by_id = {u.sourced_id: u for u in roster.users}
    typed: set[tuple[str, str]] = set()
    for fix in near.fixes:
        attr = _ATTRIBUTES.get(fix.field, fix.field)
        by_id[fix.sourced_id] = attrs.evolve(by_id[fix.sourced_id], **{attr: fix.suggested})
        if fix.suggested.strip():
            typed.add((fix.sourced_id, fix.field))
    for choice in near.choices:
        chosen = choice.assignments(choice.options[picks[choice.field]])
        for sid in near.sourced_ids:
            by_id[sid] = attrs.evolve(
                by_id[sid], **{_ATTRIBUTES.get(k, k): v for k, v in chosen.items()}
            )
            if not choice.reason.startswith("one name of a person"):
                typed.update((sid, column) for column in chosen)
    return attrs.evolve(roster, users=tuple(by_id.values())), typed


def _flagged(roster: Roster, typed: set[tuple[str, str]]) -> list[str]:
    return [
        f.code
        for f in match(roster).findings
        if (f.sourced_id, f.field) in typed
        and f.severity is not Severity.INFO
        and not f.related
        and f.code not in _ABOUT_OTHER_RECORDS
    ]


def _pick_sets(choices: Sequence[Choice]) -> list[dict[str, int]]:
    """One pick per option of each choice in turn (the others at their first option)."""
    sets = [dict.fromkeys((c.field for c in choices), 0)]
    for c in choices:
        for i in range(1, len(c.options)):
            sets.append({**sets[0], c.field: i})
    return sets


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=int, nargs="?", default=2000)
    parser.add_argument("--seed", type=int, default=62)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    items = wrong = 0
    by_code: Counter[str] = Counter()
    for _ in range(args.cases):
        records = [{k: rng.choice(v) for k, v in POOL.items()} for _ in range(rng.randint(2, 4))]
        roster = _roster(records)
        for near in match(roster).near_misses:
            if near.kind is not NearMissKind.LIKELY_SAME or {
                "different-names",
                "contact-restricted",
            } & set(near.tags):
                continue
            items += 1
            codes = {
                code
                for picks in _pick_sets(near.choices)
                for code in _flagged(*_typed(roster, near, picks))
            }
            if codes:
                wrong += 1
                by_code.update(codes)
    print(f"cases drawn: {args.cases} (seed {args.seed}); likely-same items advised: {items}")
    print(f"items whose advice, typed, leaves a flagged value: {wrong} of {items}")
    for code, n in sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {code}: {n}")


if __name__ == "__main__":
    main()
