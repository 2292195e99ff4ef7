"""Positional slot builders: the same objects as the classes' own constructors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import write

from oneroster_identity import Provenance, Role, RoleAssignment, Status, User, read_roster
from oneroster_identity._slots import slot_builder
from oneroster_identity.compare._snapshot import RecordValues
from oneroster_identity.match._model import Person
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.models import RoleFamily, UserId
from oneroster_identity.normalize import PersonName, normalize_email, normalize_phone

text = st.text(max_size=8)
texts = st.lists(text, max_size=3)
FAMILIES = st.frozensets(st.sampled_from(list(RoleFamily)))


def _same(a: object, b: object) -> None:
    """Equal, and every field (those outside equality too) holds an equal value."""
    assert a == b
    for field in attrs.fields(type(a)):
        assert getattr(a, field.name) == getattr(b, field.name), field.name


def _in_field_order(cls: type, fields: dict[str, Any]) -> list[Any]:
    return [fields[f.alias] for f in attrs.fields(cls) if f.init]


@given(
    st.fixed_dictionaries(
        {
            "sourced_id": text,
            "given_name": text,
            "family_name": text,
            "middle_name": text,
            "preferred_given_name": text,
            "preferred_middle_name": text,
            "preferred_family_name": text,
            "pronouns": text,
            "status": st.sampled_from(list(Status)),
            "date_last_modified": st.none() | st.datetimes(timezones=st.just(dt.UTC)),
            "enabled_user": st.none() | st.booleans(),
            "roles": st.lists(
                st.builds(
                    RoleAssignment,
                    role=st.sampled_from(list(Role)),
                    role_raw=text,
                    org_sourced_id=st.none() | text,
                ),
                max_size=3,
            ).map(tuple),
            "primary_org_sourced_id": st.none() | text,
            "username": text,
            "user_ids": st.lists(st.builds(UserId, type=text, identifier=text), max_size=2).map(
                tuple
            ),
            "identifier": text,
            "email": text,
            "sms": text,
            "phone": text,
            "agent_sourced_ids": texts,  # a list: the converter makes it a tuple
            "grades": texts,
            "user_master_identifier": text,
            "birth_date": st.none() | st.dates(),
            "sex": text,
            "provenance": st.none() | st.builds(Provenance, file=text, line=st.integers(1, 99)),
            "extensions": st.lists(st.tuples(text, text), max_size=2).map(tuple),
        }
    )
)
def test_user_builder_equals_the_constructor(fields: dict[str, Any]) -> None:
    built = slot_builder(User)(*_in_field_order(User, fields))
    _same(built, User(**fields))
    assert isinstance(built.agent_sourced_ids, tuple) and isinstance(built.grades, tuple)
    assert built.families == frozenset(r.family for r in fields["roles"])


@given(st.data())
def test_facts_and_person_builders_equal_the_constructors(data: st.DataObject) -> None:
    user = User(sourced_id=data.draw(text))
    facts = {
        "user": user,
        "name": PersonName(given=data.draw(text), family=data.draw(text)),
        "name_key": (data.draw(text), data.draw(text)),
        "email": normalize_email(data.draw(st.sampled_from(["", "a@b.org", "x at y"]))),
        "phone": normalize_phone(data.draw(st.sampled_from(["", "603-555-2368", "12"]))),
        "phone_field": data.draw(st.sampled_from(["sms", "phone"])),
        "home_phone": normalize_phone(""),
        "families": data.draw(FAMILIES),
        "birth_date": data.draw(st.none() | st.dates()),
        "_users": None,
    }
    _same(slot_builder(RecordFacts)(*_in_field_order(RecordFacts, facts)), RecordFacts(**facts))
    person = {
        "sourced_ids": tuple(data.draw(texts)),
        "families": data.draw(FAMILIES),
        "roles": tuple(data.draw(texts)),
        "given_name": data.draw(text),
        "family_name": data.draw(text),
        "email": data.draw(text),
        "phone": data.draw(text),
        "has_contact": data.draw(st.booleans()),
        "fragile": (),
        "will_be_created": data.draw(st.booleans()),
    }
    _same(slot_builder(Person)(*_in_field_order(Person, person)), Person(**person))
    where = {"file": data.draw(text), "line": data.draw(st.none() | st.integers()), "path": None}
    _same(slot_builder(Provenance)(*_in_field_order(Provenance, where)), Provenance(**where))
    values = {k: data.draw(text) for k in ("given", "family", "email", "sms")}
    _same(
        slot_builder(RecordValues)(*_in_field_order(RecordValues, values)), RecordValues(**values)
    )


def test_inherited_fields_are_set_through_the_declaring_class() -> None:
    @attrs.frozen
    class Base:
        a: int

    @attrs.frozen
    class Child(Base):
        b: str

    assert slot_builder(Child)(1, "x") == Child(a=1, b="x")


def test_classes_the_builder_would_misbuild_are_refused() -> None:
    @attrs.frozen
    class Checked:
        value: int = attrs.field(validator=attrs.validators.instance_of(int))

    @attrs.frozen
    class Hooked:
        value: int

        def __attrs_post_init__(self) -> None:
            pass

    @attrs.frozen(slots=False)
    class Unslotted:
        value: int

    @attrs.frozen
    class PlainDefault:
        value: int
        derived: int = attrs.field(init=False, default=0)

    for cls in (Checked, Hooked, Unslotted, PlainDefault):
        with pytest.raises(TypeError):
            slot_builder(cls)


def test_the_reader_puts_every_column_in_its_field(tmp_path: Path) -> None:
    """The reader passes a user's fields positionally: each column must land in its own
    field (every cell distinct, so a swapped pair of arguments shows)."""
    header = (
        "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,"
        "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,"
        "userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,"
        "primaryOrgSourcedId,pronouns,metadata.extra\n"
    )
    row = (
        "u1,active,2024-01-02,false,uname,{LDAP:L1},Given,Family,Middle,ident,e@x.org,"
        "603-555-2368,603-555-2369,g1,03,pw,master,PGiven,PMiddle,PFamily,org1,they,ext\n"
        "g1,active,,,,,G,Guard,,,,,,,,,,,,,,,\n"
    )
    write(tmp_path / "users.csv", header + row)
    write(
        tmp_path / "roles.csv",
        "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
        "orgSourcedId,userProfileSourcedId\n"
        "r1,,,u1,primary,student,,,org1,\nr2,,,g1,primary,parent,,,org1,\n",
    )
    write(
        tmp_path / "demographics.csv",
        "sourcedId,status,dateLastModified,birthDate,sex\nu1,,,2015-03-04,female\n",
    )
    (user, _) = sorted(read_roster(tmp_path).users, key=lambda u: u.sourced_id != "u1")
    assert (user.sourced_id, user.status, user.enabled_user) == ("u1", Status.ACTIVE, False)
    assert user.date_last_modified is not None and user.date_last_modified.year == 2024
    assert (user.username, user.user_ids) == ("uname", (UserId(type="LDAP", identifier="L1"),))
    assert (user.given_name, user.family_name, user.middle_name) == ("Given", "Family", "Middle")
    assert (user.identifier, user.email, user.sms, user.phone) == (
        "ident",
        "e@x.org",
        "603-555-2368",
        "603-555-2369",
    )
    assert (user.agent_sourced_ids, user.grades, user.user_master_identifier) == (
        ("g1",),
        ("03",),
        "master",
    )
    assert (user.preferred_given_name, user.preferred_middle_name) == ("PGiven", "PMiddle")
    assert (user.preferred_family_name, user.primary_org_sourced_id) == ("PFamily", "org1")
    assert (user.pronouns, user.birth_date, user.sex) == ("they", dt.date(2015, 3, 4), "female")
    assert user.provenance == Provenance(file="users.csv", line=2)
    assert user.extensions == (("metadata.extra", "ext"),)
    assert [r.role for r in user.roles] == [Role.STUDENT]
    assert user.families == frozenset({RoleFamily.STUDENT})
