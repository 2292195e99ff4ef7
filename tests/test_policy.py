"""The policy: defaults, validation with a clear error, JSON round trip, shared instances."""

from __future__ import annotations

import json
from typing import Any

import pytest

from oneroster_identity import Policy, PolicyError
from oneroster_identity.policy import (
    DEFAULT_POLICY,
    SharedCredentials,
    StaffGuardianPolicy,
    canonical_policy,
)


def test_documented_defaults() -> None:
    p = Policy()
    assert (p.region, p.identity_phone_fields, p.max_guardians_per_student) == ("US", ("sms",), 6)
    assert p.shared_credentials is SharedCredentials.ALLOWED
    assert p.staff_guardian is StaffGuardianPolicy.MERGE
    assert (p.allow_contact_updates, p.strict_normalization) == (False, False)
    assert p.likely_same_threshold == 0.5


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"region": "USA"}, "two-letter"),
        ({"region": "ZZ"}, "not a region phonenumbers knows"),
        ({"identity_phone_fields": ("mobile",)}, "'sms' and 'phone'"),
        ({"identity_phone_fields": ()}, "at least one field"),
        ({"likely_same_threshold": 1.5}, "[0, 1]"),
        ({"max_guardians_per_student": 0}, "at least 1"),
        ({"max_students_per_guardian": 0}, "max_students_per_guardian must be at least 1"),
        ({"staff_guardian": "both"}, "both"),
        ({"shared_credentials": "never"}, "'allowed', 'unique-required', not 'never'"),
        ({"likely_same_threshold": float("nan")}, "[0, 1]"),
        ({"name_similarity_threshold": 185.0}, "[0, 100]"),
        ({"max_block_size": 1}, "at least 2"),
        ({"colour": "red"}, "unknown policy setting"),
        ({"district_domains": ["https://springfield.k12.nh.us"]}, "not an email domain"),
        ({"district_domains": ["kholloway@springfield.org"]}, "not an email domain"),
        ({"district_domains": ["springfield"]}, "not an email domain"),
        ({"district_domains": ["a.org, b.org"]}, "not an email domain"),
        ({"placeholder_email_domains": ["none"]}, "not an email domain"),
        ({"export_date": "2026-13-01"}, "export_date must be a date written YYYY-MM-DD"),
        ({"export_date": "12/01/2026"}, "not '12/01/2026'"),
        ({"export_date": 20261201}, "not 20261201"),
    ],
)
def test_bad_settings_raise_policy_error(settings: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Policy.from_dict(settings)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"staff_guardian": "both"}, "staff_guardian must be one of 'merge', 'separate'"),
        ({"shared_credentials": "unique"}, "shared_credentials must be one of"),
        ({"name_similarity_threshold": -1.0}, "[0, 100]"),
        ({"max_block_size": 0}, "at least 2"),
    ],
)
def test_the_constructor_raises_policy_error_too(settings: dict[str, Any], message: str) -> None:
    """Not only :meth:`Policy.from_dict`: a program building a ``Policy`` catches one
    error type (an enum's bare ``ValueError`` named no allowed value)."""
    with pytest.raises(PolicyError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Policy(**settings)


def test_the_export_date_is_a_day_and_round_trips_as_iso() -> None:
    """``export_date`` (since session 45) takes a date, a datetime's day or the ISO text a
    policy file holds, and writes itself back as that text."""
    import datetime as dt

    day = dt.date(2026, 9, 1)
    assert Policy().export_date is None
    assert Policy(export_date="").export_date is None  # type: ignore[arg-type]
    for given in (day, dt.datetime(2026, 9, 1, 23, 30), " 2026-09-01 "):
        assert Policy(export_date=given).export_date == day  # type: ignore[arg-type]
    dated = Policy(export_date=day)
    assert dated.to_dict()["export_date"] == "2026-09-01"
    assert Policy.from_dict(json.loads(json.dumps(dated.to_dict()))) == dated


def test_a_district_domain_is_read_as_the_part_after_the_at() -> None:
    """``@springfield.k12.nh.us`` (as an admin often types it) was kept as written: no
    address has that domain, so every staff address read as personal, and domain
    inference was off because a domain was given."""
    for written in ("@Springfield.K12.nh.us", "springfield.k12.nh.us.", " springfield.k12.nh.us "):
        assert Policy(district_domains=(written,)).district_domains == ("springfield.k12.nh.us",)
    one = Policy(district_domains="springfield.k12.nh.us")  # type: ignore[arg-type]
    assert one.district_domains == ("springfield.k12.nh.us",)
    assert Policy(district_domains=("", "b.org", "a.org", "@a.org")).district_domains == (
        "a.org",
        "b.org",
    )


def test_a_district_domain_with_an_at_gives_the_same_check() -> None:
    from oneroster_identity import read_sample
    from oneroster_identity.match import match

    roster = read_sample()
    plain = match(roster, Policy(district_domains=("springfield.k12.example.us",)))
    typed = match(roster, Policy(district_domains=("@springfield.k12.example.us",)))
    assert [n.id for n in typed.near_misses] == [n.id for n in plain.near_misses]
    assert typed.findings == plain.findings


def test_region_is_case_insensitive_and_round_trips_through_json() -> None:
    p = Policy(region="ca", district_domains=("k12.example.us",), staff_guardian="separate")
    assert p.region == "CA"
    again = Policy.from_dict(json.loads(json.dumps(p.to_dict())))
    assert again == p and hash(again) == hash(p)


def test_equal_policies_share_one_instance() -> None:
    assert canonical_policy(None) is DEFAULT_POLICY
    assert canonical_policy(Policy()) is DEFAULT_POLICY
    a, b = Policy(region="GB"), Policy(region="GB")
    assert a is not b and canonical_policy(a) is canonical_policy(b)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        # a switch given as a word: "no" and "false" are true strings, so before they
        # turned the setting on without a word
        ({"strict_normalization": "no"}, "strict_normalization takes True or False, not a str"),
        ({"allow_contact_updates": "false"}, "allow_contact_updates takes True or False"),
        ({"identifier_evidence": 0}, "identifier_evidence takes True or False, not an int"),
        ({"infer_district_domains": None}, "infer_district_domains takes True or False, not None"),
        ({"app_strips_invisible": "yes"}, "app_strips_invisible takes True or False"),
        ({"use_preferred_names": 1}, "use_preferred_names takes True or False"),
        ({"max_students_per_guardian": "12"}, "max_students_per_guardian takes a whole number"),
        ({"max_guardians_per_student": 6.5}, "takes a whole number, not a float"),
        ({"max_block_size": True}, "max_block_size takes a whole number, not a bool"),
        ({"likely_same_threshold": "0.5"}, "likely_same_threshold takes a number, not a str"),
        ({"name_similarity_threshold": None}, "name_similarity_threshold takes a number, not None"),
        ({"region": None}, "region takes a two-letter region code such as 'US', not None"),
        ({"region": 1}, "not an int"),
        ({"district_domains": None}, "district_domains takes a list of strings, not None"),
        ({"placeholder_email_domains": [3]}, "placeholder_email_domains takes a list of strings"),
        ({"placeholder_values": None}, "placeholder_values takes a list of strings, not None"),
        ({"placeholder_email_locals": ["noemail", None]}, "one is None"),
        ({"placeholder_phones": ["+44 20 7946 0000"]}, "one has country code +44"),
        ({"placeholder_phones": ["none"]}, "one holds no digit"),
        ({"identity_phone_fields": 5}, "identity_phone_fields takes a list of strings"),
    ],
)
def test_a_setting_of_the_wrong_type_is_a_policy_error(
    settings: dict[str, Any], message: str
) -> None:
    """Both ways a policy is made: a program's constructor call and a policy file's data
    (``from_dict``, which ``check_many`` uses). Before, the numbers' comparisons raised a
    bare ``TypeError``, ``region=None`` an ``AttributeError``, and the switches took any
    value as true or false."""
    for make in (Policy.from_dict, lambda s: Policy(**s)):
        with pytest.raises(PolicyError) as caught:
            make(settings)
        assert message in str(caught.value)


