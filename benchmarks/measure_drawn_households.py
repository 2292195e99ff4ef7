"""Households of close names drawn with their truth kept: does the fix list join two people?

The generator's pairs are one person typed twice; a real family holds several people
whose names and contacts are close: `Juan` and `Juana`, `Maria` and `Mario`, `Teresa`
and `Terry`, a parent typed once per child with an initial, a title, a number or a
stand-in, on the family's address or their own, wrapped by a mail program or a
spreadsheet, slipped, aliased (Gmail's dots, `+kids`), or with a labelled number. Each
draw is one such family of one to three adults (a staff record now and then), and the
script keeps which adult each record is. It types the fix list's ``set`` rows
(``check_fix_list``) and counts:

- **joined apart**, **flagged**, **refused**: ``check_fix_list``'s own guards (records
  the rows join that the check kept as different people, typed values a finding flags,
  a list that contradicts itself); these should be 0;
- **joined against the truth**: persons of the typed roster that hold records of two
  drawn adults, and of those the items that joined them with fixes alone and no doubt
  ("probably one person", no choice). These need not be 0: a draw may give two adults
  one number, or an initial record the family's address and one adult's number, and the
  data then point to the adult joined. Read the examples (``--show``) to tell such a
  draw from advice the data could have got right; session 67 found five faults so.

``--linked`` links each adult's records to the family's children (spouses on one
child), where household evidence adds to the names and contacts. ``--pool`` says whose
family is drawn: ``close`` (the default: close given names), ``generations`` (a father,
son and grandfather of one name with or without a suffix, a mother and grandmother of
one name), ``blended`` (step-parents: one given name under two family names) or
``staff`` (the close names, staff records four times as often, half of them on the
adult's own or family's address and number). ``--demographics`` gives the adults' records
a stated sex (`male`/`female` or `M`/`F`; none on one record in five, the other sex on one
in fifty), drawn after the rest, so each family is the one drawn without it.
``--placeholders`` is a district that types a stand-in where a value is missing (since
session 70): an empty email becomes the district's ``noemail@k12.nh.us`` (or
``none@none.com``) on four records in five, an empty SMS number the fictional
``603-555-0100`` on one in three; the app reads these as credentials, so adults of one
name without an address of their own now share one. Drawn after the rest too. The
draws are seeded: the same arguments print the same figures.

    .venv/bin/python benchmarks/measure_drawn_households.py 2000
    .venv/bin/python benchmarks/measure_drawn_households.py 2000 --linked --show 5
    .venv/bin/python benchmarks/measure_drawn_households.py 2000 --pool generations
    .venv/bin/python benchmarks/measure_drawn_households.py 2000 --demographics
    .venv/bin/python benchmarks/measure_drawn_households.py 2000 --placeholders
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence

import attrs

from oneroster_identity import (
    Policy,
    Role,
    RoleAssignment,
    Roster,
    User,
    apply_fixes,
    check_fix_list,
    decided_fixes,
)
from oneroster_identity.match import NearMissKind, match

ADULTS = (
    ("Maria", "Garcia"), ("Mario", "Garcia"), ("Marie", "Garcia"), ("Juan", "Garcia"),
    ("Juana", "Garcia"), ("Jose", "Garcia"), ("Josefina", "Garcia"), ("Teresa", "Garcia"),
    ("Terry", "Garcia"), ("Maria", "Garcia Lopez"), ("Ana", "Garcia"), ("Anna", "Garcia"),
    ("Luis", "Garcia"), ("Luisa", "Garcia"),
)  # fmt: skip
"""Adults of one family, close in name: a man's and a woman's form, a short form, two
spellings, one name with one family name or two."""

GENERATIONS = (
    ("Jose", "Garcia"), ("Jose", "Garcia Jr."), ("Jose", "Garcia Sr."), ("Jose", "Garcia III"),
    ("Maria", "Garcia"), ("Maria", "Garcia"), ("Maria", "Garcia Lopez"), ("Luis", "Garcia"),
)  # fmt: skip
"""A family of generations: a father, son and grandfather of one name with or without a
suffix, and a mother and grandmother both `Maria Garcia` (two entries of one name, two
people: the data hold nothing that tells them apart but their contacts)."""

BLENDED = (
    ("Maria", "Garcia"), ("Maria", "Lopez"), ("Mario", "Lopez"), ("Mario", "Garcia"),
    ("Ana", "Lopez"), ("Ana", "Garcia"), ("Luis", "Garcia Lopez"), ("Luisa", "Lopez"),
)  # fmt: skip
"""A blended family: step-parents and a mother's new family name, so two adults share a
given name with another family name, and one family name with another given name."""

WOMEN = frozenset({"Maria", "Marie", "Juana", "Josefina", "Teresa", "Ana", "Anna", "Luisa"})
"""The pools' given names of women (``--demographics``); ``Terry`` is either, drawn."""

