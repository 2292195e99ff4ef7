"""Generational suffixes written two ways (session 50): another notation (`III`, `3rd`),
a bare digit beside the suffix in letters (`Ruiz 3`, `Ruiz III`), or the suffix typed in
the other name field (`Carlos Jr.` / `Ruiz`, `Carlos` / `Ruiz Jr.`)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import guardians_per_child

from oneroster_identity import read_rest_users
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.normalize import (
    NameDifference,
    PersonName,
    compare_names,
    generation_suffixes,
    generations_differ,
    suffix_moved,
)
from oneroster_identity.normalize._suffixes import one_suffix, suffix_forms


def _n(given: str, family: str) -> PersonName:
    return PersonName(given=given, family=family)


@pytest.mark.parametrize(
    ("a", "b", "differ"),
    [
        (("Carlos", "Ruiz 3"), ("Carlos", "Ruiz III"), False),
        (("Carlos", "Ruiz 4"), ("Carlos", "Ruiz 4th"), False),
        (("Carlos", "Ruiz 2"), ("Carlos", "Ruiz III"), True),
        (("Carlos", "Ruiz Jr."), ("Carlos", "Ruiz"), True),
        (("Carlos", "Ruiz Jr."), ("Carlos", "Ruiz Sr."), True),
        (("Carlos", "Ruiz 2"), ("Carlos", "Ruiz"), False),  # a number, not a suffix
        (("Carlos Jr.", "Ruiz"), ("Carlos", "Ruiz Jr"), False),
    ],
)
def test_generations_differ(a: tuple[str, str], b: tuple[str, str], differ: bool) -> None:
    assert generations_differ(_n(*a), _n(*b)) is differ
    assert generations_differ(_n(*b), _n(*a)) is differ


def test_a_bare_digit_is_a_suffix_only_where_another_record_writes_it() -> None:
    name = _n("Carlos", "Ruiz 3")
    assert generation_suffixes(name) == frozenset()
    assert generation_suffixes(name, numerals={"iii"}) == {"iii"}
    assert generation_suffixes(name, numerals={"ii"}) == frozenset()
    # never a field's first word: `3 Ruiz` is no one's suffix
    assert generation_suffixes(_n("Carlos", "3 Ruiz"), numerals={"iii"}) == frozenset()


@pytest.mark.parametrize(
    ("x", "y", "first", "same"),
    [
        ("iii", "3rd", False, True),
        ("jr", "junior", False, True),
        ("3", "iii", False, True),
        ("3", "3rd", False, True),
        ("3", "iii", True, False),  # a field's first word
        ("2", "iii", False, False),
        ("jr", "sr", False, False),
        ("2", "3", False, False),
        ("iii", "iii", False, False),  # the same word is no second notation
    ],
)
def test_one_suffix(x: str, y: str, first: bool, same: bool) -> None:
    assert one_suffix(x, y, after_first=not first) is same
    assert one_suffix(y, x, after_first=not first) is same


@pytest.mark.parametrize(
    ("a", "b", "moved"),
    [
        (("Carlos Jr.", "Ruiz"), ("Carlos", "Ruiz Jr."), True),
        (("Carlos Junior", "Ruiz"), ("Carlos", "Ruiz, Jr"), True),
        (("Carlos III", "Ruiz"), ("Carlos", "Ruiz 3rd"), True),
        (("Carlos Jr.", "Ruiz"), ("Carlos", "Ruiz"), False),  # dropped, not moved
        (("Carlos Jr.", "Ruiz"), ("Carlos", "Ruiz Sr."), False),
        (("Carlos Jr.", "Ruiz"), ("Carla", "Ruiz Jr."), False),
        (("Carlos", "Ruiz Jr."), ("Carlos", "Ruiz Jr."), False),
    ],
)
def test_suffix_moved(a: tuple[str, str], b: tuple[str, str], moved: bool) -> None:
    assert suffix_moved(_n(*a), _n(*b)) is moved
    assert suffix_moved(_n(*b), _n(*a)) is moved


def test_a_moved_suffix_compares_as_one_suffix_in_both_parts() -> None:
    """Read as a middle name beside a second family name before session 50: two choices,
    one of which (`Carlos Jr.` with `Ruiz Jr.`) writes the suffix twice."""
    compared = compare_names(_n("Carlos Jr.", "Ruiz"), _n("Carlos", "Ruiz Jr."))
    assert (compared.kind, compared.given, compared.family) == (
        NameDifference.SUFFIX,
        NameDifference.SUFFIX,
        NameDifference.SUFFIX,
    )
    # typed in both fields on one record: no suffix moved (a choice would offer it twice)
    assert not suffix_moved(_n("Carlos Jr.", "Ruiz Jr."), _n("Carlos", "Ruiz Jr."))


_WORDS = st.sampled_from(["Carlos", "Ruiz", "Mary Ann", "Garcia Lopez", "Ng", "De La Cruz"])
_SUFFIXES = st.sampled_from(["Jr.", "Jr", "Junior", "Sr.", "II", "III", "3rd", "IV", "4th"])


@given(_WORDS, _WORDS, _SUFFIXES)
def test_any_suffix_moved_between_the_fields_is_one_name(
    given_name: str, family: str, suffix: str
) -> None:
    """A suffix at the end of the family name or of the given name: one name, whatever
    the name and the notation, and the move is symmetric."""
    a, b = _n(f"{given_name} {suffix}", family), _n(given_name, f"{family} {suffix}")
    assert suffix_moved(a, b) and suffix_moved(b, a)
    assert compare_names(a, b).kind is NameDifference.SUFFIX
    assert not generations_differ(a, b)


@given(_WORDS, _WORDS, st.sampled_from([("III", "3"), ("II", "2"), ("IV", "4"), ("3rd", "3")]))
def test_a_bare_digit_beside_its_suffix_is_one_name(
    given_name: str, family: str, notation: tuple[str, str]
) -> None:
    letters, digit = notation
    a, b = _n(given_name, f"{family} {letters}"), _n(given_name, f"{family} {digit}")
    assert compare_names(a, b).kind is NameDifference.SUFFIX
    assert compare_names(b, a).kind is NameDifference.SUFFIX
    assert not generations_differ(a, b)


def test_suffix_forms() -> None:
    assert suffix_forms("carlos jr", "ruiz") == (
        ("carlos junior", "ruiz"),
        ("carlos", "ruiz jr"),
        ("carlos", "ruiz junior"),
    )
    assert suffix_forms("carlos", "ruiz 3") == (("carlos", "ruiz iii"), ("carlos", "ruiz 3rd"))
    # two suffixes, a suffix alone in its field, no suffix: none
    assert suffix_forms("carlos", "ruiz jr iii") == ()
    assert suffix_forms("jr", "ruiz") == ()
    assert suffix_forms("carlos", "ruiz") == ()
    assert suffix_forms("hawaii", "ng") == ()


def _likely(users: list[dict[str, Any]]) -> Any:
    result = match(read_rest_users({"users": users}))
    likely = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert len(likely) == 1, result.near_misses
    return likely[0]


@pytest.mark.parametrize(
    ("digit", "letters"),
    [("Ruiz 3", "Ruiz III"), ("Ruiz 2", "Ruiz II"), ("Ruiz 4", "Ruiz IV"), ("Ruiz 3", "Ruiz 3rd")],
)
def test_a_bare_digit_for_the_suffix_takes_the_suffix_in_letters(digit: str, letters: str) -> None:
    """One guardian typed once per child, `Ruiz 3` on one record and `Ruiz III` on the
    other: one person, and the fix writes the suffix as the other record does (before
    session 50: two people sharing the family's contacts; a choice would have offered
    `Ruiz`, the name without its suffix)."""
    for order in ((digit, letters), (letters, digit)):
        near = _likely(guardians_per_child(("Carlos", order[0]), ("Carlos", order[1])))
        assert {e.field: e.kind for e in near.evidence}["familyName"] == "suffix-written-two-ways"
        held = "g1" if order[0] == digit else "g2"
        assert [(f.sourced_id, f.field, f.suggested, f.rule) for f in near.fixes] == [
            (held, "familyName", letters, "suffix-in-letters")
        ]
        assert not near.choices
        assert not [t for t in near.tags if t.startswith("maybe-")]


def test_two_notations_in_letters_are_a_choice() -> None:
    """`Ruiz III` and `Ruiz 3rd` are both the suffix as people write it: the data cannot
    tell which the person uses."""
    near = _likely(guardians_per_child(("Carlos", "Ruiz III"), ("Carlos", "Ruiz 3rd")))
    assert not near.fixes
    assert [[o.value for o in c.options] for c in near.choices] == [["Ruiz III", "Ruiz 3rd"]]


def test_a_digit_beside_two_notations_joins_an_option_never_the_bare_name() -> None:
    """Three records `Ruiz III`, `Ruiz 3`, `Ruiz 3rd`: a choice of the two notations in
    letters; the bare digit is offered as neither `Ruiz 3` nor `Ruiz`."""
    near = _likely(
        guardians_per_child(("Carlos", "Ruiz III"), ("Carlos", "Ruiz 3"), ("Carlos", "Ruiz 3rd"))
    )
    (choice,) = near.choices
    assert [o.value for o in choice.options] == ["Ruiz III", "Ruiz 3rd"]
    assert sorted(s for o in choice.options for s in o.sourced_ids) == ["g1", "g2", "g3"]


def test_a_moved_suffix_is_one_choice_of_both_fields() -> None:
    """The suffix in the given name on one record, the family name on the other: one
    choice of where it goes, so no one picks `Carlos Jr.` and `Ruiz Jr.` together; the
    children's family name (`Ruiz`) is named beside neither, since it says nothing of a
    suffix's place."""
    near = _likely(guardians_per_child(("Carlos Jr.", "Ruiz"), ("Carlos", "Ruiz Jr.")))
    assert not near.fixes
    (choice,) = near.choices
    assert choice.field == "givenName/familyName"
    assert [(o.value, o.sourced_ids, o.note) for o in choice.options] == [
        ("Carlos Jr. / Ruiz", ("g1",), ""),
        ("Carlos / Ruiz Jr.", ("g2",), ""),
    ]
    assert "generational suffix" in choice.reason


