"""Reader for OneRoster CSV bulk and delta exports (1.1 and 1.2).

Rows are streamed (``io._table``) and ``users.csv`` is never held in memory as text.
Every row either becomes a :class:`User` or is reported with its line as rejected.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Container, Mapping, Sequence
from typing import Any

from oneroster_identity._roster_checks import link_diagnostics, near_id_words
from oneroster_identity._user_table import UserColumns
from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.errors import RosterReadError
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._enrollments import read_enrollments
from oneroster_identity.io._fields import (
    detect_version,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_list,
    parse_role,
    parse_role_type,
    parse_status,
    parse_user_ids,
)
from oneroster_identity.io._source import CsvSource
from oneroster_identity.io._table import Table
from oneroster_identity.models import (
    Org,
    Provenance,
    Role,
    RoleAssignment,
    RoleChange,
    RoleFamily,
    Roster,
    Status,
    User,
    UserId,
)

USERS_COLUMNS = (
    "sourcedId",
    "status",
    "dateLastModified",
    "enabledUser",
    "orgSourcedIds",
    "role",
    "username",
    "userIds",
    "givenName",
    "familyName",
    "middleName",
    "identifier",
    "email",
    "sms",
    "phone",
    "agentSourcedIds",
    "grades",
    "password",
    "userMasterIdentifier",
    "preferredGivenName",
    "preferredMiddleName",
    "preferredFamilyName",
    "primaryOrgSourcedId",
    "pronouns",
)
ROLES_COLUMNS = (
    "sourcedId",
    "status",
    "dateLastModified",
    "userSourcedId",
    "roleType",
    "role",
    "beginDate",
    "endDate",
    "orgSourcedId",
    "userProfileSourcedId",
)
ORGS_COLUMNS = (
    "sourcedId",
    "status",
    "dateLastModified",
    "name",
    "type",
    "identifier",
    "parentSourcedId",
)

DEMOGRAPHICS_COLUMNS = (
    "sourcedId",
    "status",
    "dateLastModified",
    "birthDate",
    "sex",
    "americanIndianOrAlaskaNative",
    "asian",
    "blackOrAfricanAmerican",
    "nativeHawaiianOrOtherPacificIslander",
    "white",
    "demographicRaceTwoOrMoreRaces",
    "hispanicOrLatinoEthnicity",
    "countryOfBirthCode",
    "stateOfBirthAbbreviation",
    "cityOfBirth",
    "publicSchoolResidenceStatus",
)
"""demographics.csv (1.1 and 1.2): only birthDate and sex are kept; the rest is read past."""

REQUIRED_USERS = ("sourcedId", "givenName", "familyName")
REQUIRED_ROLES = ("userSourcedId", "role")
REQUIRED_ORGS = ("sourcedId",)

_MAX_SHARED = 1 << 16
"""Distinct birth dates a reader shares one parsed object for."""

_IGNORE: Callable[[Any], object] = id
"""The appender of a column absent from the header: a C function that keeps nothing."""
_NO_DEMOGRAPHICS: tuple[dt.date | None, str, int] = (None, "", 0)


def _cell(cells: list[str], position: int | None) -> str:
    return "" if position is None else cells[position].strip()


def read_manifest(
    source: CsvSource, encoding: str, collector: DiagnosticCollector
) -> dict[str, str]:
    """``manifest.csv`` as a property -> value mapping (empty when absent)."""
    if not source.has("manifest.csv"):
        collector.add(
            "missing-manifest",
            Severity.INFO,
            "no manifest.csv; the OneRoster version is taken from the users.csv header",
            Location(file=source.label),
        )
        return {}
    table = Table(
        source,
        "manifest.csv",
        ("propertyName", "value"),
        ("propertyName", "value"),
        encoding,
        collector,
    )
    name_at, value_at = table.index["propertyName"], table.index["value"]
    return {cells[name_at].strip(): cells[value_at].strip() for _, cells in table.rows()}


class _RowContext:
    """Checks and reports field values of one row."""

    __slots__ = ("collector", "file", "line", "sourced_id")

    def __init__(self, collector: DiagnosticCollector, file: str) -> None:
        self.collector = collector
        self.file = file
        self.line = 0
        self.sourced_id: str | None = None

    def problem(self, code: str, severity: Severity, column: str, value: str, message: str) -> None:
        self.collector.add(
            code,
            severity,
            message,
            Location(file=self.file, line=self.line, column=column),
            value=value,
            sourced_id=self.sourced_id,
        )


def read_orgs(source: CsvSource, encoding: str, collector: DiagnosticCollector) -> list[Org]:
    """Orgs from ``orgs.csv``; absent file gives no orgs and an info diagnostic."""
    if not source.has("orgs.csv"):
        collector.add(
            "missing-file",
            Severity.INFO,
            "no orgs.csv; org names are unknown",
            Location(file=source.label),
        )
        return []
    table = Table(source, "orgs.csv", ORGS_COLUMNS, REQUIRED_ORGS, encoding, collector)
    ctx = _RowContext(collector, table.file)
    at = table.position
    p_id, p_name, p_type = at("sourcedId"), at("name"), at("type")
    p_identifier, p_parent, p_status = at("identifier"), at("parentSourcedId"), at("status")
    orgs: dict[str, Org] = {}
    for line, v in table.clean_rows():
        ctx.line = line
        sourced_id = v[p_id]
        if not sourced_id:
            ctx.problem(
                "missing-sourced-id",
                Severity.ERROR,
                "sourcedId",
                "",
                "org row has no sourcedId and was rejected",
            )
            continue
        if sourced_id in orgs:
            ctx.problem(
                "duplicate-sourced-id",
                Severity.ERROR,
                "sourcedId",
                sourced_id,
                "sourcedId already used by an earlier org row; this row was rejected",
            )
            continue
        orgs[sourced_id] = Org(
            sourced_id=sourced_id,
            name=v[p_name],
            type=v[p_type],
            identifier=v[p_identifier],
            parent_sourced_id=v[p_parent] or None,
            status=_status(ctx, v, p_status),
            provenance=Provenance(file=table.file, line=line),
        )
    return list(orgs.values())


def read_demographics(
    source: CsvSource, encoding: str, collector: DiagnosticCollector
) -> dict[str, tuple[dt.date | None, str, int]]:
    """sourcedId -> (birth date, sex, line) from ``demographics.csv`` when present.

    A demographics row's sourcedId is its user's. Bad dates are located warnings (the
    date is ignored, the user kept); rows without a sourcedId are reported and skipped.
    """
    if not source.has("demographics.csv"):
        return {}
    try:
        table = Table(
            source, "demographics.csv", DEMOGRAPHICS_COLUMNS, ("sourcedId",), encoding, collector
        )
    except RosterReadError as exc:
        # Birth dates are extra evidence: a broken demographics.csv never stops the read.
        collector.ignored(exc, "demographics.csv")
        return {}
    ctx = _RowContext(collector, table.file)
    at = table.position
    p_id, p_born, p_sex, p_status = at("sourcedId"), at("birthDate"), at("sex"), at("status")
    out: dict[str, tuple[dt.date | None, str, int]] = {}
    births: dict[str, dt.date] = {}
    for line, v in table.clean_rows():
        ctx.line = line
        ctx.sourced_id = v[p_id] or None
        if not v[p_id]:
            ctx.problem(
                "missing-sourced-id",
                Severity.ERROR,
                "sourcedId",
                "",
                "demographics row has no sourcedId; ignored",
            )
            continue
        if v[p_status] and _status(ctx, v, p_status) is not Status.ACTIVE:
            continue
        born = births.get(v[p_born]) if v[p_born] else None
        if born is None and v[p_born]:
            born = _date(ctx, v, p_born, "birthDate")
            if born is not None and len(births) < _MAX_SHARED:
                births[v[p_born]] = born  # a district has a few thousand birth dates
        if v[p_id] in out:
            ctx.problem(
                "duplicate-sourced-id",
                Severity.WARNING,
                "sourcedId",
                v[p_id],
                "a second demographics row for this user; ignored",
            )
            continue
        out[v[p_id]] = (born, v[p_sex], line)
    return out


def _status(ctx: _RowContext, cells: list[str], position: int | None) -> Status:
    raw = _cell(cells, position)
    status, problem, note = parse_status(raw)
    if problem:
        ctx.problem("bad-status", Severity.WARNING, "status", raw, problem)
    elif note:
        ctx.problem("status-inactive", Severity.INFO, "status", raw, note)
    return status


def _role(ctx: _RowContext, raw: str, column: str) -> Role | None:
    role, problem, note = parse_role(raw)
    if problem:
        ctx.problem("unknown-role", Severity.WARNING, column, raw, problem)
    elif note:
        ctx.problem("role-case", Severity.INFO, column, raw, note)
    return role


RoleEntries = tuple[RoleAssignment, ...] | list[RoleAssignment]
"""A user's assignments from roles.csv: a tuple shared by every user with the same single
assignment (most users), or a list for a user with several (sorted when the user is
built)."""


class RoleRows:
    """1.2 ``roles.csv``: every kept row as parallel columns (user, assignment, line,
    whether a delta row takes the role away), and each user's assignments.

    A million users with one role each get no list, tuple or line number object of their
    own: their assignments are one shared 1-tuple per distinct assignment, and the lines
    sit in an array, read back only for diagnostics and deltas.
    """

    def __init__(self) -> None:
        self.users: list[str] = []
        self.assignments: list[RoleAssignment] = []
        self.lines = array("l")
        self.removed: set[int] = set()
        """Row positions of a delta's ``tobedeleted`` rows."""
        self.by_user: dict[str, RoleEntries] = {}
        self._single: dict[int, tuple[RoleAssignment, ...]] = {}

    def add(self, user_id: str, assignment: RoleAssignment, line: int, *, removed: bool) -> None:
        """Keep one row; ``removed`` marks a delta row that takes the role away."""
        if removed:
            self.removed.add(len(self.users))
        self.users.append(user_id)
        self.assignments.append(assignment)
        self.lines.append(line)
        _group(self.by_user, self._single, user_id, assignment)

    def kept(self) -> dict[str, RoleEntries]:
        """Each user's assignments without the rows a delta removes."""
        if not self.removed:
            return self.by_user
        out: dict[str, RoleEntries] = {}
        for i, (user_id, assignment) in enumerate(zip(self.users, self.assignments, strict=True)):
            if i not in self.removed:
                _group(out, self._single, user_id, assignment)
        return out

    def lines_of(self, user_ids: set[str]) -> dict[str, list[int]]:
        """The lines of the rows naming these users, in file order."""
        out: dict[str, list[int]] = {}
        for user_id, line in zip(self.users, self.lines, strict=True):
            if user_id in user_ids:
                out.setdefault(user_id, []).append(line)
        return out

    def in_user_order(self) -> list[int]:
        """Row positions sorted by user, in file order within one user."""
        return sorted(range(len(self.users)), key=self.users.__getitem__)