POOLS = {"close": ADULTS, "generations": GENERATIONS, "blended": BLENDED, "staff": ADULTS}
"""The pools by name. ``staff`` draws the close names with staff records four times as
often, on a district address, the office's, or the adult's own or family's address with
their number (a small district's HR record typed from the family form)."""

DISTRICT = Policy(district_domains=("k12.nh.us",))


@attrs.frozen
class Draw:
    """One drawn family: its roster and whose each adult record is (an index of
    ``adults``)."""

    adults: tuple[tuple[str, str], ...]
    roster: Roster
    owner: dict[str, int]

    def two_adults(self, ids: Sequence[str]) -> bool:
        """Whether records ``ids`` are of two drawn adults or more."""
        return len({self.owner[sid] for sid in ids if sid in self.owner}) > 1


def _role(role: Role) -> tuple[RoleAssignment, ...]:
    return (RoleAssignment(role=role, role_raw=role.value, org_sourced_id="s1"),)


def _name(given: str, family: str, rnd: random.Random) -> tuple[str, str]:
    """The adult's name as one record writes it."""
    return rnd.choice(
        [
            (given, family), (given, family), (given.upper(), family),
            (given, family.replace("Garcia", "Garc\u00eda")), (f"{given} 2", family),
            (f"Mrs. {given}", family), (f"{given[0]}.", family), (given, "N/A"),
            (f"{given}\u200b", family), (given, family.replace("Garcia", "Garcia  Lopez")),
            (f"{given}  Maria", family),
        ]
    )  # fmt: skip


def _email(local: str, rnd: random.Random) -> str:
    """The adult's address (or the family's) as one record writes it."""
    plain = f"{local}@gmail.com"
    return rnd.choice(
        [
            plain, plain, plain, f"{local.title()} <{plain}>", f"mailto:{plain}",
            f"{local}@googlemail.com", f"{local}+kids@gmail.com", f"{local}@gmial.com",
            "", f"'{plain}", "garciafam@gmail.com",
        ]
    )  # fmt: skip


def _sms(number: str, rnd: random.Random) -> str:
    """The adult's number (or a shared one) as one record writes it."""
    return rnd.choice(
        [
            number, number, f"{number}.0", f"({number[:3]}) {number[3:6]}-{number[6:]}",
            "", "6035550000", f"{number} (cell)", "garciafam@gmail.com",
        ]
    )  # fmt: skip


def _stated(sex: str, rnd: random.Random) -> str:
    """The adult's sex as one record's demographics row writes it (``--demographics``):
    none now and then (no row), the other sex once in fifty (a slip), `male`/`female` or
    the `M`/`F` many exports write."""
    if rnd.random() < 0.2:
        return ""
    if rnd.random() < 0.02:
        sex = "m" if sex == "f" else "f"
    return rnd.choice([{"f": "female", "m": "male"}[sex], sex.upper()])


def _stand_ins(user: User, rnd: random.Random) -> User:
    """The record as a district typing stand-ins for missing values writes it
    (``--placeholders``)."""
    email, sms = user.email, user.sms
    if not email.strip() and rnd.random() < 0.8:
        email = rnd.choice(["noemail@k12.nh.us", "noemail@k12.nh.us", "none@none.com"])
    if not sms.strip() and rnd.random() < 1 / 3:
        sms = "603-555-0100"
    return attrs.evolve(user, email=email, sms=sms)


def draw(
    seed: int,
    *,
    linked: bool = False,
    pool: str = "close",
    demographics: bool = False,
    placeholders: bool = False,
) -> Draw:
    """One family of one to three adults of ``pool``, each typed one to three times
    (with ``demographics``, each record's stated sex too, and with ``placeholders`` the
    district's stand-ins for missing values, drawn after the rest so the family is the
    one drawn without them)."""
    rnd = random.Random(seed)
    adults = tuple(rnd.sample(POOLS[pool], rnd.randint(1, 3)))
    users: list[User] = []
    owner: dict[str, int] = {}
    children: dict[str, list[str]] = {}
    n = 0
    for a, (given, family) in enumerate(adults):
        local = rnd.choice([f"{given.lower()}.g", "garciafam", f"{given.lower()}{a}"])
        number = rnd.choice(["6032847142", "6032847199", f"60328471{a}{a}"])
        for k in range(rnd.randint(1, 3)):
            n += 1
            g, f = _name(given, family, rnd)
            if rnd.random() < (0.4 if pool == "staff" else 0.1):
                sid = f"t{n}"
                district = [f"{given[0].lower()}{a}garcia@k12.nh.us", "frontoffice@k12.nh.us"]
                personal = pool == "staff" and rnd.random() < 0.5
                email = _email(local, rnd) if personal else rnd.choice(district)
                users.append(
                    User(sourced_id=sid, given_name=g, family_name=f, email=email,
                         sms=_sms(number, rnd) if personal else "", roles=_role(Role.TEACHER))
                )  # fmt: skip
            else:
                sid, child = f"g{n}", f"s{k}" if linked else f"s{n}"
                users.append(
                    User(sourced_id=sid, given_name=g, family_name=f, email=_email(local, rnd),
                         sms=_sms(number, rnd), roles=_role(Role.PARENT),
                         agent_sourced_ids=(child,))
                )  # fmt: skip
                children.setdefault(child, []).append(sid)
            owner[sid] = a
    if demographics:
        sexes = [
            "f" if given in WOMEN else rnd.choice("fm") if given == "Terry" else "m"
            for given, _ in adults
        ]
        users = [attrs.evolve(u, sex=_stated(sexes[owner[u.sourced_id]], rnd)) for u in users]
    if placeholders:
        users = [_stand_ins(u, rnd) for u in users]
    for child, guardians in sorted(children.items()):
        users.append(
            User(sourced_id=child, given_name=f"Kid{child}", family_name="Garcia",
                 roles=_role(Role.STUDENT), agent_sourced_ids=tuple(guardians))
        )  # fmt: skip
    return Draw(adults, Roster(users=users), owner)