def test_a_father_and_a_son_stay_two_people() -> None:
    result = match(
        read_rest_users(
            {"users": guardians_per_child(("Carlos", "Ruiz Sr."), ("Carlos", "Ruiz Jr."))}
        )
    )
    assert not [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]


def _staff_and_guardian(staff: tuple[str, str], guardian: tuple[str, str]) -> list[str]:
    users = [
        {
            "sourcedId": "t1",
            "role": "teacher",
            "givenName": staff[0],
            "familyName": staff[1],
            "email": "t1@district.k12.example.us",
        },
        {
            "sourcedId": "g1",
            "role": "parent",
            "givenName": guardian[0],
            "familyName": guardian[1],
            "email": "home.family1@gmail.com",
            "sms": "617-283-4471",
            "agents": [{"sourcedId": "s1", "type": "user"}],
        },
        {
            "sourcedId": "s1",
            "role": "student",
            "givenName": "Leo",
            "familyName": "Quintanilla",
            "agents": [{"sourcedId": "g1", "type": "user"}],
        },
    ]
    result = match(read_rest_users({"users": users}))
    return [f.code for f in result.findings if f.code.startswith("staff-guardian")]


@pytest.mark.parametrize(
    ("staff", "guardian", "named"),
    [
        (("Carlos", "Quintanilla III"), ("Carlos", "Quintanilla 3rd"), True),
        (("Carlos", "Quintanilla III"), ("Carlos", "Quintanilla 3"), True),
        (("Carlos", "Quintanilla 3"), ("Carlos", "Quintanilla III"), True),
        (("Carlos Jr.", "Quintanilla"), ("Carlos", "Quintanilla Jr."), True),
        (("Carlos", "Quintanilla Jr"), ("Carlos", "Quintanilla Junior"), True),
        (("Carlos", "Quintanilla Sr."), ("Carlos", "Quintanilla Jr."), False),
        (("Carlos", "Quintanilla II"), ("Carlos", "Quintanilla III"), False),
    ],
)
def test_a_teacher_parent_sharing_nothing_is_met_through_the_suffix_written_otherwise(
    staff: tuple[str, str], guardian: tuple[str, str], named: bool
) -> None:
    """A teacher on the district address and a parent on a personal one, sharing nothing
    but the name with its suffix written otherwise: named by the name-forms warning (no
    warning before session 50: the suffix's notations were other keys)."""
    assert bool(_staff_and_guardian(staff, guardian)) is named