def _group(
    by_user: dict[str, RoleEntries],
    single: dict[int, tuple[RoleAssignment, ...]],
    user_id: str,
    assignment: RoleAssignment,
) -> None:
    have = by_user.get(user_id)
    if have is None:
        shared = single.get(id(assignment))
        if shared is None:
            shared = single[id(assignment)] = (assignment,)
        by_user[user_id] = shared
    elif isinstance(have, tuple):
        by_user[user_id] = [*have, assignment]
    else:
        have.append(assignment)


def read_roles(
    source: CsvSource,
    encoding: str,
    collector: DiagnosticCollector,
    *,
    delta: bool = False,
) -> RoleRows:
    """1.2 ``roles.csv``: each user's assignments, and every row with its line.

    ``tobedeleted`` rows are skipped, or, in a ``delta``, kept and marked removed (they
    say which roles a user loses).

    Equal assignments (same role, org, type, dates and profile) are one shared frozen
    object: a district has few distinct ones, so this keeps a 1M-user roster small.
    """
    table = Table(source, "roles.csv", ROLES_COLUMNS, REQUIRED_ROLES, encoding, collector)
    ctx = _RowContext(collector, table.file)
    at = table.position
    p_id, p_user, p_status, p_role = at("sourcedId"), at("userSourcedId"), at("status"), at("role")
    p_type, p_begin, p_end = at("roleType"), at("beginDate"), at("endDate")
    p_org, p_profile = at("orgSourcedId"), at("userProfileSourcedId")
    rows = RoleRows()
    shared: dict[tuple[str, ...], RoleAssignment] = {}
    seen: set[str] = set()
    for line, v in table.clean_rows():
        ctx.line = line
        role_id = v[p_id]
        ctx.sourced_id = user_id = v[p_user]
        if not user_id:
            ctx.problem(
                "missing-sourced-id",
                Severity.ERROR,
                "userSourcedId",
                "",
                "role row names no user and was rejected",
            )
            continue
        if role_id:
            if role_id in seen:
                ctx.problem(
                    "duplicate-sourced-id",
                    Severity.ERROR,
                    "sourcedId",
                    role_id,
                    "role sourcedId already used by an earlier row; this row was rejected",
                )
                continue
            seen.add(role_id)
        gone = False
        if v[p_status] and _status(ctx, v, p_status) is not Status.ACTIVE:
            if not delta:
                continue
            gone = True
        key = (v[p_role], v[p_type], v[p_begin], v[p_end], v[p_org], v[p_profile])
        assignment = shared.get(key)
        if assignment is None:
            before = len(collector.items)
            raw_role = v[p_role]
            role_type, problem = parse_role_type(v[p_type])
            if problem:
                ctx.problem("bad-role-type", Severity.WARNING, "roleType", v[p_type], problem)
            assignment = RoleAssignment(
                role=_role(ctx, raw_role, "role"),
                role_raw=raw_role,
                org_sourced_id=v[p_org] or None,
                role_type=role_type,
                begin_date=_date(ctx, v, p_begin, "beginDate"),
                end_date=_date(ctx, v, p_end, "endDate"),
                user_profile=v[p_profile] or None,
            )
            if len(collector.items) == before:
                shared[key] = assignment  # rows with problems are not shared: each is reported
        rows.add(user_id, assignment, line, removed=gone)
    return rows


