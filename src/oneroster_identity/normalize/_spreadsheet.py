"""A spreadsheet's error value where a roster value belongs (``#N/A``, ``#NAME?``).

Districts build and mend roster files in spreadsheets: a guardian's email looked up from
another sheet, a column pasted over, a file opened and saved back. A lookup that finds
nothing leaves ``#N/A``; a value the spreadsheet read as a formula (a name or a number
beginning with ``=``, ``+`` or ``-``) leaves ``#NAME?`` or ``#VALUE!``; saved as CSV, the
error is the cell's text. It is no value at all: the record's real value was lost on the
way, and the system the file came from may still hold it. Excel's and Google Sheets'
errors are read in English and in Spanish (US districts' two spreadsheet languages),
and LibreOffice's ``Err:502``.
"""

from __future__ import annotations

import re
from collections.abc import Container

__all__ = [
    "ERROR_STARTS",
    "marked_name",
    "marked_word",
    "spreadsheet_error",
    "spreadsheet_reason",
    "spreadsheet_text",
]

_ERRORS = frozenset(
    {
        # Excel and Google Sheets
        "#N/A", "#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!",
        "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#ERROR!",
        "#GETTING_DATA",
        # Excel in Spanish
        "#¿NOMBRE?", "#¡VALOR!", "#¡REF!", "#¡DIV/0!", "#¡NUM!", "#¡NULO!", "#¡DESBORDAMIENTO!",
    }
)  # fmt: skip
_LIBREOFFICE = re.compile(r"ERR:\d{3}")
ERROR_STARTS = frozenset("#Ee")
"""The first characters of every error value: a pass over a million values asks
:func:`spreadsheet_error` only of those starting so, without a call for the others."""


def spreadsheet_error(value: str, /) -> str | None:
    """The spreadsheet error ``value`` is, as the spreadsheet writes it, or ``None`` (every
    value without ``#`` or ``:`` is told in C).

    >>> spreadsheet_error("#N/A"), spreadsheet_error(" #name? "), spreadsheet_error("Err:502")
    ('#N/A', '#NAME?', 'ERR:502')
    >>> spreadsheet_error("N/A"), spreadsheet_error("Ruiz #2"), spreadsheet_error("Ana")
    (None, None, None)
    """
    if "#" not in value and ":" not in value:
        return None
    text = value.strip().upper()
    return text if text in _ERRORS or _LIBREOFFICE.fullmatch(text) else None


def spreadsheet_reason(error: str, /) -> str:
    """Why a value that is spreadsheet ``error`` is no value, for a finding's message."""
    return (
        f"a spreadsheet's error value, {error}, where a formula or a lookup failed: the "
        "value was lost on the file's way here, and the system it came from may hold it"
    )


_TEXT_MARK = re.compile(r"""\s*(?:=\s*"(?P<formula>[^"]*)"|'(?P<text>.*))\s*""", re.DOTALL)
"""A spreadsheet's marks for a value to be kept as text: a text formula (``="0123"``,
which exports meant for Excel write to keep leading zeros) or a leading apostrophe
(``'0123``: Excel and Google Sheets show it in the cell's edit line, and a copy from
there carries it)."""


def spreadsheet_text(value: str, /, *, apostrophe: bool = True) -> str | None:
    """The value inside a spreadsheet's mark for text, stripped, or ``None`` when
    ``value`` carries no such mark. A sync takes the mark as part of the value, so the
    value differs from the same value written plainly on another record. A leading
    apostrophe is a mark only where ``apostrophe`` is true: a name may begin with one
    (``'Iolani``, an ʻokina typed on a US keyboard).

    >>> spreadsheet_text('="617-555-2368"'), spreadsheet_text("'6175552368")
    ('617-555-2368', '6175552368')
    >>> spreadsheet_text("'Iolani", apostrophe=False), spreadsheet_text("Ana")
    (None, None)
    """
    if "=" not in value and "'" not in value:
        return None
    match = _TEXT_MARK.fullmatch(value)
    if match is None or (match["formula"] is None and not apostrophe):
        return None
    return (match["formula"] if match["formula"] is not None else match["text"]).strip()


def marked_word(value: str, words: Container[str], /) -> bool:
    """Whether ``value`` is one of ``words`` (case-folded) inside a spreadsheet's mark for
    text: a word for no value written so (``="N/A"``, ``'none``), which the email and the
    phone normalizers read as the word (since session 59).

    >>> marked_word('="N/A"', {"n/a"}), marked_word("'none", {"none"}), marked_word("N/A", {"n/a"})
    (True, True, False)
    """
    inner = spreadsheet_text(value)
    return inner is not None and inner.casefold() in words


def marked_name(value: str, /) -> str | None:
    """The name inside a spreadsheet's text formula (``="Rosa"`` -> ``Rosa``), or
    ``None``: a value with no formula around it, or none with a letter inside. A leading
    apostrophe is no mark here (``'Iolani``)."""
    inner = spreadsheet_text(value, apostrophe=False)
    return inner if inner and inner.lower() != inner.upper() else None
