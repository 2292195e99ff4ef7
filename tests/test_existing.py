"""The existing-accounts export: reading it, and what the first sync does to each account."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneroster_identity import ExistingAccountsError, StrictModeError, read_rest_users
from oneroster_identity.existing import (
    AccountCheck,
    AccountOutcome,
    ContactSource,
    ExistingAccount,
    ExistingAccounts,
    check_existing,
    read_existing_accounts,
)
from oneroster_identity.match import match
from oneroster_identity.models import Provenance, RoleFamily, Roster
from oneroster_identity.policy import Policy

ROSTER = {
    "users": [
        {
            "sourcedId": "g1",
            "role": "parent",
            "givenName": "Robert",
            "familyName": "Ng",
            "email": "rng@gmail.com",
            "sms": "(603) 555-2368",
            "agentSourcedIds": ["s1"],
        },
        {
            "sourcedId": "g2",
            "role": "guardian",
            "givenName": "Ana",
            "familyName": "Diaz",
            "email": "ana.diaz@gmail.com",
            "sms": "617-842-3190",
        },
        {
            "sourcedId": "t1",
            "role": "teacher",
            "givenName": "Eve",
            "familyName": "Stone",
            "email": "estone@springfield.k12.us",
            "sms": "",
        },
        {
            "sourcedId": "s1",
            "role": "student",
            "givenName": "Lia",
            "familyName": "Ng",
            "grades": ["05"],
            "orgs": [{"sourcedId": "sch-elm", "type": "org"}],
        },
    ],
}
HEADER = "account_id,first_name,last_name,email,phone,role,joined,grade,school\n"


def _check(tmp_path: Path, rows: str, policy: Policy | None = None, header: str = HEADER):  # type: ignore[no-untyped-def]
    path = tmp_path / "accounts.csv"
    path.write_text(header + rows, encoding="utf-8")
    roster = read_rest_users(ROSTER)
    result = match(roster, policy)
    existing = read_existing_accounts(path)
    return existing, check_existing(roster, result, existing)


def _by_id(check):  # type: ignore[no-untyped-def]
    return {a.account_id: a for a in check.accounts}


def test_kept_when_name_email_and_phone_are_the_same(tmp_path: Path) -> None:
    _, check = _check(tmp_path, "A1,Robert,Ng,RNG@gmail.com,603.555.2368,parent,yes,,\n")
    a = _by_id(check)["A1"]
    assert a.outcome is AccountOutcome.KEPT and a.sourced_ids == ("g1",)
    # the raw values differ only in formatting; with updates off the app's values stay
    assert {c.field for c in a.contact_changes} == {"email", "sms"}
    assert all(c.winner is ContactSource.APP for c in a.contact_changes)


def test_an_account_naming_a_wife_by_her_husbands_name_is_no_update_of_his(
    tmp_path: Path,
) -> None:
    """``Mrs. Robert Ng`` on Robert's email and phone is his wife's account named the
    formal way (or his, with a slip): never offered an update to become Robert's; the
    message says how she keeps it (her given name typed into the account)."""
    _, check = _check(
        tmp_path,
        "A1,Mrs. Robert,Ng,rng@gmail.com,(603) 555-2368,parent,yes,,\n"
        "A2,Mrs. Ana,Ng,nobody.else@gmail.com,,parent,yes,,\n",
    )
    wife, other = _by_id(check)["A1"], _by_id(check)["A2"]
    assert wife.outcome.value == "no-match" and wife.updates == ()
    assert "type her own given name into the account" in wife.message
    assert "her own given name" not in other.message


def test_new_unless_updated_updates_the_app_account_to_the_sis(tmp_path: Path) -> None:
    """The app's guidance: update the guardian's account before the first sync; the SIS
    stays the source of truth."""
    _, check = _check(tmp_path, "A2,Bob,Ng,rng@gmail.com,603-555-2368,parent,joined,,\n")
    a = _by_id(check)["A2"]
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert a.person_id is not None and a.confidence is not None and a.confidence >= 0.5
    assert [(f.sourced_id, f.field, f.current, f.suggested, f.rule) for f in a.updates] == [
        ("account:A2", "givenName", "Bob", "Robert", "sis-is-source")
    ]
    assert {e.field: e.kind for e in a.evidence}["givenName"] == "nickname"


def test_missing_value_on_the_account_is_updated_in_the_app(tmp_path: Path) -> None:
    _, check = _check(tmp_path, "A3,Ana,Diaz,ana.diaz@gmail.com,,parent,joined,,\n")
    a = _by_id(check)["A3"]
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert [(f.sourced_id, f.field, f.suggested) for f in a.updates] == [
        ("account:A3", "sms", "617-842-3190")
    ]
    assert "app account" in a.updates[0].reason


def test_the_sis_is_changed_only_toward_a_better_account_value(tmp_path: Path) -> None:
    """An account's typo never travels into the SIS: the account is corrected instead."""
    _, typo = _check(tmp_path, "A7,Roberrt,Ng,rng@gmail.com,603-555-2368,parent,joined,,\n")
    assert [(f.sourced_id, f.suggested) for f in _by_id(typo)["A7"].updates] == [
        ("account:A7", "Robert")
    ]


def test_an_initialed_family_name_or_a_doubled_domain_on_the_account_is_updated(
    tmp_path: Path,
) -> None:
    """An account with the family name as its initial matched no one (the names compared
    as different), and one with the top-level domain typed twice got a choice between
    its address and the SIS's: each is now the SIS person's, with the update."""
    _, check = _check(
        tmp_path,
        "A1,Robert,N.,rng@gmail.com,603-555-2368,parent,joined,,\n"
        "A2,Ana,Diaz,ana.diaz@gmail.com.com,617-842-3190,parent,joined,,\n",
    )
    initial, doubled = _by_id(check)["A1"], _by_id(check)["A2"]
    assert initial.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert initial.sourced_ids == ("g1",)
    assert [(f.field, f.suggested) for f in initial.updates] == [("familyName", "Ng")]
    assert doubled.outcome is AccountOutcome.NEW_UNLESS_UPDATED and not doubled.choices
    assert [(f.field, f.suggested) for f in doubled.updates] == [("email", "ana.diaz@gmail.com")]


def test_an_abbreviated_sis_name_takes_the_accounts_written_out_name(tmp_path: Path) -> None:
    """The SIS record says ``Robt.`` (typed from a paper form), the app account
    ``Robert``: the SIS record takes the name written out (rule ``written-out``); the
    other way round, the account takes it, as any SIS value."""
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A1,Robert,Ng,rng@gmail.com,603-555-2368,parent,joined,,\n", "utf-8")
    users = [dict(u, givenName="Robt.") if u["sourcedId"] == "g1" else u for u in ROSTER["users"]]
    roster = read_rest_users({"users": users})
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    a = _by_id(check)["A1"]
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert [(f.sourced_id, f.field, f.current, f.suggested, f.rule) for f in a.updates] == [
        ("g1", "givenName", "Robt.", "Robert", "written-out")
    ]
    _, check = _check(tmp_path, "A2,Robt.,Ng,rng@gmail.com,603-555-2368,parent,joined,,\n")
    assert [(f.sourced_id, f.suggested) for f in _by_id(check)["A2"].updates] == [
        ("account:A2", "Robert")
    ]


def test_an_export_garbled_throughout_is_said_once_and_its_names_compared_as_written(
    tmp_path: Path,
) -> None:
    """Every accented name of the app's export garbled (``JosÃ©``), none right: likely
    the export, opened in a spreadsheet and saved back. A diagnostic says so; each account
    still compares as written (reading it back would call kept an account the app, if it
    does hold the garbled name, would not keep). ``RobÃ©rt`` beside the SIS's ``Robert``
    is ``Robért`` beside ``Robert``, and the accents win (as for an account written
    ``Robért``): both sides take ``Robért``, never the garbled spelling. One accented name
    read right beside them says the garbling is the accounts' own."""
    rows = (
        "A1,Robért,Ng,rng@gmail.com,603-555-2368,parent,joined,,\n"
        "A2,MarÃ­a,PeÃ±a,mp@gmail.com,603-555-1111,parent,joined,,\n"
        "A3,JosÃ©,GarcÃ­a,jg@gmail.com,603-555-2222,parent,joined,,\n"
    )
    garbled = rows.replace("Robért", "RobÃ©rt")
    _, check = _check(tmp_path, garbled)
    (said,) = [d for d in check.diagnostics if d.code == "garbled-throughout"]
    assert "(5 distinct first or last names" in said.message
    assert said.location.file.endswith("accounts.csv")
    a1 = _by_id(check)["A1"]
    assert a1.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert [(f.sourced_id, f.current, f.suggested, f.rule) for f in a1.updates] == [
        ("account:A1", "RobÃ©rt", "Robért", "diacritics"),
        ("g1", "Robert", "Robért", "diacritics"),
    ]
    _, mixed = _check(tmp_path, rows)
    assert not [d for d in mixed.diagnostics if d.code == "garbled-throughout"]


