"""Two staff records of one name, or of one name written two ways, with no credential in
common (``staff-same-name``, ``staff-name-forms``)."""

from __future__ import annotations

import random

import attrs
import pytest
from hypothesis import given as given_examples
from hypothesis import settings
from hypothesis import strategies as st
from tests.conftest import user

from oneroster_identity import Roster, apply_decisions
from oneroster_identity.match import (
    STAFF_GUARDIAN_NAME_FORMS,
    STAFF_GUARDIAN_SAME_NAME,
    STAFF_NAME_FORMS,
    STAFF_SAME_NAME,
    Decision,
    Review,
    match,
)
from oneroster_identity.models import Org, Role, RoleAssignment, RoleFamily, User
from oneroster_identity.policy import Policy


def _at(u: User, *schools: str) -> User:
    """``u`` with one role at each of ``schools``."""
    role = u.roles[0]
    return attrs.evolve(u, roles=tuple(attrs.evolve(role, org_sourced_id=s) for s in schools))


def _entered_twice(*more: User, second_school: str = "s2") -> Roster:
    """A teacher at two schools entered once per school, each record on its own district
    alias, beside a colleague of another name."""
    return Roster(
        users=[
            _at(user("t1", "teacher", "Marisol", "Etxeberria", "metxeberria@rv.k12.or.us"), "s1"),
            _at(
                user("t7", "teacher", "Marisol", "Etxeberria", "marisol.e@rv.k12.or.us"),
                second_school,
            ),
            user("t2", "teacher", "Dale", "Ng", "dng@rv.k12.or.us"),
            *more,
        ]
    )


def _found(roster: Roster) -> list[tuple[str | None, tuple[str, ...], str]]:
    return [
        (f.sourced_id, f.related, f.message)
        for f in match(roster).findings
        if f.code == STAFF_SAME_NAME
    ]


def test_one_staff_member_entered_once_per_school_is_listed() -> None:
    """Nothing else names the pair: the judge keeps two records sharing only a name below
    a likely-same item (a fix giving two namesakes one email would make them one
    account). The warning names both records, suggests nothing and says the records are
    at two schools, the way one staff member is entered twice."""
    result = match(_entered_twice())
    assert not result.near_misses
    (found,) = [f for f in result.findings if f.code == STAFF_SAME_NAME]
    assert found.severity.value == "warning"
    assert (found.sourced_id, found.related, found.field) == ("t1", ("t1", "t7"), "email")
    assert found.suggested is None and found.value is None
    assert found.person_id == result.person_of["t1"].id
    assert "Marisol" not in found.message and "rv.k12" not in found.message
    assert found.message.endswith(
        "; t1 and t7 have roles at two schools and none in common, as a staff member "
        "working at two schools entered once per school has"
    )
    assert len(result.persons) == 3  # still two accounts: the warning changes no count


def test_the_schools_words_only_when_the_schools_differ() -> None:
    ((_, _, same_school),) = _found(_entered_twice(second_school="s1"))
    assert "two schools" not in same_school
    # an org above the schools (the district) on both records says nothing
    roster = attrs.evolve(
        _entered_twice(second_school="d1"),
        orgs=(Org(sourced_id="d1", name="RV", type="district"),),
    )
    ((_, _, above),) = _found(roster)
    assert "two schools" not in above


@pytest.mark.parametrize(
    "other",
    [
        user("s7", "student", "Marisol", "Etxeberria"),  # a child of the name
        user("g7", "guardian", "Marisol", "Etxeberria", "mete@yahoo.com", "617-555-0199"),
        user("t3", "aide", "Marisol", "Etxeberria", "me3@rv.k12.or.us"),
    ],
    ids=["child", "guardian", "third-staff"],
)
def test_a_name_a_third_person_holds_is_no_such_finding(other: User) -> None:
    assert _found(_entered_twice(other)) == []


def test_a_shared_credential_is_the_judges_not_this_warnings() -> None:
    # one email: one account already, a fragile merge at most
    roster = Roster(
        users=[
            user("t1", "teacher", "Marisol", "Etxeberria", "me@rv.k12.or.us"),
            user("t7", "aide", "Marisol", "Etxeberria", "me@rv.k12.or.us", "503-555-2368"),
        ]
    )
    result = match(roster)
    assert STAFF_SAME_NAME not in {f.code for f in result.findings}
    assert [n.sourced_ids for n in result.near_misses] == [("t1", "t7")]


