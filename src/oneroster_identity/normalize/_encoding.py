"""Letters garbled by reading UTF-8 text as Windows-1252 or Latin-1 (mojibake).

A value typed as ``García`` and stored in UTF-8 reads ``GarcÃ­a`` when a program between
the family and the SIS (a parent portal's export, a spreadsheet opened in Excel and saved
back, an import that assumed Windows-1252) decodes its bytes in the wrong encoding: each
accented letter becomes two or three characters (``é`` ``Ã©``, ``ñ`` ``Ã±``, Vietnamese
``ễ`` ``á»…``, the typographic apostrophe ``’`` ``â€™``). The app shows the garbled value
as the person's name, and the person's records spelled right make other accounts.

The repair is the exact inverse of the mistake: the characters back to the bytes the
wrong decoding read, and those bytes decoded as UTF-8. UTF-8 is strict (a lead byte
must be followed by the right number of continuation bytes), so a real name almost never
decodes: ``São``, ``Müller``, ``Nguyễn``, ``Zoë`` and every name of letters a keyboard
types are left alone. A value garbled twice (``JosÃƒÂ©``) is repaired twice.
"""

from __future__ import annotations

import re
from functools import lru_cache

from oneroster_identity._memo import run_cache

__all__ = ["ungarbled"]


def _byte_table() -> dict[str, int]:
    """Each character a wrong decoding of bytes 0x80-0xFF gives, to its byte: Windows-1252's
    characters, and Latin-1's (the C1 controls U+0080-U+009F stand for the bytes that
    Windows-1252 leaves undefined, 0x81, 0x8D, 0x8F, 0x90, 0x9D, and for every byte of
    that range where a program decoded Latin-1)."""
    table = {chr(byte): byte for byte in range(0x80, 0x100)}
    for byte in range(0x80, 0xA0):
        try:
            table[bytes([byte]).decode("cp1252")] = byte
        except UnicodeDecodeError:
            continue
    return table


_BYTES = _byte_table()
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_LEADS = frozenset(ch for ch, byte in _BYTES.items() if 0xC2 <= byte <= 0xF4)
"""Characters that stand for a UTF-8 lead byte (``Â`` to ``ô``): a garbled value holds one."""


def _decoded_once(text: str) -> str | None:
    """``text``'s characters as the bytes a wrong decoding read, decoded as UTF-8; ``None``
    when a character has no such byte or the bytes are no UTF-8."""
    if _LEADS.isdisjoint(text):
        return None
    try:
        raw = bytes(ord(ch) if ch < "\x80" else _BYTES[ch] for ch in text)
        decoded = raw.decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None
    return decoded


@run_cache
@lru_cache(maxsize=1 << 12)
def ungarbled(value: str, /) -> str | None:
    """The text a value garbled by a wrong decoding was, or ``None`` when ``value`` is not
    garbled (nearly every value: an ASCII one is told in C).

    >>> ungarbled("GarcÃ­a"), ungarbled("JosÃ©"), ungarbled("Nguyá»…n")
    ('García', 'José', 'Nguyễn')
    >>> ungarbled("Oâ€™Brien"), ungarbled("JosÃƒÂ©")
    ('O’Brien', 'José')
    >>> ungarbled("García"), ungarbled("São"), ungarbled("Zoë"), ungarbled("Garcia")
    (None, None, None, None)
    """
    if value.isascii():
        return None
    text, found = value, None
    for _ in range(3):  # garbled once, twice, rarely three times
        decoded = _decoded_once(text)
        if decoded is None:
            break
        text = decoded
        # a control character is no letter a person typed (once garbled, a letter may
        # hold one: `č` is `Ä` and U+008D, which the second reading takes back)
        if not _CONTROL.search(text):
            found = text
    return found