def test_a_kept_account_of_a_person_the_sync_will_not_create_says_so(tmp_path: Path) -> None:
    """Ana's account matches her record exactly, but Luis's record holds the family's
    email and phone too: under ``unique-required`` the sync creates neither (the app's
    older versions need a credential of one's own), so "kept" alone overstated it; the
    message says so (since session 49). Under the default policy it is kept plainly."""
    from oneroster_identity.policy import SharedCredentials

    family = {"agentSourcedIds": ["k1"]}
    roster = read_rest_users(
        {
            "users": [
                {"sourcedId": "g1", "role": "parent", "givenName": "Ana", "familyName": "Ruiz",
                 "email": "ruizfam@gmail.com", "sms": "603-284-7142", **family},
                {"sourcedId": "g2", "role": "parent", "givenName": "Luis", "familyName": "Ruiz",
                 "email": "ruizfam@gmail.com", "sms": "603-284-7142", **family},
                {"sourcedId": "k1", "role": "student", "givenName": "Leo", "familyName": "Ruiz",
                 "agentSourcedIds": ["g1", "g2"]},
            ]
        }
    )  # fmt: skip
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A1,Ana,Ruiz,ruizfam@gmail.com,603-284-7142,parent,joined,,\n")
    existing = read_existing_accounts(path)
    plain = _by_id(check_existing(roster, match(roster), existing))["A1"]
    assert plain.outcome is AccountOutcome.KEPT and "creates no account" not in plain.message
    unique = Policy(shared_credentials=SharedCredentials.UNIQUE_REQUIRED)
    (a,) = check_existing(roster, match(roster, unique), existing).accounts
    assert a.outcome is AccountOutcome.KEPT
    assert "the sync creates no account for this person" in a.message


def test_a_spouses_account_on_the_family_address_is_not_renamed(tmp_path: Path) -> None:
    """Mark's old account on the family email with his own phone, beside Mary's SIS
    record: another person, not Mary's account to rename (it was new-unless-updated with
    givenName Mark -> Mary)."""
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A1,Mark,Smith,smithfamily@gmail.com,603-387-6662,parent,yes,,\n")
    users = [
        {
            "sourcedId": "g1",
            "role": "guardian",
            "givenName": "Mary",
            "familyName": "Smith",
            "email": "smithfamily@gmail.com",
            "sms": "603-201-7051",
        },
        {"sourcedId": "s1", "role": "student", "givenName": "Ana", "familyName": "Smith",
         "agents": [{"sourcedId": "g1"}]},
    ]  # fmt: skip
    roster = read_rest_users({"users": users})
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    a = _by_id(check)["A1"]
    assert a.outcome is AccountOutcome.NO_MATCH and a.updates == () and a.choices == ()


def test_a_relation_noted_in_the_sis_name_is_taken_off_toward_the_account(
    tmp_path: Path,
) -> None:
    """The SIS record says ``Robert (Grandfather)``, the account ``Robert``: the SIS
    record takes the name without the note (rule ``no-note``), and an account holding the
    note takes the SIS's plain name."""
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A1,Robert,Ng,rng@gmail.com,603-555-2368,parent,joined,,\n", "utf-8")
    users = [
        dict(u, givenName="Robert (Grandfather)") if u["sourcedId"] == "g1" else u
        for u in ROSTER["users"]
    ]
    roster = read_rest_users({"users": users})
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    assert [(f.sourced_id, f.suggested, f.rule) for f in _by_id(check)["A1"].updates] == [
        ("g1", "Robert", "no-note")
    ]
    _, check = _check(
        tmp_path, "A2,Robert (Grandpa),Ng,rng@gmail.com,603-555-2368,parent,joined,,\n"
    )
    assert [(f.sourced_id, f.suggested) for f in _by_id(check)["A2"].updates] == [
        ("account:A2", "Robert")
    ]


def test_an_account_as_likely_two_relatives_lists_no_update(tmp_path: Path) -> None:
    """``Maria (Mom)`` and ``Maria (Grandma)``, guardians of one child on the family's
    email and phone, are two people; an old account ``Maria Ruiz`` on those contacts is
    as likely either's. Dropping the grandmother's note (what the check listed before)
    would hand her the mother's account: no update is listed, and the message names
    both. Records the roster calls one person (``Mom`` and ``Mother``, each on one
    child: one likely-same item) are one person's account, updated as before; an item
    that asks the family whether its records are two people is not."""
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A1,Maria,Ruiz,ruiz@gmail.com,603-284-7142,parent,joined,,\n")
    family = {"familyName": "Ruiz", "email": "ruiz@gmail.com", "sms": "6032847142"}
    users = [
        {"sourcedId": "g1", "role": "parent", "givenName": "Maria (Mom)", **family},
        {"sourcedId": "g2", "role": "guardian", "givenName": "Maria (Grandma)", **family},
        {"sourcedId": "s1", "role": "student", "givenName": "Leo", "familyName": "Ruiz",
         "agents": [{"sourcedId": "g1"}, {"sourcedId": "g2"}]},
    ]  # fmt: skip
    roster = read_rest_users({"users": users})
    a = _by_id(check_existing(roster, match(roster), read_existing_accounts(path)))["A1"]
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert a.updates == () and a.choices == ()
    assert a.message.startswith("as likely ") and "ask the family" in a.message
    users[1] = {"sourcedId": "g2", "role": "guardian", "givenName": "Maria (Mother)", **family}
    users[2] = dict(users[2], agents=[{"sourcedId": "g1"}])
    users.append({"sourcedId": "s2", "role": "student", "givenName": "Eva",
                  "familyName": "Ruiz", "agents": [{"sourcedId": "g2"}]})  # fmt: skip
    roster = read_rest_users({"users": users})
    a = _by_id(check_existing(roster, match(roster), read_existing_accounts(path)))["A1"]
    assert a.updates and not a.message.startswith("as likely ")
    # each on one child as a mother and a grandmother: one item that asks the family
    # first whether they are two, so whose account it is stays the family's to say
    users[1] = {"sourcedId": "g2", "role": "guardian", "givenName": "Maria (Grandma)", **family}
    roster = read_rest_users({"users": users})
    result = match(roster)
    assert [n.tags for n in result.near_misses if not n.calls_one_person and n.confidence]
    a = _by_id(check_existing(roster, result, read_existing_accounts(path)))["A1"]
    assert a.updates == () and a.message.startswith("as likely ")


def test_an_initials_account_on_the_family_email_is_either_parents(tmp_path: Path) -> None:
    """An old ``A. Ruiz`` account on the family email, no phone, beside guardians Ana and
    Alberto on that email with their own phones: either parent's. The check wrote
    ``Alberto`` (the higher person id) into it; now it lists no update and asks. An
    ``Ana Ruiz`` account is Ana's, updated as before."""
    path = tmp_path / "accounts.csv"
    family = {"familyName": "Ruiz", "email": "ruiz@gmail.com"}
    users = [
        {"sourcedId": "g1", "role": "parent", "givenName": "Ana", "sms": "6032847142", **family},
        {"sourcedId": "g2", "role": "parent", "givenName": "Alberto", "sms": "6032840000",
         **family},
        {"sourcedId": "s1", "role": "student", "givenName": "Leo", "familyName": "Ruiz",
         "agents": [{"sourcedId": "g1"}, {"sourcedId": "g2"}]},
    ]  # fmt: skip
    roster = read_rest_users({"users": users})
    for first, unclear in (("A.", True), ("Ana", False)):
        path.write_text(HEADER + f"A1,{first},Ruiz,ruiz@gmail.com,,parent,joined,,\n")
        a = _by_id(check_existing(roster, match(roster), read_existing_accounts(path)))["A1"]
        assert a.message.startswith("as likely ") is unclear, first
        assert (a.updates == ()) is unclear


def test_a_joined_accounts_login_email_is_a_choice(tmp_path: Path) -> None:
    _, check = _check(tmp_path, "A8,Robert,Ng,robert.ng@outlook.com,603-555-2368,parent,joined,,\n")
    a = _by_id(check)["A8"]
    (choice,) = a.choices
    assert choice.field == "email"
    # Each option names the records holding its value, as near-miss choices do: the CSV
    # fix list prints them as the records' current values.
    assert [(o.value, o.sourced_ids) for o in choice.options] == [
        ("rng@gmail.com", ("g1",)),
        ("robert.ng@outlook.com", ("account:A8",)),
    ]
    assert "update the app account" in choice.options[0].note
    assert "keeps logging in" in choice.options[1].note


@pytest.mark.parametrize(
    "sis_email",
    ["", "N/A", "noemail@school.org", "ana diaz@gmail.com", "Ana Diaz <ana.diaz@gmail.com>"],
)
def test_a_sis_value_the_app_cannot_use_is_never_offered_to_the_account(
    sis_email: str,
) -> None:
    """Before, a placeholder or invalid SIS email was offered as the account's new login
    ("update the app account to 'N/A'"), and an empty one got no advice at all. The SIS
    record takes the account's address instead; applying that keeps the account."""
    from oneroster_identity.existing import ExistingAccount
    from oneroster_identity.models import Provenance, RoleFamily

    users = [dict(u) for u in ROSTER["users"]]
    users[1]["email"] = sis_email
    roster = read_rest_users({"users": users})
    account = ExistingAccount(
        account_id="A9",
        first_name="Ana",
        last_name="Diaz",
        email="ana.diaz@gmail.com",
        phone="617-842-3190",
        family=RoleFamily.GUARDIAN,
        joined=True,
        provenance=Provenance(file="x.csv", line=2),
    )
    (a,) = check_existing(roster, match(roster), ExistingAccounts(accounts=(account,))).accounts
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert [(f.sourced_id, f.field, f.current, f.suggested) for f in a.updates] == [
        ("g2", "email", sis_email, "ana.diaz@gmail.com")
    ]
    assert a.choices == ()
    fixed_users = [dict(u, email="ana.diaz@gmail.com") if u is users[1] else u for u in users]
    fixed = read_rest_users({"users": fixed_users})
    (again,) = check_existing(fixed, match(fixed), ExistingAccounts(accounts=(account,))).accounts
    assert again.outcome is AccountOutcome.KEPT


