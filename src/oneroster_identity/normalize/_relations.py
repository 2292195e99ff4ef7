"""Role words and relations typed for a name or beside it (``Mom``, ``Smith Family``,
``Maria (Aunt)``), and the kinship each relation names.

A front office that does not know a guardian's name types the role instead, and one that
does often notes the relation beside the name; the app shows both as the name. Neither
is ever a value to type into a name field.
"""

from __future__ import annotations

import re

from oneroster_identity.normalize._name_words import LETTER_RUNS
from oneroster_identity.normalize._spreadsheet import spreadsheet_error
from oneroster_identity.normalize._titles import TITLES

__all__ = [
    "BARE_RELATIONS",
    "CARE_OF_NOTE",
    "CONTACT_ROLES",
    "HOUSEHOLD_SPELLINGS",
    "KINSHIPS",
    "KIN_NAMES",
    "NOTE_KINSHIPS",
    "PARENT_ORIGINS",
    "ROLE_WORD_SPELLINGS",
    "household_in_family",
    "is_care_of",
    "is_relation_note",
    "is_role_word_name",
    "kinship_of",
    "might_be_stand_in",
    "names_test_account",
    "relation_words",
]

_TEST_ACCOUNT_WORDS = frozenset(
    {
        "student",
        "teacher",
        "staff",
        "user",
        "demo",
        "sample",
        "testing",
        "dummy",
        # (since session 61: a tester's stand-ins, a keyboard's rows, never a name)
        "fake",
        "asdf",
        "qwerty",
    }
)
"""Given names that alone make a record a district's test or demo account (``Student``,
``Teacher2``): role words (:data:`_ROLE_WORDS`) that :func:`names_test_account` tells
from a guardian whose name the office did not know."""


_ROLE_WORDS = frozenset(
    {
        "mom",
        "mother",
        "mum",
        "dad",
        "father",
        "parent",
        "guardian",
        "parent guardian",
        "mom dad",
        "grandma",
        "grandpa",
        "grandmother",
        "grandfather",
        "stepmom",
        "stepdad",
        "step mom",
        "step dad",
        # Spanish, accented (unaccented Mama and Papa are also given names elsewhere)
        "mamá",
        "papá",
        "madre",
        "padre",
        "abuela",
        "abuelo",
        "unknown",
        "none",
        "null",
        "n a",
        "tbd",
        "test",
        # x's typed for a name not known (since session 61; as a family name's stand-ins)
        "xx",
        "xxx",
        "emergency contact",
        "household",
        "relative",
        "contact",
        # a district's test and demo accounts (Test Student, Demo Teacher, Student 1)
        *_TEST_ACCOUNT_WORDS,
    }
)


def is_role_word_name(given: str, /) -> bool:
    """Whether a given name is a role, a title or a stand-in typed where a name belongs
    (``Mom``, ``Parent/Guardian``, ``Mrs.``, ``Unknown``, ``N/A``): the app shows it as
    the person's name, and it cannot match the person's other records. Never read as a
    missing name when matching: a ``Dad`` record on a family address is not the
    ``Maria`` who shares it, nor is a ``Mrs.`` ``Smith`` teacher the ``Jane Smith``.

    >>> is_role_word_name("Mom"), is_role_word_name("Parent/Guardian"), is_role_word_name("Momo")
    (True, True, False)
    >>> is_role_word_name("Mamá"), is_role_word_name("Grandma"), is_role_word_name("Papa")
    (True, True, False)
    >>> is_role_word_name("Mrs."), is_role_word_name("DR"), is_role_word_name("Mrs. Ana")
    (True, True, False)

    Since session 35, the stand-ins a front office types where it does not know a
    guardian's name: a relation alone, the family, whose relative the person is, or a
    numbered role.

    >>> is_role_word_name("Aunt"), is_role_word_name("Smith Family"), is_role_word_name("Leo's Mom")
    (True, True, True)
    >>> is_role_word_name("Mother of Leo Smith"), is_role_word_name("Parent 1")
    (True, True)
    >>> is_role_word_name("Test Student"), is_role_word_name("Demo Teacher 2")
    (True, True)
    >>> is_role_word_name("Maria de Jesus"), is_role_word_name("Primo"), is_role_word_name("D'Andre")
    (False, False, False)
    """
    words = LETTER_RUNS.findall(given.casefold())
    joined = " ".join(words)
    return (
        joined in _ROLE_WORDS
        or joined in TITLES
        or _stand_in(words)
        # (a spreadsheet's error value, `#NAME?`, since session 49: the name was lost)
        or spreadsheet_error(given) is not None
    )