def test_a_shared_home_phone_is_said_without_its_value() -> None:
    phone = "503-555-2368"
    roster = _entered_twice()
    roster = attrs.evolve(
        roster,
        users=tuple(
            attrs.evolve(u, phone=phone) if u.sourced_id in ("t1", "t7") else u
            for u in roster.users
        ),
    )
    ((_, _, message),) = _found(roster)
    assert "though they share one home phone" in message
    assert phone not in message and "2368" not in message


@pytest.mark.parametrize(
    "roles",
    [("teacher", "parent"), ("teacher", "student"), ("parent", "guardian")],
)
def test_only_two_staff_persons_are_this_warnings(roles: tuple[str, str]) -> None:
    roster = Roster(
        users=[
            user("t1", roles[0], "Marisol", "Etxeberria", "metxeberria@rv.k12.or.us"),
            user("t7", roles[1], "Marisol", "Etxeberria", "marisol.e@gmail.com"),
        ]
    )
    assert _found(roster) == []


def test_an_empty_name_part_or_a_role_word_is_no_such_finding() -> None:
    for given, family in (("Marisol", ""), ("Mrs.", "Etxeberria")):
        roster = Roster(
            users=[
                user("t1", "teacher", given, family, "a1@rv.k12.or.us"),
                user("t7", "teacher", given, family, "a2@rv.k12.or.us"),
            ]
        )
        assert _found(roster) == [], (given, family)


@pytest.mark.parametrize("review", [Review.TWO_PEOPLE, Review.INTENDED])
def test_a_reviewed_pair_is_set_aside(review: Review) -> None:
    decided = apply_decisions(
        match(_entered_twice()),
        [Decision(item=f"finding:{STAFF_SAME_NAME}", review=review, sourced_id="t1")],
    )
    assert STAFF_SAME_NAME not in {f.code for f in decided.findings}
    assert [s.item for s in decided.set_aside] == [f"finding:{STAFF_SAME_NAME}"]


def test_the_warning_is_the_same_in_any_row_order() -> None:
    roster = _entered_twice(
        user("t8", "teacher", "Keoni", "Kahale", "kk1@rv.k12.or.us"),
        user("t9", "teacher", "Keoni", "Kahale", "kk2@rv.k12.or.us"),
    )
    first = [f for f in match(roster).findings if f.code == STAFF_SAME_NAME]
    assert [f.related for f in first] == [("t1", "t7"), ("t8", "t9")]
    users = list(roster.users)
    for seed in range(5):
        random.Random(seed).shuffle(users)
        again = match(attrs.evolve(roster, users=tuple(users))).findings
        assert [f for f in again if f.code == STAFF_SAME_NAME] == first


def test_one_role_at_two_schools_on_one_record_is_one_account() -> None:
    """The record the district should have: one user, a role at each school."""
    both = _at(user("t1", "teacher", "Marisol", "Etxeberria", "me@rv.k12.or.us"), "s1", "s2")
    assert both.roles[1] == RoleAssignment(
        role=Role.TEACHER, role_raw="teacher", org_sourced_id="s2"
    )
    result = match(Roster(users=[both, user("t2", "teacher", "Dale", "Ng", "dng@rv.k12.or.us")]))
    assert len(result.persons) == 2 and _found(Roster(users=[both])) == []


@pytest.mark.parametrize(
    ("first", "second", "words"),
    [
        ("503-555-2368 x12", "503-555-2368 x14", "with another extension on each record"),
        ("503-555-2368 x12", "503-555-2368", "with an extension on one record"),
    ],
    ids=["two-extensions", "one-extension"],
)
def test_one_office_number_with_extensions_is_no_shared_credential(
    first: str, second: str, words: str
) -> None:
    """A desk phone behind the school's switchboard takes no texts: one number with an
    extension on either record is not the SMS credential of one account, and the two
    records of one name are still this warning's, with the office number as more reason
    to ask. So too between a staff and a guardian record the judge keeps apart (its
    staff email is no district address, so the two emails simply differ)."""
    roster = _entered_twice()
    phones = {"t1": first, "t7": second}
    roster = attrs.evolve(
        roster,
        users=tuple(
            attrs.evolve(u, sms=phones[u.sourced_id]) if u.sourced_id in phones else u
            for u in roster.users
        ),
    )
    ((_, related, message),) = _found(roster)
    assert related == ("t1", "t7")
    assert f"though they share one office number, {words}" in message
    assert "2368" not in message
    guardian = Roster(
        users=[
            user("t1", "teacher", "Marisol", "Etxeberria", "metx@comcast.net", first),
            user("g7", "parent", "Marisol", "Etxeberria", "marisol.e@gmail.com", second),
        ]
    )
    (found,) = [f for f in match(guardian).findings if f.code == STAFF_GUARDIAN_SAME_NAME]
    assert found.related == ("t1", "g7") and words in found.message


