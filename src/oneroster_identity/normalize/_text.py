"""Text clean-up shared by the name and email normalizers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from oneroster_identity._memo import run_cache

APOSTROPHE_FORMS = "\u2019\u2018\u02bc\u0060\u00b4\u2032\uff07"
"""The characters written for a typed apostrophe (curly quotes, the modifier letter, the
backtick and acute accent, the prime, the fullwidth form): one style to :func:`clean_text`."""
HYPHEN_FORMS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
"""The characters written for a typed hyphen (the Unicode hyphens, en and em dashes, the
horizontal bar, the minus sign, the small and fullwidth forms)."""
_APOSTROPHES = dict.fromkeys(map(ord, APOSTROPHE_FORMS), "'")
_HYPHENS = dict.fromkeys(map(ord, HYPHEN_FORMS), "-")
_SPACES = re.compile(r"\s+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_LETTER_FOLDS = str.maketrans(
    {"ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ı": "i", "þ": "th", "ð": "d"}
)


def clean_text(value: str) -> str:
    """NFKC, controls as spaces, whitespace collapsed, one style of apostrophe and hyphen.

    Invisible format characters (zero-width spaces and joiners, bidi marks, the BOM:
    Unicode category Cf) are *kept*: nothing says the app's exact comparison ignores them,
    so two values differing only in them are two values to the app (findings
    ``invisible-characters`` say where). :func:`strip_invisible` removes them when a policy
    says the app does (``Policy.app_strips_invisible``).
    """
    if value.isascii() and value.isprintable():
        if " " not in value:
            return value.strip()  # nothing to collapse: the common case, without a regex
        text = value
    else:
        text = unicodedata.normalize("NFKC", value)
        text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
        text = text.translate(_APOSTROPHES).translate(_HYPHENS)
    return _SPACES.sub(" ", text).strip()


def strip_invisible(value: str) -> str:
    """``value`` without invisible format characters (category Cf) and with non-breaking
    spaces as spaces."""
    if value.isascii():
        return value
    text = "".join(ch for ch in value if unicodedata.category(ch) != "Cf")
    return text.translate(_NBSP)


_NBSP = dict.fromkeys(map(ord, "\u00a0\u2007\u202f"), " ")
_LOOKALIKES = str.maketrans(
    {
        "\u0430": "a",
        "\u0435": "e",
        "\u043e": "o",
        "\u0440": "p",
        "\u0441": "c",
        "\u0445": "x",
        "\u0443": "y",
        "\u0456": "i",
        "\u0458": "j",
        "\u0455": "s",
        "\u04bb": "h",
        "\u0501": "d",
        "\u0410": "A",
        "\u0412": "B",
        "\u0415": "E",
        "\u041a": "K",
        "\u041c": "M",
        "\u041d": "H",
        "\u041e": "O",
        "\u0420": "P",
        "\u0421": "C",
        "\u0422": "T",
        "\u0425": "X",
        "\u03bf": "o",
        "\u03bd": "v",
        "\u03b1": "a",
        "\u03b9": "i",
        "\u03ba": "k",
        "\u03c1": "p",
        "\u03c5": "u",
        "\u039f": "O",
        "\u0391": "A",
        "\u0392": "B",
        "\u0395": "E",
        "\u0397": "H",
        "\u0399": "I",
        "\u039a": "K",
        "\u039c": "M",
        "\u039d": "N",
        "\u03a1": "P",
        "\u03a4": "T",
        "\u03a7": "X",
        "\u0396": "Z",
    }
)


def unconfuse(value: str) -> str:
    """Look-alike letters of other scripts as the Latin letters they pass for (Cyrillic
    а as a, Greek ο as o), for telling a pasted look-alike from a real difference."""
    return value if value.isascii() else value.translate(_LOOKALIKES)


@run_cache
@lru_cache(maxsize=1 << 16)
def fold_key(value: str) -> str:
    """:func:`clean_text` in lower case, with spaces around hyphens removed (cached: names
    repeat across a roster).

    Lower case, not Unicode case folding: folding also writes ``ß`` as ``ss``, so
    ``Strauß`` and ``Strauss`` would be one name, where an app that ignores case by
    lowering both values (as most databases and web frameworks do) keeps them apart. A
    key claims a merge only where the app surely makes one; ``ß`` beside ``ss`` is
    compared as an accent (:func:`strip_diacritics`)."""
    return _SPACED_HYPHEN.sub("-", clean_text(value).lower())


def strip_diacritics(key: str) -> str:
    """``josé müller`` -> ``jose muller``; letters like ø and ß are folded too."""
    if key.isascii():
        return key
    decomposed = unicodedata.normalize("NFKD", key.translate(_LETTER_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_WRITTEN_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "ø": "oe"})


def written_out(key: str) -> str:
    """A lower-case name key with its umlauts and ``å``/``ø`` written out as two letters,
    then any other accents stripped (``müller`` -> ``mueller``, ``søren`` -> ``soeren``,
    ``åsa`` -> ``aasa``): the German and Scandinavian way of writing a name where the
    letter cannot be typed, which passports use too (ICAO Doc 9303's transliteration of
    Ä, Ö, Ü, Å and Ø). :func:`strip_diacritics` drops the mark instead (``muller``); an
    office may type either.

    >>> written_out("müller"), written_out("søren"), written_out("josé")
    ('mueller', 'soeren', 'jose')
    """
    if key.isascii():
        return key
    return strip_diacritics(key.translate(_WRITTEN_OUT))


_SYMBOL_PUNCTUATION = frozenset("*?!#%@_\\")
_SYMBOL_CATEGORIES = frozenset({"Nd", "Sm", "Sc", "Sk", "So"})
_NOT_SYMBOLS = frozenset("+\u00b4`")
"""A joining mark (read by the couple and stray rules), and an accent or a backquote
typed for an apostrophe (``D´Angelo``)."""


def is_name_symbol(ch: str) -> bool:
    """Whether character ``ch`` is one no name has: a digit, a symbol (``$``, ``=``, an
    emoji) or a mark such as ``*``, ``?``, ``#`` (``normalize._symbols`` reads them in a
    name part).

    >>> is_name_symbol("*"), is_name_symbol("2"), is_name_symbol("+"), is_name_symbol("-")
    (True, True, False, False)
    """
    return ch not in _NOT_SYMBOLS and (
        ch in _SYMBOL_PUNCTUATION or unicodedata.category(ch) in _SYMBOL_CATEGORIES
    )


_READ_PAST: dict[int, str | None] = {
    code: None for code in range(128) if is_name_symbol(chr(code)) and not chr(code).isdigit()
}
_READ_PAST.update({ord("_"): " ", ord("/"): " ", ord(";"): " ", ord(":"): " "})
_READ_PAST_TABLE = str.maketrans(_READ_PAST)
"""What a comparison reads past in a name besides ``strip_punctuation``'s first marks: the
ASCII symbols no name has (``*Ana``, ``Ana?``), dropped; an underscore (``Ana_Maria``), a
slash (``Ruiz/Garcia``), and a semicolon or a colon (``Ruiz;``: a list's separator left on
the name, as a comma is; since session 43, when they compared as a typo) as spaces."""


def strip_punctuation(key: str) -> str:
    """Apostrophes and periods removed, hyphens, commas and slashes as spaces: ``st. john``
    -> ``st john``, ``smith, jr.`` -> ``smith jr`` (a suffix or a credential after a comma
    is a word of the name, as it is without the comma), ``ruiz/garcia`` -> ``ruiz garcia``
    (two family names joined by a slash, as by a hyphen), semicolons and colons as
    spaces too; symbols no name has are dropped (``ruiz*`` -> ``ruiz``, since session 41).

    The Hawaiian ʻokina (``ʻ``, U+02BB) goes too: ``Keʻalohilani``, ``Ke'alohilani`` and
    ``Kealohilani`` are one name written with, as, or without it (an ASCII-only system
    types an apostrophe or nothing), not a typo of one another. It stays a letter of the
    name's key, so the three are not one name to the app."""
    text = key.replace("'", "").replace(".", "").replace("-", " ").replace(",", " ")
    if text.isascii() and text.isalpha():
        return text  # one word of letters (most parts): no space, symbol or okina left
    if not text.replace(" ", "").isalnum():
        text = text.translate(_READ_PAST_TABLE)
    if not text.isascii():
        text = text.replace("\u02bb", "")
    return _SPACES.sub(" ", text).strip()