def test_a_repaired_sis_value_competes_as_the_address_it_meant(tmp_path: Path) -> None:
    users = [dict(u) for u in ROSTER["users"]]
    users[1]["email"] = "mailto:ana.d@yahoo.com"
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A9,Ana,Diaz,ana.diaz@gmail.com,617-842-3190,parent,joined,,\n")
    roster = read_rest_users({"users": users})
    (a,) = check_existing(roster, match(roster), read_existing_accounts(path)).accounts
    (choice,) = a.choices
    assert sorted(o.value for o in choice.options) == ["ana.d@yahoo.com", "ana.diaz@gmail.com"]


def test_no_match_names_the_persons_sharing_its_contact(tmp_path: Path) -> None:
    _, check = _check(tmp_path, "A4,Zed,Other,rng@gmail.com,,parent,joined,,\n")
    a = _by_id(check)["A4"]
    assert a.outcome is AccountOutcome.NO_MATCH and len(a.shares_contact_with) == 1


@pytest.mark.parametrize(
    ("allow", "joined", "winner"),
    [
        (False, "joined", ContactSource.APP),
        (True, "joined", ContactSource.SIS),
        (False, "invited", ContactSource.SIS),
    ],
)
def test_contact_winner_follows_the_allow_updates_setting(
    tmp_path: Path, allow: bool, joined: str, winner: ContactSource
) -> None:
    _, check = _check(
        tmp_path,
        f"A5,Ana,Diaz,ana.diaz@yahoo.com,617-842-3190,parent,{joined},,\n",
        Policy(allow_contact_updates=allow),
    )
    a = _by_id(check)["A5"]
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert [(c.field, c.app_value, c.sis_value, c.winner) for c in a.contact_changes] == [
        ("email", "ana.diaz@yahoo.com", "ana.diaz@gmail.com", winner)
    ]
    assert check.summary()["allow_contact_updates"] is allow


def test_staff_account_is_checked_against_staff_records(tmp_path: Path) -> None:
    _, check = _check(tmp_path, "A6,Eve,Stone,estone@springfield.k12.us,,teacher,joined,,\n")
    assert _by_id(check)["A6"].outcome is AccountOutcome.KEPT


def test_old_students_get_merge_candidates_with_evidence(tmp_path: Path) -> None:
    _, check = _check(
        tmp_path,
        "S1,Lia,Ng,,,student,,4,sch-elm\nS2,Someone,Else,,,student,,4,\n",
    )
    assert check.students_read == 2
    (cand,) = check.student_candidates
    assert (cand.account_id, cand.sourced_id) == ("S1", "s1")
    kinds = {e.field: e.kind for e in cand.evidence}
    assert kinds == {
        "givenName": "identical",
        "familyName": "identical",
        "grades": "next-grade",
        "school": "identical",
        "birthDate": "missing",
    }
    assert cand.confidence > 0.9


@pytest.mark.parametrize(
    ("sis", "app", "given_app"),
    [
        ("De La Cruz", "Delacruz", "Mateo"),
        ("García", "Garcia", "Mateo"),
        ("O'Brien", "O Brien", "Mateo"),
        ("St. Pierre", "Saint-Pierre", "Mateo"),
        ("García", "Garcia", "Matteo"),  # and another spelling of the given name
    ],
)
def test_an_old_student_spelled_otherwise_still_gets_its_candidate(
    tmp_path: Path, sis: str, app: str, given_app: str
) -> None:
    """An old student a teacher typed as ``Mateo Delacruz`` or ``Mateo Garcia`` met no
    roster record ``Mateo De La Cruz`` or ``Mateo García``: its blocks keyed the family
    name as written. The roster's own record is its candidate."""
    from oneroster_identity import read_rest_users

    kid = {"sourcedId": "s1", "role": "student", "givenName": "Mateo", "familyName": sis}
    roster = read_rest_users({"users": [{**kid, "grades": ["05"]}]})
    path = tmp_path / "accounts.csv"
    path.write_text(
        "account_id,first_name,last_name,email,phone,role,joined,grade\n"
        f"S1,{given_app},{app},,,student,,4\n"
    )
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    (cand,) = check.student_candidates
    assert (cand.account_id, cand.sourced_id) == ("S1", "s1")


def _lia_ng() -> Roster:
    """One roster student, Lia Ng of grade 5, born 2016-02-03."""
    return read_rest_users(
        [
            {
                "users": [
                    {
                        "sourcedId": "s1",
                        "role": "student",
                        "givenName": "Lia",
                        "familyName": "Ng",
                        "grades": ["05"],
                    }
                ]
            },
            {"demographics": [{"sourcedId": "s1", "birthDate": "2016-02-03"}]},
        ]
    )


def test_old_student_birth_date_confirms_or_rules_out(tmp_path: Path) -> None:
    import datetime as dt

    roster = _lia_ng()
    header = "account_id,first_name,last_name,email,phone,role,joined,grade,school,DOB\n"
    path = tmp_path / "accounts.csv"
    path.write_text(
        header + "S1,Lia,Ng,,,student,,4,,2016-02-03\nS2,Lia,Ng,,,student,,4,,2015-07-30\n"
    )
    existing = read_existing_accounts(path)
    assert [a.birth_date for a in existing.accounts] == [dt.date(2016, 2, 3), dt.date(2015, 7, 30)]
    check = check_existing(roster, match(roster), existing)
    (cand,) = check.student_candidates
    assert cand.account_id == "S1"
    assert {e.field: e.kind for e in cand.evidence}["birthDate"] == "identical"
    # A stand-in date on the account (what an app export has for an unknown one) neither
    # confirms nor rules out: it reads as missing.
    path.write_text(header + "S3,Lia,Ng,,,student,,4,,1900-01-01\n")
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    (cand,) = check.student_candidates
    assert {e.field: e.kind for e in cand.evidence}["birthDate"] == "missing"
    # One typed with a slip (day and month swapped) neither confirms nor rules out either,
    # and the evidence says so (it ruled the child out before).
    path.write_text(header + "S4,Lia,Ng,,,student,,4,,2016-03-02\n")
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    (cand,) = check.student_candidates
    assert {e.field: e.kind for e in cand.evidence}["birthDate"] == "slip"


def test_summary_accounts_for_every_row(tmp_path: Path) -> None:
    rows = (
        "A1,Robert,Ng,rng@gmail.com,603-555-2368,parent,,,\n"
        "A1,Robert,Ng,rng@gmail.com,603-555-2368,parent,,,\n"
        "A7,Max,Ng,max@gmail.com,,wizard,,,\n"
        "S1,Lia,Ng,,,student,,5,\n"
    )
    existing, check = _check(tmp_path, rows)
    summary = check.summary()
    assert summary["accounts_read"] == 4 and summary["rejected_rows"] == 2
    codes = sorted(d.code for d in existing.diagnostics)
    assert codes == ["duplicate-account", "unknown-role"]


