"""Phones: E.164 key with phonenumbers, extension kept apart, placeholders flagged.

A fast path handles the common case, a 10-digit NANP number with or without
punctuation and a leading 1: the key is built from the digits, and validity and
number type come from phonenumbers once per area code and exchange (the US and
Canadian metadata decide both on the first six digits). Property tests check the
fast path agrees with the library on every input it accepts.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from functools import lru_cache

import attrs
import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from oneroster_identity._memo import run_cache
from oneroster_identity.normalize._owner import note_owner
from oneroster_identity.normalize._phone_repair import (
    digits_for_letters,
    number_spans,
    repair_phone,
    says_no_texts,
)
from oneroster_identity.normalize._repair import Repair, Repairable
from oneroster_identity.normalize._spreadsheet import (
    marked_word,
    spreadsheet_error,
    spreadsheet_reason,
    spreadsheet_text,
)
from oneroster_identity.normalize._text import clean_text, is_typing_slip, strip_invisible
from oneroster_identity.policy import DEFAULT_POLICY, Policy, placeholder_words

__all__ = [
    "NormalizedPhone",
    "PhoneDifference",
    "PhoneFlag",
    "compare_phones",
    "keypad_letters",
    "labelled_number",
    "normalize_phone",
    "takes_no_texts",
]

_DEFAULT = DEFAULT_POLICY


class PhoneFlag(enum.Enum):
    """Facts about one phone value."""

    __hash__ = object.__hash__  # members are singletons; 2x faster than Enum's

    EMPTY = "empty"
    INVALID = "invalid"
    NOT_POSSIBLE = "not-possible"
    TOO_SHORT = "too-short"
    PLACEHOLDER = "placeholder"
    FICTIONAL = "fictional"
    """555-0100 to 555-0199: reserved for fiction, never a real line."""
    HAS_EXTENSION = "has-extension"
    NO_TEXTS = "no-texts"
    """A note beside the number says it takes no texts (``do not text``, ``landline``) or
    is not in use (``disconnected``): the number is read, but the app's texts should not
    go to it."""
    NAMES_SOMEONE = "names-someone"
    """A note beside the number names a person (``Dad 617-555-2368``; ``normalize._owner``):
    the number is read, and whether it is the record's own depends on the record."""
    LABELLED = "labelled"
    """Words beside a number the parser still reads (``cell 617-555-2368``, ``(h)
    617-555-2368``, ``Mom: ...``; since session 53; since session 56 one or two letters
    after it, ``617-555-2368 H``, ``... (c)``): phonenumbers skips what comes before the
    first digit and drops one or two letters, so the number is read, but the value is not
    the number alone (:func:`labelled_number`). Longer words after a number make it
    unreadable instead, an invalid value whose repair is the number alone
    (``normalize._phone_repair``)."""
    KEYPAD_LETTERS = "keypad-letters"
    """Three or more letters among or after the digits, which the parser reads as a
    keypad's (``1-800-FLOWERS``, ``617-555-CALL``; since session 56): a vanity number, or
    a word typed beside a shorter number (``617-4281 dad`` reads as 617-428-1323), which
    the check cannot tell apart (:func:`keypad_letters`)."""
    SPREADSHEET_MARK = "spreadsheet-mark"
    """A spreadsheet's mark for text around the number (``="6175552368"``, written by
    exports meant for Excel to keep leading zeros, or a leading apostrophe; since session
    54): the parser reads the number, but the value is not the number alone
    (:func:`~oneroster_identity.normalize._spreadsheet.spreadsheet_text`)."""
    STRAY_MARK = "stray-mark"
    """A symbol no number is written with beside or among its digits (``617-555-2368*``,
    ``*617-555-2368``, ``617-555-2368?``, ``#617-555-2368``; since session 60): the
    parser reads past it, but the value is not the number alone (:func:`stray_marks`).
    A ``#`` after the number is invalid instead (``trailing-hash``)."""