def has_control_characters(value: str) -> bool:
    """Whether ``value`` holds control or invisible format characters."""
    if value.isascii() and value.isprintable():
        return False
    return any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value)


_CONFUSABLE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")
"""Scripts with letters that look like Latin ones (Cyrillic а е о р с х, Greek ο ν...)."""


def odd_characters(value: str) -> list[tuple[int, str, str]]:
    """``(position, character, kind)`` of each character no person can see as written:
    ``invisible`` (format characters such as zero-width spaces, the BOM and bidi marks, and
    non-breaking spaces) and ``confusable`` (a letter of a look-alike script pasted among
    Latin ones). Positions are 1-based.

    A confusable letter is one of a word that also holds Latin letters (``Ann\u0430``),
    or of a word made only of look-alike letters (``\u041c.``, which reads as ``M.``) in
    a value with Latin words and no letter of that script a reader could not take for
    Latin. A word written wholly in its own script beside its Latin reading (``Иванова
    (Ivanova)``, since session 57) is the name in two scripts, not a pasted look-alike.

    >>> odd_characters("Ann\u0430")
    [(4, '\u0430', 'confusable')]
    >>> odd_characters("An\u200bna"), odd_characters("Ana"), odd_characters("Иван")
    ([(3, '\u200b', 'invisible')], [], [])
    >>> odd_characters("Иванова (Ivanova)"), odd_characters("Anna \u041c.")
    ([], [(6, '\u041c', 'confusable')])
    """
    if value.isascii():
        return []
    out: list[tuple[int, str, str]] = []
    latin = any(ch.isascii() and ch.isalpha() for ch in value)
    words = _words_of_other_scripts(value) if latin else {}
    for i, ch in enumerate(value, start=1):
        if unicodedata.category(ch) == "Cf" or ch in "\u00a0\u2007\u202f":
            out.append((i, ch, "invisible"))
        elif latin and ch.isalpha() and not ch.isascii() and words.get(i, True):
            name = unicodedata.name(ch, "")
            if name.startswith(_CONFUSABLE_SCRIPTS):
                out.append((i, ch, "confusable"))
    return out


