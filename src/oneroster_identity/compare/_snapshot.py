"""What comparison needs of one check, built from a result or streamed from a saved report."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from oneroster_identity._gc import paused_gc
from oneroster_identity.compare._columns import PersonIds, PersonIdsBuilder, RecordColumns
from oneroster_identity.errors import OneRosterIdentityError
from oneroster_identity.match import MatchResult
from oneroster_identity.report import contact_hash

__all__ = ["RecordValues", "Snapshot", "SnapshotError", "SnapshotNearMiss"]


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

    persons: Sequence[tuple[str, ...]]
    """The sourcedIds of each person (account), sorted. A snapshot this library builds
    keeps them compactly (``compare._columns.PersonIds``: a person of one record is
    its sourcedId until read)."""
    records: Mapping[str, RecordValues]
    """Identity values per sourcedId; empty for a snapshot from a redacted report. A
    snapshot this library builds keeps them as columns (``compare._columns.RecordColumns``,
    in sourcedId order: about 85 bytes a record instead of about 300); any mapping works."""
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
            records=RecordColumns.of(
                (
                    (sid, r.given, r.family, contact_hash(r.email, key), contact_hash(r.sms, key))
                    for sid, r in self.records.items()
                ),
                RecordValues,
            ),
            hashed=True,
        )

    @classmethod
    def from_result(cls, result: MatchResult) -> Snapshot:
        """The snapshot of a check just run (built with the cyclic GC paused: its million
        values would otherwise set off full passes over the whole result)."""
        with paused_gc():
            return cls._of(result)

    @classmethod
    def _of(cls, result: MatchResult) -> Snapshot:
        facts = result.facts
        values = list(facts.values())
        names = [f.name for f in values]
        return cls(
            persons=PersonIds(map(result.persons.sourced_ids, range(len(result.persons)))),
            records=RecordColumns.from_columns(
                list(facts),
                [n.given for n in names],
                [n.family for n in names],
                [f.email.raw for f in values],
                [f.phone.raw for f in values],
                RecordValues,
            ),
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
        with paused_gc():
            if isinstance(report, Mapping):
                builder.add_document(report)
            elif isinstance(report, (str, Path)):
                with open(report, encoding="utf-8") as fh:
                    builder.add_lines(fh)
            else:
                builder.add_lines(report)
            return builder.finish()


_Columns = tuple[list[str], list[str], list[str], list[str], list[str]]
"""sourcedId, given, family, email, sms: one list each."""


def _text(value: Any) -> str:
    """A report value as text (a hand-edited report may hold ``null`` or a number)."""
    return "" if value is None else str(value)


_SECTION = re.compile(r'^  "(persons|near_misses)": \[\s*$')
_KEY = re.compile(r'^  "(schema_version|summary|policy)": (.*?),?\s*$')


class _SnapshotBuilder:
    """Builds a :class:`Snapshot` from report items one at a time (persons are turned into
    records as they are read, so the report itself is never held)."""

    def __init__(self) -> None:
        self.persons = PersonIdsBuilder()
        # Records as columns from the start: a report read back beside tonight's check
        # holds no object per record (the names repeat: one string each).
        self.columns: _Columns = ([], [], [], [], [])
        self._names: dict[str, str] = {}
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
        intern = self._names.setdefault
        given, family = _text(p.get("given_name")), _text(p.get("family_name"))
        values = {
            "given": intern(given, given),
            "family": intern(family, family),
            "email": _text(hashes["email"] if hashes else p.get("email")),
            "sms": _text(hashes["phone"] if hashes else p.get("phone")),
        }
        # A fragile person's records differ in a field: its per-record values win.
        own: dict[str, dict[str, str]] = {}
        for diff in () if hashes else p.get("fragile") or ():
            attr = {"givenName": "given", "familyName": "family", "email": "email"}.get(
                diff["field"], "sms"
            )
            for v in diff["values"]:
                own.setdefault(v["sourced_id"], {})[attr] = _text(v["value"])
        sids, givens, families, emails, phones = self.columns
        for sid in ids:
            mine = {**values, **own[sid]} if sid in own else values
            sids.append(sid)
            givens.append(mine["given"])
            families.append(mine["family"])
            emails.append(mine["email"])
            phones.append(mine["sms"])

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
        # The builder lets go of its lists, so that only the packed columns stay.
        columns: _Columns = ([], [], [], [], []) if redacted else self.columns
        self.columns = ([], [], [], [], [])
        records = RecordColumns.from_columns(*columns, RecordValues)
        del columns
        return Snapshot(
            persons=self.persons.build(),
            records=records,
            near_misses=tuple(self.near),
            accounts_created=int(self.header["summary"]["accounts_created"]),
            allow_contact_updates=bool(policy.get("allow_contact_updates", False)),
            redacted=redacted,
            hashed=hashed,
        )
