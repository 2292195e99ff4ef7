"""``users.csv`` read into the columns of a :class:`~oneroster_identity._user_table.UserColumns`.

The file comes in blocks of columns (:meth:`CsvTable.blocks`). A block is converted a
whole column at a time (C-level ``map``, ``set`` and ``dict`` passes) when a check of its
columns shows that no row of it has anything to report: every sourcedId present and new,
every date, boolean, status, role and userIds value parsing cleanly. Any other block is
read row by row, the reference path, so that each problem names its line, column and
value. Both paths append to the same columns and give equal users: a clean 1M-user file
is read without any Python code per row, and a file with a problem in every block is
read as fast as before.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any

from oneroster_identity._user_table import UserColumns
from oneroster_identity.diagnostics import Severity
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._fields import (
    parse_bool,
    parse_datetime,
    parse_list,
    parse_role,
    parse_status,
    parse_user_ids,
)
from oneroster_identity.io._rows import RowContext, role_of, role_sort_key, status_of
from oneroster_identity.io._table import Block, CsvTable
from oneroster_identity.models import RoleAssignment, Status, UserId

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
REQUIRED_USERS = ("sourcedId", "givenName", "familyName")

Demographics = Mapping[str, tuple[dt.date | None, str, int]]
"""sourcedId -> (birth date, sex, line), from ``demographics.csv``."""

NO_DEMOGRAPHICS: tuple[dt.date | None, str, int] = (None, "", 0)

BY_COLUMN = True
"""Whether clean blocks are converted by column. Tests turn it off to compare the column
path with the row path on the same files."""

_IGNORE: Callable[[Any], object] = id
"""The appender of a column absent from the header: a C function that keeps nothing."""

_FIELDS = (
    ("given_name", "givenName"),
    ("family_name", "familyName"),
    ("middle_name", "middleName"),
    ("preferred_given_name", "preferredGivenName"),
    ("preferred_middle_name", "preferredMiddleName"),
    ("preferred_family_name", "preferredFamilyName"),
    ("pronouns", "pronouns"),
    ("status", None),
    ("date_last_modified", None),
    ("enabled_user", None),
    ("roles", None),
    ("primary_org_sourced_id", None),
    ("username", "username"),
    ("user_ids", None),
    ("identifier", "identifier"),
    ("email", "email"),
    ("sms", "sms"),
    ("phone", "phone"),
    ("agent_sourced_ids", None),
    ("grades", None),
    ("user_master_identifier", "userMasterIdentifier"),
    ("birth_date", None),
    ("sex", None),
    ("extensions", None),
)
"""Each ``User`` field the reader fills, in the model's field order (see
``_user_table.FIELDS``), and its column when it is one cell as read: a field whose
column is absent from the header is kept once, not per user."""

_TEXT_FIELDS = (
    ("middle_name", "middleName"),
    ("preferred_given_name", "preferredGivenName"),
    ("preferred_middle_name", "preferredMiddleName"),
    ("preferred_family_name", "preferredFamilyName"),
    ("pronouns", "pronouns"),
    ("username", "username"),
    ("identifier", "identifier"),
    ("email", "email"),
    ("sms", "sms"),
    ("phone", "phone"),
    ("user_master_identifier", "userMasterIdentifier"),
)
"""User fields that are a cell as read (stripped), and their columns."""


def read_users(
    table: CsvTable,
    roles_by_user: Mapping[str, tuple[RoleAssignment, ...]] | None,
    demographics: Demographics,
    collector: DiagnosticCollector,
) -> tuple[UserColumns, dict[str, int], int]:
    """Every accepted user row as columns (see ``_user_table``), the row of each
    sourcedId in read order, and the number of rows rejected."""
    reader = _UsersReader(table, roles_by_user, demographics, collector)
    for block in table.blocks():
        if not (BY_COLUMN and reader.by_column(block)):
            reader.by_row(block)
    users = UserColumns.from_lists(reader.lists, reader.defaults, table.file, reader.lines)
    return users, reader.rows, reader.rejected


class _UsersReader:
    """The columns being filled, the values shared between rows, and the two paths."""

    def __init__(
        self,
        table: CsvTable,
        roles_by_user: Mapping[str, tuple[RoleAssignment, ...]] | None,
        demographics: Demographics,
        collector: DiagnosticCollector,
    ) -> None:
        self.table = table
        self.roles_by_user = roles_by_user
        self.demographics = demographics
        self.ctx = RowContext(collector, table.file)
        self.pos = {c: table.position(c) for c in USERS_COLUMNS}
        self.rows: dict[str, int] = {}
        """sourcedId -> row, in read order."""
        self.ids: list[str] = []
        self.lines = array("I")
        self.rejected = 0
        # One list per User field (see _user_table.FIELDS). A column absent from the
        # header is one value for every user, kept once in ``defaults``: its cells (the
        # trailing empty cell, see CsvTable.position) are not appended at all.
        self.lists: dict[str, list[Any]] = {"sourced_id": self.ids}
        self.defaults: dict[str, Any] = {}
        self.names: dict[str, str] = {}
        """Given and family names repeat: one string object each."""
        self.booleans: dict[str, bool] = {}
        self.shared_v11: dict[tuple[str, str], tuple[RoleAssignment, ...]] = {}
        self.shared_lists: dict[str, tuple[str, ...]] = {}
        self.shared_agents: dict[str, tuple[str, ...]] = {"": ()}
        for field, column in _FIELDS:
            self.column(field, column)

    def sink(self, field: str, column: str | None = None) -> Callable[[Any], object]:
        """The appender of one field's list (made on first use)."""
        values = self.column(field, column)
        return _IGNORE if values is None else values.append

    def column(self, field: str, column: str | None = None) -> list[Any] | None:
        """One field's list; None for a field whose ``column`` is absent from the file."""
        if column is not None and self.pos[column] == self.table.width:
            self.defaults[field] = ""
            return None
        values = self.lists.get(field)
        if values is None:
            values = self.lists[field] = []
        return values

    def agents(self, text: str) -> tuple[str, ...]:
        """A user's agentSourcedIds. Siblings list the same guardians: one tuple per
        distinct list (a 1M roster has 515k lists, 293k distinct; 11 MB). An agent
        already read as a user shares that user's sourcedId string (59 bytes per link
        otherwise); exports usually list guardians before their students."""
        if not text:
            return ()
        value = self.shared_agents.get(text)
        if value is None:
            get, ids = self.rows.get, self.ids
            value = tuple(a if (i := get(a)) is None else ids[i] for a in parse_list(text))
            self.shared_agents[text] = value
        return value

    def agents_of(self, cells: list[str]) -> list[tuple[str, ...]]:
        """:meth:`agents` of a whole column: each distinct list parsed once."""
        shared = self.shared_agents
        for text in set(cells).difference(shared):
            self.agents(text)
        return list(map(shared.__getitem__, cells))

    def as_list(self, text: str) -> tuple[str, ...]:
        """Grades: many users share a value; one shared tuple each."""
        if not text:
            return ()
        value = self.shared_lists.get(text)
        if value is None:
            value = self.shared_lists[text] = parse_list(text)
        return value

    def v11_roles(self, raw_role: str, orgs_raw: str) -> tuple[RoleAssignment, ...]:
        """A 1.1 user's roles (one role, its orgs), reporting an unknown role."""
        cached = self.shared_v11.get((raw_role, orgs_raw))
        if cached is not None:
            return cached
        collector = self.ctx.collector
        before = len(collector.items)
        role = role_of(self.ctx, raw_role, "role")
        org_ids = parse_list(orgs_raw) or (None,)
        roles = tuple(
            sorted(
                (
                    RoleAssignment(
                        role=role,
                        role_raw=raw_role if role is None else role.value,
                        org_sourced_id=org,
                    )
                    for org in org_ids
                ),
                key=role_sort_key,
            )
        )
        if len(collector.items) == before:
            self.shared_v11[(raw_role, orgs_raw)] = roles
        return roles

    def by_column(self, block: Block) -> bool:
        """Append a block whose columns hold nothing to report, a column at a time;
        False (and nothing appended) when a row of it might need a report."""
        n = len(block)
        if not n:
            return True
        columns, pos = block.columns, self.pos
        ids = columns[pos["sourcedId"]]
        if "" in ids or len(set(ids)) != n or not self.rows.keys().isdisjoint(ids):
            return False
        # Every check first, so that a block that fails one leaves no trace.
        modified = _converted(columns[pos["dateLastModified"]], _clean_datetime)
        enabled = _converted(columns[pos["enabledUser"]], self._clean_bool)
        user_ids = _converted(columns[pos["userIds"]], _clean_user_ids)
        status = _converted(columns[pos["status"]], _clean_status)
        if modified is None or enabled is None or user_ids is None or status is None:
            return False
        roles: list[tuple[RoleAssignment, ...]]
        if self.roles_by_user is not None:
            roles = list(map(self.roles_by_user.get, ids, repeat(())))
        else:
            pairs = list(zip(columns[pos["role"]], columns[pos["orgSourcedIds"]], strict=True))
            found = self._clean_v11(pairs)
            if found is None:
                return False
            roles = list(map(found.__getitem__, pairs))
        # The block is clean: append it.
        start = len(self.ids)
        self.rows.update(zip(ids, range(start, start + n), strict=True))
        self.ids.extend(ids)
        self.lines.extend(block.starts)
        names = self.names.setdefault
        for field, column in (("given_name", "givenName"), ("family_name", "familyName")):
            values = self.column(field, column)
            if values is not None:
                cells = columns[pos[column]]
                values.extend(map(names, cells, cells))
        for field, column in _TEXT_FIELDS:
            values = self.column(field, column)
            if values is not None:
                values.extend(columns[pos[column]])
        demographics = list(map(self.demographics.get, ids, repeat(NO_DEMOGRAPHICS)))
        primary = columns[pos["primaryOrgSourcedId"]]
        appended: tuple[tuple[str, Sequence[Any]], ...] = (
            ("status", status),
            ("date_last_modified", modified),
            ("enabled_user", enabled),
            ("roles", roles),
            ("primary_org_sourced_id", [org or None for org in primary]),
            ("user_ids", user_ids),
            ("agent_sourced_ids", self.agents_of(columns[pos["agentSourcedIds"]])),
            ("grades", list(map(self.as_list, columns[pos["grades"]]))),
            ("birth_date", [d[0] for d in demographics]),
            ("sex", [d[1] for d in demographics]),
            ("extensions", self._extensions(block)),
        )
        for field, converted in appended:
            self.lists.setdefault(field, []).extend(converted)
        return True

    def _extensions(self, block: Block) -> list[tuple[tuple[str, str], ...]]:
        extensions = self.table.extensions
        if not extensions:
            return [()] * len(block)
        names = [name for _, name in extensions]
        cells = [block.columns[position] for position, _ in extensions]
        return [
            tuple((name, value) for name, value in zip(names, row, strict=True) if value)
            for row in zip(*cells, strict=True)
        ]

    def _clean_bool(self, raw: str) -> tuple[bool | None] | None:
        if not raw:
            return (None,)
        value = self.booleans.get(raw)
        if value is None:
            value, problem = parse_bool(raw)
            if problem or value is None:
                return None
            self.booleans[raw] = value  # a handful of spellings: TRUE, true...
        return (value,)

    def _clean_v11(
        self, pairs: list[tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[RoleAssignment, ...]] | None:
        """Each distinct (role, orgSourcedIds) of a block as roles, or None when one
        would be reported (the row path reports it)."""
        found: dict[tuple[str, str], tuple[RoleAssignment, ...]] = {}
        for pair in set(pairs):
            cached = self.shared_v11.get(pair)
            if cached is None:
                _, problem, note = parse_role(pair[0])
                if problem or note:
                    return None
                cached = self.v11_roles(*pair)
            found[pair] = cached
        return found

    def by_row(self, block: Block) -> None:
        """Append a block row by row, reporting each problem with its line."""
        ctx, pos = self.ctx, self.pos
        rows, ids, lines = self.rows, self.ids, self.lines
        intern = self.names.setdefault
        extensions = self.table.extensions
        roles_by_user = self.roles_by_user
        demographics = self.demographics
        booleans = self.booleans
        sink = self.sink
        p_id, p_modified, p_enabled, p_ids = (
            pos["sourcedId"],
            pos["dateLastModified"],
            pos["enabledUser"],
            pos["userIds"],
        )
        p_role, p_orgs, p_status = pos["role"], pos["orgSourcedIds"], pos["status"]
        p_primary, p_username = pos["primaryOrgSourcedId"], pos["username"]
        p_given, p_family = pos["givenName"], pos["familyName"]
        p_middle, p_pgiven = pos["middleName"], pos["preferredGivenName"]
        p_pmiddle, p_pfamily = pos["preferredMiddleName"], pos["preferredFamilyName"]
        p_pronouns, p_identifier, p_email = pos["pronouns"], pos["identifier"], pos["email"]
        p_sms, p_phone = pos["sms"], pos["phone"]
        p_agents, p_grades = pos["agentSourcedIds"], pos["grades"]
        p_master = pos["userMasterIdentifier"]
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
        agents, as_list = self.agents, self.as_list
        for line, v in zip(block.starts, block.rows(), strict=True):
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
                self.rejected += 1
                continue
            ctx.sourced_id = sourced_id
            first = rows.get(sourced_id)
            if first is not None:
                ctx.problem(
                    "duplicate-sourced-id",
                    Severity.ERROR,
                    "sourcedId",
                    sourced_id,
                    f"sourcedId already used at line {lines[first]}; this row was rejected",
                )
                self.rejected += 1
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
                        booleans[enabled_raw] = enabled
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
            if roles_by_user is not None:
                roles = roles_by_user.get(sourced_id, ())
            else:
                roles = self.v11_roles(v[p_role], v[p_orgs])
            born, sex, _ = demographics.get(sourced_id, NO_DEMOGRAPHICS)
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
            add_status(status_of(ctx, v, p_status) if v[p_status] else Status.ACTIVE)
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
            add_extensions(
                tuple((name, v[i]) for i, name in extensions if v[i]) if extensions else ()
            )


def _converted(cells: list[str], clean: Callable[[str], tuple[Any] | None]) -> list[Any] | None:
    """A column's cells converted by ``clean`` (a 1-tuple of the value, or None when
    the cell would be reported), each distinct cell converted once; None when any would
    be reported."""
    values: dict[str, Any] = {}
    for raw in set(cells):
        found = clean(raw)
        if found is None:
            return None
        values[raw] = found[0]
    return list(map(values.__getitem__, cells))


def _clean_datetime(raw: str) -> tuple[dt.datetime | None] | None:
    if not raw:
        return (None,)
    value, problem, note = parse_datetime(raw)
    return None if problem or note else (value,)


def _clean_user_ids(raw: str) -> tuple[tuple[UserId, ...]] | None:
    if not raw:
        return ((),)
    value, problem = parse_user_ids(raw)
    return None if problem else (value,)


def _clean_status(raw: str) -> tuple[Status] | None:
    if not raw:
        return (Status.ACTIVE,)
    value, problem, note = parse_status(raw)
    return None if problem or note else (value,)
