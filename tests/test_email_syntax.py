"""The reasons an email value is not an address, in the report's own words
(``normalize._email_syntax``): each names a slip that alone makes a value no address,
and the validator's message is kept only for a slip this reading does not name."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError
from hypothesis import given
from hypothesis import strategies as st

from oneroster_identity.normalize import EmailFlag, normalize_email
from oneroster_identity.normalize._email_syntax import why_not_an_address
from oneroster_identity.normalize._emails import library_validate


def _refused(text: str) -> str:
    """The validator's message for a value it refuses (the test fails if it accepts it)."""
    with pytest.raises(EmailNotValidError) as caught:
        library_validate(text)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ana.gmail.com", "no @, so not an address"),
        ("ana@diaz@gmail.com", "more than one @, where an address holds one"),
        ("@gmail.com", "nothing before the @"),
        ("ana@", "nothing after the @"),
        (
            "ana diaz@gmail.com",
            "a space before the @, where no address holds one; only the address's owner "
            "knows what it stands for (a dot, another character or nothing)",
        ),
        ("ana;diaz@gmail.com", "a character no address holds before the @: ';'"),
        ('ana"x@gmail.com', "a character no address holds before the @: '\"'"),
        ("ana(x),y@gmail.com", "a character no address holds before the @: '(', ')', ','"),
        # a no-break space is a space (the validator: "unsafe characters: NO-BREAK SPACE")
        (
            "ana\u00a0diaz@gmail.com",
            "a space before the @, where no address holds one; only the address's owner "
            "knows what it stands for (a dot, another character or nothing)",
        ),
        (
            "a..b@school.org",
            "a dot first, last or doubled before the @, where no address holds one",
        ),
        (
            "ana.@school.org",
            "a dot first, last or doubled before the @, where no address holds one",
        ),
        ("ana@gmail com", "a space in the domain (after the @), where none can be"),
        ("ana@gmail_com.com", "a character no domain holds (after the @): '_'"),
        ("ana@[1.2.3.4]", "a character no domain holds (after the @): '[', ']'"),
        ("ana@gmail", "a domain (after the @) with no dot, which mail cannot reach"),
        (
            "ana@school..org",
            "a dot first, last or doubled in the domain (after the @), where none can be",
        ),
        (
            "ana@-school.org",
            "a hyphen first or last in a part of the domain (after the @), where none can be",
        ),
        (
            "ana@school-.org",
            "a hyphen first or last in a part of the domain (after the @), where none can be",
        ),
        ("ana@" + "b" * 64 + ".org", "a domain (after the @) longer than any the internet holds"),
        ("ana@192.168.1.1", "a domain (after the @) ending in digits, which names no mail domain"),
        (
            "ana@school.local",
            "a domain (after the @) ending in '.local', reserved for private or test "
            "networks, which mail from the app does not reach",
        ),
        (
            "a" * 20 + "@" + ".".join(["b" * 60] * 4) + ".org",
            "longer than any address can be (254 characters)",
        ),
    ],
)
def test_a_refused_value_names_its_slip(text: str, reason: str) -> None:
    message = _refused(text)
    assert why_not_an_address(text, message) == reason
    assert "@-sign" not in reason  # (none of the validator's words)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Ana Diaz <ana@yahoo>",
            "a name and angle brackets around the address; inside them, a domain (after the "
            "@) with no dot, which mail cannot reach",
        ),
        ("Ana <>", "a name and angle brackets around the address; inside them, nothing"),
        (
            "<ana@yahoo>",
            "angle brackets around the address; inside them, a domain (after the @) with no "
            "dot, which mail cannot reach",
        ),
    ],
)
def test_a_display_name_around_no_address_names_the_slip_inside(text: str, reason: str) -> None:
    # (before: "a space before the @", read from the name before the brackets)
    assert why_not_an_address(text, _refused(text)) == reason


def test_a_slip_not_read_keeps_the_validators_message() -> None:
    message = _refused("ana@xn--zz.com")
    reason = why_not_an_address("ana@xn--zz.com", message)
    assert reason.startswith("not an address by the rules of email syntax (the email library: ")
    assert "idna" in reason.lower()


