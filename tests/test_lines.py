"""Contact values that are lines (an office number on many families): no evidence that
two records holding them are one person (since session 44)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneroster_identity import read_rest_users
from oneroster_identity.match import MatchResult, NearMissKind, match
from oneroster_identity.match._findings import CredentialHolders
from oneroster_identity.match._household import FamilyLinks, HouseholdIndex
from oneroster_identity.match._lines import UNRELATED_HOLDERS, contact_lines
from oneroster_identity.match._persons import as_persons
from oneroster_identity.match._records import NameKeys

OFFICE_PHONE = "603-881-2200"
OFFICE_EMAIL = "office@school.org"


def _user(sid: str, role: str, given: str, family: str, **kw: Any) -> dict[str, Any]:
    return {"sourcedId": sid, "role": role, "givenName": given, "familyName": family, **kw}


def _links(*ids: str) -> list[dict[str, str]]:
    return [{"sourcedId": x} for x in ids]


def _office_families(holders: int, line: str) -> list[dict[str, Any]]:
    """``holders`` families of one parent and one child; the parents all hold the school
    office's number (``line="sms"``) or address (``"email"``) and a value of their own
    in the other field; the first two parents are both `Maria Garcia`."""
    users: list[dict[str, Any]] = []
    for i in range(holders):
        given, family = ("Maria", "Garcia") if i < 2 else (f"Par{i}", f"Fam{chr(65 + i % 26)}{i}")
        own_phone = f"617{(8301234 + i * 4711) % 10_000_000:07d}"
        contact = (
            {"sms": OFFICE_PHONE, "email": f"p{i}@gmail.com"}
            if line == "sms"
            else {"email": OFFICE_EMAIL, "sms": own_phone}
        )
        users.append(
            _user(f"g{i:02d}", "parent", given, family, agents=_links(f"s{i:02d}"), **contact)
        )
        users.append(_user(f"s{i:02d}", "student", f"Kid{i}", family, agents=_links(f"g{i:02d}")))
    return users


def _likely(result: MatchResult) -> list[set[str]]:
    return [set(n.sourced_ids) for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]


@pytest.mark.parametrize("line", ["sms", "email"])
@pytest.mark.parametrize("holders", [2, UNRELATED_HOLDERS + 1, 50])
def test_two_namesakes_on_an_office_line_are_not_one_person(line: str, holders: int) -> None:
    """Two `Maria Garcia` of two families, each with her own other contact, on the
    school office's number (or address) that many families hold: the value says nothing
    of whether they are one person (session 43's code: "probably one person", 0.86, and
    a choice of email or phone that would make them one account). On a value only the
    two hold, one parent typed once per child with two emails is as likely as before."""
    result = match(read_rest_users({"users": _office_families(holders, line)}))
    assert _likely(result) == ([] if holders > 2 else [{"g00", "g01"}])
    if holders > 2:
        [shared] = [n for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT]
        assert "many-unrelated" in shared.tags
        assert len(shared.sourced_ids) == holders


def test_a_parent_typed_once_per_child_on_the_family_number_is_still_found() -> None:
    """One parent typed on each of three children's records (three households, one family
    name), with the family's number, and the grandmother and an aunt of other names on it
    too: fewer than five unrelated holders, no line."""
    users = []
    for i in range(3):
        users.append(
            _user(
                f"m{i}",
                "parent",
                "Rosa" if i else "Rosa M.",
                "Diaz",
                sms=OFFICE_PHONE,
                email=f"rosa{i}@gmail.com",
                agents=_links(f"k{i}"),
            )
        )
        users.append(_user(f"k{i}", "student", f"Kid{i}", "Diaz", agents=_links(f"m{i}")))
    users.append(_user("gm", "guardian", "Ana", "Ruiz", sms=OFFICE_PHONE, agents=_links("k0")))
    users.append(_user("au", "guardian", "Eva", "Soto", sms=OFFICE_PHONE, agents=_links("k1")))
    result = match(read_rest_users({"users": users}))
    assert _likely(result) == [{"m0", "m1", "m2"}]


def test_holders_of_one_household_or_one_family_name_are_no_line() -> None:
    """contact_lines counts unrelated holders: a family name counted once, and a holder
    sharing a household with one counted not at all."""
    family = [
        _user("mom", "parent", "Rosa", "Diaz", sms=OFFICE_PHONE, agents=_links("kid")),
        _user("dad", "parent", "Luis", "Ortiz", sms=OFFICE_PHONE, agents=_links("kid")),
        _user("gma", "guardian", "Ana", "Ruiz", sms=OFFICE_PHONE, agents=_links("kid")),
        _user("aunt", "guardian", "Eva", "Soto", sms=OFFICE_PHONE, agents=_links("kid")),
        _user("uncle", "guardian", "Juan", "Vega", sms=OFFICE_PHONE, agents=_links("kid")),
        _user(
            "kid", "student", "Leo", "Ortiz", agents=_links("mom", "dad", "gma", "aunt", "uncle")
        ),
    ]
    namesakes = [_user(f"d{i}", "teacher", f"T{i}", "Diaz", sms=OFFICE_PHONE) for i in range(6)]
    strangers = [_user(f"t{i}", "teacher", f"T{i}", f"Fam{i}", sms=OFFICE_PHONE) for i in range(5)]
    for users, line in ((family, False), (namesakes, False), (strangers, True)):
        roster = read_rest_users({"users": users})
        result = match(roster)
        facts = result.facts
        persons = as_persons(result.persons)
        reps = persons.representatives(facts)
        homes = HouseholdIndex(FamilyLinks.of(roster, 12), NameKeys(facts))
        lines = contact_lines(CredentialHolders.of(reps), persons, reps, homes)
        assert bool(lines.phone) is line, users[0]["sourcedId"]
        assert lines.email == frozenset()


def test_an_old_account_on_an_office_line_is_no_roster_namesakes(tmp_path: Path) -> None:
    """An app account `Maria Garcia` with an address of her own and the school office's
    number, beside one roster `Maria Garcia` of another address among fifty families on
    that number: "probably her, settle a choice" on session 43's code, which would hand
    one woman's account to another; the office number says nothing, so no roster person
    is likely hers. On a number only the roster's Maria holds, the account is still
    likely hers. The message names at most twenty of the persons sharing the number."""
    from oneroster_identity.existing import AccountOutcome, check_existing, read_existing_accounts

    path = tmp_path / "accounts.csv"
    path.write_text(
        "account_id,first_name,last_name,email,phone,role,joined\n"
        f"A1,Maria,Garcia,maria.other@gmail.com,{OFFICE_PHONE},parent,yes\n",
        encoding="utf-8",
    )
    for holders, outcome in ((3, AccountOutcome.NEW_UNLESS_UPDATED), (50, AccountOutcome.NO_MATCH)):
        users = [
            u for u in _office_families(holders, "sms") if u["sourcedId"] not in ("g01", "s01")
        ]
        roster = read_rest_users({"users": users})
        result = match(roster)
        [account] = check_existing(roster, result, read_existing_accounts(path)).accounts
        assert account.outcome is outcome
        if outcome is AccountOutcome.NO_MATCH:
            assert len(account.shares_contact_with) == holders - 1
            assert f"and {holders - 1 - 20} other persons" in account.message


@settings(max_examples=6, deadline=None)
@given(st.randoms(use_true_random=False))
def test_roster_wide_readings_do_not_depend_on_the_rows_order(rnd: random.Random) -> None:
    """The office line, a birth date on a crowd of students, a guardian on the students'
    domain and a teacher's work address on his wife's record are each read off the whole
    roster: the JSON report is byte-identical whatever order the rows come in."""
    import io

    from oneroster_identity.report import write_json

    users = _office_families(8, "sms")
    born = [{"sourcedId": f"s{i:02d}", "birthDate": "2019-08-26"} for i in range(8)]
    for i in range(30):
        users.append(_user(f"c{i:02d}", "student", f"Kid{i}", "Crowd", grades=["02"]))
        born.append({"sourcedId": f"c{i:02d}", "birthDate": "2019-08-26"})
    users += [
        _user(f"k{i}", "student", f"Stu{i}", "Lee", email=f"stu{i}@students.springfield.k12.us")
        for i in range(3)
    ]
    users += [
        _user("t1", "teacher", "John", "Smith", email="jsmith@springfield.k12.us"),
        _user("t2", "teacher", "Ann", "Wu", email="awu@springfield.k12.us"),
        _user("w1", "parent", "Mary", "Smith", email="jsmith@springfield.k12.us"),
        _user("p9", "parent", "Rosa", "Lee", email="rlee9@students.springfield.k12.us"),
    ]

    def report(rows: list[dict[str, Any]], dates: list[dict[str, Any]]) -> str:
        out = io.StringIO()
        write_json(match(read_rest_users([{"users": rows}, {"demographics": dates}])), out)
        return out.getvalue()

    first = report(users, born)
    assert "birth-date-on-many-records" in first
    assert "guardian-email-at-student-domain" in first
    assert "staff-work-address" in first and "many-unrelated" in first
    shuffled, dates = list(users), list(born)
    rnd.shuffle(shuffled)
    rnd.shuffle(dates)
    assert report(shuffled, dates) == first


def test_two_staff_of_one_name_on_the_office_address_are_warned_of() -> None:
    """Two `John Smith` staff records whose only value in common is the office address
    ten staff records hold: session 43's code called them probably one person through the
    address; with the address no evidence, the staff-same-name warning (which asks HR)
    names them, saying they share only an address many people hold."""
    from oneroster_identity import Policy

    office = "office@springfield.k12.us"
    users = [
        _user(
            f"t{i}",
            "teacher",
            f"Tea{chr(65 + i)}",
            f"Fam{chr(65 + i)}",
            email=office,
            sms=f"617{(8301234 + i * 4711) % 10_000_000:07d}",
        )
        for i in range(8)
    ]
    users += [
        _user("j1", "teacher", "John", "Smith", email=office, sms="6178305515"),
        _user("j2", "teacher", "John", "Smith", email=office, sms="6179920123"),
    ]
    result = match(
        read_rest_users({"users": users}), Policy(district_domains=("springfield.k12.us",))
    )
    assert _likely(result) == []
    [warning] = [f for f in result.findings if f.code == "staff-same-name"]
    assert warning.related == ("j1", "j2")
    assert "an email many unrelated people hold, no one's own" in warning.message
