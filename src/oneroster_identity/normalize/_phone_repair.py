"""What an invalid phone value most likely meant, when a spreadsheet or a label broke it.

SIS exports pass through spreadsheets: a number stored as a number comes back as
``6032847142.0`` or ``6,032,847,142``, or as ``6.03284E+09`` with its last digits gone for good. Hand entry
adds labels (``603-284-7142 cell``, ``(h) 603-284-7142``; a keypad's ``#`` after the
number; a label saying the number takes
no texts, ``do not text``, gets no suggestion), puts two numbers in one field
(``603-284-7142 / 603-284-7143``, or each with whose it is beside it) and an email address in the phone column. The first two
kinds have one right repair; a field with two numbers has none (the app takes one SMS
number per person, and only someone who knows the family can tell which), a number in
scientific notation has lost digits no rule can restore, and an email address needs the
number typed in its place: these are said in words, with no suggestion. A carrier's
email-to-SMS address (``6032847142@vtext.com``) is the number it texts: suggested alone; a
Mexican mobile number with the ``1`` Mexico dropped after ``+52`` in 2019 is suggested
without it; a number written with its country code but no ``+`` (``52 55 1234 5678``,
``00 52 55 1234 5678``) is suggested with it, when the country code stands apart and cannot
be a US area code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import phonenumbers

from oneroster_identity._memo import run_cache
from oneroster_identity.normalize._owner import note_owner
from oneroster_identity.normalize._repair import OPTED_OUT, Repair

__all__ = [
    "SMS_GATEWAYS",
    "digits_for_letters",
    "number_spans",
    "repair_phone",
    "says_home_or_work",
    "says_no_texts",
]


_DECIMAL = re.compile(r"\+?\d{7,15}\.0+")
_THOUSANDS = re.compile(r"\+?\d{1,3}(?:,\d{3}){2,4}(?:\.0+)?")
"""A number a spreadsheet formatted as an amount (``6,032,847,142`` or, with two
decimals, ``6,032,847,142.00``): commas between its thousands, which no written phone
number has in that pattern."""
_ODD_SEPARATORS = re.compile(r"\(?\d{1,4}\)?(?:\s*[,;_]\s*\d{1,4}){2,4}")
"""A number's groups written with commas, semicolons or underscores between them
(``617,555,2368``): punctuation no number is written with, which a spreadsheet or a
form's field separator leaves."""
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?[eE]\+?\d{1,2}")
_NUMBER_SPAN = re.compile(r"\+?\(?\d[\d\s().-]*\d")
_SEPARATORS = re.compile(r"\s*(?:[/;,|&]|\b(?:or|and|o|y)\b)\s*", re.IGNORECASE)
"""What joins two numbers in one field: punctuation, or `or`/`and` (Spanish `o`/`y`)."""
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_NO_TEXTS = re.compile(
    r"\b(?:do\s*n[o']?t|dont|never|no)\s+(?:text(?:s|ing)?|txt|sms|messages?)\b"
    r"|\bland\s*-?\s*line\b|\bnot\s+a\s+cell\b|\bno\s+cell\b"
    r"|\b(?:calls?|voice|phone)\s+only\b|\b(?:voice|home)\s+line\b"
    r"|\bfijo\b|\bs[oó]lo\s+llamadas\b|\bno\s+(?:mensajes?|textos?)\b"
    r"|\b(?:viej[oa]|antigu[oa]|anterior|desconectado|equivocado|no\s+sirve|ya\s+no)\b"
    # Portuguese: a landline, calls only, no messages, old, disconnected, wrong number
    r"|\bfixo\b|\b(?:s[oó]|somente)\s+liga[cç][oõ]es\b|\bn[aã]o\s+(?:mandar\s+)?mensage(?:m|ns)\b"
    r"|\b(?:antig[oa]|desligado|errado)\b"
    # French: a landline, no texts; Vietnamese: a desk phone, no texting (session 59)
    r"|\b(?:ligne\s+)?fixe\b|\bpas\s+de\s+(?:sms|textos?)\b"
    r"|\bm[áa]y\s+b[àa]n\b|\bkh[ôo]ng\s+nh[ắa]n\s+tin\b"
    # French and Vietnamese: old, out of service, no longer used (session 59)
    r"|\bancien(?:ne)?\b|\bhors\s+service\b|\bcũ\b|\bkh[ôo]ng\s+d[ùu]ng\b"
    r"|\b(?:fax|pager|beeper|tty|tdd)\b"
    r"|\bdisconnected\b|\b(?:out\s+of|not\s+in|no\s+longer\s+in)\s+service\b"
    r"|\bwrong\s+(?:number|#)|\b(?:old|former|previous)\b"
    # the family opted out of texts, or asked not to be contacted
    rf"|\b(?:{OPTED_OUT}|stop)\b",
    re.IGNORECASE,
)
"""A note beside a number saying it takes no texts (``do not text``, ``no texts``,
``landline``; a fax, a pager or a TTY line, since session 50; ``call only``, ``voice
only``, ``home line`` and the Spanish ``fijo``, ``solo llamadas``, ``no mensajes``,
and the Portuguese ``fixo``, ``só ligações``, since session 57, a label suggesting the
number before) or is not in use (and the Spanish ``viejo``, ``anterior``,
``desconectado``, ``equivocado`` and the Portuguese ``antigo``, ``desligado``,
``errado``, since session 57; the French ``fixe``, ``ligne fixe``, ``pas de SMS`` and
the Vietnamese ``máy bàn``, ``không nhắn tin``, since session 59)
(``disconnected``, ``out of service``, ``wrong number``, ``old``, ``former``), or that the
family opted out (``opted out``, ``unsubscribed``, ``STOP``, the word a texting service
records, ``do not contact``, ``no contactar``, ``não contatar``, since session 58: the
number was suggested before). Suggesting the number alone for the SMS column would text
a family that asked not to be texted, a line that cannot receive texts, or no one."""
_GATEWAY = re.compile(r"(\+?1?\d{10})@([a-z0-9.-]+)", re.IGNORECASE)
_MEXICAN_MOBILE = re.compile(r"(?:\+|00|011)[\s.-]*52[\s.-]*1[\s.-]*(\(?\d[\d\s().-]*\d)")
"""A Mexican mobile number with the ``1`` after the country code that Mexico's numbering
plan dropped in 2019 (``+52 1 55 1234 5678``): the same number is ``+52 55 1234 5678``."""
SMS_GATEWAYS = frozenset(
    {
        "vtext.com",
        "vzwpix.com",
        "txt.att.net",
        "mms.att.net",
        "tmomail.net",
        "messaging.sprintpcs.com",
        "pm.sprint.com",
        "sms.myboostmobile.com",
        "myboostmobile.com",
        "mymetropcs.com",
        "msg.fi.google.com",
        "email.uscc.net",
        "mms.uscc.net",
        "sms.cricketwireless.net",
        "mms.cricketwireless.net",
        "mmst5.tracfone.com",
        "vmobl.com",
        "text.republicwireless.com",
        "txt.bell.ca",
        "pcs.rogers.com",
        "msg.telus.com",
    }
)
"""US and Canadian carriers' email-to-SMS gateway domains: ``6032847142@vtext.com`` in a
phone column is that number, written as the address its texts reach."""

