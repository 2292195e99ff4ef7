"""Where a check's resident memory peaks: the highest RSS seen in each stage.

    python benchmarks/peak_by_stage.py [USERS] [--seed N] [--existing]

``profile_stages.py`` gives each stage's time and the running maximum of the peak, which
only ever rises. This script samples the process's resident set every 2 ms while one
ordinary check runs (``read_roster``, ``match``, the JSON report to /dev/null) and prints,
stage by stage, the highest RSS seen while the stage ran and the RSS when it ended. That
shows what a running maximum hides: memory freed between stages (large dictionary tables
go back to the system when freed; small objects stay in the allocator's arenas), and so
which stages the 1M peak is made in. Stages are found by wrapping the matcher's internal
functions by name (``match._engine``, ``match._blocking``): if they are renamed this script
stops with an error rather than measure the wrong thing. ``--existing`` adds the
existing-accounts check after the match, as ``check --existing`` runs it, with its two
indexes as nested stages. Linux only (``/proc/self/statm``).
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import allocator_note, roster_dir

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * _PAGE / 2**20


class StageMemory:
    """The current stage's name and, per stage, the highest RSS sampled while it ran."""

    def __init__(self) -> None:
        self.stage = "start"
        self.highest: dict[str, float] = {}
        self.at_end: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            stage, rss = self.stage, _rss_mb()
            if rss > self.highest.get(stage, 0.0):
                self.highest[stage] = rss
            time.sleep(0.002)

    def enter(self, stage: str) -> str:
        before, self.stage = self.stage, stage
        self.highest.setdefault(stage, _rss_mb())
        return before

    def leave(self, stage: str, before: str) -> None:
        rss = _rss_mb()
        self.highest[stage] = max(self.highest[stage], rss)
        self.at_end[stage] = rss
        # A nested stage (block keys, indented) hands back to its caller's stage.
        self.stage = before if stage.startswith(" ") else f"after {stage}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _wrap(owner: Any, name: str, memory: StageMemory, label: str | Callable[..., str]) -> None:
    """Label the calls of ``owner.name`` as a stage; ``label`` may name it from the call's
    arguments."""
    original: Callable[..., Any] = getattr(owner, name)  # AttributeError if renamed

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        stage = label if isinstance(label, str) else label(*args, **kwargs)
        before = memory.enter(stage)
        try:
            return original(*args, **kwargs)
        finally:
            memory.leave(stage, before)

    setattr(owner, name, wrapper)


def _wrap_generator(owner: Any, name: str, memory: StageMemory, label: str) -> None:
    original: Callable[..., Iterator[Any]] = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        before = memory.enter(label)
        try:
            yield from original(*args, **kwargs)
        finally:
            memory.leave(label, before)

    setattr(owner, name, wrapper)


def _block_keys(memory: StageMemory) -> None:
    """Each block type's key column as a stage nested in blocking (indented)."""
    from oneroster_identity.match import _blocking

    _wrap(_blocking, "block_column", memory, lambda block_type, *_: f"  block keys: {block_type}")


def _existing(roster: Any, users: int, memory: StageMemory) -> Any:
    """``bench_existing.py``'s app export (2% of the roster's users as guardian accounts,
    1% as old students) read as a stage, with the existing-accounts check's two indexes
    labelled as stages nested in it; returns the accounts."""
    from bench_existing import write_export
    from oneroster_identity.existing import _check, read_existing_accounts

    export = roster_dir(users) / "existing_accounts_v2.csv"
    if not export.exists():
        write_export(roster, users, export)
    _wrap(
        _check,
        "PersonIndex",
        memory,
        lambda result, wanted, *_, **__: f"  index of {len(wanted):,} accounts",
    )
    before = memory.enter("read accounts")
    accounts = read_existing_accounts(export)
    memory.leave("read accounts", before)
    return accounts


def run(users: int, *, existing: bool = False) -> StageMemory:
    from oneroster_identity import check_existing, read_roster
    from oneroster_identity.match import _engine, match
    from oneroster_identity.match._records import FactsBuilder
    from oneroster_identity.report import write_json

    memory = StageMemory()
    _wrap(FactsBuilder, "of_active", memory, "facts")
    _wrap(_engine, "group_records", memory, "grouping")
    _wrap(_engine, "HouseholdIndex", memory, "household index")
    _wrap_generator(_engine, "judged_pairs", memory, "blocking and judging")
    _block_keys(memory)
    _wrap(_engine, "cluster_edges", memory, "clusters")
    _wrap(_engine, "likely_same_items", memory, "likely-same near-misses")
    _wrap(_engine, "shared_contact_items", memory, "shared contacts")
    _wrap(_engine, "unique_credential_findings", memory, "credential findings")
    _wrap(_engine, "roster_findings", memory, "roster findings")
    target = roster_dir(users)
    memory.start()
    before = memory.enter("read")
    roster = read_roster(target)
    memory.leave("read", before)
    result = match(roster)  # its stages label themselves (wrapped above)
    if existing:  # as ``check --existing``: after the match, before the report
        accounts = _existing(roster, users, memory)
        before = memory.enter("existing-accounts check")
        check = check_existing(roster, result, accounts)
        memory.leave("existing-accounts check", before)
    before = memory.enter("report")
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_json(result, sink)
    memory.leave("report", before)
    memory.stop()
    if existing:
        del check
    return memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("users", nargs="?", type=int, default=1000000)
    parser.add_argument("--seed", type=int, help="rerun under this PYTHONHASHSEED")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="also run the existing-accounts check (bench_existing.py's export), as "
        "check --existing does",
    )
    args = parser.parse_args()
    if not Path("/proc/self/statm").exists():
        raise SystemExit("peak_by_stage.py reads /proc/self/statm: Linux only")
    if args.seed is not None and os.environ.get("PYTHONHASHSEED") != str(args.seed):
        os.environ["PYTHONHASHSEED"] = str(args.seed)
        os.execv(sys.executable, [sys.executable, *sys.argv])
    roster_dir(args.users)  # generated in its own process before anything is measured
    memory = run(args.users, existing=args.existing)
    print(f"{'stage':32s} {'highest RSS':>12s} {'at its end':>11s}")
    for stage, highest in memory.highest.items():
        if stage == "start":
            continue
        end = memory.at_end.get(stage)
        shown = f"{end:>8,.0f} MB" if end is not None else " " * 11
        print(f"{stage:32s} {highest:>9,.0f} MB {shown}")
    print(f"peak {max(memory.highest.values()):,.0f} MB", end="")
    print(f" (PYTHONHASHSEED={os.environ.get('PYTHONHASHSEED', 'random')})")
    print(allocator_note())


if __name__ == "__main__":
    main()
