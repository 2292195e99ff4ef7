"""Letters garbled by a wrong decoding are read back, and real names never are
(``normalize._encoding``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from oneroster_identity import read_rest_users
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.normalize import NameDifference, PersonName, compare_names, loose_name
from oneroster_identity.normalize._encoding import (
    garblings,
    has_lost_characters,
    lost_from,
    ungarbled,
)

DATA = Path(__file__).resolve().parents[1] / "src" / "oneroster_identity" / "data"


def garble(text: str, encoding: str = "cp1252") -> str:
    """``text`` as a program reading its UTF-8 bytes as ``encoding`` shows it (a byte
    Windows-1252 leaves undefined read as Latin-1 does, as such programs do)."""
    return "".join(
        bytes([byte]).decode(encoding, errors="replace").replace("\ufffd", chr(byte))
        for byte in text.encode("utf-8")
    )


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("GarcÃ­a", "García"),
        ("JosÃ©", "José"),
        ("PeÃ±a", "Peña"),
        ("MuÃ±oz", "Muñoz"),
        ("RamÃ³n", "Ramón"),
        ("FranÃ§ois", "François"),
        ("MÃ¼ller", "Müller"),
        ("ZoÃ«", "Zoë"),
        ("Nguyá»…n", "Nguyễn"),
        ("Thá»‹", "Thị"),
        (garble("Đặng"), "Đặng"),  # Đ's second byte, 0x90, is undefined too
        ("Oâ€™Brien", "O\u2019Brien"),
        ("StrauÃŸ", "Strauß"),
        ("Ã\u0081lvaro", "Álvaro"),  # 0x81 is undefined in Windows-1252: read as Latin-1
        ("JosÃƒÂ©", "José"),  # garbled twice
        ("JOSÃ‰", "JOSÉ"),
        # HTML character references a web form or an export wrote
        ("O&#39;Brien", "O'Brien"),
        ("O&#x27;Brien", "O'Brien"),
        ("O&apos;Brien", "O'Brien"),
        ("Siobh&aacute;n", "Siobhán"),
        ("Nu&ntilde;ez", "Nuñez"),
        ("O&amp;#39;Brien", "O'Brien"),  # escaped twice
        ("Mary &amp; John", "Mary & John"),
        ("Jos&Atilde;&copy;", "José"),  # a garbled value, escaped
        # garbled, then lowered or title-cased by an SIS (since session 51: not read)
        ("josã©", "josé"),
        ("Garcã\u00ada", "García"),
        ("Peã±a", "Peña"),
        ("Joã£o", "João"),
        ("å‚ukasz", "łukasz"),
    ],
)
def test_garbled_letters_are_read_back(written: str, typed: str) -> None:
    assert ungarbled(written) == typed


@pytest.mark.parametrize(
    "name",
    [
        "García", "José", "São", "Zoë", "Nguyễn", "Müller", "Ñandú", "Ärzte", "Ólafur",
        "Ångström", "Đặng", "Łukasz", "Çelik", "Ãngela", "Ângela", "Garcia", "", "   ",
        "Ana-María", "D'Angelo", "李", "Владимир",
        "Smith & Jones", "Ana &", "AT&T", "&foo;", "R&B;", "Ana&#0;",
        # a lowered lead before what lowering may have made (`ÃŠ`, Ê, lowered): unread
        "ãš", "Joãša",
    ],
)  # fmt: skip
def test_real_names_are_never_read_back(name: str) -> None:
    assert ungarbled(name) is None


def test_no_bundled_name_reads_as_garbled() -> None:
    """Every word of the package's name lists (given names, nicknames, romanizations,
    gendered names: about 7,000) is a name as typed."""
    words = [
        word
        for path in sorted(DATA.glob("*.txt")) + sorted(DATA.glob("*.csv"))
        for line in path.read_text(encoding="utf-8").splitlines()
        for word in line.replace(",", " ").split()
    ]
    assert len(words) > 5000
    assert [w for w in words if ungarbled(w) is not None] == []


_NAME_LETTERS = st.text(
    alphabet=st.characters(
        categories=("Lu", "Ll"),
        max_codepoint=0x24F,  # Latin letters with their accents
    )
    | st.sampled_from(" -'\u2019ễịặđ"),
    min_size=1,
    max_size=20,
)


@settings(max_examples=300, deadline=None)
@given(_NAME_LETTERS, st.sampled_from(["cp1252", "latin-1"]))
def test_any_name_garbled_once_or_twice_is_read_back(name: str, encoding: str) -> None:
    # (letters alone can spell a garbled letter, `ÃŒ` for `Ì`: such a "name" is none)
    assume(ungarbled(name) is None)
    once = garble(name, encoding)
    if once == name:  # ASCII: nothing to garble
        assert ungarbled(name) is None
        return
    assert ungarbled(once) == name
    assert ungarbled(garble(once, encoding)) == name


_WINDOWS_1252 = st.text(
    alphabet=st.sampled_from(
        [
            bytes([b]).decode("cp1252")
            for b in range(0x20, 0x100)
            if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
        ]
    ),
    max_size=12,
)


@settings(max_examples=500, deadline=None)
@given(_WINDOWS_1252)
@example("\u00c3\u00a0\u00e3\u00a0")  # one lead lowered of two (session 68's find)
def test_a_value_read_back_is_shorter_and_holds_no_control_character(value: str) -> None:
    """Reading back only ever joins two to four characters into one letter, and never
    makes a control character of them (any text a Windows-1252 screen shows)."""
    read_back = ungarbled(value)
    if read_back is not None:
        assert len(read_back) < len(value)
        assert all(ch >= " " and not "\x7f" <= ch < "\xa0" for ch in read_back)
        again = garble(read_back)
        # (or its leads lowered by an SIS after the garbling: `ã©`, since session 51; some
        # of them only, as a proper-casing SIS lowers all but a word's first letter:
        # `Ã\xa0ã\xa0`, found by the property run of session 68)
        lower = str.maketrans("ÃÄÅ", "ãäå")
        some_lowered = len(value) == len(again) and all(
            v in (g, g.translate(lower)) for v, g in zip(value, again, strict=True)
        )
        assert value in (again, garble(again)) or some_lowered


@pytest.mark.parametrize(
    ("value", "how"),
    [
        ("GarcÃ­a", ("encoding",)),
        ("O&#39;Brien", ("html",)),
        ("Jos&Atilde;&copy;", ("html", "encoding")),
        ("García", ()),
        ("Smith & Jones", ()),
    ],
)
def test_what_garbled_a_value_is_named(value: str, how: tuple[str, ...]) -> None:
    assert garblings(value) == how
    assert (ungarbled(value) is None) == (how == ())


@settings(max_examples=300, deadline=None)
@given(_NAME_LETTERS)
def test_any_name_escaped_as_html_is_read_back(name: str) -> None:
    import html

    assume(ungarbled(name) is None)
    escaped = html.escape(name).encode("ascii", "xmlcharrefreplace").decode("ascii")
    assert ungarbled(escaped) == (None if escaped == name else name)


@pytest.mark.parametrize(
    ("lost", "full", "may_be"),
    [
        ("Mu?oz", "Muñoz", True),
        ("Mu??oz", "Muñoz", True),  # one mark per byte of the letter
        ("MU?OZ", "Muñoz", True),
        ("Pe\ufffda", "Peña", True),
        ("Jos?", "José", True),  # a ? at the end, where the other has a letter outside ASCII
        ("Nguy?n", "Nguyễn", True),
        ("Mu?oz", "Munoz", False),  # an ASCII letter is never lost
        ("Mu?oz", "Muñiz", False),
        ("Ana?", "Ana", False),  # a question left in the field
        ("Muñoz", "Mu?oz", False),
        ("Mu?oz", "Mu?oz", False),
    ],
)
def test_a_name_with_letters_lost_may_be_the_name_that_has_them(
    lost: str, full: str, may_be: bool
) -> None:
    assert lost_from(lost, full) is may_be


@pytest.mark.parametrize(
    ("value", "lost"),
    [("Mu?oz", True), ("Pe\ufffda", True), ("Ana?", False), ("?Ana", False), ("Ruiz #2", False)],
)
def test_letters_lost_are_told_from_a_question_left_in_the_field(value: str, lost: bool) -> None:
    assert has_lost_characters(value) is lost


@settings(max_examples=300, deadline=None)
@given(_NAME_LETTERS)
def test_any_name_whose_letters_outside_ascii_are_lost_may_be_it(name: str) -> None:
    lost = "".join(ch if ch.isascii() else "?" for ch in name)
    assume(lost != name)
    assert lost_from(lost, name)


def _lost_from_by_pattern(lost: str, full: str) -> bool:
    """The oracle: ``lost`` as a regular expression, each run of marks one to that many
    characters outside ASCII, letter case ignored letter by letter."""
    import re
    import unicodedata

    if ("?" not in lost and "\ufffd" not in lost) or "?" in full or "\ufffd" in full:
        return False

    def lower(text: str) -> str:
        return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)

    pattern = re.sub(
        "[?\ufffd]+",
        lambda run: f"[^\\x00-\\x7f]{{1,{len(run.group())}}}",
        "".join(ch if ch in "?\ufffd" else re.escape(ch) for ch in lower(lost)),
    )
    return re.fullmatch(pattern, lower(unicodedata.normalize("NFC", full))) is not None


@settings(max_examples=500, deadline=None)
@given(_NAME_LETTERS, st.lists(st.integers(min_value=0, max_value=19), max_size=4))
def test_the_walk_finds_what_the_pattern_does(full: str, positions: list[int]) -> None:
    """``lost_from`` walks the name where a regular expression per pair cost a compile:
    both say the same, for names with some letters (any, ASCII too) replaced by marks."""
    chars = list(full)
    for i in positions:
        if i < len(chars):
            chars[i] = "?" if i % 2 else "\ufffd"
    lost = "".join(chars)
    assert lost_from(lost, full) is _lost_from_by_pattern(lost, full)


def test_a_garbled_name_compares_as_the_name_it_was_typed_as() -> None:
    typed = PersonName(given="José", family="García")
    garbled = PersonName(given="JosÃ©", family="GarcÃ­a")
    how = compare_names(typed, garbled)
    assert (how.kind, how.given, how.family) == (NameDifference.GARBLED,) * 3
    assert how.similarity == 1.0
    # read back, the names may still differ as any names do: accents, a nickname
    assert compare_names(PersonName(given="Jose", family="Garcia"), garbled).kind is (
        NameDifference.DIACRITICS
    )
    assert compare_names(PersonName(given="Pepe", family="García"), garbled).given is (
        NameDifference.NICKNAME
    )
    assert loose_name("GarcÃ­a") == loose_name("García") == "garcia"


@pytest.mark.parametrize("lost", ["Mu?oz", "Mu\ufffdoz", "Mu??oz"])
def test_a_child_entered_twice_with_a_letter_lost_meets_by_birth_date(lost: str) -> None:
    """`Muñoz` at one school, `Mu?oz` at another (a program that could not write the
    `ñ`), born the same day, no household link: one child (two children before session
    50: the family names keyed apart, `munoz` and `muoz`)."""
    users = [
        {"sourcedId": sid, "role": "student", "givenName": "Mateo", "familyName": family}
        for sid, family in (("s1", "Muñoz"), ("s2", lost))
    ]
    demographics = [{"sourcedId": sid, "birthDate": "2017-04-12"} for sid in ("s1", "s2")]
    result = match(read_rest_users([{"users": users}, {"demographics": demographics}]))
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert set(near.sourced_ids) == {"s1", "s2"}
    assert {e.field: e.kind for e in near.evidence}["familyName"] == "garbled-characters"


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyz àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ",
        min_size=1,
        max_size=16,
    )
)
def test_a_name_garbled_then_lowered_is_read_back(name: str) -> None:
    """A name of lower-case letters garbled (UTF-8 read as Windows-1252) and then lowered
    by an SIS (`ã©` for `Ã©`) reads back as the name (since session 51)."""
    garbled = garble(name).lower()
    if garbled == name:  # ASCII: nothing to garble
        return
    assert ungarbled(garbled) == name