_NUMBER_MARKS = frozenset("-.()/+[]\u2010\u2011\u2012\u2013\u2014\u2015\u2212=\"'")
"""Characters a number is written with besides digits and spaces (dashes of any kind,
brackets around an area code, a spreadsheet's marks, read by their own flag)."""


def stray_marks(value: str) -> str:
    """The symbols in a phone value (no letters) that no number is written with, each
    once in the order written: ``'*'`` for ``617-555-2368*``, ``''`` for ``(617)
    555-2368``. Invisible characters are not counted (the app's own stripping, see
    ``Policy.app_strips_invisible``, and the garbled-value findings say them)."""
    return "".join(
        dict.fromkeys(
            ch
            for ch in value
            if not (
                ch.isdecimal()
                or ch.isspace()
                or ch in _NUMBER_MARKS
                or unicodedata.category(ch) == "Cf"
            )
        )
    )


class PhoneDifference(enum.Enum):
    """How two phones differ."""

    __hash__ = object.__hash__  # members are singletons; 2x faster than Enum's

    IDENTICAL = "identical"
    BENIGN = "punctuation"
    FORMATTING = "formatting"
    """The same number written with other punctuation, under strict normalization: the app
    compares exactly and sees two values, though both ring one phone."""
    EXTENSION = "extension"
    REPAIRED = "same-once-repaired"
    """One value is invalid as written and its repair is the other number (``6032847142.0``
    and ``603-284-7142``): the app sees two values."""
    TYPO = "typo"
    MISSING = "missing"
    DIFFERENT = "different"

    @property
    def is_equal(self) -> bool:
        """True when the app sees the same number."""
        return self in (PhoneDifference.IDENTICAL, PhoneDifference.BENIGN)


_TYPE_NAMES = {
    PhoneNumberType.FIXED_LINE: "fixed-line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed-line-or-mobile",
    PhoneNumberType.TOLL_FREE: "toll-free",
    PhoneNumberType.PREMIUM_RATE: "premium-rate",
    PhoneNumberType.SHARED_COST: "shared-cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
}


@attrs.frozen(kw_only=True, weakref_slot=False)
class NormalizedPhone(Repairable):
    """A phone as written, with its key and everything learned about it."""

    raw: str
    key: str | None
    """E.164 (``+16035550123``); ``None`` when the value cannot act as identity."""
    e164: str | None = None
    """E.164 of any parsable number, even an invalid or placeholder one."""
    extension: str = ""
    number_type: str = "unknown"
    flags: frozenset[PhoneFlag] = frozenset()
    reason: str | None = None
    repair: Repair | None = None
    """For an invalid value a spreadsheet or a label broke (``6032847142.0``,
    ``603-284-7142 cell``), the number it meant, or why none can be told (two numbers,
    scientific notation); ``None`` otherwise (see ``normalize._phone_repair``)."""

    @property
    def digits(self) -> str:
        """The E.164 digits without the plus, or the digits written."""
        if self.e164:
            return self.e164[1:]
        return "".join(ch for ch in self.raw if ch.isdigit())


UNTEXTABLE_TYPES = frozenset(
    {"toll-free", "premium-rate", "shared-cost", "uan", "pager", "voicemail", "fixed-line"}
)
"""Number types (:attr:`NormalizedPhone.number_type`) no person's texts reach: business
lines, pagers, voicemail access, and a landline by its region's numbering plan (North
American numbers are ``fixed-line-or-mobile``, never told apart)."""


def takes_no_texts(phone: NormalizedPhone, /) -> bool:
    """Whether a usable phone is one the app's texts cannot reach: a number with an
    extension (a desk phone behind a switchboard), one of :data:`UNTEXTABLE_TYPES`, or
    one a note beside says takes no texts (``do not text``, ``landline``).

    >>> [takes_no_texts(normalize_phone(v)) for v in ("617-555-2368 x12", "617-555-2368")]
    [True, False]
    >>> [takes_no_texts(normalize_phone(v)) for v in ("1-800-555-1234", "n/a")]
    [True, False]
    """
    return phone.usable and (
        bool(phone.extension)
        or phone.number_type in UNTEXTABLE_TYPES
        or PhoneFlag.NO_TEXTS in phone.flags
    )


