"""Reader for OneRoster CSV bulk and delta exports (1.1 and 1.2).

Rows are streamed: each line is decoded on its own so a decoding failure names
its byte offset, and ``users.csv`` is never held in memory as text. Every row
either becomes a :class:`User` or is reported with its line as rejected.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import IO

from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._fields import (
    parse_bool,
    parse_date,
    parse_datetime,
    parse_list,
    parse_user_ids,
)
from oneroster_identity.io._source import CsvSource
from oneroster_identity.models import (
    Org,
    Provenance,
    Role,
    RoleAssignment,
    RoleType,
    Roster,
    Status,
    User,
)

MAX_FIELD_CHARS = 4096
"""Longest field accepted; longer values are reported and dropped (the row is kept)."""

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

# Misspellings and vendor names seen in real exports, accepted with an info diagnostic.
COLUMN_ALIASES: Mapping[str, str] = {
    "prefferedgivenname": "preferredGivenName",
    "prefferedmiddlename": "preferredMiddleName",
    "prefferedfamilyname": "preferredFamilyName",
    "datalastmodified": "dateLastModified",
    "userid": "userIds",
    "agents": "agentSourcedIds",
    "orgsourcedid": "orgSourcedIds",
    "primaryorg": "primaryOrgSourcedId",
}
REQUIRED_USERS = ("sourcedId", "givenName", "familyName")
REQUIRED_ROLES = ("userSourcedId", "role")
REQUIRED_ORGS = ("sourcedId",)

_UTF8 = frozenset({"utf-8", "utf8", "utf_8", "utf-8-sig", "utf_8_sig"})


def _decoded_lines(
    stream: IO[bytes], file: str, encoding: str, collector: DiagnosticCollector
) -> Iterator[str]:
    """Decode ``stream`` line by line, naming the byte offset of undecodable bytes."""
    offset = 0
    is_utf8 = encoding.casefold().replace("_", "-") in _UTF8
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            if is_utf8:
                collector.add(
                    "utf8-bom",
                    Severity.INFO,
                    "file starts with a UTF-8 byte order mark; it was skipped",
                    Location(file=file, line=1),
                )
            raw = raw[3:]
            offset += 3
        try:
            text = raw.decode("utf-8" if is_utf8 else encoding)
        except UnicodeDecodeError as exc:
            bad = raw[exc.start]
            raise collector.fatal(
                "decode-error",
                f"byte 0x{bad:02x} at byte offset {offset + exc.start} is not valid {encoding}; "
                "if the file was exported as ISO-8859-1 (Latin-1) or Windows-1252, read it with "
                "encoding='iso-8859-1' or 'cp1252' (command line: --encoding iso-8859-1)",
                Location(file=file, line=number),
            ) from None
        if "\x00" in text:
            collector.add(
                "nul-byte",
                Severity.WARNING,
                "line contains NUL bytes; they were removed",
                Location(file=file, line=number),
            )
            text = text.replace("\x00", "")
        offset += len(raw)
        yield text


class _Table:
    """A CSV member opened for streaming, with its header resolved to canonical names."""

    def __init__(
        self,
        source: CsvSource,
        name: str,
        known: tuple[str, ...],
        required: tuple[str, ...],
        encoding: str,
        collector: DiagnosticCollector,
    ) -> None:
        self.file = source.actual_name(name)
        self.collector = collector
        self._stream = source.open(name)
        self._lines = _decoded_lines(self._stream, self.file, encoding, collector)
        self._reader = csv.reader(self._lines)
        self.index: dict[str, int] = {}
        self.extensions: list[tuple[int, str]] = []
        self.width = 0
        self._unnamed: list[int] = []
        self._unnamed_set: frozenset[int] = frozenset()
        self.rejected = 0
        try:
            header = next(self._reader)
        except StopIteration:
            raise collector.fatal(
                "empty-file", "file is empty: it has no header row", Location(file=self.file)
            ) from None
        except csv.Error as exc:
            raise collector.fatal(
                "csv-syntax", f"header cannot be parsed: {exc}", Location(file=self.file, line=1)
            ) from None
        self._resolve(header, known, required)

    def _resolve(
        self, header: list[str], known: tuple[str, ...], required: tuple[str, ...]
    ) -> None:
        by_fold = {k.casefold(): k for k in known}
        self.width = len(header)
        for position, cell in enumerate(header):
            raw = cell.strip()
            loc = Location(file=self.file, line=1, column=raw or f"#{position + 1}")
            if not raw:
                self._unnamed.append(position)
                continue
            folded = raw.casefold()
            canonical = by_fold.get(folded)
            if canonical is None and folded in COLUMN_ALIASES:
                canonical = COLUMN_ALIASES[folded]
                if canonical.casefold() in by_fold:
                    self.collector.add(
                        "column-alias",
                        Severity.INFO,
                        f"column '{raw}' read as '{canonical}'",
                        loc,
                    )
                else:
                    canonical = None
            if canonical is None:
                self.extensions.append((position, raw))
                if not folded.startswith(("ext_", "metadata.")):
                    self.collector.add(
                        "unknown-column",
                        Severity.INFO,
                        f"column '{raw}' is not a OneRoster column; kept as an extension",
                        loc,
                    )
                continue
            if canonical != raw and canonical.casefold() == folded:
                self.collector.add(
                    "column-case",
                    Severity.INFO,
                    f"column '{raw}' read as '{canonical}'",
                    loc,
                )
            if canonical in self.index:
                self.collector.add(
                    "duplicate-column",
                    Severity.WARNING,
                    f"column '{canonical}' appears twice; the first is used",
                    loc,
                )
                continue
            self.index[canonical] = position
        self._unnamed_set = frozenset(self._unnamed)
        if self._unnamed:
            self.collector.add(
                "empty-header-cell",
                Severity.INFO,
                f"header has {len(self._unnamed)} empty cell(s); those columns are ignored",
                Location(file=self.file, line=1),
            )
        missing = [c for c in required if c not in self.index]
        if missing:
            raise self.collector.fatal(
                "missing-column",
                f"required column(s) {', '.join(missing)} missing from the header",
                Location(file=self.file, line=1),
            )

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """``(first line, cells)`` per record, padded to the header width; bad rows reported."""
        reader = self._reader
        width = self.width
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                self.collector.add(
                    "csv-syntax",
                    Severity.ERROR,
                    f"row cannot be parsed and was rejected: {exc}",
                    Location(file=self.file, line=start),
                )
                self.rejected += 1
                continue
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if len(cells) != width:
                cells = self._fix_width(cells, start)
            for position in self._unnamed:
                if cells[position].strip():
                    self.collector.add_once(
                        "unnamed-column-value",
                        Severity.WARNING,
                        f"a value sits under an empty header cell (column {position + 1}); ignored",
                        Location(file=self.file, line=start),
                        key=str(position),
                    )
            yield start, cells
        self._stream.close()

    def _fix_width(self, cells: list[str], line: int) -> list[str]:
        width = self.width
        if len(cells) < width:
            if all(position in self._unnamed_set for position in range(len(cells), width)):
                return cells + [""] * (width - len(cells))
            self.collector.add(
                "ragged-row",
                Severity.WARNING,
                f"row has {len(cells)} cells, the header has {width}; missing cells read as empty",
                Location(file=self.file, line=line),
            )
            return cells + [""] * (width - len(cells))
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            self.collector.add(
                "ragged-row",
                Severity.WARNING,
                f"row has {len(cells)} cells, the header has {width}; extra cells ignored",
                Location(file=self.file, line=line),
            )
        return cells[:width]

    def getter(self, column: str) -> int | None:
        """The position of a canonical column, if present."""
        return self.index.get(column)


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
    table = _Table(
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

    def text(self, cells: list[str], position: int | None, column: str) -> str:
        value = _cell(cells, position)
        if len(value) > MAX_FIELD_CHARS:
            self.problem(
                "oversized-field",
                Severity.ERROR,
                column,
                value[:60],
                f"value is {len(value)} characters long (limit {MAX_FIELD_CHARS}); it was dropped",
            )
            return ""
        return value


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
    table = _Table(source, "orgs.csv", ORGS_COLUMNS, REQUIRED_ORGS, encoding, collector)
    ctx = _RowContext(collector, table.file)
    at = table.getter
    orgs: dict[str, Org] = {}
    for line, cells in table.rows():
        ctx.line = line
        sourced_id = ctx.text(cells, at("sourcedId"), "sourcedId")
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
            name=ctx.text(cells, at("name"), "name"),
            type=ctx.text(cells, at("type"), "type"),
            identifier=ctx.text(cells, at("identifier"), "identifier"),
            parent_sourced_id=ctx.text(cells, at("parentSourcedId"), "parentSourcedId") or None,
            status=_status(ctx, cells, at("status")),
            provenance=Provenance(file=table.file, line=line),
        )
    return list(orgs.values())


def _status(ctx: _RowContext, cells: list[str], position: int | None) -> Status:
    raw = _cell(cells, position)
    if not raw:
        return Status.ACTIVE
    folded = raw.casefold()
    for status in Status:
        if status.value == folded:
            return status
    ctx.problem(
        "bad-status",
        Severity.WARNING,
        "status",
        raw,
        "status is not active or tobedeleted; read as active",
    )
    return Status.ACTIVE


def _role(ctx: _RowContext, raw: str, column: str) -> Role | None:
    role = Role.parse(raw)
    if role is None:
        ctx.problem(
            "unknown-role",
            Severity.WARNING,
            column,
            raw,
            "role is not a OneRoster 1.1/1.2 role; the record is kept with an unknown role"
            if raw
            else "role is empty; the record is kept with an unknown role",
        )
    elif role.value != raw:
        ctx.problem("role-case", Severity.INFO, column, raw, f"role read as '{role.value}'")
    return role


def read_roles(
    source: CsvSource, encoding: str, collector: DiagnosticCollector
) -> dict[str, list[tuple[RoleAssignment, Provenance]]]:
    """1.2 ``roles.csv`` grouped by userSourcedId."""
    table = _Table(source, "roles.csv", ROLES_COLUMNS, REQUIRED_ROLES, encoding, collector)
    ctx = _RowContext(collector, table.file)
    at = table.getter
    by_user: dict[str, list[tuple[RoleAssignment, Provenance]]] = {}
    seen: set[str] = set()
    for line, cells in table.rows():
        ctx.line = line
        role_id = ctx.text(cells, at("sourcedId"), "sourcedId")
        ctx.sourced_id = user_id = ctx.text(cells, at("userSourcedId"), "userSourcedId")
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
        if _status(ctx, cells, at("status")) is Status.TO_BE_DELETED:
            continue
        raw_role = ctx.text(cells, at("role"), "role")
        role_type_raw = ctx.text(cells, at("roleType"), "roleType").casefold()
        role_type = RoleType.SECONDARY if role_type_raw == "secondary" else RoleType.PRIMARY
        if role_type_raw not in ("", "primary", "secondary"):
            ctx.problem(
                "bad-role-type",
                Severity.WARNING,
                "roleType",
                role_type_raw,
                "roleType is not primary or secondary; read as primary",
            )
        begin = _date(ctx, cells, at("beginDate"), "beginDate")
        end = _date(ctx, cells, at("endDate"), "endDate")
        assignment = RoleAssignment(
            role=_role(ctx, raw_role, "role"),
            role_raw=raw_role,
            org_sourced_id=ctx.text(cells, at("orgSourcedId"), "orgSourcedId") or None,
            role_type=role_type,
            begin_date=begin,
            end_date=end,
            user_profile=ctx.text(cells, at("userProfileSourcedId"), "userProfileSourcedId")
            or None,
        )
        by_user.setdefault(user_id, []).append((assignment, Provenance(file=table.file, line=line)))
    return by_user


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


def detect_version(manifest: Mapping[str, str], header: Mapping[str, int]) -> str:
    """``1.1`` or ``1.2`` from the manifest, else from the users.csv header."""
    declared = manifest.get("oneroster.version", "")
    if declared.startswith("1.2"):
        return "1.2"
    if declared.startswith(("1.1", "1.0")):
        return "1.1"
    if "role" not in header or any(
        c in header for c in ("primaryOrgSourcedId", "userMasterIdentifier", "preferredGivenName")
    ):
        return "1.2"
    return "1.1"


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
    users_table = _Table(source, "users.csv", USERS_COLUMNS, REQUIRED_USERS, encoding, collector)
    version = detect_version(manifest, users_table.index)
    roles_by_user: dict[str, list[tuple[RoleAssignment, Provenance]]] | None = None
    if source.has("roles.csv"):
        roles_by_user = read_roles(source, encoding, collector)
    elif version == "1.2" and "role" not in users_table.index:
        collector.add(
            "missing-file",
            Severity.WARNING,
            "OneRoster 1.2 roster without roles.csv: users have no roles",
            Location(file=source.label),
        )
    users, rejected = _read_users(users_table, roles_by_user, collector)
    if roles_by_user:
        known = {u.sourced_id for u in users}
        for user_id, entries in sorted(roles_by_user.items()):
            if user_id not in known:
                for _, prov in entries:
                    collector.add(
                        "role-for-missing-user",
                        Severity.WARNING,
                        "role names a user that is not in users.csv; ignored",
                        Location(file=prov.file, line=prov.line, column="userSourcedId"),
                        value=user_id,
                        sourced_id=user_id,
                    )
    check_links(users, collector)
    return Roster(
        users=users,
        orgs=orgs,
        version=version,
        source=source.label,
        diagnostics=collector.finish(),
        rejected_rows=rejected + users_table.rejected,
    )


def check_links(users: list[User], collector: DiagnosticCollector) -> None:
    """Report agents that point at no user and users with no usable role."""
    known = {u.sourced_id for u in users}
    for user in users:
        prov = user.provenance
        file = prov.file if prov else ""
        line = prov.line if prov else None
        path = prov.path if prov else None
        for agent in user.agent_sourced_ids:
            if agent not in known:
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


def _read_users(
    table: _Table,
    roles_by_user: dict[str, list[tuple[RoleAssignment, Provenance]]] | None,
    collector: DiagnosticCollector,
) -> tuple[list[User], int]:
    at = table.getter
    pos = {c: at(c) for c in USERS_COLUMNS}
    ctx = _RowContext(collector, table.file)
    users: dict[str, User] = {}
    rejected = 0
    text = ctx.text
    extensions = table.extensions
    for line, cells in table.rows():
        ctx.line = line
        ctx.sourced_id = None
        sourced_id = text(cells, pos["sourcedId"], "sourcedId")
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
        if sourced_id in users:
            first = users[sourced_id].provenance
            ctx.problem(
                "duplicate-sourced-id",
                Severity.ERROR,
                "sourcedId",
                sourced_id,
                "sourcedId already used at line "
                f"{first.line if first else '?'}; this row was rejected",
            )
            rejected += 1
            continue
        modified_raw = _cell(cells, pos["dateLastModified"])
        modified, problem, note = parse_datetime(modified_raw)
        if problem or note:
            ctx.problem(
                "bad-date",
                Severity.WARNING if problem else Severity.INFO,
                "dateLastModified",
                modified_raw,
                f"dateLastModified {problem or note}",
            )
        enabled_raw = _cell(cells, pos["enabledUser"])
        enabled, problem = parse_bool(enabled_raw)
        if problem:
            ctx.problem(
                "bad-boolean",
                Severity.WARNING,
                "enabledUser",
                enabled_raw,
                f"enabledUser {problem}; ignored",
            )
        ids_raw = _cell(cells, pos["userIds"])
        user_ids, problem = parse_user_ids(ids_raw)
        if problem:
            ctx.problem("bad-user-ids", Severity.INFO, "userIds", ids_raw, f"userIds {problem}")
        if roles_by_user is not None:
            entries = roles_by_user.get(sourced_id, [])
            roles = tuple(sorted((a for a, _ in entries), key=role_sort_key))
        else:
            raw_role = text(cells, pos["role"], "role")
            role = _role(ctx, raw_role, "role")
            org_ids = parse_list(text(cells, pos["orgSourcedIds"], "orgSourcedIds")) or (None,)
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
        users[sourced_id] = User(
            sourced_id=sourced_id,
            status=_status(ctx, cells, pos["status"]),
            date_last_modified=modified,
            enabled_user=enabled,
            roles=roles,
            primary_org_sourced_id=text(cells, pos["primaryOrgSourcedId"], "primaryOrgSourcedId")
            or None,
            username=text(cells, pos["username"], "username"),
            user_ids=user_ids,
            given_name=text(cells, pos["givenName"], "givenName"),
            family_name=text(cells, pos["familyName"], "familyName"),
            middle_name=text(cells, pos["middleName"], "middleName"),
            preferred_given_name=text(cells, pos["preferredGivenName"], "preferredGivenName"),
            preferred_middle_name=text(cells, pos["preferredMiddleName"], "preferredMiddleName"),
            preferred_family_name=text(cells, pos["preferredFamilyName"], "preferredFamilyName"),
            pronouns=text(cells, pos["pronouns"], "pronouns"),
            identifier=text(cells, pos["identifier"], "identifier"),
            email=text(cells, pos["email"], "email"),
            sms=text(cells, pos["sms"], "sms"),
            phone=text(cells, pos["phone"], "phone"),
            agent_sourced_ids=parse_list(text(cells, pos["agentSourcedIds"], "agentSourcedIds")),
            grades=parse_list(text(cells, pos["grades"], "grades")),
            user_master_identifier=text(cells, pos["userMasterIdentifier"], "userMasterIdentifier"),
            provenance=Provenance(file=table.file, line=line),
            extensions=tuple(
                (name, cells[i].strip()) for i, name in extensions if cells[i].strip()
            ),
        )
    return list(users.values()), rejected