def _stand_in(words: list[str]) -> bool:
    """Whether folded given-name words are a stand-in for an unknown guardian's name: a
    relation alone (``Aunt``, ``Caregiver``), the family (``Smith Family``), a role of a
    child (``Mother of Leo Smith``, ``Abuela de Sofía``, ``Leo's Mom``), or a numbered or
    lettered role (``Parent 1``, ``Guardian2``, ``Parent A``)."""
    if not words:
        return False
    if words[-1] == "family" and len(words) <= 5:  # Smith Family, The De La Cruz Family
        return True
    if words[0] in _FAMILY_FIRST and len(words) <= 5:  # Familia García (since session 51)
        return True
    if len(words) > 1 and words[0] in _TEST_WORDS:
        words = words[1:]  # Test Student, Demo Parent
    elif len(words) > 1 and words[-1] in _TEST_WORDS:
        words = words[:-1]  # Student Test
    for i in range(1, len(words) - 1):
        if words[i] in ("of", "to", "for", "de"):
            words = words[:i]  # Mother of Leo Smith (Maria de Jesus keeps only Maria)
            break
    else:
        for i in range(1, len(words) - 1):
            if words[i] == "s":
                words = words[i + 1 :]  # Leo's Mom, Ana Maria's Mom (the apostrophe splits)
                break
    last = words[-1]
    number = last.rstrip("0123456789")
    if number != last:
        words = [*words[:-1], number] if number else words[:-1]  # Parent1, Guardian 2
    elif len(words) >= 2 and len(last) == 1:
        words = words[:-1]  # Parent A
    joined = " ".join(words)
    return joined in _ROLE_WORDS or joined in _RELATIONS_ALONE


_TEST_WORDS = frozenset({"test", "testing", "demo", "sample", "dummy", "fake", "asdf", "qwerty"})

_FAMILY_FIRST = frozenset({"familia", "família", "famille"})
"""The word for a family in the languages that write it before the surname (Spanish,
Portuguese, French: ``Familia García``), folded."""

_HOUSEHOLD_LAST = frozenset({"family", "household"})
"""Words that end a household's name written where a person's belongs (``The Garcia
Family``, ``Garcia Household``), folded."""


def household_in_family(family: str, /) -> bool:
    """Whether a family-name field names a household, not a person (since session 51):
    a front office that does not know the guardians' names, or keeps one contact for the
    home, types the family, and an export splitting ``The Garcia Family`` at a space puts
    ``Family`` (or ``Garcia Family``) in the family name. The app makes one account of
    the record and shows it by that name, and no one can sign in as it.

    >>> household_in_family("Family"), household_in_family("Garcia Household")
    (True, True)
    >>> household_in_family("Familia"), household_in_family("Garcia"), household_in_family("")
    (True, False, False)
    >>> household_in_family("Familia Garcia"), household_in_family("Family Garcia")
    (True, False)
    """
    folded = family.casefold()
    if "fam" not in folded and "household" not in folded:
        return False  # (nearly every name: told without splitting it)
    words = LETTER_RUNS.findall(folded)
    if not words or len(words) > 5:
        return False
    return words[-1] in _HOUSEHOLD_LAST or words[0] in _FAMILY_FIRST


HOUSEHOLD_SPELLINGS = frozenset(
    spelled
    for word in (*_HOUSEHOLD_LAST, *_FAMILY_FIRST)
    for spelled in (word, word.upper(), word.capitalize())
)
"""The one-word household names as exports type them (``Family``, ``FAMILY``): the
findings' fast path tests a plain family name against these before reading it."""
"""Words that mark a district's test or demo account beside a role (``Test Student``)."""


def names_test_account(given: str, /) -> bool:
    """Whether a given name that :func:`is_role_word_name` reads as a stand-in marks a
    district's test or demo account (``Test Student``, ``Demo Teacher``, ``Student 1``)
    rather than a person whose name the office did not know (``Mom``, ``Parent 1``).

    >>> names_test_account("Test Student"), names_test_account("Teacher2")
    (True, True)
    >>> names_test_account("Parent 1"), names_test_account("Mom")
    (False, False)
    """
    words = [w.rstrip("0123456789") for w in LETTER_RUNS.findall(given.casefold())]
    words = [w for w in words if w]
    return bool(_TEST_WORDS.intersection(words)) or (
        len(words) == 1 and words[0] in _TEST_ACCOUNT_WORDS
    )


