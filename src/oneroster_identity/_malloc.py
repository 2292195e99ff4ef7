"""Giving large freed blocks back to the system (glibc's mmap threshold), for the CLI.

CPython keeps small objects in its own arenas and asks the C library for anything larger
(list and dict tables, long strings). glibc serves a request of 128 KiB or more with its
own ``mmap``, given back when freed, but it raises that threshold to the size of each
such block freed, up to 32 MiB. After a check has freed its first million-entry list,
blocks of up to several MiB come from the heap instead, and freed heap memory stays with
the process. Reading a 1M-user roster left 545-590 MB resident where 316 MB remained after
``malloc_trim``, and a whole check peaked at 946-992 MB. With the threshold fixed at
1 MiB the same check peaks at 879-889 MB, in the same time (``docs/benchmarks.md``).

The setting is process-wide, so the library never changes it on its own: the command
line does (:func:`limit_heap_retention`), and a program embedding the library opts in by
calling ``oneroster_identity.limit_heap_retention()`` once, before its first check, or by
starting Python with ``MALLOC_MMAP_THRESHOLD_=1048576`` in its environment. A threshold
the environment already sets is left alone.
"""

from __future__ import annotations

import ctypes
import os
import sys

__all__ = ["MMAP_THRESHOLD", "limit_heap_retention"]

MMAP_THRESHOLD = 1 << 20
"""Blocks of this size or more are mapped and given back when freed (1 MiB)."""

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)


def limit_heap_retention() -> bool:
    """Fix glibc's mmap threshold at :data:`MMAP_THRESHOLD` for this process, and put it
    in the environment for the processes it starts (``compare --jobs 2`` spawns a fresh
    interpreter, whose glibc reads it there); ``True`` when it was set. Nothing is done
    off Linux, on a C library other than glibc, or when ``MALLOC_MMAP_THRESHOLD_`` is
    already in the environment.

    Opt-in and process-wide (it changes how the whole process's allocator gives memory
    back): call it once, before the first check, in a program whose main job is checking
    large rosters. A 1M-user check then peaks about 90 MB lower, as from the command line
    (``docs/benchmarks.md``)."""
    if sys.platform != "linux" or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
        libc = ctypes.CDLL(None)  # the C library the interpreter runs on
        if not libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD):
            return False
    except (OSError, ValueError, AttributeError):  # not glibc, or no mallopt
        return False
    os.environ["MALLOC_MMAP_THRESHOLD_"] = str(MMAP_THRESHOLD)
    return True
