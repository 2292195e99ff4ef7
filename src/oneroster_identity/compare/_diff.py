"""Two snapshots compared: splits, merges, near-misses new and resolved, contact changes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from oneroster_identity._gc import paused_gc
from oneroster_identity._memo import roster_run
from oneroster_identity._usage import require
from oneroster_identity.compare._columns import PersonIds, RecordColumns
from oneroster_identity.compare._snapshot import RecordValues, Snapshot, SnapshotNearMiss
from oneroster_identity.match import MatchResult

__all__ = ["Comparison", "ContactChange", "FieldChange", "Merge", "Split", "compare"]


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
    settings_changed: tuple[str, ...] = ()
    """The settings (``Policy`` fields) the two checks ran under with other values, by
    name: the placeholder words, the district domains inferred from the staff, the phone
    column read as the login. A change above may come from one of them rather than from
    the roster. Empty when they agree or a side does not say (a report written without
    them)."""
    versions: tuple[str, str] = ("", "")
    """The versions of this library that ran the two checks (``""`` when a report does not
    say): another version may read values another way, so the first comparison after an
    upgrade shows what the new rules read differently, not only what the roster changed."""
    report_schemas: tuple[str, str] = ("", "")
    """The schema versions of the two checks' JSON reports (``""`` when a report does not
    say; since session 56). Reports of other schema versions come from other versions of
    this library even where :attr:`versions` agree."""
    records_rejected: tuple[int, int] = (0, 0)
    """Rows the reader rejected on each side (since session 53): records a check never
    saw, whose accounts read as gone (a sourcedId missing, one taken twice)."""
    records_repeated: tuple[int, int] = (0, 0)
    """Of :attr:`records_rejected`, rows repeating an earlier row of their sourcedId word
    for word on each side (files joined, a page fetched twice; since session 55): not read
    again, nothing of the user lost, so no cause of a change."""
    read_errors: tuple[int, int] = (0, 0)
    """The reader's error diagnostics on each side (since session 53)."""

    @property
    def records_lost(self) -> tuple[int, int]:
        """Rows rejected on each side whose records a check never saw: the rejected rows
        less those repeating an earlier row with nothing lost."""
        (old, new), (old_again, new_again) = self.records_rejected, self.records_repeated
        return old - old_again, new - new_again

    @property
    def needs_action(self) -> bool:
        """Whether something new needs an admin: a split, a new near-miss, or (since
        session 53) the new side read with more rows rejected or more errors than the
        old (an export broken tonight, whose lost records read as accounts gone); a row
        repeating another with nothing lost is not counted (since session 55)."""
        lost = self.records_lost
        return bool(
            self.splits
            or self.near_misses_new
            or lost[1] > lost[0]
            or self.read_errors[1] > self.read_errors[0]
        )

    @property
    def versions_differ(self) -> bool:
        """Whether the two checks ran under other versions of this library: both versions
        known and different, or both reports' schema versions known and different."""
        return _differ(self.versions) or _differ(self.report_schemas)

    @property
    def versions_shown(self) -> tuple[str, str]:
        """The two versions as the caveat names them: the library's, or, where they agree
        and the reports' schemas differ, ``report schema 1.11`` and ``report schema 1.12``."""
        if _differ(self.versions) or not _differ(self.report_schemas):
            return self.versions
        old, new = self.report_schemas
        return f"report schema {old}", f"report schema {new}"

    @property
    def caveat(self) -> str:
        """Why some changes may not come from the roster (other settings, another version),
        in words, or ``""``."""
        reasons = []
        if self.settings_changed:
            reasons.append(f"other settings ({', '.join(self.settings_changed)})")
        if self.versions_differ:
            old, new = self.versions_shown
            reasons.append(f"other versions of oneroster-identity ({old} and {new})")
        said = []
        if reasons:
            said.append(
                f"the two checks ran under {' and '.join(reasons)}: some changes may come "
                "from them, not from the roster"
            )
        read = self._read_words()
        if read:
            said.append(read)
        return "; ".join(said)

    def _read_words(self) -> str:
        """What reading lost on each side, in words, or ``""``."""
        sides = []
        for side, rejected, repeated, errors in zip(
            ("the old roster", "the new roster"),
            self.records_lost,
            self.records_repeated,
            self.read_errors,
            strict=True,
        ):
            lost = []
            if rejected:
                lost.append(
                    f"{rejected} row(s) rejected"
                    + (
                        f" (besides {repeated} repeating an earlier row, nothing lost)"
                        if repeated
                        else ""
                    )
                )
            if errors:
                lost.append(f"{errors} reading error(s)")
            if lost:
                sides.append(f"{side} was read with {' and '.join(lost)}")
        if not sides:
            return ""
        return (
            f"{' and '.join(sides)}: records a check never saw read as accounts gone or "
            "changed, so some changes may come from the export; run check on it to see "
            "where"
        )

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
            "settings_changed": list(self.settings_changed),
            "versions": list(self.versions),
            "report_schemas": list(self.report_schemas),
            "versions_differ": self.versions_differ,
            "records_rejected": list(self.records_rejected),
            "records_repeated": list(self.records_repeated),
            "read_errors": list(self.read_errors),
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