def _date(ctx: _RowContext, cells: list[str], position: int | None, column: str) -> dt.date | None:
    raw = _cell(cells, position)
    value, problem = parse_date(raw)
    if problem:
        ctx.problem("bad-date", Severity.WARNING, column, raw, f"{column} {problem}; ignored")
    return value


def role_sort_key(assignment: RoleAssignment) -> tuple[str, str, str, str, str]:
    """Canonical order of a user's roles, so 1.1 and 1.2 files give equal users."""
    return (
        assignment.role_type.value,
        assignment.role_raw.casefold(),
        assignment.org_sourced_id or "",
        assignment.begin_date.isoformat() if assignment.begin_date else "",
        assignment.end_date.isoformat() if assignment.end_date else "",
    )


def read_csv_bulk(source: CsvSource, *, encoding: str, collector: DiagnosticCollector) -> Roster:
    """Read a OneRoster CSV bulk or delta export from ``source``."""
    if not source.has("users.csv"):
        raise collector.fatal(
            "missing-file",
            "users.csv not found; a OneRoster roster needs users.csv"
            + (f" (found: {', '.join(source.names())})" if source.names() else ""),
            Location(file=source.label),
        )
    manifest = read_manifest(source, encoding, collector)
    if manifest.get("file.users", "bulk").casefold() == "absent":
        collector.add(
            "manifest-mismatch",
            Severity.WARNING,
            "manifest says file.users is absent but users.csv exists; it was read",
            Location(file=source.actual_name("manifest.csv")),
        )
    orgs = read_orgs(source, encoding, collector)
    users_table = Table(source, "users.csv", USERS_COLUMNS, REQUIRED_USERS, encoding, collector)
    version = detect_version(manifest.get("oneroster.version", ""), users_table.index)
    delta = any(
        manifest.get(f"file.{name}", "").casefold() == "delta" for name in ("users", "roles")
    )
    role_rows: RoleRows | None = None
    roles_by_user: dict[str, RoleEntries] | None = None
    role_changes: list[RoleChange] = []
    if source.has("roles.csv"):
        role_rows = read_roles(source, encoding, collector, delta=delta)
        roles_by_user = role_rows.kept()
        if delta:
            role_changes = [
                RoleChange(
                    user_sourced_id=role_rows.users[i],
                    assignment=role_rows.assignments[i],
                    removed=i in role_rows.removed,
                    line=role_rows.lines[i],
                )
                for i in role_rows.in_user_order()
            ]
    elif version == "1.2" and "role" not in users_table.index:
        collector.add(
            "missing-file",
            Severity.WARNING,
            "OneRoster 1.2 roster without roles.csv: users have no roles",
            Location(file=source.label),
        )
    demographics = read_demographics(source, encoding, collector)
    enrollments = None
    enrollments_mode = manifest.get("file.enrollments", "").casefold()
    if source.has("enrollments.csv") and (enrollments_mode == "delta" or delta):
        # A delta's enrollments are changed rows: counting them would tell nothing of a
        # student's classes. The base's counts stand (apply_delta keeps them).
        collector.add(
            "delta-enrollments-not-read",
            Severity.INFO,
            "a delta's enrollments.csv is not read: which record of a student entered twice "
            "is enrolled is read from the base export",
            Location(file=source.actual_name("enrollments.csv")),
        )
    else:
        enrollments = read_enrollments(source, encoding, collector)
    users, by_id, rejected, repeated = _read_users(
        users_table, roles_by_user, demographics, collector
    )
    if not users and not rejected and not users_table.rejected:
        collector.add(
            "no-users",
            Severity.WARNING,
            "users.csv has a header and no rows: there is nothing to sync"
            + (" (a delta with no user changes)" if delta else ""),
            Location(file=users_table.file, line=1),
        )
    if delta:
        collector.add(
            "delta-without-base",
            Severity.WARNING,
            f"this is a delta of {len(users)} records (changed rows only); pass --base "
            "(read_roster(delta, base=...)) to check it against the full roster",
            Location(file=source.actual_name("manifest.csv")),
        )
    # The ids another file names and no user holds: sorted for a stable order of
    # diagnostics (the missing ones, not a million), and what each is near looked up in
    # one pass over the users for both files
    lost = sorted(uid for uid in demographics if uid not in by_id)
    unknown = (
        {uid for uid in role_rows.by_user if uid not in by_id}
        if role_rows is not None and not delta  # a delta's roles may name users of the base
        else set()
    )
    near = near_id_words(users, sorted(unknown.union(lost)), by_id)
    if demographics:
        for user_id in lost:
            collector.add(
                "demographics-for-missing-user",
                Severity.WARNING,
                "demographics row names a user that is not in users.csv; ignored" + near[user_id],
                Location(
                    file=source.actual_name("demographics.csv"),
                    line=demographics[user_id][2],
                    column="sourcedId",
                ),
                value=user_id,
                sourced_id=user_id,
            )
    if role_rows is not None and unknown:
        missing = role_rows.lines_of(unknown)
        for user_id, role_lines in sorted(missing.items()):
            for role_line in role_lines:
                collector.add(
                    "role-for-missing-user",
                    Severity.WARNING,
                    "role names a user that is not in users.csv; ignored" + near[user_id],
                    Location(
                        file=source.actual_name("roles.csv"),
                        line=role_line,
                        column="userSourcedId",
                    ),
                    value=user_id,
                    sourced_id=user_id,
                )
    check_links(users, collector, known=by_id)
    counts = None if enrollments is None else enrollments.counts(users, by_id, collector)
    return Roster(
        users=users,
        orgs=orgs,
        version=version,
        source=source.label,
        diagnostics=collector.finish(),
        rejected_rows=rejected + users_table.rejected,
        repeated_rows=repeated,
        delta=delta,
        role_changes=tuple(role_changes),
        enrollment_counts=counts,
    )


