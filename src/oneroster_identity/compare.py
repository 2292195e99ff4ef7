"""What the next sync changes for identity: two snapshots of one district, compared.

A :class:`Snapshot` is what comparison needs of one check: each person's records, each
record's identity values (name, email, SMS phone), the near-misses and the account count.
It is built from a :class:`~oneroster_identity.match.MatchResult` (a roster, or a base plus
a delta) or from a saved JSON report of an earlier check, so a nightly job can keep last
night's report instead of last night's roster.

:func:`compare` reports:

- ``splits``: persons of OLD whose records no longer all merge in NEW, with the field
  changes that caused it (a person who will lose an account, or get a second one);
- ``merges``: persons of NEW that join records OLD kept apart;
- ``near_misses_new`` / ``near_misses_resolved``: by their stable ids;
- ``contact_changes``: email or SMS of persons in both, and whether the app applies them
  under ``allow_contact_updates``;
- account counts before and after.
"""

from __future__ import annotations

import json
import multiprocessing
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any

import attrs

from oneroster_identity.errors import OneRosterIdentityError
from oneroster_identity.match import MatchResult
from oneroster_identity.report import REPORT_CSS, contact_hash, html_text, safe_cell

__all__ = [
    "COMPARE_SCHEMA_VERSION",
    "Comparison",
    "RecordValues",
    "Snapshot",
    "SnapshotError",
    "compare",
    "comparison_document",
    "load_snapshot",
    "load_snapshots",
    "write_comparison_csv",
    "write_comparison_html",
    "write_comparison_json",
    "write_comparison_text",
]

COMPARE_SCHEMA_VERSION = "1.0"


class SnapshotError(OneRosterIdentityError, ValueError):
    """A saved report cannot serve as a snapshot (not a report of this library, or too old)."""


@attrs.frozen(kw_only=True)
class RecordValues:
    """One record's identity values in a snapshot (raw, as the SIS holds them)."""

    given: str = ""
    family: str = ""
    email: str = ""
    sms: str = ""


@attrs.frozen(kw_only=True)
class SnapshotNearMiss:
    """A near-miss as comparison sees it: its stable id, kind and records."""

    id: str
    kind: str
    sourced_ids: tuple[str, ...]
    summary: str = ""


@attrs.frozen(kw_only=True)
class Snapshot:
    """What comparison needs of one check (see the module doc)."""

    persons: tuple[tuple[str, ...], ...]
    """The sourcedIds of each person (account), sorted."""
    records: Mapping[str, RecordValues]
    """Identity values per sourcedId; empty for a snapshot from a redacted report."""
    near_misses: tuple[SnapshotNearMiss, ...]
    accounts_created: int
    allow_contact_updates: bool = False
    redacted: bool = False
    """The report's contacts were masked without hashes: contact changes cannot be told."""
    hashed: bool = False
    """Email and SMS values are keyed hashes (``h:...``) from a redacted report."""

    def with_hashed_contacts(self, key: bytes) -> Snapshot:
        """This snapshot with raw email and SMS values replaced by their keyed hashes, so
        it compares with a snapshot from a redacted, hashed report."""
        if self.hashed:
            return self
        return attrs.evolve(
            self,
            records={
                sid: attrs.evolve(r, email=contact_hash(r.email, key), sms=contact_hash(r.sms, key))
                for sid, r in self.records.items()
            },
            hashed=True,
        )

    @classmethod
    def from_result(cls, result: MatchResult) -> Snapshot:
        """The snapshot of a check just run."""
        return cls(
            persons=tuple(p.sourced_ids for p in result.persons),
            records={
                sid: RecordValues(
                    given=f.name.given,
                    family=f.name.family,
                    email=f.email.raw,
                    sms=f.phone.raw,
                )
                for sid, f in result.facts.items()
            },
            near_misses=tuple(
                SnapshotNearMiss(
                    id=n.id, kind=n.kind.value, sourced_ids=n.sourced_ids, summary=n.summary
                )
                for n in result.near_misses
            ),
            accounts_created=result.accounts_created,
            allow_contact_updates=result.policy.allow_contact_updates,
        )

    @classmethod
    def from_report(cls, report: Mapping[str, Any] | IO[str] | str | Path) -> Snapshot:
        """The snapshot of a saved JSON report (``check --format json``).

        Person-level values stand in for each of the person's records. A redacted report
        carries no contact values (unless it was written with a hash key: then keyed
        hashes): its snapshot compares persons and near-misses, and says that contact
        changes cannot be told. A report file is read one line at a time (the writer puts
        each item on its own line), so a 1M-person report is never held whole.
        """
        builder = _SnapshotBuilder()
        if isinstance(report, Mapping):
            builder.add_document(report)
        elif isinstance(report, (str, Path)):
            with open(report, encoding="utf-8") as fh:
                builder.add_lines(fh)
        else:
            builder.add_lines(report)
        return builder.finish()


