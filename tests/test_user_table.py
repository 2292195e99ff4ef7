"""Users kept as columns (``_user_table``): the same users, results and reports as a
roster of ``User`` objects."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import random
from array import array
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import write

from oneroster_identity import Roster, User, read_roster, read_sample
from oneroster_identity._user_table import FIELDS, UserColumns
from oneroster_identity.match import FactsBuilder, is_stand_in_birth_date, match
from oneroster_identity.models import Role, RoleAssignment, SortedUsers, Status, user_columns
from oneroster_identity.policy import DEFAULT_POLICY
from oneroster_identity.report import write_json


@pytest.fixture(scope="module")
def sample() -> Roster:
    return read_sample()


def _as_objects(roster: Roster) -> Roster:
    """The same roster with its users as a tuple of ``User`` objects."""
    return attrs.evolve(roster, users=tuple(roster.users))


def test_a_csv_roster_keeps_its_users_as_columns(sample: Roster) -> None:
    users = sample.users
    assert isinstance(users, UserColumns)
    objects = tuple(users)
    assert all(type(u) is User for u in objects)
    assert [u.sourced_id for u in objects] == sorted(u.sourced_id for u in objects)
    assert users == objects and objects == users and list(users) == list(objects)
    assert users[0] == objects[0] and users[-1] == objects[-1]
    assert users[1:4] == objects[1:4] and users[::-7] == objects[::-7]
    with pytest.raises(IndexError):
        users[len(users)]
    assert users != objects[:-1] and users != "abc"
    assert repr(users) == f"<UserColumns of {len(users)} users>"


def test_every_column_equals_the_users_fields(sample: Roster) -> None:
    users = sample.users
    assert isinstance(users, SortedUsers)
    objects = tuple(users)
    for name in (*FIELDS, "families"):
        expected = [getattr(u, name) for u in objects]
        assert list(users.column(name)) == expected, name
        assert [users.value(i, name) for i in range(len(users))] == expected, name
    assert list(users.column("display_name")) == [u.display_name for u in objects]
    assert users.value(3, "is_active") == objects[3].is_active
    rows = list(user_columns(users, "sourced_id", "email", "families"))
    assert rows == [(u.sourced_id, u.email, u.families) for u in objects]
    assert list(user_columns(objects, "email")) == [(u.email,) for u in objects]


def test_users_are_found_by_sourced_id(sample: Roster) -> None:
    users = sample.users
    assert isinstance(users, SortedUsers)
    for index in (0, len(users) // 2, len(users) - 1):
        user = users[index]
        assert users.index_of(user.sourced_id) == index
        assert sample.users_by_id[user.sourced_id] == user
        assert user.sourced_id in sample.users_by_id
    ids = list(users.column("sourced_id"))
    # in order (the hint), backwards and with equal strings that are other objects
    assert [users.index_of(sid) for sid in ids] == list(range(len(ids)))
    assert [users.index_of(sid) for sid in reversed(ids)] == list(reversed(range(len(ids))))
    copies = ["".join(list(sid)) for sid in ids]
    assert [users.index_of(sid) for sid in copies] == list(range(len(ids)))
    assert users.index_of("no such user") is None
    assert "no such user" not in sample.users_by_id and 12 not in sample.users_by_id
    with pytest.raises(KeyError):
        sample.users_by_id["no such user"]
    assert list(sample.users_by_id) == [u.sourced_id for u in users]
    assert len(sample.users_by_id) == len(users)


def test_repeated_values_come_back_as_the_objects_read(sample: Roster) -> None:
    users = sample.users
    roles = {id(u.roles) for u in users}
    assert len(roles) < len(users) / 10  # shared tuples, kept as codes, not copies
    first, second = users[0], users[0]
    assert first is not second and first == second
    assert first.roles is second.roles and first.given_name is second.given_name


def test_pickled_columns_are_equal(sample: Roster) -> None:
    again = pickle.loads(pickle.dumps(sample.users))
    assert isinstance(again, UserColumns) and again == sample.users


def test_match_and_report_are_the_same_over_columns_and_objects(sample: Roster) -> None:
    columns, objects = match(sample), match(_as_objects(sample))
    assert columns.facts == objects.facts
    for sid, facts in columns.facts.items():
        user = objects.facts[sid].user
        assert facts.user == user and facts.sourced_id == sid
        assert facts.user_value("grades") == user.grades
        assert facts.user_value("org_sourced_ids") == user.org_sourced_ids
        born = user.birth_date
        # a stand-in date (1900-01-01) or one after the export is kept on the user and
        # left out of the facts
        unreal = born is not None and (
            is_stand_in_birth_date(born)
            or (columns.export_date is not None and born > columns.export_date)
        )
        assert facts.birth_date == (None if unreal else born)
        assert objects.facts[sid].birth_date == facts.birth_date
    assert any(f.user.birth_date and not f.birth_date for f in columns.facts.values())
    assert columns.export_date == objects.export_date is not None
    texts = []
    for result in (columns, objects):
        out = io.StringIO()
        write_json(result, out, source="sample")
        texts.append(out.getvalue())
    assert texts[0] == texts[1]
    assert pickle.loads(pickle.dumps(columns)).facts == columns.facts


def test_column_facts_know_no_other_roster(sample: Roster) -> None:
    facts = FactsBuilder(DEFAULT_POLICY).of_active(sample.users)
    one = next(iter(facts.values()))
    stray = attrs.evolve(one, user="not-in-the-roster")
    assert stray.sourced_id == "not-in-the-roster"
    with pytest.raises(LookupError):
        stray.user  # noqa: B018
    with pytest.raises(LookupError):
        stray.user_value("grades")


def test_inactive_and_absent_columns(tmp_path: Path) -> None:
    write(tmp_path / "manifest.csv", "propertyName,value\noneroster.version,1.1\n")
    write(
        tmp_path / "users.csv",
        "sourcedId,status,role,givenName,familyName,email\n"
        "b2,tobedeleted,parent,Bo,Ng,bo@x.org\n"
        "a1,active,parent,Al,Ng,al@x.org\n",
    )
    roster = read_roster(tmp_path)
    assert isinstance(roster.users, UserColumns)
    assert [u.status for u in roster.users] == [Status.ACTIVE, Status.TO_BE_DELETED]
    assert [u.sms for u in roster.users] == ["", ""]  # no sms column: one value, kept once
    assert roster.users[1].provenance is not None and roster.users[1].provenance.line == 2
    result = match(roster)
    assert list(result.facts) == ["a1"] and [e.sourced_id for e in result.excluded] == ["b2"]


_ROLES = [
    (RoleAssignment(role=Role.PARENT, role_raw="parent"),),
    (RoleAssignment(role=Role.STUDENT, role_raw="student"),),
    (),
]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Ana", "Bo", ""]),
            st.sampled_from(["", "x@y.org", "z@y.org"]),
            st.integers(0, 2),
            st.none() | st.dates(dt.date(2010, 1, 1), dt.date(2010, 1, 3)),
        ),
        max_size=30,
    ),
    st.randoms(use_true_random=False),
)
def test_columns_from_any_row_order_equal_sorted_users(
    rows: list[tuple[str, str, int, dt.date | None]], shuffle: random.Random
) -> None:
    users = [
        User(
            sourced_id=f"u{i:03d}",
            given_name=given,
            email=email,
            roles=_ROLES[role],
            birth_date=born,
        )
        for i, (given, email, role, born) in enumerate(rows)
    ]
    shuffle.shuffle(users)
    lists: dict[str, list[Any]] = {
        "sourced_id": [u.sourced_id for u in users],
        "given_name": [u.given_name for u in users],
        "email": [u.email for u in users],
        "roles": [u.roles for u in users],
        "birth_date": [u.birth_date for u in users],
    }
    defaults = {
        f.name: f.default
        for f in attrs.fields(User)
        if f.init and f.name not in lists and f.name != "provenance"
    }
    lines = array("I", range(2, len(users) + 2))
    table = UserColumns.from_lists(lists, defaults, "users.csv", lines)
    expected = sorted((attrs.evolve(u, provenance=None) for u in users), key=lambda u: u.sourced_id)
    assert table == expected
    assert [u.families for u in table] == [u.families for u in expected]
    assert list(table.column("families")) == [u.families for u in expected]
    by_line = {u.sourced_id: line for u, line in zip(users, lines, strict=True)}
    assert [u.provenance.line for u in table if u.provenance] == [
        by_line[u.sourced_id] for u in expected
    ]


def test_rest_columns_keep_json_paths_through_pickling_and_a_delta(
    sample: Roster, tmp_path: Path
) -> None:
    from oneroster_identity.io import write_rest_roster
    from oneroster_identity.models import Provenance

    path = write_rest_roster(sample, tmp_path / "pages.json", page_size=50)
    rest = read_roster(path)
    assert isinstance(rest.users, UserColumns) and rest.users == sample.users
    where = {u.sourced_id: u.provenance for u in rest.users}
    first = sample.users[0].sourced_id
    assert where[first] is not None and where[first].path is not None
    assert where[first].path.startswith("$[") and where[first].line is None
    assert len({p.path for p in where.values() if p}) == len(where)  # one path each
    again = pickle.loads(pickle.dumps(rest.users))
    assert [u.provenance for u in again] == list(where.values())
    changed = attrs.evolve(
        rest.users[0], given_name="Changed", provenance=Provenance(file="d.csv", line=2)
    )
    added = attrs.evolve(
        rest.users[0], sourced_id="zz-new", provenance=Provenance(file="d.csv", line=3)
    )
    replaced = rest.users.replaced({first: changed, "zz-new": added})
    assert replaced.by_id()[first].given_name == "Changed"
    provenance = {u.sourced_id: u.provenance for u in replaced}
    assert provenance[first] == Provenance(file="d.csv", line=2)
    assert provenance["zz-new"] == Provenance(file="d.csv", line=3)
    others = [sid for sid in where if sid != first]
    assert [provenance[sid] for sid in others] == [where[sid] for sid in others]
