"""A note beside a number or an address that names whose it is (``dad's cell``, ``Mom:``):
the value is suggested alone only on a record the note fits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import user

from oneroster_identity import Roster
from oneroster_identity.match import match
from oneroster_identity.normalize import (
    Owner,
    PersonName,
    normalize_email,
    normalize_phone,
    note_owner,
    owner_fits,
)


@pytest.mark.parametrize(
    ("note", "owner"),
    [
        ("(dad's cell)", ("parent", "m")),
        ("dads cell", ("parent", "m")),
        ("Mom:", ("parent", "f")),
        ("(Mamá)", ("parent", "f")),
        ("mommy", ("parent", "f")),
        ("step mom", ("parent", "f")),
        ("grandma's", ("grandparent", "f")),
        ("(abuelo)", ("grandparent", "m")),
        ("Leo's mom", ("parent", "f")),
        ("husband work", ("spouse", "m")),
        ("(spouse)", ("spouse", "")),
        ("her cell", ("pronoun", "f")),
        ("(son's)", ("child", "m")),
        ("student cell", ("child", "")),
        ("neighbor", ("other", "")),
        ("mom or dad", ("other", "")),
        ("(emergency)", ("other", "")),  # an emergency contact's number
        ("(ex-husband)", ("other", "")),
        # French and Haitian Creole kin (session 59: read as a label, the value suggested)
        ("(maman)", ("parent", "f")),
        ("cellulaire maman", ("parent", "f")),
        ("(matant)", ("aunt-uncle", "f")),
        ("(mamie)", ("grandparent", "f")),
        # a given name (since session 46); beside a word, in its name
        ("(Jose)", ("name", "", "Jose")),
        ("Jose's cell", ("name", "", "Jose")),
        ("- Maria", ("name", "", "Maria")),
        ("Tia Rosa", ("aunt-uncle", "f", "Rosa")),
        ("Mom Ana", ("parent", "f", "Ana")),
        ("(my cell)", None),  # My is a Vietnamese name, too short to tell from the word
        ("day / eve", None),  # daytime and evening numbers, not Eve's
        ("(cell)", None),
        ("work", None),
        ("home #", None),
        ("", None),
        ("--", None),
    ],
)
def test_note_owner(note: str, owner: tuple[str, ...] | None) -> None:
    assert note_owner(note) == (None if owner is None else Owner(*owner))


def _name(given: str) -> PersonName:
    return PersonName(given=given, family="Ruiz")


@pytest.mark.parametrize(
    ("owner", "given", "student", "fits"),
    [
        (("parent", "m"), "Jose", False, True),
        (("parent", "m"), "Ana", False, False),
        (("parent", "m"), "Jordan", False, False),  # a unisex name says no sex
        (("parent", "f"), "Maria (Mom)", False, True),  # the kinship noted beside the name
        (("parent", "f"), "Chris (Mom)", False, True),
        (("parent", "f"), "Mark (Mom)", False, False),  # name and note disagree: unknown
        (("parent", "f"), "Mrs. Jordan", False, True),  # the title says it
        (("parent", "m"), "Mr. Jordan", False, True),
        (("parent", "m"), "Mrs. Ana", False, False),
        (("parent", "f"), "Dr. Ana", False, True),  # a title saying none
        (("parent", "m"), "Mr. Ana", False, False),  # title and name disagree: unknown
        (("parent", ""), "Jordan", False, True),
        (("parent", ""), "Leo", True, False),  # a parent's number on a student's record
        (("parent", "f"), "Ana", True, False),
        (("child", ""), "Leo", True, True),
        (("child", ""), "Ana", False, False),  # a child's number on an adult's record
        (("child", "m"), "Leo", True, True),
        (("child", "m"), "Sofia", True, False),
        (("pronoun", "m"), "Leo", True, True),
        (("pronoun", "f"), "Ana", False, True),
        (("pronoun", "f"), "Jose", False, False),
        (("spouse", "m"), "Jose", False, True),
        (("spouse", "m"), "Ana", False, False),  # her husband's number
        (("spouse", ""), "Jose", False, False),
        (("other", ""), "Jose", False, False),
        # a given name in the note (since session 46)
        (("name", "", "Jose"), "Ana", False, False),
        (("name", "", "Ana"), "Ana", False, True),
        (("name", "", "Mike"), "Michael", False, True),  # a form of the record's name
        (("name", "", "Leo"), "Leo", True, True),
        (("aunt-uncle", "f", "Rosa"), "Ana", False, False),
        (("aunt-uncle", "f", "Rosa"), "Rosa", False, True),
        (("parent", "f", "Ana"), "Ana", False, True),
    ],
)
def test_owner_fits(owner: tuple[str, ...], given: str, student: bool, fits: bool) -> None:
    assert owner_fits(Owner(*owner), _name(given), student=student) is fits


def _suggested(*users: object) -> dict[tuple[str, str], str | None]:
    result = match(Roster(users=list(users)))  # type: ignore[arg-type]
    return {
        (f.sourced_id, f.field): f.suggested
        for f in result.findings
        if f.code in ("invalid-phone", "invalid-email")
    }


def _guardian(given: str, email: str = "", sms: str = "", sid: str = "g1") -> object:
    return user(sid, "parent", given, "Ruiz", email, sms, agent_sourced_ids=("s1",))


_STUDENT = user("s1", "student", "Leo", "Ruiz", agent_sourced_ids=("g1",))


@pytest.mark.parametrize(
    ("given", "sms", "suggested"),
    [
        ("Jose", "617-555-2368 (dad's cell)", "617-555-2368"),
        ("Ana", "617-555-2368 (dad's cell)", None),
        ("Jordan", "617-555-2368 (dad's cell)", None),
        ("Ana", "617-555-2368 (mom cell)", "617-555-2368"),
        ("Ana", "617-555-2368 (husband)", None),
        ("Ana", "617-555-2368 - neighbor", None),
        ("Ana", "617-555-2368 (cell)", "617-555-2368"),  # a label names no one
        ("Jordan", "617-555-2368 cell", "617-555-2368"),
        # a given name beside the number (since session 46: before, always suggested)
        ("Ana", "617-555-2368 (Jose)", None),
        ("Ana", "617-555-2368 - Maria", None),
        ("Ana", "617-555-2368 (Tia Rosa)", None),
        ("Rosa", "617-555-2368 (Tia Rosa)", "617-555-2368"),
        ("Ana", "617-555-2368 (Ana)", "617-555-2368"),
        ("Ana", "617-555-2368 (my cell)", "617-555-2368"),
    ],
)
def test_a_guardians_number_beside_a_note(given: str, sms: str, suggested: str | None) -> None:
    found = _suggested(_STUDENT, _guardian(given, sms=sms))
    assert found == {("g1", "sms"): suggested}


@pytest.mark.parametrize(
    ("sms", "suggested"),
    [
        ("617-555-2368 (mom)", None),
        ("617-555-2368 (dad's cell)", None),
        ("617-555-2368 (student cell)", "617-555-2368"),
        ("617-555-2368 (his cell)", "617-555-2368"),
        ("617-555-2368 cell", "617-555-2368"),
    ],
)
def test_a_students_number_beside_a_note(sms: str, suggested: str | None) -> None:
    student = user("s1", "student", "Leo", "Ruiz", "", sms)
    assert _suggested(student) == {("s1", "sms"): suggested}


@pytest.mark.parametrize(
    ("email", "suggested"),
    [
        ("ana@gmail.com - dad", None),
        ("Dad <ana@gmail.com>", None),
        ("ana@gmail.com (mom)", "ana@gmail.com"),
        ("Mom: ana@gmail.com", "ana@gmail.com"),
        ("Ana Ruiz <ana@gmail.com>", "ana@gmail.com"),
        ("ana@gmail.com (work)", "ana@gmail.com"),
        # a mail program's display name: the record's person, or another
        ("Jose Ruiz <ana@gmail.com>", None),
        ("Ruiz, Jose <ana@gmail.com>", None),
        ("Leo Ruiz <ana@gmail.com>", None),
        ("Ruiz, Ana <ana@gmail.com>", "ana@gmail.com"),
        ("ANA RUIZ <ana@gmail.com>", "ana@gmail.com"),
        ("A. Ruiz <ana@gmail.com>", "ana@gmail.com"),
        ("Ana Maria Lopez <ana@gmail.com>", "ana@gmail.com"),  # another family name
        ("The Ruiz Family <ana@gmail.com>", "ana@gmail.com"),
        ("Mr. and Mrs. Ruiz <ana@gmail.com>", "ana@gmail.com"),
        ("Jose & Ana Ruiz <ana@gmail.com>", "ana@gmail.com"),
        ('"Ruiz" <ana@gmail.com>', "ana@gmail.com"),
        # a given name beside the address (since session 46)
        ("ana@gmail.com (Jose)", None),
        ("ana@gmail.com (Ana)", "ana@gmail.com"),
    ],
)
def test_an_address_beside_a_note(email: str, suggested: str | None) -> None:
    assert _suggested(_STUDENT, _guardian("Ana", email=email)) == {("g1", "email"): suggested}


def test_the_reason_says_why_nothing_is_suggested() -> None:
    result = match(Roster(users=[_STUDENT, _guardian("Ana", sms="617-555-2368 (dad's cell)")]))
    (finding,) = [f for f in result.findings if f.code == "invalid-phone"]
    assert finding.suggested is None
    assert "names whose it is" in finding.message
    assert "617" not in finding.message  # the reason quotes no value (reports may be redacted)


def test_the_fathers_number_on_the_mothers_record_is_no_evidence_and_no_fix() -> None:
    """The mother's record holds the father's number with the note saying so, and her
    record is typed twice (once per child). The father's number must not be offered to
    her, nor compared as hers."""
    users = [
        user("s1", "student", "Leo", "Ruiz", agent_sourced_ids=("m1", "f1")),
        user("s2", "student", "Mia", "Ruiz", agent_sourced_ids=("m2", "f1")),
        user(
            "m1",
            "parent",
            "Ana",
            "Ruiz",
            "ana@gmail.com",
            "617-555-2368 (dad's cell)",
            agent_sourced_ids=("s1",),
        ),
        user("m2", "parent", "Ana", "Ruiz", "ana@gmail.com", "", agent_sourced_ids=("s2",)),
        user(
            "f1",
            "parent",
            "Jose",
            "Ruiz",
            "jose@gmail.com",
            "617-555-2368",
            agent_sourced_ids=("s1", "s2"),
        ),
    ]
    result = match(Roster(users=users))
    assert result.facts["m1"].phone.meant_key is None
    offered = [
        (x.sourced_id, x.field, x.suggested)
        for near in result.near_misses
        for x in (*near.fixes, *near.choices)  # type: ignore[has-type]
        if x.field == "sms"
    ]
    assert ("m2", "sms", "617-555-2368") not in offered
    assert all(s != "617-555-2368" for sid, _, s in offered if sid.startswith("m"))
    (mother,) = [p for p in result.persons if "m1" in p.sourced_ids]
    assert "f1" not in mother.sourced_ids


def test_the_normalizer_keeps_the_repair_and_says_whose() -> None:
    """Without a record, the normalizer cannot tell whose the value is: it keeps the repair
    and names the owner, for the matcher (or a caller) to weigh."""
    phone = normalize_phone("617-555-2368 (dad's cell)")
    assert phone.repair is not None
    assert (phone.repaired, phone.repair.owner) == ("617-555-2368", Owner("parent", "m"))
    email = normalize_email("Mom: ana@gmail.com")
    assert email.repair is not None and email.repair.owner == Owner("parent", "f")
    assert normalize_phone("617-555-2368 cell").repair.owner is None  # type: ignore[union-attr]


_LABELS = st.sampled_from(["cell", "(cell)", "mobile", "work", "home", "text ok"])
_PERSONS = st.sampled_from(
    ["dad's cell", "(mom)", "grandma", "husband", "(abuela)", "neighbor", "papi", "her cell"]
)
_UNISEX = st.sampled_from(["Jordan", "Taylor", "Alex", "Casey", "Robin", "Sam", "Riley"])


@settings(max_examples=60, deadline=None)
@given(label=_LABELS, given_name=_UNISEX, student=st.booleans())
def test_a_label_naming_no_one_is_suggested_on_any_record(
    label: str, given_name: str, student: bool
) -> None:
    role = "student" if student else "parent"
    found = _suggested(user("r1", role, given_name, "Ruiz", "", f"617-555-2368 {label}"))
    assert found == {("r1", "sms"): "617-555-2368"}


@settings(max_examples=60, deadline=None)
@given(note=_PERSONS, given_name=_UNISEX, student=st.booleans())
def test_a_note_naming_someone_is_never_suggested_where_the_name_says_no_sex(
    note: str, given_name: str, student: bool
) -> None:
    """A unisex name cannot show the record is the person a sexed note names, and no
    adult's note fits a student: nothing is suggested."""
    role = "student" if student else "parent"
    found = _suggested(user("r1", role, given_name, "Ruiz", "", f"617-555-2368 {note}"))
    assert found == {("r1", "sms"): None}