def _persons_of(
    sourced_ids: set[str], persons: Iterable[tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """sourcedId -> its person among ``persons``, for ``sourced_ids`` only."""
    out: dict[str, tuple[str, ...]] = {}
    if sourced_ids:
        for p in persons:
            for sid in p:
                if sid in sourced_ids:
                    out[sid] = p
    return out


def _several(persons: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The persons of two or more records (the only ones that can split or be a merge)."""
    if isinstance(persons, PersonIds):
        return persons.several()
    return [p for p in persons if len(p) > 1]


def _contact_differences(
    old: Mapping[str, RecordValues], new: Mapping[str, RecordValues]
) -> Iterator[tuple[str, str, str, str]]:
    """``(sourcedId, field, old value, new value)`` for each email and SMS that differs
    on a record both sides have, email first."""
    for sid, email, sms, their_email, their_sms in _changed_contacts(old, new):
        if email != their_email:
            yield sid, "email", email, their_email
        if sms != their_sms:
            yield sid, "sms", sms, their_sms


def _changed_contacts(
    old: Mapping[str, RecordValues], new: Mapping[str, RecordValues]
) -> Iterator[tuple[str, str, str, str, str]]:
    """``(sourcedId, email, sms, new email, new sms)`` of the records both sides have
    whose email or SMS differ. Two column snapshots are walked side by side in sourcedId
    order (no lookup, no value object per record); otherwise each record of ``old`` is
    looked up in ``new``."""
    if isinstance(old, RecordColumns) and isinstance(new, RecordColumns):
        theirs = new.contacts()
        other = next(theirs, None)
        for sid, email, sms in old.contacts():
            while other is not None and other[0] < sid:
                other = next(theirs, None)
            if other is None:
                return
            if other[0] == sid and (email != other[1] or sms != other[2]):
                yield sid, email, sms, other[1], other[2]
        return
    rows = (
        old.contacts()
        if isinstance(old, RecordColumns)
        else ((sid, r.email, r.sms) for sid, r in old.items())
    )
    contact_of: Callable[[str], tuple[str, str] | None] = (
        new.contact
        if isinstance(new, RecordColumns)
        else lambda sid: None if (r := new.get(sid)) is None else (r.email, r.sms)
    )
    for sid, email, sms in rows:
        found = contact_of(sid)
        if found is not None and found != (email, sms):
            yield sid, email, sms, found[0], found[1]


def _contact_order(change: ContactChange) -> tuple[str, bool]:
    return change.sourced_id, change.field != "email"


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
    for name, side in (("old", old), ("new", new)):
        require(
            side,
            (Snapshot, MatchResult),
            f"compare({name}=...)",
            "a Snapshot (load_snapshot(path) reads a saved report or a roster) or a "
            "MatchResult (match(roster))",
        )
    require(
        hash_key,
        (bytes, type(None)),
        "compare(hash_key=...)",
        "bytes (key.encode() for a text key) or None",
    )
    with paused_gc(), roster_run():
        return _compare(old, new, hash_key)


def _compare(
    old: Snapshot | MatchResult, new: Snapshot | MatchResult, hash_key: bytes | None
) -> Comparison:
    a = old if isinstance(old, Snapshot) else Snapshot.from_result(old)
    b = new if isinstance(new, Snapshot) else Snapshot.from_result(new)
    if (a.hashed or b.hashed) and hash_key is not None:
        a, b = a.with_hashed_contacts(hash_key), b.with_hashed_contacts(hash_key)
    # Only a person of two or more records can split (old side) or be a merge (new
    # side): the other side's persons are looked up for those records alone, not
    # indexed by every record of a million.
    multi_old = _several(a.persons)
    multi_new = _several(b.persons)
    person_in_new = _persons_of({sid for p in multi_old for sid in p}, b.persons)
    person_in_old = _persons_of({sid for p in multi_new for sid in p}, a.persons)
    splits = []
    for p in multi_old:
        into = sorted({person_in_new[sid] for sid in p if sid in person_in_new})
        if len(into) > 1:
            splits.append(Split(sourced_ids=p, into=tuple(into), changes=tuple(_changes(p, a, b))))
    merges = []
    for p in multi_new:
        came_from = sorted({person_in_old[sid] for sid in p if sid in person_in_old})
        if len(came_from) > 1:
            merges.append(Merge(sourced_ids=p, from_persons=tuple(came_from)))
    new_near, resolved_near = _near_miss_changes(a.near_misses, b.near_misses)
    comparable = not (a.redacted or b.redacted) and a.hashed == b.hashed
    contact: list[ContactChange] = []
    if comparable:
        for sid, field, va, vb in _contact_differences(a.records, b.records):
            contact.append(
                ContactChange(
                    sourced_id=sid,
                    field=field,
                    old=va,
                    new=vb,
                    applied_by_app=b.allow_contact_updates,
                )
            )
        contact.sort(key=_contact_order)  # by record, email before sms
    return Comparison(
        splits=tuple(sorted(splits, key=lambda s: s.sourced_ids)),
        merges=tuple(sorted(merges, key=lambda m: m.sourced_ids)),
        near_misses_new=new_near,
        near_misses_resolved=resolved_near,
        contact_changes=tuple(contact),
        accounts_before=a.accounts_created,
        accounts_after=b.accounts_created,
        contacts_comparable=comparable,
        settings_changed=_settings_changed(a.settings, b.settings),
        versions=(a.made_by, b.made_by),
        report_schemas=(a.report_schema, b.report_schema),
        records_rejected=(a.records_rejected, b.records_rejected),
        records_repeated=(a.records_repeated, b.records_repeated),
        read_errors=(a.read_errors, b.read_errors),
    )


def _differ(pair: tuple[str, str]) -> bool:
    """Whether both values are known and differ."""
    old, new = pair
    return bool(old and new and old != new)


def _settings_changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[str, ...]:
    """The settings both sides name with other values, sorted (a setting one side lacks is
    of another version, which :attr:`Comparison.versions` tells)."""
    return tuple(sorted(k for k in old.keys() & new.keys() if old[k] != new[k]))


def _near_miss_changes(
    old: Sequence[SnapshotNearMiss], new: Sequence[SnapshotNearMiss]
) -> tuple[tuple[SnapshotNearMiss, ...], tuple[SnapshotNearMiss, ...]]:
    """The near-misses only the new side reports, and those only the old side does, each
    sorted by id. An item is on both sides when the other has its id or every id it joins
    (:attr:`SnapshotNearMiss.aliases`): holders sharing both an email and an SMS phone
    are one item since report schema 1.15 and two, one per value, before, and a check of
    either version compared with one of the other is no change. An item whose holders kept
    one of the two values is reported, so the value no longer shared is not lost."""

    def known(items: Sequence[SnapshotNearMiss]) -> frozenset[str]:
        return frozenset(i for n in items for i in (n.id, *n.aliases))

    def on_other_side(n: SnapshotNearMiss, ids: frozenset[str]) -> bool:
        return n.id in ids or n.values_ids <= ids

    old = list({n.id: n for n in old}.values())  # (an id listed twice counts once)
    new = list({n.id: n for n in new}.values())
    old_known, new_known = known(old), known(new)
    return (
        tuple(sorted((n for n in new if not on_other_side(n, old_known)), key=_by_id)),
        tuple(sorted((n for n in old if not on_other_side(n, new_known)), key=_by_id)),
    )


def _by_id(n: SnapshotNearMiss) -> str:
    return n.id