def _forms_twice(*more: User, second: tuple[str, str] = ("Liz", "Kowalczyk")) -> Roster:
    """One teacher entered once per school, ``Elizabeth`` in HR and ``second`` where the
    other school typed her, each record on its own district alias."""
    return Roster(
        users=[
            _at(user("t1", "teacher", "Elizabeth", "Kowalczyk", "ekowalczyk@rv.k12.or.us"), "s1"),
            _at(user("t7", "aide", *second, "liz.k@rv.k12.or.us"), "s2"),
            user("t2", "teacher", "Dale", "Ng", "dng@rv.k12.or.us"),
            *more,
        ]
    )


def _forms_found(roster: Roster, **policy: object) -> list[tuple[str | None, tuple[str, ...], str]]:
    return [
        (f.sourced_id, f.related, f.message)
        for f in match(roster, Policy(**policy)).findings  # type: ignore[arg-type]
        if f.code == STAFF_NAME_FORMS
    ]


def test_a_staff_pair_beside_a_name_of_its_far_commoner_family_name_alone() -> None:
    """Since session 36: HR's ``Elizabeth Kowalczyk-Nowak`` and the school's ``Elizabeth
    Kowalczyk`` beside a guardian ``Elizabeth Nowak``, when ``Nowak`` is a family name
    more than ten times as common as ``Kowalczyk``: the guardian is set aside as likelier
    another person of that name, and the warning says so. Before, nothing was said."""
    nowaks = [user(f"n{n}", "student", f"Kid{n}", "Nowak") for n in range(12)]
    other = user("g7", "guardian", "Elizabeth", "Nowak", "en@yahoo.com", "617-555-0188")
    roster = _forms_twice(other, *nowaks, second=("Elizabeth", "Kowalczyk-Nowak"))
    ((sid, related, message),) = _forms_found(roster)
    assert (sid, related) == ("t1", ("t1", "t7"))
    assert "but with one of its names alone, a far commoner name (1 person, likelier" in message
    assert _forms_found(_forms_twice(other, second=("Elizabeth", "Kowalczyk-Nowak"))) == []


@pytest.mark.parametrize(
    ("second", "part", "words"),
    [
        (("Liz", "Kowalczyk"), "givenName", "a name and its nickname"),
        (("Elizabeth", "Kowalczyk-Nowak"), "familyName", "one name with and without a second"),
        (("Elisabeth", "Kowalczyk"), "givenName", "one name spelled two ways"),
    ],
    ids=["nickname", "second-family-name", "spelling"],
)
def test_one_staff_member_entered_twice_under_two_forms_of_her_name(
    second: tuple[str, str], part: str, words: str
) -> None:
    """``Elizabeth`` in HR, ``Liz`` at the second school: the equal-name warning cannot see
    it and the judge keeps the pair below a likely-same item. One warning names both
    records, suggests nothing and says which part differs, without any value."""
    result = match(_forms_twice(second=second))
    assert not result.near_misses
    (found,) = [f for f in result.findings if f.code == STAFF_NAME_FORMS]
    assert found.severity.value == "warning"
    assert (found.sourced_id, found.related, found.field) == ("t1", ("t1", "t7"), part)
    assert found.suggested is None and found.value is None
    assert found.person_id == result.person_of["t1"].id
    assert f"staff records t1 and t7 hold {words}" in found.message
    assert "one staff member entered twice" in found.message
    for value in ("Elizabeth", "Liz", "Kowalczyk", "rv.k12"):
        assert value not in found.message
    assert found.message.endswith(
        "as a staff member working at two schools entered once per school has"
    )
    assert STAFF_SAME_NAME not in {f.code for f in result.findings}
    assert len(result.persons) == 3  # advice only


@pytest.mark.parametrize(
    "other",
    [
        user("g5", "parent", "Elizabeth", "Kowalczyk", "ek@gmail.com"),
        user("t5", "teacher", "Lizzie", "Kowalczyk", "lk5@rv.k12.or.us"),
        user("s5", "student", "Liz", "Kowalczyk"),
    ],
    ids=["guardian-of-the-hr-name", "staff-of-another-form", "child-of-the-form"],
)
def test_a_form_a_third_person_holds_is_no_such_finding(other: User) -> None:
    assert _forms_found(_forms_twice(other)) == []


