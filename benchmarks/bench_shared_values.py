"""Rosters where one value sits on many records: the worst cases of a check's cost.

A district types the school office's address or number on every family that gave none,
puts one name on hundreds of records of a per-child export, or links hundreds of
children to one record. The generator spreads values evenly and never does this; real
exports do. Each shape below is written at each size given, checked through the library
(``read_roster`` then ``match``), and its time, peak memory (``tracemalloc``), persons,
items and candidate pairs are printed. A cost that grows with the square of the records
sharing one value shows as a time that grows ~4x when the size doubles.

    python benchmarks/bench_shared_values.py 2000 10000

Before session 43, ``office-address-and-number`` took 121 s and 1.2 GB at 5,000 records
(each guardian's ``guardian-not-created`` finding listed every other holder, built even
under the default policy) and ``one-name-on-one-address`` 40 s at 2,000 (a narrowed name
block paired every holder of one address). Before session 44,
``namesakes-on-the-office-number`` gave one likely-same item per pair of namesakes (the
office number read as theirs); it gives none now.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

from oneroster_identity import (
    Org,
    Role,
    RoleAssignment,
    Roster,
    User,
    read_roster,
    write_csv_roster,
)
from oneroster_identity.match import NearMissKind, _blocking, _engine, match

GIVEN = ("Ana", "Maria", "Jose", "Luis", "Lan", "Minh", "John", "Mary", "Chris", "Sam")


def _user(sid: str, role: Role, given: str, family: str, **values: object) -> User:
    return User(
        sourced_id=sid,
        given_name=given,
        family_name=family,
        roles=(RoleAssignment(role=role, role_raw=role.value, org_sourced_id="o1"),),
        **values,  # type: ignore[arg-type]
    )


def _family(i: int) -> str:
    return "".join(chr(65 + (i // 26**k) % 26) for k in range(4)).title()


def _parent(i: int, **values: object) -> User:
    return _user(f"u{i}", Role.PARENT, GIVEN[i % 10], _family(i), **values)


def _office_address_and_number(n: int) -> Iterator[User]:
    for i in range(n):
        yield _parent(i, email="office@school.org", sms="6175552368")


def _one_name_on_one_address(n: int) -> Iterator[User]:
    for i in range(n):
        given = ("Robert", "Bob", "Rob", "Bobby")[i % 4]
        yield _user(
            f"u{i}", Role.PARENT, given, "Smith", email="bob@gmail.com", sms=f"617555{i:04d}"
        )


def _office_address_in_the_phone_column(n: int) -> Iterator[User]:
    yield _user("o", Role.TEACHER, "Office", "School", email="office@school.org")
    for i in range(n):
        yield _parent(i, email=f"p{i}@gmail.com", sms="office@school.org")


def _one_name_everywhere(n: int) -> Iterator[User]:
    for i in range(n):
        yield _user(
            f"u{i}", Role.PARENT, "Ana", "Ruiz", email=f"p{i}@gmail.com", sms=f"6175{i:06d}"
        )


def _children_of_one_guardian(n: int) -> Iterator[User]:
    yield _user("g", Role.PARENT, "Ana", "Ruiz", email="ana@gmail.com")
    for i in range(n):
        yield _user(f"s{i}", Role.STUDENT, "Leo", "Ruiz", agent_sourced_ids=("g",))


def _one_name_swapped_on_one_address(n: int) -> Iterator[User]:
    for i in range(n):
        given, family = ("Lan", "Nguyen") if i % 2 else ("Nguyen", "Lan")
        yield _user(f"u{i}", Role.PARENT, given, family, email="lan@gmail.com")


def _namesakes_on_the_office_number(n: int) -> Iterator[User]:
    # pairs of namesakes of two families, each with an address of its own, all on the
    # office's number: one likely-same item per pair before session 44, none since
    for i in range(n):
        yield _user(
            f"u{i}",
            Role.PARENT,
            GIVEN[i // 2 % 10],
            _family(i // 2),
            email=f"p{i}@gmail.com",
            sms="6175552368",
        )


SHAPES: dict[str, Callable[[int], Iterator[User]]] = {
    "office-address-and-number": _office_address_and_number,
    "one-name-on-one-address": _one_name_on_one_address,
    "office-address-in-the-phone-column": _office_address_in_the_phone_column,
    "one-name-everywhere": _one_name_everywhere,
    "children-of-one-guardian": _children_of_one_guardian,
    "one-name-swapped-on-one-address": _one_name_swapped_on_one_address,
    "namesakes-on-the-office-number": _namesakes_on_the_office_number,
}


def write_shape(directory: Path, shape: str, n: int) -> Path:
    """Write the roster of ``shape`` at size ``n`` (OneRoster 1.1 CSV) under ``directory``."""
    roster = Roster(
        users=list(SHAPES[shape](n)),
        orgs=(Org(sourced_id="o1", name="School", type="school"),),
    )
    return write_csv_roster(roster, directory / f"{shape}-{n}", version="1.1")


def measure(root: Path) -> dict[str, float]:
    """One check of the roster at ``root``: seconds, peak MB, persons, items, pairs."""
    counts: dict[str, int] = {}
    original = _blocking.candidate_pairs

    def counting(*args: object, **kwargs: object) -> Iterator[tuple[int, int]]:
        return original(*args, **{**kwargs, "counts": counts})  # type: ignore[arg-type]

    _engine.candidate_pairs = counting  # type: ignore[assignment]
    tracemalloc.start()
    try:
        start = time.perf_counter()
        result = match(read_roster(root))
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        _engine.candidate_pairs = original
    return {
        "seconds": seconds,
        "peak_mb": peak / 1e6,
        "persons": len(result.persons),
        "likely_same": sum(n.kind is NearMissKind.LIKELY_SAME for n in result.near_misses),
        "shared_contact": sum(n.kind is NearMissKind.SHARED_CONTACT for n in result.near_misses),
        "pairs": sum(counts.values()),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append")
    args = parser.parse_args(argv)
    shapes = args.shape or list(SHAPES)
    print(
        f"{'shape':38} {'records':>8} {'seconds':>8} {'peak MB':>8} {'persons':>8} "
        f"{'likely':>6} {'shared':>6} {'pairs':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            for n in args.sizes:
                got = measure(write_shape(Path(tmp), shape, n))
                print(
                    f"{shape:38} {n:>8} {got['seconds']:>8.2f} {got['peak_mb']:>8.1f} "
                    f"{got['persons']:>8} {got['likely_same']:>6} {got['shared_contact']:>6} "
                    f"{got['pairs']:>8}",
                    flush=True,
                )


if __name__ == "__main__":
    sys.exit(main())