_NUMBER_START = re.compile(r"\+?\(?\d")
_EXTENSION_TAIL = re.compile(r"[\s,;]*(?:extension|ext|ex|x)[\s.:#]*\d+\s*$", re.IGNORECASE)


def labelled_number(value: str) -> str | None:
    """The number of ``value`` without the words written before or after it (``cell
    617-555-2368``, ``617-555-2368 H``, ``(617) 555-2368 (c)`` -> the number; an extension
    after it is kept), or ``None`` when no words stand beside the number (nothing, or
    punctuation only), or letters are inside it (a vanity number such as
    ``1-800-FLOWERS``). Words after the number are a label only while they are one or two
    letters (``H``, ``(c)``, ``wk``), which the parser drops; three or more it reads as a
    keypad's letters, and the value is invalid (the ``label`` repair) or a vanity number.

    >>> labelled_number("(h) 617-555-2368"), labelled_number("617-555-2368 x12")
    ('617-555-2368', None)
    >>> labelled_number("617-555-2368 (c)"), labelled_number("617-555-2368 H x12")
    ('617-555-2368', '617-555-2368 x12')
    """
    split = _beside_number(value)
    if split is None:
        return None
    before, number, rest = split
    if rest.lower() == rest.upper():  # no letters in the number or after it
        return None if before.lower() == before.upper() else number
    last = max(i for i, ch in enumerate(rest) if ch.isdigit())
    inside = rest[: last + 1]
    if inside.lower() != inside.upper() or keypad_letters(value):
        return None  # letters inside the number, or read as a keypad's
    return inside + number[len(rest) :]


def keypad_letters(value: str) -> bool:
    """Whether the parser reads letters of ``value`` as a keypad's digits: three or more
    letters from the first digit on, an extension's marker aside (phonenumbers converts
    letters only when there are three).

    >>> keypad_letters("1-800-FLOWERS"), keypad_letters("cell 617-555-2368")
    (True, False)
    >>> keypad_letters("617-555-2368 ext. 12"), keypad_letters("617-555-2368 H")
    (False, False)
    """
    split = _beside_number(value)
    return split is not None and sum(ch.isalpha() for ch in split[2]) >= 3


def _beside_number(value: str) -> tuple[str, str, str] | None:
    """``value`` around its number, as the parser reads it: what comes before the first
    digit, the rest from there, and that rest without an extension after it (``x12``,
    ``ext. 5``); ``None`` for a value with no digit."""
    start = _NUMBER_START.search(value)
    if start is None:
        return None
    number = value[start.start() :].strip()
    return value[: start.start()], number, _EXTENSION_TAIL.sub("", number)


_NANP = re.compile(r"(?:\+?1[ .-]?)?(?:\(([2-9]\d\d)\)|([2-9]\d\d))[ .-]?([2-9]\d\d)[ .-]?(\d{4})")
_RUNS = ("0123456789", "1234567890", "9876543210", "0987654321")


def _placeholder_reason(national: str, policy: Policy) -> tuple[PhoneFlag, str] | None:
    if len(set(national)) == 1:
        return PhoneFlag.PLACEHOLDER, "one digit repeated"
    if national in _RUNS or (
        len(national) >= 7 and (national in "01234567890123" or national in "98765432109876")
    ):
        return PhoneFlag.PLACEHOLDER, "a run of consecutive digits"
    if national in ("5555555555", "5551234567") or national in policy.placeholder_phones:
        return PhoneFlag.PLACEHOLDER, "a well-known placeholder number"
    if len(national) == 10 and national[3:6] == "555" and "0100" <= national[6:] <= "0199":
        return PhoneFlag.FICTIONAL, "555-0100 to 555-0199 are reserved fictional numbers"
    return None


