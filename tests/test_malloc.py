"""The command line's allocator setting (``_malloc``): set on Linux with glibc only, never
over the environment's own, and only by the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from oneroster_identity import _malloc, cli

GLIBC = sys.platform == "linux" and bool(
    getattr(os, "confstr", lambda name: None)("CS_GNU_LIBC_VERSION")
)


@pytest.mark.skipif(not GLIBC, reason="glibc only")
def test_the_threshold_is_set_on_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    assert _malloc.limit_heap_retention() is True
    # exported for the processes the command starts, and not set twice
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == str(_malloc.MMAP_THRESHOLD)
    assert _malloc.limit_heap_retention() is False


def test_the_environment_s_own_threshold_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    assert _malloc.limit_heap_retention() is False


def test_nothing_is_done_off_linux_or_off_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert _malloc.limit_heap_retention() is False
    monkeypatch.setattr(sys, "platform", "linux")

    def musl(name: str) -> str:
        raise ValueError(name)  # what os.confstr raises for a name the C library lacks

    monkeypatch.setattr(os, "confstr", musl)
    assert _malloc.limit_heap_retention() is False


def test_the_command_line_sets_it_and_the_library_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(cli, "limit_heap_retention", lambda: calls.append(True) or True)
    assert cli.main(["check", "--sample", "-q", "-o", str(tmp_path / "r.txt")]) in (0, 1)
    assert calls == [True]
    # Importing and using the library in a fresh interpreter never calls mallopt.
    code = (
        "import ctypes, sys\n"
        "called = []\n"
        "class Libc:\n"
        "    def mallopt(self, *a):\n"
        "        called.append(a)\n"
        "        return 1\n"
        "ctypes.CDLL = lambda *a, **k: Libc()\n"
        "from oneroster_identity import read_sample\n"
        "from oneroster_identity.match import match\n"
        "match(read_sample())\n"
        "sys.exit(1 if called else 0)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_MMAP_THRESHOLD_"}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


def test_a_program_embedding_the_library_can_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """The opt-in is public (the package root), and is the command line's own."""
    import oneroster_identity

    assert oneroster_identity.limit_heap_retention is _malloc.limit_heap_retention
    assert "limit_heap_retention" in dir(oneroster_identity)
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "4096")
    assert oneroster_identity.limit_heap_retention() is False  # the environment's stays
