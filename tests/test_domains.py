"""District email domains inferred from the staff records (match._domains)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneroster_identity import Policy, read_rest_users, read_roster
from oneroster_identity.match import NearMissKind, infer_district_domains, match
from oneroster_identity.models import Roster
from oneroster_identity.normalize import office_mailbox
from oneroster_identity.policy import DEFAULT_POLICY
from oneroster_identity.report import write_json


def _roster(staff: list[str], guardians: list[str], **extra: Any) -> Roster:
    users: list[dict[str, Any]] = [
        {"sourcedId": f"t{i}", "role": "teacher", "email": e, **extra} for i, e in enumerate(staff)
    ]
    users += [{"sourcedId": f"g{i}", "role": "parent", "email": e} for i, e in enumerate(guardians)]
    return read_rest_users({"users": users})


def _names(roster: Roster, policy: Policy = DEFAULT_POLICY) -> tuple[str, ...]:
    return infer_district_domains(roster.users, policy).names


def test_the_domain_most_staff_use() -> None:
    staff = [f"s{i}@hs.springfield.k12.nh.us" for i in range(8)] + ["x@gmail.com", "y@aol.com"]
    guardians = [f"p{i}@gmail.com" for i in range(20)] + ["p@hs.springfield.k12.nh.us"]
    inference = infer_district_domains(_roster(staff, guardians).users, DEFAULT_POLICY)
    assert inference.names == ("hs.springfield.k12.nh.us",)
    (found,) = inference.domains
    assert (found.staff, found.guardians) == (8, 1)
    assert (inference.staff_with_email, inference.guardians_with_email) == (10, 21)


def test_text_after_a_domain_is_no_domain_to_infer() -> None:
    """``ann@x.org (mom)`` on every staff record: the domain inferred was ``x.org (mom)``,
    which no address has (and, since district domains are checked, a policy that cannot
    be built: the check stopped with an internal error). Found by the REST property test."""
    staff = ["ann@x.org (mom)", "bo@x.org (mom)", "cy@x.org (mom)"]
    assert _names(_roster(staff, ["p@gmail.com"])) == ()
    result = match(_roster(staff, ["p@gmail.com"]))
    assert result.policy.district_domains == ()


def test_a_domain_and_its_subdomain_give_the_domain() -> None:
    staff = ["a@district.org"] * 5 + ["b@schools.district.org"] * 3 + ["c@yahoo.com"] * 2
    assert _names(_roster(staff, ["p@gmail.com"])) == ("district.org",)


def test_two_unrelated_domains_each_used_by_a_fifth_of_staff() -> None:
    staff = ["a@district.org"] * 5 + ["b@county-schools.net"] * 3 + ["c@yahoo.com"] * 2
    assert _names(_roster(staff, ["p@gmail.com"])) == ("county-schools.net", "district.org")


def test_school_subdomains_too_small_alone_give_their_parent() -> None:
    """Two teachers at lincoln., one at washington.: the parent holds all three."""
    staff = [
        "a@lincoln.rivervalley.k12.or.us",
        "b@lincoln.rivervalley.k12.or.us",
        "c@washington.rivervalley.k12.or.us",
        "d@gmail.com",
    ]
    inference = infer_district_domains(_roster(staff, []).users, DEFAULT_POLICY)
    assert [(d.domain, d.staff) for d in inference.domains] == [("rivervalley.k12.or.us", 3)]


def test_a_subdomain_per_school_infers_their_parent() -> None:
    """Ten schools, each with its own subdomain (10% of staff each): the parent holds them
    all; a subdomain that passes alone is kept and its parents add nothing."""
    staff = [f"t{i}@school{i % 10}.district.org" for i in range(40)] + ["x@gmail.com"] * 4
    assert _names(_roster(staff, ["p@gmail.com"])) == ("district.org",)
    inference = infer_district_domains(_roster(staff, []).users, DEFAULT_POLICY)
    assert [(d.domain, d.staff) for d in inference.domains] == [("district.org", 40)]
    one = ["a@springfield.k12.nh.us"] * 5
    assert _names(_roster(one, [])) == ("springfield.k12.nh.us",)


def test_consumer_domains_and_their_typos_are_never_inferred() -> None:
    """Every staff member on gmail (a small district without its own mail) is not a
    district domain, and neither is a typo of a consumer provider."""
    assert _names(_roster(["a@gmail.com", "b@gmail.com"], [])) == ()
    assert _names(_roster(["a@gmial.com", "b@gmial.com"], [])) == ()


def test_a_provider_guardians_use_as_much_as_staff_is_not_inferred() -> None:
    """A regional internet provider missing from the bundled list: staff and guardians use
    it alike, so it says nothing about work addresses."""
    staff = ["a@midcoast.net", "b@midcoast.net", "c@district.org", "d@district.org"]
    guardians = ["p@midcoast.net", "q@midcoast.net", "r@gmail.com", "s@yahoo.com"]
    assert _names(_roster(staff, guardians)) == ("district.org",)


def test_a_domain_few_staff_use_is_not_inferred() -> None:
    staff = ["a@district.org"] * 9 + ["b@personal-site.me"]
    assert _names(_roster(staff, [])) == ("district.org",)


def test_one_staff_records_domain_is_no_pattern_unless_it_is_every_staff_record() -> None:
    assert _names(_roster(["a@school.org", "b@gmail.com", "c@yahoo.com"], [])) == ()
    assert _names(_roster(["a@school.org"], [])) == ("school.org",)


def test_public_samples(fixtures_dir: Path) -> None:
    """The moodle samples: every staff record of the full 1.1 set uses myschool.com; the
    1.2 set gives it to its one guardian too (a toy roster: a district domain guardians use
    as often as staff is not inferred) and one of three staff uses testemail.com."""
    full = read_roster(fixtures_dir / "moodle-enrol-oneroster/Test_full_data_set")
    assert _names(full) == ("myschool.com",)
    v12 = read_roster(fixtures_dir / "moodle-enrol-oneroster/v1p2_full_dataset")
    assert _names(v12) == ()


def test_placeholder_domains_and_bad_addresses_are_skipped() -> None:
    staff = ["a@example.com", "b@example.com", "not-an-email", "@nolocal.org", "c@nodot"]
    assert _names(_roster(staff, [])) == ()


def test_inactive_records_and_non_staff_do_not_count() -> None:
    roster = _roster(["a@old.district.org", "b@old.district.org"], [], status="tobedeleted")
    assert _names(roster) == ()
    student_only = read_rest_users(
        {"users": [{"sourcedId": "s1", "role": "student", "email": "kid@students.district.org"}]}
    )
    assert _names(student_only) == ()


def test_order_does_not_matter() -> None:
    staff = ["a@district.org"] * 4 + ["b@alt.district.org"] * 3 + ["c@gmail.com"] * 3
    guardians = ["p@gmail.com"] * 6 + ["q@alt.district.org"]
    roster = _roster(staff, guardians)
    shuffled = list(roster.users)
    random.Random(7).shuffle(shuffled)
    assert infer_district_domains(shuffled, DEFAULT_POLICY) == infer_district_domains(
        roster.users, DEFAULT_POLICY
    )


def _teacher_parent() -> Roster:
    return read_rest_users(
        {
            "users": [
                {
                    "sourcedId": "t1",
                    "role": "teacher",
                    "givenName": "Jennifer",
                    "familyName": "Smith",
                    "email": "jsmith@district.k12.or.us",
                    "sms": "503-284-7142",
                },
                {
                    "sourcedId": "g1",
                    "role": "parent",
                    "givenName": "Jenny",
                    "familyName": "Smith",
                    "email": "jen.smith@gmail.com",
                    "sms": "(503) 284-7142",
                },
            ]
        }
    )


def test_match_reports_what_it_inferred_and_its_policy_reproduces_the_result() -> None:
    roster = _teacher_parent()
    result = match(roster)
    assert result.policy.district_domains == ("district.k12.or.us",)
    (finding,) = [f for f in result.findings if f.code == "district-domains-inferred"]
    assert finding.value == "district.k12.or.us"
    assert finding.severity.value == "info"
    assert "1 of 1 staff emails" in finding.message
    again = match(roster, result.policy)
    assert [f.code for f in again.findings if f.code == "district-domains-inferred"] == []
    assert again.near_misses == result.near_misses
    assert again.persons == result.persons


@pytest.mark.parametrize(
    "policy",
    [
        Policy(infer_district_domains=False),
        Policy(district_domains=("other.k12.or.us",)),
    ],
    ids=["inference-off", "configured"],
)
def test_no_inference_when_turned_off_or_configured(policy: Policy) -> None:
    result = match(_teacher_parent(), policy)
    assert result.policy.district_domains == policy.district_domains
    assert all(f.code != "district-domains-inferred" for f in result.findings)
    # Without knowing the work domain, the pair reads as two people sharing one phone.
    assert [n.kind.value for n in result.near_misses] == ["shared-contact"]


def test_the_inferred_domains_appear_in_the_report_policy() -> None:
    import io

    out = io.StringIO()
    write_json(match(_teacher_parent()), out)
    assert '"district_domains": ["district.k12.or.us"]' in out.getvalue()
    assert '"infer_district_domains": true' in out.getvalue()


_POOL = [
    "gmail.com",
    "yahoo.com",
    "district.org",
    "hs.district.org",
    "ms.district.org",
    "midcoast.net",
    "k12.nh.us",
    "springfield.k12.nh.us",
]


@settings(max_examples=60, deadline=None)
@given(
    staff=st.lists(st.sampled_from(_POOL), min_size=1, max_size=30),
    guardians=st.lists(st.sampled_from(_POOL), max_size=30),
    seed=st.integers(0, 1000),
)
def test_inference_invariants(staff: list[str], guardians: list[str], seed: int) -> None:
    """Never a consumer domain; each inferred domain holds at least a fifth of the staff
    emails and at least two of them (or all); the same answer in any record order."""
    roster = _roster(
        [f"s{i}@{d}" for i, d in enumerate(staff)],
        [f"g{i}@{d}" for i, d in enumerate(guardians)],
    )
    inference = infer_district_domains(roster.users, DEFAULT_POLICY)
    for found in inference.domains:
        assert found.domain not in ("gmail.com", "yahoo.com")
        assert found.staff >= min(2, len(staff))
        assert found.staff / len(staff) >= 0.2
    shuffled = list(roster.users)
    random.Random(seed).shuffle(shuffled)
    assert infer_district_domains(shuffled, DEFAULT_POLICY) == inference


def test_the_text_report_says_which_domains_were_used_and_how() -> None:
    import io

    from oneroster_identity.report import write_text

    inferred, configured = io.StringIO(), io.StringIO()
    write_text(match(_teacher_parent()), inferred)
    write_text(
        match(_teacher_parent(), Policy(district_domains=("district.k12.or.us",))), configured
    )
    assert "district domains    district.k12.or.us (inferred from staff emails" in (
        inferred.getvalue()
    )
    assert "district domains    district.k12.or.us (set)" in configured.getvalue()


# An office's or a role's mailbox on a guardian record (session 58)


@pytest.mark.parametrize(
    ("local", "office"),
    [
        ("frontoffice", True),
        ("front.office", True),
        ("Front-Office", True),
        ("attendance", True),
        ("elm.attendance", True),
        ("office_elm", True),
        ("info", True),
        ("nurse", True),
        ("registrar", True),
        ("pta", True),
        ("oficina", True),  # Spanish office names, whole names only
        ("secretaria", True),
        ("jane.nurse", False),  # a surname that is an office word
        ("ana.diaz", False),
        ("officer.smith", False),
        ("tinfo", False),
    ],
)
def test_office_mailbox(local: str, office: bool) -> None:
    assert office_mailbox(local) is office


def _guardians(*emails: str) -> list[dict[str, object]]:
    users: list[dict[str, object]] = [
        {"sourcedId": "s1", "role": "student", "givenName": "Bo", "familyName": "Diaz"},
        {"sourcedId": "s2", "role": "student", "givenName": "Cy", "familyName": "Diaz"},
    ]
    for i, email in enumerate(emails, start=1):
        users.append(
            {
                "sourcedId": f"g{i}",
                "role": "parent",
                "givenName": "Ana",
                "familyName": "Diaz",
                "email": email,
                "sms": "617-428-1901",
                "agents": [{"sourcedId": f"s{i}"}],
            }
        )
    return users


_DISTRICT = Policy(district_domains=("district.org",))


def test_a_guardian_given_the_office_mailbox_is_warned() -> None:
    """Before session 58 nothing was said: the office's address passed as the family's."""
    result = match(read_rest_users({"users": _guardians("frontoffice@district.org")}), _DISTRICT)
    (finding,) = [f for f in result.findings if f.code == "guardian-email-office-mailbox"]
    assert (finding.sourced_id, finding.field, finding.suggested) == ("g1", "email", None)


def test_a_staff_record_and_a_personal_district_address_are_not_offices() -> None:
    users = _guardians("jane.nurse@district.org")
    users.append(
        {
            "sourcedId": "t1",
            "role": "teacher",
            "givenName": "Al",
            "familyName": "Ruiz",
            "email": "office@district.org",
        }
    )
    result = match(read_rest_users({"users": users}), _DISTRICT)
    assert not [f for f in result.findings if f.code == "guardian-email-office-mailbox"]


def test_an_office_mailbox_at_another_domain_is_a_familys() -> None:
    # (a family's business may well use info@)
    result = match(read_rest_users({"users": _guardians("info@ruizplumbing.com")}), _DISTRICT)
    assert not [f for f in result.findings if f.code == "guardian-email-office-mailbox"]


def test_beside_the_persons_own_address_the_office_mailbox_is_no_option() -> None:
    """Before session 58 the item was a choice between the office's address and hers."""
    users = _guardians("frontoffice@district.org", "ana@gmail.com")
    result = match(read_rest_users({"users": users}), _DISTRICT)
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert not near.choices
    assert [(x.sourced_id, x.suggested, x.rule) for x in near.fixes if x.field == "email"] == [
        ("g1", "ana@gmail.com", "office-address")
    ]