_WORD_JOINERS = frozenset("'\u2019\u02bc")
"""Apostrophes inside a word (``O'Brien``): a look-alike ``О`` before one is in the word."""


def _words_of_other_scripts(value: str) -> dict[int, bool]:
    """For each 1-based position of a letter in a word without Latin letters, whether the
    word could pass for Latin: all its letters are look-alikes, and the value holds no
    letter of a look-alike script that has no Latin twin (``Ж``, ``л``: a value holding
    one is written in that script on purpose). Letters of words with Latin letters are
    not listed (the caller flags them)."""
    deliberate = any(
        ch.isalpha()
        and not ch.isascii()
        and ord(ch) not in _LOOKALIKES
        and unicodedata.name(ch, "").startswith(_CONFUSABLE_SCRIPTS)
        for ch in value
    )
    out: dict[int, bool] = {}
    word: list[int] = []
    for i, ch in enumerate(value + " ", start=1):
        if (
            ch.isalpha()
            or ch in _WORD_JOINERS
            or unicodedata.category(ch)[0] == "M"
            or (unicodedata.category(ch) == "Cf")
        ):
            word.append(i)
            continue
        letters = [value[j - 1] for j in word if value[j - 1].isalpha()]
        if letters and not any(c.isascii() for c in letters):
            passes = not deliberate and all(ord(c) in _LOOKALIKES for c in letters)
            out.update((j, passes) for j in word)
        word = []
    return out


_SCRIPT_OF_NAME = {"CJK": "Han", "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana"}
"""Scripts whose Unicode character names do not begin with the script's own name (Han
ideographs are ``CJK UNIFIED IDEOGRAPH-...``) or that one script's readers write mixed."""


