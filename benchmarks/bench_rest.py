"""REST JSON beside CSV: the same generated roster read both ways, then matched.

    python benchmarks/bench_rest.py [USERS ...]      # default 100000

The REST file is the generated roster written by ``write_rest_roster`` (pages of 100
users and a demographics page, as a sync script that paged through ``GET /users``
saves them), made once per size beside the CSV roster. Each form is read and matched in
a fresh process, so the peak memory (max RSS) is its own. ``same_result`` says whether
both forms gave the same persons and near-misses (it must be true).
"""

from __future__ import annotations

import hashlib
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import allocator_note, fresh_process, roster_dir


def rest_file(users: int) -> Path:
    """The REST JSON form of the generated roster of ``users``, written if missing (in a
    fresh process, like the roster itself)."""
    target = roster_dir(users)
    path = target.with_name(f"{target.name}-rest.json")
    if not path.exists():
        fresh_process(__file__, "make", str(target), str(path))
    return path


def _make(target: Path, path: Path) -> dict[str, object]:
    from oneroster_identity import read_roster
    from oneroster_identity.io import write_rest_roster

    partial = path.with_suffix(".partial")
    write_rest_roster(read_roster(target), partial)
    partial.replace(path)
    return {"bytes": path.stat().st_size}


def measure(source: Path) -> dict[str, object]:
    from oneroster_identity import read_roster
    from oneroster_identity.match import match

    start = time.perf_counter()
    roster = read_roster(source)
    read = time.perf_counter() - start
    result = match(roster)
    total = time.perf_counter() - start
    digest = hashlib.sha256()
    for person in result.persons:
        digest.update(repr((person.id, person.sourced_ids)).encode())
    for near in result.near_misses:
        digest.update(repr((near.id, near.kind.value, near.sourced_ids, near.fixes)).encode())
    return {
        "users": len(roster.users),
        "read_s": read,
        "read_match_s": total,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "persons": len(result.persons),
        "near_misses": len(result.near_misses),
        "result": digest.hexdigest()[:12],
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        if sys.argv[2] == "make":
            print(json.dumps(_make(Path(sys.argv[3]), Path(sys.argv[4]))))
        else:
            print(json.dumps(measure(Path(sys.argv[2]))))
        return
    print(allocator_note(), flush=True)
    for size in [int(a) for a in sys.argv[1:]] or [100000]:
        forms = {"csv": roster_dir(size), "rest": rest_file(size)}
        figures = {name: fresh_process(__file__, str(path)) for name, path in forms.items()}
        for name, f in figures.items():
            print(
                f"{size} users, {name}: {f['users']} read in {f['read_s']:.2f} s, "
                f"read + match {f['read_match_s']:.2f} s, peak {f['peak_mb']:,.0f} MB",
                flush=True,
            )
        same = figures["csv"]["result"] == figures["rest"]["result"]
        rest, csv = figures["rest"], figures["csv"]
        print(
            f"{size} users: REST read {rest['read_s'] / csv['read_s']:.2f}x the CSV read, "
            f"peak {rest['peak_mb'] / csv['peak_mb']:.2f}x; same_result={same}",
            flush=True,
        )


if __name__ == "__main__":
    main()