_REASONS = {
    "spreadsheet-decimal": "a spreadsheet wrote the number with a decimal '.0'; suggested: "
    "the number without it",
    "label": "words beside the number (a label such as 'cell' or 'home'); suggested: the "
    "number alone",
    "label-home-work": "words beside the number (a label such as 'cell' or 'home'); the "
    "label names a home or work line, which may not take the app's texts: check it is the "
    "person's mobile; suggested: the number alone",
    "no-texts": "words beside the number say it takes no texts or is not in use (such as "
    "'do not text', 'opted out', 'landline', 'fax' or 'disconnected'); no number is "
    "suggested: the app texts the SMS column, so ask the family for a current number that "
    "takes texts",
    "trailing-hash": "a '#' after the number (a keypad's end-of-entry key), which no "
    "number holds; suggested: the number without it",
    "repeated-number": "the same number written more than once; suggested: the number once",
    "scientific-notation": "a spreadsheet wrote the number in scientific notation and its "
    "last digits are lost; no rule can restore them: retype the number from the family's "
    "records",
    "spreadsheet-thousands": "a spreadsheet wrote the number as an amount, with commas "
    "between its thousands; suggested: the number without them",
    "spreadsheet-exponent": "a spreadsheet wrote the number in scientific notation with all "
    "its digits kept; suggested: the number written out",
    "email-address": "an email address, not a phone number: it belongs in the email column "
    "(and the phone column needs the number)",
    "sms-gateway": "the number written as its carrier's email-to-SMS address; suggested: "
    "the number alone",
    "mexican-mobile": "a Mexican mobile number written with the '1' after +52 that Mexico "
    "dropped in 2019; suggested: the number without it",
    "letter-for-digit": "the letter O typed for the digit 0, or l or I for 1 (as a form "
    "a scanner read, or a quick hand, types them): the app's texts need digits; "
    "suggested: the number with digits",
    "odd-separators": "the number's groups separated by commas, semicolons or "
    "underscores, which no number is written with; suggested: the number with dashes",
    "desk-phone": "words beside a number with an extension (a desk phone behind a "
    "switchboard, which cannot receive the app's texts); no number is suggested: put the "
    "person's mobile number in sms (a desk or work number belongs in 'phone')",
    "country-code-without-plus": "a number written with its country code but without the "
    "'+' (or after an international dialling prefix, such as 00, that is not the one of "
    "the district's region); suggested: the number with '+'",
}

