"""Many districts at once: the same check mapped over many rosters, one summary.

A district is the unit: identity never crosses districts, so each roster is checked
independently, with the same policy, by :func:`check_roster` (a plain function of a path
and an output folder that writes its own JSON report and returns one small
:class:`RosterSummary`). :func:`check_many` maps it over the rosters on an engine that
already schedules and scales:

- in this process (``jobs=1``),
- a standard-library process pool (``jobs=N``),
- Dask (``client=`` a ``dask.distributed.Client``, or ``scheduler=`` its address; the
  ``dask`` extra), where a cluster's workers run it.

There is no scheduler, queue or retry loop here: the engine's own is used. The driver
never holds a roster, only the summaries, which arrive as the rosters finish and are
written in the order the rosters were given, so the summary and every report are
byte-identical whatever the engine or the number of workers.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import attrs

from oneroster_identity._memo import one_run
from oneroster_identity._usage import require, require_count
from oneroster_identity.diagnostics import Severity
from oneroster_identity.errors import (
    ExistingAccountsError,
    MissingExtraError,
    OneRosterIdentityError,
    UsageError,
)
from oneroster_identity.existing import (
    AccountOutcome,
    check_existing,
    read_existing_accounts,
)
from oneroster_identity.io import ENCODING_FALLBACK, encoding_problem, read_roster
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.models import Roster
from oneroster_identity.policy import Policy
from oneroster_identity.report import safe_cell, write_json
from oneroster_identity.review import apply_decisions, read_decisions
from oneroster_identity.verdict import verdict

__all__ = [
    "SUMMARY_COLUMNS",
    "BatchResult",
    "RosterSummary",
    "check_many",
    "check_roster",
    "roster_names",
]

SUMMARY_COLUMNS = (
    "roster",
    "source",
    "status",
    "verdict",
    "users",
    "records_rejected",
    "read_errors",
    "accounts_created",
    "people_with_several_accounts",
    "extra_accounts",
    "likely_same",
    "shared_contacts",
    "shared_values",
    "findings_error",
    "findings_warning",
    "findings_info",
    "set_aside",
    "existing_accounts_read",
    "existing_new_unless_updated",
    "existing_students_with_candidates",
    "district_domains",
    "encoding",
    "report",
    "error",
)
"""The columns of ``summary.csv``, one row per roster (``summary.json`` has the same keys)."""


@attrs.frozen(kw_only=True)
class RosterSummary:
    """One roster's line in the batch summary: what needs attention, never the roster."""

    roster: str
    """The roster's name in the batch (its file or folder name, made unique)."""
    source: str
    status: str
    """``ok`` (nothing to fix), ``problems`` (the check found some), ``error`` (unreadable)."""
    verdict: str = ""
    """The check's verdict (since session 54): ``blocked`` (something blocks the sync),
    ``warnings`` or ``ok``, as :func:`~oneroster_identity.verdict` and the district's
    report say; empty for an unreadable roster. Which districts may sync now, at a
    glance."""
    users: int = 0
    records_rejected: int = 0
    """Rows the reader rejected (since session 53): records the check never saw."""
    read_errors: int = 0
    """The reader's error diagnostics (since session 53)."""
    accounts_created: int = 0
    people_with_several_accounts: int = 0
    """People the sync will probably split into several accounts: the likely-same items
    of two accounts or more (since session 46 a record the sync does not add, a guardian
    with no email or SMS phone, makes none: ``MatchResult.split_accounts``)."""
    extra_accounts: int = 0
    """The accounts beyond one each of those people."""
    likely_same: int = 0
    shared_contacts: int = 0
    """Shared-contact items: groups of different people holding one email or SMS phone
    (the JSON report's ``summary.near_misses``)."""
    shared_values: int = 0
    """The emails and SMS phones several accounts hold (since session 69): one per
    shared-contact item, two for holders who share both; the figure the district's text
    and HTML reports give under "Shared contacts" (``MatchResult.shared_values``)."""
    findings_error: int = 0
    findings_warning: int = 0
    findings_info: int = 0
    set_aside: int = 0
    """Items the district's reviewed decisions set aside (``decisions_dir``)."""
    existing_accounts_read: int = 0
    """Rows of the district's app-accounts export (``existing_dir``); 0 without one."""
    existing_new_unless_updated: int = 0
    """App accounts the first sync replaces with new ones unless someone updates them."""
    existing_students_with_candidates: int = 0
    """Old student accounts with roster students to merge them with after the sync."""
    district_domains: str = ""
    """The district email domains the check used, space-separated, ``(inferred)`` after
    them when read off the staff records: with one policy for a portfolio, each district's
    own domain is inferred from its roster."""
    encoding: str = ""
    """The encoding the roster was read with: the batch's, or its fallback for a roster
    that is not valid in the batch's (since session 53; empty for an unreadable roster)."""
    report: str = ""
    """The JSON report's file name in the output folder (empty for an unreadable roster)."""
    error: str = ""
    """For ``error``: the one located message saying why the roster could not be read."""

    def as_dict(self) -> dict[str, Any]:
        """The row as a JSON-ready dict with :data:`SUMMARY_COLUMNS` keys."""
        return {c: getattr(self, c) for c in SUMMARY_COLUMNS}