def test_header_aliases_and_unknown_columns(tmp_path: Path) -> None:
    existing, _ = _check(
        tmp_path,
        "A1,Robert,Ng,rng@gmail.com,603-555-2368,x\n",
        header="ID,First Name,Surname,E-mail,Mobile,Favourite colour\n",
    )
    codes = [(d.code, d.location.column) for d in existing.diagnostics]
    assert ("unknown-column", "Favourite colour") in codes
    assert ("column-alias", "Surname") in codes and ("column-alias", "Mobile") in codes
    (account,) = existing.accounts
    assert (account.last_name, account.phone, account.joined) == ("Ng", "603-555-2368", True)
    assert account.provenance.line == 2


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty-file"),
        (b"account_id,email\nA1,x@y.org\n", "missing-column"),
        (b"first_name,last_name\nAna,Diaz\n", "missing-column"),
        (b"first_name,last_name,email\nJos\xe9,Diaz,j@x.org\n", "decode-error"),
        # the app's "Export to Excel" saved under a .csv name (since session 55)
        (b"PK\x03\x04\x14\x00\x06\x00 workbook parts", "not-csv"),
    ],
)
def test_unreadable_exports_raise_one_located_error(
    tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes(content)
    with pytest.raises(ExistingAccountsError) as info:
        read_existing_accounts(path)
    assert info.value.diagnostic.code == code
    assert "accounts.csv" in str(info.value)


def test_latin1_export_reads_with_the_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes(b"first_name,last_name,email\nJos\xe9,Diaz,j@x.org\n")
    (account,) = read_existing_accounts(path, encoding="iso-8859-1").accounts
    assert account.first_name == "José"


def test_a_utf16_export_without_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes("first_name,last_name,email\r\nJosé,Díaz,j@x.org\r\n".encode("utf-16-le"))
    (account,) = read_existing_accounts(path).accounts
    assert (account.first_name, account.last_name) == ("José", "Díaz")


def test_missing_file_and_strict_mode(tmp_path: Path) -> None:
    with pytest.raises(ExistingAccountsError, match="cannot open"):
        read_existing_accounts(tmp_path / "nope.csv")
    path = tmp_path / "a.csv"
    path.write_text("first_name,last_name,email,joined\nAna,Diaz,a@x.org,maybe\n")
    with pytest.raises(StrictModeError):
        read_existing_accounts(path, strict=True)


def _guardian_account(
    first: str, last: str, email: str, phone: str, *, joined: bool = True
) -> ExistingAccount:
    """A guardian's app account ``A1`` of these values, as a row of an export reads."""
    return ExistingAccount(
        account_id="A1",
        first_name=first,
        last_name=last,
        email=email,
        phone=phone,
        family=RoleFamily.GUARDIAN,
        provenance=Provenance(file="x.csv", line=2),
        joined=joined,
    )


names = st.sampled_from(["Robert", "Bob", "Ana", "Anna", "Lia", "Zed"])
emails = st.sampled_from(["rng@gmail.com", "ana.diaz@gmail.com", "other@yahoo.com", ""])
phones = st.sampled_from(["603-555-2368", "617-842-3190", "508-842-0142", ""])


@settings(max_examples=60, deadline=None)
@given(first=names, last=st.sampled_from(["Ng", "Diaz"]), email=emails, phone=phones)
def test_applying_the_updates_keeps_the_account(
    first: str, last: str, email: str, phone: str
) -> None:
    """Whatever the account, making the listed updates turns it into a kept account."""
    account = _guardian_account(first, last, email, phone)
    roster = read_rest_users(ROSTER)
    result = match(roster)
    check = check_existing(roster, result, ExistingAccounts(accounts=(account,)))
    (a,) = check.accounts
    if a.outcome is not AccountOutcome.NEW_UNLESS_UPDATED:
        return
    users = {u.sourced_id: u for u in roster.users}
    field_attr = {
        "givenName": "given_name",
        "familyName": "family_name",
        "email": "email",
        "sms": "sms",
    }
    for choice in a.choices:  # a person picks the first option: update the account
        attr = {"givenName": "first_name", "familyName": "last_name", "sms": "phone"}
        account = attrs.evolve(
            account, **{attr.get(choice.field, choice.field): choice.options[0].value}
        )
    for fix in a.updates:
        if fix.sourced_id.startswith("account:"):
            attr = {"givenName": "first_name", "familyName": "last_name", "sms": "phone"}
            account = attrs.evolve(account, **{attr.get(fix.field, fix.field): fix.suggested})
        else:
            u = users[fix.sourced_id]
            users[fix.sourced_id] = attrs.evolve(u, **{field_attr[fix.field]: fix.suggested})
    fixed = attrs.evolve(roster, users=tuple(users.values()))
    again = check_existing(fixed, match(fixed), ExistingAccounts(accounts=(account,)))
    assert again.accounts[0].outcome is AccountOutcome.KEPT


def test_bom_ragged_rows_and_blank_lines_are_located(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes(b"\xef\xbb\xbffirst_name,last_name,email\nAna,Diaz,ana@x.org,extra\n\nBo,Ng\n")
    existing = read_existing_accounts(path)
    assert [a.first_name for a in existing.accounts] == ["Ana", "Bo"]
    located = {(d.code, d.location.line) for d in existing.diagnostics}
    assert {("utf8-bom", 1), ("ragged-row", 2), ("ragged-row", 4)} <= located
    assert [a.provenance.line for a in existing.accounts] == [2, 4]


def test_a_quote_left_open_skips_its_row_naming_the_accounts_it_swallowed(
    tmp_path: Path,
) -> None:
    """An account row whose quote is never closed reads the accounts after it into one
    value: skipped with an error at its first line, where it was read as one account
    with the others in its last name; a name typed over two lines is still read, and
    each account keeps the line it starts on."""
    path = tmp_path / "accounts.csv"
    path.write_text(
        'first_name,last_name,email\nAna,"Maria\nDiaz",ana@x.org\nBo,Ng,bo@x.org\n'
        'Cy,"Lee,cy@x.org\nDi,Ng,di@x.org\nEd,Ng,ed@x.org\n'
    )
    existing = read_existing_accounts(path)
    assert [(a.first_name, a.provenance.line) for a in existing.accounts] == [
        ("Ana", 2),
        ("Bo", 4),
    ]
    (error,) = [d for d in existing.diagnostics if d.code == "unclosed-quote"]
    assert (error.location.line, error.location.column) == (5, "last_name")
    assert "runs on to line 7" in error.message and "2 of them" in error.message


@settings(max_examples=150, deadline=None)
@given(
    body=st.lists(
        st.lists(st.text(max_size=12), min_size=0, max_size=7).map(",".join),
        max_size=6,
    ),
    raw=st.binary(max_size=40),
)
def test_any_export_reads_or_fails_with_one_located_error(body: list[str], raw: bytes) -> None:
    """Whatever the bytes, the reader returns accounts or raises ExistingAccountsError."""
    import tempfile

    text = "first_name,last_name,email,phone\n" + "\n".join(body)
    for content in (text.encode("utf-8", "surrogatepass"), raw):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "accounts.csv"
            path.write_bytes(content)
            try:
                existing = read_existing_accounts(path)
            except ExistingAccountsError as exc:
                where = exc.diagnostic.location.file
            else:
                where = "accounts.csv"
                assert all(a.provenance.file == where for a in existing.accounts)
            assert where == "accounts.csv"


def test_old_student_is_compared_once_per_distinct_roster_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oneroster_identity.existing import _students
    from oneroster_identity.normalize import PersonName, compare_names

    def student(sid: str, given: str, family: str, grade: str) -> dict[str, object]:
        return {
            "sourcedId": sid,
            "role": "student",
            "givenName": given,
            "familyName": family,
            "grades": [grade],
        }

    # Three students share one name (one PersonName in the run's facts); two more are in
    # the account's family-and-initial block under other names.
    roster = read_rest_users(
        {
            "users": [
                student("s1", "Ana", "Lopez", "05"),
                student("s2", "Ana", "Lopez", "07"),
                student("s3", "Ana", "Lopez", "05"),
                student("s4", "Anna", "Lopez", "05"),
                student("s5", "Alberto", "Lopez", "05"),
            ]
        }
    )
    path = tmp_path / "accounts.csv"
    path.write_text(
        "account_id,first_name,last_name,email,phone,role,joined,grade,school\n"
        "S1,Ana,Lopez,,,student,,4,\n"
    )
    calls: list[tuple[str, str]] = []

    def counted(a: PersonName, b: PersonName, *, policy: Policy) -> object:
        calls.append((b.given, b.family))
        return compare_names(a, b, policy=policy)

    monkeypatch.setattr(_students, "compare_names", counted)
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    assert sorted(calls) == [("Alberto", "Lopez"), ("Ana", "Lopez"), ("Anna", "Lopez")]
    got = [(c.sourced_id, {e.field: e.kind for e in c.evidence}) for c in check.student_candidates]
    # Each candidate is judged on its own name and grade: the shared comparison is the
    # name's only.
    assert [sid for sid, _ in got] == ["s1", "s3", "s4"]  # s2's grade is two years on
    assert [kinds["givenName"] for _, kinds in got] == [
        "identical",
        "identical",
        "spelling-variant",
    ]
    assert all(kinds["grades"] == "next-grade" for _, kinds in got)


def test_an_address_typed_into_the_sms_column_meets_its_account(tmp_path: Path) -> None:
    """The guardian's address in the SIS's SMS column and the email column empty: the
    account with that login email is that guardian's, kept once the address moves to
    the email column (before, "no roster person resembles this account")."""
    users = [dict(u) for u in ROSTER["users"]]
    users[1]["email"], users[1]["sms"] = "", "ana.diaz@gmail.com"
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A9,Ana,Diaz,ana.diaz@gmail.com,617-842-3190,parent,joined,,\n")
    roster = read_rest_users({"users": users})
    (a,) = check_existing(roster, match(roster), read_existing_accounts(path)).accounts
    assert (a.outcome, a.sourced_ids) == (AccountOutcome.NEW_UNLESS_UPDATED, ("g2",))
    assert [(e.field, e.kind) for e in a.evidence if e.kind == "in-phone-column"] == [
        ("email/sms", "in-phone-column")
    ]
    updates = {(f.sourced_id, f.field): f.suggested for f in a.updates}
    assert updates == {("g2", "email"): "ana.diaz@gmail.com", ("g2", "sms"): "617-842-3190"}


@pytest.mark.parametrize(
    ("sis", "account", "updates"),
    [
        ("Mrs. Ana", "Ana", {("g2", "Ana")}),
        # another spelling: the account takes the SIS name, never its title
        ("Mrs. Sofia", "Sophia", {("g2", "Sofia"), ("account:A9", "Sofia")}),
        ("Sofia", "Mrs. Sophia", {("account:A9", "Sofia")}),
    ],
)
def test_a_title_is_dropped_and_never_offered_to_the_account(
    tmp_path: Path, sis: str, account: str, updates: set[tuple[str, str]]
) -> None:
    users = [dict(u) for u in ROSTER["users"]]
    users[1]["givenName"] = sis
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + f"A9,{account},Diaz,ana.diaz@gmail.com,617-842-3190,parent,joined,,\n")
    roster = read_rest_users({"users": users})
    (a,) = check_existing(roster, match(roster), read_existing_accounts(path)).accounts
    assert {(f.sourced_id, f.suggested) for f in a.updates if f.field == "givenName"} == updates


@pytest.mark.parametrize("sis", ["Ana & Luis", "Luis and Ana", "Mr. and Mrs. Ana"])
def test_a_couples_name_is_never_offered_to_the_account(tmp_path: Path, sis: str) -> None:
    """The SIS record names a couple and carries Ana's account's contacts: the account is
    Ana's, and the SIS record takes her name (``not-a-couple``), never the other way."""
    users = [dict(u) for u in ROSTER["users"]]
    users[1]["givenName"] = sis
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A9,Ana,Diaz,ana.diaz@gmail.com,617-842-3190,parent,joined,,\n")
    roster = read_rest_users({"users": users})
    (a,) = check_existing(roster, match(roster), read_existing_accounts(path)).accounts
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED and a.sourced_ids == ("g2",)
    assert [(f.sourced_id, f.field, f.suggested, f.rule) for f in a.updates] == [
        ("g2", "givenName", "Ana", "not-a-couple")
    ]


@pytest.mark.parametrize(
    ("given", "family", "updates"),
    [
        ("Ana", "Diaz & Luis Ruiz", [("familyName", "Diaz")]),
        ("Luis", "Ruiz & Ana Diaz", [("familyName", "Diaz"), ("givenName", "Ana")]),
    ],
)
def test_a_couples_names_split_at_a_space_are_never_offered_to_the_account(
    tmp_path: Path, given: str, family: str, updates: list[tuple[str, str]]
) -> None:
    """A couple's names typed in one line and split at the first space, on a record with
    Ana's account's contacts: the SIS record takes her name in both fields (since session
    51: the couple's line was offered to the account, or the account's name to it as a
    choice)."""
    users = [dict(u) for u in ROSTER["users"]]
    users[1]["givenName"], users[1]["familyName"] = given, family
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A9,Ana,Diaz,ana.diaz@gmail.com,617-842-3190,parent,joined,,\n")
    roster = read_rest_users({"users": users})
    (a,) = check_existing(roster, match(roster), read_existing_accounts(path)).accounts
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED and not a.choices
    assert sorted((f.field, f.suggested) for f in a.updates) == updates
    assert {(f.sourced_id, f.rule) for f in a.updates} == {("g2", "not-a-couple")}


def test_an_account_named_for_a_couple_may_take_the_sis_couple(tmp_path: Path) -> None:
    """An app account created from an old couple record (`Ana & Luiz`) and the SIS's
    `Ana & Luis`: the account takes the SIS value (it is a couple's account already);
    the SIS record is never set to the account's couple under `not-a-couple`."""
    users = [dict(u) for u in ROSTER["users"]]
    users[1]["givenName"] = "Ana & Luis"
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A9,Ana & Luiz,Diaz,ana.diaz@gmail.com,617-842-3190,parent,joined,,\n")
    roster = read_rest_users({"users": users})
    (a,) = check_existing(roster, match(roster), read_existing_accounts(path)).accounts
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert [(f.sourced_id, f.suggested, f.rule) for f in a.updates] == [
        ("account:A9", "Ana & Luis", "sis-is-source")
    ]


def test_the_index_counts_the_accounts_names_as_the_whole_roster_would() -> None:
    """The index counts only the names the accounts carry (what judging reads); for
    those names the counts are the whole index's."""
    from oneroster_identity import read_sample
    from oneroster_identity.existing._index import PersonIndex, as_user
    from oneroster_identity.match import BLOCK_KEYS, FactsBuilder, common_name_counts
    from oneroster_identity.models import RoleFamily

    roster = read_sample()
    result = match(roster)
    accounts = read_existing_accounts(
        str(
            Path(__file__).resolve().parents[1]
            / "src/oneroster_identity/data/sample_existing_accounts.csv"
        )
    ).accounts
    build = FactsBuilder(result.policy)
    wanted = [build(as_user(a, result.policy)) for a in accounts]
    # the roster's own common names, asked for as accounts would ask
    wanted += [f for f in result.facts.values() if RoleFamily.STUDENT not in f.families]
    index = PersonIndex(result, wanted, BLOCK_KEYS, keep=lambda fam: RoleFamily.STUDENT not in fam)
    every = common_name_counts(f.name_key for f in index.reps)
    assert any(every[f.name_key] for f in wanted)  # some asked names are common
    for f in wanted:
        assert index.name_counts[f.name_key] == every[f.name_key]


def test_one_persons_records_spelled_apart_give_the_account_a_choice(tmp_path: Path) -> None:
    """The SIS person's two records write `Ana` and `ANA` (the app reads them as one: a
    fragile merge) and the account says `Anna`: no rule picks the account's value, so it
    is a choice between the SIS spellings, and the message counts it (it said "unless 0
    update(s) are made")."""
    users = [dict(u) for u in ROSTER["users"]]
    twin = {**users[1], "sourcedId": "g9", "givenName": "ANA", "role": "teacher"}
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A9,Anna,Diaz,ana.diaz@gmail.com,617-842-3190,parent,joined,,\n")
    roster = read_rest_users({"users": [*users, twin]})
    (a,) = check_existing(roster, match(roster), read_existing_accounts(path)).accounts
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED and not a.updates
    (choice,) = a.choices
    assert [(o.value, o.sourced_ids) for o in choice.options] == [
        ("ANA", ("g9",)),
        ("Ana", ("g2",)),
    ]
    assert a.message.endswith("unless 1 choice(s) settled")


@settings(max_examples=80, deadline=None)
@given(
    sis=st.sampled_from(["Ana & Luis", "Luis and Ana", "Mr. and Mrs. Ana", "Ana", "Ana + Luiz"]),
    account=st.sampled_from(["Ana", "Luis", "Anna", "Ana & Luis", "Ana & Luiz"]),
    email=emails,
    phone=phones,
)
def test_a_couples_name_is_never_offered_to_a_one_person_account(
    sis: str, account: str, email: str, phone: str
) -> None:
    """Whatever the names and contacts: no update or choice offers an account named for
    one person a value naming two, and no SIS record is set to a couple's name."""
    from oneroster_identity.existing import ExistingAccount, ExistingAccounts
    from oneroster_identity.models import Provenance, RoleFamily
    from oneroster_identity.normalize import names_two_people

    users = [dict(u) for u in ROSTER["users"]]
    users[1]["givenName"] = sis
    roster = read_rest_users({"users": users})
    acct = ExistingAccount(
        account_id="A1",
        first_name=account,
        last_name="Diaz",
        email=email,
        phone=phone,
        family=RoleFamily.GUARDIAN,
        provenance=Provenance(file="x.csv", line=2),
    )
    (a,) = check_existing(roster, match(roster), ExistingAccounts(accounts=(acct,))).accounts
    offered = [f.suggested for f in a.updates if f.field == "givenName"]
    offered += [o.value for c in a.choices if c.field == "givenName" for o in c.options]
    for fix in a.updates:
        if fix.field == "givenName" and not fix.sourced_id.startswith("account:"):
            assert not names_two_people(fix.suggested), fix
    if not names_two_people(account):
        assert not any(names_two_people(v) for v in offered), offered


def test_one_account_per_person_a_second_account_stays_archived(tmp_path: Path) -> None:
    """A parent with two app accounts (one per child's class invite). Checked one at a
    time, the second was "new unless updated", with updates that would undo the first
    account's exact match; the app keeps one account per person, so it stays archived
    beside the kept one and lists no update."""
    _, check = _check(
        tmp_path,
        "A1,Robert,Ng,rng@gmail.com,(603) 555-2368,parent,yes,,\n"
        "A2,Robert,Ng,robert.ng@aol.com,(603) 555-2368,parent,yes,,\n"
        "A3,Ana,Diaz,ana.diaz@yahoo.com,617-842-3190,parent,yes,,\n"
        "A4,Ana,Diaz,ana.d@outlook.com,617-842-3190,parent,yes,,\n"
        "A5,Robert,Ng,rng@gmail.com,603-555-2368,parent,no,,\n",
    )
    by = _by_id(check)
    assert by["A1"].outcome is AccountOutcome.KEPT and by["A5"].outcome is AccountOutcome.KEPT
    assert "A5 match" in by["A1"].message and "A1 match" in by["A5"].message
    second = by["A2"]
    assert second.outcome is AccountOutcome.ANOTHER_ACCOUNT_KEPT
    assert second.person_id == by["A1"].person_id and second.sourced_ids == ("g1",)
    assert not second.updates and not second.choices and not second.contact_changes
    assert "already keep account A1, A5" in second.message
    # neither of Ana's accounts is kept: both may be, once updated; each says so
    for mine, other in (("A3", "A4"), ("A4", "A3")):
        assert by[mine].outcome is AccountOutcome.NEW_UNLESS_UPDATED
        assert by[mine].updates or by[mine].choices
        assert f"account(s) {other} are probably" in by[mine].message
    assert check.summary()["outcomes"] == {
        "kept": 2,
        "new-unless-updated": 2,
        "another-account-kept": 1,
        "no-match": 0,
    }


def test_no_value_in_the_app_and_an_unusable_one_in_the_sis_are_no_change(
    tmp_path: Path,
) -> None:
    """The SIS record's SMS is invalid and the account has none: to the app both are no
    value, so the account is kept with no contact change (it said "its contact values
    are formatted differently", and listed '123-45' as the SIS value that would win)."""
    roster = {
        "users": [
            *ROSTER["users"],
            {
                "sourcedId": "g9",
                "role": "parent",
                "givenName": "Jane",
                "familyName": "Doe",
                "email": "jdoe@gmail.com",
                "sms": "123-45",
            },
        ]
    }
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A9,Jane,Doe,jdoe@gmail.com,,parent,no,,\n", encoding="utf-8")
    users = read_rest_users(roster)
    check = check_existing(users, match(users), read_existing_accounts(path))
    [a] = check.accounts
    assert a.outcome is AccountOutcome.KEPT and a.contact_changes == ()
    assert a.message.endswith("has exactly its name, email and phone")


def test_a_spouses_account_is_not_renamed_for_the_other(tmp_path: Path) -> None:
    """Christina's old app account on the family email, beside Christian's SIS record:
    read as a typo of one name, the check asked to rename her account to Christian and
    keep it for him. A feminine and a masculine form are two people: no match."""
    roster = read_rest_users(
        {
            "users": [
                {
                    "sourcedId": "g1",
                    "role": "parent",
                    "givenName": "Christian",
                    "familyName": "Ng",
                    "email": "ngfamily@gmail.com",
                    "sms": "603-284-2368",
                    "agentSourcedIds": ["s1"],
                },
                {"sourcedId": "s1", "role": "student", "givenName": "Lia", "familyName": "Ng"},
            ]
        }
    )
    path = tmp_path / "accounts.csv"
    path.write_text(
        HEADER + "A1,Christina,Ng,ngfamily@gmail.com,617-842-3190,parent,yes,,\n",
        encoding="utf-8",
    )
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    (account,) = check.accounts
    assert account.outcome is AccountOutcome.NO_MATCH and account.updates == ()


def _maira_roster(*others: dict[str, object], given: str = "Ivna") -> dict[str, object]:
    return {
        "users": [
            {
                "sourcedId": "g1",
                "role": "parent",
                "givenName": given,
                "familyName": "Ng",
                "email": "ngfamily@gmail.com",
                "sms": "603-284-2368",
            },
            *others,
        ]
    }


@pytest.mark.parametrize("another_maira", [False, True])
def test_an_sis_name_others_hold_is_not_renamed_to_the_accounts(
    tmp_path: Path, another_maira: bool
) -> None:
    """The account says Ivan, the SIS Ivna (two swapped letters, and only Ivan is in the
    bundled name tables). With no other Ivna in the roster, Ivna reads as a slip and the
    SIS record is to take the account's Ivan; with another family's Ivna, Ivna is a name
    of its own and the account takes the SIS value, the source of truth. (Maira beside
    Maria played this part until session 52 listed Maira: see below.)"""
    other = {
        "sourcedId": "g9",
        "role": "guardian",
        "givenName": "Ivna",
        "familyName": "Perez",
        "email": "mperez@gmail.com",
        "sms": "617-842-3190",
    }
    roster = read_rest_users(_maira_roster(*([other] if another_maira else [])))
    path = tmp_path / "accounts.csv"
    path.write_text(
        HEADER + "A1,Ivan,Ng,ngfamily@gmail.com,603-284-2368,parent,yes,,\n", encoding="utf-8"
    )
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    (account,) = [a for a in check.accounts if a.account_id == "A1"]
    names = [(u.sourced_id, u.suggested, u.rule) for u in account.updates]
    if another_maira:
        assert names == [("account:A1", "Ivna", "sis-is-source")]
    else:
        assert names == [("g1", "Ivan", "known-given-name")]


def test_a_listed_name_in_the_sis_is_the_accounts_name_to_take(tmp_path: Path) -> None:
    """Maira is a name of the tables since session 52: beside an account's Maria the SIS
    value is the source of truth, with or without another Maira in the roster."""
    roster = read_rest_users(_maira_roster(given="Maira"))
    path = tmp_path / "accounts.csv"
    path.write_text(
        HEADER + "A1,Maria,Ng,ngfamily@gmail.com,603-284-2368,parent,yes,,\n", encoding="utf-8"
    )
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    (account,) = [a for a in check.accounts if a.account_id == "A1"]
    names = [(u.sourced_id, u.suggested, u.rule) for u in account.updates]
    assert names == [("account:A1", "Maira", "sis-is-source")]


def _ruiz(
    ana_sms: str, ana_email: str = "ana.ruiz@gmail.com", *others: dict[str, object]
) -> Roster:
    users: list[dict[str, object]] = [
        {
            "sourcedId": "g1",
            "role": "parent",
            "givenName": "Ana",
            "familyName": "Ruiz",
            "email": ana_email,
            "sms": ana_sms,
            "agents": [{"sourcedId": "s1", "type": "user"}],
        },
        {
            "sourcedId": "s1",
            "role": "student",
            "givenName": "Leo",
            "familyName": "Ruiz",
            "agents": [
                {"sourcedId": sid, "type": "user"}
                for sid in ("g1", *(str(o["sourcedId"]) for o in others if "agents" in o))
            ],
        },
        *others,
    ]
    return read_rest_users({"users": users})


_JOSE = {
    "sourcedId": "g2",
    "role": "parent",
    "givenName": "Jose",
    "familyName": "Ruiz",
    "email": "jose.ruiz@gmail.com",
    "sms": "617-555-2368",
    "agents": [{"sourcedId": "s1", "type": "user"}],
}


def _ana_account(email: str = "ana.ruiz@gmail.com", phone: str = "617-555-2368") -> ExistingAccount:
    return ExistingAccount(
        account_id="A1",
        first_name="Ana",
        last_name="Ruiz",
        email=email,
        phone=phone,
        family=RoleFamily.GUARDIAN,
        joined=True,
        provenance=Provenance(file="x.csv", line=2),
    )


def _one_check(
    roster: Roster, account: ExistingAccount, policy: Policy | None = None
) -> AccountCheck:
    result = match(roster, policy)
    (a,) = check_existing(roster, result, ExistingAccounts(accounts=(account,))).accounts
    return a


@pytest.mark.parametrize("with_jose", [False, True])
def test_an_account_holding_the_number_a_sis_note_calls_dads_gets_no_update(
    with_jose: bool,
) -> None:
    """Before, the mother's record with ``617-555-2368 (dad's cell)`` was told to take her
    account's number, which is that very number: the SIS says it is the father's, the
    account says it is hers, and with his record holding it the two would share it. Only
    the family knows: no update for the field, and the message says what to ask and names
    his record when it holds the number."""
    others = (_JOSE,) if with_jose else ()
    a = _one_check(
        _ruiz("617-555-2368 (dad's cell)", "ana.ruiz@gmail.com", *others), _ana_account()
    )
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert (a.updates, a.choices) == ((), ())
    assert "no update is listed for sms" in a.message
    assert "beside a note naming another person" in a.message
    assert "type it alone on g1" in a.message and "own number" in a.message
    assert ("(g2)" in a.message) is with_jose
    assert "617-555" not in a.message  # values stay out of messages (redaction)


def test_a_sis_note_naming_someone_beside_another_number_keeps_the_accounts_own() -> None:
    """The account holds another number than the one the note calls dad's: the account's
    is the only number the data give her, as for any unusable SIS value."""
    a = _one_check(_ruiz("617-555-2368 (dad's cell)"), _ana_account(phone="617-555-9999"))
    assert [(f.sourced_id, f.field, f.suggested, f.rule) for f in a.updates] == [
        ("g1", "sms", "617-555-9999", "only-value")
    ]
    assert a.choices == ()
    assert "cannot be used as written" in a.updates[0].reason


def test_an_account_holding_the_address_of_another_persons_display_name_gets_no_update() -> None:
    a = _one_check(
        _ruiz("617-555-2368", "Jose Ruiz <jose@gmail.com>"), _ana_account(email="jose@gmail.com")
    )
    assert (a.updates, a.choices) == ((), ())
    assert "no update is listed for email" in a.message
    assert "after another person's name" in a.message


@pytest.mark.parametrize(
    ("shared", "words"),
    [("allowed", "newer versions allow"), ("unique-required", "no one's own credential")],
)
def test_an_update_giving_her_a_value_another_persons_record_holds_says_so(
    shared: str, words: str
) -> None:
    """Her SIS record has no SMS and her account uses his number: the update stays (the
    account is hers and keeps it), and says the two then share it, in the words of the
    policy's app version."""
    a = _one_check(
        _ruiz("", "ana.ruiz@gmail.com", _JOSE),
        _ana_account(),
        Policy(shared_credentials=shared),
    )
    (fix,) = a.updates
    assert (fix.sourced_id, fix.field, fix.current, fix.suggested) == (
        "g1",
        "sms",
        "",
        "617-555-2368",
    )
    assert fix.reason.startswith("change in the SIS: the SIS has no value")
    assert "(g2)" in fix.reason and words in fix.reason


def test_a_joined_login_choice_says_the_accounts_value_is_another_persons_too() -> None:
    a = _one_check(_ruiz("617-555-1111", "ana.ruiz@gmail.com", _JOSE), _ana_account())
    (choice,) = a.choices
    sis, account = choice.options
    assert (sis.value, account.value) == ("617-555-1111", "617-555-2368")
    assert "(g2)" in account.note and "(g2)" not in sis.note


def test_the_records_of_the_persons_likely_same_item_are_not_another_persons() -> None:
    """Her guardian record typed twice for one child: the copy holds the number her
    first record lacks. The copy is her record in the likely-same item, so the update
    giving the first record the number says nothing of sharing it."""
    copy = {
        "sourcedId": "g2",
        "role": "parent",
        "givenName": "Ana",
        "familyName": "Ruiz",
        "email": "aruiz77@yahoo.com",
        "sms": "617-555-2368",
        "agents": [{"sourcedId": "s1", "type": "user"}],
    }
    roster = _ruiz("", "ana.ruiz@gmail.com", copy)
    result = match(roster)
    assert [n.sourced_ids for n in result.near_misses] == [("g1", "g2")]
    a = _one_check(roster, _ana_account())
    assert a.sourced_ids == ("g1",)
    (fix,) = [f for f in a.updates if f.field == "sms"]
    assert (fix.sourced_id, fix.suggested) == ("g1", "617-555-2368")
    assert "share" not in fix.reason


def test_a_record_the_roster_keeps_apart_holding_the_value_is_named() -> None:
    """Her staff record (work address, the number) and her guardian record (no number)
    share only the name; the account, on her personal address with the number, is the
    guardian record's. The update names the staff record as holding the number too."""
    staff = {
        "sourcedId": "t1",
        "role": "teacher",
        "givenName": "Ana",
        "familyName": "Ruiz",
        "email": "aruiz@springfield.k12.us",
        "sms": "617-555-2368",
    }
    a = _one_check(_ruiz("", "ana.ruiz@gmail.com", staff), _ana_account())
    (fix,) = a.updates
    assert (fix.sourced_id, fix.suggested) == ("g1", "617-555-2368")
    assert "(t1)" in fix.reason and "keeps apart" in fix.reason


def test_credential_holders_finds_each_accounts_value_as_written_or_as_meant() -> None:
    from oneroster_identity.existing._index import as_user, credential_holders
    from oneroster_identity.match import FactsBuilder

    build = FactsBuilder(Policy())
    roster = _ruiz("617-555-2368", "ana.ruiz@gmail.com.", _JOSE)  # her address, a dot after
    facts = {u.sourced_id: build(u) for u in roster.users}
    accounts = [build(as_user(a, Policy())) for a in (_ana_account(),)]
    held = credential_holders(facts, accounts)
    assert held == {
        ("email", "ana.ruiz@gmail.com"): ("g1",),
        ("phone", "+16175552368"): ("g1", "g2"),
    }
    assert credential_holders(facts, []) == {}


def test_an_account_another_middle_initial_holds_is_no_match_that_names_its_holder(
    tmp_path: Path,
) -> None:
    """An app account `Robert A. Ng` on the email and phone of the SIS's `Robert E. Ng`
    (two middle initials: since session 33, two people, where they compared as a typo):
    no update renames one into the other; the account stays archived, and the message
    names the person using its contacts without calling it unlike every roster person."""
    users = [dict(u) for u in ROSTER["users"]]
    users[0]["givenName"] = "Robert E."
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "A9,Robert A.,Ng,rng@gmail.com,(603) 555-2368,parent,joined,,\n")
    roster = read_rest_users({"users": users})
    result = match(roster)
    (a,) = check_existing(roster, result, read_existing_accounts(path)).accounts
    assert a.outcome is AccountOutcome.NO_MATCH and a.updates == ()
    holder = result.person_of["g1"].id
    assert a.shares_contact_with == (holder,)
    assert a.message == (
        "no roster person is likely this account's person; it stays archived (its email "
        f"or phone is used by {holder}, whom the check does not take for this account's "
        "person)"
    )