def test_a_display_name_on_a_students_record() -> None:
    """The parent's address pasted from a mail program onto the child's record."""
    student = user("s1", "student", "Leo", "Ruiz", "Ana Ruiz <ana@gmail.com>")
    assert _suggested(student) == {("s1", "email"): None}
    own = user("s1", "student", "Leo", "Ruiz", "Leo Ruiz <leo.ruiz@gmail.com>")
    assert _suggested(own) == {("s1", "email"): "leo.ruiz@gmail.com"}


def test_a_display_name_may_be_a_nickname_of_the_records() -> None:
    robert = user("g1", "parent", "Robert", "Ng", "Bob Ng <bob.ng@gmail.com>")
    assert _suggested(robert) == {("g1", "email"): "bob.ng@gmail.com"}


def test_the_reason_for_a_display_name_says_it_is_another_name() -> None:
    result = match(Roster(users=[_STUDENT, _guardian("Ana", email="Jose Ruiz <jose@gmail.com>")]))
    (finding,) = [f for f in result.findings if f.code == "invalid-email"]
    assert finding.suggested is None
    assert "the name before the address" in finding.message
    assert "Jose" not in finding.message


@pytest.mark.parametrize(
    ("sms", "email", "said"),
    [
        ("617-555-2368 (Jose)", "", "a note beside the number names whose it is"),
        ("", "ana@gmail.com (Jose)", "a note beside the address names whose it is"),
        ("", "Jose Ruiz <jose@gmail.com>", "the name before the address"),
    ],
)
def test_the_reason_for_a_given_name_in_a_note_says_it_is_a_note(
    sms: str, email: str, said: str
) -> None:
    """A given name in a note is an owner of kind ``name``, as a mail program's display
    name is; only the display name is worded as one (session 46's first version called
    ``(Jose)`` beside a number "the name before the address")."""
    result = match(Roster(users=[_STUDENT, _guardian("Ana", email=email, sms=sms)]))
    (finding,) = [f for f in result.findings if f.code in ("invalid-phone", "invalid-email")]
    assert finding.suggested is None and said in finding.message


