"""1.2 ``roles.csv``: each user's role assignments, and every kept row with its line.

Like ``users.csv`` (see ``_users_csv``), the file is read in blocks: a block whose
columns hold nothing to report (every user named, every role sourcedId new, every
status active, every role, role type and date parsing cleanly) is converted a column at a
time; any other block row by row, so that each problem names its line.
"""

from __future__ import annotations

from array import array
from typing import cast

from oneroster_identity.diagnostics import Severity
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._fields import parse_date, parse_role, parse_role_type, parse_status
from oneroster_identity.io._rows import RowContext, date_of, role_of, role_sort_key, status_of
from oneroster_identity.io._source import CsvSource
from oneroster_identity.io._table import Block, CsvTable
from oneroster_identity.models import RoleAssignment, Status

BY_COLUMN = True
"""Whether clean blocks are converted by column (tests compare both paths)."""

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
REQUIRED_ROLES = ("userSourcedId", "role")


RoleEntries = tuple[RoleAssignment, ...] | list[RoleAssignment]
"""A user's assignments from roles.csv: a tuple shared by every user with the same single
assignment (most users), or a list for a user with several (sorted by :meth:`RoleRows.kept`)."""


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
        self._several: set[str] = set()
        """Users with more than one assignment (a list in ``by_user``)."""
        self._single: dict[int, tuple[RoleAssignment, ...]] = {}

    def add(self, user_id: str, assignment: RoleAssignment, line: int, *, removed: bool) -> None:
        """Keep one row; ``removed`` marks a delta row that takes the role away."""
        if removed:
            self.removed.add(len(self.users))
        self.users.append(user_id)
        self.assignments.append(assignment)
        self.lines.append(line)
        _group(self.by_user, self._several, self._single, user_id, assignment)

    def extend(self, users: list[str], assignments: list[RoleAssignment], lines: list[int]) -> None:
        """Keep a block of rows (none removed) at once: when each user is new, their
        shared 1-tuples go in with one ``dict.update``; else row by row."""
        n = len(users)
        self.users.extend(users)
        self.assignments.extend(assignments)
        self.lines.extend(lines)
        by_user, single = self.by_user, self._single
        if len(set(users)) == n and by_user.keys().isdisjoint(users):
            for assignment in {id(a): a for a in assignments}.values():
                if id(assignment) not in single:
                    single[id(assignment)] = (assignment,)
            by_user.update(zip(users, map(single.__getitem__, map(id, assignments)), strict=True))
            return
        for user_id, assignment in zip(users, assignments, strict=True):
            _group(by_user, self._several, single, user_id, assignment)

    def kept(self) -> dict[str, tuple[RoleAssignment, ...]]:
        """Each user's assignments in canonical order (:func:`role_sort_key`), without
        the rows a delta removes; users with the same assignments share one tuple.

        Without removed rows this is ``by_user`` itself, its lists replaced by tuples."""
        by_user, several = self.by_user, self._several
        if self.removed:
            by_user, several = {}, set()
            for i, (user_id, assignment) in enumerate(
                zip(self.users, self.assignments, strict=True)
            ):
                if i not in self.removed:
                    _group(by_user, several, self._single, user_id, assignment)
        shared: dict[tuple[int, ...], tuple[RoleAssignment, ...]] = {}
        for user_id in several:
            found = tuple(sorted(by_user[user_id], key=role_sort_key))
            # Assignments are shared objects (see read_roles): key by identity, not by
            # hashing every field of every assignment.
            by_user[user_id] = shared.setdefault(tuple(map(id, found)), found)
        several.clear()
        return cast("dict[str, tuple[RoleAssignment, ...]]", by_user)  # no list is left

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
    several: set[str],
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
        several.add(user_id)
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
    table = CsvTable(source, "roles.csv", ROLES_COLUMNS, REQUIRED_ROLES, encoding, collector)
    ctx = RowContext(collector, table.file)
    at = table.position
    p_id, p_user, p_status, p_role = at("sourcedId"), at("userSourcedId"), at("status"), at("role")
    p_type, p_begin, p_end = at("roleType"), at("beginDate"), at("endDate")
    p_org, p_profile = at("orgSourcedId"), at("userProfileSourcedId")
    rows = RoleRows()
    shared: dict[tuple[str, ...], RoleAssignment] = {}
    seen: set[str] = set()
    positions = (p_id, p_user, p_status, p_role, p_type, p_begin, p_end, p_org, p_profile)
    for block in table.blocks():
        if BY_COLUMN and _by_column(block, positions, rows, shared, seen):
            continue
        for line, v in zip(block.starts, block.rows(), strict=True):
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
            if v[p_status] and status_of(ctx, v, p_status) is not Status.ACTIVE:
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
                    role=role_of(ctx, raw_role, "role"),
                    role_raw=raw_role,
                    org_sourced_id=v[p_org] or None,
                    role_type=role_type,
                    begin_date=date_of(ctx, v, p_begin, "beginDate"),
                    end_date=date_of(ctx, v, p_end, "endDate"),
                    user_profile=v[p_profile] or None,
                )
                if len(collector.items) == before:
                    shared[key] = assignment  # rows with problems are not shared: each is reported
            rows.add(user_id, assignment, line, removed=gone)
    return rows


def _by_column(
    block: Block,
    positions: tuple[int, ...],
    rows: RoleRows,
    shared: dict[tuple[str, ...], RoleAssignment],
    seen: set[str],
) -> bool:
    """Keep a block whose columns hold nothing to report, a column at a time; False
    (and nothing kept) when a row of it might need a report."""
    n = len(block)
    if not n:
        return True
    p_id, p_user, p_status, p_role, p_type, p_begin, p_end, p_org, p_profile = positions
    columns = block.columns
    users = columns[p_user]
    if "" in users:
        return False
    role_ids = set(columns[p_id])
    role_ids.discard("")
    if len(role_ids) != n - columns[p_id].count("") or not seen.isdisjoint(role_ids):
        return False
    for raw in set(columns[p_status]):
        if raw:
            status, problem, note = parse_status(raw)
            if problem or note or status is not Status.ACTIVE:
                return False
    keys = list(
        zip(
            columns[p_role],
            columns[p_type],
            columns[p_begin],
            columns[p_end],
            columns[p_org],
            columns[p_profile],
            strict=True,
        )
    )
    for key in set(keys).difference(shared):
        assignment = _clean_assignment(key)
        if assignment is None:
            return False
        shared[key] = assignment
    seen.update(role_ids)
    rows.extend(users, list(map(shared.__getitem__, keys)), block.starts)
    return True


def _clean_assignment(key: tuple[str, ...]) -> RoleAssignment | None:
    """The assignment of a (role, roleType, beginDate, endDate, orgSourcedId,
    userProfileSourcedId) key, or None when a value of it would be reported."""
    raw_role, raw_type, raw_begin, raw_end, org, profile = key
    role_type, problem = parse_role_type(raw_type)
    role, role_problem, note = parse_role(raw_role)
    begin, begin_problem = parse_date(raw_begin)
    end, end_problem = parse_date(raw_end)
    if problem or role_problem or note or begin_problem or end_problem:
        return None
    return RoleAssignment(
        role=role,
        role_raw=raw_role,
        org_sourced_id=org or None,
        role_type=role_type,
        begin_date=begin,
        end_date=end,
        user_profile=profile or None,
    )