def check_links(
    users: Sequence[User], collector: DiagnosticCollector, *, known: Container[str]
) -> None:
    """Report agents that point at no user and users with no usable role
    (:func:`~oneroster_identity._roster_checks.link_diagnostics`). ``known`` answers whether a
    sourcedId is a user's: every reader holds its users by id already."""
    collector.items.extend(link_diagnostics(users, known))


_SAME_USER_COLUMNS = (
    ("given_name", "givenName"),
    ("family_name", "familyName"),
    ("middle_name", "middleName"),
    ("email", "email"),
    ("sms", "sms"),
    ("phone", "phone"),
    ("username", "username"),
    ("identifier", "identifier"),
    ("user_master_identifier", "userMasterIdentifier"),
    ("preferred_given_name", "preferredGivenName"),
    ("preferred_middle_name", "preferredMiddleName"),
    ("preferred_family_name", "preferredFamilyName"),
    ("pronouns", "pronouns"),
)
"""The string columns compared when a sourcedId comes twice: the identity a sync reads
(the preferred names and pronouns since session 57, as the REST reader compares every
string field: a second row with another preferred name was read as a repeat, the first
row's name kept whichever it was)."""


def _differing_columns(
    row: Sequence[str],
    first: int,
    pos: Mapping[str, int],
    lists: Mapping[str, Sequence[Any]],
    absent: int,
) -> list[str]:
    """The columns in which a row repeating a sourcedId differs from the row read first
    (held as columns, ``lists``, at index ``first``): its identity columns, its role
    (1.1's ``role`` column), its agents, its status, ``enabledUser`` and grades. Empty
    for a row written twice."""
    differ = [
        column
        for field, column in _SAME_USER_COLUMNS
        if pos[column] != absent and row[pos[column]] != lists[field][first]
    ]
    if pos["agentSourcedIds"] != absent and parse_list(row[pos["agentSourcedIds"]]) != tuple(
        lists["agent_sourced_ids"][first]
    ):
        differ.append("agentSourcedIds")
    if pos["role"] != absent:
        roles = lists["roles"][first]
        if row[pos["role"]].casefold() not in {r.role_raw.casefold() for r in roles}:
            differ.append("role")
    # Columns kept as read values, compared as read (since session 57: a row differing
    # only in them was a repeat, the first row's kept, so an `active` and a `tobedeleted`
    # row of one user were read by the row order). A dateLastModified that differs is two
    # exports' own, and is not compared.
    if pos["status"] != absent:
        raw = row[pos["status"]]
        if (parse_status(raw)[0] if raw else Status.ACTIVE) is not lists["status"][first]:
            differ.append("status")
    if pos["enabledUser"] != absent:
        raw = row[pos["enabledUser"]]
        if (parse_bool(raw)[0] if raw else None) != lists["enabled_user"][first]:
            differ.append("enabledUser")
    if pos["grades"] != absent and parse_list(row[pos["grades"]]) != tuple(lists["grades"][first]):
        differ.append("grades")
    return differ


