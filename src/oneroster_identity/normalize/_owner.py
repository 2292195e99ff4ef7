"""Whose a contact value is, when a note beside it says so (``dad's cell``, ``Mom: ...``).

A label beside a number or an address (``617-555-2368 cell``, ``ana@gmail.com (work)``) is
dropped and the value suggested alone. A note naming a person is different: SIS contact
fields are often filled from a child's emergency card, where ``Mom: 617-555-2368`` sits on
the student's record and ``617-555-2368 (dad's cell)`` on the mother's. Suggesting the
number alone there gives the record another person's credential: the student's account,
or the mother's, would log in with the father's number, and in the app's older versions
the two accounts would collide. So a note naming a person counts only on a record it
fits: a mother's note on a record whose name is a woman's (``data/name_genders.txt``, or a
kinship noted beside the name), a parent's on an adult's, a child's on a student's. On any
other record, the name and role cannot tell whose the value is, and no value is suggested.

Only the person words below are read, in English and Spanish, and (since session 46) a
given name the bundled tables know (``617-555-2368 (Jose)`` on Ana's record is Jose's
number); a note naming no one (``cell``, ``work``, ``home``) is a label as before.
"""

from __future__ import annotations

import re
from functools import cache

import attrs

from oneroster_identity._data import data_words
from oneroster_identity.normalize._genders import name_gender
from oneroster_identity.normalize._name_words import name_words
from oneroster_identity.normalize._names import (
    NameDifference,
    PersonName,
    compare_names,
    noted_kinships,
)
from oneroster_identity.normalize._relations import kinship_of
from oneroster_identity.normalize._repair import Repair
from oneroster_identity.normalize._titles import without_title

__all__ = [
    "DISPLAY_NAME",
    "NOTE_NAMES_SOMEONE",
    "Owner",
    "display_owner",
    "note_owner",
    "owner_fits",
    "stated_sex",
    "unowned",
]


@attrs.frozen
class Owner:
    """Who a note beside a contact value names.

    >>> Owner("parent", "m")
    Owner(kind='parent', sex='m', name='')
    """

    kind: str
    """``parent``, ``grandparent``, ``aunt-uncle``, ``sibling``, ``spouse``, ``child``,
    ``pronoun`` (``his``, ``her``), ``other`` (someone outside the family, or two people),
    or ``name``: a person's name, as a mail program writes it before an address
    (``Jose Ruiz <jose@gmail.com>``)."""
    sex: str = ""
    """``f`` or ``m`` when the note's word says, else ``""``."""
    name: str = ""
    """For kind ``name``, the name as written; for another kind, the given names the note
    writes beside its word (``Tia Rosa``: ``Rosa``), else ``""``."""


_WORDS = re.compile(r"[^\W\d_]+")

_CONTACT_WORDS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("mama", "mami", "mommy", "momma", "mummy", "mamita"), ("parent", "f")),
    **dict.fromkeys(("papa", "papi", "daddy", "papito"), ("parent", "m")),
    **dict.fromkeys(("granny", "nana"), ("grandparent", "f")),
    "tia": ("aunt-uncle", "f"),
    "tio": ("aunt-uncle", "m"),
    "guardian": ("parent", ""),
    **dict.fromkeys(("wife", "esposa"), ("spouse", "f")),
    **dict.fromkeys(("husband", "esposo"), ("spouse", "m")),
    **dict.fromkeys(("spouse", "partner"), ("spouse", "")),
    **dict.fromkeys(("her", "hers"), ("pronoun", "f")),
    "his": ("pronoun", "m"),
    **dict.fromkeys(("son", "hijo"), ("child", "m")),
    **dict.fromkeys(("daughter", "hija"), ("child", "f")),
    **dict.fromkeys(("child", "kid", "student", "estudiante"), ("child", "")),
    **dict.fromkeys(
        (
            "friend",
            "neighbor",
            "neighbour",
            "babysitter",
            "sitter",
            "nanny",
            "caregiver",
            "boss",
            "employer",
            "emergency",
            "ex",
        ),
        ("other", ""),
    ),
}
"""Person words a contact note carries besides the kinships of a name note
(``normalize._names``): the forms a parent types on a card (``mommy``, ``papi``), spouses,
pronouns, a child, and people outside the family (an emergency contact's number, an ex's).
Unaccented ``tia``, ``mama`` and ``papa`` are given names too, but not beside a number."""

DISPLAY_NAME = "display-name"
"""The :class:`Repair` rule of an address a mail program wrote with a name before it
(``Jose Ruiz <jose@gmail.com>``; ``normalize._email_repair``)."""

NOTE_NAMES_SOMEONE = "note-names-someone"
"""The :class:`Repair` rule of a value whose note names a person the record does not show
it is (:func:`unowned`)."""