_DIGIT_GROUPS = re.compile(r"\d+")
_EXTENSION = re.compile(
    r"(?:\bext(?:ension)?\b\.?|(?<![^\W\d_])x)\s*\.?\s*\d{1,6}\b", re.IGNORECASE
)
"""An extension after a number (``x12``, ``ext. 12``, ``extension 12``)."""
_LOOKALIKE_DIGITS = str.maketrans("OoIl", "0011")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_NUMBER_PUNCTUATION = frozenset("-.()/")
"""The punctuation inside a number, never between two words: a run of O and I beside it
is a group of the number typed in letters, where a lone ``o`` between spaces is the
Spanish "or" between two numbers."""


def digits_for_letters(text: str) -> str | None:
    """``text`` with the letters O and o typed for the digit 0, and l and I for 1, written
    as those digits (``617-428-19O1`` -> ``617-428-1901``, ``6l7-...`` -> ``617-...``), or
    ``None`` when it holds no such letter, or other letters (a label, a vanity number's
    word), or one that stands apart from the digits (the Spanish ``o``, "or", between two
    numbers).

    A form a scanner read, or a hand typing fast, makes these slips. The parser drops
    one or two such letters (leaving too few digits) and reads three or more as a keypad's
    letters (``O`` as 6, ``I`` as 4): ``617-4OO-19O1`` is the valid 617-466-1961, someone
    else's.

    >>> digits_for_letters("617-428-19O1"), digits_for_letters("617-4OO-19O1")
    ('617-428-1901', '617-400-1901')
    >>> digits_for_letters("201-200-OIOO")
    '201-200-0100'
    >>> digits_for_letters("617-555-2368 o 617-555-2369"), digits_for_letters("1-800-FLOWERS")
    (None, None)
    """
    runs = list(_LETTER_RUN.finditer(text))
    if not runs or sum(ch.isdigit() for ch in text) < 4:
        return None
    for run in runs:
        if run.group().strip("OoIl"):
            return None
        before, after = text[run.start() - 1 : run.start()], text[run.end() : run.end() + 1]
        if not (
            before.isdigit()
            or after.isdigit()
            # a whole group typed so (`617-428-OIOO`): the number's punctuation beside it
            or before in _NUMBER_PUNCTUATION
            or after in _NUMBER_PUNCTUATION
            or len(run.group()) > 1
        ):
            return None
    return text.translate(_LOOKALIKE_DIGITS)


@run_cache
@lru_cache(maxsize=1024)
def _is_country_code(digits: str) -> bool:
    return len(digits) <= 3 and phonenumbers.region_code_for_country_code(int(digits)) != "ZZ"


@run_cache
@lru_cache(maxsize=1024)
def _is_us_area_code(digits: str) -> bool:
    """Whether three digits are a NANP area code in use (``213``, Los Angeles, is also
    Algeria's country code)."""
    number = phonenumbers.PhoneNumber(country_code=1, national_number=int(digits + "2345678"))
    return len(digits) == 3 and phonenumbers.is_valid_number(number)