def letter_scripts(value: str) -> frozenset[str]:
    """The scripts of the letters of ``value``, by their Unicode character names:
    ``Latin`` (accented letters too), ``Cyrillic``, ``Han``, ``Hangul``, ``Arabic``...
    Marks, digits and modifier letters (the ʻokina of ``ʻAkau``, which no one script
    owns) have none.

    Two names wholly in different scripts (``Юлия`` and ``Yulia``, ``李伟`` and ``Wei
    Li``) may be one person's name written in each: this check does not transliterate
    (no script's romanization is one-to-one), so it can say only that it cannot compare
    them.

    >>> sorted(letter_scripts("José")), sorted(letter_scripts("李伟")), letter_scripts("42")
    (['Latin'], ['Han'], frozenset())
    >>> sorted(letter_scripts("Wei 伟")), sorted(letter_scripts("Mª José")), letter_scripts("Ａｎａ")
    (['Han', 'Latin'], ['Latin'], frozenset({'Latin'}))
    """
    if value.isascii():
        return _LATIN if any(ch.isalpha() for ch in value) else frozenset()
    return frozenset(script for ch in value if (script := _script_of(ch)) is not None)


_LATIN = frozenset({"Latin"})


@run_cache
@lru_cache(maxsize=4096)
def _script_of(ch: str) -> str | None:
    """The script of one letter (as :func:`letter_scripts` names it), ``None`` for
    anything else. A letter is read in its compatibility form first: the ordinal ``ª``
    of ``Mª José`` is an ``a`` and fullwidth ``Ａ`` an ``A`` (Latin; by their own names,
    "FEMININE ORDINAL INDICATOR" and "FULLWIDTH LATIN ...", they named scripts of their
    own)."""
    if not ch.isalpha() or unicodedata.category(ch) == "Lm":
        return None
    if ch.isascii():
        return "Latin"
    folded = unicodedata.normalize("NFKC", ch)
    if folded.isascii():
        return "Latin" if any(c.isalpha() for c in folded) else None
    word = unicodedata.name(folded[0], "").split(" ", 1)[0]
    return _SCRIPT_OF_NAME.get(word, word.capitalize()) if word else None


def words_in_scripts(value: str, scripts: frozenset[str]) -> str:
    """The words of ``value`` written in ``scripts`` only, joined by one space: a name
    typed in two scripts read in one of them (``Wei 伟`` in Latin letters is ``Wei``,
    ``Иванова (Ivanova)`` is ``Ivanova``, ``李伟Wei`` in Han is ``李伟``). Brackets and
    quotes around a word go with the words they hold; a word is also cut where its
    letters change script.

    >>> words_in_scripts("Wei 伟", frozenset({"Latin"})), words_in_scripts("李伟Wei", frozenset({"Han"}))
    ('Wei', '李伟')
    >>> words_in_scripts("Иванова (Ivanova)", frozenset({"Latin"}))
    'Ivanova'
    """
    kept: list[str] = []
    for word in value.split():
        run: list[str] = []
        script: str | None = None
        for ch in word.strip(_AROUND_WORDS) + " ":
            this = _script_of(ch)
            if (this is not None and script is not None and this != script) or ch == " ":
                if script in scripts and run:
                    kept.append("".join(run).strip(_AROUND_WORDS))
                run = []
                script = None
            if ch != " ":
                run.append(ch)
                script = this if this is not None else script
    return " ".join(w for w in kept if w)


_AROUND_WORDS = "()[]{}\"'“”«»‘’,;:/"
"""What a name typed in two scripts puts around or between the writings."""


def describe_character(ch: str) -> str:
    """``CYRILLIC SMALL LETTER A (U+0430)``."""
    return f"{unicodedata.name(ch, 'UNNAMED CHARACTER')} (U+{ord(ch):04X})"


def escape_invisible(value: str) -> str:
    """``value`` with invisible and look-alike characters written as ``\\uXXXX`` escapes,
    so a report shows what no screen does (``An\\u200bna``, ``Ann\\u0430``).

    >>> escape_invisible("An\u200bna")
    'An\\\\u200bna'
    """
    odd = {i for i, _, _ in odd_characters(value)}
    if not odd:
        return value
    return "".join(f"\\u{ord(ch):04x}" if i in odd else ch for i, ch in enumerate(value, start=1))