def test_the_report_reason_is_the_slip() -> None:
    # Before session 58 the finding read "The email address contains invalid characters
    # before the @-sign: SPACE." and nothing was suggested: a space has several readings.
    result = normalize_email("ana diaz@gmail.com")
    assert result.key is None and result.repair is None
    assert result.reason is not None and result.reason.startswith("a space before the @")


def test_a_repaired_value_keeps_the_repairs_reason() -> None:
    result = normalize_email("ana@gmail,com")
    assert result.repair is not None and result.repair.value == "ana@gmail.com"
    assert result.reason == result.repair.reason


_EMAIL_CHARACTERS = st.text(
    alphabet=st.sampled_from([*"ab.@-_; ,\"'()[]+é1", "\u2019", "\u00a0"]), max_size=24
)


@given(_EMAIL_CHARACTERS)
def test_every_refused_value_gets_a_reason_in_its_own_words(text: str) -> None:
    text = text.strip()
    try:
        library_validate(text)
    except EmailNotValidError as exc:
        reason = why_not_an_address(text, str(exc))
    else:
        return
    assert reason
    # the validator's sentence appears only inside the fallback's brackets
    assert "@-sign" not in reason or reason.startswith("not an address by the rules")


# Characters the validator accepts (the internationalized rules carry them) that no mailbox
# holds: before session 58 each was a valid address of its own, merged with the person's
# typed address as a "fragile merge" (the curly apostrophe folded) or taken as written.


@pytest.mark.parametrize(
    ("value", "suggested"),
    [
        # a word processor's or a phone's apostrophe for a typed one: one reading
        ("o\u2019brien@school.org", "o'brien@school.org"),
        ("O\u2018Brien@District.k12.us", "O'Brien@District.k12.us"),
        ("ana\u2010diaz@school.org", "ana-diaz@school.org"),
        ("ana\u2013diaz@school.org", "ana-diaz@school.org"),
        # the large providers' names hold no apostrophe (and most no hyphen): no reading
        ("o\u2019brien@gmail.com", None),
        ("o\u2019brien@yahoo.com.mx", None),
        ("o\u2019brien@hotmail.com", None),
        ("ana\u2013diaz@gmail.com", None),
        # a long dash stands for two typed hyphens as often as one
        ("ana\u2014diaz@school.org", None),
    ],
)
def test_a_curly_apostrophe_or_a_dash_before_the_at_is_no_mailbox(
    value: str, suggested: str | None
) -> None:
    result = normalize_email(value)
    assert result.key is None and EmailFlag.INVALID in result.flags
    assert result.repair is not None and result.repair.rule == "typographic-punctuation"
    assert result.repair.value == suggested
    assert result.reason == result.repair.reason
    if suggested is None:
        assert result.reason.endswith("ask the person for the address")
    else:
        assert result.repair.key == normalize_email(suggested).key


@pytest.mark.parametrize(
    "value", ["ana\u2022diaz@school.org", "ana\u00bf@colegio.mx", "ana\u2605@school.org"]
)
def test_a_symbol_before_the_at_is_no_mailbox(value: str) -> None:
    result = normalize_email(value)
    assert result.key is None and result.repair is None
    assert result.reason is not None
    assert result.reason.startswith("a character no mailbox holds before the @: '")


@pytest.mark.parametrize(
    "value", ["mar\u00eda@colegio.mx", "\u0430\u043d\u044f@mail.ru", "o'brien@school.org"]
)
def test_letters_of_any_script_and_a_typed_apostrophe_stay_addresses(value: str) -> None:
    assert normalize_email(value).key is not None


def test_a_curly_apostrophe_in_a_made_up_address_suggests_nothing() -> None:
    # the address as typed is a placeholder (example.com): no address to type
    result = normalize_email("n\u2019a@example.com")
    assert result.repair is not None and result.repair.value is None
    assert "as typed it is no usable address either" in (result.reason or "")
