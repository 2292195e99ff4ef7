"""Snapshots from files: a saved report, a roster or a delta; OLD in a second process."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from oneroster_identity.compare._snapshot import RecordValues, Snapshot
from oneroster_identity.errors import OneRosterIdentityError

__all__ = ["load_snapshot", "load_snapshots"]


def _is_report(path: Path) -> bool:
    """Whether ``path`` is a JSON report of this library (its first lines say so), not a
    REST roster: read from the head of the file only."""
    if path.suffix.casefold() != ".json" or not path.is_file():
        return False
    try:
        with open(path, encoding="utf-8") as fh:
            head = [fh.readline() for _ in range(3)]
    except (OSError, UnicodeDecodeError):
        return False
    return head[0].strip() == "{" and '"schema_version"' in head[1] and '"generator"' in head[2]


def load_snapshot(
    path: str | Path,
    *,
    base: str | Path | None = None,
    policy: Any = None,
    encoding: str = "utf-8",
) -> Snapshot:
    """A snapshot from a saved JSON report, a roster, or a delta with its ``base``."""
    from oneroster_identity.io import read_roster
    from oneroster_identity.match import match

    if base is None and _is_report(Path(path)):
        return Snapshot.from_report(Path(path))
    roster = read_roster(path, encoding=encoding, base=base)
    return Snapshot.from_result(match(roster, policy))


_Packed = tuple[Any, ...]


def _pack(snapshot: Snapshot) -> _Packed:
    """A snapshot as plain tuples of strings, for the trip between processes: pickling a
    million small objects costs more than building them (measured: a normalized email
    takes 4.7 us to compute and 7.8 us to pickle and unpickle), strings cost little."""
    values = list(snapshot.records.values())
    return (
        snapshot.persons,
        tuple(snapshot.records),
        tuple(r.given for r in values),
        tuple(r.family for r in values),
        tuple(r.email for r in values),
        tuple(r.sms for r in values),
        snapshot.near_misses,
        snapshot.accounts_created,
        snapshot.allow_contact_updates,
        snapshot.redacted,
        snapshot.hashed,
    )


def _unpack(packed: _Packed) -> Snapshot:
    persons, ids, given, family, email, sms, near, created, allow, redacted, hashed = packed
    return Snapshot(
        persons=persons,
        records={
            sid: RecordValues(given=g, family=f, email=e, sms=m)
            for sid, g, f, e, m in zip(ids, given, family, email, sms, strict=True)
        },
        near_misses=near,
        accounts_created=created,
        allow_contact_updates=allow,
        redacted=redacted,
        hashed=hashed,
    )


def _packed_snapshot(
    path: str, base: str | None, policy: Any, encoding: str
) -> _Packed:  # runs in a worker process
    return _pack(load_snapshot(path, base=base, policy=policy, encoding=encoding))


def load_snapshots(
    old: str | Path,
    new: str | Path,
    *,
    old_base: str | Path | None = None,
    new_base: str | Path | None = None,
    policy: Any = None,
    encoding: str = "utf-8",
    jobs: int = 1,
) -> tuple[Snapshot, Snapshot]:
    """The snapshots of OLD and NEW (each as :func:`load_snapshot` reads it).

    With ``jobs=2`` and two rosters to check (neither a saved report, which loads in a
    fraction of a check), OLD is checked in a worker process while NEW is checked here:
    on two cores the comparison then takes about one check's time instead of two, at the
    price of a second process's memory (each process peaks like one check). Errors of
    either side are raised here as they would be sequentially, OLD's first.
    """
    in_parallel = (
        jobs >= 2
        and not (old_base is None and _is_report(Path(old)))
        and not (new_base is None and _is_report(Path(new)))
    )
    if not in_parallel:
        return (
            load_snapshot(old, base=old_base, policy=policy, encoding=encoding),
            load_snapshot(new, base=new_base, policy=policy, encoding=encoding),
        )
    # spawn: a fresh interpreter, never a fork of a caller that may hold threads or locks.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(
            _packed_snapshot,
            str(old),
            None if old_base is None else str(old_base),
            policy,
            encoding,
        )
        try:
            new_snapshot = load_snapshot(new, base=new_base, policy=policy, encoding=encoding)
        except OneRosterIdentityError:
            future.result()  # OLD's error first, as sequentially
            raise
        return _unpack(future.result()), new_snapshot
