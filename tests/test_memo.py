"""Caches of roster values are emptied when the last run ends (``_memo``)."""

from __future__ import annotations

import importlib
import os
import pkgutil
import signal
import threading
import time
from collections.abc import Callable
from functools import _lru_cache_wrapper
from pathlib import Path
from typing import Any

import pytest

import oneroster_identity
from oneroster_identity import read_sample
from oneroster_identity._memo import _CACHES, _DICTS, roster_run
from oneroster_identity.compare import Snapshot, compare
from oneroster_identity.existing import check_existing, read_existing_accounts
from oneroster_identity.match import match
from oneroster_identity.normalize import loose_name, name_words
from oneroster_identity.normalize._emails import _as_set
from oneroster_identity.normalize._text import fold_key
from oneroster_identity.policy import _first_equal, placeholder_words

NOT_ROSTER_VALUES = {_first_equal, _as_set, placeholder_words}
"""Caches whose keys are not a roster's values (policies), kept across runs."""


def _filled() -> list[str]:
    return [c.__wrapped__.__name__ for c in _CACHES if c.cache_info().currsize] + [
        "dict" for d in _DICTS if d
    ]


def _all_lru_caches() -> set[Any]:
    found: set[Any] = set()
    for info in pkgutil.walk_packages(oneroster_identity.__path__, "oneroster_identity."):
        if info.name.endswith("__main__"):
            continue  # runs the CLI when imported
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, _lru_cache_wrapper) and value.__module__.startswith(
                "oneroster_identity"
            ):
                found.add(value)
    return found


def test_every_bounded_cache_of_roster_values_is_registered() -> None:
    caches = _all_lru_caches()
    unbounded = {c for c in caches if c.cache_parameters()["maxsize"] is None}
    # Unbounded caches hold the package's own data files (nicknames, domains), loaded once.
    assert caches - unbounded - NOT_ROSTER_VALUES == set(_CACHES)
    assert len(_CACHES) == len(set(_CACHES)) >= 9


def test_the_unbounded_caches_hold_data_files_not_roster_values() -> None:
    """An unbounded cache is for the package's own data files, read once: after a check
    and a run of the comparisons on every pair of the sample, each holds a few entries
    (one per file). Session 38's `romanizations_of` was an unbounded cache keyed by the
    roster's family names, which this test would have found holding hundreds."""
    from oneroster_identity.normalize import PersonName, compare_names

    roster = read_sample()
    match(roster)
    names = [PersonName(given=u.given_name, family=u.family_name) for u in roster.users[:60]]
    for a in names:
        for b in names:
            compare_names(a, b)
    unbounded = [c for c in _all_lru_caches() if c.cache_parameters()["maxsize"] is None]
    assert unbounded
    assert {c.__wrapped__.__qualname__: c.cache_info().currsize for c in unbounded} == {
        c.__wrapped__.__qualname__: min(c.cache_info().currsize, 2) for c in unbounded
    }


def test_the_role_tuple_cache_is_emptied_after_a_run() -> None:
    """``models._FAMILIES_OF_ROLES`` holds the roster's role tuples by identity: a
    module-level dict, registered with ``run_dict``."""
    from oneroster_identity import models

    assert any(d is models._FAMILIES_OF_ROLES for d in _DICTS)
    with roster_run():
        match(read_sample())
        assert models._FAMILIES_OF_ROLES
    assert not models._FAMILIES_OF_ROLES


def test_a_check_leaves_no_roster_value_cached() -> None:
    roster = read_sample()
    assert _filled() == []
    result = match(roster)
    assert _filled() == []
    existing = read_existing_accounts(
        oneroster_identity.__path__[0] + "/data/sample_existing_accounts.csv"
    )
    check_existing(roster, result, existing)
    compare(Snapshot.from_result(result), result)
    assert _filled() == []


def test_caches_stay_warm_until_the_outermost_run_ends() -> None:
    roster = read_sample()
    with roster_run():
        match(roster)
        filled = _filled()
        assert "fold_key" in filled and "loose_name" in filled
        match(roster)  # a nested run's end does not clear the outer run's caches
        assert _filled() == filled
    assert _filled() == []


def test_caches_are_emptied_when_the_run_raises() -> None:
    def failing_run() -> None:
        with roster_run():
            fold_key("María"), loose_name("O'Brien"), name_words("Garcia, Maria")
            assert len(_filled()) == 3
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing_run()
    assert _filled() == []


def test_a_run_in_another_thread_keeps_the_caches_until_it_ends() -> None:
    started, release = threading.Event(), threading.Event()

    def other() -> None:
        with roster_run():
            fold_key("Ngọc")
            started.set()
            release.wait(10)

    worker = threading.Thread(target=other)
    worker.start()
    assert started.wait(10)
    with roster_run():
        loose_name("José")
    # (loose_name reads a garbled value back first: "José" is none)
    assert sorted(_filled()) == ["fold_key", "loose_name", "ungarbled"]  # the other run goes on
    release.set()
    worker.join(10)
    assert _filled() == []


def test_results_are_the_same_with_cold_and_warm_caches() -> None:
    roster = read_sample()
    cold = match(roster)
    with roster_run():
        match(roster)
        warm = match(roster)
    assert warm.persons == cold.persons and warm.near_misses == cold.near_misses


