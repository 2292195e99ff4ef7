"""Caches of roster values are emptied when the last run ends (``_memo``)."""

from __future__ import annotations

import importlib
import pkgutil
import threading
from functools import _lru_cache_wrapper
from typing import Any

import pytest

import oneroster_identity
from oneroster_identity import read_sample
from oneroster_identity._memo import _CACHES, _DICTS, roster_run
from oneroster_identity.compare import Snapshot, compare
from oneroster_identity.existing import check_existing, read_existing_accounts
from oneroster_identity.match import match
from oneroster_identity.normalize import loose_name, name_words
from oneroster_identity.normalize._text import fold_key
from oneroster_identity.policy import _first_equal

NOT_ROSTER_VALUES = {_first_equal}
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
    assert sorted(_filled()) == ["fold_key", "loose_name"]  # the other run is still going
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
