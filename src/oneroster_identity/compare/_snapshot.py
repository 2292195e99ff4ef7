"""What comparison needs of one check, built from a result or streamed from a saved report."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import attrs

from oneroster_identity._gc import paused_gc
from oneroster_identity._memo import roster_run
from oneroster_identity.compare._columns import PersonIds, PersonIdsBuilder, RecordColumns
from oneroster_identity.errors import OneRosterIdentityError
from oneroster_identity.match import MatchResult, Person, RecordFacts
from oneroster_identity.report import SCHEMA_VERSION, contact_hash

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
    aliases: tuple[str, ...] = ()
    """The per-value ids a shared-contact item of holders who share both an email and an
    SMS phone joins (report schema 1.15; empty in earlier reports): comparison finds the
    item under either against a snapshot of an earlier version."""

    @property
    def values_ids(self) -> frozenset[str]:
        """The ids of what the item is about: its aliases, else its own id."""
        return frozenset(self.aliases or (self.id,))


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
    settings: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    """The settings the check ran under (``Policy.to_dict()``, as a report writes them
    under ``policy``; the district domains are the ones it used, inferred or given);
    empty when unknown (a report written without them)."""
    made_by: str = attrs.field(default="", eq=False)
    """The version of this library that ran the check; empty when unknown."""
    report_schema: str = attrs.field(default="", eq=False)
    """The schema version of the check's JSON report (``schema_version``; a check run
    now, the one this library writes); empty when unknown. Reports of other schema
    versions come from other versions of this library even where :attr:`made_by` agrees
    (since session 56: the version number did not follow every change)."""
    records_rejected: int = attrs.field(default=0, eq=False)
    """Rows the reader rejected (no sourcedId, one taken twice...): records the check
    never saw (since session 53; 0 when a report does not say)."""
    records_repeated: int = attrs.field(default=0, eq=False)
    """Of :attr:`records_rejected`, rows repeating an earlier row of their sourcedId with
    nothing lost (word for word, since session 55, or but for agentSourcedIds read into
    the earlier row, since session 56; 0 when a report does not say)."""
    read_errors: int = attrs.field(default=0, eq=False)
    """The reader's error diagnostics (since session 53; 0 when a report does not say)."""
    person_contacts: Mapping[str, tuple[str, str]] = attrs.field(factory=dict, eq=False, repr=False)
    """For a record whose person writes its email or SMS otherwise than the record (the
    records of one person write a field differently), the person's pair: a hashed report
    gives only the person's values, so :meth:`with_hashed_contacts` hashes these."""

    def with_hashed_contacts(self, key: bytes) -> Snapshot:
        """This snapshot with raw email and SMS values replaced by their keyed hashes, so
        it compares with a snapshot from a redacted, hashed report."""
        if self.hashed:
            return self
        person = self.person_contacts

        def hashed(sid: str, r: RecordValues) -> tuple[str, str, str, str, str]:
            email, sms = person.get(sid, (r.email, r.sms))
            return sid, r.given, r.family, contact_hash(email, key), contact_hash(sms, key)

        return attrs.evolve(
            self,
            records=RecordColumns.of(
                (hashed(sid, r) for sid, r in self.records.items()), RecordValues
            ),
            hashed=True,
            person_contacts={},
        )

    @classmethod
    def from_result(cls, result: MatchResult) -> Snapshot:
        """The snapshot of a check just run (built with the cyclic GC paused: its million
        values would otherwise set off full passes over the whole result)."""
        with paused_gc(), roster_run():
            return cls._of(result)

    @classmethod
    def _of(cls, result: MatchResult) -> Snapshot:
        facts = result.facts
        values = list(facts.values())
        names = [f.name for f in values]
        persons = PersonIds(map(result.persons.sourced_ids, range(len(result.persons))))
        emails, phones, person_contacts = _contacts_as_reported(facts, persons, result.persons)
        return cls(
            persons=persons,
            records=RecordColumns.from_columns(
                list(facts),
                [n.given for n in names],
                [n.family for n in names],
                emails,
                phones,
                RecordValues,
            ),
            near_misses=tuple(
                SnapshotNearMiss(
                    id=n.id,
                    kind=n.kind.value,
                    sourced_ids=n.sourced_ids,
                    summary=n.summary,
                    aliases=n.aliases,
                )
                for n in result.near_misses
            ),
            accounts_created=result.accounts_created,
            allow_contact_updates=result.policy.allow_contact_updates,
            settings=result.policy.to_dict(),
            made_by=_version(),
            report_schema=SCHEMA_VERSION,
            person_contacts=person_contacts,
            records_rejected=result.rejected_rows,
            records_repeated=result.repeated_rows,
            read_errors=result.read_errors,
        )

    @classmethod
    def from_report(cls, report: Mapping[str, Any] | IO[str] | str | Path) -> Snapshot:
        """The snapshot of a saved JSON report (``check --format json``).

        Person-level values stand in for each of the person's records. A redacted report
        carries no contact values (unless it was written with a hash key: then keyed
        hashes): its snapshot compares persons and near-misses, and says that contact
        changes cannot be told. A report file is read one line at a time (the writer puts
        each item on its own line), so a 1M-person report is never held whole.

        A report that is not one, or was damaged (a line cut short, an item without its
        sourcedIds), raises :class:`SnapshotError` saying where: the file and line, or
        the item (``persons[3]``) of a report given as a mapping. The message names the
        field, never a roster value.
        """
        with paused_gc(), roster_run():
            if isinstance(report, Mapping):
                builder = _SnapshotBuilder("report")
                builder.add_document(report)
            elif isinstance(report, (str, Path)):
                builder = _SnapshotBuilder(str(report))
                with open(report, encoding="utf-8") as fh:
                    builder.add_lines(fh)
            else:
                builder = _SnapshotBuilder(str(getattr(report, "name", "report")))
                builder.add_lines(report)
            return builder.finish()