def _with_plus(text: str, usable: Callable[[str], str | None]) -> str | None:
    """The number ``text`` means with ``+`` before its country code, or ``None``. Only
    when the country code is a group of its own (``52 55 1234 5678``) or follows an
    international dialling prefix (``00 52 ...``, ``0052 ...``, ``001 ...``), and, without
    such a prefix, is not also a US area code: ``617 555 12345``, a US number with a digit
    too many, is as digits a valid Australian number."""
    if "+" in text or any(ch.isalpha() for ch in text):
        return None
    groups = _DIGIT_GROUPS.findall(text)
    first, rest = (groups[0], groups[1:]) if groups else ("", [])
    dialled = False
    if first in ("00", "011") and rest:
        first, rest, dialled = rest[0], rest[1:], True
    elif first.startswith("00") and len(first) > 2:
        first, dialled = first[2:], True
    if not rest or not _is_country_code(first):
        return None
    if not dialled and (first == "1" or _is_us_area_code(first)):
        return None
    candidate = f"+{first} {' '.join(rest)}"
    return candidate if usable(candidate) else _without_mexican_one(candidate, usable)


def _without_mexican_one(text: str, usable: Callable[[str], str | None]) -> str | None:
    """A Mexican mobile number written with the ``1`` after ``+52`` (``_MEXICAN_MOBILE``)
    as the usable number without it, or ``None``."""
    mexican = _MEXICAN_MOBILE.fullmatch(text)
    if mexican is None:
        return None
    digits = "".join(ch for ch in mexican.group(1) if ch.isdigit())
    candidate = f"+52 {digits}"
    return candidate if len(digits) == 10 and usable(candidate) else None


_HOME_OR_WORK = re.compile(
    r"\b(?:home|house|hm|h|work|wk|w|office|ofc|business|desk|casa|trabajo|oficina|trabalho"
    r"|domicile|maison|travail|bureau)\b",
    re.IGNORECASE,
)


def says_home_or_work(text: str) -> bool:
    """Whether a label beside a number names a home or a work line (``(home)``, ``H``,
    ``wk``, ``office``): one that may not take texts, though many families' home number
    is a mobile. The number's own digits are not read.

    >>> says_home_or_work("617-555-2368 (h)"), says_home_or_work("cell 617-555-2368")
    (True, False)
    """
    return _HOME_OR_WORK.search(_NUMBER_SPAN.sub(" ", text)) is not None


def number_spans(text: str) -> list[str]:
    """The runs of digits and a number's punctuation in ``text``, each a number as
    written, from its first digit (or ``+``, ``(``) to its last digit
    (``"617-555-2368 (mom)"`` -> ``["617-555-2368"]``)."""
    spans: list[str] = _NUMBER_SPAN.findall(text)
    return spans


def says_no_texts(text: str) -> bool:
    """Whether words in a phone value say the number takes no texts (``do not text``, ``no
    sms``, ``landline``) or is not in use (``disconnected``, ``wrong number``).

    >>> says_no_texts("617-555-2368 (do not text)"), says_no_texts("cell 617-555-2368")
    (True, False)
    """
    return _NO_TEXTS.search(text) is not None


def _written_out(text: str) -> str | None:
    """The whole number a value in scientific notation stands for, when its mantissa keeps
    every digit (``6.032847142E+09`` is ``6032847142``); ``None`` when digits are gone
    (``6.03284E+09``: a spreadsheet shows six, and trailing zeros are dropped too, so
    ``6.0328E+09`` may be ``6032800000`` or any number it rounds) or a fraction is left."""
    mantissa, _, exponent = text.lower().partition("e")
    digits = mantissa.replace(".", "").replace(",", "")
    places = int(exponent) + 1
    while len(digits) > places and digits.endswith("0"):  # 6.0328471420E+09: a .0 left
        digits = digits[:-1]
    return digits if len(digits) == places else None


def _spaced_apart(text: str, usable: Callable[[str], str | None]) -> list[str]:
    """Two numbers with only spaces between them (``617-555-2368 617-555-2369``, two
    columns pasted into one): the two halves at the one space where both are usable
    numbers, else ``[]``. A number written with spaces (``617 555 2368``) is one number,
    and valid, so it never comes here; a space inside it leaves halves that are no
    numbers."""
    if len(text) > 48 or not 1 <= text.count(" ") <= 8:
        return []  # longer than two numbers written out: a note, no pair
    found: list[str] = []
    for at in (i for i, ch in enumerate(text) if ch == " "):
        left, right = text[:at].strip(), text[at:].strip()
        if left and right and usable(left) and usable(right):
            if found:
                return []  # two places to split: no one reading
            found = [left, right]
    return found


