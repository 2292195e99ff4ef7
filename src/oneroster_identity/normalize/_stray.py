"""Punctuation at the edge of a name part, where no name has it.

Two kinds, told apart because only one of them has a value to suggest:

- a *separator* (``,`` ``;`` ``:``, or a ``.`` before the name) that begins or ends the
  part: a slip of typing, or of splitting ``Ruiz, Maria`` into two fields. The name is
  the part without it (``Ruiz,`` -> ``Ruiz``).
- a *joining mark* (a hyphen or dash, ``&``, ``+``, ``/``) with nothing on its other side:
  ``Garcia-``, ``John &``. Part of the name may be cut off (a second family name, a
  second given name, a second person), so the part without the mark may be no more right
  than the part with it, and nothing is suggested.

A period after a given name is not read: ``Wm.``, ``St.`` and initials end with one, and
an abbreviation the tables lack (``Eliz.``) would lose the mark that shows it is one.
After a family name (``family=True``, since session 40) one is, when the word before it
has three letters or more and is no suffix or credential (``Jr.``, ``Esq.``, ``Ph.D.``):
``Ruiz.``. It is a slip of typing, or the name cut short to fit a field (``Gonz.``), so
:attr:`StrayMark.cleaned` is the name without it but :attr:`StrayMark.sure` is false:
only another record holding that name says it is whole. Nor is an apostrophe read, which
ends some transliterated names (``Igor'``), nor a bracket or a quote beside a name (a
note: :func:`~oneroster_identity.normalize._names.has_note`). Quotes around the whole
part (``"Maria"``: an export that quoted its values twice) are read since session 59:
the name is the part inside them.
"""

from __future__ import annotations

import re

import attrs

from oneroster_identity.normalize._suffixes import GENERATIONS, credentials

__all__ = ["QUOTES", "StrayMark", "stray_mark"]

_SEPARATORS = ",;:"
_LEADING_ONLY = "."
_JOINERS = "-\u2010\u2011\u2012\u2013\u2014&+/"
_EDGE = _SEPARATORS + _JOINERS
_START = _LEADING_ONLY + _EDGE
_END = _EDGE
_NAMES = {
    ",": "a comma",
    ";": "a semicolon",
    ":": "a colon",
    ".": "a period",
    "&": "an '&'",
    "+": "a '+'",
    "/": "a slash",
}


QUOTES = '""'
"""The :attr:`StrayMark.mark` of a name part written whole in quotes (``"Maria"``)."""
_QUOTE_PAIRS = {
    '"': '"',
    "'": "'",
    "\u201c": "\u201d",
    "\u201e": "\u201c",
    "\u2018": "\u2019",
    "\u00ab": "\u00bb",
}
"""A quote and the one that closes it: a name part written whole between them
(``"Maria"``, ``“Maria”``: an export that quoted its values twice, or a form's field
copied with its quotes) is the name inside (since session 59: a choice between the
quoted and the plain name beside the person's other record, and no finding alone)."""
_QUOTES = frozenset(_QUOTE_PAIRS) | frozenset(_QUOTE_PAIRS.values())


@attrs.frozen
class StrayMark:
    """A mark at the edge of a name part (see the module docstring)."""

    mark: str
    """The first stray character found: at the end if the part ends with one, else at the
    start."""
    at_end: bool
    cut_off: bool
    """A joining mark with nothing on one side: part of the name may be missing."""
    cleaned: str | None
    """The part without its stray separators, or ``None`` when ``cut_off``."""

    @property
    def sure(self) -> bool:
        """Whether :attr:`cleaned` is the name as the value shows it: false for a period
        after a family name (the one period read at the end), which may end a name cut
        short (``Gonz.``)."""
        return not (self.at_end and self.mark == ".")

    @property
    def described(self) -> str:
        """``a comma``, ``a hyphen``...: the mark in words, for a message."""
        if self.mark == QUOTES:
            return "quotes around the whole name"
        if self.mark in _NAMES:
            return _NAMES[self.mark]
        return "a hyphen" if self.mark in "-\u2010\u2011" else "a dash"


_LAST_WORD = re.compile(r"([^\W\d_]+)[.\s]*$")
_NOT_STRAY_AFTER = frozenset({"snr", "jnr"})
"""Generational suffixes some exports write that :data:`GENERATIONS` lacks."""


def _stray_period(text: str) -> bool:
    """Whether a family name ends with a period no name has (see the module docstring)."""
    found = _LAST_WORD.search(text)
    if found is None or len(found[1]) < 3:
        return False  # an initial, `Jr.`, `St.`, or no letter before the period
    word = found[1].casefold()
    return word not in GENERATIONS and word not in _NOT_STRAY_AFTER and not credentials(text)


def stray_mark(value: str, /, *, family: bool = False) -> StrayMark | None:
    """The stray mark at the edge of name part ``value`` (a family name with
    ``family``), or ``None`` (also for a value with no letter at all, which is no name:
    ``missing-name`` reads it).

    >>> stray_mark("Ruiz,").cleaned, stray_mark(" ; Ruiz").cleaned
    ('Ruiz', 'Ruiz')
    >>> stray_mark("Garcia -").cut_off, stray_mark("Garcia -").cleaned
    (True, None)
    >>> stray_mark("Garcia-Lopez"), stray_mark("Jr."), stray_mark("O'Brien")
    (None, None, None)
    """
    text = value.strip()
    if not text:
        return None
    last, first = text[-1], text[0]
    if first in _QUOTE_PAIRS and last == _QUOTE_PAIRS[first] and len(text) > 2:
        inner = text[1:-1].strip()
        if any(ch.isalpha() for ch in inner) and not _QUOTES.intersection(inner):
            return StrayMark(mark=QUOTES, at_end=False, cut_off=False, cleaned=inner)
    if last in _EDGE:
        mark, at_end = last, True
    elif first in _START:
        mark, at_end = first, False
    elif family and last == "." and _stray_period(text):
        mark, at_end = last, True
    else:
        return None
    ends = _END + "." if mark == "." and at_end else _END
    if not any(ch.isalpha() for ch in text):
        return None
    # the marks and any spaces between them (a no-break or an em space too)
    start, end = 0, len(text)
    while text[start] in _START or text[start].isspace():
        start += 1
    while text[end - 1] in ends or text[end - 1].isspace():
        end -= 1
    kept = text[start:end]
    removed = text[:start] + text[end:]
    cut_off = any(ch in _JOINERS for ch in removed)
    return StrayMark(
        mark=mark,
        at_end=at_end,
        cut_off=cut_off,
        cleaned=None if cut_off else kept,
    )