def _entered_twice(first: tuple[str, str], second: tuple[str, str]) -> Any:
    """Two student records born the same day with no household link (a second school
    entered the child again, its guardians typed again there)."""
    users = [
        {
            "sourcedId": sid,
            "role": "student",
            "givenName": name[0],
            "familyName": name[1],
            "grades": ["03"],
            "orgs": [{"sourcedId": "sch1", "type": "org"}],
        }
        for sid, name in (("s1", first), ("s2", second))
    ]
    demographics = [{"sourcedId": sid, "birthDate": "2017-04-12"} for sid in ("s1", "s2")]
    result = match(read_rest_users([{"users": users}, {"demographics": demographics}]))
    return [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Mateo", "Cruz III"), ("Mateo", "Cruz 3")),
        (("Mateo", "Cruz 3rd"), ("Mateo", "Cruz III")),
        (("Mateo Jr.", "Cruz"), ("Mateo", "Cruz Jr.")),
    ],
)
def test_a_child_entered_twice_with_the_suffix_written_otherwise_meets_by_birth_date(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    """The name-and-birth-date block keys the suffix's other notations and places: two
    children before session 50 (the family names keyed apart, `cruziii` and `cruz3`)."""
    (near,) = _entered_twice(first, second)
    assert set(near.sourced_ids) == {"s1", "s2"}
    assert "suffix-written-two-ways" in {e.kind for e in near.evidence}


def test_children_of_other_suffixes_born_the_same_day_stay_apart() -> None:
    assert _entered_twice(("Mateo", "Cruz II"), ("Mateo", "Cruz III")) == []


@pytest.mark.parametrize(
    ("given_name", "family"), [("JR", "Ruiz"), ("Junior", "Silva"), ("Jr", "Ng")]
)
def test_a_fields_first_word_is_the_name_not_a_suffix(given_name: str, family: str) -> None:
    """`JR` (as John Robert goes by) or the Brazilian given name `Junior`: a name, not a
    generational suffix (read as one before session 50)."""
    assert generation_suffixes(_n(given_name, family)) == frozenset()


def test_jr_beside_john_robert_raises_no_father_and_son_doubt() -> None:
    """Before session 50 the item asked the family whether `JR` and `John Robert` were a
    father and a son (`maybe-generations`)."""
    near = _likely(guardians_per_child(("JR", "Ruiz"), ("John Robert", "Ruiz")))
    assert "maybe-generations" not in near.tags
    assert [[o.value for o in c.options] for c in near.choices] == [["JR", "John Robert"]]