@run_cache
@lru_cache(maxsize=1 << 14)
def _nanp_facts(prefix: str) -> tuple[bool, bool, str]:
    """(valid, possible, type) of NANP numbers starting with this area code and exchange
    (in the United States and Canada, where those six digits decide them:
    :func:`_prefix_decides`)."""
    return _number_facts(prefix + "0199")


def _number_facts(national: str) -> tuple[bool, bool, str]:
    """(valid, possible, type) of one NANP number (ten digits)."""
    # Built directly instead of parsed (parsing "+1..." gives the same number, at twice the
    # cost); a number is valid exactly when its type is known (phonenumbers derives both
    # from the same region lookup), so the type lookup answers both.
    number = phonenumbers.PhoneNumber(country_code=1, national_number=int(national))
    ntype = phonenumbers.number_type(number)
    return (
        ntype != phonenumbers.PhoneNumberType.UNKNOWN,
        phonenumbers.is_possible_number(number),
        _TYPE_NAMES.get(ntype, "unknown"),
    )


def _prefix_decides(area: str) -> bool:
    """Whether an area code's numbers are valid or not by their first six digits: the
    United States' and Canada's are. Some Caribbean members of the plan (Jamaica's 876,
    Barbados' 246) tell their numbers apart by the line digits too (876-606-0199 valid,
    876-606-1000 not), so those are judged number by number (since session 69: the fast
    path read 876-606-1000 as valid where the library does not)."""
    decides = _DECIDES.get(area)
    if decides is None:
        number = phonenumbers.PhoneNumber(country_code=1, national_number=int(area + "2000199"))
        decides = _DECIDES[area] = phonenumbers.region_code_for_number(number) in ("US", "CA")
    return decides


_DECIDES: dict[str, bool] = {}
"""Area code -> :func:`_prefix_decides`: the numbering plan's own table, at most 800
entries whatever the rosters, so it is kept for the process (no run's state)."""


def _finish(
    value: str,
    e164: str | None,
    national: str,
    extension: str,
    valid: bool,
    possible: bool,
    number_type: str,
    policy: Policy,
) -> NormalizedPhone:
    flags: set[PhoneFlag] = set()
    reason = None
    if extension:
        flags.add(PhoneFlag.HAS_EXTENSION)
    if ("=" in value or "'" in value) and spreadsheet_text(value) is not None:
        flags.add(PhoneFlag.SPREADSHEET_MARK)
    if value.lower() != value.upper():  # letters: a note beside the number
        if labelled_number(value) is not None:
            flags.add(PhoneFlag.LABELLED)
        elif keypad_letters(value):
            flags.add(PhoneFlag.KEYPAD_LETTERS)
        if says_no_texts(value):
            flags.add(PhoneFlag.NO_TEXTS)
        if note_owner(value) is not None:
            flags.add(PhoneFlag.NAMES_SOMEONE)
    elif stray_marks(value):  # (a value the fast path read has none)
        flags.add(PhoneFlag.STRAY_MARK)
    placeholder = _placeholder_reason(national, policy)
    if placeholder:
        flags.add(placeholder[0])
        reason = placeholder[1]
    elif not possible:
        flags.update({PhoneFlag.NOT_POSSIBLE, PhoneFlag.INVALID})
        too_short = len(national) < 7 or ((e164 or "").startswith("+1") and len(national) < 10)
        if too_short:
            flags.add(PhoneFlag.TOO_SHORT)
        reason = "too few digits for a phone number" if too_short else "not a possible number"
    elif not valid:
        flags.add(PhoneFlag.INVALID)
        if (e164 or "").startswith("+1") and len(national) == 7:
            flags.add(PhoneFlag.TOO_SHORT)
            reason = "no area code: a 7-digit local number cannot receive texts; add the area code"
        elif (e164 or "").startswith("+1"):
            reason = "not a valid number for its region (NANP area codes and exchanges start 2-9)"
        else:
            reason = "not a valid number for its region"
    usable = flags.isdisjoint(_UNUSABLE)
    key = None
    if usable:
        key = value if policy.strict_normalization else e164
    return NormalizedPhone(
        raw=value,
        key=key,
        e164=e164,
        extension=extension,
        number_type=number_type,
        flags=frozenset(flags) if flags else _NO_FLAGS,
        reason=reason,
    )