def test_one_string_where_a_list_goes_is_one_value_not_its_letters() -> None:
    # Before: placeholder_values="n/a" was ("/", "a", "n"), dropping every default word
    # and reading a lone "a" as no value; placeholder_phones="555-555-5555" twelve
    # one-character strings that no number could equal.
    assert Policy(placeholder_values="N/A").placeholder_values == ("n/a",)
    assert Policy(placeholder_email_locals="NoMail").placeholder_email_locals == ("nomail",)
    assert Policy(identity_phone_fields="phone").identity_phone_fields == ("phone",)
    assert Policy(placeholder_phones="617-555-0000").placeholder_phones == ("6175550000",)


def test_a_placeholder_phone_written_with_punctuation_is_found() -> None:
    from oneroster_identity.normalize import normalize_phone
    from oneroster_identity.normalize._phones import PhoneFlag

    policy = Policy(placeholder_phones=["(617) 555-0000", "617.555.0000", ""])
    assert policy.placeholder_phones == ("6175550000",)
    assert PhoneFlag.PLACEHOLDER in normalize_phone("617-555-0000", policy=policy).flags
    assert PhoneFlag.PLACEHOLDER not in normalize_phone("617-555-0000").flags
    assert Policy.from_dict(policy.to_dict()) == policy


@pytest.mark.parametrize(
    ("region", "written", "digits", "roster_number"),
    [
        ("US", "1-617-555-0000", "6175550000", "(617) 555-0000"),
        ("US", "+1 617 555 0000", "6175550000", "617-555-0000"),
        ("GB", "020 7946 0000", "2079460000", "+44 20 7946 0000"),
        ("GB", "+44 20 7946 0000", "2079460000", "020 7946 0000"),
    ],
)
def test_a_placeholder_phone_is_read_in_the_policys_region(
    region: str, written: str, digits: str, roster_number: str
) -> None:
    """Since session 49: the number's trunk ``1`` or ``0`` or its country code, as a
    district writes its office line, is read as the roster's numbers are; before, such a
    number was kept with them and never matched (and a ``+`` was refused)."""
    from oneroster_identity.normalize import normalize_phone
    from oneroster_identity.normalize._phones import PhoneFlag

    policy = Policy(region=region, placeholder_phones=[written])
    assert policy.placeholder_phones == (digits,)
    assert PhoneFlag.PLACEHOLDER in normalize_phone(roster_number, policy=policy).flags
    assert Policy.from_dict(policy.to_dict()) == policy


