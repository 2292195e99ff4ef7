"""The collector pause around reading and matching: state restored, nothing walked twice."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from oneroster_identity._gc import paused_gc


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was:
            gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_pause_restores_the_collector_and_leaves_nothing_young() -> None:
    with paused_gc():
        assert not gc.isenabled()
        built = [[i] for i in range(50_000)]  # tracked objects, as a roster's are
    assert gc.isenabled()
    # Left young, the next pass would walk all 50k; they were moved on unwalked.
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(built[0]) in oldest and id(built[-1]) in oldest
    assert gc.get_freeze_count() == 0  # nothing stays frozen


def test_pause_keeps_a_disabled_collector_disabled() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collector_on")
def test_cycles_built_during_the_pause_are_still_collected() -> None:
    class Node:
        other: object

    with paused_gc():
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
    assert gc.collect() >= 2


@pytest.mark.usefixtures("collector_on")
def test_a_callers_own_freeze_is_left_alone() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            _ = [[i] for i in range(1_000)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