_LAST_DIGITS = re.compile(r"(.*\d)\s*(?:/|,|&|\bor\b|\bo\b|\by\b)\s*(\d{1,4})", re.IGNORECASE)


def _by_its_last_digits(
    text: str, usable: Callable[[str], str | None]
) -> tuple[str, str, bool] | None:
    """The two numbers of ``617-555-2368/69`` or ``617-555-2368 or 2370`` (a second line
    written as the digits it differs in) and whether they are one number (``.../2368``:
    the last digits written again), or ``None``: only when the first is a usable number
    and the second, its last digits replaced, is a usable one too.

    >>> key = lambda v: "+1" + "".join(c for c in v if c.isdigit()) if len(v) >= 12 else None
    >>> _by_its_last_digits("617-555-2368/69", key)
    ('617-555-2368', '617-555-2369', False)
    >>> _by_its_last_digits("617-555-2368 / 2368", key)  # the same number
    ('617-555-2368', '617-555-2368', True)
    """
    found = _LAST_DIGITS.fullmatch(text)
    if found is None:
        return None
    first, tail = found.group(1).strip(), found.group(2)
    first_key = usable(first)
    if first_key is None:
        return None
    at = len(first)
    for _ in tail:  # the last len(tail) digits of the first number, from its end
        at = max(i for i, ch in enumerate(first[:at]) if ch.isdigit())
    second = first[:at] + tail
    key = usable(second)
    return None if key is None else (first, second, key == first_key)