def _v11_roles(role: Role | None, raw_role: str, orgs_raw: str) -> tuple[RoleAssignment, ...]:
    """A 1.1 users row's roles: its one ``role`` word at each of its ``orgSourcedIds``
    (one assignment with no org when it lists none), sorted."""
    return tuple(
        sorted(
            (
                RoleAssignment(
                    role=role, role_raw=raw_role if role is None else role.value, org_sourced_id=org
                )
                for org in parse_list(orgs_raw) or (None,)
            ),
            key=role_sort_key,
        )
    )


def both_rows_roles(
    first: tuple[RoleAssignment, ...], again: tuple[RoleAssignment, ...]
) -> tuple[RoleAssignment, ...]:
    """The roles of one user read twice (a guardian listed once per child, one person in
    two schools' files: two 1.1 rows, or two REST objects): each reading's assignments
    once (a parent of a child at one school, a guardian of one at another). The union
    does not depend on which came first; an assignment with no org stands only where
    no reading names one."""
    union = {*first, *again}
    if any(r.org_sourced_id is not None for r in union):
        union = {r for r in union if r.org_sourced_id is not None}
    return tuple(sorted(union, key=role_sort_key))


def _one_guardian_per_child(
    differ: Sequence[str], role_raw: str, first_roles: Sequence[RoleAssignment]
) -> bool:
    """Whether a row repeating a sourcedId (``differ``: the columns it differs in, at
    least one) is one guardian listed once per child: it differs from the first row in its
    ``agentSourcedIds`` and, at most, in a 1.1 ``role`` word that names a guardian as the
    first row's roles all do (``parent`` beside ``guardian`` or ``relative``: the
    relation to each child), or only in such a word (two schools' files that word one
    guardian's relation two ways)."""
    if not set(differ) <= {"agentSourcedIds", "role"}:
        return False
    if "role" not in differ:
        return True
    role = Role.parse(role_raw)
    return (
        role is not None
        and role.family is RoleFamily.GUARDIAN
        and bool(first_roles)
        and all(r.role is not None and r.role.family is RoleFamily.GUARDIAN for r in first_roles)
    )