def _owner_of(words: list[str], i: int) -> tuple[tuple[str, str] | None, int]:
    """The person named by the words at ``i`` (two words first: ``step mom``,
    ``great grandmother``), and how many words it took."""
    if i + 1 < len(words):
        two = kinship_of(f"{words[i]} {words[i + 1]}")
        if two is not None:
            return two, 2
    word = words[i]
    for form in (word, word[:-1] if word.endswith("s") and len(word) > 3 else ""):
        # dads, moms, grandmas (a possessive typed without its apostrophe)
        if form:
            found = kinship_of(form) or _CONTACT_WORDS.get(form)
            if found is not None:
                return found, 1
    return None, 1


_NOTE_WORDS = frozenset({"day", "eve", "long", "may", "will"})
"""Given names the tables know that a contact note uses as words: ``day`` and ``eve``
(evening) numbers, ``long distance``, ``may text``, ``will call``."""

_POSSESSIVES = frozenset({"'s", "\u2019s"})
"""What follows a name written as whose something is (``Leo's``, ``Leo’s``)."""

_SHORTEST_LISTED = 4
"""``data/given_names.txt`` holds short names that are English words (Vietnamese ``My``,
``An``): a note's word counts as one of its names from four letters."""


@cache
def _listed_given_names() -> frozenset[str]:
    """The given names of ``data/given_names.txt`` long enough to tell from a note's words."""
    return frozenset(
        word
        for words in data_words("given_names.txt")
        for word in words
        if len(word) >= _SHORTEST_LISTED
    )


def _given_name(word: str) -> bool:
    """Whether a note's word (folded) is a given name (since session 46): one of
    ``data/name_genders.txt`` (a woman's or a man's) or ``data/given_names.txt``, and not
    a word notes use otherwise. The nickname tables are not read: they hold words such as
    ``app``, ``one`` and ``see``."""
    if word in _NOTE_WORDS:
        return False
    return bool(name_gender(word)) or word in _listed_given_names()


def note_owner(note: str) -> Owner | None:
    """Who a note beside a contact value names, or ``None`` when it names no one (a label
    such as ``cell`` or ``work``). Two different people named (``mom or dad``) are
    ``Owner("other")``: the note fits no single record. A given name the note writes is
    a person named too (since session 46): alone, ``Owner("name")``; beside a word, in its
    ``name``.

    >>> note_owner("(dad's cell)"), note_owner("cell")
    (Owner(kind='parent', sex='m', name=''), None)
    >>> note_owner("mom / dad").kind
    'other'
    >>> note_owner("(Jose)"), note_owner("Tia Rosa")
    (Owner(kind='name', sex='', name='Jose'), Owner(kind='aunt-uncle', sex='f', name='Rosa'))
    >>> note_owner("Leo's mom")
    Owner(kind='parent', sex='f', name='')
    """
    if not note or not any(ch.isalpha() for ch in note):
        return None
    spans = list(_WORDS.finditer(note))
    words = [m.group().casefold() for m in spans]
    found: set[tuple[str, str]] = set()
    named: list[tuple[str, bool]] = []
    i = 0
    while i < len(words):
        owner, taken = _owner_of(words, i)
        if owner is not None:
            found.add(owner)
        elif _given_name(words[i]):
            end = spans[i].end()
            named.append((spans[i].group(), note[end : end + 2] in _POSSESSIVES))
        i += taken
    if not found:
        name = " ".join(w for w, _ in named)
        return Owner("name", name=name) if name else None
    if len(found) > 1:
        return Owner("other")
    kind, sex = found.pop()
    # `Leo's mom`: a name written as whose the kin is names the other person, not the owner
    return Owner(kind, sex, " ".join(w for w, possessive in named if not possessive))


def display_owner(display: str) -> Owner | None:
    """Who the name a mail program writes before an address names (``Jose Ruiz`` in
    ``Jose Ruiz <jose@gmail.com>``): a relation it names (``Mom``), else the name, else
    ``None`` (no letters)."""
    found = note_owner(display)
    if (found is not None and found.kind != "name") or not any(ch.isalpha() for ch in display):
        return found
    return Owner("name", name=" ".join(display.split()).strip("\"'"))


_STATED = {"male": "m", "female": "f", "m": "m", "f": "f"}


def stated_sex(value: str) -> str:
    """``m`` or ``f`` for a sex a record states (``demographics.csv``: OneRoster's
    ``male``/``female``, or the ``M``/``F`` many SIS exports write), else ``""`` (other
    and unspecified values state nothing).

    >>> stated_sex("Female"), stated_sex(" M "), stated_sex("other")
    ('f', 'm', '')
    """
    return _STATED.get(value.strip().casefold(), "")


