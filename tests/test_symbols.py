"""Digits and symbols no name has: `digits-or-symbols-in-name` (session 41)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import guardians_per_child

from oneroster_identity import read_rest_users
from oneroster_identity._data import data_words
from oneroster_identity._names import (
    HISPANIC_FAMILY,
    HISPANIC_GIVEN,
    VIETNAMESE_FAMILY,
    VIETNAMESE_GIVEN,
)
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.normalize import NameDifference, PersonName, compare_names
from oneroster_identity.normalize._nicknames import nickname_pairs
from oneroster_identity.normalize._symbols import symbols_in_name, without_symbols


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("*Ana", "*"),
        ("Ana**", "*"),
        ("Ana2", "2"),
        ("Ruiz #2", "#2"),
        ("Ana?", "?"),
        ("Ana!", "!"),
        ("Ana_Maria", "_"),
        ("@Ana", "@"),
        ("Ana=", "="),
        ("Ana$", "$"),
        ("Ana \U0001f600", "\U0001f600"),
        ("Ana\u00b0", "\u00b0"),
    ],
)
def test_a_digit_or_a_symbol_is_found(value: str, found: str) -> None:
    assert symbols_in_name(value) == found


@pytest.mark.parametrize(
    "value",
    [
        "O'Brien",
        "Jean-Luc",
        "Núñez",
        "St. John",
        "Smith, Jr.",
        "John Smith 3rd",
        "Robert 2nd",
        "D\u00b4Angelo",  # an accent typed for an apostrophe
        "D`Angelo",
        "Ke\u02bbalohilani",
        "Ana & Jose",  # a couple: couple-in-name's
        "Ana + Jose",
        "Ana/Jose",
        "김민준",
        "Иван",
        "",
    ],
)
def test_names_and_marks_other_rules_read_are_not_symbols(value: str) -> None:
    assert symbols_in_name(value) == ""


def test_no_name_the_bundled_tables_or_the_generator_write_holds_a_symbol() -> None:
    names = {name for pair in nickname_pairs() for name in pair}
    for table in ("given_names.txt", "spellings.txt", "family_romanizations.txt"):
        names.update(word for words in data_words(table) for word in words)
    names.update(HISPANIC_FAMILY + VIETNAMESE_FAMILY + HISPANIC_GIVEN + VIETNAMESE_GIVEN)
    assert len(names) > 1000
    assert not [name for name in names if symbols_in_name(name)]


@given(st.text(alphabet=st.characters(categories=["L", "M", "Zs"]), max_size=30))
def test_letters_and_spaces_are_never_symbols(value: str) -> None:
    assert symbols_in_name(value) == ""


def _findings(given_name: str, family: str = "Ruiz") -> list[tuple[str, str | None, str]]:
    result = match(read_rest_users({"users": guardians_per_child((given_name, family))}))
    return [
        (f.code, f.field, f.message)
        for f in result.findings
        if f.sourced_id == "g1" and f.code != "no-contact"
    ]


@pytest.mark.parametrize(
    ("given_name", "family", "field", "said"),
    [
        ("*Ana", "Ruiz", "givenName", "holds '*',"),
        ("Ana?", "Ruiz", "givenName", "holds '?',"),
        ("Ana2", "Ruiz", "givenName", "holds a digit,"),
        ("Ana", "Ruiz #2", "familyName", "holds '#' and a digit,"),
        ("Ana", "Ruiz 12", "familyName", "holds digits,"),
    ],
)
def test_a_record_with_a_symbol_in_its_name_is_told_with_nothing_suggested(
    given_name: str, family: str, field: str, said: str
) -> None:
    (finding,) = _findings(given_name, family)
    code, where, message = finding
    assert (code, where) == ("digits-or-symbols-in-name", field)
    assert said in message
    assert given_name not in message and family not in message  # no value in the message


@pytest.mark.parametrize(
    ("given_name", "family", "code"),
    [
        ("Parent 1", "Ruiz", "placeholder-name"),  # a numbered stand-in
        ("Ana (2)", "Ruiz", "note-in-name"),  # a note: note-in-name's
        ("603-284-7142", "Ruiz", "contact-in-name"),
        ("Ana", "Ruiz 3rd", None),  # a generation
        ("Ana", "Ruiz", None),
    ],
)
def test_what_another_finding_reads_is_not_said_twice(
    given_name: str, family: str, code: str | None
) -> None:
    codes = [c for c, _, _ in _findings(given_name, family)]
    assert "digits-or-symbols-in-name" not in codes
    assert codes == ([code] if code else [])


def test_a_symbol_beside_another_name_is_a_choice_of_the_name_without_it() -> None:
    """`Ruiz*` beside `Ruiz Garcia`: whether the person uses both family names no record
    says, so a choice, offered as `Ruiz` (a flagged value never wins by its flag alone:
    the other name is not more right for it)."""
    result = match(
        read_rest_users({"users": guardians_per_child(("Ana", "Ruiz*"), ("Ana", "Ruiz Garcia"))})
    )
    (near,) = result.near_misses
    assert [f for f in near.fixes if f.field == "familyName"] == []
    (choice,) = [c for c in near.choices if c.field == "familyName"]
    assert sorted(o.value for o in choice.options) == ["Ruiz", "Ruiz Garcia"]


@pytest.mark.parametrize(
    ("part", "bare"),
    [
        ("*Ana", "Ana"),
        ("Ana_Maria", "Ana Maria"),
        ("Ruiz #2", "Ruiz 2"),
        ("**", "**"),
        ("Ana", "Ana"),
    ],
)
def test_without_symbols_keeps_letters_and_digits(part: str, bare: str) -> None:
    assert without_symbols(part) == bare


def test_a_parent_typed_per_child_with_a_symbol_gets_the_name_without_it() -> None:
    """`*Ana` beside `Ana` on the family's email and phone: one person, and the fix types
    the name without the symbol (`no-symbol`); before, a choice."""
    result = match(
        read_rest_users({"users": guardians_per_child(("*Ana", "Ruiz"), ("Ana", "Ruiz"))})
    )
    (near,) = result.near_misses
    assert [(f.sourced_id, f.field, f.suggested, f.rule) for f in near.fixes] == [
        ("g1", "givenName", "Ana", "no-symbol")
    ]
    assert not near.choices


@pytest.mark.parametrize(
    ("numbered", "name", "field"),
    [
        (("Ana 2", "Ruiz"), ("Ana", "Ruiz"), "givenName"),
        (("Ana #2", "Ruiz"), ("Ana", "Ruiz"), "givenName"),
        (("Jose", "Ruiz 2"), ("Jose", "Ruiz"), "familyName"),
    ],
)
def test_a_number_typed_into_a_name_is_dropped_saying_it_may_tell_two_people_apart(
    numbered: tuple[str, str], name: tuple[str, str], field: str
) -> None:
    """`Ana 2` beside `Ana` on one family's contacts: the number most often marks a second
    record of one person, but may tell two people of one name apart, so the item asks the
    family first (`maybe-numbered`) and the fix drops the number if they are one
    (`no-number`, since session 42; before, a confident `clean-value` fix)."""
    result = match(read_rest_users({"users": guardians_per_child(numbered, name)}))
    (near,) = result.near_misses
    (fix,) = near.fixes
    assert (fix.sourced_id, fix.field, fix.rule) == ("g1", field, "no-number")
    assert fix.suggested == name[0 if field == "givenName" else 1]
    assert "maybe-numbered" in near.tags and not near.calls_one_person
    assert fix.reason.startswith("these may be two people of one name")
    assert "ask the family first" in fix.reason
    assert "give each an email of their own" in near.summary


@pytest.mark.parametrize("suffix", ["3rd", "2nd", "III"])
def test_a_generation_written_with_digits_is_a_choice_like_one_written_in_letters(
    suffix: str,
) -> None:
    """`Ruiz 3rd` beside `Ruiz`: a father and a son of one name, or one person whose suffix
    one record lacks. Until session 42 the digits in `3rd` made it a flagged value, and the
    fix dropped the suffix (`clean-value`) where `Ruiz III` was a choice."""
    result = match(
        read_rest_users(
            {"users": guardians_per_child(("Jose", f"Ruiz {suffix}"), ("Jose", "Ruiz"))}
        )
    )
    (near,) = result.near_misses
    assert "maybe-generations" in near.tags
    assert near.fixes == ()
    (choice,) = near.choices
    assert choice.field == "familyName"
    assert sorted(o.value for o in choice.options) == ["Ruiz", f"Ruiz {suffix}"]


_NUMBERINGS = st.sampled_from(
    ["{} {}", "{}{}", "{} #{}", "{}-{}", "{}_{}", "{} ({})", "{} [{}]", "{} (#{})"]
)
_NAMES = st.sampled_from(["Ana", "Ruiz", "Nguyen", "María José", "O'Brien", "Garcia Lopez"])


@given(_NAMES, _NUMBERINGS, st.integers(1, 99), st.booleans())
def test_one_name_with_a_number_typed_into_one_record_is_number_in_name(
    name: str, form: str, number: int, family: bool
) -> None:
    """`Ana 2`, `Ana2`, `Ruiz #2` beside `Ana`, `Ruiz` (since session 42; before, a number
    standing apart read as a middle name, one on the name as another name, one in brackets
    as a note)."""
    numbered = form.format(name, number)
    a = (
        PersonName(given="Ana", family=numbered)
        if family
        else PersonName(given=numbered, family="Ruiz")
    )
    b = PersonName(given="Ana", family=name) if family else PersonName(given=name, family="Ruiz")
    expected = NameDifference.NUMBER
    assert compare_names(a, b).kind is expected
    assert compare_names(b, a).kind is expected


@pytest.mark.parametrize(
    ("numbered", "other", "expected"),
    [
        ("Gonz. #2", "Gonzalo", NameDifference.ABBREVIATION),
        ("Gonz. 2", "Gonzalo", NameDifference.ABBREVIATION),
        ("Anna #2", "Ana", NameDifference.SPELLING),
        ("Gonz.,", "Gonzalo", NameDifference.ABBREVIATION),
        ("Gonz.?", "Gonzalo", NameDifference.ABBREVIATION),
    ],
)
def test_a_number_sign_or_a_mark_goes_with_the_rest_of_a_shortened_name(
    numbered: str, other: str, expected: NameDifference
) -> None:
    """`Gonz. #2` beside `Gonzalo` compared as `Gonz. #`, which no form of `Gonzalo` is,
    and `Gonz.,` as a name that is no shortened one: two different people, whose item
    gave no advice (before session 63). The number sign goes with its number, and a
    separator or question mark after the period is no part of the name."""
    a, b = PersonName(given=numbered, family="Ruiz"), PersonName(given=other, family="Ruiz")
    assert compare_names(a, b).kind is expected
    assert compare_names(b, a).kind is expected


@given(_NAMES, st.integers(1, 99), st.integers(1, 99))
def test_two_numbers_are_two_people(name: str, one: int, other: int) -> None:
    """`Ana 1` and `Ana 2`: numbered to tell two people apart, as `Relative1`/`Relative2`."""
    if one == other:
        return
    a = PersonName(given=f"{name} {one}", family="Ruiz")
    b = PersonName(given=f"{name} {other}", family="Ruiz")
    assert compare_names(a, b).kind is NameDifference.DIFFERENT


@pytest.mark.parametrize(("a", "b"), [("Ruiz 3rd", "Ruiz"), ("Ruiz 2nd", "Ruiz")])
def test_a_generation_is_no_number_typed_in(a: str, b: str) -> None:
    compared = compare_names(PersonName(given="Jose", family=a), PersonName(given="Jose", family=b))
    assert compared.kind is not NameDifference.NUMBER


@pytest.mark.parametrize("numbered", ["Ana2", "Ana 2", "Ana-2", "Ana (2)"])
def test_a_parent_typed_per_child_with_a_number_is_one_person_however_it_is_written(
    numbered: str,
) -> None:
    """`Ana2` beside `Ana` on the family's email and phone was two people sharing them
    (the item said "2 different people"), while `Ana 2` was one person read as having a
    middle name; both are now one likely-same item with the `no-number` fix."""
    result = match(
        read_rest_users({"users": guardians_per_child((numbered, "Ruiz"), ("Ana", "Ruiz"))})
    )
    (near,) = result.near_misses
    assert near.kind is NearMissKind.LIKELY_SAME
    assert [(d.field, d.kind) for d in near.evidence if d.field == "givenName"] == [
        ("givenName", "number-in-name")
    ]
    assert [(f.sourced_id, f.suggested, f.rule) for f in near.fixes] == [("g1", "Ana", "no-number")]


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Ruiz III", "Ruiz 3rd", NameDifference.SUFFIX),
        ("Ruiz 2nd", "Ruiz II", NameDifference.SUFFIX),
        ("Ruiz Jr", "Ruiz Junior", NameDifference.SUFFIX),
        # a bare digit for the suffix the other writes in letters (since session 50)
        ("Ruiz 3", "Ruiz III", NameDifference.SUFFIX),
        ("Ruiz IV", "Ruiz 4", NameDifference.SUFFIX),
        ("Ruiz 3", "Ruiz 3rd", NameDifference.SUFFIX),
        ("Ruiz, Jr.", "Ruiz Jr", NameDifference.PUNCTUATION),
        ("Ruiz Jr.", "Ruiz Sr.", NameDifference.DIFFERENT),
        ("Ruiz II", "Ruiz III", NameDifference.DIFFERENT),
        ("Ruiz 2", "Ruiz III", NameDifference.DIFFERENT),
        ("Ruiz 3", "Ruiz", NameDifference.NUMBER),
        ("Ruiz 2", "Ruiz 3", NameDifference.DIFFERENT),
        ("3 Ruiz", "III Ruiz", NameDifference.DIFFERENT),
    ],
)
def test_one_generation_written_two_ways_is_one_name(a: str, b: str, kind: NameDifference) -> None:
    """`Ruiz III` and `Ruiz 3rd`: one suffix in two notations, one name written otherwise
    (since session 42; before, different: two people sharing the family's contacts). Its
    own kind since session 50 (`punctuation` before), which a bare digit beside the suffix
    it writes is too: `Ruiz 3` and `Ruiz III` read as two people before."""
    compared = compare_names(PersonName(given="Jose", family=a), PersonName(given="Jose", family=b))
    assert compared.kind is kind


@pytest.mark.parametrize(("numbered", "name"), [("José 2", "Jose"), ("Jose 2", "José")])
def test_a_numbered_name_competes_as_the_name_without_its_number(numbered: str, name: str) -> None:
    """`José 2` beside `Jose`: the number is dropped, and which spelling is right the data
    cannot tell, so a choice. Until the number competed as a symbol does, the flag alone
    decided (`clean-value`): `Jose` was typed over the accented name."""
    result = match(
        read_rest_users({"users": guardians_per_child((numbered, "Ruiz"), (name, "Ruiz"))})
    )
    (near,) = result.near_misses
    assert near.fixes == ()
    (choice,) = near.choices
    assert sorted(o.value for o in choice.options) == ["Jose", "José"]


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Ana 2", "Anna", NameDifference.SPELLING),
        ("Bob 2", "Robert", NameDifference.NICKNAME),
        ("Jose2", "José", NameDifference.NUMBER),  # accents compared as before (session 42)
        ("Mario 2", "Maria", NameDifference.DIFFERENT),
        ("Ana 2", "Ana", NameDifference.NUMBER),
        ("Ana 1", "Anna 2", NameDifference.DIFFERENT),
    ],
)
def test_a_numbered_name_beside_another_form_compares_as_that_form(
    a: str, b: str, kind: NameDifference
) -> None:
    """`Ana 2` beside `Anna`: the number dropped, the two are one name spelled two ways
    (since session 50; different before, two people sharing the family's contacts)."""
    for x, y in ((a, b), (b, a)):
        compared = compare_names(
            PersonName(given=x, family="Ruiz"), PersonName(given=y, family="Ruiz")
        )
        assert compared.given is kind


def test_a_numbered_name_beside_another_spelling_asks_the_family_first() -> None:
    """The number may mark a second record of one person or tell two people apart, and
    the spelling is the person's: a choice of the names without the number, asking the
    family first (`maybe-numbered`)."""
    result = match(
        read_rest_users({"users": guardians_per_child(("Ana 2", "Ruiz"), ("Anna", "Ruiz"))})
    )
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert "maybe-numbered" in near.tags
    assert not near.fixes
    assert [[o.value for o in c.options] for c in near.choices] == [["Ana", "Anna"]]


@pytest.mark.parametrize("odd", ["A,¼", "¼", "Ana ²"])
def test_a_digit_only_the_folded_name_holds_is_compared_without_looping(odd: str) -> None:
    """`¼` folds to `1⁄4` in the key but is no digit as written, so dropping the number
    leaves the value as it was: the comparison of a numbered name beside another form
    (since session 50) recursed on it until the pipeline fuzz found it."""
    for x, y in ((odd, "A"), ("A", odd)):
        compare_names(PersonName(given="Ana", family=x), PersonName(given="Ana", family=y))
        compare_names(PersonName(given=x, family="Ruiz"), PersonName(given=y, family="Ruiz"))
