"""The CSV readers' two paths: clean blocks converted by column, others row by row.

The row path is the reference (it locates every problem); the column path must give the
same roster, diagnostics and rejected count on any file, and must actually be taken for
clean blocks. Blocks are shrunk to a few rows so that one file mixes both paths.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import write

from oneroster_identity import Roster, read_roster
from oneroster_identity.io import _csvbulk, _roles_csv, _table, _users_csv

USERS_12 = (
    "sourcedId",
    "status",
    "dateLastModified",
    "enabledUser",
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
    "preferredGivenName",
    "primaryOrgSourcedId",
    "ext_house",
)
ROLES = ("sourcedId", "status", "userSourcedId", "roleType", "role", "beginDate", "orgSourcedId")
DEMOGRAPHICS = ("sourcedId", "status", "birthDate", "sex")
MANIFEST_12 = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\n"


def _csv(header: tuple[str, ...], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _both_paths(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Roster, Roster]:
    """The roster read with clean blocks by column, and read row by row only."""
    with monkeypatch.context() as patched:
        patched.setattr(_table, "BLOCK_ROWS", 3)
        by_column = read_roster(path)
        for module in (_users_csv, _roles_csv, _csvbulk):
            patched.setattr(module, "BY_COLUMN", False)
        by_row = read_roster(path)
    return by_column, by_row


def _assert_same(a: Roster, b: Roster) -> None:
    assert tuple(a.users) == tuple(b.users)
    assert [u.provenance for u in a.users] == [u.provenance for u in b.users]
    assert [u.extensions for u in a.users] == [u.extensions for u in b.users]
    assert a.diagnostics == b.diagnostics
    assert a.rejected_rows == b.rejected_rows
    assert a.version == b.version


def _user(i: int, **cells: str) -> list[str]:
    row = {
        "sourcedId": f"u{i}",
        "status": "active",
        "dateLastModified": "2024-05-01T10:00:00Z",
        "enabledUser": "true",
        "givenName": f"Name{i % 4}",
        "familyName": "Ng",
        "email": f"u{i}@example.org",
        "sms": "603-555-2368",
        "agentSourcedIds": "u0, u1" if i % 3 == 0 else "",
        "grades": "03" if i % 2 else "",
        "primaryOrgSourcedId": "s1",
    }
    row.update(cells)
    return [row.get(c, "") for c in USERS_12]


def _roster(tmp_path: Path, users: list[list[str]], roles: list[list[str]]) -> Path:
    write(tmp_path / "manifest.csv", MANIFEST_12)
    write(tmp_path / "users.csv", _csv(USERS_12, users))
    write(tmp_path / "roles.csv", _csv(ROLES, roles))
    births = []
    for n, row in enumerate(users):
        if row and row[0]:
            # some bad dates, inactive rows and second rows, so demographics blocks go
            # both ways too
            born = "31/31/2015" if n % 7 == 3 else f"2015-03-0{1 + n % 9}"
            births.append([row[0], "tobedeleted" if n % 11 == 5 else "", born, "female"])
            if n % 5 == 4:
                births.append([row[0], "", "2016-01-01", "male"])
    write(tmp_path / "demographics.csv", _csv(DEMOGRAPHICS, births))
    return tmp_path


def _role(i: int, user: str, **cells: str) -> list[str]:
    row = {
        "sourcedId": f"r{i}",
        "userSourcedId": user,
        "roleType": "primary",
        "role": "guardian",
        "orgSourcedId": "s1",
    }
    row.update(cells)
    return [row.get(c, "") for c in ROLES]


def test_clean_blocks_are_read_by_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    users = [_user(i) for i in range(10)]
    roles = [_role(i, f"u{i}") for i in range(10)] + [_role(10, "u3", role="teacher")]
    path = _roster(tmp_path, users, roles)
    calls: list[str] = []
    by_row = _users_csv._UsersReader.by_row

    def spy(self: Any, block: _table.Block) -> None:
        calls.append("row")
        by_row(self, block)

    monkeypatch.setattr(_users_csv._UsersReader, "by_row", spy)
    by_column, reference = _both_paths(path, monkeypatch)
    _assert_same(by_column, reference)
    # 10 users in blocks of 3: the column path read them all, the row path all 4 blocks.
    assert calls == ["row"] * 4
    assert [r.role.value for r in by_column.users_by_id["u3"].roles] == ["guardian", "teacher"]


def test_a_problem_sends_only_its_block_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    users = [_user(i) for i in range(9)]
    users[4] = _user(4, dateLastModified="last tuesday")
    path = _roster(tmp_path, users, [_role(i, f"u{i}") for i in range(9)])
    seen: list[int] = []
    by_row = _users_csv._UsersReader.by_row

    def spy(self: Any, block: _table.Block) -> None:
        seen.extend(block.starts)
        by_row(self, block)

    monkeypatch.setattr(_users_csv._UsersReader, "by_row", spy)
    monkeypatch.setattr(_table, "BLOCK_ROWS", 3)
    roster = read_roster(path)
    assert seen == [5, 6, 7]  # the block holding line 6 only
    (bad,) = [
        d for d in roster.diagnostics if d.code == "bad-date" and d.location.file == "users.csv"
    ]
    assert bad.location.line == 6 and bad.sourced_id == "u4"


MESSY_CELLS: dict[str, list[str]] = {
    "sourcedId": ["", "u1", "u2", " u3 "],
    "status": ["active", "", "Active", "tobedeleted", "gone"],
    "dateLastModified": ["2024-01-02", "", "2024-13-45", "01/02/2024"],
    "enabledUser": ["true", "", "TRUE", "no", "maybe"],
    "userIds": ["", "{LDAP:12}", "LDAP12"],
    "givenName": ["Ana", " Ana ", "", "José"],
    "agentSourcedIds": ["u1,u2", "", "u1", "nobody"],
    "grades": ["03", "", "03,04"],
    "ext_house": ["blue", ""],
    "email": ["a@x.org", "", "x" * 5000],
}
ROLE_CELLS: dict[str, list[str]] = {
    "sourcedId": ["", "r1", "r2"],
    "status": ["active", "", "tobedeleted", "bogus"],
    "userSourcedId": ["", "u1", "u2", "u5"],
    "roleType": ["primary", "secondary", "main"],
    "role": ["guardian", "Guardian", "teacher", "wizard"],
    "beginDate": ["", "2024-08-01", "08/01/2024"],
}


@st.composite
def _messy_rows(draw: st.DrawFn, header: tuple[str, ...], cells: dict[str, list[str]]) -> Any:
    """Rows that are mostly clean (so some blocks of three go by column) with a messy
    value, a ragged or a blank row now and then."""
    count = draw(st.integers(min_value=0, max_value=14))
    rows = []
    for i in range(count):
        row = dict.fromkeys(header, "")
        row["sourcedId"] = f"r{i}" if header == ROLES else f"u{i}"
        for column, choices in cells.items():
            if column != "sourcedId":
                row[column] = choices[0]  # the first choice is clean
        if header == ROLES:
            row["userSourcedId"] = f"u{i}"
        if draw(st.integers(0, 3)) == 0:
            for column in draw(st.lists(st.sampled_from(sorted(cells)), min_size=1, max_size=2)):
                row[column] = draw(st.sampled_from(cells[column]))
        cells_out = [row[column] for column in header]
        if draw(st.integers(0, 12)) == 0:
            cells_out = cells_out[: draw(st.integers(0, len(cells_out)))]  # ragged or blank
        rows.append(cells_out)
    return rows


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    users=_messy_rows(USERS_12, MESSY_CELLS),
    roles=_messy_rows(ROLES, ROLE_CELLS),
)
def test_column_path_equals_row_path_on_messy_files(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    users: list[list[str]],
    roles: list[list[str]],
) -> None:
    path = _roster(tmp_path_factory.mktemp("messy"), users, roles)
    _assert_same(*_both_paths(path, monkeypatch))


def test_column_path_equals_row_path_on_11_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = ("sourcedId", "status", "orgSourcedIds", "role", "givenName", "familyName", "email")
    rows = [
        ["t1", "active", "s1", "teacher", "Ana", "Diaz", "ana@x.org"],
        ["g1", "", "s1,s2", "parent", "Bob", "Ng", "bob@y.org"],
        ["st1", "", "s1", "student", "Cy", "Ng", ""],
        ["st2", "", "s1", "Student", "Di", "Ng", ""],  # role-case note: its block by row
        ["x1", "", "s2", "wizard", "Ed", "Ng", ""],
        ["t2", "", "s2", "teacher", "Fay", "Lu", "fay@x.org"],
        ["t3", "", "s2", "teacher", "Gus", "Lu", "gus@x.org"],
    ]
    write(tmp_path / "users.csv", _csv(header, rows))
    by_column, by_row = _both_paths(tmp_path, monkeypatch)
    _assert_same(by_column, by_row)
    assert {d.code for d in by_column.diagnostics} >= {"role-case", "unknown-role"}


def test_column_path_equals_row_path_on_public_samples(
    fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = sorted(p.parent for p in fixtures_dir.rglob("users.csv"))
    assert samples
    for sample in samples:
        _assert_same(*_both_paths(sample, monkeypatch))


def test_blocks_locate_quoted_line_breaks_blank_and_ragged_rows(tmp_path: Path) -> None:
    text = (
        "sourcedId,givenName,familyName,\n"
        'u1,"Ana\nMaria",Diaz,\n'
        "\n"
        "u2,Bob,Ng\n"
        "u3,Cy,Ng,,extra\n"
        "u4,Di,Ng,oops\n"
    )
    write(tmp_path / "users.csv", text)
    roster = read_roster(tmp_path)
    lines = {u.sourced_id: u.provenance.line for u in roster.users if u.provenance}
    assert lines == {"u1": 2, "u2": 5, "u3": 6, "u4": 7}
    codes = sorted((d.code, d.location.line) for d in roster.diagnostics if d.location.line)
    assert ("ragged-row", 6) in codes
    assert ("unnamed-column-value", 7) in codes
    assert roster.users_by_id["u1"].given_name == "Ana\nMaria"


def test_blocks_strip_every_column_that_needs_it(tmp_path: Path) -> None:
    write(
        tmp_path / "users.csv",
        "sourcedId,givenName,familyName,email\nu1,,Ng,\nu2, Bob ,Ng ,\nu3,Cy,Ng,\t\n",
    )
    roster = read_roster(tmp_path)
    assert [(u.given_name, u.family_name, u.email) for u in roster.users] == [
        ("", "Ng", ""),
        ("Bob", "Ng", ""),
        ("Cy", "Ng", ""),
    ]


def test_unparseable_row_is_rejected_with_its_line_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(f"u{i},N{i},Ng\n" for i in range(6))
    huge = '"' + "x" * 140_000 + '"'  # over the csv module's field limit
    text = "sourcedId,givenName,familyName\n" + rows + f"u9,{huge},Ng\nu7,N7,Ng\nu8,N8,Ng\n"
    write(tmp_path / "users.csv", text)
    by_column, by_row = _both_paths(tmp_path, monkeypatch)
    _assert_same(by_column, by_row)
    (error,) = [d for d in by_column.diagnostics if d.code == "csv-syntax"]
    assert error.location.line == 8
    assert by_column.rejected_rows == 1
    assert [u.sourced_id for u in by_column.users][-2:] == ["u7", "u8"]
    assert by_column.users_by_id["u8"].provenance.line == 10  # type: ignore[union-attr]