def test_names_one_letter_apart_are_no_forms_of_one_name() -> None:
    """As between a staff and a guardian record: a letter changed may be another person
    (Mary, Mark), so only the comparisons' forms of one name count, never a typo."""
    assert _forms_found(_forms_twice(second=("Elizabeth", "Kowalczak"))) == []
    roster = Roster(
        users=[
            user("t1", "teacher", "Mary", "Kowalczyk", "mk@rv.k12.or.us"),
            user("t7", "teacher", "Mark", "Kowalczyk", "mark.k@rv.k12.or.us"),
        ]
    )
    assert _forms_found(roster) == []


def test_a_shared_credential_between_the_forms_is_the_judges() -> None:
    roster = Roster(
        users=[
            user("t1", "teacher", "Elizabeth", "Kowalczyk", "ek@rv.k12.or.us"),
            user("t7", "aide", "Liz", "Kowalczyk", "ek@rv.k12.or.us"),
        ]
    )
    result = match(roster)
    assert STAFF_NAME_FORMS not in {f.code for f in result.findings}
    assert [n.sourced_ids for n in result.near_misses] == [("t1", "t7")]


def test_staff_forms_are_listed_under_either_staff_guardian_policy() -> None:
    """Keeping a staff member's staff and guardian accounts apart says nothing about two
    staff records of one person."""
    assert len(_forms_found(_forms_twice(), staff_guardian="separate")) == 1


def test_a_staff_forms_pair_is_one_warning_in_any_row_order_and_a_decision_sets_it_aside() -> None:
    roster = _forms_twice(
        _at(user("t8", "teacher", "Jose", "Etxeberria", "je8@rv.k12.or.us"), "s1"),
        _at(user("t9", "teacher", "José", "Etxeberria", "je9@rv.k12.or.us"), "s1"),
    )
    first = [f for f in match(roster).findings if f.code == STAFF_NAME_FORMS]
    assert [f.related for f in first] == [("t1", "t7"), ("t8", "t9")]
    assert "two schools" not in first[1].message  # one school: said only when apart
    users = list(roster.users)
    for seed in range(5):
        random.Random(seed).shuffle(users)
        again = match(attrs.evolve(roster, users=tuple(users))).findings
        assert [f for f in again if f.code == STAFF_NAME_FORMS] == first
    decided = apply_decisions(
        match(roster),
        [Decision(item=f"finding:{STAFF_NAME_FORMS}", review=Review.TWO_PEOPLE, sourced_id="t1")],
    )
    assert [f.related for f in decided.findings if f.code == STAFF_NAME_FORMS] == [("t8", "t9")]


# A few records of two rare family names, given names that are forms of one another or
# not, district aliases and personal addresses, and one office number bare or with an
# extension: the records the staff warnings read, in every combination.
_ROLES = st.sampled_from(["teacher", "aide", "parent", "guardian", "student"])
_GIVENS = st.sampled_from(["Elizabeth", "Liz", "Lisa", "Ana", "José", "Jose"])
_FAMILIES = st.sampled_from(["Kowalczyk", "Haugland", "Kowalczyk Nowak", "Nowak"])
# and, drawn or not, a dozen students of the family name Nowak: then Nowak is far commoner
# than Kowalczyk, and a holder of the name by it alone is set aside (session 36)
_NOWAKS = [
    user(f"n{i}", "student", given, "Nowak")
    for i, given in enumerate(
        [
            "Adam",
            "Ewa",
            "Jan",
            "Ola",
            "Piotr",
            "Zofia",
            "Marek",
            "Hanna",
            "Igor",
            "Maja",
            "Tomasz",
            "Lena",
        ]
    )
]
# and names written family name first on one record, or two people's names (session 35)
_SWAPPABLE = (("Wei", "Zhang"), ("Zhang", "Wei"), ("Scott", "Lee"), ("Lee", "Scott"))
# and one person of one name written by several conventions, or two such people (session 37)
_ONE_NAME = (
    ("Zainab", "FNU"),
    ("Zainab", "Zainab"),
    ("FNU", "Zainab"),
    ("Zahra", "LNU"),
    ("Zainab", ""),  # a field left empty (session 38)
)
# and a Korean family name romanized several ways, two names sharing one romanization
# among them (Chun is Jeon's and Cheon's: session 38)
_ROMANIZED = (
    ("Ji-hoon", "Yi"),
    ("Ji-hoon", "Lee"),
    ("Eun-ji", "Jeon"),
    ("Eun-ji", "Chun"),
    ("Eun-ji", "Cheon"),
)
_NAMES = st.tuples(_GIVENS, _FAMILIES) | st.sampled_from(_SWAPPABLE + _ONE_NAME + _ROMANIZED)
_EMAILS = st.sampled_from(
    ["", "ek@rv.k12.or.us", "liz.k@rv.k12.or.us", "ana.h@rv.k12.or.us", "ek@gmail.com"]
)
_SMS = st.sampled_from(["", "503-555-2368", "503-555-2368 x12", "503-555-2368 x47", "503-284-7142"])


