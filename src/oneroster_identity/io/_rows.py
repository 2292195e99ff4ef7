"""Located checks of one CSV row's fields, shared by the readers of each file.

Each check returns the parsed value and reports a problem with the row's file, line,
column and value (the value only reaches output when a report asks for it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._fields import parse_date, parse_role, parse_status
from oneroster_identity.models import Role, RoleAssignment, Status


class RowContext:
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


def cell(cells: Sequence[str], position: int | None) -> str:
    return "" if position is None else cells[position].strip()


def status_of(ctx: RowContext, cells: Sequence[str], position: int | None) -> Status:
    raw = cell(cells, position)
    status, problem, note = parse_status(raw)
    if problem:
        ctx.problem("bad-status", Severity.WARNING, "status", raw, problem)
    elif note:
        ctx.problem("status-inactive", Severity.INFO, "status", raw, note)
    return status


def role_of(ctx: RowContext, raw: str, column: str) -> Role | None:
    role, problem, note = parse_role(raw)
    if problem:
        ctx.problem("unknown-role", Severity.WARNING, column, raw, problem)
    elif note:
        ctx.problem("role-case", Severity.INFO, column, raw, note)
    return role


def date_of(
    ctx: RowContext, cells: Sequence[str], position: int | None, column: str
) -> dt.date | None:
    raw = cell(cells, position)
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