def test_an_old_systems_fill_in_birth_date_rules_no_student_out(tmp_path: Path) -> None:
    """An app export that dated every student of unknown birth the day of its import put
    that day on each of them: it no more rules out the roster's Lia Ng (born 2016-02-03)
    than a stand-in does, while one account's own other date still does."""
    roster = _lia_ng()
    header = "account_id,first_name,last_name,email,phone,role,joined,grade,school,DOB\n"
    crowd = "".join(f"C{i},Kid{i},Other,,,student,,4,,2019-08-26\n" for i in range(40))
    path = tmp_path / "accounts.csv"
    for lia, kind in (("2019-08-26", "missing"), ("2015-07-30", None)):
        path.write_text(header + f"S1,Lia,Ng,,,student,,4,,{lia}\n" + crowd)
        check = check_existing(roster, match(roster), read_existing_accounts(path))
        found = [c for c in check.student_candidates if c.account_id == "S1"]
        assert [{e.field: e.kind for e in c.evidence}["birthDate"] for c in found] == (
            [kind] if kind else []
        )
    # a few accounts of one day (twins, chance) keep their date: it still rules out
    few = "".join(f"C{i},Kid{i},Other,,,student,,4,,2019-08-26\n" for i in range(4))
    path.write_text(header + "S1,Lia,Ng,,,student,,4,,2019-08-26\n" + few)
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    assert [c for c in check.student_candidates if c.account_id == "S1"] == []