def might_be_stand_in(given: str, /) -> bool:
    """A cheap test that a given name of more than one word, or with a digit or an
    apostrophe, may be a stand-in of :func:`is_role_word_name` (``Smith Family``,
    ``Parent 1``, ``Leo's Mom``, ``Mother of Leo``): the findings' fast path asks the
    full test only of these. Plain one-word names are the spellings'
    (:data:`ROLE_WORD_SPELLINGS`).

    >>> might_be_stand_in("Smith Family"), might_be_stand_in("Parent 1"), might_be_stand_in("")
    (True, True, False)
    """
    return (
        given[-1:].isdigit()
        or "'" in given
        or given[-6:].casefold() == "family"
        or any(word in ROLE_WORD_SPELLINGS for word in given.split(None, 1)[:1])
        or any(f" {w} " in given for w in ("of", "de", "to", "for", "Of", "OF"))
    )


NOTE_KINSHIPS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        ("mommy", "momma", "mãe", "manman", "mère", "maman", "mẹ", "má"), ("parent", "f")
    ),
    **dict.fromkeys(("daddy", "pai", "père", "bố", "ba", "cha"), ("parent", "m")),
    **dict.fromkeys(("madrasta",), ("parent", "f")),
    **dict.fromkeys(("padrasto",), ("parent", "m")),
    **dict.fromkeys(
        (
            *("nana", "grammy", "granny", "gma", "grandmama", "memaw", "mawmaw"),
            *("avó", "grann", "granmè", "grand mère", "mamie", "bà", "bà ngoại", "bà nội"),
        ),
        ("grandparent", "f"),
    ),
    **dict.fromkeys(
        (
            *("grandpapa", "gpa", "pawpaw", "granpa"),
            *("avô", "granpè", "grand père", "ông", "ông ngoại", "ông nội"),
        ),
        ("grandparent", "m"),
    ),
    **dict.fromkeys(("tante", "matant", "dì", "cô"), ("aunt-uncle", "f")),
    **dict.fromkeys(("tonton", "oncle", "chú", "cậu"), ("aunt-uncle", "m")),
}
"""Kinships that count only in a note beside a name (``Maria (Nana)``, ``Lan (mẹ)``,
since session 42): English family words (``Nana``, ``Granny``, ``Mommy``), Portuguese,
Haitian Creole, French and Vietnamese ones, which the front offices of districts with
those families type (the French ``maman`` and ``mamie`` and the Haitian ``matant``
since session 59). Several are names or name syllables too (``Nana``, ``Ba``, ``Cô``),
so those (:data:`KIN_NAMES`) are never a stand-in for a name alone, nor a relation
beside a name outside brackets (``Lan Ba``, ``Lan - Ba``, ``Lan/Ba``: a couple); the others are, as ``Grandma`` is
(``Granny`` for a given name). Unaccented ``Tia``, ``Papa`` and ``Mama`` stay names."""

KIN_NAMES = frozenset(
    {"nana", "mamie", "ba", "cha", "má", "mẹ", "bố", "bà", "ông", "cô", "dì", "chú", "cậu", "pai"}
)
"""Kinship words of :data:`NOTE_KINSHIPS` that are given names, family names or name
syllables too: relations only inside a note (``Maria (Nana)``, ``Lan (bà)``)."""

_BIRTH = ("bio", "biological", "birth")
_HOW = (*_BIRTH, "adoptive", "adopted")
"""How a parent came to the child, typed before ``mom`` or ``father`` in a note."""

_RELATIONS = frozenset(
    {
        "aunt",
        "auntie",
        "uncle",
        "tía",
        "tío",
        "stepmother",
        "stepfather",
        "step mother",
        "step father",
        "grandparent",
        "grandmom",
        "granddad",
        "grandad",
        "great grandmother",
        "great grandfather",
        "godmother",
        "godfather",
        "foster mom",
        "foster dad",
        "foster mother",
        "foster father",
        "foster parent",
        # since session 42: a parent named by how the child came to the family
        *(f"{how} {who}" for how in _HOW for who in ("mom", "mother", "dad", "father", "parent")),
        "step parent",
        "stepparent",
        # a note of one word beside a name (`Maria (step)`); names too, so never a
        # stand-in alone (`Foster` is a given name)
        "step",
        "foster",
        *NOTE_KINSHIPS,
        "sister",
        "brother",
        "cousin",
        # Spanish (unaccented Tia is also a given name)
        "hermana",
        "hermano",
        "prima",
        "primo",
        "madrina",
        "padrino",
        "madrastra",
        "padrastro",
        "abuelita",
        "abuelito",
        "bisabuela",
        "bisabuelo",
        # not kin, but never part of a name either
        "legal guardian",
        "friend",
        "family friend",
        "neighbor",
        "neighbour",
        "babysitter",
        "nanny",
        "caregiver",
        "caretaker",
        "emergency",
    }
)
"""Relations a front office types in a note beside a guardian's name (``Maria (Aunt)``),
besides the role words of :func:`is_role_word_name` (folded, words joined by one space)."""


