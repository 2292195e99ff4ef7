"""Apply a OneRoster delta export to a base roster: what the nightly sync will see.

A delta carries changed rows only. Users are upserted by sourcedId (``tobedeleted``
retires the user: it stays in the roster with that status, so matching lists it as
excluded), a delta row older than the base row it would replace (``dateLastModified``) is a
warning and does not overwrite, and a 1.2 delta's roles.csv rows add or take away role
assignments of base users. Links that now point at a removed user are reported.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

import attrs

from oneroster_identity._memo import one_run
from oneroster_identity._moments import as_utc
from oneroster_identity._roster_checks import LINK_CODES
from oneroster_identity._user_table import UserColumns
from oneroster_identity.diagnostics import Diagnostic, Location, Severity
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._csvbulk import check_links, role_sort_key
from oneroster_identity.models import RoleAssignment, Roster, Status, User

__all__ = ["apply_delta"]

_RECOMPUTED = frozenset({"delta-without-base", *LINK_CODES})
"""Diagnostics of the two inputs that are recomputed on the merged roster."""


def _role_key(a: RoleAssignment) -> tuple[str, str, str]:
    return a.role_raw.casefold(), a.org_sourced_id or "", a.role_type.value


def _where(user: User) -> Location:
    prov = user.provenance
    return Location(
        file=prov.file if prov else "",
        line=prov.line if prov else None,
        column="sourcedId",
        path=prov.path if prov else None,
    )


@one_run
def apply_delta(base: Roster, delta: Roster) -> Roster:
    """The roster after ``delta`` is applied to ``base`` (see the module doc).

    Diagnostics of both inputs are kept (links and roles re-checked on the result), plus
    ``delta-older-than-base``, ``delta-deletes-unknown-user`` and
    ``role-for-missing-user`` where they apply. Every delta row is accounted for: applied,
    or named in a diagnostic.
    """
    collector = DiagnosticCollector()
    # Only the users the delta names are built and changed; a base kept as columns (a
    # CSV export) is copied column by column with them in place (UserColumns.replaced).
    in_base = base.users_by_id
    users: dict[str, User] = {}

    def current_of(sourced_id: str) -> User | None:
        found = users.get(sourced_id)
        return in_base.get(sourced_id) if found is None else found

    v12_roles = bool(delta.role_changes) or delta.version == "1.2"
    for row in delta.users:
        current = current_of(row.sourced_id)
        if row.status is not Status.ACTIVE:
            if current is None:
                collector.add(
                    "delta-deletes-unknown-user",
                    Severity.WARNING,
                    f"delta marks a user {row.status.value} that the base roster does not have",
                    _where(row),
                    sourced_id=row.sourced_id,
                )
            else:
                # Kept as tobedeleted: the match lists it as excluded, so every row of the
                # delta is accounted for in the result.
                users[row.sourced_id] = row
            continue
        if (
            current is not None
            and row.date_last_modified is not None
            and current.date_last_modified is not None
            and as_utc(row.date_last_modified) < as_utc(current.date_last_modified)
        ):
            collector.add(
                "delta-older-than-base",
                Severity.WARNING,
                "the delta row is older (dateLastModified) than the base row; the base row "
                "was kept",
                _where(row),
                value=row.date_last_modified.isoformat(),
                sourced_id=row.sourced_id,
            )
            continue
        if v12_roles and current is not None:
            # 1.2: roles are entities of their own; an unchanged role is not in the delta.
            row = attrs.evolve(row, roles=current.roles)
        users[row.sourced_id] = row
    for change in delta.role_changes:
        user = current_of(change.user_sourced_id)
        if user is None:
            if not change.removed:
                collector.add(
                    "role-for-missing-user",
                    Severity.WARNING,
                    "delta role names a user in neither the base nor the delta; ignored",
                    Location(file="roles.csv", line=change.line, column="userSourcedId"),
                    value=change.user_sourced_id,
                    sourced_id=change.user_sourced_id,
                )
            continue
        key = _role_key(change.assignment)
        kept = tuple(r for r in user.roles if _role_key(r) != key)
        roles = kept if change.removed else (*kept, change.assignment)
        users[user.sourced_id] = attrs.evolve(user, roles=tuple(sorted(roles, key=role_sort_key)))
    merged: Sequence[User]
    known: Container[str]
    if isinstance(base.users, UserColumns):
        merged = base.users.replaced(users)
        known = merged.by_id()
    else:
        everyone = {**in_base, **users}
        merged, known = list(everyone.values()), everyone
    check_links(merged, collector, known=known)
    kept_diagnostics: list[Diagnostic] = [
        d for d in (*base.diagnostics, *delta.diagnostics) if d.code not in _RECOMPUTED
    ]
    return Roster(
        users=merged,
        orgs={o.sourced_id: o for o in (*base.orgs, *delta.orgs)}.values(),
        version=base.version,
        source=f"{base.source} + {delta.source}",
        diagnostics=tuple(
            sorted((*kept_diagnostics, *collector.finish()), key=Diagnostic.sort_key)
        ),
        rejected_rows=base.rejected_rows + delta.rejected_rows,
        repeated_rows=base.repeated_rows + delta.repeated_rows,
        # a delta's enrollments are changes, never read (io._csvbulk): the base's stand
        enrollment_counts=base.enrollment_counts,
    )
