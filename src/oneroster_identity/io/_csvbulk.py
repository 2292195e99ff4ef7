"""Reader for OneRoster CSV bulk and delta exports (1.1 and 1.2).

Rows are streamed in blocks (see ``_table``) and ``users.csv`` is never held in memory as
text. A block whose columns hold nothing to report is converted column by column; any
other block is read row by row, so each problem names its line. Every row either becomes
a :class:`User` or is reported with its line as rejected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Sequence

from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.errors import RosterReadError
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._fields import detect_version, parse_date, parse_status
from oneroster_identity.io._roles_csv import RoleRows, read_roles
from oneroster_identity.io._rows import RowContext, date_of, status_of
from oneroster_identity.io._source import CsvSource
from oneroster_identity.io._table import Block, CsvTable
from oneroster_identity.io._users_csv import REQUIRED_USERS, USERS_COLUMNS, read_users
from oneroster_identity.models import (
    Org,
    Provenance,
    RoleAssignment,
    RoleChange,
    Roster,
    Status,
    User,
    user_columns,
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

REQUIRED_ORGS = ("sourcedId",)

BY_COLUMN = True
"""Whether clean blocks of demographics.csv are read by column (tests compare both paths)."""

_MAX_SHARED = 1 << 16
"""Distinct birth dates a reader shares one parsed object for."""


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
    table = CsvTable(
        source,
        "manifest.csv",
        ("propertyName", "value"),
        ("propertyName", "value"),
        encoding,
        collector,
    )
    name_at, value_at = table.index["propertyName"], table.index["value"]
    return {cells[name_at].strip(): cells[value_at].strip() for _, cells in table.rows()}


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
    table = CsvTable(source, "orgs.csv", ORGS_COLUMNS, REQUIRED_ORGS, encoding, collector)
    ctx = RowContext(collector, table.file)
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
            status=status_of(ctx, v, p_status),
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
        table = CsvTable(
            source, "demographics.csv", DEMOGRAPHICS_COLUMNS, ("sourcedId",), encoding, collector
        )
    except RosterReadError as exc:
        # Birth dates are extra evidence: a broken demographics.csv never stops the read.
        d = exc.diagnostic
        collector.add(
            d.code, Severity.WARNING, f"{d.message}; demographics.csv was ignored", d.location
        )
        return {}
    ctx = RowContext(collector, table.file)
    at = table.position
    p_id, p_born, p_sex, p_status = at("sourcedId"), at("birthDate"), at("sex"), at("status")
    out: dict[str, tuple[dt.date | None, str, int]] = {}
    births: dict[str, dt.date] = {}
    for block in table.blocks():
        if BY_COLUMN and _demographics_by_column(
            block, (p_id, p_born, p_sex, p_status), out, births
        ):
            continue
        for line, v in zip(block.starts, block.rows(), strict=True):
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
            if v[p_status] and status_of(ctx, v, p_status) is not Status.ACTIVE:
                continue
            born = births.get(v[p_born]) if v[p_born] else None
            if born is None and v[p_born]:
                born = date_of(ctx, v, p_born, "birthDate")
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


def _demographics_by_column(
    block: Block,
    positions: tuple[int, int, int, int],
    out: dict[str, tuple[dt.date | None, str, int]],
    births: dict[str, dt.date],
) -> bool:
    """Keep a block of demographics rows whose columns hold nothing to report (every
    sourcedId present and new, every status active, every birth date valid), a column
    at a time; False (and nothing kept) when a row of it might need a report."""
    n = len(block)
    if not n:
        return True
    p_id, p_born, p_sex, p_status = positions
    columns = block.columns
    ids = columns[p_id]
    if "" in ids or len(set(ids)) != n or not out.keys().isdisjoint(ids):
        return False
    for raw in set(columns[p_status]):
        if raw:
            status, problem, note = parse_status(raw)
            if problem or note or status is not Status.ACTIVE:
                return False
    born: dict[str, dt.date | None] = {"": None}
    for raw in set(columns[p_born]).difference(born):
        value = births.get(raw)
        if value is None:
            value, problem = parse_date(raw)
            if problem:
                return False
            if value is not None and len(births) < _MAX_SHARED:
                births[raw] = value  # a district has a few thousand birth dates
        born[raw] = value
    dates = map(born.__getitem__, columns[p_born])
    out.update(zip(ids, zip(dates, columns[p_sex], block.starts, strict=True), strict=True))
    return True


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
    users_table = CsvTable(source, "users.csv", USERS_COLUMNS, REQUIRED_USERS, encoding, collector)
    version = detect_version(manifest.get("oneroster.version", ""), users_table.index)
    delta = any(
        manifest.get(f"file.{name}", "").casefold() == "delta" for name in ("users", "roles")
    )
    role_rows: RoleRows | None = None
    roles_by_user: dict[str, tuple[RoleAssignment, ...]] | None = None
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
    users, by_id, rejected = read_users(users_table, roles_by_user, demographics, collector)
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
    if demographics:
        # Sorted for a stable order of diagnostics: only the missing ones, not a million.
        for user_id in sorted(uid for uid in demographics if uid not in by_id):
            collector.add(
                "demographics-for-missing-user",
                Severity.WARNING,
                "demographics row names a user that is not in users.csv; ignored",
                Location(
                    file=source.actual_name("demographics.csv"),
                    line=demographics[user_id][2],
                    column="sourcedId",
                ),
                value=user_id,
                sourced_id=user_id,
            )
    if role_rows is not None and not delta:  # a delta's roles may name users of the base
        unknown = {uid for uid in role_rows.by_user if uid not in by_id}
        missing = role_rows.lines_of(unknown) if unknown else {}
        for user_id, role_lines in sorted(missing.items()):
            for role_line in role_lines:
                collector.add(
                    "role-for-missing-user",
                    Severity.WARNING,
                    "role names a user that is not in users.csv; ignored",
                    Location(
                        file=source.actual_name("roles.csv"),
                        line=role_line,
                        column="userSourcedId",
                    ),
                    value=user_id,
                    sourced_id=user_id,
                )
    check_links(users, collector, known=by_id)
    return Roster(
        users=users,
        orgs=orgs,
        version=version,
        source=source.label,
        diagnostics=collector.finish(),
        rejected_rows=rejected + users_table.rejected,
        delta=delta,
        role_changes=tuple(role_changes),
    )


def check_links(
    users: Sequence[User], collector: DiagnosticCollector, *, known: Container[str]
) -> None:
    """Report agents that point at no user and users with no usable role. ``known``
    answers whether a sourcedId is a user's: every reader holds its users by id already."""
    columns = user_columns(users, "agent_sourced_ids", "roles")
    for index, (agents, roles) in enumerate(columns):
        # The user and its location are built only for a user with a problem (a few in
        # a million).
        unknown = [a for a in agents if a not in known]
        if not unknown and roles:
            continue
        user = users[index]
        prov = user.provenance
        file = prov.file if prov else ""
        line = prov.line if prov else None
        path = prov.path if prov else None
        for agent in unknown:
            collector.add(
                "agent-missing-user",
                Severity.WARNING,
                "agentSourcedIds names a user that is not in the roster",
                Location(file=file, line=line, column="agentSourcedIds", path=path),
                value=agent,
                sourced_id=user.sourced_id,
            )
        if not user.roles:
            collector.add(
                "no-role",
                Severity.WARNING,
                "user has no role; it cannot be classed as staff, guardian or student",
                Location(file=file, line=line, column="role", path=path),
                sourced_id=user.sourced_id,
            )
