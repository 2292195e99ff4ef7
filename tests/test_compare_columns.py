"""``compare._columns``: the compact records and persons of a snapshot behave as the dict
and tuple they replace."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneroster_identity.compare._columns import (
    PackedStrings,
    PersonIds,
    PersonIdsBuilder,
    RecordColumns,
)
from oneroster_identity.compare._diff import _contact_differences
from oneroster_identity.compare._snapshot import RecordValues

TEXT = st.text(max_size=6) | st.sampled_from(
    ["", "a@x.org", "Jos\u00e9", "\U0001f600", "6035550100"]
)
IDS = st.text(alphabet="abcdef", min_size=1, max_size=3)
ROWS = st.lists(st.tuples(IDS, TEXT, TEXT, TEXT, TEXT), max_size=25)


@given(st.lists(TEXT, max_size=30))
def test_packed_strings_are_the_list(values: list[str]) -> None:
    packed = PackedStrings(values)
    assert list(packed) == values and len(packed) == len(values)
    assert [packed[i] for i in range(-len(values), len(values))] == values + values
    for outside in (len(values), -len(values) - 1):  # as a list: out of range
        with pytest.raises(IndexError):
            packed[outside]
    assert list(packed[1:-1]) == values[1:-1]
    assert list(pickle.loads(pickle.dumps(packed))) == values


@settings(max_examples=200)
@given(ROWS, st.lists(IDS, max_size=5))
def test_record_columns_are_the_dict(rows: list[tuple[str, ...]], probes: list[str]) -> None:
    expected = {sid: RecordValues(given=g, family=f, email=e, sms=s) for sid, g, f, e, s in rows}
    columns = RecordColumns.of(rows, RecordValues)  # type: ignore[arg-type]
    assert list(columns) == sorted(expected)
    assert len(columns) == len(expected)
    assert columns == expected and dict(columns.items()) == expected
    assert list(columns.values()) == [expected[sid] for sid in sorted(expected)]
    assert [columns.contact(sid) for sid in sorted(expected)] == [
        (expected[sid].email, expected[sid].sms) for sid in sorted(expected)
    ]
    for sid in [*expected, *probes, 5]:
        assert (sid in columns) == (sid in expected)
        assert columns.get(sid) == expected.get(sid)  # type: ignore[call-overload]
    assert list(columns.rows()) == [
        (sid, v.given, v.family, v.email, v.sms) for sid, v in sorted(expected.items())
    ]
    again = pickle.loads(pickle.dumps(columns))
    assert isinstance(again, RecordColumns) and again == expected
    # From columns in the rows' own order, repeats included: the last row of a sourcedId
    # wins, as in the dict.
    ids, given, family, email, sms = ([row[i] for row in rows] for i in range(5))
    by_columns = RecordColumns.from_columns(ids, given, family, email, sms, RecordValues)
    assert list(by_columns) == sorted(expected) and by_columns == expected


@given(st.lists(st.lists(IDS, min_size=1, max_size=3).map(tuple), max_size=20))
def test_person_ids_are_the_tuple(persons: list[tuple[str, ...]]) -> None:
    compact = PersonIds(persons)
    assert compact == tuple(persons) and list(compact) == persons
    assert [compact[i] for i in range(-len(persons), len(persons))] == persons + persons
    for outside in (len(persons), -len(persons) - 1):  # as a tuple: out of range
        with pytest.raises(IndexError):
            compact[outside]
    assert compact.several() == [p for p in persons if len(p) > 1]
    assert pickle.loads(pickle.dumps(compact)) == persons
    assert compact != "not persons"
    parts = PersonIdsBuilder()
    for person in persons:
        parts.append(person)
    assert parts.build() == compact


def _differences_by_lookup(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, ...]]:
    return list(_contact_differences(dict(old), dict(new)))


@settings(max_examples=200)
@given(ROWS, ROWS)
def test_contact_differences_walked_side_by_side_are_the_lookups(
    old_rows: list[tuple[str, ...]], new_rows: list[tuple[str, ...]]
) -> None:
    old = RecordColumns.of(old_rows, RecordValues)  # type: ignore[arg-type]
    new = RecordColumns.of(new_rows, RecordValues)  # type: ignore[arg-type]
    walked = list(_contact_differences(old, new))
    assert walked == _differences_by_lookup(dict(old.items()), dict(new.items()))


@settings(max_examples=6, deadline=None)
@given(st.integers(min_value=0, max_value=1000), st.booleans())
def test_comparing_results_is_comparing_their_snapshots(seed: int, hashed: bool) -> None:
    """A comparison given results, snapshots or a mix gives one answer, hashed or not."""
    import random

    import attrs

    from oneroster_identity import Roster
    from oneroster_identity.compare import Snapshot, compare
    from oneroster_identity.match import match
    from oneroster_identity.synthetic import generate_roster

    roster = generate_roster(households=40, seed=seed, plant_share=0.3).roster
    rng = random.Random(seed)
    tonight = [
        attrs.evolve(u, email="x" + u.email) if u.email and rng.random() < 0.1 else u
        for u in roster.users
        if rng.random() > 0.05
    ]
    old, new = match(roster), match(Roster(users=tonight))
    key = b"k" if hashed else None
    a, b = Snapshot.from_result(old), Snapshot.from_result(new)
    if hashed:
        a = a.with_hashed_contacts(b"k")
    expected = compare(a, b, hash_key=key)
    assert compare(a, new, hash_key=key) == expected
    if not hashed:
        assert compare(old, new) == expected
        assert expected.contact_changes  # the test changes emails: something to find
