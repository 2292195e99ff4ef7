"""Suggested SIS changes that would make a likely-same cluster merge into one account.

The canonical value of each field comes from one documented rule: the most
recently modified record (``dateLastModified``), else the staff record, else the
most common value among the records, ties going to the smallest sourcedId.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence

from oneroster_identity.match._model import Fix
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.models import RoleFamily
from oneroster_identity.normalize import is_blank_name

__all__ = ["canonical_record", "cluster_fixes"]

_OLDEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def canonical_record(members: Sequence[RecordFacts]) -> tuple[RecordFacts | None, str]:
    """The record whose values win, and the rule that chose it (``None``: most common)."""
    dated = [f for f in members if f.user.date_last_modified is not None]
    if dated:
        # Latest first, then the staff record, then the smallest sourcedId.
        best = min(
            dated,
            key=lambda f: (
                -(f.user.date_last_modified or _OLDEST).timestamp(),
                RoleFamily.STAFF not in f.families,
                f.sourced_id,
            ),
        )
        newer = [f for f in dated if f.user.date_last_modified == best.user.date_last_modified]
        if len(newer) == 1 or len(dated) == len(members):
            return best, f"most recently modified record ({best.sourced_id})"
    staff = sorted(
        (f for f in members if RoleFamily.STAFF in f.families), key=lambda f: f.sourced_id
    )
    if staff:
        return staff[0], f"staff record ({staff[0].sourced_id})"
    return None, "most common value among the records"


def _pick(
    members: Sequence[RecordFacts],
    canonical: RecordFacts | None,
    value: Callable[[RecordFacts], str],
    usable: Callable[[RecordFacts], bool],
) -> str | None:
    if canonical is not None and usable(canonical):
        return value(canonical)
    ordered = sorted(members, key=lambda f: f.sourced_id)
    values = [value(f) for f in ordered if usable(f)]
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in values if counts[v] == top)


def cluster_fixes(members: Sequence[RecordFacts]) -> tuple[tuple[Fix, ...], str]:
    """One :class:`Fix` per record and field that differs from the canonical value."""
    canonical, rule = canonical_record(members)
    fields: list[tuple[str, Callable[[RecordFacts], str], Callable[[RecordFacts], bool]]] = [
        ("givenName", lambda f: f.name.given, lambda f: not is_blank_name(f.name.given)),
        ("familyName", lambda f: f.name.family, lambda f: not is_blank_name(f.name.family)),
        ("email", lambda f: f.email.raw.strip(), lambda f: f.email.usable),
    ]
    phone_field = canonical.phone_field if canonical else members[0].phone_field
    fields.append((phone_field, lambda f: f.phone.raw.strip(), lambda f: f.phone.usable))
    fixes: list[Fix] = []
    for column, value, usable in fields:
        suggested = _pick(members, canonical, value, usable)
        if suggested is None:
            continue
        for f in sorted(members, key=lambda f: f.sourced_id):
            current = value(f) if column not in ("sms", "phone") else getattr(f.user, column)
            if current != suggested:
                fixes.append(
                    Fix(
                        sourced_id=f.sourced_id,
                        field=column,
                        current=current,
                        suggested=suggested,
                        reason=f"canonical value from the {rule}",
                    )
                )
    return tuple(fixes), rule
