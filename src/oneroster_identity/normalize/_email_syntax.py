"""Why an email value is not an address, in the report's own words.

email-validator decides whether a value is an address; when it is not, the library's
message is written for a web form's user ("The email address contains invalid characters
before the @-sign: SPACE.") and its wording moves between releases. An admin reading a
report needs the slip named in the words of the rest of the report, and the same words
from every release of the library. :func:`why_not_an_address` reads the value itself for
the slips rosters hold (a space, a character no address holds, a dot out of place, a
domain with no dot or ending in digits) and falls back to the library's message only for
the rare rest (a domain that fails IDNA, for one).

It never decides validity: the caller has already been told the value is not an address,
and every reason here names something that alone makes a value no address.
"""

from __future__ import annotations

import re
import string
import unicodedata

from oneroster_identity.normalize._text import APOSTROPHE_FORMS, HYPHEN_FORMS, describe_character

__all__ = [
    "SPECIAL_USE_TLDS",
    "characters_no_mailbox_holds",
    "typographic_punctuation",
    "why_not_an_address",
]

_ATEXT_PUNCTUATION = frozenset("!#$%&'*+-/=?^_`{|}~")
"""The punctuation RFC 5322 allows in an unquoted mailbox name, beside letters, digits and
single dots (quoted mailbox names are refused, as the app's mail relay does)."""
SPECIAL_USE_TLDS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})
"""Top-level names reserved for other uses (RFC 6761 and RFC 7686): mail reaches no one
there."""
_LONG_DASHES = frozenset("\u2014\u2015")
_TYPED = {
    **{char: "'" for char in APOSTROPHE_FORMS if not char.isascii()},
    **{char: "--" if char in _LONG_DASHES else "-" for char in HYPHEN_FORMS},
}
"""The characters outside ASCII that ``clean_text`` folds to a typed apostrophe or hyphen,
and what was typed: a long dash (em dash, horizontal bar) may stand for one hyphen or
two."""
_MAILBOX_CATEGORIES = frozenset("LMN")
"""Unicode's letters, marks and digits: the characters outside ASCII a mailbox name may
hold."""
_DISPLAY_NAME = re.compile(r"[^<>]*<([^<>]*)>\s*")
"""A name and angle brackets around an address (``Ana Diaz <ana@gmail>``)."""
_LABEL_MAX = 63
_DOMAIN_MAX = 253
_ADDRESS_MAX = 254


def why_not_an_address(text: str, library_message: str) -> str:
    """The reason a value (stripped, already refused by the validator) is not an address.

    ``library_message`` is the validator's own message, kept for a slip this reading does
    not name.

    >>> why_not_an_address("ana diaz@gmail.com", "")  # doctest: +ELLIPSIS
    "a space before the @, where no address holds one; only the address's owner knows ..."
    >>> why_not_an_address("ana;diaz@gmail.com", "")
    "a character no address holds before the @: ';'"
    >>> why_not_an_address("ana@gmail", "")
    'a domain (after the @) with no dot, which mail cannot reach'
    >>> why_not_an_address("ana@xn--zz.com", "The part after the @-sign is not valid IDNA.")
    ... # doctest: +ELLIPSIS
    'not an address by the rules of email syntax (the email library: the part after ... IDNA)'
    """
    if (bracketed := _DISPLAY_NAME.fullmatch(text)) is not None:
        # (a mail program's display name, whose address is no address either)
        inner = bracketed.group(1).strip()
        named = "angle brackets" if text.startswith("<") else "a name and angle brackets"
        return f"{named} around the address; inside them, " + (
            why_not_an_address(inner, "") if inner else "nothing"
        )
    at = text.count("@")
    if at == 0:
        return "no @, so not an address"
    if at > 1:
        return "more than one @, where an address holds one"
    local, _, domain = text.partition("@")
    if not local:
        return "nothing before the @"
    if not domain:
        return "nothing after the @"
    return (
        _local_slip(local)
        or _domain_slip(domain)
        or (
            f"longer than any address can be ({_ADDRESS_MAX} characters)"
            if len(text) > _ADDRESS_MAX
            else None
        )
        or "not an address by the rules of email syntax"
        + (f" (the email library: {_plain(library_message)})" if library_message else "")
    )