_SECTION = re.compile(r'^  "(persons|near_misses)": \[\s*$')
_KEY = re.compile(r'^  "(schema_version|summary|policy)": (.*?),?\s*$')


class _SnapshotBuilder:
    """Builds a :class:`Snapshot` from report items one at a time (persons are turned into
    records as they are read, so the report itself is never held)."""

    def __init__(self) -> None:
        self.persons: list[tuple[str, ...]] = []
        self.records: dict[str, RecordValues] = {}
        self.near: list[SnapshotNearMiss] = []
        self.header: dict[str, Any] = {}
        self.masked = False
        self.unhashed = False

    def add_document(self, data: Mapping[str, Any]) -> None:
        if "persons" not in data or "summary" not in data:
            raise SnapshotError("not a JSON report of oneroster-identity check")
        self.header.update(
            {k: data[k] for k in ("summary", "policy", "schema_version") if k in data}
        )
        for person in data["persons"]:
            self.add_person(person)
        for near in data.get("near_misses", ()):
            self.add_near_miss(near)

    def add_lines(self, lines: Iterable[str]) -> None:
        it = iter(lines)
        first = next(it, "")
        if first.strip() != "{":
            rest = first + "".join(it)
            try:
                self.add_document(json.loads(rest))
            except json.JSONDecodeError as exc:
                raise SnapshotError(f"not a JSON report: {exc.msg}") from None
            return
        section: str | None = None
        for line in it:
            if section is not None:
                if line.startswith("  ]"):
                    section = None
                    continue
                item = json.loads(line.strip().rstrip(","))
                if section == "persons":
                    self.add_person(item)
                else:
                    self.add_near_miss(item)
                continue
            opened = _SECTION.match(line)
            if opened:
                section = opened.group(1)
                continue
            key = _KEY.match(line)
            if key:
                self.header[key.group(1)] = json.loads(key.group(2))
        if "summary" not in self.header:
            raise SnapshotError("not a JSON report of oneroster-identity check")

    def add_person(self, p: Mapping[str, Any]) -> None:
        ids = tuple(p["sourced_ids"])
        self.persons.append(ids)
        masked = "***" in str(p.get("email", "")) or "***" in str(p.get("phone", ""))
        self.masked = self.masked or masked
        hashes = p.get("contact_hashes")
        if masked and not hashes:
            self.unhashed = True
        values = RecordValues(
            given=p.get("given_name", ""),
            family=p.get("family_name", ""),
            email=hashes["email"] if hashes else p.get("email", ""),
            sms=hashes["phone"] if hashes else p.get("phone", ""),
        )
        for sid in ids:
            self.records[sid] = values
        if hashes:
            return
        for diff in p.get("fragile") or ():
            attr = {"givenName": "given", "familyName": "family", "email": "email"}.get(
                diff["field"], "sms"
            )
            for v in diff["values"]:
                self.records[v["sourced_id"]] = attrs.evolve(
                    self.records[v["sourced_id"]], **{attr: v["value"]}
                )

    def add_near_miss(self, n: Mapping[str, Any]) -> None:
        self.near.append(
            SnapshotNearMiss(
                id=n["id"],
                kind=n["kind"],
                sourced_ids=tuple(n["sourced_ids"]),
                summary=n.get("summary", ""),
            )
        )

    def finish(self) -> Snapshot:
        redacted = self.masked and self.unhashed
        hashed = self.masked and not self.unhashed
        policy = self.header.get("policy") or {}
        return Snapshot(
            persons=tuple(self.persons),
            records={} if redacted else self.records,
            near_misses=tuple(self.near),
            accounts_created=int(self.header["summary"]["accounts_created"]),
            allow_contact_updates=bool(policy.get("allow_contact_updates", False)),
            redacted=redacted,
            hashed=hashed,
        )