_UNUSABLE = frozenset({PhoneFlag.PLACEHOLDER, PhoneFlag.FICTIONAL, PhoneFlag.INVALID})
_NO_FLAGS: frozenset[PhoneFlag] = frozenset()


def fast_phone(value: str, policy: Policy) -> NormalizedPhone | None:
    """The fast path for a plain NANP number, or ``None`` when it does not apply."""
    if policy.region not in ("US", "CA") or len(value) > 20:
        return None
    match = _NANP.fullmatch(value.strip())
    if match is None:
        return None
    bracketed, area, exchange, line = match.groups()
    national = (bracketed or area) + exchange + line
    decides = _DECIDES.get(national[:3])  # (read inline: one per phone of a roster)
    if decides is None:
        decides = _prefix_decides(national[:3])
    valid, possible, number_type = _nanp_facts(national[:6]) if decides else _number_facts(national)
    if valid and possible and _placeholder_reason(national, policy) is None:
        # The common case, without _finish's flag set: a valid, real number.
        e164 = "+1" + national
        return NormalizedPhone(
            raw=value,
            key=value if policy.strict_normalization else e164,
            e164=e164,
            number_type=number_type,
        )
    return _finish(value, "+1" + national, national, "", valid, possible, number_type, policy)


_PARSE_ERRORS = {
    NumberParseException.INVALID_COUNTRY_CODE: "the digits after '+' are no country code in use",
    NumberParseException.NOT_A_NUMBER: "not a phone number",
    NumberParseException.TOO_SHORT_AFTER_IDD: "too few digits after the international prefix",
    NumberParseException.TOO_SHORT_NSN: "too few digits for a phone number",
    NumberParseException.TOO_LONG: "too many digits for a phone number",
}
"""The parser's errors in the report's words (its own messages are a programmer's)."""


def library_phone(value: str, policy: Policy) -> NormalizedPhone:
    """The full phonenumbers parse of ``value``."""
    text = clean_text(value)
    try:
        number = phonenumbers.parse(text, policy.region)
    except NumberParseException as exc:
        # An email address's digits (maria.garcia77@...) are no number, let alone a
        # placeholder or a short one: it stays invalid, and its repair says where it
        # belongs.
        digits = "" if "@" in text else "".join(ch for ch in text if ch.isdigit())
        placeholder = _placeholder_reason(digits, policy) if digits else None
        flags = {PhoneFlag.INVALID}
        reason = _PARSE_ERRORS.get(exc.error_type, "not a phone number")
        if placeholder:
            flags = {placeholder[0]}
            reason = placeholder[1]
        elif 0 < len(digits) < 7:
            flags.add(PhoneFlag.TOO_SHORT)
        return NormalizedPhone(raw=value, key=None, flags=frozenset(flags), reason=reason)
    national = phonenumbers.national_significant_number(number)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return _finish(
        value,
        e164,
        national,
        number.extension or "",
        phonenumbers.is_valid_number(number),
        phonenumbers.is_possible_number(number),
        _TYPE_NAMES.get(phonenumbers.number_type(number), "unknown"),
        policy,
    )