def test_an_old_accounts_birth_date_after_the_export_rules_no_student_out(
    tmp_path: Path,
) -> None:
    """An old student account dated after the roster's export (``2061-02-03``, a year's
    digits swapped, or the next school year's first day) was another child than the
    roster's Lia Ng (born 2016-02-03), or a slip; no one is born then, so it says nothing
    either way (since session 45). Without an export day to check against, it is read as
    before."""
    roster = _lia_ng()
    header = "account_id,first_name,last_name,email,phone,role,joined,grade,school,DOB\n"
    path = tmp_path / "accounts.csv"
    for late, undated in (("2061-02-03", "slip"), ("2027-08-30", None)):
        path.write_text(header + f"S1,Lia,Ng,,,student,,5,,{late}\n")
        for policy, kind in ((Policy(export_date="2026-09-01"), "missing"), (Policy(), undated)):
            result = match(roster, policy)
            check = check_existing(roster, result, read_existing_accounts(path))
            found = [c for c in check.student_candidates if c.account_id == "S1"]
            assert [{e.field: e.kind for e in c.evidence}["birthDate"] for c in found] == (
                [kind] if kind else []
            )


@pytest.mark.parametrize(
    ("given", "account", "rule", "open_question"),
    [
        ("Hallklorwem", "Hallklorweme", "sis-is-source", True),  # a letter more: no rule
        ("Rosa", "Rosalinda", "sis-is-source", True),  # a short form: the person's choice
        ("José", "Jose", "diacritics", False),  # the accent kept: a rule decides
    ],
)
def test_an_account_name_no_rule_decides_says_the_sis_may_be_the_slip(
    tmp_path: Path, given: str, account: str, rule: str, open_question: bool
) -> None:
    """The account takes the SIS value (the sync writes it in any case), but where no
    rule tells which writing is the person's, the advice says so and names the other way
    to make them match (since session 53): a typo may be the SIS record's."""
    roster = read_rest_users(_maira_roster(given=given))
    path = tmp_path / "accounts.csv"
    path.write_text(
        HEADER + f"A1,{account},Ng,ngfamily@gmail.com,603-284-2368,parent,yes,,\n",
        encoding="utf-8",
    )
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    (account_check,) = [a for a in check.accounts if a.account_id == "A1"]
    (update,) = account_check.updates
    assert (update.sourced_id, update.suggested, update.rule) == ("account:A1", given, rule)
    assert ("no rule tells which writing is the person's" in update.reason) is open_question
    assert update.reason.startswith("update the app account before the first sync")


