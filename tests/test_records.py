"""The facts builder: each distinct value normalized once, equal to the one-off path."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from oneroster_identity import User
from oneroster_identity.match._records import FactsBuilder, facts_for
from oneroster_identity.normalize import PersonName
from oneroster_identity.policy import DEFAULT_POLICY, Policy

_PART = st.sampled_from(["", "Ana", "ana", "José", "O'Neil", "Lee", "  Lee ", "Mary-Jo"])


@settings(max_examples=150, deadline=None)
@given(
    names=st.lists(st.tuples(_PART, _PART, _PART, _PART, _PART), min_size=1, max_size=8),
    preferred=st.booleans(),
)
def test_facts_builder_names_equal_the_one_off_name_and_key(
    names: list[tuple[str, str, str, str, str]], preferred: bool
) -> None:
    """Property: the builder's name caches (one for names without middle or preferred
    parts, one for the rest) give what ``PersonName.from_user`` and its key give, and
    equal raw names share one name and one key object."""
    policy = Policy(use_preferred_names=preferred)
    build = FactsBuilder(policy)
    seen: dict[tuple[str, ...], tuple[object, object]] = {}
    for i, (first, family, middle, pgiven, pfamily) in enumerate(names * 2):
        user = User(
            sourced_id=f"u{i}",
            given_name=first,
            family_name=family,
            middle_name=middle,
            preferred_given_name=pgiven,
            preferred_family_name=pfamily,
        )
        name, key = build.name(user)
        want = PersonName.from_user(user, policy=policy)
        assert name == want and key == want.key(policy=policy)
        raw = (first, family, middle, pgiven, pfamily)
        shared = seen.setdefault(raw, (name, key))
        assert shared[0] is name and shared[1] is key


def test_builder_facts_equal_one_off_facts() -> None:
    policy = Policy()
    build = FactsBuilder(policy)
    users = [
        User(
            sourced_id="a", given_name="Ana", family_name="Lee", email="ANA@x.org", sms="6035552368"
        ),
        User(
            sourced_id="b",
            given_name="Ana",
            family_name="Lee",
            middle_name="J",
            phone="603-555-2368",
        ),
        User(sourced_id="c", given_name="Ana", family_name="Lee"),
    ]
    for user in users:
        assert build(user) == facts_for(user, policy)


_CONTACT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "ana.diaz77@gmail.com",
            "Ana <ana@x.org>",
            "603-555-2368",
            "6035552368.0",
            "a@b",
            "N/A",
            "noemail@school.org",
        ]
    ),
    st.emails().map(str),
)


@settings(max_examples=300, deadline=None)
@given(email=_CONTACT, sms=_CONTACT, phone=_CONTACT)
@example(email="0", sms="", phone="0@1.A")  # (a stand-in, since session 70)
def test_an_address_read_from_a_phone_column_is_never_identity(
    email: str, sms: str, phone: str
) -> None:
    """Whatever the three columns hold: the email facts are the email column's own when it
    holds anything but a stand-in; an address is read from a phone column only into an
    empty column or one holding a stand-in (`N/A`, `noemail@`: since session 70), as a
    repair (the value meant), never as the key the app matches on; findings never fail."""
    from oneroster_identity.match._contacts import IN_PHONE_COLUMN, stand_in_email
    from oneroster_identity.match._findings import record_findings
    from oneroster_identity.normalize import normalize_email

    u = User(sourced_id="a", given_name="Ana", family_name="Lee", email=email, sms=sms, phone=phone)
    f = FactsBuilder(DEFAULT_POLICY)(u)
    plain = normalize_email(email, policy=DEFAULT_POLICY)
    assert f.email.key == plain.key
    if f.email.repair is not None and f.email.repair.rule == IN_PHONE_COLUMN:
        assert (not email.strip() or stand_in_email(plain)) and f.email.key is None
        assert f.email.repaired in (sms.strip(), phone.strip())
    else:
        assert f.email == plain
    record_findings(f, DEFAULT_POLICY)
