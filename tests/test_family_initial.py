"""A family name written as its initial on one record (`Maria R.` beside `Maria Ruiz`)."""

from __future__ import annotations

import pytest

from oneroster_identity import read_rest_users
from oneroster_identity.match import NearMiss, NearMissKind, match
from oneroster_identity.normalize import NameDifference, PersonName, compare_names


@pytest.mark.parametrize(
    ("family_a", "family_b"), [("R.", "Ruiz"), ("R", "Ruiz"), ("G.", "Garcia Lopez")]
)
def test_a_family_name_as_its_initial_is_an_initial(family_a: str, family_b: str) -> None:
    how = compare_names(
        PersonName(given="Maria", family=family_a), PersonName(given="Maria", family=family_b)
    )
    assert (how.kind, how.family) == (NameDifference.INITIAL, NameDifference.INITIAL)


@pytest.mark.parametrize(("family_a", "family_b"), [("R.", "Sanchez"), ("R.", "S."), ("R", "R")])
def test_other_letters_are_no_initial_of_the_family_name(family_a: str, family_b: str) -> None:
    how = compare_names(
        PersonName(given="Maria", family=family_a), PersonName(given="Maria", family=family_b)
    )
    assert how.family is not NameDifference.INITIAL


def _family_items(sms_b: str) -> list[NearMiss]:
    users = [
        {
            "sourcedId": sid,
            "role": "guardian",
            "givenName": "Maria",
            "familyName": family,
            "email": "ruiz.family@gmail.com",
            "sms": sms,
        }
        for sid, family, sms in (("g1", "R.", "6032847142"), ("g2", "Ruiz", sms_b))
    ]
    users.append(
        {
            "sourcedId": "k1",
            "role": "student",
            "givenName": "Eva",
            "familyName": "Ruiz",
            "agents": [{"sourcedId": "g1"}, {"sourcedId": "g2"}],
        }
    )
    result = match(read_rest_users({"users": users}))
    return [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]


def test_a_parent_whose_family_name_is_an_initial_on_one_record_is_one_person() -> None:
    # before: a shared contact, "2 accounts share one email", as two people would be
    (near,) = _family_items("6032847142")
    assert [(f.sourced_id, f.field, f.suggested, f.rule) for f in near.fixes] == [
        ("g1", "familyName", "Ruiz", "full-name")
    ]
    assert not [t for t in near.tags if t.startswith("maybe-")]


def test_with_other_phones_the_initial_may_be_another_relative_and_the_family_is_asked() -> None:
    (near,) = _family_items("6034471290")
    assert "maybe-relatives" in near.tags
    assert all(f.reason.startswith("these may be two people of one family") for f in near.fixes)