@pytest.mark.parametrize(
    ("given", "role", "sms", "warned"),
    [
        ("Ana", "parent", "Dad 617-555-2368", True),  # phonenumbers reads past a leading note
        ("Jose", "parent", "Dad 617-555-2368", False),
        ("Ana", "parent", "Mom cell 617-555-2368", False),
        ("Ana", "parent", "Cell: 617-555-2368", False),  # a label names no one
        ("Leo", "student", "Mom: 617-555-2368", True),
        ("Jordan", "parent", "Dad: 617-555-2368", True),
        ("Ana", "parent", "Maria 617-555-2368", True),  # since session 46
        ("Ana", "parent", "Ana 617-555-2368", False),
    ],
)
def test_a_usable_number_with_a_note_naming_someone_else_is_a_warning(
    given: str, role: str, sms: str, warned: bool
) -> None:
    """A note before the number leaves it valid (the app reads the number), so nothing is
    suggested; the warning says the number may be another person's."""
    record = user("r1", role, given, "Ruiz", "", sms)
    result = match(Roster(users=[record]))
    assert result.facts["r1"].phone.usable
    found = [f for f in result.findings if f.code == "sms-names-someone"]
    assert bool(found) is warned
    if found:
        assert found[0].suggested is None and "617" not in found[0].message


