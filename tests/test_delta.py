"""Delta exports: detected when read alone, applied to a base like the bulk they stand for."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import attrs
import pytest

from oneroster_identity import read_roster, write_csv_roster
from oneroster_identity.cli import main
from oneroster_identity.match import match
from oneroster_identity.models import Role, RoleAssignment, Roster, Status, User
from oneroster_identity.synthetic import generate_roster

LATER = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)


def _night(seed: int) -> tuple[Roster, Roster, Roster]:
    """(base, delta, bulk after the delta): emails changed, users removed and added."""
    base = generate_roster(households=60, seed=seed, plant_share=0.3).roster
    users = list(base.users)
    adults = [u for u in users if u.primary_family.value != "student"]
    changed = [
        attrs.evolve(u, email=f"new.{u.sourced_id}@gmail.com", date_last_modified=LATER)
        for u in adults[:6]
    ]
    removed = [
        attrs.evolve(u, status=Status.TO_BE_DELETED, date_last_modified=LATER) for u in adults[6:9]
    ]
    added = [
        User(
            sourced_id=f"new-{i}",
            given_name=adults[i].given_name,
            family_name=adults[i].family_name,
            email=f"other.{i}@yahoo.com",
            sms=adults[i].sms,
            date_last_modified=LATER,
            roles=(
                RoleAssignment(role=Role.GUARDIAN, role_raw="guardian", org_sourced_id="sch-elm"),
            ),
        )
        for i in range(3)
    ]
    delta = Roster(users=[*changed, *removed, *added], orgs=base.orgs, version=base.version)
    after = {u.sourced_id: u for u in users}
    for u in changed:
        after[u.sourced_id] = u
    for u in removed:
        del after[u.sourced_id]
    for u in added:
        after[u.sourced_id] = u
    bulk = Roster(users=list(after.values()), orgs=base.orgs, version=base.version)
    return base, delta, bulk


def _signature(roster: Roster) -> tuple[object, ...]:
    result = match(roster)
    return (
        tuple(p.sourced_ids for p in result.persons),
        tuple((n.id, n.kind, n.sourced_ids, n.fixes, n.choices) for n in result.near_misses),
    )


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_base_plus_delta_equals_the_bulk_export(tmp_path: Path, version: str) -> None:
    base, delta, bulk = _night(seed=3)
    write_csv_roster(base, tmp_path / "base", version=version)
    write_csv_roster(delta, tmp_path / "delta", version=version, delta=True)
    write_csv_roster(bulk, tmp_path / "bulk", version=version)
    applied = read_roster(tmp_path / "delta", base=tmp_path / "base")
    expected = read_roster(tmp_path / "bulk")
    assert _signature(applied) == _signature(expected)
    assert "delta-without-base" not in {d.code for d in applied.diagnostics}
    # the removed users are excluded, so every delta row is accounted for
    assert {e.sourced_id for e in match(applied).excluded} == {
        u.sourced_id for u in delta.users if u.status is Status.TO_BE_DELETED
    }


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_a_delta_applies_alike_to_a_column_base_and_an_object_base(
    tmp_path: Path, version: str
) -> None:
    from oneroster_identity._user_table import UserColumns
    from oneroster_identity.io._delta import apply_delta

    base, delta, _ = _night(seed=4)
    write_csv_roster(base, tmp_path / "base", version=version)
    write_csv_roster(delta, tmp_path / "delta", version=version, delta=True)
    columns = read_roster(tmp_path / "base")
    objects = attrs.evolve(columns, users=tuple(columns.users))
    changes = read_roster(tmp_path / "delta")
    applied = [apply_delta(b, changes) for b in (columns, objects)]
    assert isinstance(applied[0].users, UserColumns)
    assert not isinstance(applied[1].users, UserColumns)
    assert applied[0].users == applied[1].users
    assert [u.provenance for u in applied[0].users] == [u.provenance for u in applied[1].users]
    assert applied[0].diagnostics == applied[1].diagnostics
    # the users the delta names keep the delta's lines, the others the base's
    where = {u.sourced_id: u.provenance for u in applied[0].users}
    assert all(where[u.sourced_id] == u.provenance for u in changes.users)
    named = {u.sourced_id for u in changes.users}
    assert all(
        where[u.sourced_id] == u.provenance for u in columns.users if u.sourced_id not in named
    )
    again = pickle.loads(pickle.dumps(applied[0].users))
    assert [u.provenance for u in again] == [u.provenance for u in applied[0].users]
    assert _signature(applied[0]) == _signature(applied[1])


def test_a_delta_read_alone_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, delta, _ = _night(seed=5)
    write_csv_roster(delta, tmp_path / "delta", delta=True)
    roster = read_roster(tmp_path / "delta")
    assert roster.delta
    (d,) = [d for d in roster.diagnostics if d.code == "delta-without-base"]
    assert f"delta of {len(delta.users)} records" in d.message
    main(["check", str(tmp_path / "delta"), "-q"])
    head = capsys.readouterr().out.splitlines()[:4]
    assert any(line.startswith("  !! this is a delta of") for line in head)
    main(["check", str(tmp_path / "delta"), "-q", "--format", "html"])
    assert "id='delta-banner'" in capsys.readouterr().out


def test_an_older_delta_row_does_not_overwrite(tmp_path: Path) -> None:
    base, _, _ = _night(seed=7)
    target = next(u for u in base.users if u.primary_family.value == "guardian")
    stale = attrs.evolve(
        target, email="stale@gmail.com", date_last_modified=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    write_csv_roster(base, tmp_path / "base")
    write_csv_roster(Roster(users=[stale], orgs=base.orgs), tmp_path / "delta", delta=True)
    applied = read_roster(tmp_path / "delta", base=tmp_path / "base")
    assert applied.users_by_id[target.sourced_id].email == target.email
    assert "delta-older-than-base" in {d.code for d in applied.diagnostics}


@pytest.mark.parametrize(("naive_day", "kept"), [(1, "delta"), (3, "base")])
def test_a_base_built_with_naive_moments_takes_a_delta_read_from_csv(
    tmp_path: Path, naive_day: int, kept: str
) -> None:
    """A program's base roster with naive ``dateLastModified`` moments, tonight's delta
    read from CSV (aware, UTC): comparing the two raised ``TypeError`` out of
    ``read_roster`` (session 46's code). A naive moment is read as UTC (since session 47),
    so the newer row wins either way round."""
    base, _, _ = _night(seed=7)
    target = next(u for u in base.users if u.primary_family.value == "guardian")
    naive = attrs.evolve(target, date_last_modified=dt.datetime(2026, 11, naive_day, 12))
    program_base = Roster(
        users=[naive if u.sourced_id == target.sourced_id else u for u in base.users],
        orgs=base.orgs,
    )
    tonight = attrs.evolve(
        target,
        email="tonight@gmail.com",
        date_last_modified=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
    )
    write_csv_roster(Roster(users=[tonight], orgs=base.orgs), tmp_path / "delta", delta=True)
    applied = read_roster(tmp_path / "delta", base=program_base)
    email = applied.users_by_id[target.sourced_id].email
    assert email == ("tonight@gmail.com" if kept == "delta" else target.email)
    older = "delta-older-than-base" in {d.code for d in applied.diagnostics}
    assert older is (kept == "base")


def test_a_12_roles_delta_adds_and_removes_roles(tmp_path: Path) -> None:
    base, _, _ = _night(seed=9)
    user = next(u for u in base.users if u.primary_family.value == "guardian")
    teacher = RoleAssignment(role=Role.TEACHER, role_raw="teacher", org_sourced_id="sch-oak")
    write_csv_roster(base, tmp_path / "base")
    write_csv_roster(
        Roster(users=[attrs.evolve(user, roles=(teacher,))], orgs=base.orgs),
        tmp_path / "d1",
        delta=True,
    )
    added = read_roster(tmp_path / "d1", base=tmp_path / "base")
    assert {r.role_raw for r in added.users_by_id[user.sourced_id].roles} == {
        *(r.role_raw for r in user.roles),
        "teacher",
    }
    # a roles-only delta that takes the teacher role away again
    (tmp_path / "d2").mkdir()
    (tmp_path / "d2" / "manifest.csv").write_text(
        "propertyName,value\noneroster.version,1.2\nfile.users,delta\nfile.roles,delta\n"
    )
    (tmp_path / "d2" / "users.csv").write_text("sourcedId,status,givenName,familyName\n")
    (tmp_path / "d2" / "roles.csv").write_text(
        "sourcedId,status,userSourcedId,roleType,role,orgSourcedId\n"
        f"r1,tobedeleted,{user.sourced_id},primary,teacher,sch-oak\n"
    )
    removed = read_roster(tmp_path / "d2", base=added)
    assert {r.role_raw for r in removed.users_by_id[user.sourced_id].roles} == {
        r.role_raw for r in user.roles
    }


def test_cli_check_with_base(tmp_path: Path) -> None:
    base, delta, _ = _night(seed=11)
    write_csv_roster(base, tmp_path / "base")
    write_csv_roster(delta, tmp_path / "delta", delta=True)
    assert (
        main(
            [
                "check",
                str(tmp_path / "delta"),
                "--base",
                str(tmp_path / "base"),
                "-q",
                "-o",
                str(tmp_path / "r.txt"),
            ]
        )
        == 1
    )
    assert "delta of" not in (tmp_path / "r.txt").read_text()


# --- real exports, tried as a new user would (issue 14, items 5 and 7) -----------------------

HEADER = ["sourcedId", "role", "givenName", "familyName", "email", "sms"]
ROW = ["g1", "parent", "Zoë", "Núñez", "zoe@gmail.com", "603-284-7142"]


def test_excel_unicode_text_is_read(tmp_path: Path) -> None:
    """Excel's "Unicode text": UTF-16 with a BOM, tab-delimited."""
    text = "\t".join(HEADER) + "\r\n" + "\t".join(ROW) + "\r\n"
    (tmp_path / "users.csv").write_bytes(text.encode("utf-16"))
    roster = read_roster(tmp_path / "users.csv")
    assert [(u.given_name, u.family_name, u.sms) for u in roster.users] == [
        ("Zoë", "Núñez", "603-284-7142")
    ]
    assert {"utf16", "csv-delimiter"} <= {d.code for d in roster.diagnostics}


def test_semicolon_delimited_users_are_read(tmp_path: Path) -> None:
    (tmp_path / "users.csv").write_text(
        ";".join(HEADER) + "\n" + ";".join(ROW) + "\n", encoding="utf-8"
    )
    roster = read_roster(tmp_path / "users.csv")
    assert roster.users[0].email == "zoe@gmail.com"
    (d,) = [d for d in roster.diagnostics if d.code == "csv-delimiter"]
    assert "semicolon" in d.message


def test_header_only_users_is_a_warning_not_a_clean_exit(tmp_path: Path) -> None:
    (tmp_path / "users.csv").write_text(",".join(HEADER) + "\n", encoding="utf-8")
    assert "no-users" in {d.code for d in read_roster(tmp_path / "users.csv").diagnostics}
    assert main(["check", str(tmp_path / "users.csv"), "-q", "-o", str(tmp_path / "r.txt")]) == 1


def test_a_renamed_header_is_read_or_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "users.csv").write_text("sourcedId,role,firstName,lastName\ng1,parent,A,B\n")
    roster = read_roster(tmp_path / "a" / "users.csv")
    assert (roster.users[0].given_name, roster.users[0].family_name) == ("A", "B")
    assert "column-alias" in {d.code for d in roster.diagnostics}
    (tmp_path / "users.csv").write_text("sourcedId,role,givnName,familyName\ng1,parent,A,B\n")
    assert main(["check", str(tmp_path / "users.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error[missing-column]") and not err.startswith("error: error")
    assert "found: sourcedId, role, givnName, familyName" in err
    assert "'givnName' for givenName?" in err


def test_a_seven_digit_number_says_the_area_code_is_missing() -> None:
    from oneroster_identity.normalize import normalize_phone

    assert "no area code" in (normalize_phone("555-1234").reason or "")