@attrs.frozen(kw_only=True)
class BatchResult:
    """The summaries of a batch, in the order the rosters were given."""

    summaries: tuple[RosterSummary, ...]
    output_dir: Path

    @property
    def exit_code(self) -> int:
        """``2`` when any roster is unreadable, ``1`` when any has problems, else ``0``."""
        statuses = {s.status for s in self.summaries}
        return 2 if "error" in statuses else 1 if "problems" in statuses else 0


def roster_names(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """A unique, file-system-safe name per roster: its file or folder name without the
    extension; a name several rosters share is prefixed with each one's parent folder
    (a portfolio of ``<district>/OneRoster`` folders), and ``-2``, ``-3``... tell apart
    what still repeats (in input order, so the names never depend on scheduling).

    >>> roster_names(["a/district.zip", "b/district", "c/users.json"])
    ['a-district', 'b-district', 'users']
    >>> roster_names(["east/OneRoster", "west/OneRoster", "x.zip", "x.json"])
    ['east-OneRoster', 'west-OneRoster', 'x', 'x-2']
    """
    stems = [_safe_name(_stem(Path(p).name)) for p in paths]
    shared = Counter(stems)
    names: list[str] = []
    seen: dict[str, int] = {}
    for p, stem in zip(paths, stems, strict=True):
        parent = Path(p).parent.name
        if shared[stem] > 1 and parent not in ("", ".", ".."):
            stem = f"{_safe_name(parent)}-{stem}"
        n = seen.get(stem, 0) + 1
        seen[stem] = n
        names.append(stem if n == 1 else f"{stem}-{n}")
    return names


def _stem(base: str) -> str:
    suffix = Path(base).suffix
    return base[: -len(suffix)] if suffix in (".zip", ".json", ".csv") else base


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text) or "roster"


@one_run
def check_roster(
    path: str,
    name: str,
    output_dir: str,
    policy: Mapping[str, Any] | None = None,
    decisions: str | None = None,
    existing: str | None = None,
    encoding: str = "utf-8",
    fallback_encoding: str | None = None,
) -> RosterSummary:
    """Check one roster, write ``<output_dir>/<name>.json`` and return its summary row.

    Runs in a worker: it takes and returns only small picklable values (the policy as
    :meth:`Policy.to_dict` data, the paths of the district's decisions file and of its
    app-accounts export, checked as ``check --existing`` checks one). An unreadable
    roster, decisions file or export is a row with status ``error`` and its located
    message, never an exception that ends the batch. The roster is read in ``encoding``;
    one whose bytes are not valid in it is read again in ``fallback_encoding`` when one is
    given (a portfolio of UTF-8 exports with one saved by Excel on Windows, cp1252), and
    its row's ``encoding`` says which was used.

    The whole check of the roster is one run (``_memo``): caches of its values stay warm
    from the read to the report and are emptied when it ends, so an in-process batch
    holds no district's names while it checks the next.
    """
    chosen = Policy.from_dict(policy) if policy is not None else Policy()
    try:
        reviewed = read_decisions(decisions) if decisions is not None else ()
        accounts = read_existing_accounts(existing) if existing is not None else None
        roster, encoding = _read(path, encoding, fallback_encoding)
    except ExistingAccountsError as exc:
        error = f"{exc} (the app-accounts export {existing})"
        return RosterSummary(roster=name, source=path, status="error", error=error)
    except OneRosterIdentityError as exc:
        return RosterSummary(roster=name, source=path, status="error", error=str(exc))
    except OSError as exc:
        return RosterSummary(
            roster=name, source=path, status="error", error=f"cannot read {path}: {exc.strerror}"
        )
    result = apply_decisions(match(roster, chosen), reviewed)
    checked = None if accounts is None else check_existing(roster, result, accounts)
    report = f"{name}.json"
    target = Path(output_dir) / report
    tmp = target.with_suffix(".json.part")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            write_json(result, out, source=name, version=roster.version, existing=checked)
        tmp.replace(target)
    except OSError as exc:
        # (a full disk, a share gone: the district's row says so, and the batch goes on;
        # before session 56 the batch ended in an "internal error")
        tmp.unlink(missing_ok=True)
        error = f"cannot write {target}: {exc.strerror or exc}"
        return RosterSummary(roster=name, source=path, status="error", error=error)
    likely = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    split, extra = result.split_accounts()
    severities = dict.fromkeys(Severity, 0)
    for f in result.findings:
        severities[f.severity] += 1
    return RosterSummary(
        roster=name,
        source=path,
        status="problems"
        if result.has_problems or (checked is not None and checked.has_problems)
        else "ok",
        verdict=verdict(result, checked).status,
        users=len(roster.users),
        records_rejected=roster.rejected_rows,
        read_errors=result.read_errors,
        accounts_created=result.accounts_created,
        people_with_several_accounts=split,
        extra_accounts=extra,
        likely_same=len(likely),
        shared_contacts=len(result.near_misses) - len(likely),
        shared_values=result.shared_values(),
        findings_error=severities[Severity.ERROR],
        findings_warning=severities[Severity.WARNING],
        findings_info=severities[Severity.INFO],
        set_aside=len(result.set_aside),
        existing_accounts_read=0 if checked is None else checked.accounts_read,
        existing_new_unless_updated=0
        if checked is None
        else checked.outcomes()[AccountOutcome.NEW_UNLESS_UPDATED],
        existing_students_with_candidates=0
        if checked is None
        else checked.students_with_merge_candidates,
        district_domains=" ".join(result.policy.district_domains)
        + (" (inferred)" if result.district_domains_inferred else ""),
        encoding=encoding,
        report=report,
    )


