"""Which UTF-16 or UTF-32 a file is written in, told from its first bytes.

Exports reach the readers in UTF-16 more often than the UTF-8 the OneRoster and JSON
specifications ask for: Excel's "Unicode text" (UTF-16 with a byte order mark), SQL
Server's ``bcp -w`` (UTF-16 without one), Windows PowerShell 5.1's ``Out-File``. Every
file a reader takes starts with ASCII (a CSV header, a JSON ``{`` or ``[``), so its first
bytes tell its encoding: a byte order mark, or a NUL byte beside every character.

:func:`wide_encoding` reads them once for every reader (roster CSV, REST JSON, the
app's accounts export, a decisions file) and says which codec decodes the file. When the
encoding asked for cannot be the file's (``--encoding utf-16-le`` on a big-endian file,
``cp1252`` on a UTF-16 one) it raises :class:`EncodingMismatch` naming the encoding that
reads it, rather than letting the file decode into a header of CJK characters that the
reader would then report as a missing header line.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

__all__ = ["EncodingMismatch", "WideEncoding", "is_utf8", "is_wide", "wide_codec", "wide_encoding"]

_UTF8 = frozenset({"utf-8", "utf8", "utf-8-sig"})

# longest first: UTF-32-LE's mark starts with UTF-16-LE's
_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


class EncodingMismatch(ValueError):
    """The encoding asked for cannot be the file's: the message names the one that is."""


class WideEncoding(NamedTuple):
    """How to decode a file that is UTF-16 or UTF-32.

    ``codec`` decodes the whole file (a byte order mark, when there is one, is left for the
    caller to drop); ``note`` is an info diagnostic's message, empty when the encoding asked
    for said so already."""

    codec: str
    note: str = ""

    @property
    def family(self) -> str:
        """The diagnostic's code for the note: ``utf16`` or ``utf32``."""
        return self.codec[:6].replace("-", "")


def is_utf8(encoding: str) -> bool:
    """Whether ``encoding`` names UTF-8 (with or without its byte order mark), the default
    every reader takes: the one encoding whose files may turn out to be UTF-16."""
    return encoding.casefold().replace("_", "-") in _UTF8


def is_wide(codec_name: str) -> bool:
    """Whether a codec's canonical name (``codecs.lookup(...).name``) is UTF-16 or UTF-32:
    line breaks of two or four bytes."""
    return codec_name.startswith(("utf-16", "utf-32"))


def wide_codec(encoding: str) -> str | None:
    """The codec's name when ``encoding`` is UTF-16 or UTF-32, else ``None``."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    return name if is_wide(name) else None


def _found(head: bytes) -> tuple[str, bool] | None:
    """The endian-specific codec the first bytes show, and whether a byte order mark
    showed it; ``None`` when they show neither a mark nor ASCII in UTF-16 or UTF-32."""
    for mark, codec in _MARKS:
        if head.startswith(mark):
            return codec, True
    for width, codec_le, codec_be in ((4, "utf-32-le", "utf-32-be"), (2, "utf-16-le", "utf-16-be")):
        # ASCII in such a file: one non-NUL byte per character, at its low end. Its first
        # two characters tell (the rest of the first line may be beyond ASCII); no UTF-8
        # text but one starting with NUL characters has NUL bytes there.
        units = [head[i : i + width] for i in range(0, 2 * width, width)]
        if len(units[-1]) < width:
            continue
        if all(u[0] and not any(u[1:]) for u in units):
            return codec_le, False
        if all(u[-1] and not any(u[:-1]) for u in units):
            return codec_be, False
    return None


def _spoken(codec: str) -> str:
    """``utf-16-le`` as a person reads it: ``UTF-16 (little-endian)``."""
    family, _, endian = codec.upper().rpartition("-")
    return f"{family} ({'little' if endian == 'LE' else 'big'}-endian)"


def wide_encoding(head: bytes, asked: str) -> WideEncoding | None:
    """How to decode a file starting with ``head`` (its first line, or its first bytes)
    when it is UTF-16 or UTF-32 and ``asked`` allows it; ``None`` for any other file.

    Under the default UTF-8 a file shown by its first bytes to be UTF-16 or UTF-32 is read
    so, with a note. ``utf-16`` or ``utf-32`` asked for takes the endianness the bytes show
    (little-endian, the Windows default, when they show none: Python's incremental
    decoder would refuse such a file). An endian-specific encoding is taken as asked,
    unless the bytes show another; then, as for any other encoding asked for on a file
    the bytes show is UTF-16 or UTF-32, :class:`EncodingMismatch` is raised."""
    asked_wide = wide_codec(asked)
    found = _found(head)
    if found is None:
        if asked_wide in ("utf-16", "utf-32"):
            return WideEncoding(f"{asked_wide}-le")
        return None if asked_wide is None else WideEncoding(asked_wide)
    codec, marked = found
    family = codec[:6]
    shown = (
        "its byte order mark shows" if marked else "the NUL bytes beside its first characters show"
    )
    if asked_wide is None and is_utf8(asked):
        how = "with a byte order mark" if marked else "without a byte order mark"
        note = (
            f"file is {_spoken(codec)} {how}, not UTF-8; read as {family.upper()} "
            "(pass the encoding to read it otherwise)"
        )
        return WideEncoding(codec, note)
    if asked_wide in (codec, family):
        return WideEncoding(codec)
    raise EncodingMismatch(
        f"file is {_spoken(codec)}, as {shown}, not {asked} as asked: read it as {codec}, "
        "or leave the encoding out to have it recognised"
    )