def _contacts_as_reported(
    facts: Mapping[str, RecordFacts], ids: PersonIds, persons: Sequence[Person]
) -> tuple[list[str], list[str], dict[str, tuple[str, str]]]:
    """Each record's email and identity phone as a saved report gives them (what
    :meth:`Snapshot.from_report` reads back), so that a check compared with its own saved
    report shows no contact change: its person's value (a usable value as written, an
    unusable one, invalid or a placeholder, as ``""``), unless the person's records write
    the field differently (``Person.fragile``, which the report writes and the reader maps
    back through ``_FIELDS``: each record's own). Also, for the records of such a person,
    the person's pair (:attr:`Snapshot.person_contacts`)."""
    emails = [f.email.raw if f.email.key is not None else "" for f in facts.values()]
    phones = [f.phone.raw if f.phone.key is not None else "" for f in facts.values()]
    own: dict[str, dict[str, str]] = {}
    person_contacts: dict[str, tuple[str, str]] = {}
    for index in ids.several_positions():
        person = persons[index]
        for diff in person.fragile:
            attr = _FIELDS.get(diff.field, "sms")
            if attr not in ("email", "sms"):
                continue
            for sid, value in diff.values:
                own.setdefault(sid, {})[attr] = value
                person_contacts[sid] = (person.email, person.phone)
    if own:
        for i, sid in enumerate(facts):
            mine = own.get(sid)
            if mine is not None:
                emails[i] = mine.get("email", emails[i])
                phones[i] = mine.get("sms", phones[i])
    return emails, phones, person_contacts


_Columns = tuple[list[str], list[str], list[str], list[str], list[str]]
"""sourcedId, given, family, email, sms: one list each."""


def _text(value: Any) -> str:
    """A report value as text (a hand-edited report may hold ``null`` or a number)."""
    return "" if value is None else str(value)