@st.composite
def _staff_rosters(draw: st.DrawFn) -> Roster:
    users = [
        _at(
            user(
                f"u{i}",
                draw(_ROLES),
                *draw(_NAMES),
                draw(_EMAILS),
                draw(_SMS),
            ),
            draw(st.sampled_from(["s1", "s2"])),
        )
        for i in range(draw(st.integers(2, 6)))
    ]
    if draw(st.booleans()):
        users += _NOWAKS
    return Roster(users=users)


_TWO_STAFF = (STAFF_SAME_NAME, STAFF_NAME_FORMS)
STAFF_FAMILY = frozenset({RoleFamily.STAFF})


@settings(max_examples=150, deadline=None)
@given_examples(
    _staff_rosters(), st.sampled_from(["merge", "separate"]), st.randoms(use_true_random=False)
)
def test_the_staff_warnings_name_two_staff_accounts_once(
    roster: Roster, staff_guardian: str, rnd: random.Random
) -> None:
    """Whatever the records: each two-staff warning names two staff-only records of two
    persons that no likely-same item joins, suggests nothing, and reads equal names
    (``staff-same-name``, no one else holding the name) or names written two ways
    (``staff-name-forms``); a pair is named once; a shared contact of two unlinked
    accounts is "of one name" exactly when its holders hold one name; and the row order
    changes nothing."""
    policy = Policy(staff_guardian=staff_guardian)  # type: ignore[arg-type]
    result = match(roster, policy)
    facts = result.facts
    joined = [
        set(n.sourced_ids) for n in result.near_misses if n.kind.value == "likely-same-person"
    ]
    pairs = [f.related for f in result.findings if f.code in _TWO_STAFF]
    assert len(pairs) == len(set(pairs))
    for f in result.findings:
        if f.code not in _TWO_STAFF:
            continue
        first, second = f.related
        assert first < second and f.sourced_id == first and f.suggested is None
        a, b = result.person_of[first], result.person_of[second]
        assert a.id != b.id and a.families == b.families == STAFF_FAMILY
        assert not any({first, second} <= ids for ids in joined)
        same = facts[first].name_key == facts[second].name_key
        assert same == (f.code == STAFF_SAME_NAME)
        # Scott Lee and Lee Scott are as often two people's names: never one name's forms
        assert {facts[first].name_key, facts[second].name_key} != {
            ("scott", "lee"),
            ("lee", "scott"),
        }
        # nor Jeon and Cheon, two names that share one romanization
        assert {facts[first].name_key[1], facts[second].name_key[1]} != {"jeon", "cheon"}
        if same:
            holders = {
                result.person_of[sid].id
                for sid, fact in facts.items()
                if fact.name_key == facts[first].name_key
            }
            assert holders == {a.id, b.id}
    for near in result.near_misses:
        if near.kind.value != "shared-contact" or "no-family-link" not in near.tags:
            continue
        names = {facts[sid].name_key for sid in near.sourced_ids}
        if "same-name" in near.tags:
            assert len(names) == 1 and near.summary.startswith(
                f"{len(near.person_ids)} accounts of one name share one "
            )
        if "same-given-name" in near.tags:  # never "different people" (session 35)
            assert near.summary.startswith(
                f"{len(near.person_ids)} accounts of one given name share one "
            )
    users = list(roster.users)
    rnd.shuffle(users)
    again = match(attrs.evolve(roster, users=tuple(users)), policy)
    staff_codes = (*_TWO_STAFF, STAFF_GUARDIAN_SAME_NAME, STAFF_GUARDIAN_NAME_FORMS)
    assert [f for f in again.findings if f.code in staff_codes] == [
        f for f in result.findings if f.code in staff_codes
    ]