def _read(path: str, encoding: str, fallback: str | None) -> tuple[Roster, str]:
    """The roster at ``path`` and the encoding it was read with (``read_roster``'s
    ``fallback_encoding`` says when it fell back)."""
    roster = read_roster(path, encoding=encoding, fallback_encoding=fallback)
    if fallback is not None and any(d.code == ENCODING_FALLBACK for d in roster.diagnostics):
        return roster, fallback
    return roster, encoding


def _dask_client(client: Any, scheduler: str | None) -> tuple[Any, Any, bool]:
    """(client, dask's as_completed, whether we opened the client and must close it)."""
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise MissingExtraError(
            "Dask is not installed: pip install 'oneroster-identity[dask]'"
        ) from None
    if client is not None:
        return client, dask_completed, False
    opened: Any = Client(scheduler)  # type: ignore[no-untyped-call,unused-ignore]
    return opened, dask_completed, True


def check_many(
    rosters: Iterable[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    *,
    policy: Policy | None = None,
    jobs: int = 1,
    client: Any = None,
    scheduler: str | None = None,
    progress: Callable[[RosterSummary], None] | None = None,
    decisions_dir: str | os.PathLike[str] | None = None,
    existing_dir: str | os.PathLike[str] | None = None,
    encoding: str = "utf-8",
    fallback_encoding: str | None = None,
) -> BatchResult:
    """Check every roster with the same policy; write one JSON report per roster and
    ``summary.csv`` / ``summary.json`` into ``output_dir``.

    Each summary is appended to ``summary.partial.jsonl`` as its roster finishes (so a
    batch stopped midway leaves the rows it has); at the end the summary files are written
    in input order and the partial file is removed. ``jobs`` > 1 uses a process pool of
    that size; ``client`` (a
    ``dask.distributed.Client``) or ``scheduler`` (its address) runs the rosters on Dask
    instead. ``progress`` is called with each summary as its roster finishes (in finishing
    order); the returned summaries and the files are in input order. ``decisions_dir``
    holds each district's reviewed decisions as ``<name>.csv`` (its roster's name in the
    batch, as its report is named); a district without one has none. ``existing_dir``
    holds each district's export of the accounts already in the app as ``<name>.csv``,
    checked as ``check --existing`` checks one (the report's existing-accounts sections
    and three summary columns); a district without one is checked without. Every roster
    is read in ``encoding``; with ``fallback_encoding`` (``cp1252``: Excel on Windows), a
    roster not valid in ``encoding`` is read in that instead, and its summary row's
    ``encoding`` says which was used (:func:`check_roster`).

    >>> result = check_many(["district-a.zip", "district-b"], "out", jobs=2)  # doctest: +SKIP
    >>> result.exit_code, [s.status for s in result.summaries]  # doctest: +SKIP
    """
    if isinstance(rosters, (str, bytes, os.PathLike)):
        raise UsageError(
            "check_many() takes a list of roster paths, not one path: its letters are no "
            "rosters ([path] checks one)"
        )
    require(
        policy,
        (Policy, type(None)),
        "check_many(policy=...)",
        "a Policy or None (Policy.from_dict(data) makes one of a dict)",
    )
    require_count(jobs, "check_many(jobs=...)")
    _require_codec("encoding", encoding)
    if fallback_encoding is not None:
        _require_codec("fallback_encoding", fallback_encoding)
    paths = [os.fspath(p) for p in rosters]
    names = roster_names(paths)
    reviewed = _per_district(decisions_dir, names, "decisions_dir")
    exported = _per_district(existing_dir, names, "existing_dir")
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    settings = (policy or Policy()).to_dict()
    results: dict[int, RosterSummary] = {}
    partial_path = out / "summary.partial.jsonl"
    partial = open(partial_path, "w", encoding="utf-8")  # noqa: SIM115 - closed below

    def done(index: int, summary: RosterSummary) -> None:
        # Streamed as rosters finish: a batch stopped midway still leaves its rows here.
        partial.write(json.dumps(summary.as_dict(), sort_keys=True, ensure_ascii=False) + "\n")
        partial.flush()
        results[index] = summary
        if progress is not None:
            progress(summary)

    try:
        if client is not None or scheduler is not None:
            dask_client, dask_completed, owned = _dask_client(client, scheduler)
            try:
                futures = dask_client.map(
                    check_roster,
                    paths,
                    names,
                    [str(out)] * len(paths),
                    [settings] * len(paths),
                    reviewed,
                    exported,
                    [encoding] * len(paths),
                    [fallback_encoding] * len(paths),
                    pure=False,
                )
                index = {f.key: i for i, f in enumerate(futures)}
                for future in dask_completed(futures):
                    done(index[future.key], future.result())
            finally:
                if owned:
                    dask_client.close()
        elif jobs > 1 and len(paths) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                pending = {
                    pool.submit(
                        check_roster, p, n, str(out), settings, d, e, encoding, fallback_encoding
                    ): i
                    for i, (p, n, d, e) in enumerate(
                        zip(paths, names, reviewed, exported, strict=True)
                    )
                }
                for future in as_completed(pending):
                    done(pending[future], future.result())
        else:
            for i, (p, n, d, e) in enumerate(zip(paths, names, reviewed, exported, strict=True)):
                done(i, check_roster(p, n, str(out), settings, d, e, encoding, fallback_encoding))
    finally:
        partial.close()
    summaries = tuple(results[i] for i in range(len(paths)))
    _write_summary(summaries, out)
    partial_path.unlink()
    return BatchResult(summaries=summaries, output_dir=out)


def _require_codec(option: str, value: object) -> None:
    """Refuse an encoding the readers cannot use (:func:`~oneroster_identity.io.
    encoding_problem`, their own test) before any roster is read (each would be an
    ``error`` row otherwise)."""
    if not isinstance(value, str):
        raise UsageError(f"check_many({option}=...) takes an encoding name such as 'cp1252'")
    problem = encoding_problem(value)
    if problem is not None:
        raise UsageError(f"check_many({option}=...): {problem} (such as 'utf-8', 'cp1252')")


def _per_district(
    folder: str | os.PathLike[str] | None, names: Sequence[str], option: str
) -> list[str | None]:
    """Each district's ``<folder>/<name>.csv``, or ``None`` where it has none. A folder
    that is not there is refused (since session 53; before, a mistyped path checked every
    district without its decisions or app accounts, unsaid)."""
    if folder is None:
        return [None] * len(names)
    if not Path(folder).is_dir():
        raise UsageError(
            f"check_many({option}=...): {os.fspath(folder)!r} is not a folder (each "
            "district's file is <folder>/<name>.csv)"
        )
    return [
        str(Path(folder) / f"{n}.csv") if (Path(folder) / f"{n}.csv").is_file() else None
        for n in names
    ]


def _write_summary(summaries: Sequence[RosterSummary], out: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for s in summaries:
        writer.writerow([safe_cell(v) for v in s.as_dict().values()])
    (out / "summary.csv").write_text(buffer.getvalue(), encoding="utf-8")
    data = {
        "rosters": [s.as_dict() for s in summaries],
        "totals": {
            "rosters": len(summaries),
            **{
                status: sum(1 for s in summaries if s.status == status)
                for status in ("ok", "problems", "error")
            },
            "verdicts": {
                outcome: sum(1 for s in summaries if s.verdict == outcome)
                for outcome in ("blocked", "warnings", "ok")
            },
        },
    }
    (out / "summary.json").write_text(
        json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