def _object(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SnapshotError(f"{what} is not a JSON object")
    return value


def _ids(item: Mapping[str, Any], key: str, *, empty: bool = False) -> tuple[str, ...]:
    """The item's list of sourcedIds (or ids), checked: a person or near-miss without
    them cannot be compared (``empty``: an empty list is read as such)."""
    value = item.get(key)
    if (
        not isinstance(value, list)
        or not (value or empty)
        or not all(isinstance(v, str) for v in value)
    ):
        what = "ids" if empty else "sourcedIds"
        raise SnapshotError(f'"{key}" is missing or not a list of {what}')
    return tuple(value)


def _string(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str):
        raise SnapshotError(f'"{key}" is missing or not a string')
    return value


@contextmanager
def _at(where: str) -> Iterator[None]:
    """Say where in the report a problem was found."""
    try:
        yield
    except json.JSONDecodeError as exc:
        raise SnapshotError(f"{where}: not JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise SnapshotError(f"{where}: {_TOO_DEEP}") from None
    except SnapshotError as exc:
        raise SnapshotError(f"{where}: {exc}") from None


def _count(value: Any) -> int:
    """A count a report's summary gives, or 0 for anything else (an older report)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _version() -> str:
    from oneroster_identity import __version__  # (the package root imports this module)

    return __version__


_TOO_DEEP = "not a JSON report (arrays or objects nested too deeply to read)"
_SECTION = re.compile(r'^  "(persons|near_misses)": \[\s*$')
_KEY = re.compile(r'^  "(schema_version|generator|summary|policy)": (.*?),?\s*$')
_FIELDS = {"givenName": "given", "familyName": "family", "email": "email", "sms": "sms"}
_NOT_A_REPORT = "not a JSON report of oneroster-identity check"


class _SnapshotBuilder:
    """Builds a :class:`Snapshot` from report items one at a time (persons are turned into
    records as they are read, so the report itself is never held)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.line = 1  # of the file, while it is read
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
            raise SnapshotError(f"{self.source}: {_NOT_A_REPORT}")
        self.header.update(
            {k: data[k] for k in ("summary", "policy", "schema_version", "generator") if k in data}
        )
        for section, add in (("persons", self.add_person), ("near_misses", self.add_near_miss)):
            items = data.get(section, ())
            with _at(f"{self.source}: {section}"):
                if not isinstance(items, (list, tuple)):
                    raise SnapshotError("is not a list")
            for n, item in enumerate(items):
                with _at(f"{self.source}: {section}[{n}]"):
                    add(item)

    def add_lines(self, lines: Iterable[str]) -> None:
        """The report's lines (a file is decoded as they are read: bytes that are not
        UTF-8 are a located error too)."""
        try:
            self._add_lines(lines)
        except UnicodeDecodeError:
            raise SnapshotError(
                f"{self.source}: line {self.line + 1} or near it: not UTF-8 text"
            ) from None

    def _add_lines(self, lines: Iterable[str]) -> None:
        it = iter(lines)
        first = next(it, "")
        if first.strip() != "{":
            rest = first + "".join(it)
            try:
                data = json.loads(rest)
            except json.JSONDecodeError as exc:
                raise SnapshotError(
                    f"{self.source}: line {exc.lineno}: not a JSON report ({exc.msg})"
                ) from None
            except RecursionError:
                raise SnapshotError(f"{self.source}: {_TOO_DEEP}") from None
            if not isinstance(data, Mapping):
                raise SnapshotError(f"{self.source}: {_NOT_A_REPORT}")
            self.add_document(data)
            return
        section: str | None = None
        read: set[str] = set()  # the sections read to their end
        ended = False
        for number, line in enumerate(it, start=2):
            self.line = number
            if section is not None:
                if line.startswith("  ]"):
                    read.add(section)
                    section = None
                    continue
                with _at(f"{self.source}: line {number}"):
                    item = json.loads(line.rstrip().rstrip(","))  # columns as in the file
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
                with _at(f"{self.source}: line {number}"):
                    self.header[key.group(1)] = json.loads(key.group(2))
            elif line.rstrip() == "}":
                ended = True
        if "summary" not in self.header:
            raise SnapshotError(f"{self.source}: {_NOT_A_REPORT}")
        # A report cut short (a copy or a disk that stopped midway) would read as a night
        # with fewer persons and near-misses: every one missing a split or a resolved
        # item (since session 53 refused; before, read as far as it went).
        if ended and section is None and "persons" not in read:
            raise SnapshotError(f"{self.source}: {_NOT_A_REPORT} (it has no persons list)")
        if section is not None or not ended:
            where = f"inside its {section} list" if section is not None else "before its end"
            raise SnapshotError(
                f"{self.source}: line {self.line}: the report stops {where} (cut short when "
                "it was written or copied?); write it again with check --format json"
            )

    def add_person(self, item: Any) -> None:
        p = _object(item, "the person")
        ids = _ids(p, "sourced_ids")
        masked = "***" in str(p.get("email", "")) or "***" in str(p.get("phone", ""))
        hashes = p.get("contact_hashes")
        if hashes:
            hashes = _object(hashes, '"contact_hashes"')
            contacts = _string(hashes, "email"), _string(hashes, "phone")
        else:
            contacts = _text(p.get("email")), _text(p.get("phone"))
        # A fragile person's records differ in a field: its per-record values win.
        own: dict[str, dict[str, str]] = {}
        fragile = () if hashes else p.get("fragile") or ()
        if not isinstance(fragile, (list, tuple)):
            raise SnapshotError('"fragile" is not a list')
        for diff in fragile:
            diff = _object(diff, 'a "fragile" entry')
            attr = _FIELDS.get(_string(diff, "field"), "sms")
            values = diff.get("values")
            if not isinstance(values, list):
                raise SnapshotError('a "fragile" entry\'s "values" is missing or not a list')
            for v in values:
                v = _object(v, 'a "fragile" value')
                own.setdefault(_string(v, "sourced_id"), {})[attr] = _text(v.get("value"))
        # Checked whole before anything is kept: a bad item leaves no half-added person.
        self.persons.append(ids)
        self.masked = self.masked or masked
        if masked and not hashes:
            self.unhashed = True
        intern = self._names.setdefault
        given, family = _text(p.get("given_name")), _text(p.get("family_name"))
        values_of = {
            "given": intern(given, given),
            "family": intern(family, family),
            "email": contacts[0],
            "sms": contacts[1],
        }
        sids, givens, families, emails, phones = self.columns
        for sid in ids:
            mine = {**values_of, **own[sid]} if sid in own else values_of
            sids.append(sid)
            givens.append(mine["given"])
            families.append(mine["family"])
            emails.append(mine["email"])
            phones.append(mine["sms"])

    def add_near_miss(self, item: Any) -> None:
        n = _object(item, "the near-miss")
        self.near.append(
            SnapshotNearMiss(
                id=_string(n, "id"),
                kind=_string(n, "kind"),
                sourced_ids=_ids(n, "sourced_ids"),
                summary=_text(n.get("summary")),
                aliases=_ids(n, "aliases", empty=True) if "aliases" in n else (),
            )
        )

    def finish(self) -> Snapshot:
        redacted = self.masked and self.unhashed
        hashed = self.masked and not self.unhashed
        with _at(self.source):
            summary = _object(self.header["summary"], '"summary"')
            accounts = summary.get("accounts_created")
            if not isinstance(accounts, int) or isinstance(accounts, bool) or accounts < 0:
                raise SnapshotError('"summary" has no count of accounts ("accounts_created")')
            policy = _object(self.header.get("policy") or {}, '"policy"')
            generator = self.header.get("generator")
            made_by = generator.get("version") if isinstance(generator, Mapping) else None
            schema = self.header.get("schema_version")
            rejected = _count(summary.get("records_rejected"))
            repeated = min(_count(summary.get("records_repeated")), rejected)
            by_severity = summary.get("diagnostics_by_severity")
            errors = _count(by_severity.get("error") if isinstance(by_severity, Mapping) else 0)
        # The builder lets go of its lists, so that only the packed columns stay.
        columns: _Columns = ([], [], [], [], []) if redacted else self.columns
        self.columns = ([], [], [], [], [])
        records = RecordColumns.from_columns(*columns, RecordValues)
        del columns
        return Snapshot(
            persons=self.persons.build(),
            records=records,
            near_misses=tuple(self.near),
            accounts_created=accounts,
            allow_contact_updates=bool(policy.get("allow_contact_updates", False)),
            settings=dict(policy),
            made_by=made_by if isinstance(made_by, str) else "",
            report_schema=schema if isinstance(schema, str) else "",
            redacted=redacted,
            hashed=hashed,
            records_rejected=rejected,
            records_repeated=repeated,
            read_errors=errors,
        )
