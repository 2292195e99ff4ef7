"""A person of one name: the FNU/LNU marks, the conventions, and what the matcher makes of
records writing one such name two ways (``normalize._one_name``, session 37)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import follow_advice, per_child_records, user

from oneroster_identity import Policy, check_existing, read_existing_accounts, read_rest_users
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.match._fixes import NAME_ORDER
from oneroster_identity.models import Roster
from oneroster_identity.normalize import (
    NameDifference,
    PersonName,
    compare_names,
    is_unknown_name_mark,
    name_key,
    one_name,
)
from oneroster_identity.normalize._one_name import UNKNOWN_NAME_MARKS, is_placeholder_family_name


@pytest.mark.parametrize(
    ("value", "mark"),
    [
        ("FNU", True),
        ("fnu", True),
        ("Lnu", True),
        ("F.N.U.", True),
        ("L. N. U.", True),
        ("NFN", True),
        ("NLN", True),
        ("Fu", False),
        ("Funu", False),
        ("FNU-2", False),
        ("Nguyen", False),
        ("", False),
    ],
)
def test_unknown_name_marks(value: str, mark: bool) -> None:
    assert is_unknown_name_mark(value) is mark


def _one(given: str, family: str) -> str:
    return one_name(given, family, name_key(given), name_key(family))


@pytest.mark.parametrize(
    ("given_name", "family", "expected"),
    [
        ("Zainab", "FNU", "zainab"),
        ("FNU", "Zainab", "zainab"),
        ("Zainab", "LNU", "zainab"),
        ("Zainab", "Zainab", "zainab"),
        ("ZAINAB", "Zainab", "zainab"),
        ("Zainab", "", "zainab"),
        ("", "Zainab", "zainab"),
        ("Zainab", "-", "zainab"),
        ("Htoo Paw", "FNU", "htoo paw"),
        ("Zainab", "Rahimi", ""),
        ("FNU", "LNU", ""),
        ("FNU", "", ""),
        ("", "", ""),
    ],
)
def test_one_name_reads_each_convention(given_name: str, family: str, expected: str) -> None:
    assert _one(given_name, family) == expected


def _name(parts: tuple[str, str]) -> PersonName:
    return PersonName(given=parts[0], family=parts[1])


def _kind(a: tuple[str, str], b: tuple[str, str]) -> NameDifference:
    return compare_names(_name(a), _name(b)).kind


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        (("Zainab", "FNU"), ("Zainab", "Zainab"), NameDifference.ONE_NAME),
        (("FNU", "Zainab"), ("Zainab", "LNU"), NameDifference.ONE_NAME),
        (("Fatima", "LNU"), ("Fatima", ""), NameDifference.ONE_NAME),
        (("Ali", "FNU"), ("FNU", "Ali"), NameDifference.ONE_NAME),
        (("Zainab", ""), ("Zainab", "Zainab"), NameDifference.ONE_NAME),
        # a family-name mark is no family name: beside another one, a missing part
        (("Mariam", "LNU"), ("Mariam", "Rahimi"), NameDifference.MISSING),
        # a given-name mark is a word of its own, as a stand-in is: it may be anyone
        (("FNU", "Rahimi"), ("Ahmad", "Rahimi"), NameDifference.DIFFERENT),
        # two one-name people are two names
        (("Zainab", "FNU"), ("Zahra", "FNU"), NameDifference.DIFFERENT),
        (("Zainab", "FNU"), ("Zainab", "FNU"), NameDifference.IDENTICAL),
        (("Zainab", "FNU"), ("ZAINAB", "fnu"), NameDifference.BENIGN),
    ],
)
def test_compare_names_reads_marks_and_one_name_forms(
    a: tuple[str, str], b: tuple[str, str], kind: NameDifference
) -> None:
    assert _kind(a, b) is kind
    assert _kind(b, a) is kind


_WORD = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)
    .map(str.title)
    # (`Null` says no name; `Nfn` is the mark for none, no one's one name)
    .filter(lambda w: not is_placeholder_family_name(w) and w.casefold() not in UNKNOWN_NAME_MARKS)
)
_MARK = st.sampled_from(["FNU", "LNU", "Fnu", "F.N.U.", "NFN", "NLN"])


@st.composite
def _forms(draw: st.DrawFn, word: str) -> tuple[str, str]:
    mark = draw(_MARK)
    return draw(st.sampled_from([(word, mark), (mark, word), (word, word), (word, ""), ("", word)]))


@given(st.data(), _WORD)
def test_any_two_forms_of_one_name_are_one_name(data: st.DataObject, word: str) -> None:
    """Two records writing one person's one name by any two conventions compare as one
    name (or as equal, when they agree), in either order."""
    a = data.draw(_forms(word))
    b = data.draw(_forms(word))
    for x, y in ((a, b), (b, a)):
        kind = _kind(x, y)
        assert kind is NameDifference.ONE_NAME or kind.is_equal, (x, y, kind)
        assert compare_names(_name(x), _name(y)).similarity >= 0.9


@given(_WORD, _WORD, _MARK)
def test_two_one_name_people_never_compare_as_one(a: str, b: str, mark: str) -> None:
    if a.casefold() == b.casefold():
        return
    assert _kind((a, mark), (b, b)) is not NameDifference.ONE_NAME
    assert _kind((mark, a), (b, "")) is not NameDifference.ONE_NAME


def _rest(*users: dict[str, Any]) -> Roster:
    return read_rest_users({"users": list(users)})


def _u(sid: str, role: str, given_name: str, family: str, **kw: Any) -> dict[str, Any]:
    return {"sourcedId": sid, "role": role, "givenName": given_name, "familyName": family, **kw}


def test_a_teacher_parent_of_one_name_written_two_ways_is_a_choice_never_a_fix() -> None:
    """HR writes `Zainab FNU`, the school `Zainab Zainab`; one email and phone. One person,
    two accounts; the district's convention, which the data cannot tell, decides the
    name: a choice of the two forms (both fields at once), no fix, and following either
    option makes one account."""
    users = [
        user("t1", "aide", "Zainab", "FNU", "zainab.z@gmail.com", "617-283-0202"),
        user("g1", "guardian", "Zainab", "Zainab", "zainab.z@gmail.com", "(617) 283-0202"),
        user("t9", "teacher", "Dale", "Ng", "dng@district.k12.example.us"),
    ]
    result = match(Roster(users=users))
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert set(near.sourced_ids) == {"t1", "g1"}
    assert not near.fixes
    (choice,) = near.choices
    assert choice.field == NAME_ORDER
    assert sorted(o.value for o in choice.options) == ["Zainab / FNU", "Zainab / Zainab"]
    assert "cannot tell" in choice.reason
    for pick in range(2):
        fixed = follow_advice(users, [near], lambda c, p=pick: c.options[p])  # type: ignore[misc]
        after = match(Roster(users=fixed))
        assert len(after.persons) == 2  # the person (one account) and the other teacher


def test_an_empty_family_name_beside_a_mark_is_offered_never_written_over() -> None:
    """`Fatima` with no family name on HR, `Fatima LNU` on the school's record: the choice
    offers both forms (the empty field among them); no rule types the mark onto HR."""
    result = match(
        _rest(
            _u("t1", "teacher", "Fatima", "", email="fatima80@gmail.com", sms="617-283-0101"),
            _u("g1", "guardian", "Fatima", "LNU", email="fatima80@gmail.com", sms="617-283-0101"),
        )
    )
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert not near.fixes
    assert [sorted(o.value for o in c.options) for c in near.choices] == [
        ["Fatima / ", "Fatima / LNU"]
    ]


def test_a_given_name_mark_on_a_family_address_is_someone_the_data_cannot_name() -> None:
    """`FNU Noori` beside `Ahmad Noori` on the family's address under one child may be
    Ahmad or the other parent: two people sharing the address, said so, never one person
    with Ahmad's name written over the mark."""
    result = match(
        _rest(
            _u("s1", "student", "Omar", "Noori", agents=[{"sourcedId": "g1"}, {"sourcedId": "g2"}]),
            _u("g1", "guardian", "FNU", "Noori", email="noorifam@gmail.com"),
            _u("g2", "guardian", "Ahmad", "Noori", email="noorifam@gmail.com"),
        )
    )
    assert not [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    (shared,) = [n for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT]
    assert "unknown-name-mark" in shared.tags
    assert "g1 has a mark for an unknown given name" in shared.summary


def test_a_family_name_mark_beside_a_family_name_leaves_the_choice_to_a_person() -> None:
    result = match(
        _rest(
            _u("g1", "guardian", "Mariam", "LNU", email="mariam77@gmail.com", sms="6172830777"),
            _u("g2", "guardian", "Mariam", "Rahimi", email="mariam77@gmail.com", sms="6172830777"),
        )
    )
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert not near.fixes
    assert [(c.field, sorted(o.value for o in c.options)) for c in near.choices] == [
        ("familyName", ["LNU", "Rahimi"])
    ]


@pytest.mark.parametrize(
    ("a", "b"), [(("Ali", "FNU"), ("FNU", "Ali")), (("Sahar", ""), ("Sahar", "Sahar"))]
)
def test_a_child_of_one_name_entered_twice_under_one_guardian(
    a: tuple[str, str], b: tuple[str, str]
) -> None:
    kids = [{"sourcedId": "s1"}, {"sourcedId": "s2"}]
    result = match(
        _rest(
            _u("g1", "parent", "Rosa", "Karimi", email="rkarimi@gmail.com", agents=kids),
            _u("s1", "student", *a, agents=[{"sourcedId": "g1"}]),
            _u("s2", "student", *b, agents=[{"sourcedId": "g1"}]),
        )
    )
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert set(near.sourced_ids) == {"s1", "s2"}
    assert "student-entered-twice" in near.tags


def test_a_mark_is_an_info_finding_on_its_record_with_no_value_suggested() -> None:
    result = match(
        _rest(
            _u("g1", "guardian", "FNU", "Rahimi", email="rahimi@gmail.com"),
            _u("g2", "guardian", "Zainab", "F.N.U.", email="zainab@gmail.com"),
            _u("g3", "guardian", "Zainab", "Rahimi", email="zr@gmail.com"),
        ),
        Policy(),
    )
    marks = sorted(
        (f.sourced_id, f.field, f.severity.value, f.suggested)
        for f in result.findings
        if f.code == "unknown-name-mark"
    )
    assert marks == [("g1", "givenName", "info", None), ("g2", "familyName", "info", None)]
    text = " ".join(f.message for f in result.findings if f.code == "unknown-name-mark")
    assert "Rahimi" not in text and "Zainab" not in text  # no roster value in a message


def _apart(staff: tuple[str, str], guardian: tuple[str, str]) -> list[str]:
    """The name-forms warnings on a teacher and a parent sharing nothing but the name."""
    kid = [{"sourcedId": "s1"}]
    result = match(
        _rest(
            _u("t1", "teacher", *staff, email="t1@district.k12.example.us"),
            _u("t9", "teacher", "Dale", "Ng", email="dng@district.k12.example.us"),
            _u("g1", "parent", *guardian, email="home@gmail.com", sms="6172830202", agents=kid),
            _u("s1", "student", "Omar", "Ahmadi", agents=[{"sourcedId": "g1"}]),
        )
    )
    return sorted(f.code for f in result.findings if f.code.startswith("staff-guardian"))


@pytest.mark.parametrize(
    ("staff", "guardian", "named"),
    [
        (("Zainab", "FNU"), ("Zainab", "Zainab"), True),
        (("FNU", "Mirwais"), ("Mirwais", "LNU"), True),
        (("Htoo Paw", "FNU"), ("Htoo Paw", "Htoo Paw"), True),
        (("Zainab", "FNU"), ("Zahra", "FNU"), False),
        (("FNU", "Abernathy"), ("Mary", "Abernathy"), False),
    ],
)
def test_a_teacher_parent_of_one_name_sharing_nothing_is_named(
    staff: tuple[str, str], guardian: tuple[str, str], named: bool
) -> None:
    """HR's `Zainab FNU` and the school's `Zainab Zainab`, nothing shared: the name-forms
    warning names them as it names a nickname (since session 37: the forms' keys hold a
    one-name person's other conventions); two one-name people, or an unknown given name
    beside a name, are left alone."""
    assert _apart(staff, guardian) == (["staff-guardian-name-forms"] if named else [])


def test_a_third_holder_of_the_one_name_leaves_the_pair_out() -> None:
    """A guardian `Sahar LNU` besides `Sahar FNU` under the teacher `Sahar Sahar`: whose
    form is the teacher's? Left out, as for any name form two others hold."""
    kid = [{"sourcedId": "s1"}]
    result = match(
        _rest(
            _u("t1", "teacher", "Sahar", "Sahar", email="t1@district.k12.example.us"),
            _u("g1", "parent", "Sahar", "FNU", email="a@gmail.com", sms="6172830204", agents=kid),
            _u("g2", "parent", "Sahar", "LNU", email="b@gmail.com", sms="6172830205"),
            _u("s1", "student", "Ali", "Karimi", agents=[{"sourcedId": "g1"}]),
        )
    )
    assert not [f for f in result.findings if f.code == "staff-guardian-name-forms"]


@pytest.mark.parametrize("stand_in", ["N/A", "Unknown", "NONE"])
def test_a_family_name_stand_in_is_no_family_name(stand_in: str) -> None:
    """`N/A` or `Unknown` for a family name says the record has none, as `LNU` does:
    beside the person's family name a missing one, beside the one name the one-name
    convention. A stand-in is never a value to type or to choose: its own finding says
    to type the name (since session 37; before, `Mariam N/A` beside `Mariam Rahimi` on
    one email and phone compared as two family names)."""
    assert _kind(("Mariam", stand_in), ("Mariam", "Rahimi")) is NameDifference.MISSING
    assert _kind(("Zainab", stand_in), ("Zainab", "Zainab")) is NameDifference.ONE_NAME
    result = match(
        _rest(
            _u("g1", "guardian", "Mariam", stand_in, email="m77@gmail.com", sms="6172830777"),
            _u("g2", "guardian", "Mariam", "Rahimi", email="m77@gmail.com", sms="6172830777"),
            _u("g3", "guardian", "Zainab", stand_in, email="zz@gmail.com", sms="6172830778"),
            _u("g4", "guardian", "Zainab", "Zainab", email="zz@gmail.com", sms="6172830778"),
            _u("g5", "guardian", "Sahar", stand_in, email="ss@gmail.com", sms="6172830779"),
            _u("g6", "guardian", "Sahar", "FNU", email="ss@gmail.com", sms="6172830779"),
            _u("g7", "guardian", "Sahar", "Sahar", email="ss@gmail.com", sms="6172830779"),
        )
    )
    advice = {
        frozenset(n.sourced_ids): (
            [(f.sourced_id, f.field, f.suggested, f.rule) for f in n.fixes],
            [sorted(o.value for o in c.options) for c in n.choices],
        )
        for n in result.near_misses
        if n.kind is NearMissKind.LIKELY_SAME
    }
    assert advice == {
        frozenset({"g1", "g2"}): ([("g1", "familyName", "Rahimi", "only-value")], []),
        frozenset({"g3", "g4"}): ([("g3", "familyName", "Zainab", "only-value")], []),
        frozenset({"g5", "g6", "g7"}): ([], [["Sahar / FNU", "Sahar / Sahar"]]),
    }


def test_an_app_account_beside_a_stand_in_or_another_convention(tmp_path: Path) -> None:
    """The accounts already in the app: `Mariam Rahimi` beside the SIS's `Mariam N/A` on
    one email and phone is her account, and the SIS takes the name (a stand-in is never
    typed over a name, into the app or anywhere); `Zainab FNU` beside the SIS's `Zainab
    Zainab` takes the SIS form before the first sync, as the app's guidance has it (the
    SIS stays the source of truth)."""
    roster = _rest(
        _u("g1", "parent", "Zainab", "Zainab", email="zz@gmail.com", sms="617-842-3190"),
        _u("g2", "parent", "Mariam", "N/A", email="mm@gmail.com", sms="617-842-3191"),
    )
    path = tmp_path / "accounts.csv"
    path.write_text(
        "account_id,first_name,last_name,email,phone,role,joined,grade,school\n"
        "A1,Zainab,FNU,zz@gmail.com,617-842-3190,parent,yes,,\n"
        "A2,Mariam,Rahimi,mm@gmail.com,617-842-3191,parent,yes,,\n",
        encoding="utf-8",
    )
    check = check_existing(roster, match(roster), read_existing_accounts(path))
    updates = {
        a.account_id: [(f.sourced_id, f.field, f.current, f.suggested) for f in a.updates]
        for a in check.accounts
    }
    assert updates == {
        "A1": [("account:A1", "familyName", "FNU", "Zainab")],
        "A2": [("g2", "familyName", "N/A", "Rahimi")],
    }


def test_stand_ins_on_every_record_offer_nothing_to_type() -> None:
    """`Mariam N/A` beside `Mariam Unknown` on one email and phone: one person, and no
    form of the name to offer (a choice between two stand-ins would ask a person to pick
    a non-name); the item says the records' findings ask for the family name."""
    result = match(
        _rest(
            _u("g1", "guardian", "Mariam", "N/A", email="m77@gmail.com", sms="6172830777"),
            _u("g2", "guardian", "Mariam", "Unknown", email="m77@gmail.com", sms="6172830777"),
        )
    )
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert near.fixes == () and near.choices == ()
    assert "see their findings" in near.summary
    assert sorted(f.sourced_id for f in result.findings if f.code == "placeholder-name") == [
        "g1",
        "g2",
    ]


def test_a_stand_in_family_name_beside_an_empty_one_is_emptied_whatever_the_given_names() -> None:
    """`R.` / `` beside `Robert` / `N/A`, one address and phone: the fixes type `Robert`
    and empty the stand-in in one round (since session 66 the stand-in's record takes the
    empty field, as a one-name person's forms do; before, only once the initial was
    typed `Robert` did the next round empty it). The stand-in's finding still asks for
    the person's family name; a spreadsheet's `#N/A` is left to its own."""
    base = {"email": "rng@gmail.com", "sms": "6035552368"}
    for family, emptied in (("N/A", True), ("Unknown", True), ("#N/A", False)):
        users = per_child_records(
            [{"given": "Robert", "family": family, **base}, {"given": "R.", "family": "", **base}],
            children="Ng",
        )
        result = match(Roster(users=users))
        (near,) = result.near_misses
        fixes = {(f.sourced_id, f.field, f.suggested, f.rule) for f in near.fixes}
        assert ("g2", "givenName", "Robert", "full-name") in fixes
        assert (("g1", "familyName", "", "only-value") in fixes) is emptied, family


def test_the_one_form_left_is_typed_without_its_mark() -> None:
    """`Robert 2` / `N/A` beside `Robert 2` / ``: one round types `Robert` on both records
    and empties the stand-in (since session 66; before, the number was dropped only in
    the next round, once the records were no longer a one-name reading)."""
    base = {"email": "rng@gmail.com", "sms": "6035552368"}
    users = per_child_records(
        [
            {"given": "Robert 2", "family": "N/A", **base},
            {"given": "Robert 2", "family": "", **base},
        ],
        children="Ng",
    )
    (near,) = match(Roster(users=users)).near_misses
    assert sorted((f.sourced_id, f.field, f.suggested, f.rule) for f in near.fixes) == [
        ("g1", "familyName", "", "only-value"),
        ("g1", "givenName", "Robert", "no-number"),
        ("g2", "givenName", "Robert", "no-number"),
    ]