@attrs.frozen(kw_only=True)
class FieldChange:
    """A value that changed on one record between the snapshots."""

    sourced_id: str
    field: str
    old: str
    new: str


@attrs.frozen(kw_only=True)
class Split:
    """An OLD person whose records NEW puts into several persons."""

    sourced_ids: tuple[str, ...]
    into: tuple[tuple[str, ...], ...]
    """The NEW persons its records went to (records removed in NEW are left out)."""
    changes: tuple[FieldChange, ...]
    """The identity values that changed on its records: what caused the split."""


@attrs.frozen(kw_only=True)
class Merge:
    """A NEW person joining records that OLD kept in several persons."""

    sourced_ids: tuple[str, ...]
    from_persons: tuple[tuple[str, ...], ...]


@attrs.frozen(kw_only=True)
class ContactChange:
    """An email or SMS change of a person in both snapshots, and whether the app applies it."""

    sourced_id: str
    field: str
    old: str
    new: str
    applied_by_app: bool
    """Under ``allow_contact_updates`` the app takes the new value; otherwise a joined
    user keeps the old one (accounts not yet joined take it either way)."""


@attrs.frozen(kw_only=True)
class Comparison:
    """What changes for identity between two snapshots (see the module doc)."""

    splits: tuple[Split, ...]
    merges: tuple[Merge, ...]
    near_misses_new: tuple[SnapshotNearMiss, ...]
    near_misses_resolved: tuple[SnapshotNearMiss, ...]
    contact_changes: tuple[ContactChange, ...]
    accounts_before: int
    accounts_after: int
    contacts_comparable: bool = True
    """False when a side is a redacted report: contact changes cannot be told."""

    @property
    def needs_action(self) -> bool:
        """Whether something new needs an admin: a split, or a new near-miss."""
        return bool(self.splits or self.near_misses_new)

    def summary(self) -> dict[str, Any]:
        """Counts for the first lines of every format."""
        return {
            "accounts_before": self.accounts_before,
            "accounts_after": self.accounts_after,
            "splits": len(self.splits),
            "merges": len(self.merges),
            "near_misses_new": len(self.near_misses_new),
            "near_misses_resolved": len(self.near_misses_resolved),
            "contact_changes": len(self.contact_changes),
            "contacts_comparable": self.contacts_comparable,
            "needs_action": self.needs_action,
        }


_FIELDS = (("givenName", "given"), ("familyName", "family"), ("email", "email"), ("sms", "sms"))


def _changes(ids: Iterable[str], old: Snapshot, new: Snapshot) -> list[FieldChange]:
    out: list[FieldChange] = []
    for sid in ids:
        a, b = old.records.get(sid), new.records.get(sid)
        if a is None or b is None:
            continue
        for field, attr in _FIELDS:
            va, vb = getattr(a, attr), getattr(b, attr)
            if va != vb:
                out.append(FieldChange(sourced_id=sid, field=field, old=va, new=vb))
    return out