@pytest.mark.parametrize(
    ("sex", "suggested"),
    [("male", "617-555-2368"), ("M", "617-555-2368"), ("female", None), ("", None)],
)
def test_the_sex_a_record_states_settles_a_note_on_a_unisex_name(
    sex: str, suggested: str | None
) -> None:
    """``(his cell)`` on Jordan's record: the name says no sex; ``demographics.csv``
    may (students' records carry it most often)."""
    from oneroster_identity import read_rest_users

    docs = [
        {
            "users": [
                {
                    "sourcedId": "s1",
                    "role": "student",
                    "givenName": "Jordan",
                    "familyName": "Ruiz",
                    "sms": "617-555-2368 (his cell)",
                }
            ]
        },
        {"demographics": [{"sourcedId": "s1", "sex": sex}] if sex else []},
    ]
    result = match(read_rest_users(docs))
    found = [f.suggested for f in result.findings if f.code == "invalid-phone"]
    assert found == [suggested]


def test_a_stated_sex_and_a_name_that_disagree_say_none() -> None:
    ana = PersonName(given="Ana", family="Ruiz")
    assert owner_fits(Owner("pronoun", "f"), ana, student=False)
    assert not owner_fits(Owner("pronoun", "f"), ana, student=False, sex="male")
    assert owner_fits(Owner("pronoun", "f"), ana, student=False, sex="F")