def visible(value: str) -> str:
    """``value`` as a report shows it: invisible and look-alike characters and any other
    unprintable character escaped (``An\\u200bna``, ``Ann\\u0430``), everything else as is
    (``José`` stays ``José``)."""
    if value.isascii() and value.isprintable():
        return value
    odd = {i for i, _, _ in odd_characters(value)}
    return "".join(
        f"\\u{ord(ch):04x}" if i in odd or not ch.isprintable() else ch
        for i, ch in enumerate(value, start=1)
    )


def is_transposition(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with two adjacent characters swapped (``mary``/``mray``,
    ``6177``/``6717``): the typing slip a one-letter change is not.

    >>> is_transposition("mary", "mray"), is_transposition("mary", "mcay")
    (True, False)
    """
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def is_typing_slip(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one character changed or two adjacent ones swapped
    (``6175550123``/``6175550128``, ``2015``/``2051``): one slip of the fingers.

    >>> is_typing_slip("2015", "2016"), is_typing_slip("2015", "2051"), is_typing_slip("15", "61")
    (True, True, False)
    """
    if len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return True
    return is_transposition(a, b)


def _drop_format(value: str) -> str:
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cf")


def _one_spacing(value: str) -> str:
    return _SPACES.sub(" ", value.translate(_NBSP)).strip()


_ASCII_PUNCTUATION = str.maketrans(dict.fromkeys(map(ord, "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")))

_BENIGN_STEPS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("invisible characters", _drop_format),
    ("spacing", _one_spacing),
    ("apostrophe or hyphen style", lambda v: v.translate(_APOSTROPHES).translate(_HYPHENS)),
    ("letter case", str.lower),
    ("punctuation", lambda v: v.translate(_ASCII_PUNCTUATION)),
    ("Unicode form", lambda v: unicodedata.normalize("NFKC", v)),
)
"""Each kind of benign difference and the step that removes it alone."""


def benign_differences(values: Iterable[str]) -> tuple[str, ...]:
    """The kinds of difference among spellings of one value, in a fixed order: the steps
    without which the spellings stay apart (``invisible characters``, ``spacing``,
    ``apostrophe or hyphen style``, ``letter case``, ``punctuation``, ``Unicode form``);
    where two steps each remove one difference (NFKC also turns a non-breaking space into
    a space), the first that does. Empty when the values are equal or these steps do not
    make them one.

    A fragile merge's finding names these, so an admin knows what to look for: a case
    difference is seen at once, a Unicode form difference (``é`` stored as one character
    or as ``e`` and a combining accent) is not seen at all.

    >>> benign_differences(["ANA  Maria", "Ana Maria"])
    ('spacing', 'letter case')
    >>> benign_differences(["Jos\u00e9", "Jose\u0301"]), benign_differences(["Ana", "Anna"])
    (('Unicode form',), ())
    >>> benign_differences(["O\u2019Brien", "O'Brien"])
    ('apostrophe or hyphen style',)
    """
    distinct = set(values)
    if len(distinct) < 2:
        return ()

    def through(skip: int) -> set[str]:
        out = set()
        for value in distinct:
            for i, (_, step) in enumerate(_BENIGN_STEPS):
                if i != skip:
                    value = step(value)
            out.add(value)
        return out

    if len(through(-1)) > 1:
        return ()
    needed = tuple(name for i, (name, _) in enumerate(_BENIGN_STEPS) if len(through(i)) > 1)
    if needed:
        return needed
    kinds = []
    for name, step in _BENIGN_STEPS:
        stepped = {step(value) for value in distinct}
        if len(stepped) < len(distinct):
            kinds.append(name)
        distinct = stepped
    return tuple(kinds)


def unusual_form(value: str) -> bool:
    """Whether ``value`` differs from its NFKC form: letters stored as a base letter and a
    combining accent (as some systems export them), full-width letters or ligatures. A
    keyboard types the usual form, so retyping such a value gives the form most hold.

    >>> unusual_form("Jose\u0301"), unusual_form("Jos\u00e9"), unusual_form("Jose")
    (True, False, False)
    """
    return not value.isascii() and unicodedata.normalize("NFKC", value) != value