@pytest.mark.parametrize("other", ["", "ana@gmial", "not an address"])
def test_the_office_mailbox_alone_is_given_to_no_record(other: str) -> None:
    """Before session 61 the office's address, the person's only usable value, was given
    to the other record (`only-value`) while its own finding asked for the guardian's
    own address."""
    users = _guardians("frontoffice@district.org", other)
    result = match(read_rest_users({"users": users}), _DISTRICT)
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert [x for x in near.fixes if x.field == "email"] == []
    assert [c for c in near.choices if c.field == "email"] == []
    assert all(
        f.suggested is None or "frontoffice" not in f.suggested
        for f in result.findings
        if f.field == "email"
    )


def _staff(sid: str, given: str, family: str, email: str) -> dict[str, object]:
    return {"sourcedId": sid, "role": "teacher", "givenName": given, "familyName": family,
            "email": email}  # fmt: skip


@pytest.mark.parametrize(
    ("holders", "needs"),
    [
        # two staff members on the front office's (or the substitutes') mailbox
        (("teacher", "teacher"), "each staff member needs a district address of their own"),
        # a staff record and a guardian record on it: no one's work account
        (("teacher", "parent"), "and each guardian their own email or SMS phone"),
    ],
)
@pytest.mark.parametrize("mailbox", ["frontoffice", "front.office", "substitute"])
def test_staff_on_an_office_mailbox_are_told_it_is_no_ones_own(
    holders: tuple[str, str], needs: str, mailbox: str
) -> None:
    """Before session 67 two staff members on `frontoffice@` were "2 different people
    share one email ... check it is not a typing or copy-paste error", and a staff record
    beside a guardian record on it was called "that staff member's work account"."""
    users = [_staff(f"t{n}", given, "Diaz", f"{mailbox}@district.org")
             for n, given in enumerate(("Ana", "Bo"), start=1)]  # fmt: skip
    if holders[1] == "parent":
        users[1] = {**users[1], "role": "parent", "agents": [{"sourcedId": "s1"}]}
        users.append({"sourcedId": "s1", "role": "student", "givenName": "Cy",
                      "familyName": "Diaz", "agents": [{"sourcedId": "t2"}]})  # fmt: skip
    result = match(read_rest_users({"users": users}), _DISTRICT)
    (item,) = [n for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT]
    assert "office-address" in item.tags and "staff-work-address" not in item.tags
    assert "office or role mailbox" in item.summary and needs in item.summary
    assert "typing" not in item.summary and "work account" not in item.summary


def test_two_families_given_the_office_mailbox_are_told_so() -> None:
    """Before session 58 the shared item said "check it is not a typing or copy-paste
    error": there is no slip to look for."""
    users = _guardians("frontoffice@district.org", "frontoffice@district.org")
    users[3]["givenName"], users[3]["familyName"] = "Bo", "Li"
    result = match(read_rest_users({"users": users}), _DISTRICT)
    shared = [n for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT]
    (office,) = [n for n in shared if "office-address" in n.tags]
    assert "typing" not in office.summary and "office or role mailbox" in office.summary
    # (the SMS number they share too is a question of its own)
    assert len(shared) == 2