def test_numpy_numbers_are_taken_as_python_numbers() -> None:
    """A program reading its settings through numpy or pandas passes ``numpy.int64`` or
    ``numpy.bool_``; the type checks take them, and keep them as Python's own so the
    report's policy line, JSON, can write them."""
    np = pytest.importorskip("numpy")
    policy = Policy(
        max_students_per_guardian=np.int64(9),
        max_block_size=np.int32(300),
        likely_same_threshold=np.float32(0.75),
        name_similarity_threshold=np.int64(90),
    )
    values = [
        policy.max_students_per_guardian,
        policy.max_block_size,
        policy.likely_same_threshold,
        policy.name_similarity_threshold,
    ]
    assert [type(v) for v in values] == [int, int, float, int]
    assert values == [9, 300, 0.75, 90]
    assert json.loads(json.dumps(policy.to_dict()))["max_block_size"] == 300
    with pytest.raises(PolicyError, match="takes a whole number, not a float"):
        Policy(max_block_size=np.float64(300.0))
    switches = Policy(strict_normalization=np.True_, allow_contact_updates=np.bool_(False))
    assert switches.strict_normalization is True and switches.allow_contact_updates is False
    assert Policy.from_dict(json.loads(json.dumps(switches.to_dict()))) == switches
    with pytest.raises(PolicyError, match="max_block_size takes a whole number, not a bool"):
        Policy(max_block_size=np.True_)