def typographic_punctuation(local: str) -> tuple[str, bool] | None:
    """For a mailbox name as written (before the @, before any folding), ``(reason,
    one_reading)`` when it holds a curly apostrophe or a dash that is no hyphen, else
    ``None``.

    A word processor, a phone's keyboard or a copy from a document writes ``\u2019`` where a
    person typed ``'``, and ``\u2010`` or ``\u2013`` where they typed ``-``: no mailbox holds
    those, so the address as written reaches no one, and the one reading is the character
    as typed (``one_reading``). A long dash (``\u2014``) is written for two typed hyphens as
    often as for one: which the address holds cannot be read.

    >>> typographic_punctuation("o\u2019brien")[1], typographic_punctuation("ana\u2014diaz")[1]
    (True, False)
    >>> typographic_punctuation("o'brien") is None
    True
    """
    if local.isascii():
        return None
    written = [char for char in local if char in _TYPED]
    if not written:
        return None
    shown = _shown(written)
    if any(_TYPED[char] == "--" for char in written):
        return (
            f"a long dash before the @ ({shown}), which a word processor writes for two "
            "typed hyphens and a copy from a document for one; no mailbox holds it, and the "
            "value cannot tell which the address has",
            False,
        )
    kinds = " or ".join(
        dict.fromkeys(
            "a curly apostrophe" if _TYPED[char] == "'" else "a dash that is no hyphen"
            for char in written
        )
    )
    return (
        f"{kinds} before the @ ({shown}), which a word processor, a phone or a copy from a "
        "document writes for a typed one; no mailbox holds it, so mail to the value as "
        "written reaches no one",
        True,
    )


def characters_no_mailbox_holds(local: str) -> str | None:
    """The reason a mailbox name (before the @) the validator accepts still reaches no one:
    a character outside ASCII that is no letter, mark or digit (a bullet, an inverted
    question mark, a symbol; curly apostrophes and dashes are read first, by
    :func:`typographic_punctuation`). The internationalized mail rules (RFC 6531) would
    carry them, but no mail system gives a mailbox such a name. ``None`` when every
    character is one a mailbox name may hold.

    >>> characters_no_mailbox_holds("ana\u2022diaz")
    "a character no mailbox holds before the @: '\u2022'"
    >>> characters_no_mailbox_holds("mar\u00eda") is None
    True
    """
    if local.isascii():
        return None
    odd = [
        char
        for char in local
        if not char.isascii() and unicodedata.category(char)[0] not in _MAILBOX_CATEGORIES
    ]
    return f"a character no mailbox holds before the @: {_shown(odd)}" if odd else None


def _local_slip(local: str) -> str | None:
    """The slip in the mailbox name (before the @), if one is read."""
    if any(char.isspace() for char in local):
        return (
            "a space before the @, where no address holds one; only the address's owner "
            "knows what it stands for (a dot, another character or nothing)"
        )
    odd = [
        char for char in local if not (char.isalnum() or char in _ATEXT_PUNCTUATION or char == ".")
    ]
    if odd:
        return f"a character no address holds before the @: {_shown(odd)}"
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return "a dot first, last or doubled before the @, where no address holds one"
    return None


def _domain_slip(domain: str) -> str | None:
    """The slip in the domain (after the @), if one is read."""
    if any(char.isspace() for char in domain):
        return "a space in the domain (after the @), where none can be"
    odd = [char for char in domain if not (char.isalnum() or char in "-.")]
    if odd:
        return f"a character no domain holds (after the @): {_shown(odd)}"
    if "." not in domain:
        return "a domain (after the @) with no dot, which mail cannot reach"
    labels = domain.split(".")
    if any(not label for label in labels):
        return "a dot first, last or doubled in the domain (after the @), where none can be"
    if any(label.startswith("-") or label.endswith("-") for label in labels):
        return "a hyphen first or last in a part of the domain (after the @), where none can be"
    if any(len(label) > _LABEL_MAX for label in labels) or len(domain) > _DOMAIN_MAX:
        return "a domain (after the @) longer than any the internet holds"
    top = labels[-1]
    if top.isdigit():
        return "a domain (after the @) ending in digits, which names no mail domain"
    if top.lower() in SPECIAL_USE_TLDS:
        return (
            f"a domain (after the @) ending in '.{top.lower()}', reserved for private or test "
            "networks, which mail from the app does not reach"
        )
    return None


def _shown(chars: list[str]) -> str:
    """The distinct characters, in order of first use: punctuation and symbols as
    themselves (quoted), any other character by its name and code point (an invisible one
    or a space would show as nothing)."""
    seen = dict.fromkeys(chars)
    return ", ".join(
        f"'{char}'"
        if char in string.punctuation or unicodedata.category(char)[0] in "PS"
        else describe_character(char)
        for char in seen
    )


def _plain(message: str) -> str:
    """The library's sentence as a clause: its first letter lower-cased, its stop dropped."""
    message = message.strip().rstrip(".")
    return message[:1].lower() + message[1:]
