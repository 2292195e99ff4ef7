"""Telling UTF-16 and UTF-32 from a file's first bytes (``io._wide``), for every reader."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneroster_identity.io import EncodingMismatch, wide_encoding

WIDE = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
HEADER = "sourcedId,status,givenName,familyName\r\nu1,active,Zoë,Nguyễn\r\n"

# text as a reader meets it: an ASCII start (a CSV header, a JSON bracket), then anything
starts = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=2, max_size=30)
texts = st.tuples(starts, st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)).map(
    "".join
)


def _decode(data: bytes, asked: str) -> str | None:
    found = wide_encoding(data[:64], asked)
    return None if found is None else data.decode(found.codec).removeprefix("\ufeff")


@given(texts, st.sampled_from(WIDE), st.booleans())
def test_a_wide_file_starting_with_ascii_is_read_back_under_the_default(
    text: str, codec: str, marked: bool
) -> None:
    """Under the default UTF-8, any UTF-16 or UTF-32 text with an ASCII start, with or
    without a byte order mark, decodes back to itself, with a note."""
    data = ("\ufeff" + text if marked else text).encode(codec)
    assert _decode(data, "utf-8") == text
    found = wide_encoding(data[:64], "utf-8")
    assert found is not None and found.note and found.family == codec[:6].replace("-", "")


@given(texts, st.sampled_from(WIDE), st.booleans())
def test_the_family_asked_for_takes_the_endianness_the_bytes_show(
    text: str, codec: str, marked: bool
) -> None:
    data = ("\ufeff" + text if marked else text).encode(codec)
    found = wide_encoding(data[:64], codec[:6])
    assert found is not None and not found.note
    assert _decode(data, codec[:6]) == text


@given(st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))))
def test_utf8_text_is_never_taken_for_a_wide_encoding(text: str) -> None:
    """UTF-8 has no NUL byte but a NUL character's, and no byte 0xFE or 0xFF: no UTF-8
    text without NUL characters shows a mark or the NUL pattern."""
    assert wide_encoding(text.encode()[:64], "utf-8") is None


@pytest.mark.parametrize("codec", WIDE)
@pytest.mark.parametrize("asked", [*WIDE, "utf-16", "utf-32", "cp1252", "iso-8859-1"])
@pytest.mark.parametrize("marked", [False, True])
def test_an_encoding_the_bytes_contradict_is_refused_naming_theirs(
    codec: str, asked: str, marked: bool
) -> None:
    """``--encoding utf-16-le`` on a big-endian file decoded its header into CJK
    characters, which the reader then reported as a missing header line; ``cp1252`` on a
    UTF-16 file read a NUL beside every letter. The encoding that reads it is named."""
    data = (("\ufeff" if marked else "") + HEADER).encode(codec)
    if asked in (codec, codec[:6]):
        assert _decode(data, asked) == HEADER
        return
    with pytest.raises(EncodingMismatch) as info:
        wide_encoding(data[:64], asked)
    message = str(info.value)
    assert f"read it as {codec}," in message and f"not {asked} as asked" in message
    assert ("byte order mark" in message) == marked


@pytest.mark.parametrize(("asked", "codec"), [("utf-16", "utf-16-le"), ("UTF_32", "utf-32-le")])
def test_a_family_asked_for_on_bytes_that_show_nothing_is_little_endian(
    asked: str, codec: str
) -> None:
    """A first character beyond ASCII shows no pattern: the Windows default,
    little-endian, is taken (Python's incremental decoder refuses such a file)."""
    found = wide_encoding("Ñame,x\n".encode(codec), asked)
    assert found is not None and found.codec == codec


def test_other_files_are_left_to_the_encoding_asked_for() -> None:
    assert wide_encoding(b"sourcedId,givenName\n", "utf-8") is None
    assert wide_encoding(b"sourcedId,givenName\n", "cp1252") is None
    assert wide_encoding("Jos\u00e9,D\u00edaz\n".encode("cp1252"), "cp1252") is None
    assert wide_encoding(b"ab", "utf-8") is None  # too short to show a pattern