_RELATIONS_ALONE = _RELATIONS - {"primo", "prima", "step", "foster", *KIN_NAMES}
"""Relations that are a stand-in when typed as the whole given name (``Aunt``): every
relation but those that are given names too (``Primo``)."""


ROLE_WORD_SPELLINGS = frozenset(
    spelled
    for phrase in (*_ROLE_WORDS, *_RELATIONS_ALONE, "family", *_FAMILY_FIRST)
    for sep in (" ", "/")
    for spelled in (
        sep.join(phrase.split()),
        sep.join(phrase.split()).upper(),
        sep.join(word.capitalize() for word in phrase.split()),
    )
) | frozenset(
    spelled + dot
    for title in TITLES
    for spelled in (title, title.upper(), title.capitalize())
    for dot in ("", ".")
)
"""The role words and titles as SIS exports usually type them (``Mom``, ``MOM``,
``Parent/Guardian``, ``N/A``, ``Mrs.``): a membership test cheap enough for a million
records' fast path, before :func:`is_role_word_name` reads any spelling."""


CONTACT_ROLES: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("primary", "primary contact", "contact 1", "1st contact"), ("rank", "1")),
    **dict.fromkeys(("secondary", "secondary contact", "contact 2", "2nd contact"), ("rank", "2")),
    **dict.fromkeys(("emergency", "emergency contact", "emergency only"), ("rank", "emergency")),
    **dict.fromkeys(("custodial", "custodial parent"), ("custody", "yes")),
    **dict.fromkeys(
        ("non custodial", "noncustodial", "non custodial parent", "noncustodial parent"),
        ("custody", "no"),
    ),
}
"""A contact's role as an SIS's contact screen flags it, typed beside the name by an
office or an export (since session 63): ``Maria (Primary)``, ``Ana [Emergency Contact]``,
``Luis (non-custodial)``. Never part of a name, so never a value to type, as a relation
is not; each is a place on one dimension (``rank``: primary, secondary, emergency;
``custody``), and two places of one dimension are two people's
(:func:`~oneroster_identity.normalize._names.contact_roles_differ`)."""


def is_relation_note(note: str, /) -> bool:
    """Whether a note typed beside a name
    (:func:`~oneroster_identity.normalize._names.split_note`) says how the person is
    related to a student, or stands in for a name (``Grandmother``, ``Aunt``,
    ``Step-Father``, ``N/A``): never part of the person's name. A note that is a name
    (``Bob``, ``Lisa``) is not.

    >>> is_relation_note("Grandmother"), is_relation_note("step-father"), is_relation_note("Bob")
    (True, True, False)
    >>> is_relation_note("Mother of Leo"), is_relation_note("Leo's Mom"), is_relation_note("Bob of")
    (True, True, False)

    So is a contact's role as an SIS flags it (:data:`CONTACT_ROLES`, since session 63).

    >>> is_relation_note("Primary"), is_relation_note("Emergency Contact")
    (True, True)
    """
    words = relation_words(note)
    return words in _ROLE_WORDS or words in _RELATIONS or words in CONTACT_ROLES


def relation_words(note: str) -> str:
    """A note's words folded as :func:`is_role_word_name` folds them, without the child
    it names: ``Mother of Leo``, ``Grandma to Sofia``, ``Leo's Mom`` -> ``mother``,
    ``grandma``, ``mom`` (a front office notes whose relative the person is)."""
    words = LETTER_RUNS.findall(note.casefold())
    if len(words) >= 3 and words[-2] in ("of", "to", "for", "de"):
        words = words[:-2]  # Mother of Leo, Abuela de Sofía
    elif len(words) >= 3 and words[1] == "s":
        words = words[2:]  # Leo's Mom (the apostrophe splits off the s)
    return " ".join(words)


