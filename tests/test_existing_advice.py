"""The existing-accounts check's advice, typed: it keeps the account, or says what it
holds back, and never has a value typed that reaches no one (since session 64).

``benchmarks/measure_existing_advice.py`` counts the same on seeded draws: on session
63's code 57 of 774 accounts advised kept no account once the advice was typed, with
nothing said of the field still apart, and 230 had a value typed that its own finding
flags (a toll-free number into the account, a name with its number)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.test_existing import _SIS_EMAIL, _SIS_FAMILY, _SIS_GIVEN, _SIS_SMS, _guardian_account

from oneroster_identity import apply_fixes, decided_fixes, read_rest_users
from oneroster_identity.diagnostics import Severity
from oneroster_identity.existing import (
    AccountCheck,
    AccountOutcome,
    ExistingAccount,
    ExistingAccounts,
    check_existing,
)
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.models import Roster

Values = tuple[str, str, str, str]
_SIS = {"givenName": "given_name", "familyName": "family_name", "email": "email", "sms": "sms"}
_APP = {"givenName": "first_name", "familyName": "last_name", "email": "email", "sms": "phone"}
_FIELDS = ("givenName", "familyName", "email", "sms")
_HELD = re.compile(r"no update is listed for (\w+)")


def _roster(*records: Values) -> Roster:
    """A parent's records ``g1``, ``g2``..., each a guardian of a child of its own, and a
    teacher."""
    users: list[dict[str, object]] = [
        {
            "sourcedId": "t1",
            "role": "teacher",
            "givenName": "Eve",
            "familyName": "Stone",
            "email": "estone@springfield.k12.us",
        }
    ]
    for i, values in enumerate(records, 1):
        users.append(
            {
                "sourcedId": f"g{i}",
                "role": "parent",
                **dict(zip(_FIELDS, values, strict=True)),
                "agentSourcedIds": [f"s{i}"],
            }
        )
        users.append(
            {
                "sourcedId": f"s{i}",
                "role": "student",
                "givenName": ("Lia", "Max", "Ivy")[i - 1],
                "familyName": "Ng",
                "agentSourcedIds": [f"g{i}"],
            }
        )
    return read_rest_users({"users": users})


def _account(values: Values, joined: bool = False) -> ExistingAccount:
    """The guardian account ``A1`` of (first, last, email, phone) ``values``."""
    return _guardian_account(*values, joined=joined)


def _check(roster: Roster, account: ExistingAccount) -> AccountCheck:
    (a,) = check_existing(roster, match(roster), ExistingAccounts(accounts=(account,))).accounts
    return a


def _told(sis: Values, account: Values, joined: bool = False) -> AccountCheck:
    return _check(_roster(sis), _account(account, joined))


def _updates(a: AccountCheck) -> list[tuple[str, str, str, str]]:
    return [(f.sourced_id, f.field, f.suggested, f.rule) for f in a.updates]


ROB = ("Robert", "Ng", "rng@gmail.com", "(603) 555-2368")


def _with(values: Values = ROB, **changed: str) -> Values:
    given, family, email, sms = (changed.get(k, v) for k, v in zip(_FIELDS, values, strict=True))
    return (given, family, email, sms)


@pytest.mark.parametrize(
    ("sis", "account", "updates"),
    [
        # a name no rule decides between was given to the account with its number; now
        # the SIS value without it competes, and the accent is the account's
        (_with(givenName="Robert 2"), _with(givenName="R\u00f3bert"), [("g1", "givenName", "R\u00f3bert", "diacritics")]),
        # a garbled SIS name was given to the account as garbled
        (
            _with(givenName="Rob\u00c3\u00a9rt"),
            _with(givenName="Bob"),
            [
                ("account:A1", "givenName", "Rob\u00e9rt", "sis-is-source"),
                ("g1", "givenName", "Rob\u00e9rt", "garbled-characters"),
            ],
        ),
        # a toll-free SIS number was given to the account over its mobile
        (_with(sms="1-800-555-1234"), ROB, [("g1", "sms", "(603) 555-2368", "only-value")]),
        # an address with a typo in its domain: the SIS record is retyped as mended (the
        # roster's fix list's row, listed among the account's updates too since session 65)
        (_with(email="rng@gmail.com.com"), ROB, [("g1", "email", "rng@gmail.com", "email-domain-typo")]),
        # a SIS address under a mail program's display name: the account took the address,
        # and the SIS record kept the form the app cannot use
        (
            _with(email="Robert <rng@gmail.com>"),
            _with(email="r.ng@gmail.com"),
            [
                ("account:A1", "email", "rng@gmail.com", "sis-is-source"),
                ("g1", "email", "rng@gmail.com", "invalid-email"),
            ],
        ),
        (
            _with(sms="6035552368.0"),
            _with(sms="1-800-555-1234"),
            [
                ("account:A1", "sms", "6035552368", "sis-is-source"),
                ("g1", "sms", "6035552368", "invalid-phone"),
            ],
        ),
        # both hold the address under a display name, and no number: no advice before
        (
            _with(email="Robert <rng@gmail.com>", sms=""),
            _with(email="Robert <rng@gmail.com>", sms=""),
            [
                ("account:A1", "email", "rng@gmail.com", "sis-is-source"),
                ("g1", "email", "rng@gmail.com", "invalid-email"),
            ],
        ),
        # a SIS record with no family name: no advice before
        (_with(familyName=""), ROB, [("g1", "familyName", "Ng", "only-value")]),
        (
            _with(familyName=""),
            _with(familyName="Ng (Dad)"),
            [("account:A1", "familyName", "Ng", "no-note"), ("g1", "familyName", "Ng", "only-value")],
        ),
    ],
)  # fmt: skip
def test_the_advice_types_no_value_its_finding_flags_and_keeps_the_account(
    sis: Values, account: Values, updates: list[tuple[str, str, str, str]]
) -> None:
    a = _told(sis, account)
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert (_updates(a), a.choices) == (updates, ())
    assert "no update is listed" not in a.message


def test_a_sis_number_no_text_reaches_is_held_back_when_the_account_has_none() -> None:
    """Before, the account was to take the toll-free number."""
    a = _told(_with(sms="1-800-555-1234"), _with(sms=""))
    assert (_updates(a), a.choices) == ([], ())
    assert (
        "no update is listed for sms: the SIS record g1's number takes no texts (it is a "
        "toll-free number (a business line)), so typing it into the account would copy a "
        "value that reaches no one, and the account has no usable number; ask the family"
    ) in a.message


def test_two_sis_records_on_a_number_no_text_reaches_are_named_together() -> None:
    """The parent's two records on one toll-free number written two ways: one sentence
    names both (it read "the SIS records g1, g2's number" in this session's first cut)."""
    a = _check(
        _roster(_with(sms="1-800-555-1234"), _with(sms="(800) 555-1234")),
        _account(_with(sms="")),
    )
    assert a.updates == ()
    assert (
        "no update is listed for sms: the SIS records g1, g2 each hold a number that takes "
        "no texts (it is a toll-free number (a business line)), so typing it into the account"
    ) in a.message


@pytest.mark.parametrize(
    ("sis", "account"),
    [
        (_with(sms="603-CALL-NOW"), ROB),  # the SIS's number written with letters
        (ROB, _with(sms="603-CALL-NOW")),  # the account's login
    ],
)
def test_a_joined_accounts_login_choice_never_offers_a_value_that_reaches_no_one(
    sis: Values, account: Values
) -> None:
    """Before, a choice offered `603-CALL-NOW` to the account, or to the SIS."""
    a = _told(sis, account, joined=True)
    assert a.choices == ()
    ((sid, field, value, _),) = _updates(a)
    assert (field, value) == ("sms", "(603) 555-2368")
    assert sid == ("g1" if sis[3] == "603-CALL-NOW" else "account:A1")


def test_a_login_choice_asks_the_sis_to_type_its_value_as_the_app_can_use_it() -> None:
    """The SIS option is the address as the roster's fix list retypes it; picking the
    account's replaces that row (since session 65: the option's note asked the SIS to
    retype it, a second row for the field beside the fix list's), and the row is not
    listed among the updates, where the account's pick would contradict it."""
    a = _told(_with(email="Robert <rng@gmail.com>"), _with(email="r.ng@gmail.com"), joined=True)
    ((sis_option, account_option),) = (c.options for c in a.choices)
    assert sis_option.value == "rng@gmail.com"
    assert account_option.note.endswith("picking it replaces the fix list's row for email of g1")
    assert not [u for u in a.updates if u.field == "email"]


@pytest.mark.parametrize(
    ("sis", "account", "held"),
    [
        (
            _with(familyName=""),
            _with(familyName="N/A"),
            "no update is listed for familyName: the SIS record g1 holds no family name, and "
            "the account's value is none either",
        ),
        (
            _with(givenName="Robert-"),
            _with(givenName="R?bert"),
            "no update is listed for givenName: the SIS record g1 holds a given name its own "
            "finding flags",
        ),
    ],
)
def test_a_name_neither_side_holds_is_held_back_with_a_sentence(
    sis: Values, account: Values, held: str
) -> None:
    """Before, the message said "made to match (see the evidence)" with no update for
    the empty family name, and the account was to take `Robert-`."""
    a = _told(sis, account)
    found = _HELD.search(held)
    assert found is not None
    assert [f for f in a.updates if f.field == found.group(1)] == []
    assert held in a.message


_POOL: dict[str, tuple[str, ...]] = {
    # test_existing.py's SIS values, and what this module adds to them: a separator left
    # at a name's edge, a garbled name, a relation noted beside the family name, an
    # address in capitals, a number noted as another person's
    "givenName": (*_SIS_GIVEN, "Robert,", "Rob\u00c3\u00a9rt"),
    "familyName": (*_SIS_FAMILY, "Ng (Dad)"),
    "email": (*_SIS_EMAIL, "RNG@gmail.com", "noemail@springfield.k12.us"),
    "sms": (*_SIS_SMS, "603-555-2368 (dad's cell)", "603-555-0100"),
}
_values = st.tuples(*(st.sampled_from(_POOL[k]) for k in _FIELDS))


def _typed(
    roster: Roster, account: ExistingAccount, a: AccountCheck, pick: int
) -> tuple[Roster, ExistingAccount, list[tuple[str, str, str]]]:
    """The roster and the account once the updates are typed and each choice's option
    ``pick`` is taken (a SIS value: on the account and every SIS record of the choice;
    the account's: on the SIS records), and what was typed where."""
    typed = [(f.sourced_id, f.field, f.suggested) for f in a.updates]
    for choice in a.choices:
        option = choice.options[min(pick, len(choice.options) - 1)]
        if any(s.startswith("account:") for s in option.sourced_ids):
            # the person's records, and those the other options list (the records of the
            # person's likely-same item holding the value)
            records = dict.fromkeys(a.sourced_ids)
            records.update(
                dict.fromkeys(
                    s
                    for each in choice.options
                    for s in each.sourced_ids
                    if not s.startswith("account:")
                )
            )
            typed += [(s, choice.field, option.value) for s in records]
        else:
            typed.append(("account:A1", choice.field, option.value))
            typed += [
                (s, choice.field, option.value)
                for each in choice.options
                for s in each.sourced_ids
                if not s.startswith("account:")
            ]
    # the roster's fix list first (its set rows come first in the report's fix list)
    users = {u.sourced_id: u for u in apply_fixes(roster, decided_fixes(match(roster))).users}
    for sid, field, value in typed:
        if sid.startswith("account:"):
            account = attrs.evolve(account, **{_APP[field]: value})
        else:
            users[sid] = attrs.evolve(users[sid], **{_SIS[field]: value})
    return attrs.evolve(roster, users=tuple(users.values())), account, typed


def _app_keeps(roster: Roster, account: ExistingAccount) -> bool:
    """Whether the app keeps the account as it reads values, asked of the matcher's
    grouping, not of the check: the account, added as one more guardian record, is one
    person with a guardian record of the roster (a made-up value is a credential to the
    app like any other)."""
    (user,) = read_rest_users(
        {
            "users": [
                {
                    "sourcedId": "acct",
                    "role": "parent",
                    "givenName": account.first_name,
                    "familyName": account.last_name,
                    "email": account.email,
                    "sms": account.phone,
                }
            ]
        }
    ).users
    both = attrs.evolve(roster, users=(*roster.users, user))
    return any(
        "acct" in p.sourced_ids and any(s.startswith("g") for s in p.sourced_ids)
        for p in match(both).persons
    )


def _flagged(roster: Roster, sid: str, field: str, value: str) -> list[str]:
    users = {u.sourced_id: u for u in roster.users}
    users[sid] = attrs.evolve(users[sid], **{_SIS[field]: value})
    return [
        f.code
        for f in match(attrs.evolve(roster, users=tuple(users.values()))).findings
        if (f.sourced_id, f.field) == (sid, field)
        and f.severity is not Severity.INFO
        and not f.related
    ]


_CHOSEN = re.compile(r"no update is listed for (\w+): the roster's likely-same item")


def _items_of(roster: Roster, sourced_ids: Sequence[str]) -> set[tuple[str, ...]]:
    return {
        n.sourced_ids
        for n in match(roster).near_misses
        if n.kind is NearMissKind.LIKELY_SAME and set(n.sourced_ids) & set(sourced_ids)
    }


@settings(max_examples=200, deadline=None)
@given(
    sis=_values,
    again=st.one_of(st.none(), _values),
    account=_values,
    joined=st.booleans(),
)
# (session 66: `R.` / `` beside `Robert` / `N/A` had the stand-in emptied only in a
# second round, once the initial was typed `Robert`; `Robert 2` on both records of a
# one-name reading lost its number only in a second round, and the care-of record
# beside it must lose it too)
@example(
    sis=("Robert", "N/A", "rng@gmail.com", "(603) 555-2368"),
    again=("R.", "", "rng@gmail.com", "(603) 555-2368"),
    account=("Robert", "N/A", "rng@gmail.com", "6035552368.0"),
    joined=False,
)
@example(
    sis=("Robert 2", "N/A", "rng@gmail.com", "(603) 555-2368"),
    again=("Robert 2", "", "rng@gmail.com (bounced)", "(603) 555-2368"),
    account=("Robert 2", "Ng", "rng@gmail.com", "(603) 555-2368"),
    joined=False,
)
@example(
    sis=("Robert 2", "", "rng@gmail.com", "(603) 555-2368"),
    again=("Robert 2", "C/O Lee", "rng@gmail.com", "(603) 555-2368"),
    account=("Robert 2", "Ng", "rng@gmail.com", "(603) 555-2368"),
    joined=False,
)
# (session 70: a fictional number on one per-child record, a placeholder on the other:
# the fix list empties the fictional one, and the account, which holds the family's
# number, was told to take the empty value while the other record took its number)
@example(
    sis=("Rob\u200bert", "C/O Lee", "Robert <rng@gmail.com>", "603-555-0100"),
    again=("ROBERT", "N/A", "Robert <rng@gmail.com>", "000-000-0000"),
    account=("Robert-", "NG", "rng@gmail.com", "(603) 555-2368"),
    joined=False,
)
def test_typed_advice_keeps_the_account_or_says_what_it_holds_back(
    sis: Values, again: Values | None, account: Values, joined: bool
) -> None:
    """Whatever the SIS records (a parent typed once, or once per child) and the account
    hold: once the roster's fix list (its set rows come first in the report's), every
    update and one option of each choice are typed, the account is kept, or every field
    still apart is one the message holds back with a sentence (or the typed record is now
    one with the parent's other record, or as likely the account's, or the two records'
    likely-same item now asks a person to choose a field: that item settles the rest);
    and no value typed into the SIS or the account carries a warning or an error of its
    own (for the account: as it would on the SIS record)."""
    roster = _roster(sis, *([again] if again else []))
    app = _account(account, joined)
    a = _check(roster, app)
    # an account called kept is one the app keeps (since session 70: one on a made-up
    # address beside SIS records with none was called kept)
    assert a.outcome is not AccountOutcome.KEPT or _app_keeps(roster, app)
    if a.outcome is not AccountOutcome.NEW_UNLESS_UPDATED or a.message.startswith("as likely"):
        return
    held = set(_HELD.findall(a.message))
    for pick in range(max((len(c.options) for c in a.choices), default=1)):
        after_roster, after_app, typed = _typed(roster, app, a, pick)
        after = _check(after_roster, after_app)
        regrouped = (
            set(after.sourced_ids) != set(a.sourced_ids)
            or after.message.startswith("as likely")
            or _items_of(after_roster, a.sourced_ids) > _items_of(roster, a.sourced_ids)
            or bool(set(_CHOSEN.findall(after.message)) - held)
        )
        assert after.outcome is not AccountOutcome.KEPT or _app_keeps(after_roster, after_app)
        if after.outcome is not AccountOutcome.KEPT and not regrouped:
            apart = {f.field for f in after.updates} | {c.field for c in after.choices}
            apart |= set(_HELD.findall(after.message))
            # the fields the roster's fix list sets now (a rule settles what the first
            # round held back, once a typed name tells whose a noted number is)
            apart |= {
                f.field
                for f in decided_fixes(match(after_roster))
                if f.sourced_id in a.sourced_ids and f.field in _FIELDS
            }
            assert apart and apart <= held, (after.message, _updates(a), a.message)
        for sid, field, value in typed:
            if value.strip():
                record = a.sourced_ids[0] if sid.startswith("account:") else sid
                assert _flagged(roster, record, field, value) == [], (sid, field, value)
            # a name typed with single spaces, none at its edges (since session 67)
            assert field not in ("givenName", "familyName") or value == " ".join(value.split())


@pytest.mark.parametrize(
    ("account_sms", "held"),
    [
        (
            "",
            "no update is listed for sms: the SIS record g1 writes the number beside a note "
            "naming another person (such as 'dad's cell'), and the account has none; ask the "
            "family whether it is this person's own",
        ),
        (
            "6035552368.0",
            "no update is listed for sms: the account uses the number that the SIS record g1 "
            "writes beside a note naming another person",
        ),
    ],
)
def test_a_sis_number_noted_as_another_persons_beside_no_usable_account_number_is_asked(
    account_sms: str, held: str
) -> None:
    """`R?bert`'s record (nothing on it shows he is the dad) writes `603-555-2368 (dad's
    cell)`; the account holds no number, or that one as a spreadsheet wrote it. Before,
    nothing was said of the field: once the name was typed `Robert`, the note read as his
    own and the account was to take the number, a second round of advice."""
    a = _told(
        _with(givenName="R?bert", sms="603-555-2368 (dad's cell)"),
        _with(sms=account_sms),
    )
    assert [f for f in a.updates if f.field == "sms"] == []
    assert held in a.message


# Session 65: the account's advice beside the roster's fix list, typed first. Before, the
# report's fix list could hold two rows for one field of a SIS record (the roster's, then
# the account's), the second undoing the first, and an account called kept was lost once
# the roster's rows were typed.


def _whole_fix_list(roster: Roster, a: AccountCheck) -> Roster:
    """The roster once the report's fix list is typed: the roster's rows, then the
    account's rows on SIS records (``apply_fixes`` refuses two values for one field)."""
    sis = [u for u in a.updates if not u.sourced_id.startswith("account:")]
    return apply_fixes(roster, [*decided_fixes(match(roster)), *sis])


def _typed_account(app: ExistingAccount, a: AccountCheck) -> ExistingAccount:
    for u in a.updates:
        if u.sourced_id.startswith("account:"):
            app = attrs.evolve(app, **{_APP[u.field]: u.suggested})
    return app


def test_an_update_putting_another_value_where_the_fix_list_types_one_is_held_back() -> None:
    """The roster's row drops the comma of ``Robert,``; the account's ``Róbert`` would
    have the SIS take the accented name: two rows for one field. The field is held back
    (type the fix list, then check again), and the rows left agree."""
    roster = _roster(_with(givenName="Robert,"))
    a = _check(roster, _account(_with(givenName="R\u00f3bert"), False))
    assert not [u for u in a.updates if u.field == "givenName"]
    assert (
        "no update is listed for givenName: the roster's fix list already sets it on the SIS "
        "record g1 to a value the account would still differ from; type the fix list first"
    ) in a.message
    _whole_fix_list(roster, a)  # (no two values for one field)


def test_a_sis_address_the_fix_list_mends_is_the_one_the_account_takes() -> None:
    """The SIS's ``rng@gmial.com`` is mended by the roster's row; the account's other
    address was to be typed into the SIS over it (rule clean-value). Now the account
    takes the mended address, and the SIS row is the roster's."""
    roster = _roster(_with(email="rng@gmial.com"))
    app = _account(_with(email="frontoffice@springfield.k12.us"), False)
    a = _check(roster, app)
    assert _updates(a) == [
        ("account:A1", "email", "rng@gmail.com", "sis-is-source"),
        ("g1", "email", "rng@gmail.com", "email-domain-typo"),
    ]
    after = _check(_whole_fix_list(roster, a), _typed_account(app, a))
    assert after.outcome is AccountOutcome.KEPT


def test_one_number_written_two_ways_is_one_row() -> None:
    """The roster's row types the number without its note (``603-555-2368``), the
    account's was to type its own writing (``(603) 555-2368``) into the same field."""
    roster = _roster(_with(sms="603-555-2368 (dad's cell)"))
    a = _check(roster, _account(ROB, False))
    sms = [(u.sourced_id, u.suggested, u.rule) for u in a.updates if u.field == "sms"]
    assert sms == [("g1", "603-555-2368", "invalid-phone")]
    assert _check(_whole_fix_list(roster, a), _account(ROB, False)).outcome is AccountOutcome.KEPT


def test_an_account_kept_as_the_roster_stands_takes_the_values_the_fix_list_types() -> None:
    """A parent typed once per child, ``Robert 2`` and ``Robert``, and an account
    matching ``Robert 2`` exactly: kept as the roster stands, lost once the roster's row
    types ``Robert`` (it was called kept). Now the account takes ``Robert`` too."""
    roster = _roster(_with(givenName="Robert 2"), ROB)
    app = _account(_with(givenName="Robert 2"), True)
    a = _check(roster, app)
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert a.message.startswith("kept as the roster stands (")
    assert _updates(a) == [
        ("g1", "givenName", "Robert", "no-number"),
        ("account:A1", "givenName", "Robert", "fix-list"),
    ]
    after = _check(_whole_fix_list(roster, a), _typed_account(app, a))
    assert after.outcome is AccountOutcome.KEPT


def test_a_field_a_roster_item_asks_a_person_to_choose_is_held_back() -> None:
    """``Robert`` and ``Roberto`` on the family's email and phone: the roster's item asks
    a person to choose the given name; the account's advice waits for that choice."""
    roster = _roster(ROB, _with(givenName="Roberto"))
    a = _check(roster, _account(_with(sms="603-555-2369"), True))
    assert not [u for u in a.updates if u.field == "givenName"]
    assert (
        "no update is listed for givenName: the roster's likely-same item "
    ) in a.message and "asks a person to choose the value of the SIS records g1, g2" in a.message


def test_a_login_choices_sis_option_names_the_persons_other_record_in_its_item() -> None:
    """``Robert`` and ``Róbert`` (one person, the roster's item says), a joined account
    on another address: picking the account's address types it on both records (it was
    typed on ``Robert``'s alone, which split the two)."""
    roster = _roster(ROB, _with(givenName="R\u00f3bert"))
    a = _check(roster, _account(_with(email="r.ng@gmail.com"), True))
    ((sis_option, account_option),) = (c.options for c in a.choices)
    assert sis_option.sourced_ids == ("g1", "g2")
    assert account_option.sourced_ids == ("account:A1",)


def test_an_update_that_would_set_the_person_apart_from_its_item_is_held_back() -> None:
    """The parent's records, one person by the roster's item: ``g1`` writes the number
    beside ``(dad's cell)``, ``g2`` as a desk line. The account's other number was typed
    into ``g2`` alone (the desk line reaches no one), which set it apart from ``g1``, and
    the roster's next round gave ``g2`` the dad's number back (its property test found
    it). The field is held back, naming ``g1``."""
    roster = _roster(_with(sms="603-555-2368 (dad's cell)"), _with(sms="603.555.2368 x12"))
    a = _check(roster, _account(_with(sms="603-555-2369"), False))
    assert not [u for u in a.updates if u.field == "sms"]
    assert (
        "no update is listed for sms: the SIS record g1 of this person (the roster's "
        "likely-same item calls them one person) holds another value, and the update would "
        "set g2 apart from it; ask the family which is theirs"
    ) in a.message


@pytest.mark.parametrize(
    ("sis", "account", "updates"),
    [
        # the account on a stand-in address, the SIS record with none: the app makes a
        # new account (the check called it kept before session 70)
        (
            _with(email=""),
            _with(email="none@none.com"),
            [("account:A1", "email", "", "no-made-up")],
        ),
        # the SIS record on the district's noemail@, the account with none
        (
            _with(email="noemail@springfield.k12.us"),
            _with(email=""),
            [("g1", "email", "", "no-made-up")],
        ),
        # two made-up addresses: the app reads them as two credentials; both emptied
        (
            _with(email="noemail@springfield.k12.us"),
            _with(email="none@none.com"),
            [("account:A1", "email", "", "no-made-up"), ("g1", "email", "", "no-made-up")],
        ),
        # a fictional number on the account, none the SIS can use: the "do not text" note
        # leaves the SIS with no number as the app reads it
        (
            _with(sms="603-555-2368 do not text"),
            _with(sms="603-555-0100"),
            [("account:A1", "sms", "", "no-made-up")],
        ),
        # a fictional number on the SIS record, none on the account
        (_with(sms="603-555-0100"), _with(sms=""), [("g1", "sms", "", "no-made-up")]),
    ],
)  # fmt: skip
def test_a_made_up_value_beside_none_is_emptied_not_copied(
    sis: Values, account: Values, updates: list[tuple[str, str, str, str]]
) -> None:
    """Since session 70 the check reads a made-up value (``none@none.com``, a fictional
    ``603-555-0100``) as the app does, a credential like any other, and its advice
    empties it where the other side holds none: typing it across would match the two but
    hand the person a value that reaches no one."""
    roster, app = _roster(sis), _account(account)
    assert not _app_keeps(roster, app)
    a = _check(roster, app)
    assert a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
    assert (_updates(a), a.choices) == (updates, ())
    assert "reaches no one" in a.updates[0].reason
    after_roster, after_app, _ = _typed(roster, app, a, 0)
    assert _check(after_roster, after_app).outcome is AccountOutcome.KEPT
    assert _app_keeps(after_roster, after_app)


def test_one_made_up_value_on_both_sides_keeps_the_account() -> None:
    """The app compares a made-up value as any other: the same stand-in on the account
    and the SIS record keeps the account (its finding still says it reaches no one)."""
    values = _with(email="noemail@springfield.k12.us")
    assert _check(_roster(values), _account(values)).outcome is AccountOutcome.KEPT


@pytest.mark.parametrize("sis_email", ["", "noemail@springfield.k12.us"])
def test_a_made_up_value_with_no_credential_beside_it_is_never_emptied(sis_email: str) -> None:
    """Emptying the account's only credential keeps nothing: the SIS record, with no
    credential the app can use, is no match for it, or the family is asked."""
    a = _told(_with(email=sis_email, sms=""), _with(email="none@none.com", sms=""))
    assert a.outcome is not AccountOutcome.KEPT
    assert a.updates == ()
