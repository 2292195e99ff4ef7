"""Korean family names romanized two ways (``normalize._romanized``, session 38): one
parent's ``Lee`` and ``Yi``, ``Park`` and ``Bak``, which the app makes two accounts of."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import follow_advice, per_child_records, user

from oneroster_identity import check_existing, read_existing_accounts
from oneroster_identity._data import data_words
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.models import Roster
from oneroster_identity.normalize import NameDifference, PersonName, compare_names
from oneroster_identity.normalize._romanized import romanized_alike

LINES = data_words("family_romanizations.txt")
PAIRS = sorted({(a, b) for words in LINES for a in words for b in words if a != b})


def test_the_table_lists_folded_words_of_two_letters_or_more() -> None:
    for words in LINES:
        assert len(words) >= 2 and len(set(words)) == len(words), words
        for word in words:
            assert word.isascii() and word.isalpha() and word == word.lower() and len(word) >= 2
    # a spelling on two lines is each line's: no line repeats another
    assert len({frozenset(w) for w in LINES}) == len(LINES)


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("lee", "yi", True),
        ("rhee", "lee", True),
        ("park", "bak", True),
        ("jung", "jeong", True),
        ("jung", "chung", True),
        ("jeon", "chun", True),
        ("cheon", "chun", True),
        # pairs, never classes: Chun is both names' spelling, Jeon and Cheon are two
        ("jeon", "cheon", False),
        ("jung", "chang", False),
        ("lee", "lee", False),
        ("lee", "garcia", False),
        ("wang", "wong", False),  # Chinese readings are not listed
    ],
)
def test_romanized_alike(a: str, b: str, alike: bool) -> None:
    assert romanized_alike(a, b) is alike
    assert romanized_alike(b, a) is alike


@given(st.sampled_from(PAIRS))
def test_every_pair_of_the_table_compares_as_one_family_name_spelled_two_ways(
    pair: tuple[str, str],
) -> None:
    a, b = (word.capitalize() for word in pair)
    name = compare_names(
        PersonName(given="Min-jun", family=a), PersonName(given="Min-jun", family=b)
    )
    assert name.kind is NameDifference.SPELLING and name.family is NameDifference.SPELLING
    # another given name stays another person (a couple keeps two family names)
    other = compare_names(
        PersonName(given="Min-jun", family=a), PersonName(given="Seo-yeon", family=b)
    )
    assert other.kind is NameDifference.DIFFERENT


@given(st.sampled_from(PAIRS), st.integers(min_value=1, max_value=3))
def test_a_parent_typed_per_child_in_two_romanizations_gets_a_choice_never_a_fix(
    pair: tuple[str, str], copies: int
) -> None:
    """However many records hold one spelling, the count never decides: both are the
    person's name, and which the app shows only the person can say."""
    a, b = (word.capitalize() for word in pair)
    contacts = {"email": "minjun.k@gmail.com", "sms": "617-555-0142"}
    records = [{"given": "Min-jun", "family": a, **contacts}] * copies
    users = per_child_records([*records, {"given": "Min-jun", "family": b, **contacts}])
    result = match(Roster(users=users))
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert len(near.sourced_ids) == copies + 1
    assert not [f for f in near.fixes if f.field == "familyName"]
    (choice,) = [c for c in near.choices if c.field == "familyName"]
    assert sorted(o.value for o in choice.options) == sorted((a, b))
    # either pick makes one account
    for pick in range(2):
        fixed = follow_advice(users, [near], lambda c, p=pick: c.options[p])  # type: ignore[misc]
        persons = match(Roster(users=fixed)).persons
        assert len({p.id for p in persons if set(p.sourced_ids) & set(near.sourced_ids)}) == 1


def test_lee_and_yi_on_one_email_and_phone_are_one_person_not_a_shared_email() -> None:
    """No edit distance calls ``Lee`` and ``Yi`` one name: before the table, the two
    records were reported as two people of one given name sharing an email and a phone."""
    users = [
        user("g1", "guardian", "Ji-hoon", "Lee", "jhlee@gmail.com", "617-555-0143"),
        user("g2", "parent", "Ji-hoon", "Yi", "jhlee@gmail.com", "617-555-0143"),
    ]
    result = match(Roster(users=users))
    kinds = Counter(n.kind for n in result.near_misses)
    assert kinds == Counter({NearMissKind.LIKELY_SAME: 1})
    (near,) = result.near_misses
    assert "spelling-variant" in near.summary


def test_a_child_registered_again_with_the_family_name_romanized_otherwise() -> None:
    born = dt.date(2016, 5, 4)
    kids = ("s1", "s2")
    users = [
        user("g1", "guardian", "Soo-jin", "Kim", "sjkim@gmail.com", agent_sourced_ids=kids),
        user("s1", "student", "Ji-woo", "Park", birth_date=born, agent_sourced_ids=("g1",)),
        user("s2", "student", "Ji-woo", "Bak", birth_date=born, agent_sourced_ids=("g1",)),
    ]
    result = match(Roster(users=users))
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert set(near.sourced_ids) == set(kids) and "student-entered-twice" in near.tags
    assert not near.fixes
    # another birth date: siblings, or namesakes, never one child by the name alone
    users[2] = user(
        "s2", "student", "Ji-woo", "Bak", birth_date=dt.date(2018, 1, 9), agent_sourced_ids=("g1",)
    )
    assert not [
        n for n in match(Roster(users=users)).near_misses if n.kind is NearMissKind.LIKELY_SAME
    ]


def test_two_names_a_spelling_of_each_stay_two_people() -> None:
    """``Jeon`` and ``Cheon`` share the spelling ``Chun`` and are two family names: two
    guardians so named on one family address are two people sharing it."""
    users = [
        user("g1", "guardian", "Eun-ji", "Jeon", "family.j@gmail.com", "617-555-0144"),
        user("g2", "guardian", "Eun-ji", "Cheon", "family.j@gmail.com", "617-555-0145"),
    ]
    result = match(Roster(users=users))
    assert not [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]


def test_an_app_account_in_the_other_romanization_is_the_guardian_s(tmp_path: Path) -> None:
    """The account already in the app says `Yi`, the SIS `Lee`, on one email and phone:
    before the table the account matched no one and stayed archived; now it is the
    guardian's, kept once it takes the SIS's spelling (the SIS stays the source of truth)."""
    roster = Roster(
        users=[user("g1", "parent", "Min-jun", "Lee", "mjlee@gmail.com", "617-842-3190")]
    )
    path = tmp_path / "accounts.csv"
    path.write_text(
        "account_id,first_name,last_name,email,phone,role,joined,grade,school\n"
        "A1,Min-jun,Yi,mjlee@gmail.com,617-842-3190,parent,yes,,\n",
        encoding="utf-8",
    )
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    (account,) = check.accounts
    assert [(f.field, f.current, f.suggested) for f in account.updates] == [
        ("familyName", "Yi", "Lee")
    ]
