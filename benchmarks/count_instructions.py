"""Instructions a check executes, counted by valgrind: an A/B that machine noise cannot move.

    python benchmarks/count_instructions.py [USERS] [--src PATH ...]

Wall-clock figures on the benchmark machine vary by up to 1.8x from one hour to the next,
so a change worth 2% cannot be seen in seconds. ``valgrind --tool=callgrind`` counts the
instructions a process executes, the same count run after run whatever else the machine
does. For each source tree (``--src``, default this checkout's ``src``; give two to
compare, for instance a ``git worktree`` of the previous commit), this runs
``read_roster`` + ``match`` + the JSON report on the cached generated roster of ``USERS``
(default 10,000; valgrind runs Python about 50x slower) under callgrind with a fixed hash
seed, runs the imports alone the same way, and prints the difference: the check's own
instructions. Instructions are not time: they miss the cache misses that dominate the
dictionary passes of a 1M check, so use this for interpretation overhead and confirm a
memory-bound change at 1M.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import roster_dir

_SCRIPT = """
import os, sys
from oneroster_identity import read_roster
from oneroster_identity.match import match
from oneroster_identity.report import write_json
if sys.argv[2] == "check":
    result = match(read_roster(sys.argv[1]))
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_json(result, sink)
"""


def _instructions(src: Path, target: Path, what: str, work: Path) -> int:
    out = work / f"callgrind.{what}"
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(src))
    script = work / "run.py"
    script.write_text(_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            str(script),
            str(target),
            what,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("users", nargs="?", type=int, default=10_000)
    parser.add_argument("--src", action="append", type=Path, help="a source tree (repeat)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    sources = args.src or [Path(__file__).resolve().parents[1] / "src"]
    target = roster_dir(args.users)  # generated outside the counted processes
    counts = []
    with tempfile.TemporaryDirectory() as tmp:
        for src in sources:
            imports = _instructions(src.resolve(), target, "imports", Path(tmp))
            total = _instructions(src.resolve(), target, "check", Path(tmp))
            counts.append(total - imports)
            print(
                f"{src}: check {counts[-1] / 1e9:.3f} G instructions (imports {imports / 1e9:.3f} G)"
            )
    if len(counts) > 1:
        base = counts[0]
        for src, count in zip(sources[1:], counts[1:], strict=True):
            print(f"{src} against {sources[0]}: {100 * (count - base) / base:+.1f}%")


if __name__ == "__main__":
    main()