KINSHIPS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        (
            "mom",
            "mother",
            "mum",
            "mamá",
            "madre",
            "stepmom",
            "step mom",
            "stepmother",
            "step mother",
            "foster mom",
            "foster mother",
            *(f"{how} {who}" for how in _HOW for who in ("mom", "mother")),
        ),
        ("parent", "f"),
    ),
    **dict.fromkeys(
        (
            "dad",
            "father",
            "papá",
            "padre",
            "stepdad",
            "step dad",
            "stepfather",
            "step father",
            "foster dad",
            "foster father",
            *(f"{how} {who}" for how in _HOW for who in ("dad", "father")),
        ),
        ("parent", "m"),
    ),
    **dict.fromkeys(
        ("parent", "foster parent", "step parent", "stepparent", *(f"{h} parent" for h in _HOW)),
        ("parent", ""),
    ),
    "madrastra": ("parent", "f"),
    "padrastro": ("parent", "m"),
    **dict.fromkeys(
        ("grandma", "grandmother", "grandmom", "abuela", "abuelita"), ("grandparent", "f")
    ),
    **dict.fromkeys(
        ("grandpa", "grandfather", "granddad", "grandad", "abuelo", "abuelito"),
        ("grandparent", "m"),
    ),
    "grandparent": ("grandparent", ""),
    **dict.fromkeys(("great grandmother", "bisabuela"), ("great-grandparent", "f")),
    **dict.fromkeys(("great grandfather", "bisabuelo"), ("great-grandparent", "m")),
    **dict.fromkeys(("aunt", "auntie", "tía"), ("aunt-uncle", "f")),
    **dict.fromkeys(("uncle", "tío"), ("aunt-uncle", "m")),
    **dict.fromkeys(("godmother", "madrina"), ("godparent", "f")),
    **dict.fromkeys(("godfather", "padrino"), ("godparent", "m")),
    **dict.fromkeys(("sister", "hermana"), ("sibling", "f")),
    **dict.fromkeys(("brother", "hermano"), ("sibling", "m")),
    "cousin": ("cousin", ""),
    "prima": ("cousin", "f"),
    "primo": ("cousin", "m"),
    **NOTE_KINSHIPS,
}
"""The relation notes that name a kinship (folded as :func:`is_relation_note` folds them):
its kind and the relative's sex (``""`` when the word does not say). A stepparent or a
foster parent is a parent here: a front office types ``Mom`` for the stepmother too.
``Guardian``, ``Parent/Guardian`` and the stand-ins say nothing about who the person is."""


PARENT_ORIGINS: dict[str, str] = {
    words: origin
    for words, (kind, _) in KINSHIPS.items()
    if kind == "parent"
    for origin in (
        "birth"
        if words.split()[0] in _BIRTH
        else "other"
        if words.startswith(("step", "foster", "adopt"))
        or words in ("madrastra", "padrastro", "madrasta", "padrasto")
        else "",
    )
    if origin
}
"""How the parent a kinship note names came to the child (since session 42): ``birth``
(``Bio Mom``, ``Birth Father``) or ``other`` (a step-, foster or adoptive parent). A child's
birth mother and stepmother of one name are two people; ``Mom`` beside either says
nothing (a front office types ``Mom`` for both)."""


def kinship_of(words: str, /) -> tuple[str, str] | None:
    """The kinship a relation word names (folded as :func:`is_relation_note` folds it):
    its kind and the relative's sex, ``""`` when the word does not say.

    >>> kinship_of("grandma"), kinship_of("step dad"), kinship_of("cell")
    (('grandparent', 'f'), ('parent', 'm'), None)
    """
    return KINSHIPS.get(words)


BARE_RELATIONS = frozenset(KINSHIPS).union({"guardian"}) - {
    *("parent", "cousin", "brother", "sister", "primo", "prima"),
    *("hermano", "hermana", "padrino", "madrina"),
    *KIN_NAMES,
}
"""Relations typed beside a name with nothing but a space (``Maria Mom``, ``Abuela
Rosa``): no word here is a name part. The kin words that are surnames too (``Parent``,
``Cousin``, ``Brother``, ``Primo``...) count only when set apart (``Lavoie - Parent``)."""


CARE_OF_NOTE = re.compile(
    r"\s+((?:c\s*/\s*o|c\.\s*o\.|(?:in\s+)?care\s+of)\s+\S.*)$", re.IGNORECASE
)
"""A "care of" note after a name (``Garcia c/o Lopez``, ``Maria care of Juan Ruiz``): whom
the person is reached through, an address book's habit, not part of the name."""


def is_care_of(note: str, /) -> bool:
    """Whether a note :func:`split_note` took from a name is a "care of" note.

    >>> is_care_of("c/o Lopez"), is_care_of("Grandmother")
    (True, False)
    """
    return CARE_OF_NOTE.match(f" {note}") is not None
