"""Names in Cyrillic or Greek letters (since session 56) and Hangul (since session 57)
read in Latin ones: a hint that two names in two scripts are one name, never proof."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneroster_identity.normalize._romanize import read_alike, romanized


@pytest.mark.parametrize(
    ("value", "latin"),
    [
        ("Юлия Иванова", "yuliya ivanova"),
        ("Сергей", "sergey"),  # й is a letter of its own, not и with a mark
        ("Фёдор Хрущёв", "fedor khrushchev"),
        ("Їжак", "yizhak"),
        ("Ελένη Παπαδοπούλου", "eleni papadopoulou"),  # accents dropped, ου read ou
        ("José Müller", "jose muller"),
        ("ʻAkau", "akau"),  # the ʻokina belongs to no script
        ("李伟", None),  # Han, Arabic: not read
        ("محمد", None),
        # Hangul, syllable by syllable in the Revised Romanization (since session 57)
        ("민준", "minjun"),
        ("김 서연", "gim seoyeon"),
        ("정은", "jeongeun"),
    ],
)
def test_romanized(value: str, latin: str | None) -> None:
    assert romanized(value) == latin


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        (("Юлия", "Иванова"), ("Yulia", "Ivanova"), True),
        (("Юлия", "Иванова"), ("Julia", "Ivanova"), True),  # another convention
        (("Юлия", "Иванова"), ("Iuliia", "Ivanova"), True),  # a passport's (ICAO)
        (("Иванова", "Юлия"), ("Yulia", "Ivanova"), True),  # family name first
        (("Сергій", "Шевченко"), ("Serhii", "Shevchenko"), True),
        (("Дмитрий", "Смирнов"), ("Dmitry", "Smirnov"), True),
        (("Γιώργος", "Παπαδόπουλος"), ("George", "Papadopoulos"), True),
        (("Иван", "Иванов"), ("Yulia", "Ivanova"), False),  # her husband
        (("Мария", "Петрова"), ("Maria", "Ivanova"), False),
        (("Ирина", "Петрова"), ("Irina", "Pavlova"), False),
        (("Ольга", "Петрова"), ("Olga", "Ivanova"), False),
        (("Анна", "Ким"), ("Ana", "Lee"), False),
        (("李伟", "李"), ("Wei", "Li"), False),  # Han: never read alike
        # Korean names (since session 57): the family name in the spellings families use,
        # the given name with their vowels made one, each part alike on its own
        (("민준", "김"), ("Minjun", "Kim"), True),
        (("서연", "이"), ("Seo-Yeon", "Lee"), True),
        (("지민", "이"), ("Jimin", "Yi"), True),
        (("지훈", "박"), ("Jihoon", "Park"), True),
        (("성훈", "정"), ("Sunghoon", "Chung"), True),
        (("현우", "최"), ("Hyunwoo", "Choi"), True),
        (("경수", "김"), ("Kyung-soo", "Kim"), True),
        (("준호", "이"), ("Joon-ho", "Lee"), True),
        (("김", "민준"), ("Minjun", "Kim"), True),  # family name first
        (("민준", "김"), ("Minjun", "Park"), False),
        (("민준", "김"), ("Minji", "Kim"), False),  # his sister: a mean would call it 86
        (("서연", "이"), ("Seojun", "Lee"), False),
        (("민준", "김"), ("Jisoo", "Park"), False),
    ],
)
def test_read_alike(a: tuple[str, str], b: tuple[str, str], alike: bool) -> None:
    assert read_alike(a, b) is alike
    assert read_alike(b, a) is alike


@given(st.text(max_size=20), st.text(max_size=20))
def test_a_latin_name_reads_alike_with_itself(given_name: str, family_name: str) -> None:
    """Property: romanizing never raises; a name of letters it reads reads alike with
    itself."""
    name = (given_name, family_name)
    if all(romanized(part) for part in name):
        assert read_alike(name, name)