@attrs.define
class Counts:
    """What :func:`measure` counts over the draws (see the module doc)."""

    draws: int = 0
    unexpected: int = 0
    flagged: int = 0
    refused: int = 0
    joined: int = 0
    fix_only: int = 0
    examples: list[str] = attrs.field(factory=list)


def measure(
    draws: int,
    *,
    seed: int,
    linked: bool,
    show: int,
    pool: str = "close",
    demographics: bool = False,
    placeholders: bool = False,
) -> Counts:
    counts = Counts()
    for s in range(seed, seed + draws):
        family = draw(
            s, linked=linked, pool=pool, demographics=demographics, placeholders=placeholders
        )
        result = match(family.roster, DISTRICT)
        outcome = check_fix_list(family.roster, result)
        counts.draws += 1
        counts.unexpected += len(outcome.unexpected)
        counts.flagged += len(outcome.flagged)
        counts.refused += bool(outcome.refused)
        if outcome.refused:
            continue
        # (check_fix_list keeps no result of its second check: the truth is read off a
        # check of the typed roster of this script's own)
        typed = match(apply_fixes(family.roster, decided_fixes(result)), result.policy)
        apart = [p.sourced_ids for p in typed.persons if family.two_adults(p.sourced_ids)]
        blind = [
            n
            for n in result.near_misses
            if n.kind is NearMissKind.LIKELY_SAME
            and n.fixes
            and not n.choices
            # (no doubt: every `maybe-` tag asks the family first)
            and not any(tag.startswith("maybe-") for tag in n.tags)
            and family.two_adults(n.sourced_ids)
        ]
        counts.joined += len(apart)
        counts.fix_only += len(blind)
        if (apart or blind) and len(counts.examples) < show:
            lines = [f"draw {s}: {', '.join(' '.join(a) for a in family.adults)}"]
            lines += [
                f"    {u.sourced_id} (adult {family.owner[u.sourced_id]}): {u.given_name!r} / "
                f"{u.family_name!r}, {u.email!r}, {u.sms!r}"
                for u in family.roster.users
                if u.sourced_id in family.owner
            ]
            lines += [f"    joined: {', '.join(ids)}" for ids in apart]
            counts.examples.append("\n".join(lines))
    return counts


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draws", nargs="?", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=67, help="the first draw's seed")
    parser.add_argument(
        "--linked", action="store_true", help="link adults to one family's children"
    )
    parser.add_argument(
        "--show", type=int, default=0, help="print this many joins against the truth"
    )
    parser.add_argument(
        "--pool", choices=sorted(POOLS), default="close", help="whose family is drawn"
    )
    parser.add_argument(
        "--demographics",
        action="store_true",
        help="give the adults' records a demographics sex (now and then none, or a slip)",
    )
    parser.add_argument(
        "--placeholders",
        action="store_true",
        help="a district typing stand-ins (noemail@, a fictional number) for missing values",
    )
    args = parser.parse_args(argv)
    c = measure(
        args.draws,
        seed=args.seed,
        linked=args.linked,
        show=args.show,
        pool=args.pool,
        demographics=args.demographics,
        placeholders=args.placeholders,
    )
    print(f"families drawn: {c.draws} (seeds {args.seed}-{args.seed + c.draws - 1}, "
          f"pool {args.pool}{', adults linked to the children' if args.linked else ''}"
          f"{', with demographics' if args.demographics else ''}"
          f"{', with stand-ins for missing values' if args.placeholders else ''})")  # fmt: skip
    print(f"records joined apart by the fix list: {c.unexpected}")
    print(f"typed values that draw a finding: {c.flagged}")
    print(f"fix lists refused: {c.refused}")
    print(f"persons holding two drawn adults once typed: {c.joined}; "
          f"of the items, fixes alone with no doubt: {c.fix_only}")  # fmt: skip
    for example in c.examples:
        print(example)


if __name__ == "__main__":
    main()