def compare(
    old: Snapshot | MatchResult,
    new: Snapshot | MatchResult,
    *,
    hash_key: bytes | None = None,
) -> Comparison:
    """What changes for identity from ``old`` to ``new`` (see the module doc).

    When one side comes from a redacted report with keyed contact hashes, ``hash_key``
    (the key that report was written with) hashes the other side's contacts so both
    compare; the comparison then shows hashes, never raw contacts.
    """
    a = old if isinstance(old, Snapshot) else Snapshot.from_result(old)
    b = new if isinstance(new, Snapshot) else Snapshot.from_result(new)
    if (a.hashed or b.hashed) and hash_key is not None:
        a, b = a.with_hashed_contacts(hash_key), b.with_hashed_contacts(hash_key)
    person_in_new = {sid: p for p in b.persons for sid in p}
    person_in_old = {sid: p for p in a.persons for sid in p}
    splits = []
    for p in a.persons:
        into = sorted({person_in_new[sid] for sid in p if sid in person_in_new})
        if len(into) > 1:
            splits.append(Split(sourced_ids=p, into=tuple(into), changes=tuple(_changes(p, a, b))))
    merges = []
    for p in b.persons:
        came_from = sorted({person_in_old[sid] for sid in p if sid in person_in_old})
        if len(came_from) > 1:
            merges.append(Merge(sourced_ids=p, from_persons=tuple(came_from)))
    old_ids = {n.id: n for n in a.near_misses}
    new_ids = {n.id: n for n in b.near_misses}
    comparable = not (a.redacted or b.redacted) and a.hashed == b.hashed
    contact: list[ContactChange] = []
    if comparable:
        for sid in sorted(set(a.records) & set(b.records)):
            ra, rb = a.records[sid], b.records[sid]
            for field in ("email", "sms"):
                va, vb = getattr(ra, field), getattr(rb, field)
                if va != vb:
                    contact.append(
                        ContactChange(
                            sourced_id=sid,
                            field=field,
                            old=va,
                            new=vb,
                            applied_by_app=b.allow_contact_updates,
                        )
                    )
    return Comparison(
        splits=tuple(sorted(splits, key=lambda s: s.sourced_ids)),
        merges=tuple(sorted(merges, key=lambda m: m.sourced_ids)),
        near_misses_new=tuple(new_ids[i] for i in sorted(set(new_ids) - set(old_ids))),
        near_misses_resolved=tuple(old_ids[i] for i in sorted(set(old_ids) - set(new_ids))),
        contact_changes=tuple(contact),
        accounts_before=a.accounts_created,
        accounts_after=b.accounts_created,
        contacts_comparable=comparable,
    )