@pytest.mark.parametrize("mark", ["", "\ufeff"])
def test_the_header_again_in_the_accounts_export_is_no_account(tmp_path: Path, mark: str) -> None:
    """Since session 54: two exports of the app joined one after the other leave the
    header again mid-file, which was a rejected row said to have no known role. It is
    skipped with ``repeated-header``, no account and no rejected row; since session 55
    also with the second file's byte order mark before it (two exports that each begin
    with one, joined)."""
    path = tmp_path / "accounts.csv"
    header = "Account ID,First Name,Last Name,Email,Mobile,Role,Status\n"
    path.write_text(
        header
        + "A1,Ana,Diaz,ana@gmail.com,617-555-2368,parent,joined\n"
        + mark
        + header
        + "A2,Bo,Ng,bo@gmail.com,617-555-2369,parent,joined\n",
        encoding="utf-8",
    )
    accounts = read_existing_accounts(path)
    assert [a.account_id for a in accounts.accounts] == ["A1", "A2"]
    assert accounts.rejected_rows == 0
    (said,) = [d for d in accounts.diagnostics if d.code == "repeated-header"]
    assert said.location.line == 3


@pytest.mark.parametrize(
    ("sms", "email", "account_email", "account_phone", "field", "said"),
    [
        # a SIS note saying the account's value is out of use
        ("617-555-2368", "ana.ruiz@gmail.com (bounced)", "ana.ruiz@gmail.com", "617-555-2368",
         "email", "notes is out of use"),
        ("617-555-2368 do not text", "ana.ruiz@gmail.com", "ana.ruiz@gmail.com", "617-555-2368",
         "sms", "notes takes no texts (a note beside it says so)"),
        # the account's own value reaches no one as typed
        ("617-555-2368", "", "ana.ruiz@gmial.com", "617-555-2368",
         "email", "typo in its domain ('gmail.com' meant)"),
        ("", "ana.ruiz@gmail.com", "ana.ruiz@gmail.com", "1-800-555-1234",
         "sms", "the account's number takes no texts (it is a toll-free"),
        ("", "ana.ruiz@gmail.com", "ana.ruiz@gmail.com", "617-555-2368 x12",
         "sms", "the account's number takes no texts (written with an extension: a desk "
         "phone behind a switchboard)"),
    ],
)  # fmt: skip
def test_no_update_copies_a_value_that_reaches_no_one_into_the_sis(
    sms: str, email: str, account_email: str, account_phone: str, field: str, said: str
) -> None:
    """Before session 61 the SIS record took the account's value as the only usable one:
    the typo of the account's address, a toll-free or desk number, or the value the SIS
    itself notes is out of use (its note then dropped). No update is listed for the
    field; the message says why and what to ask: since session 63 what the value itself
    shows (an extension, a toll-free line, a note), where every reason a number may take
    no texts was listed."""
    a = _one_check(_ruiz(sms, email), _ana_account(account_email, account_phone))
    assert [u for u in a.updates if u.field == field] == []
    assert f"no update is listed for {field}" in a.message and said in a.message
    assert "617-555" not in a.message and "gmial" not in a.message