def _record_sex(name: PersonName, stated: str = "") -> str:
    """``f`` or ``m`` when a record says it: the sex it states (``demographics.csv``), a
    kinship noted beside its name (``Maria (Mom)``), a title before it (``Mrs. Jordan``),
    a given name almost always one sex's; ``""`` when none says, or they disagree."""
    noted = {sex for _, sex in noted_kinships(name) if sex}
    noted.add(stated_sex(stated))
    noted.discard("")  # a record stating none
    words = name_words(name.given)
    bare = without_title(words)
    # `Mrs. Jordan`: a title before the name says it (Dr. and Mx. say nothing)
    noted.update(_TITLE_SEX[w] for w in words[: len(words) - len(bare)] if w in _TITLE_SEX)
    listed = name_gender(bare[0]) if bare else ""
    sexes = noted | ({listed} if listed else set())
    return sexes.pop() if len(sexes) == 1 else ""


_TITLE_SEX = {
    **dict.fromkeys(("mr", "sr"), "m"),
    **dict.fromkeys(("mrs", "ms", "miss", "sra", "srta", "mme", "mlle"), "f"),
}
"""The titles (``normalize._titles.without_title``) that say a sex."""


def owner_fits(owner: Owner, name: PersonName, *, student: bool, sex: str = "") -> bool:
    """Whether a note naming ``owner`` can be about the record itself: a child's on a
    student's record, anyone else's on an adult's (a pronoun on either), and a sex the
    note says matching the one the record says (its name, or ``sex``, its
    ``demographics.csv`` value as written; a record saying none fits no such note); a name
    before an address (kind ``name``), or a given name the note writes, that is the
    record's.

    >>> from oneroster_identity.normalize import PersonName
    >>> ana = PersonName(given="Ana", family="Ruiz")
    >>> jose = PersonName(given="Jose", family="Ruiz")
    >>> dad = Owner("parent", "m")
    >>> owner_fits(dad, ana, student=False), owner_fits(dad, jose, student=False)
    (False, True)
    >>> parent, child = Owner("parent"), Owner("child")
    >>> owner_fits(parent, ana, student=True), owner_fits(child, ana, student=True)
    (False, True)
    >>> owner_fits(Owner("name", name="Jose Ruiz"), ana, student=False)
    False
    >>> owner_fits(Owner("aunt-uncle", "f", "Rosa"), ana, student=False)
    False
    """
    kind = owner.kind
    if owner.name and not _names_the_record(owner.name, name):
        return False  # `617-555-2368 (Jose)`, `Tia Rosa` on Ana's record
    if kind == "name":
        return True
    if kind == "pronoun":  # `her cell`: a woman's or a girl's
        return _record_sex(name, sex) == owner.sex
    if kind == "other" or (kind == "child") != student:
        return False
    if kind == "spouse" and not owner.sex:
        return False  # `spouse's cell`: the record holder's spouse, whoever holds it
    return not owner.sex or _record_sex(name, sex) == owner.sex


_NOT_NAMES = frozenset(
    {"the", "family", "familia", "household", "home", "and", "y", "mr", "mrs", "ms", "dr"}
)
"""Words of a display name that name no one (``The Ruiz Family``, ``Mr. and Mrs. Ruiz``)."""


def _names_the_record(display: str, name: PersonName) -> bool:
    """Whether a display name can be the record's person: it holds the record's given name
    (or a form of it: ``Bob`` for Robert, ``A.``), or no word besides the record's family name
    (``Ruiz``, ``The Ruiz Family``). ``Jose Ruiz`` on Ana Ruiz's record names another
    person."""
    family_words = set(name_words(name.family))
    words = [w for w in name_words(display.replace(",", " , ")) if w not in _NOT_NAMES]
    rest = [w for w in words if w not in family_words]
    if not rest:
        return True
    given_words = set(name_words(name.given))
    if given_words.intersection(rest):
        return True
    # `Ruiz, Ana`: the given name after the comma; else the first word
    given = display.split(",", 1)[1] if display.count(",") == 1 else display
    first = [w for w in name_words(given) if w not in _NOT_NAMES and w not in family_words]
    if not first:
        return True
    other = PersonName(given=first[0], family=name.family)
    return compare_names(name, other).kind is not NameDifference.DIFFERENT


def unowned(repair: Repair, *, what: str) -> Repair:
    """``repair`` without its value: the note beside the value names a person the record
    does not show it is, so only someone who knows the family can say whose it is. ``what``
    is ``number`` or ``address``. The value's key stays as ``noted_key``, which nothing
    blocks, compares or suggests on."""
    # (a given name in a note, `617-555-2368 (Jose)`, is an owner of kind `name` too: the
    # rule, not the kind, tells a mail program's display name)
    named = (
        "the name before the address (as a mail program writes it) is another than this record's"
        if repair.rule == DISPLAY_NAME and repair.owner is not None and repair.owner.kind == "name"
        else f"a note beside the {what} names whose it is (such as 'dad's cell', 'Mom:' or a "
        "given name), "
        "and nothing on this record (its name, its role) shows it is that person"
    )
    return Repair(
        rule=NOTE_NAMES_SOMEONE,
        reason=f"{named}; no {what} is suggested: if it is this person's own, type it alone; "
        f"if not, the record needs this person's own {what}",
        owner=repair.owner,
        noted_key=repair.key,
    )