def repair_phone(text: str, usable: Callable[[str], str | None]) -> Repair | None:
    """The repair of an invalid phone ``text`` (already stripped), or ``None`` when no
    spreadsheet or labelling slip explains it. ``usable`` returns the E.164 key of a
    value that is a usable number, else ``None`` (the caller's normalizer, so a repair
    is valid by the same rules and policy).

    >>> from oneroster_identity.normalize import normalize_phone
    >>> key = lambda v: normalize_phone(v).key
    >>> repair_phone("6032847142.0", key).value
    '6032847142'
    >>> repair_phone("603-284-7142 (cell)", key).value
    '603-284-7142'
    >>> found = repair_phone("603-284-7142 / 603-284-7143", key)
    >>> found.rule, found.value
    ('several-numbers', None)
    >>> repair_phone("+52 1 55 1234 5678", key).value
    '+52 5512345678'
    >>> repair_phone("52 55 1234 5678", key).value, repair_phone("617 555 12345", key)
    ('+52 55 1234 5678', None)
    >>> repair_phone("603-284-7142 603-284-7143", key).rule
    'several-numbers'
    """
    if _DECIMAL.fullmatch(text):
        candidate = text.split(".", 1)[0]
        if usable(candidate):
            return Repair(
                rule="spreadsheet-decimal", reason=_REASONS["spreadsheet-decimal"], value=candidate
            )
        return None
    if _THOUSANDS.fullmatch(text):
        candidate = "".join(ch for ch in text.split(".", 1)[0] if ch != ",")
        if usable(candidate):
            return Repair(
                rule="spreadsheet-thousands",
                reason=_REASONS["spreadsheet-thousands"],
                value=candidate,
            )
        return None
    if _ODD_SEPARATORS.fullmatch(text):
        candidate = "-".join(_DIGIT_GROUPS.findall(text))
        if usable(candidate):
            return Repair(rule="odd-separators", reason=_REASONS["odd-separators"], value=candidate)
    if _SCIENTIFIC.fullmatch(text):
        whole = _written_out(text)
        if whole is not None and usable(whole):
            return Repair(
                rule="spreadsheet-exponent", reason=_REASONS["spreadsheet-exponent"], value=whole
            )
        return Repair(rule="scientific-notation", reason=_REASONS["scientific-notation"])
    digits = digits_for_letters(text)
    if digits is not None and usable(digits):
        return Repair(rule="letter-for-digit", reason=_REASONS["letter-for-digit"], value=digits)
    if text.endswith("#") and (bare := text.rstrip("# ")) and usable(bare):
        return Repair(rule="trailing-hash", reason=_REASONS["trailing-hash"], value=bare)
    gateway = _GATEWAY.fullmatch(text)
    if gateway is not None and gateway.group(2).lower() in SMS_GATEWAYS:
        candidate = gateway.group(1)
        if usable(candidate):
            return Repair(rule="sms-gateway", reason=_REASONS["sms-gateway"], value=candidate)
    if _EMAIL.fullmatch(text):
        return Repair(rule="email-address", reason=_REASONS["email-address"])
    mexican = _without_mexican_one(text, usable)
    if mexican is not None:
        return Repair(rule="mexican-mobile", reason=_REASONS["mexican-mobile"], value=mexican)
    plus = _with_plus(text, usable)
    if plus is not None:
        return Repair(
            rule="country-code-without-plus",
            reason=_REASONS["country-code-without-plus"],
            value=plus,
        )
    spans = number_spans(text)
    if len(spans) == 1 and any(ch.isalpha() for ch in text):
        candidate = spans[0]
        if usable(candidate):
            if says_no_texts(text):
                return Repair(rule="no-texts", reason=_REASONS["no-texts"])
            return Repair(
                rule="label",
                reason=_REASONS["label-home-work" if says_home_or_work(text) else "label"],
                value=candidate,
                owner=note_owner(text.replace(spans[0], " ", 1)),
            )
    if _EXTENSION.search(text) and any(ch.isalpha() for ch in _EXTENSION.sub("", text)):
        # `617-428-1909 x12 (work)`: the parser reads no number past the label, and one
        # or two of its letters as a keypad's (since session 59: "not a possible number")
        numbers = number_spans(_EXTENSION.sub(" ", text))
        if len(numbers) == 1 and usable(numbers[0]):
            return Repair(rule="desk-phone", reason=_REASONS["desk-phone"])
    by_last_digits = _by_its_last_digits(text, usable)
    if by_last_digits is not None:
        first, _, one_number = by_last_digits
        if one_number:
            return Repair(rule="repeated-number", reason=_REASONS["repeated-number"], value=first)
        return Repair(
            rule="several-numbers",
            reason="the field holds 2 numbers, the second written as its last digits (a "
            "household's two lines that differ at the end); the app takes one SMS number "
            "per person: keep one (only someone who knows the family can tell which)",
        )
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    if len(parts) < 2:
        parts = _spaced_apart(text, usable)
    if len(parts) >= 2:
        keys = [usable(p.strip()) for p in parts]
        if all(keys):
            if len(set(keys)) == 1:
                return Repair(
                    rule="repeated-number",
                    reason=_REASONS["repeated-number"],
                    value=parts[0].strip(),
                )
            return Repair(
                rule="several-numbers",
                reason=f"the field holds {len(parts)} numbers; the app takes one SMS number "
                "per person: keep one (only someone who knows the family can tell which)",
            )
    if len(spans) >= 2:
        return _labelled_numbers(text, spans, usable)
    return None


def _labelled_numbers(
    text: str, spans: list[str], usable: Callable[[str], str | None]
) -> Repair | None:
    """Two or more numbers each with words beside it (``617-555-2368 (mom) 617-555-2369
    (dad)``, ``cell 617-555-2368 home 617-555-2369``), or ``None`` when a span is no
    usable number (an extension's digits, a note's year). One number written twice
    (``617-555-2368 (cell) 617-555-2368 (home)``) is that number, unless the words say it
    takes no texts; its note's person is kept, as for a label, so a number labelled for
    two people fits no record."""
    keys = [usable(span) for span in spans]
    if not all(keys):
        return None
    if len(set(keys)) > 1:
        return Repair(
            rule="several-numbers",
            reason=f"the field holds {len(spans)} numbers, with words beside them; the app "
            "takes one SMS number per person: keep one (only someone who knows the family "
            "can tell which)",
        )
    if says_no_texts(text):
        return Repair(rule="no-texts", reason=_REASONS["no-texts"])
    residue = text
    for span in spans:
        residue = residue.replace(span, " ", 1)
    return Repair(
        rule="repeated-number",
        reason=_REASONS["repeated-number"],
        value=spans[0],
        owner=note_owner(residue),
    )
