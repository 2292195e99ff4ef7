from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import write

from oneroster_identity import Role, RosterReadError, read_rest_users, read_roster

USER_11 = {
    "sourcedId": "g1",
    "status": "active",
    "dateLastModified": "2024-01-02T00:00:00Z",
    "enabledUser": "true",
    "orgs": [{"href": "x", "sourcedId": "s1", "type": "org"}],
    "role": "parent",
    "givenName": "Bob",
    "familyName": "Ng",
    "email": "bob@y.org",
    "sms": "6035552000",
    "agents": [{"sourcedId": "st1", "type": "user"}],
    "userIds": [{"type": "LDAP", "identifier": "12"}],
}
USER_12 = {
    "sourcedId": "g1",
    "status": "active",
    "dateLastModified": "2024-01-02T00:00:00Z",
    "enabledUser": True,
    "roles": [{"roleType": "primary", "role": "parent", "org": {"sourcedId": "s1", "type": "org"}}],
    "givenName": "Bob",
    "familyName": "Ng",
    "email": "bob@y.org",
    "sms": "6035552000",
    "agents": [{"sourcedId": "st1", "type": "user"}],
    "userIds": [{"type": "LDAP", "identifier": "12"}],
}
STUDENT = {"sourcedId": "st1", "role": "student", "givenName": "Cy", "familyName": "Ng"}


def test_11_and_12_rest_shapes_agree() -> None:
    a = read_rest_users({"users": [USER_11, STUDENT]})
    b = read_rest_users([{"users": [USER_12]}, {"users": [STUDENT]}])
    assert a.users_by_id["g1"] == b.users_by_id["g1"]
    assert a.users_by_id["g1"].roles[0].role is Role.PARENT
    assert a.students_of == {"g1": ("st1",)}


def test_single_user_envelope_and_file(tmp_path: Path) -> None:
    path = write(tmp_path / "user.json", json.dumps({"user": USER_12}))
    roster = read_roster(path)
    assert [u.sourced_id for u in roster.users] == ["g1"]
    assert {d.code for d in roster.diagnostics} == {"agent-missing-user"}


def test_bad_json_is_located(tmp_path: Path) -> None:
    path = write(tmp_path / "users.json", '{"users": [\n{"sourcedId": }]}')
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    assert info.value.diagnostic.code == "bad-json"
    assert info.value.diagnostic.location.line == 2


def test_objects_without_id_are_counted() -> None:
    roster = read_rest_users({"users": [USER_11, {"givenName": "x"}, "junk"]})
    assert roster.rejected_rows == 2
    paths = {d.location.path for d in roster.diagnostics if d.severity.value == "error"}
    assert paths == {"$.users[1].sourcedId", "$.users[2]"}
