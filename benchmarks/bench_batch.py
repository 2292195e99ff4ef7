"""Batch throughput: rosters per minute for 1 and 2 workers.

    python benchmarks/bench_batch.py [ROSTERS] [USERS] [--dask]

Rosters are generated once per size and seed (``_rosters.py``, seeds 1..ROSTERS, default
40 rosters of 20,000 users). Each configuration checks all of them into a fresh output
folder through ``check_many``; with ``--dask`` a ``LocalCluster`` of the same size is
measured too (needs the dask extra).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import roster_dir
from oneroster_identity.batch import check_many


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 40
    users = int(args[1]) if len(args) > 1 else 20000
    paths = [str(roster_dir(users, seed=seed)) for seed in range(1, count + 1)]
    configs: list[tuple[str, dict[str, object]]] = [
        ("1 worker (in process)", {"jobs": 1}),
        ("2 workers (process pool)", {"jobs": 2}),
    ]
    if "--dask" in sys.argv:
        from dask.distributed import Client, LocalCluster

        for n in (1, 2):
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
            configs.append((f"{n} Dask worker(s) (LocalCluster)", {"client": client}))
    for label, options in configs:
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            result = check_many(paths, out, **options)  # type: ignore[arg-type]
            seconds = time.perf_counter() - start
        print(
            f"{label}: {count} rosters of ~{users} users in {seconds:.1f} s = "
            f"{count / seconds * 60:.1f} rosters/min (exit {result.exit_code})",
            flush=True,
        )


if __name__ == "__main__":
    main()
