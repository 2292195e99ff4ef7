"""Persons: the lazy sequence of a check's persons equals the persons built eagerly."""

from __future__ import annotations

import pickle
from collections import Counter

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneroster_identity import Person, read_rest_users
from oneroster_identity.match import MatchResult, match
from oneroster_identity.match._findings import may_have_person_findings, person_findings
from oneroster_identity.match._group import group_records
from oneroster_identity.match._persons import Persons, RoleNames, single_person
from oneroster_identity.match._records import FactsBuilder
from oneroster_identity.models import RoleFamily
from oneroster_identity.policy import Policy
from oneroster_identity.synthetic import generate_roster


def _grouped(seed: int, households: int = 120) -> tuple[Persons, list[Person]]:
    roster = generate_roster(households=households, seed=seed, plant_share=0.5).roster
    build = FactsBuilder(Policy())
    facts = [build(u) for u in roster.users if u.is_active]
    persons = group_records(facts)
    return persons, list(persons)


def test_singles_are_held_as_facts_and_built_equal() -> None:
    persons, built = _grouped(5)
    held = persons._items
    singles = [i for i, item in enumerate(held) if not isinstance(item, Person)]
    assert len(singles) > len(held) / 2  # most persons are one record
    for i in singles:
        f = held[i]
        p = persons[i]
        assert p.sourced_ids == (f.sourced_id,)
        assert p.families == f.families
        assert (p.given_name, p.family_name) == (f.name.given, f.name.family)
        assert p.email == (f.email.raw if f.email.usable else "")
        assert p.phone == (f.phone.raw if f.phone.usable else "")
        assert p.has_contact == (f.email.usable or f.phone.usable)
        assert p.roles == tuple(sorted({r.role_raw for r in f.user.roles}))
        assert p.fragile == () and p.will_be_created
    assert [p.sourced_ids[0] for p in built] == sorted(p.sourced_ids[0] for p in built)


def test_sequence_protocol_and_equality() -> None:
    persons, built = _grouped(9)
    n = len(persons)
    assert n == len(built)
    assert persons == built and persons == tuple(built) and built == list(persons)
    assert persons == Persons(built)  # every item an object: the same persons
    assert persons[-1] == built[-1] and persons[3:7] == tuple(built[3:7])
    assert persons.index(built[4]) == 4 and built[4] in persons
    assert list(reversed(persons)) == built[::-1]
    assert hash(persons) == hash(Persons(built))
    assert persons != built[:-1] and persons != ["x"] * n
    assert (persons == 3) is False
    with pytest.raises(IndexError):
        persons[n]


def test_fast_accessors_agree_with_the_built_persons() -> None:
    persons, built = _grouped(13)
    assert persons.families_column() == [p.families for p in built]
    assert all(persons.families(i) == p.families for i, p in enumerate(built))
    assert all(persons.sourced_ids(i) == p.sourced_ids for i, p in enumerate(built))
    assert persons.records() == sum(len(p.sourced_ids) for p in built)
    assert persons.shapes() == Counter(
        (p.families, p.will_be_created, len(p.sourced_ids), bool(p.fragile)) for p in built
    )
    roster = generate_roster(households=120, seed=13, plant_share=0.5).roster
    build = FactsBuilder(Policy())
    facts = {u.sourced_id: build(u) for u in roster.users if u.is_active}
    reps = persons.representatives(facts)
    assert [f.sourced_id for f in reps] == [p.sourced_ids[0] for p in built]


def test_select_misses_no_person_finding() -> None:
    """The findings loop builds only the persons ``select`` yields: every person with a
    finding must be among them."""
    persons, built = _grouped(17, households=300)
    policy = Policy(staff_guardian="separate")
    roster = generate_roster(households=300, seed=17, plant_share=0.5).roster
    build = FactsBuilder(Policy())
    facts = {u.sourced_id: build(u) for u in roster.users if u.is_active}
    chosen = {p.sourced_ids for p in persons.select(may_have_person_findings)}
    for p in built:
        if list(person_findings(p, policy, facts, roster.students_of)):
            assert p.sourced_ids in chosen


def test_not_created_copies() -> None:
    persons, built = _grouped(21)
    changed = persons.not_created([0, 2])
    assert [p.will_be_created for p in changed][:3] == [False, True, False]
    assert all(p.will_be_created for p in persons)  # the original is unchanged
    assert changed.shapes()[(built[0].families, False, 1, False)] >= 1


def test_pickle_round_trip_rebuilds_the_role_cache() -> None:
    persons, built = _grouped(23)
    copy = pickle.loads(pickle.dumps(persons))
    assert copy == built and list(copy) == built


def test_match_result_takes_any_sequence_of_persons() -> None:
    roster = read_rest_users(
        {
            "users": [
                {
                    "sourcedId": "g1",
                    "role": "parent",
                    "givenName": "Ann",
                    "familyName": "Lee",
                    "email": "ann@x.org",
                },
                {"sourcedId": "g2", "role": "parent", "givenName": "Bo", "familyName": "Lee"},
            ]
        }
    )
    result = match(roster)
    assert isinstance(result.persons, Persons)
    as_tuple = attrs.evolve(result, persons=tuple(result.persons))
    assert isinstance(as_tuple.persons, Persons)
    assert as_tuple.persons == result.persons and as_tuple.summary() == result.summary()
    # (Bo, a guardian with no email or SMS phone, is no account: the sync adds none such)
    assert result.records_matched == 2 and result.accounts_created == 1
    assert MatchResult.__attrs_attrs__.persons.converter is not None  # type: ignore[attr-defined]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), share=st.floats(0.0, 1.0))
def test_summary_counts_equal_counts_over_built_persons(seed: int, share: float) -> None:
    """Property: the counts a summary reads off the facts equal the counts over the
    persons built one by one, and every record is in exactly one person."""
    gen = generate_roster(households=25, seed=seed, plant_share=share)
    result = match(gen.roster)
    built = list(result.persons)
    ids = [sid for p in built for sid in p.sourced_ids]
    assert len(ids) == len(set(ids)) == result.records_matched
    assert result.accounts_created == sum(p.will_be_created for p in built)
    summary = result.summary()
    by_family: Counter[str] = Counter()
    for p in built:
        if not p.will_be_created:
            continue
        for family in (RoleFamily.STAFF, RoleFamily.GUARDIAN, RoleFamily.STUDENT):
            if family in p.families:
                by_family[family.value] += 1
        if not p.families - {RoleFamily.UNKNOWN}:
            by_family["unknown"] += 1
    assert summary["accounts_by_role_family"] == dict(sorted(by_family.items()))
    assert summary["multi_role_persons"] == sum(p.is_multi_role for p in built)
    assert summary["fragile_merges"] == sum(bool(p.fragile) for p in built)
    assert summary["merged_records"] == sum(
        len(p.sourced_ids) for p in built if len(p.sourced_ids) > 1
    )


def test_single_person_uses_the_shared_role_names() -> None:
    persons, _ = _grouped(29)
    names = RoleNames()
    facts = [item for item in persons._items if not isinstance(item, Person)][:50]
    built = [single_person(f, names) for f in facts]
    by_roles: dict[tuple[str, ...], tuple[str, ...]] = {}
    for p in built:
        assert by_roles.setdefault(p.roles, p.roles) is p.roles  # one tuple per role set