def _as_json(value: Any) -> Any:
    if attrs.has(type(value)):
        return {k: _as_json(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, (tuple, list)):
        return [_as_json(v) for v in value]
    return value


def comparison_document(comparison: Comparison, *, old: str, new: str) -> dict[str, Any]:
    """The comparison as the JSON report's data (``schema_version`` first)."""
    from oneroster_identity import __version__

    return {
        "schema_version": COMPARE_SCHEMA_VERSION,
        "generator": {"name": "oneroster-identity", "version": __version__},
        "old": old,
        "new": new,
        "summary": comparison.summary(),
        "splits": _as_json(comparison.splits),
        "merges": _as_json(comparison.merges),
        "near_misses_new": _as_json(comparison.near_misses_new),
        "near_misses_resolved": _as_json(comparison.near_misses_resolved),
        "contact_changes": _as_json(comparison.contact_changes),
    }


def write_comparison_json(comparison: Comparison, out: IO[str], *, old: str, new: str) -> None:
    """The comparison as JSON (keys sorted, deterministic)."""
    json.dump(
        comparison_document(comparison, old=old, new=new),
        out,
        indent=2,
        sort_keys=True,
        ensure_ascii=False,
    )
    out.write("\n")


def write_comparison_text(
    comparison: Comparison, out: IO[str], *, old: str, new: str, limit: int = 15
) -> None:
    """A short terminal report of the comparison, what needs action first."""
    s = comparison.summary()
    w = out.write
    w(f"OneRoster identity: {old} -> {new}\n")
    w(f"  accounts            {s['accounts_before']} -> {s['accounts_after']}\n")
    w(
        f"  splits {s['splits']}, merges {s['merges']}, near-misses new {s['near_misses_new']}, "
        f"resolved {s['near_misses_resolved']}, contact changes "
        + (
            str(s["contact_changes"])
            if comparison.contacts_comparable
            else "unknown (redacted report)"
        )
        + "\n"
    )
    if comparison.splits:
        w("\nSplits (one person before, several accounts now):\n")
        for split in comparison.splits[:limit]:
            w(
                f"  {' + '.join(split.sourced_ids)} -> {' | '.join(' + '.join(p) for p in split.into)}\n"
            )
            for c in split.changes:
                w(f"      {c.sourced_id}.{c.field}: {c.old!r} -> {c.new!r}\n")
    if comparison.near_misses_new:
        w("\nNew near-misses:\n")
        for n in comparison.near_misses_new[:limit]:
            w(f"  {n.id} {n.kind}: {' + '.join(n.sourced_ids)}\n")
    if comparison.near_misses_resolved:
        w("\nResolved near-misses:\n")
        for n in comparison.near_misses_resolved[:limit]:
            w(f"  {n.id} {n.kind}: {' + '.join(n.sourced_ids)}\n")
    if comparison.merges:
        w("\nNew merges:\n")
        for m in comparison.merges[:limit]:
            w(f"  {' + '.join(m.sourced_ids)}\n")
    if comparison.contact_changes:
        w("\nContact changes:\n")
        for cc in comparison.contact_changes[:limit]:
            how = "applied by the app" if cc.applied_by_app else "joined users keep the old value"
            w(f"  {cc.sourced_id}.{cc.field}: {cc.old!r} -> {cc.new!r} ({how})\n")


def _is_report(path: Path) -> bool:
    """Whether ``path`` is a JSON report of this library (its first lines say so), not a
    REST roster: read from the head of the file only."""
    if path.suffix.casefold() != ".json" or not path.is_file():
        return False
    try:
        with open(path, encoding="utf-8") as fh:
            head = [fh.readline() for _ in range(3)]
    except (OSError, UnicodeDecodeError):
        return False
    return head[0].strip() == "{" and '"schema_version"' in head[1] and '"generator"' in head[2]


def load_snapshot(
    path: str | Path,
    *,
    base: str | Path | None = None,
    policy: Any = None,
    encoding: str = "utf-8",
) -> Snapshot:
    """A snapshot from a saved JSON report, a roster, or a delta with its ``base``."""
    from oneroster_identity.io import read_roster
    from oneroster_identity.match import match

    if base is None and _is_report(Path(path)):
        return Snapshot.from_report(Path(path))
    roster = read_roster(path, encoding=encoding, base=base)
    return Snapshot.from_result(match(roster, policy))


_Packed = tuple[Any, ...]


def _pack(snapshot: Snapshot) -> _Packed:
    """A snapshot as plain tuples of strings, for the trip between processes: pickling a
    million small objects costs more than building them (measured: a normalized email
    takes 4.7 us to compute and 7.8 us to pickle and unpickle), strings cost little."""
    values = list(snapshot.records.values())
    return (
        snapshot.persons,
        tuple(snapshot.records),
        tuple(r.given for r in values),
        tuple(r.family for r in values),
        tuple(r.email for r in values),
        tuple(r.sms for r in values),
        snapshot.near_misses,
        snapshot.accounts_created,
        snapshot.allow_contact_updates,
        snapshot.redacted,
        snapshot.hashed,
    )


def _unpack(packed: _Packed) -> Snapshot:
    persons, ids, given, family, email, sms, near, created, allow, redacted, hashed = packed
    return Snapshot(
        persons=persons,
        records={
            sid: RecordValues(given=g, family=f, email=e, sms=m)
            for sid, g, f, e, m in zip(ids, given, family, email, sms, strict=True)
        },
        near_misses=near,
        accounts_created=created,
        allow_contact_updates=allow,
        redacted=redacted,
        hashed=hashed,
    )


def _packed_snapshot(
    path: str, base: str | None, policy: Any, encoding: str
) -> _Packed:  # runs in a worker process
    return _pack(load_snapshot(path, base=base, policy=policy, encoding=encoding))


def load_snapshots(
    old: str | Path,
    new: str | Path,
    *,
    old_base: str | Path | None = None,
    new_base: str | Path | None = None,
    policy: Any = None,
    encoding: str = "utf-8",
    jobs: int = 1,
) -> tuple[Snapshot, Snapshot]:
    """The snapshots of OLD and NEW (each as :func:`load_snapshot` reads it).

    With ``jobs=2`` and two rosters to check (neither a saved report, which loads in a
    fraction of a check), OLD is checked in a worker process while NEW is checked here:
    on two cores the comparison then takes about one check's time instead of two, at the
    price of a second process's memory (each process peaks like one check). Errors of
    either side are raised here as they would be sequentially, OLD's first.
    """
    in_parallel = (
        jobs >= 2
        and not (old_base is None and _is_report(Path(old)))
        and not (new_base is None and _is_report(Path(new)))
    )
    if not in_parallel:
        return (
            load_snapshot(old, base=old_base, policy=policy, encoding=encoding),
            load_snapshot(new, base=new_base, policy=policy, encoding=encoding),
        )
    # spawn: a fresh interpreter, never a fork of a caller that may hold threads or locks.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(
            _packed_snapshot,
            str(old),
            None if old_base is None else str(old_base),
            policy,
            encoding,
        )
        try:
            new_snapshot = load_snapshot(new, base=new_base, policy=policy, encoding=encoding)
        except OneRosterIdentityError:
            future.result()  # OLD's error first, as sequentially
            raise
        return _unpack(future.result()), new_snapshot