def test_an_office_mailbox_on_the_account_is_not_typed_into_the_sis() -> None:
    policy = Policy(district_domains=("district.org",))
    roster = _ruiz("617-555-2368", "")
    account = _ana_account("frontoffice@district.org", "617-555-2368")
    a = _one_check(roster, account, policy)
    assert [u for u in a.updates if u.field == "email"] == []
    assert "an office's or a role's mailbox" in a.message


def _one_parent_and_account(
    sis: tuple[str, str, str, str], account: tuple[str, str, str, str], joined: bool = False
) -> tuple[Roster, AccountCheck]:
    """ROSTER with its first parent's (given, family, email, sms) as ``sis``, checked
    against one guardian account of (first, last, email, phone) ``account``."""
    data = {"users": [dict(u) for u in ROSTER["users"]]}
    data["users"][0].update(zip(("givenName", "familyName", "email", "sms"), sis, strict=True))
    roster = read_rest_users(data)
    existing = _guardian_account(*account, joined=joined)
    check = check_existing(roster, match(roster), ExistingAccounts(accounts=(existing,)))
    (a,) = check.accounts
    return roster, a


def test_a_name_the_check_prefers_is_typed_without_the_mark_its_finding_drops() -> None:
    """`Robert 2` on the account, `R.` in the SIS: before session 62 the SIS record was
    to take `Robert 2` (`full-name`), number and all; both now take `Robert`."""
    _, a = _one_parent_and_account(
        ("R.", "Ng", "rng@gmail.com", "(603) 555-2368"),
        ("Robert 2", "Ng", "rng@gmail.com", "(603) 555-2368"),
    )
    assert sorted((f.sourced_id, f.field, f.suggested) for f in a.updates) == [
        ("account:A1", "givenName", "Robert"),
        ("g1", "givenName", "Robert"),
    ]


@pytest.mark.parametrize(
    ("account_family", "neither"), [("Ng Family", True), ("Unknown", True), ("Ng", False)]
)
def test_a_stand_in_in_the_sis_is_never_typed_into_the_account(
    account_family: str, neither: bool
) -> None:
    """SIS `N/A`: before session 62 an account named `Ng Family` gave the SIS its
    household's name (the clean value), and an account on `Unknown` was to take `N/A`.
    Neither is a family name: no update, and the message asks for the person's name. An
    account with a name gives it to the SIS, as before."""
    _, a = _one_parent_and_account(
        ("Robert", "N/A", "rng@gmail.com", "(603) 555-2368"),
        ("Robert", account_family, "rng@gmail.com", "(603) 555-2368"),
    )
    told = [(f.sourced_id, f.suggested) for f in a.updates if f.field == "familyName"]
    if neither:
        assert told == []
        assert "the SIS record g1 holds a stand-in, not a family name" in a.message
        assert "the account's value is none either" in a.message
    else:
        assert told == [("g1", "Ng")]


def test_an_accounts_number_written_with_letters_is_never_typed_into_the_sis() -> None:
    """`603-CALL-NOW` on the account beside the SIS's `603-555-2368 do not text`: before
    session 62 given to the SIS record as the only usable value."""
    _, a = _one_parent_and_account(
        ("Robert", "Ng", "rng@gmail.com", "603-555-2368 do not text"),
        ("Robert", "Ng", "rng@gmail.com", "603-CALL-NOW"),
    )
    assert [
        f for f in a.updates if f.field == "sms" and not f.sourced_id.startswith("account:")
    ] == []
    assert "written with letters" in a.message


_SIS_GIVEN = (
    "Robert",
    "Bob",
    "R.",
    "Robert 2",
    "Robert (Dad)",
    "Rob\u200bert",
    "Mr. Robert",
    "Robert-",
    "R?bert",
    "ROBERT",
    "R\u00f3bert",
    "Robert  Lee",  # a space doubled (a program joining two fields; since session 67)
)
_SIS_FAMILY = ("Ng", "Ng,", "N/A", "Ng Family", "Ng-", "C/O Lee", "Ng 2", "NG", "", "Ng  Lee")
_SIS_EMAIL = (
    "rng@gmail.com",
    "rng@gmial.com",
    "rng@gmail.com (bounced)",
    "frontoffice@springfield.k12.us",
    "",
    "Robert <rng@gmail.com>",
    "rng@gmail.com.com",
    "none@none.com",
    "r.ng@gmail.com",
)
_SIS_SMS = (
    "(603) 555-2368", "603.555.2368 x12", "6035552368.0", "1-800-555-1234",
    "603-555-2368 do not text", "", "603-CALL-NOW", "000-000-0000", "603-555-2369",
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    sis=st.tuples(*map(st.sampled_from, (_SIS_GIVEN, _SIS_FAMILY, _SIS_EMAIL, _SIS_SMS))),
    account=st.tuples(*map(st.sampled_from, (_SIS_GIVEN, _SIS_FAMILY, _SIS_EMAIL, _SIS_SMS))),
    joined=st.booleans(),
)
def test_an_update_typed_into_the_sis_draws_no_finding(
    sis: tuple[str, str, str, str], account: tuple[str, str, str, str], joined: bool
) -> None:
    """Since session 62: whatever the SIS record and the account hold, a value the check
    tells the SIS to take, once typed, carries no warning or error of its own on that
    record and field. Before, this found `Robert 2` typed over `R.`, `Ng Family` over
    `N/A`, and `603-CALL-NOW` given as the only usable number."""
    roster, a = _one_parent_and_account(sis, account, joined)
    attr = {"givenName": "given_name", "familyName": "family_name", "email": "email", "sms": "sms"}
    users = {u.sourced_id: u for u in roster.users}
    typed = set()
    for fix in a.updates:
        if fix.sourced_id.startswith("account:") or not fix.suggested.strip():
            continue
        users[fix.sourced_id] = attrs.evolve(
            users[fix.sourced_id], **{attr[fix.field]: fix.suggested}
        )
        typed.add((fix.sourced_id, fix.field))
    after = match(attrs.evolve(roster, users=tuple(users.values())))
    drawn = [
        (f.code, f.sourced_id, f.field)
        for f in after.findings
        if (f.sourced_id, f.field) in typed and f.severity.value != "info" and not f.related
    ]
    assert drawn == [], [(f.sourced_id, f.field, f.suggested, f.rule) for f in a.updates]


@pytest.mark.parametrize(
    ("sis", "account", "updates"),
    [
        # the SIS's full name, a space doubled: the account takes it spaced, the SIS
        # record (the same name to the app) is not retyped
        ("Robert  James", "R.", [("account:A1", "Robert James", "full-name")]),
        ("R.", "Robert  James", [("g1", "Robert James", "full-name")]),
        # no rule decides: the account takes the SIS's name as the app reads it
        ("Robert  James", "Bob", [("account:A1", "Robert James", "sis-is-source")]),
    ],
)
def test_a_name_spaced_otherwise_is_typed_with_single_spaces(
    sis: str, account: str, updates: list[tuple[str, str, str]]
) -> None:
    """Before session 67 the account took `Robert  James` as the SIS holds it (or, the
    rule's name read spaced, both sides were retyped where one needed nothing)."""
    _, a = _one_parent_and_account(
        (sis, "Ng", "rng@gmail.com", "(603) 555-2368"),
        (account, "Ng", "rng@gmail.com", "(603) 555-2368"),
    )
    assert [(f.sourced_id, f.suggested, f.rule) for f in a.updates] == updates
