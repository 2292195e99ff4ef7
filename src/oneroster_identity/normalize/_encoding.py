"""Characters a program garbled on a value's way to the SIS, read back exactly.

Two garblings, each the work of a program, neither of a person:

- **A wrong decoding (mojibake).** A value typed as ``García`` and stored in UTF-8 reads
  ``GarcÃ­a`` when a program between the family and the SIS (a parent portal's export, a
  spreadsheet opened in Excel and saved back, an import that assumed Windows-1252)
  decodes its bytes in the wrong encoding: each accented letter becomes two or three
  characters (``é`` ``Ã©``, ``ñ`` ``Ã±``, Vietnamese ``ễ`` ``á»…``, the typographic
  apostrophe ``’`` ``â€™``). The repair is the exact inverse of the mistake: the
  characters back to the bytes the wrong decoding read, and those bytes decoded as
  UTF-8. UTF-8 is strict (a lead byte must be followed by the right number of
  continuation bytes), so a real name almost never decodes: ``São``, ``Müller``,
  ``Nguyễn``, ``Zoë`` and every name of letters a keyboard types are left alone. A value
  garbled twice (``JosÃƒÂ©``) is repaired twice.
- **HTML character references** (since session 49 too). A web form or an export that
  writes HTML stores ``O'Brien`` as ``O&#39;Brien`` and ``Siobhán`` as
  ``Siobh&aacute;n``; the app shows the reference as written. A reference is ``&``, a
  name or a number, and ``;``, which no name holds; only the references HTML defines are
  read (``&foo;`` stays), and one escaped twice (``&amp;#39;``) is read twice.

In either case the app shows the garbled value as the person's name, and the person's
records spelled right make other accounts.

A third is no garbling but a loss: a program that cannot write a letter writes ``?`` or
the replacement character ``�`` in its place (``Mu?oz``, ``Pe�a``; one mark for the
letter, or one for each of its bytes, ``Mu??oz``). Nothing reads such a value back, but
beside a name that has letters outside ASCII where the marks stand it may be that name
(:func:`lost_from`); a ``?`` ending a name (``Ana?``) is a question left in the field, not
a lost letter.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from oneroster_identity._memo import run_cache

__all__ = ["garblings", "has_lost_characters", "lost_from", "ungarbled", "without_lost_letters"]


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
    when a character has no such byte or the bytes are no UTF-8. A garbled value whose
    lead characters a program then lowered (``josã©``, ``garcã\xada``: an SIS writing
    names in lower or title case after the garbling) is read with them raised again
    (since session 51)."""
    if _LEADS.isdisjoint(text):
        return None
    decoded = _as_utf8(text)
    if decoded is None and _LOWERED_LEAD.search(text):
        decoded = _as_utf8(_LOWERED_LEAD.sub(lambda m: m.group().upper(), text))
    return decoded


def _as_utf8(text: str) -> str | None:
    try:
        raw = bytes(ord(ch) if ch < "\x80" else _BYTES[ch] for ch in text)
        return raw.decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None


_CONTINUATIONS = "".join(
    sorted(
        ch
        for ch, byte in _BYTES.items()
        if 0x80 <= byte <= 0xBF and not any(o != ch and o.lower() == ch for o in _BYTES)
    )
)
_LOWERED_LEAD = re.compile("[ãäå](?=[" + re.escape(_CONTINUATIONS) + "])")
"""``Ã``, ``Ä`` or ``Å`` (the lead bytes of the Latin letters with accents, C3 to C5)
lowered, before a character that stands for a continuation byte and that no change of
case makes (``©``, ``±``, ``¡``, ``³``; not ``š``, which lowering ``Š`` gives, so that
``ÃŠ`` lowered, `Ê`, is never read as ``Ú``): ``ã©`` is ``Ã©``, ``é``. No name writes
``ã``, ``ä`` or ``å`` before such a character."""


_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""An HTML character reference: ``&#39;``, ``&#x27;``, ``&aacute;``."""


def _unescaped_once(text: str) -> str | None:
    """``text`` with its HTML character references read, or ``None`` when it holds none
    that HTML defines."""
    if "&" not in text:
        return None
    read = _REFERENCE.sub(_character, text)
    return None if read == text else read


def _character(reference: re.Match[str]) -> str:
    """The character an HTML reference stands for; the reference itself when it stands
    for none a name holds (``&#0;`` reads as U+FFFD, ``&#9;`` as a tab)."""
    read = html.unescape(reference.group())
    return reference.group() if "\ufffd" in read or _CONTROL.search(read) else read


def _read_back(value: str) -> tuple[str | None, bool, bool]:
    """(the value read back or ``None``, whether HTML references were read, whether a
    wrong decoding was undone)."""
    text, references = value, False
    for _ in range(3):  # escaped once, twice (`&amp;#39;`), rarely three times
        unescaped = _unescaped_once(text)
        if unescaped is None:
            break
        text, references = unescaped, True
    found, decoded = (text if references else None), False
    if not text.isascii():
        for _ in range(3):  # garbled once, twice, rarely three times
            once = _decoded_once(text)
            if once is None:
                break
            text = once
            # a control character is no letter a person typed (once garbled, a letter
            # may hold one: `č` is `Ä` and U+008D, which the second reading takes back)
            if not _CONTROL.search(text):
                found, decoded = text, True
    return found, references, decoded