def normalize_phone(
    value: str, /, *, policy: Policy = _DEFAULT, fast: bool = True
) -> NormalizedPhone:
    """Parse a phone with the policy's default region and return its key and flags.

    A pure function with no cache of its own (a matching run keeps one per run).

    >>> p = normalize_phone("(603) 777-8888")
    >>> p.key, p.number_type
    ('+16037778888', 'fixed-line-or-mobile')
    >>> sorted(f.value for f in normalize_phone("555-555-5555").flags)
    ['placeholder']
    """
    if policy.app_strips_invisible:
        value = strip_invisible(value)
    if not value.strip():
        return NormalizedPhone(raw=value, key=None, flags=frozenset({PhoneFlag.EMPTY}))
    text = clean_text(value)
    words = placeholder_words(policy)
    if text.casefold() in words or (
        # inside a spreadsheet's mark (`="N/A"`, `'none`: since session 59, invalid before)
        ("=" in text or "'" in text) and marked_word(text, words)
    ):
        return NormalizedPhone(
            raw=value,
            key=None,
            flags=frozenset({PhoneFlag.PLACEHOLDER}),
            reason="value means 'no phone'",
        )
    if fast:
        result = fast_phone(value, policy)
        if result is not None:
            return result  # (a number: no spreadsheet's error value)
    if (error := spreadsheet_error(value)) is not None:
        return NormalizedPhone(
            raw=value,
            key=None,
            flags=frozenset({PhoneFlag.PLACEHOLDER}),
            reason=spreadsheet_reason(error),
        )
    result = library_phone(value, policy)
    if PhoneFlag.INVALID in result.flags:
        return _with_repair(result, policy)
    if value.lower() != value.upper() and digits_for_letters(clean_text(value)) is not None:
        # Three or more of O, I typed for 0, 1: the parser read them as a keypad's letters,
        # a valid number that is someone else's. The value is invalid as typed.
        invalid = attrs.evolve(
            result,
            key=None,
            flags=result.flags | {PhoneFlag.INVALID},
            reason="letters among the digits, which the parser reads as a keypad's",
        )
        return _with_repair(invalid, policy)
    return result


def _with_repair(result: NormalizedPhone, policy: Policy) -> NormalizedPhone:
    """An invalid phone, with its repair (or why none is possible) when a spreadsheet or
    labelling slip explains it. A placeholder number with a label beside it
    (``555-555-5555 cell``, ``(000) 000-0000 (mom)``) is a placeholder, as the number alone
    is (since session 59: "not a possible number", its label read as a keypad's letters)."""

    def usable(candidate: str) -> str | None:
        return normalize_phone(candidate, policy=policy).key

    text = clean_text(result.raw)
    found = repair_phone(text, usable)
    if found is None:
        numbers = number_spans(text) if text.lower() != text.upper() else []
        if len(numbers) == 1:
            alone = normalize_phone(numbers[0], policy=policy)
            if alone.flags & {PhoneFlag.PLACEHOLDER, PhoneFlag.FICTIONAL}:
                return attrs.evolve(
                    alone,
                    raw=result.raw,
                    reason=f"{alone.reason}, with words beside it",
                )
        return result
    if found.value is not None:
        found = attrs.evolve(found, key=usable(found.value))
    return attrs.evolve(result, reason=found.reason, repair=found)


def compare_phones(
    a: NormalizedPhone, b: NormalizedPhone, /, *, policy: Policy = _DEFAULT
) -> PhoneDifference:
    """Classify how two phones differ (extension only, one-digit typo, different).

    Under ``policy.strict_normalization`` the app is taken to compare exactly: the same
    number with other punctuation is ``formatting`` (two values to the app).
    """
    if a.raw == b.raw and a.usable:
        return PhoneDifference.IDENTICAL
    if not a.usable or not b.usable:
        if a.meant_key is not None and a.meant_key == b.meant_key:
            return PhoneDifference.REPAIRED
        return PhoneDifference.MISSING
    if a.e164 == b.e164:
        if a.extension != b.extension:
            return PhoneDifference.EXTENSION
        if policy.strict_normalization and a.key != b.key:
            return PhoneDifference.FORMATTING
        return PhoneDifference.BENIGN
    if is_typing_slip(a.digits, b.digits):
        return PhoneDifference.TYPO
    return PhoneDifference.DIFFERENT
