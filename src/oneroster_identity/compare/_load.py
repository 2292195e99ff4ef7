"""Snapshots from files: a saved report, a roster or a delta; OLD in a second process."""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oneroster_identity._usage import require_count
from oneroster_identity.compare._snapshot import Snapshot
from oneroster_identity.errors import OneRosterIdentityError

if TYPE_CHECKING:
    from oneroster_identity.match import Decision

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
    decisions: Sequence[Decision] = (),
    fallback_encoding: str | None = None,
) -> Snapshot:
    """A snapshot from a saved JSON report, a roster, or a delta with its ``base``; a
    roster's check has ``decisions`` applied (:func:`~oneroster_identity.apply_decisions`),
    a saved report is as its check left it."""
    from oneroster_identity.io import read_roster
    from oneroster_identity.match import match
    from oneroster_identity.review import apply_decisions

    if base is None and _is_report(Path(path)):
        return Snapshot.from_report(Path(path))
    roster = read_roster(path, encoding=encoding, base=base, fallback_encoding=fallback_encoding)
    return Snapshot.from_result(apply_decisions(match(roster, policy), decisions))


def load_snapshots(
    old: str | Path,
    new: str | Path,
    *,
    old_base: str | Path | None = None,
    new_base: str | Path | None = None,
    policy: Any = None,
    encoding: str = "utf-8",
    jobs: int = 1,
    decisions: Sequence[Decision] = (),
    fallback_encoding: str | None = None,
) -> tuple[Snapshot, Snapshot]:
    """The snapshots of OLD and NEW (each as :func:`load_snapshot` reads it).

    With ``jobs=2`` and two rosters to check (neither a saved report, which loads in a
    fraction of a check), OLD is checked in a worker process while NEW is checked here:
    on two cores the comparison then takes about one check's time instead of two, at the
    price of a second process's memory (each process peaks like one check). Errors of
    either side are raised here as they would be sequentially, OLD's first.

    When OLD is a saved report and NEW a roster, NEW is checked first and the report read
    after it, so that beside the report only NEW's snapshot is held, never a whole check
    (errors still come OLD's first).
    """
    require_count(jobs, "load_snapshots(jobs=...)")
    old_is_report = old_base is None and _is_report(Path(old))
    new_is_report = new_base is None and _is_report(Path(new))

    # One reading for both sides, in this process or a worker's: a partial of a module
    # function pickles for the worker, and the snapshot comes back as a few lists of
    # strings and two packed strings (compare._columns), not a million small objects.
    checked = functools.partial(
        load_snapshot,
        policy=policy,
        encoding=encoding,
        fallback_encoding=fallback_encoding,
        decisions=tuple(decisions),
    )

    if old_is_report and not new_is_report:
        # Last night's saved report is read after tonight's check, whose full result has
        # then been reduced to its snapshot: read first, the report's snapshot (and what
        # reading it left in the allocator) would sit under the whole check's peak.
        try:
            new_snapshot = checked(new, base=new_base)
        except OneRosterIdentityError:
            load_snapshot(old)  # OLD's error first, as when OLD is read first
            raise
        return load_snapshot(old), new_snapshot
    if jobs < 2 or old_is_report or new_is_report:
        return checked(old, base=old_base), checked(new, base=new_base)
    # spawn: a fresh interpreter, never a fork of a caller that may hold threads or locks.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(checked, old, base=old_base)
        try:
            new_snapshot = checked(new, base=new_base)
        except OneRosterIdentityError:
            future.result()  # OLD's error first, as sequentially
            raise
        return future.result(), new_snapshot