@run_cache
@lru_cache(maxsize=1 << 12)
def ungarbled(value: str, /) -> str | None:
    """The text a value a program garbled was (:func:`garblings` says how), or ``None``
    when ``value`` is not garbled (nearly every value: an ASCII one without ``&`` is told
    in C).

    >>> ungarbled("GarcÃ­a"), ungarbled("JosÃ©"), ungarbled("Nguyá»…n")
    ('García', 'José', 'Nguyễn')
    >>> ungarbled("Oâ€™Brien"), ungarbled("JosÃƒÂ©")
    ('O’Brien', 'José')
    >>> ungarbled("O&#39;Brien"), ungarbled("Siobh&aacute;n"), ungarbled("O&amp;#39;Brien")
    ("O'Brien", 'Siobhán', "O'Brien")
    >>> ungarbled("García"), ungarbled("São"), ungarbled("Zoë"), ungarbled("Smith & Jones")
    (None, None, None, None)
    """
    if value.isascii() and "&" not in value:
        return None
    return _read_back(value)[0]


def garblings(value: str, /) -> tuple[str, ...]:
    """How a program garbled ``value``: ``"html"`` (character references), ``"encoding"``
    (a wrong decoding), both, or ``()`` for a value :func:`ungarbled` leaves alone.

    >>> garblings("GarcÃ­a"), garblings("O&#39;Brien"), garblings("Jos&Atilde;&copy;")
    (('encoding',), ('html',), ('html', 'encoding'))
    """
    found, references, decoded = _read_back(value)
    if found is None:
        return ()
    return tuple(kind for kind, done in (("html", references), ("encoding", decoded)) if done)


_LOST_INSIDE = re.compile(r"(?<=[^\W\d_])\?+(?=[^\W\d_])")
"""``?`` between two letters: a letter a program could not write (``Mu?oz``)."""
_LOST_RUN = re.compile("[?\ufffd]+")


def has_lost_characters(value: str, /) -> bool:
    """Whether a program wrote ``?`` or ``�`` in place of letters it could not write: a
    replacement character anywhere, or a ``?`` between two letters (one after a name,
    ``Ana?``, is a question left in the field).

    >>> has_lost_characters("Mu?oz"), has_lost_characters("Pe\ufffda"), has_lost_characters("Ana?")
    (True, True, False)
    """
    if "\ufffd" in value:
        return True
    return "?" in value and _LOST_INSIDE.search(value) is not None


def without_lost_letters(value: str, /) -> str:
    """``value`` without its characters outside ASCII and its ``?`` (the ``�`` is outside
    ASCII too): what a name with letters a program could not write (``Mu?oz``, ``Mu�oz``)
    and the name with those letters (``Muñoz``) have in common (``Muoz``), for keys that
    let them meet; :func:`lost_from` then says whether they are one name.

    >>> without_lost_letters("Muñoz"), without_lost_letters("Mu?oz"), without_lost_letters("Ruiz")
    ('Muoz', 'Muoz', 'Ruiz')
    """
    if value.isascii() and "?" not in value:
        return value
    return "".join(ch for ch in value if ch.isascii() and ch != "?")


def lost_from(lost: str, full: str, /) -> bool:
    """Whether ``full`` may be ``lost`` with its lost letters back: each run of ``?`` or
    ``�`` stands for one letter outside ASCII up to one per mark (a letter written as its
    bytes, ``Mu??oz``), and the rest is equal but for letter case. A ``?`` ending a name
    counts here (``Jos?`` beside ``José``): a letter outside ASCII where it stands says
    which it was, where alone it may be a question left in the field.

    >>> lost_from("Mu?oz", "Muñoz"), lost_from("MU??OZ", "Muñoz"), lost_from("Mu?oz", "Munoz")
    (True, True, False)
    >>> lost_from("Mar\ufffda", "María"), lost_from("Mu?oz", "Muñiz"), lost_from("Jos?", "José")
    (True, False, True)
    >>> lost_from("Ana?", "Ana"), lost_from("Ana?", "Anaé")
    (False, True)
    """
    if ("?" not in lost and "\ufffd" not in lost) or "?" in full or "\ufffd" in full:
        return False
    lowered = _lower(lost)
    literals = _LOST_RUN.split(lowered)
    runs = [len(run) for run in _LOST_RUN.findall(lowered)]
    text = _lower(unicodedata.normalize("NFC", full))
    fixed = sum(map(len, literals))
    if not fixed + len(runs) <= len(text) <= fixed + sum(runs):
        return False  # (nearly every pair: told without a walk)
    return _walk(literals, runs, text, 0)


def _walk(literals: list[str], runs: list[int], text: str, at: int) -> bool:
    """Whether ``text[at:]`` is ``literals[0]``, then for each run of lost marks one to
    that many characters outside ASCII, then the next literal, to the end (no regular
    expression is built: names are short, and a compiled pattern per pair costs more
    than the walk)."""
    if not text.startswith(literals[0], at):
        return False
    at += len(literals[0])
    if not runs:
        return at == len(text)
    for width in range(1, runs[0] + 1):
        end = at + width
        if end > len(text) or text[end - 1] < "\x80":
            return False  # (a lost letter is never ASCII; a wider run holds this one too)
        if _walk(literals[1:], runs[1:], text, end):
            return True
    return False


def _lower(text: str) -> str:
    """``text`` in lower case letter by letter, a letter whose lower case is two (``İ``)
    kept: lengths stay, and no letter outside ASCII becomes one inside it (case folding
    makes ``ſ`` and ``ß`` ASCII)."""
    if text.isascii():
        return text.lower()
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