def _public_walks(tmp_path: Path) -> dict[str, Callable[[], object]]:
    """Every public function that walks a roster or a result, called on the sample."""
    import io

    from oneroster_identity import io as rio
    from oneroster_identity import report, verdict, write_csv_roster
    from oneroster_identity.batch import check_many
    from oneroster_identity.compare import (
        comparison_document,
        load_snapshots,
        write_comparison_csv,
        write_comparison_html,
        write_comparison_json,
        write_comparison_text,
    )
    from oneroster_identity.existing import read_sample_existing
    from oneroster_identity.match import effective_policy
    from oneroster_identity.synthetic import generate_roster

    roster = read_sample()
    result = match(roster)
    _clear()
    existing = read_sample_existing()
    _clear()
    sink = io.StringIO()
    write_csv_roster(roster, tmp_path / "r")
    report_path = tmp_path / "r.json"
    with report_path.open("w", encoding="utf-8") as out:
        report.write_json(result, out)
    comparison = compare(Snapshot.from_result(result), result)
    _clear()
    walks: dict[str, Callable[[], object]] = {
        "read_roster": lambda: rio.read_roster(tmp_path / "r"),
        "read_sample": read_sample,
        "read_rest_users": lambda: rio.read_rest_users(
            {"users": [rio.rest_user(u) for u in roster.users[:50]]}
        ),
        "apply_delta": lambda: rio.apply_delta(roster, roster),
        "write_csv_roster": lambda: write_csv_roster(roster, tmp_path / "w"),
        "write_rest_roster": lambda: rio.write_rest_roster(roster, tmp_path / "w.json"),
        "match": lambda: match(roster),
        "effective_policy": lambda: effective_policy(roster, None),
        "read_existing_accounts": read_sample_existing,
        "check_existing": lambda: check_existing(roster, result, existing),
        "verdict": lambda: verdict(result),
        "write_json": lambda: report.write_json(result, sink),
        "write_text": lambda: report.write_text(result, sink),
        "write_html": lambda: report.write_html(result, sink),
        "write_csv_fixes": lambda: report.write_csv_fixes(result, sink),
        "notebook_html": lambda: report.notebook_html(result),
        "report_tables": lambda: report.report_tables(result),
        "Snapshot.from_result": lambda: Snapshot.from_result(result),
        "Snapshot.from_report": lambda: Snapshot.from_report(report_path),
        "load_snapshots": lambda: load_snapshots(report_path, tmp_path / "r"),
        "compare": lambda: compare(result, result),
        "comparison_document": lambda: comparison_document(comparison, old="a", new="b"),
        "write_comparison_json": lambda: write_comparison_json(comparison, sink, old="a", new="b"),
        "write_comparison_text": lambda: write_comparison_text(comparison, sink, old="a", new="b"),
        "write_comparison_html": lambda: write_comparison_html(comparison, sink, old="a", new="b"),
        "write_comparison_csv": lambda: write_comparison_csv(comparison, sink),
        "check_many": lambda: check_many([tmp_path / "r"], tmp_path / "batch"),
        "generate_roster": lambda: generate_roster(households=20, seed=3),
    }
    try:
        import pandas  # noqa: F401

        from oneroster_identity.frames import to_dataframes
    except ImportError:
        pass
    else:
        walks["to_dataframes"] = lambda: to_dataframes(result)
    return walks


def _clear() -> None:
    from oneroster_identity._memo import clear_run_caches

    clear_run_caches()


def test_every_public_walk_leaves_no_roster_value_cached(tmp_path: Path) -> None:
    left = {}
    for name, walk in _public_walks(tmp_path).items():
        _clear()
        walk()
        if _filled():
            left[name] = _filled()
    assert " ".join(sorted(left)) == ""


@pytest.mark.parametrize("writer", ["write_json", "write_text", "write_html", "notebook_html"])
def test_every_report_writer_is_a_run(writer: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer's body runs inside a run, so the caches it fills are the run's. Session
    46 put two helpers between ``@one_run`` and ``write_text``, which left the writer
    outside a run (and the first helper inside one); the sample fills no cache in it, so
    only the run's count at the writer's first read of the result tells."""
    import io

    from oneroster_identity import _memo, report
    from oneroster_identity.match import MatchResult

    result = match(read_sample())
    seen: list[int] = []
    summary = MatchResult.summary

    def counted(self: MatchResult) -> dict[str, object]:
        seen.append(_memo._active)
        return summary(self)

    monkeypatch.setattr(MatchResult, "summary", counted)
    function = getattr(report, writer)
    if writer == "notebook_html":
        function(result)
    else:
        function(result, io.StringIO())
    assert seen and min(seen) >= 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork (POSIX)")
def test_a_forked_child_does_not_inherit_a_held_lock() -> None:
    """A thread of the parent may hold the lock when another forks: the child must not
    wait for a release that will never come."""
    from oneroster_identity import _memo

    with _memo._LOCK:  # held at the fork, as by another thread
        pid = os.fork()
        if pid == 0:  # the child: a run must start and end
            try:
                with roster_run():
                    fold_key("Ngọc")
            finally:
                os._exit(0 if not _filled() else 1)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("the forked child waited for the parent's lock")
