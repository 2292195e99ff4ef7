"""A guardian's email at the district's domain for students' accounts (since session 44)."""

from __future__ import annotations

from typing import Any

import pytest

from oneroster_identity import read_rest_users
from oneroster_identity.match import MatchResult, match
from oneroster_identity.report import Redaction, write_json

CODE = "guardian-email-at-student-domain"


def _user(sid: str, role: str, given: str, family: str, **kw: Any) -> dict[str, Any]:
    return {"sourcedId": sid, "role": role, "givenName": given, "familyName": family, **kw}


def _links(*ids: str) -> list[dict[str, str]]:
    return [{"sourcedId": x} for x in ids]


def _staff(n: int, domain: str = "springfield.k12.us") -> list[dict[str, Any]]:
    return [_user(f"t{i}", "teacher", f"Tea{i}", "Lee", email=f"t{i}@{domain}") for i in range(n)]


def _students(n: int, domain: str, family: str = "Kid") -> list[dict[str, Any]]:
    return [
        _user(f"k{family}{i}", "student", f"Kid{i}", family, email=f"kid{i}@{domain}")
        for i in range(n)
    ]


def _guardian(email: str, sid: str = "g1") -> list[dict[str, Any]]:
    return [
        _user(sid, "parent", "Rosa", "Diaz", email=email, sms="6175550101", agents=_links("s1")),
        _user("s1", "student", "Leo", "Diaz", agents=_links(sid)),
    ]


def _flagged(users: list[dict[str, Any]]) -> list[str]:
    result = match(read_rest_users({"users": users}))
    return [f.sourced_id or "" for f in result.findings if f.code == CODE]


def _result(users: list[dict[str, Any]]) -> MatchResult:
    return match(read_rest_users({"users": users}))


@pytest.mark.parametrize(
    ("students", "domain", "flagged"),
    [
        # students' addresses beside the staff domain: a child's school address
        (4, "students.springfield.k12.us", True),
        (3, "stu.springfield.k12.us", True),
        (3, "learn.springfield.k12.us", True),
        # a domain of its own, used by many students and no staff
        (12, "springfieldkids.org", True),
        # named for students, though no student record exports an email
        (0, "students.springfield.k12.us", True),
        # a family's own domain on three siblings' records: no student domain
        (3, "diazfamily.net", False),
        # a parent who studies at a university: named for students, beside no staff domain
        (0, "students.stateu.edu", False),
        (0, "stu.stateu.edu", False),
        # two students on a domain beside the staff's: too few to tell
        (2, "learn.springfield.k12.us", False),
    ],
)
def test_a_guardian_at_the_students_domain_is_warned_of(
    students: int, domain: str, flagged: bool
) -> None:
    users = _staff(3) + _students(students, domain) + _guardian(f"leo.diaz2031@{domain}")
    assert _flagged(users) == (["g1"] if flagged else [])


def test_a_domain_staff_use_too_is_no_student_domain() -> None:
    """Districts that give students and staff one domain: a guardian there may be a staff
    member's work address (the staff-guardian items say so), nothing to tell here."""
    users = _staff(3) + _students(20, "springfield.k12.us") + _guardian("rdiaz@springfield.k12.us")
    assert _flagged(users) == []
    # one staff test account among many students does not make it a staff domain
    staff_one = _staff(3) + _staff(1, "students.springfield.k12.us")
    users = staff_one + _students(20, "students.springfield.k12.us")
    assert _flagged(users + _guardian("leo@students.springfield.k12.us")) == ["g1"]


def test_an_address_a_student_record_holds_is_left_to_the_shared_contact() -> None:
    domain = "students.springfield.k12.us"
    users = _staff(3) + _students(4, domain) + _guardian(f"kid0@{domain}")
    result = _result(users)
    assert [f for f in result.findings if f.code == CODE] == []
    [shared] = [n for n in result.near_misses if "g1" in n.sourced_ids]
    assert "student-school-address" in shared.tags


def test_consumer_and_staff_addresses_and_staff_guardians_are_never_flagged() -> None:
    domain = "students.springfield.k12.us"
    users = _staff(3) + _students(4, domain) + _guardian("rosa.diaz@gmail.com")
    assert _flagged(users) == []
    # a staff member who is a guardian, at the student domain: a staff record's own matter
    both = _user(
        "g1",
        "parent",
        "Rosa",
        "Diaz",
        email=f"rd@{domain}",
        agents=_links("s1"),
        roles=[
            {"roleType": "primary", "role": "teacher", "org": {"sourcedId": "o1"}},
            {"roleType": "secondary", "role": "parent", "org": {"sourcedId": "o1"}},
        ],
    )
    assert _flagged([*_staff(3), *_students(4, domain), both]) == []


def test_the_finding_names_the_record_and_its_value_is_redactable() -> None:
    import io
    import json

    domain = "students.springfield.k12.us"
    result = _result(_staff(3) + _students(4, domain) + _guardian(f"leo.diaz2031@{domain}"))
    [finding] = [f for f in result.findings if f.code == CODE]
    assert (finding.sourced_id, finding.field, finding.value) == (
        "g1",
        "email",
        f"leo.diaz2031@{domain}",
    )
    assert "4 student records use it and no staff record does" in finding.message
    assert "leo.diaz2031" not in finding.message
    out = io.StringIO()
    write_json(result, out, redact=Redaction())
    [item] = [f for f in json.loads(out.getvalue())["findings"] if f["code"] == CODE]
    assert "leo.diaz2031" not in item["value"]
