"""Pausing CPython's cyclic garbage collector while building millions of objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the body with the cyclic collector off, then restore it as it was.

    The collector runs a pass every few hundred allocations and a full pass whenever the
    old generation has grown by a quarter; with a million live users each full pass walks
    every object, so loading 1M users cost 13x loading 100k. The models here hold no
    reference cycles, so reference counting frees them as before; only the repeated
    walks are skipped. Nothing is collected on exit.

    On exit the objects the body built are moved to the oldest generation unwalked
    (:func:`_promote_unwalked`): left in the youngest, the first pass after the pause
    walks all of them (0.7 s after reading a million users, 1.6 s after matching them).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _promote_unwalked()
            gc.enable()


def _promote_unwalked() -> None:
    """Move every tracked object to the oldest generation without walking it.

    ``gc.freeze()`` moves all tracked objects to the permanent generation (and resets the
    youngest generation's count) and ``gc.unfreeze()`` moves them back into the oldest one;
    both are list splices, not walks. What this changes for the caller's own young objects
    is only when a cycle among them is found: at the next full pass instead of the next
    young one. A process that froze objects itself (a pre-fork server keeping pages
    shared) is left alone: unfreezing would undo its freeze.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