def _read_users(
    table: Table,
    roles_by_user: Mapping[str, RoleEntries] | None,
    demographics: Mapping[str, tuple[dt.date | None, str, int]],
    collector: DiagnosticCollector,
) -> tuple[UserColumns, dict[str, int], int, int]:
    """Every accepted user row as columns (see ``_user_table``), the row of each
    sourcedId in read order, the number of rows rejected, and how many of those repeat an
    earlier row with nothing lost (word for word, or but for agentSourcedIds, which are
    read into the earlier row)."""
    pos = {c: table.position(c) for c in USERS_COLUMNS}
    p_id, p_modified, p_enabled, p_ids = (
        pos["sourcedId"],
        pos["dateLastModified"],
        pos["enabledUser"],
        pos["userIds"],
    )
    ctx = _RowContext(collector, table.file)
    rows: dict[str, int] = {}
    lists: dict[str, list[Any]] = {}
    defaults: dict[str, Any] = {}
    # A column absent from the header is one value for every user, kept once: its cells
    # (the trailing empty cell, see _Table.position) are not appended at all.
    absent = table.width

    def sink(field: str, column: str | None = None) -> Callable[[Any], object]:
        if column is not None and pos[column] == absent:
            defaults[field] = ""
            return _IGNORE
        values: list[Any] = []
        lists[field] = values
        return values.append

    ids: list[str] = []
    lists["sourced_id"] = ids
    lines = array("I")
    names: dict[str, str] = {}
    intern = names.setdefault  # given and family names repeat: one string object each
    rejected = 0
    repeated = 0
    extensions = table.extensions
    shared_roles: dict[tuple[int, ...], tuple[RoleAssignment, ...]] = {}
    booleans: dict[str, bool] = {}
    shared_v11: dict[tuple[str, str], tuple[RoleAssignment, ...]] = {}
    shared_lists: dict[str, tuple[str, ...]] = {}
    shared_agents: dict[str, tuple[str, ...]] = {}

    def agents(text: str) -> tuple[str, ...]:
        # Siblings list the same guardians: one tuple per distinct list (a 1M roster has
        # 515k lists, 293k distinct; 11 MB). An agent already read as a user shares that
        # user's sourcedId string (59 bytes per link otherwise); exports usually list
        # guardians before their students.
        if not text:
            return ()
        value = shared_agents.get(text)
        if value is None:
            found = parse_list(text)
            get = rows.get
            value = tuple(a if (i := get(a)) is None else ids[i] for a in found)
            shared_agents[text] = value
        return value

    def as_list(text: str) -> tuple[str, ...]:
        # Grades: many users share a value; one shared tuple each.
        if not text:
            return ()
        value = shared_lists.get(text)
        if value is None:
            value = shared_lists[text] = parse_list(text)
        return value

    p_role, p_orgs, p_status = pos["role"], pos["orgSourcedIds"], pos["status"]
    p_primary, p_username, p_given = pos["primaryOrgSourcedId"], pos["username"], pos["givenName"]
    p_family, p_middle, p_pgiven = pos["familyName"], pos["middleName"], pos["preferredGivenName"]
    p_pmiddle, p_pfamily = pos["preferredMiddleName"], pos["preferredFamilyName"]
    p_pronouns, p_identifier, p_email = pos["pronouns"], pos["identifier"], pos["email"]
    p_sms, p_phone, p_agents, p_grades = (
        pos["sms"],
        pos["phone"],
        pos["agentSourcedIds"],
        pos["grades"],
    )
    p_master = pos["userMasterIdentifier"]

    def add_row_roles(first: int, row: Sequence[str]) -> None:
        """Add a 1.1 row's role word at its orgs to the roles of the row read first
        under its sourcedId (one person's rows: nothing of either is dropped). The word is
        read as any row's is, its note said at this row: which row comes first does not
        change what is said."""
        raw_role = row[p_role] if p_role != absent else ""
        orgs_raw = row[p_orgs] if p_orgs != absent else ""
        kept = lists["roles"]
        kept[first] = both_rows_roles(
            kept[first], _v11_roles(_role(ctx, raw_role, "role"), raw_role, orgs_raw)
        )

    # One appender per User field, in User's field order (see _user_table.FIELDS).
    add_given = sink("given_name", "givenName")
    add_family = sink("family_name", "familyName")
    add_middle = sink("middle_name", "middleName")
    add_pgiven = sink("preferred_given_name", "preferredGivenName")
    add_pmiddle = sink("preferred_middle_name", "preferredMiddleName")
    add_pfamily = sink("preferred_family_name", "preferredFamilyName")
    add_pronouns = sink("pronouns", "pronouns")
    add_status = sink("status")
    add_modified = sink("date_last_modified")
    add_enabled = sink("enabled_user")
    add_roles = sink("roles")
    add_primary = sink("primary_org_sourced_id")
    add_username = sink("username", "username")
    add_user_ids = sink("user_ids")
    add_identifier = sink("identifier", "identifier")
    add_email = sink("email", "email")
    add_sms = sink("sms", "sms")
    add_phone = sink("phone", "phone")
    add_agents = sink("agent_sourced_ids")
    add_grades = sink("grades")
    add_master = sink("user_master_identifier", "userMasterIdentifier")
    add_born = sink("birth_date")
    add_sex = sink("sex")
    add_extensions = sink("extensions")
    for line, v in table.clean_rows():
        ctx.line = line
        ctx.sourced_id = None
        sourced_id = v[p_id]
        if not sourced_id:
            ctx.problem(
                "missing-sourced-id",
                Severity.ERROR,
                "sourcedId",
                "",
                "user row has no sourcedId and was rejected",
            )
            rejected += 1
            continue
        ctx.sourced_id = sourced_id
        first = rows.get(sourced_id)
        if first is not None:
            differ = _differing_columns(v, first, pos, lists, absent)
            if differ and _one_guardian_per_child(
                differ, v[p_role] if p_role != absent else "", lists["roles"][first]
            ):
                # One guardian listed once per child (a per-child export): the same
                # person, each row with its child's link (and, in 1.1, the relation to
                # that child as the role: a parent of one, a guardian of another). Nothing
                # to choose between: the user is linked to the students of both rows (since
                # session 56; the row was rejected with its link before), and in 1.1 holds
                # both rows' roles (since session 57; the first row's alone before, so the
                # report's role word followed the row order).
                other_links = "agentSourcedIds" in differ
                if other_links:
                    links = lists["agent_sourced_ids"]
                    links[first] = tuple(sorted({*links[first], *agents(v[p_agents])}))
                if roles_by_user is None:
                    add_row_roles(first, v)
                said = (
                    "another guardian's role word (both kept: the app classes both as a guardian)"
                    if "role" in differ
                    else "the same role"
                )
                if other_links:
                    said += (
                        " and other agentSourcedIds (one guardian listed once per child): "
                        "read as one user linked to the students "
                        + ("" if roles_by_user is not None else "(and holding the roles) ")
                        + "of both rows; a sync that keeps one row per sourcedId may keep "
                        "only one row's links (the students' own agentSourcedIds keep theirs)"
                    )
                else:  # since session 57: an error, the second row's word rejected
                    said += (
                        " and the same links (two files that word one guardian's relation "
                        "two ways): read as one user holding both rows' roles; nothing of "
                        "the user is lost"
                    )
                ctx.problem(
                    "duplicate-sourced-id",
                    Severity.WARNING,
                    "sourcedId",
                    sourced_id,
                    f"sourcedId already used at line {lines[first]}, with the same name, "
                    f"email and phones, {said}",
                )
                rejected += 1
                repeated += 1
                continue
            ctx.problem(
                "duplicate-sourced-id",
                Severity.ERROR if differ else Severity.WARNING,
                "sourcedId",
                sourced_id,
                f"sourcedId already used at line {lines[first]}"
                + (
                    f", with another {' and '.join(differ)}; this row was rejected (the SIS "
                    "holds one record per sourcedId: which row is right, only it can say)"
                    if differ
                    else ", with the same name, email, phones, role and links (files joined "
                    "one after the other, or a row written twice); this row was not read "
                    "again, and nothing of the user is lost"
                ),
            )
            rejected += 1
            if not differ:
                repeated += 1
                if roles_by_user is None:  # two schools' files: a role at each (session 57)
                    add_row_roles(first, v)
            continue
        modified_raw = v[p_modified]
        modified = None
        if modified_raw:
            # parse_datetime is cached: equal stamps share one datetime object.
            modified, problem, note = parse_datetime(modified_raw)
            if problem or note:
                ctx.problem(
                    "bad-date",
                    Severity.WARNING if problem else Severity.INFO,
                    "dateLastModified",
                    modified_raw,
                    f"dateLastModified {problem or note}",
                )
        enabled_raw = v[p_enabled]
        enabled = None
        if enabled_raw:
            enabled = booleans.get(enabled_raw)
            problem = None
            if enabled is None:
                enabled, problem = parse_bool(enabled_raw)
                if enabled is not None:
                    booleans[enabled_raw] = enabled  # a handful of spellings: TRUE, true...
            if problem:
                ctx.problem(
                    "bad-boolean",
                    Severity.WARNING,
                    "enabledUser",
                    enabled_raw,
                    f"enabledUser {problem}; ignored",
                )
        user_ids: tuple[UserId, ...] = ()
        if v[p_ids]:
            user_ids, problem = parse_user_ids(v[p_ids])
            if problem:
                ctx.problem(
                    "bad-user-ids", Severity.INFO, "userIds", v[p_ids], f"userIds {problem}"
                )
        roles: tuple[RoleAssignment, ...]
        if roles_by_user is not None:
            entries = roles_by_user.get(sourced_id)
            if entries is None:
                roles = ()
            elif isinstance(entries, tuple):
                roles = entries  # one assignment: a tuple shared by its users (RoleRows)
            else:
                found = tuple(sorted(entries, key=role_sort_key))
                # Assignments are shared objects (see read_roles): key by identity, not
                # by hashing every field of every assignment.
                roles = shared_roles.setdefault(tuple(map(id, found)), found)
        else:
            raw_role, orgs_raw = v[p_role], v[p_orgs]
            cached = shared_v11.get((raw_role, orgs_raw))
            if cached is not None:
                roles = cached
            else:
                before = len(collector.items)
                roles = _v11_roles(_role(ctx, raw_role, "role"), raw_role, orgs_raw)
                if len(collector.items) == before:
                    shared_v11[(raw_role, orgs_raw)] = roles
        status_raw = v[p_status]
        born, sex, _ = demographics.get(sourced_id, _NO_DEMOGRAPHICS)
        rows[sourced_id] = len(ids)
        ids.append(sourced_id)
        lines.append(line)
        add_given(intern(v[p_given], v[p_given]))
        add_family(intern(v[p_family], v[p_family]))
        add_middle(v[p_middle])
        add_pgiven(v[p_pgiven])
        add_pmiddle(v[p_pmiddle])
        add_pfamily(v[p_pfamily])
        add_pronouns(v[p_pronouns])
        add_status(_status(ctx, v, p_status) if status_raw else Status.ACTIVE)
        add_modified(modified)
        add_enabled(enabled)
        add_roles(roles)
        add_primary(v[p_primary] or None)
        add_username(v[p_username])
        add_user_ids(user_ids)
        add_identifier(v[p_identifier])
        add_email(v[p_email])
        add_sms(v[p_sms])
        add_phone(v[p_phone])
        add_agents(agents(v[p_agents]))
        add_grades(as_list(v[p_grades]))
        add_master(v[p_master])
        add_born(born)
        add_sex(sex)
        add_extensions(tuple((name, v[i]) for i, name in extensions if v[i]) if extensions else ())
    users = UserColumns.from_lists(lists, defaults, table.file, lines)
    return users, rows, rejected, repeated