COMPARISON_CSV_COLUMNS = ("change", "item", "sourced_ids", "field", "old", "new", "note")
"""One row per change: ``split`` (one row per changed field, or one without a field),
``merge``, ``near-miss-new``, ``near-miss-resolved``, ``contact-change``."""


def _rows(comparison: Comparison) -> list[tuple[str, str, str, str, str, str, str]]:
    rows: list[tuple[str, str, str, str, str, str, str]] = []
    for split in comparison.splits:
        into = " | ".join(" ".join(p) for p in split.into)
        if not split.changes:
            rows.append(("split", "", " ".join(split.sourced_ids), "", "", "", f"into {into}"))
        for c in split.changes:
            rows.append(
                (
                    "split",
                    c.sourced_id,
                    " ".join(split.sourced_ids),
                    c.field,
                    c.old,
                    c.new,
                    f"into {into}",
                )
            )
    for m in comparison.merges:
        rows.append(("merge", "", " ".join(m.sourced_ids), "", "", "", "records kept apart before"))
    for n in comparison.near_misses_new:
        rows.append(("near-miss-new", n.id, " ".join(n.sourced_ids), "", "", "", n.kind))
    for n in comparison.near_misses_resolved:
        rows.append(("near-miss-resolved", n.id, " ".join(n.sourced_ids), "", "", "", n.kind))
    for cc in comparison.contact_changes:
        how = "applied by the app" if cc.applied_by_app else "joined users keep the old value"
        rows.append(("contact-change", cc.sourced_id, cc.sourced_id, cc.field, cc.old, cc.new, how))
    return rows


def write_comparison_csv(comparison: Comparison, out: IO[str]) -> int:
    """The comparison as a spreadsheet-safe CSV, one row per change; returns the row count."""
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COMPARISON_CSV_COLUMNS)
    rows = _rows(comparison)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return len(rows)


def write_comparison_html(comparison: Comparison, out: IO[str], *, old: str, new: str) -> None:
    """The comparison as one self-contained HTML page (no network), the summary first."""
    s = comparison.summary()
    w = out.write
    w("<!doctype html><html lang='en'><head><meta charset='utf-8'>")
    w(f"<title>OneRoster identity: what changes</title><style>{REPORT_CSS}</style></head><body>")
    w(f"<h1>What changes: {html_text(old)} &rarr; {html_text(new)}</h1><table id='summary-table'>")
    for key, value in s.items():
        w(f"<tr><th>{html_text(key.replace('_', ' '))}</th><td>{html_text(str(value))}</td></tr>")
    w("</table><h2>Changes</h2><table id='changes'><tr>")
    w("".join(f"<th>{html_text(c)}</th>" for c in COMPARISON_CSV_COLUMNS) + "</tr>")
    for row in _rows(comparison):
        w("<tr>" + "".join(f"<td>{html_text(v)}</td>" for v in row) + "</tr>")
    w("</table></body></html>\n")
