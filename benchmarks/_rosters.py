"""Generated benchmark rosters on disk, made once per size and reused.

The roster is generated in its own process so the generator's memory never counts in
the measured process's peak. Labels (the planted cases) sit beside it as JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

CACHE = Path(os.environ.get("OR_BENCH_CACHE", Path(tempfile.gettempdir()) / "or-identity-bench"))


def households_for(users: int) -> int:
    """Households giving about ``users`` users (the generator averages ~3.5 per household
    plus 5% staff)."""
    return max(1, round(users / 3.6))


def _generator_version() -> str:
    """A digest of the generator's source and its name pool's (``_names``, since session
    59, when a changed pool reused rosters drawn from the old one), so a changed generator
    never reuses old rosters."""
    import oneroster_identity._names as names
    import oneroster_identity.synthetic as synthetic

    digest = hashlib.blake2b(digest_size=4)
    for module in (synthetic, names):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def roster_dir(users: int, seed: int = 42) -> Path:
    """The directory of a generated roster of about ``users`` users, made if missing."""
    target = CACHE / f"users-{users}-seed-{seed}-gen-{_generator_version()}"
    if not (target / "labels.json").exists():
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, __file__, str(users), str(seed), str(target)], check=True)
    return target


def labels(target: Path) -> list[dict[str, object]]:
    """The planted cases of a generated roster."""
    data: list[dict[str, object]] = json.loads((target / "labels.json").read_text())
    return data


def allocator_note() -> str:
    """How glibc's mmap threshold is set for the measured processes, which inherit this
    environment: peak memory depends on it (``oneroster_identity._malloc``)."""
    value = os.environ.get("MALLOC_MMAP_THRESHOLD_")
    if value is not None:
        return f"allocator: MALLOC_MMAP_THRESHOLD_={value} (the command line sets 1048576)"
    return (
        "allocator: glibc defaults, as a program embedding the library runs (the command "
        "line fixes the mmap threshold: MALLOC_MMAP_THRESHOLD_=1048576 measures that)"
    )


def fresh_process(script: str, *args: str) -> dict[str, Any]:
    """Run ``script --one ARGS...`` in a fresh process (so its peak memory is its own) and
    return the JSON object it prints last on stdout."""
    proc = subprocess.run(
        [sys.executable, script, "--one", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return _last_json(proc.stdout)


def start_process(
    script: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """Start ``script --one ARGS...`` in a fresh process without waiting for it, for
    measurements that run side by side; :func:`process_figures` collects its result. The
    child's stderr is the caller's, so a failing measurement shows its traceback."""
    return subprocess.Popen(
        [sys.executable, script, "--one", *args], stdout=subprocess.PIPE, text=True, env=env
    )


def process_figures(proc: subprocess.Popen[str]) -> dict[str, Any]:
    """Wait for a process of :func:`start_process`; the JSON object it printed last."""
    out, _ = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"a measuring process failed (exit {proc.returncode}): {proc.args!r}")
    return _last_json(out)


def _last_json(stdout: str) -> dict[str, Any]:
    figures: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    return figures


def measure_sizes(
    script: str, sizes: list[int], digits: int = 3, extra: Sequence[str] = ()
) -> None:
    """Run ``script --one ROSTER_DIR [EXTRA...]`` in a fresh process per size and print its
    figures (a JSON object on stdout) as one ``key=value`` line per size."""
    print(allocator_note(), flush=True)
    for size in sizes:
        figures = fresh_process(script, str(roster_dir(size)), *extra)
        print(
            " ".join(
                f"{k}={v:.{digits}f}" if isinstance(v, float) else f"{k}={v}"
                for k, v in figures.items()
            ),
            flush=True,
        )


def write_labelled(gen: Any, target: Path) -> None:
    """Write a generated roster (``synthetic.GeneratedRoster``) as CSV under ``target``,
    with its planted cases beside it as labels.json (read by :func:`labels`)."""
    from oneroster_identity import write_csv_roster

    write_csv_roster(gen.roster, target)
    cases = [
        {"kind": c.kind, "variant": c.variant, "sourced_ids": list(c.sourced_ids)}
        for c in gen.cases
    ]
    (target / "labels.json").write_text(json.dumps(cases))


def _make(users: int, seed: int, target: Path) -> None:
    from oneroster_identity.synthetic import generate_roster

    write_labelled(generate_roster(households=households_for(users), seed=seed), target)


if __name__ == "__main__":
    _make(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
