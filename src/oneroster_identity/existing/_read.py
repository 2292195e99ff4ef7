"""Reads the export of accounts already in the app (a CSV with a header row).

Expected columns (case, spaces and hyphens in the header do not matter; common aliases
are accepted and reported as info, unknown columns as warnings):

========== ======================================================== =========
column     aliases                                                   required
========== ======================================================== =========
account_id id, user_id, member_id                                    no
first_name first, firstname, given_name, given                       yes
last_name  last, lastname, family_name, surname                      yes
email      e_mail, email_address, mail                               one of
phone      sms, mobile, cell, cell_phone, mobile_phone, phone_number email/phone
role       type, account_type, user_type                             no
joined     status, active, is_active, joined_status                  no
grade      grades, grade_level                                       no
school     school_name, org, organization                            no
========== ======================================================== =========
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from oneroster_identity._memo import one_run
from oneroster_identity._usage import require_path
from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.errors import ExistingAccountsError, RosterReadError
from oneroster_identity.existing._model import ExistingAccount, ExistingAccounts
from oneroster_identity.io import (
    DiagnosticCollector,
    decoded_lines,
    encoding_problem,
    parse_date,
    swallowed_rows,
    unclosed_quote_message,
)
from oneroster_identity.models import Provenance, Role, RoleFamily

__all__ = ["ACCOUNT_COLUMNS", "read_existing_accounts", "read_sample_existing"]

ACCOUNT_COLUMNS = (
    "account_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "role",
    "joined",
    "grade",
    "school",
    "birth_date",
)
_ALIASES: Mapping[str, str] = {
    "birthdate": "birth_date",
    "dob": "birth_date",
    "date_of_birth": "birth_date",
    "id": "account_id",
    "accountid": "account_id",
    "user_id": "account_id",
    "userid": "account_id",
    "member_id": "account_id",
    "first": "first_name",
    "firstname": "first_name",
    "given_name": "first_name",
    "givenname": "first_name",
    "given": "first_name",
    "last": "last_name",
    "lastname": "last_name",
    "family_name": "last_name",
    "familyname": "last_name",
    "surname": "last_name",
    "e_mail": "email",
    "email_address": "email",
    "emailaddress": "email",
    "mail": "email",
    "sms": "phone",
    "mobile": "phone",
    "cell": "phone",
    "cell_phone": "phone",
    "cellphone": "phone",
    "mobile_phone": "phone",
    "phone_number": "phone",
    "phonenumber": "phone",
    "type": "role",
    "account_type": "role",
    "user_type": "role",
    "status": "joined",
    "active": "joined",
    "is_active": "joined",
    "joined_status": "joined",
    "grades": "grade",
    "grade_level": "grade",
    "school_name": "school",
    "org": "school",
    "organization": "school",
}
_ROLE_WORDS: Mapping[str, RoleFamily] = {
    "family": RoleFamily.GUARDIAN,
    "mother": RoleFamily.GUARDIAN,
    "father": RoleFamily.GUARDIAN,
    "staff": RoleFamily.STAFF,
    "admin": RoleFamily.STAFF,
    "principal": RoleFamily.STAFF,
    "child": RoleFamily.STUDENT,
}
_JOINED_TRUE = frozenset({"yes", "y", "true", "t", "1", "joined", "active", "registered"})
_JOINED_FALSE = frozenset(
    {"no", "n", "false", "f", "0", "invited", "pending", "not joined", "inactive", "archived"}
)


def _header_key(cell: str) -> str:
    return re.sub(r"[\s\-_]+", "_", cell.strip().casefold()).strip("_")


def _value(row: list[str], position: int | None) -> str:
    if position is None or position >= len(row):
        return ""
    return row[position].strip()


def _family(raw: str) -> RoleFamily | None:
    text = raw.strip()
    if not text:
        return RoleFamily.GUARDIAN
    role = Role.parse(text)
    if role is not None:
        return role.family
    return _ROLE_WORDS.get(text.casefold())


def _birth_date(text: str, collector: DiagnosticCollector, where: Location) -> dt.date | None:
    """An optional birth date (ISO or an unambiguous day/month order); a bad one is a
    located warning and is ignored."""
    if not text:
        return None
    born, problem = parse_date(text)
    if problem:
        collector.add(
            "bad-date", Severity.WARNING, f"birth_date {problem}; ignored", where, value=text
        )
    return born


@one_run
def read_existing_accounts(
    path: str | Path, *, encoding: str = "utf-8", strict: bool = False
) -> ExistingAccounts:
    """Read an export of app accounts; every row becomes an account or a located diagnostic.

    Raises :class:`ExistingAccountsError` when the file cannot be read at all (missing,
    empty, undecodable, no name columns) and :class:`StrictModeError` in strict mode
    when any row has a problem.
    """
    require_path(path, "read_existing_accounts()")
    file = Path(path)
    name = file.name
    collector = DiagnosticCollector(strict=strict)
    problem = encoding_problem(encoding)
    if problem is not None:
        raise ExistingAccountsError(
            collector.fatal("bad-encoding", problem, Location(file=str(file))).diagnostic
        )
    try:
        stream = file.open("rb")
    except OSError as exc:
        raise ExistingAccountsError(
            collector.fatal(
                "missing-file",
                f"cannot open the existing-accounts export: {exc.strerror}",
                Location(file=str(file)),
            ).diagnostic
        ) from None
    with stream:
        try:
            return _read(stream, name, encoding, collector)
        except RosterReadError as exc:
            raise ExistingAccountsError(exc.diagnostic) from None


def _read(
    stream: object, name: str, encoding: str, collector: DiagnosticCollector
) -> ExistingAccounts:
    lines = decoded_lines(stream, name, encoding, collector)  # type: ignore[arg-type]
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise collector.fatal(
            "empty-file", "file is empty: it has no header row", Location(file=name)
        ) from None
    except csv.Error as exc:
        raise collector.fatal(
            "csv-syntax", f"header cannot be parsed: {exc}", Location(file=name, line=1)
        ) from None
    index: dict[str, int] = {}
    for position, title in enumerate(header):
        key = _header_key(title)
        loc = Location(file=name, line=1, column=title.strip() or f"#{position + 1}")
        canonical = key if key in ACCOUNT_COLUMNS else _ALIASES.get(key)
        if canonical is None:
            collector.add(
                "unknown-column",
                Severity.WARNING,
                f"column '{title.strip()}' is not an existing-accounts column; it was ignored "
                f"(known: {', '.join(ACCOUNT_COLUMNS)})",
                loc,
            )
            continue
        if canonical in index:
            collector.add(
                "duplicate-column",
                Severity.WARNING,
                f"column '{title.strip()}' repeats '{canonical}'; the first one is used",
                loc,
            )
            continue
        if key != canonical:
            collector.add(
                "column-alias",
                Severity.INFO,
                f"column '{title.strip()}' read as '{canonical}'",
                loc,
            )
        index[canonical] = position
    missing = [c for c in ("first_name", "last_name") if c not in index]
    if missing:
        raise collector.fatal(
            "missing-column",
            f"required column(s) missing: {', '.join(missing)}",
            Location(file=name, line=1),
        )
    if "email" not in index and "phone" not in index:
        raise collector.fatal(
            "missing-column",
            "the export needs an email or a phone column to compare contact details",
            Location(file=name, line=1),
        )
    for column, note in (
        ("role", "every account is read as a guardian"),
        ("joined", "every account is read as joined (its contact details are kept)"),
    ):
        if column not in index:
            collector.add(
                "missing-optional-column",
                Severity.INFO,
                f"no '{column}' column: {note}",
                Location(file=name, line=1),
            )
    accounts: list[ExistingAccount] = []
    seen: dict[str, int] = {}
    rejected = 0
    width = len(header)
    header_again = [c.strip().lstrip("\ufeff").casefold() for c in header]
    while True:
        line = reader.line_num + 1  # where the row about to be read starts
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rejected += 1
            collector.add(
                "csv-syntax",
                Severity.ERROR,
                f"row cannot be parsed and was skipped: {exc}",
                Location(file=name, line=line),
            )
            continue
        if not any(c.strip() for c in cells):
            continue
        if [c.strip().lstrip("\ufeff").casefold() for c in cells] == header_again:
            # two exports joined one after the other: the header again is no account
            collector.add(
                "repeated-header",
                Severity.WARNING,
                "the header again (files joined one after the other?); skipped, no account",
                Location(file=name, line=line),
            )
            continue
        swallowed = (
            swallowed_rows(cells, reader.dialect.delimiter, width)
            if reader.line_num != line
            else None
        )
        if swallowed is not None:
            position, rows = swallowed
            rejected += 1
            column = header[position].strip() if position < width else f"#{position + 1}"
            collector.add(
                "unclosed-quote",
                Severity.ERROR,
                unclosed_quote_message(column, line, reader.line_num, rows, "skipped"),
                Location(file=name, line=line, column=column),
                value=cells[position][:60],
            )
            continue
        if len(cells) != width:
            collector.add(
                "ragged-row",
                Severity.WARNING,
                f"row has {len(cells)} cells, the header has {width}",
                Location(file=name, line=line),
            )

        def cell(column: str, row: list[str] = cells) -> str:
            return _value(row, index.get(column))

        account_id = cell("account_id") or f"line-{line}"
        if account_id in seen:
            rejected += 1
            collector.add(
                "duplicate-account",
                Severity.WARNING,
                f"account_id repeats the row on line {seen[account_id]}; this row was skipped",
                Location(file=name, line=line, column="account_id"),
                value=account_id,
            )
            continue
        seen[account_id] = line
        role_raw = cell("role")
        family = _family(role_raw)
        if family is None:
            rejected += 1
            collector.add(
                "unknown-role",
                Severity.WARNING,
                "role is not a guardian, staff or student role; the row was skipped",
                Location(file=name, line=line, column="role"),
                value=role_raw,
            )
            continue
        joined_raw = cell("joined")
        joined = True
        if joined_raw and joined_raw.casefold() not in _JOINED_TRUE:
            if joined_raw.casefold() in _JOINED_FALSE:
                joined = False
            else:
                collector.add(
                    "bad-joined",
                    Severity.WARNING,
                    "joined/status value not understood; the account is read as joined",
                    Location(file=name, line=line, column="joined"),
                    value=joined_raw,
                )
        first, last = cell("first_name"), cell("last_name")
        if not first or not last:
            collector.add(
                "missing-name",
                Severity.WARNING,
                "account has no first or last name; it can only match a record with the same",
                Location(file=name, line=line, column="first_name" if not first else "last_name"),
            )
        accounts.append(
            ExistingAccount(
                account_id=account_id,
                first_name=first,
                last_name=last,
                email=cell("email"),
                phone=cell("phone"),
                family=family,
                role_raw=role_raw,
                joined=joined,
                grade=cell("grade"),
                school=cell("school"),
                birth_date=_birth_date(
                    cell("birth_date"),
                    collector,
                    Location(file=name, line=line, column="birth_date"),
                ),
                provenance=Provenance(file=name, line=line),
            )
        )
    return ExistingAccounts(
        accounts=tuple(accounts),
        diagnostics=collector.finish(),
        source=name,
        rejected_rows=rejected,
    )


def read_sample_existing() -> ExistingAccounts:
    """The bundled export of app accounts that goes with the sample roster (every outcome)."""
    from importlib.resources import as_file, files

    with as_file(files("oneroster_identity.data").joinpath("sample_existing_accounts.csv")) as path:
        return read_existing_accounts(path)
