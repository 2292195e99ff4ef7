"""Suggested SIS changes that would make a likely-same cluster merge into one account.

A fix is advice a person types into the SIS: a wrong one corrupts correct data. So the
value of each field is chosen by the *quality* of the values, never by which record was
touched last. The rules, in order (the first that separates the values decides, and every
fix names it):

0. ``ungarbled`` (since session 49): a name a program garbled (``GarcÃ­a``, UTF-8 read as
   Windows-1252; ``O&#39;Brien``, HTML) competes as the name read back, the exact inverse
   of the mistake: one name left is the winner, several are decided by the rules below.
   ``lost-letters`` (since session 49): a name beats the same name with ``?`` or ``�``
   where a program lost its letters (``Muñoz`` over ``Mu?oz``).
   ``no-spreadsheet-mark`` (since session 54): a name in a spreadsheet's text formula
   (``="Rosa"``, written by exports meant for Excel) competes as the name inside it,
   which alone is the winner beside itself.
   ``suffix-in-letters`` (since session 50): a name beats the same name with a bare digit
   for the generational suffix it writes in letters (``Ruiz III`` over ``Ruiz 3``): alone
   a digit in a name reads as a flag or a count, and the other record says which suffix
   it stands for.
1. ``clean-value``: a value that carries a finding (a domain typo, invisible or look-alike
   characters, a blank name, a stand-in such as ``N/A``, a name cut off after a hyphen)
   never wins over one that does not.
2. ``whole-name-in-one-field``: a name part alone beats the whole name typed into that
   field (``Maria`` over ``Maria Garcia`` or ``Garcia, Maria`` as a given name, when Garcia
   is the person's family name).
   ``no-title``: a given name beats the same name with a title typed before it (``Ana``
   over ``Mrs. Ana``; accents must agree, so ``Maria`` never wins over ``Sra. María``).
   ``no-stray-mark``: a name beats the same name with a separator left at its edge
   (``Ruiz`` over ``Ruiz,``; ``Ruiz;`` and ``Ruiz:`` are ``Ruiz``). A name cut off after
   a joining mark (``Garcia-``) is rule 1's: it carries a finding.
   ``no-number`` (since session 42): a name beats the same name with a number typed
   into it (``Ana`` over ``Ana 2``, ``Ruiz`` over ``Ruiz #2``); beside another name it
   competes as the name without it, as a symbol does (``José 2`` beside ``Jose`` is a
   choice of ``José`` and ``Jose``). The number often marks a second record of one
   person, but may tell two people of one name apart, so the item asks the family first
   (``maybe-numbered``).
   ``no-symbol`` (since session 41): a name beats the same name with a symbol no name
   has (``Ana`` over ``*Ana``, ``Ruiz`` over ``Ruiz?``); beside another name it competes
   as the name without it (``Ruiz*`` beside ``Ruiz Garcia`` is a choice of ``Ruiz`` and
   ``Ruiz Garcia``).
   ``no-note``: a name part beats the same name with a relation noted beside it
   (``Maria`` over ``Maria (Grandmother)``); a note that is a name (``Robert "Bob"``)
   leaves a choice.
   ``as-shown`` (since session 62): a name with an invisible character or a look-alike
   letter of another script (``Rosa\u200b``, ``Rosа`` with a Cyrillic ``а``) is given as
   it shows on screen, as its finding suggests it, where it was the one name the records
   hold or the name a rule decides (before, it was typed onto the other records, the
   character and all).
3. ``full-name``: a full given name beats its initial (``John`` over ``J.``).
   ``written-out``: a given name beats its abbreviation (``María Elena`` over ``Ma. Elena``,
   ``William`` over ``Wm.``: see :func:`~oneroster_identity.normalize.expand_abbreviations`),
   and a name the same name cut short with a period (``Gonzalez`` over ``Gonz.``,
   ``Elizabeth`` over ``Eliz.``).
4. ``diacritics``: a name with its accents beats the ASCII-folded one (``José`` over
   ``Jose``). ``apostrophe`` (since session 50): a name with its apostrophe beats the
   same letters without it (``O'Brien`` over ``OBrien`` or ``O Brien``).
5. ``known-given-name``: of two given names two swapped letters apart, the one that is a
   known given name wins (``Michelle`` over ``Mihcelle``), unless people elsewhere in the
   roster (records in no likely-same item) hold the other: then it is a name of its own
   the bundled table lacks (``Maira`` beside ``Maria``), not a slip; a letter changed,
   added or dropped is no typo the data can tell from another real name (``Ana`` and
   ``Ava``).
6. ``name-in-local-part``: of two email local parts a typo apart, the one that spells the
   person's names wins (``mjackson5431`` over ``mjackkson5431``).
7. ``more-records``: the value more of the person's records hold, over values that are
   slips of it (a digit or a letter off, case, one mailbox; since session 50 no longer
   spacing or punctuation in a name, ``De La Cruz``/``Delacruz``, ``Mary-Ann``/``Mary
   Ann``, each a family's own writing, nor a given name a letter off that is itself a
   given name of the bundled tables, ``John`` beside two ``Jhon``; since session 52 no
   name a letter changed, added or dropped, only two letters swapped, ``Ngyuen``: the
   others make another real name or spelling as often, ``Suarez``/``Juarez``,
   ``Rachael``/``Rachel``): a slip is one typing, and copies of the entry typed right
   outnumber it. Never over another real
   value (another number, another address, a nickname): a parent typed once per child
   copies one entry onto every child's record, and a value given later at one school
   reaches one record only, so the count says nothing. Never between a staff record's
   email and a guardian record's, which the district chooses (one account, or two kept
   apart by their emails, as the app's guideline says), nor between their phones (a work
   number and a personal one are both the person's).

When none separates the remaining values (a nickname and a formal name, two personal
emails, two phones), the field gets a :class:`Choice`: each option with the records
holding it, for a person to pick. The record modified most recently and the staff (HR)
records are named beside their options, but neither decides.
Which record a value sits on is no evidence that it is right: a staff record carries
typos, nicknames and swapped names as often as a guardian record does, and a staff
member's work and personal addresses are both real (earlier versions let the staff
record decide, and wrote its typos over correct guardian records).

A name typed in the other order on some records (given ``Nguyen``, family ``Lan`` beside
``Lan Nguyen``) is one decision, the name order: two independent choices would let a
person pick ``Nguyen`` for both fields. The order is decided only by how many records hold
it (rule 7: a value's quality says nothing about an order), then each field's spelling
within it by rules 1-7; otherwise there is one choice, field ``givenName/familyName``,
each option written ``given / family``. The family name of the students linked to the
records is named beside its option, never deciding (a parent's family name need not be
the children's).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from operator import attrgetter, itemgetter
from typing import NamedTuple, TypeVar

from rapidfuzz.distance import OSA

from oneroster_identity._moments import as_utc
from oneroster_identity.match._contacts import office_address
from oneroster_identity.match._model import Choice, ChoiceOption, Fix
from oneroster_identity.match._out_of_use import untextable_numbers, unused_addresses
from oneroster_identity.match._records import (
    STAFF_ONLY,
    RecordFacts,
    made_up_key,
)
from oneroster_identity.models import RoleFamily
from oneroster_identity.normalize import (
    EmailDifference,
    EmailFlag,
    NameDifference,
    NormalizedEmail,
    NormalizedPhone,
    PersonName,
    PhoneDifference,
    PhoneFlag,
    compare_emails,
    compare_names,
    compare_phones,
    couples_name,
    credential_dropped,
    drop_relation_note,
    drop_title,
    expand_abbreviations,
    family_names_two_people,
    household_in_family,
    is_blank_name,
    is_relation_note,
    is_role_word_name,
    loose_name,
    name_key,
    name_words,
    names_husband,
    names_swapped,
    normalize_email,
    split_note,
    suffix_moved,
    without_title,
)
from oneroster_identity.normalize._encoding import has_lost_characters, lost_from, ungarbled
from oneroster_identity.normalize._names import (
    cut_short,
    without_number,
    writes_muhammad_short,
)
from oneroster_identity.normalize._nicknames import known_given_name
from oneroster_identity.normalize._one_name import (
    is_placeholder_family_name,
    may_be_one_name,
    one_name,
)
from oneroster_identity.normalize._relations import is_care_of
from oneroster_identity.normalize._spreadsheet import marked_name, spreadsheet_error
from oneroster_identity.normalize._stray import stray_mark
from oneroster_identity.normalize._suffixes import (
    NUMERALS,
    suffix_written_otherwise,
    unsuffixed_words,
)
from oneroster_identity.normalize._symbols import (
    number_in_name,
    symbols_in_name,
    without_symbols,
)
from oneroster_identity.normalize._text import (
    fold_key,
    is_transposition,
    odd_characters,
    strip_diacritics,
    strip_invisible,
    unconfuse,
)
from oneroster_identity.policy import DEFAULT_POLICY, Policy

__all__ = [
    "NAME_ORDER",
    "STAFF_OR_GUARDIAN_PHONE",
    "WORK_OR_PERSONAL",
    "GivenNameCount",
    "cluster_fixes",
    "name_as_typed",
    "name_still_flagged",
    "people_by_family_name",
    "people_by_given_name",
    "quality_winner",
    "rule_text",
]

_RULE_TEXT = {
    "only-value": "the only usable value among the records",
    "no-made-up": "a made-up value (a stand-in address or a fictional number) reaches no "
    "one, and the app reads it as a credential: left empty, as on the person's other "
    "records, the records make one account (the value's finding asks for the person's own)",
    "fix-list": "the value the roster's fix list types into the SIS record (type that "
    "row first), so the account matches the record once both are typed",
    "not-a-couple": "one person's name, not a couple's (one record makes one account): "
    "give the other guardian a record of their own",
    "ungarbled": "the name with its characters read back: the other value's were garbled "
    "by a program (text read in the wrong encoding, 'Ã©' for 'é', or written as HTML, "
    "'&#39;' for an apostrophe)",
    "no-spreadsheet-mark": 'the name without the spreadsheet\'s text formula (="...") '
    "an export wrote around the other value",
    "lost-letters": "the name with the letters a program could not write on the other "
    "value, which holds '?' or '\ufffd' in their place",
    "clean-value": "the other value carries a finding (typo, placeholder, invisible or "
    "look-alike characters)",
    "usable-form": "the SIS value in the form the app can use, as its finding suggests (the "
    "address without a mail program's display name, the number without a spreadsheet's "
    "'.0'), which the app account holds or is told to take",
    "no-number": "the name without the number typed into it, as a second record of one "
    "person is often marked",
    "suffix-in-letters": "the generational suffix as the other value writes it (III, "
    "3rd), not as a bare digit, which reads as a flag or a count typed into the name",
    "whole-name-in-one-field": "the name part alone, not the whole name typed into one field",
    "no-title": "the given name without the title (Mr., Mrs., Dr.) typed before it",
    "no-care-of": "the name without the 'care of' note typed beside it (c/o ...), which "
    "names whom the person is reached through: the app shows it as part of the name",
    "no-note": "the name without the relation noted beside it (Grandmother, Aunt): the "
    "app shows a note as part of the name",
    "spacing": "the name with single spaces and none at its edges: spaces no one sees, "
    "which the app may compare",
    "no-stray-mark": "the name without the punctuation left at its edge (a comma, a "
    "semicolon): no name has one, and the app shows it as part of the name",
    "no-symbol": "the name without a symbol no name has (a flag such as '*', a '?'): the "
    "app shows it as part of the name",
    "as-shown": "the name as it shows on screen, retyped without the invisible characters "
    "(a zero-width space) or the look-alike letters of another script its finding names: "
    "the app compares them",
    "full-name": "a full name rather than an initial",
    "written-out": "the name written out rather than abbreviated (Ma., Wm.)",
    "diacritics": "the name with its accents",
    "apostrophe": "the name with its apostrophe (O'Brien), which systems and forms drop and "
    "people do not add",
    "known-given-name": "a known given name rather than a typo of it",
    "name-in-local-part": "the address that spells the person's name",
    "name-in-email": "the writing the person's own email address spells (the address that "
    "holds their other name too, typed apart from the roster's copies of the name)",
    "more-records": "the value more of the person's records hold",
    "own-number": (
        "this record's number is a line other people's records hold too (a school office's "
        "or a family's number), not this person's own: the person's own number is the one "
        "the other records hold"
    ),
    "textable-number": (
        "this record's number takes no texts (an extension: a desk phone behind a "
        "switchboard; a business line; a note saying so), and the app texts this column: "
        "the number another record of the person holds is typed instead (check with the "
        "person that it is their mobile)"
    ),
    "domain-typo": (
        "the person's one address, with the typo in its domain mended, as its finding "
        "suggests (such as 'gmial.com' for 'gmail.com'): typed as it is, the address reaches "
        "no one"
    ),
    "address-in-use": (
        "a record of this person notes this address is out of use (old, bounced, do not "
        "email): the address another record of the person holds is typed instead (check "
        "with the person that it is the one they use)"
    ),
    "office-address": (
        "this guardian record's address is an office's or a role's mailbox at the "
        "district's domain (a front office, attendance), not the family's: the person's own "
        "address is the one the other records hold"
    ),
    "own-address": (
        "this staff record's address is one other people's records hold too (a school "
        "office's address), not this person's own: the person's own address is the one "
        "the other records hold (a district that wants this person's staff and guardian "
        "accounts apart gives the staff record a work address of the person's own "
        "instead)"
    ),
}

Getter = Callable[[RecordFacts], str]


def _loose(value: str) -> str:
    return loose_name(value).replace(" ", "")


def _name_flagged(value: str) -> bool:
    if number_in_name(value):
        # a number typed into a name (`Ana 2`, `Ruiz #2`) competes as the name without it
        # (_offered), as a symbol does; one that leaves a stand-in (`Parent 1`) or nothing
        # is a finding of its own
        bare = _number_dropped(value)
        return bare == value or _name_flagged(bare)
    return (
        is_blank_name(value)
        or _odd_characters(value)
        # letters a program could not write (`Mu?oz`): which ones, the value cannot say
        or has_lost_characters(value)
        # a stand-in for a name (N/A, Unknown), which its own finding says to replace; a
        # household's name (`Ng Family`: since session 62, an app account's beat a SIS
        # record's `N/A` as the clean value)
        or is_placeholder_family_name(value)
        or household_in_family(value)
        # a name cut off after a joining mark (`Garcia-`): stray-punctuation's; a name
        # with a separator at its edge (`Ruiz,`) competes as the name without it
        # (_offered), so `Ruiz,` beside `Ruiz Garcia` stays a choice of two names
        or _cut_off(value)
    )


def _as_shown(value: str) -> str:
    """A name as it shows on screen: without invisible characters, look-alike letters of
    another script written in Latin (``Rosa\u200b``, Cyrillic ``Rosа``: ``Rosa``), as
    its finding suggests it retyped; any other name as it is."""
    if value.isascii() or not odd_characters(value):
        return value
    return " ".join(unconfuse(strip_invisible(value)).split())


def _spaced(value: str) -> str:
    """A name with single spaces and none at its edges, as a fix types it and a choice
    offers it: no name has more, a person cannot see them, and under
    ``Policy(strict_normalization=True)`` the app compares them. Before session 67 a
    rule's winner was typed as held (`Juan ` over `J.`, ` Maria` over `Mrs. Maria`), and
    a space beside another difference kept the rules from reading it (`Garcia ` beside
    `García`, a choice where the accents decide)."""
    return " ".join(value.split())


def _number_dropped(value: str) -> str:
    """``value`` without the number typed into it and the marks around it (``Ana 2``,
    ``Ana-2``, ``Ana (2)``: ``Ana``), or ``value`` itself when that leaves no letters or a
    stand-in (``Parent 1``, ``Guardian2``). An initial or a shortened name keeps its
    period (``M. 2``, ``Gonz. 2``: ``M.``, ``Gonz.``, the other records' spelling; before
    session 63 they lost it and were offered as a third name)."""
    if not number_in_name(value):
        return value
    bare = without_symbols(without_number(value)).strip(" -\u2013\u2014_#.,;:")
    if bare and value.startswith(bare + ". "):
        bare += "."
    if (
        not any(ch.isalpha() for ch in bare)
        or is_role_word_name(bare)
        or is_placeholder_family_name(bare)
    ):
        return value
    return bare


def _suffix_in_letters(values: Sequence[str]) -> str | None:
    """The one value that writes in letters (``Ruiz III``, ``Ruiz 3rd``) the generational
    suffix every other value writes as a bare digit (``Ruiz 3``), or ``None``."""
    lettered = [v for v in values if not any(_digit_for_suffix(v, w) for w in values)]
    if len(lettered) != 1 or len(lettered) == len(values):
        return None
    written = lettered[0]
    return written if all(v == written or _digit_for_suffix(v, written) for v in values) else None


def _digit_for_suffix(value: str, other: str) -> bool:
    """Whether ``value`` is ``other`` with a bare digit after its first word for the
    generational suffix ``other`` writes there (``Ruiz 3`` and ``Ruiz III``)."""
    if not any(ch.isdigit() for ch in value):
        return False
    a, b = name_words(value), name_words(other)
    # (one suffix written two ways, the digit on this value's side wherever they differ)
    return suffix_written_otherwise(a, b) and all(
        x == y or x in NUMERALS for x, y in zip(a, b, strict=True)
    )


_APOSTROPHES = "'\u2019\u2018\u02bc\u02bb`\u00b4"
"""An apostrophe as keyboards and word processors write it (straight, curly either way,
the modifier letter, a backtick, an acute accent), and the Hawaiian ʻokina."""


def _apostrophe_kept(a: str, b: str) -> str | None:
    """Of two names one with an apostrophe and one without, and otherwise the same
    letters (``O'Brien`` and ``OBrien`` or ``O Brien``), the one with it; else ``None``."""
    marked = [v for v in (a, b) if any(ch in _APOSTROPHES for ch in v)]
    if len(marked) != 1:
        return None
    bare = b if marked[0] == a else a
    strip = str.maketrans("", "", _APOSTROPHES + " ")
    same = marked[0].translate(strip).casefold() == bare.translate(strip).casefold()
    return marked[0] if same else None


def _cut_off(value: str) -> bool:
    stray = stray_mark(value)
    return stray is not None and stray.cut_off


def _odd_characters(value: str) -> bool:
    """Invisible format characters or letters of another script among Latin ones."""
    return bool(odd_characters(value))


def _email_flagged(f: RecordFacts) -> bool:
    flags = f.email.flags
    return (
        EmailFlag.DOMAIN_TYPO in flags
        or EmailFlag.NOT_A_MAILBOX in flags
        or _odd_characters(f.email.raw)
    )


def _initial_of(short: str, full: str) -> bool:
    s, f = _loose(short), _loose(full)
    return len(s) == 1 and len(f) > 1 and f.startswith(s)


def _abbreviation_of(short: str, full: str) -> bool:
    """Whether ``short`` abbreviates a name that ``full`` writes out (``Ma. Elena`` and
    ``María Elena`` or ``Maria Elena``); never ``Md`` for Muhammad, often the person's
    own spelling (:func:`~oneroster_identity.normalize._names.writes_muhammad_short`)."""
    expanded = expand_abbreviations(short)
    return (
        expanded != short
        and not writes_muhammad_short(short)
        and expand_abbreviations(full) == full
        and _loose(expanded) == _loose(full)
    )


def quality_winner(
    field: str,
    options: dict[str, list[RecordFacts]],
    members: Sequence[RecordFacts],
    *,
    given_count: GivenNameCount | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[str | None, str]:
    """The value rules 1-6 (value quality alone) prefer and the rule, or ``(None, "")``.

    Used where record counts and roles say nothing, as between an app account and the SIS.
    ``given_count`` (:func:`people_by_given_name`) lets rule 5 tell a name of its own from
    a slip.

    The value is given as its own finding would have it typed (since session 62): a name
    without a mark the finding drops (``Robert 2`` preferred over ``R.`` is ``Robert``),
    a name as it shows on screen and with single spaces (since session 67), an address
    with the typo in its domain mended (read under ``policy``); neither side then holds it
    as written, and both take it.
    """
    winner, rule = _decide(field, options, members, quality_only=True, given_count=given_count)
    if winner is None:
        return winner, rule
    if field in ("givenName", "familyName"):
        return _spaced(_without_mark(field, winner)), rule
    if field == "email":
        mended = _typo_mended(winner, policy)
        if mended is not None:
            return mended, "domain-typo"
    return winner, rule


def rule_text(rule: str) -> str:
    """The sentence a fix's ``reason`` gives for a rule of this module."""
    return _RULE_TEXT[rule]


V = TypeVar("V", str, tuple[str, str])
"""A spelling an option stands for: a field's value, or a name's (given, family)."""

_NAME_KEY = attrgetter("name_key")
_SOURCED_ID = attrgetter("sourced_id")

GivenNameCount = Callable[[str, Sequence[RecordFacts]], int]
"""(a given name's key, records to leave out) -> how many records of the roster outside
every likely-same cluster hold it: people of that name, not slips beside their own records
(see :func:`people_by_given_name`; a family name's count, :func:`people_by_family_name`,
has the same shape)."""


def people_by_given_name(
    facts: Mapping[str, RecordFacts], clustered: Collection[str]
) -> GivenNameCount:
    """How many of ``facts``' records hold a given name, leaving out the records in
    ``clustered`` (those of likely-same items, where a name may be a slip beside the
    person's correct record) and the records asked about. Counted once, on the first
    question: most runs never ask."""
    return _people_by_part(facts, clustered, 0)


def people_by_family_name(
    facts: Mapping[str, RecordFacts], clustered: Collection[str]
) -> GivenNameCount:
    """How many of ``facts``' records hold a family name, as :func:`people_by_given_name`
    counts given names (since session 51: ``more-records`` asks it before taking a family
    name a letter off for a slip, ``Phan`` beside ``Pham``, ``Chan`` beside ``Chen``)."""
    return _people_by_part(facts, clustered, 1)


def _people_by_part(
    facts: Mapping[str, RecordFacts], clustered: Collection[str], part: int
) -> GivenNameCount:
    """How many records hold a name part's key (``part`` 0: given, 1: family); see
    :func:`people_by_given_name`."""
    counts: Counter[str] | None = None

    def count(key: str, leave_out: Sequence[RecordFacts] = ()) -> int:
        nonlocal counts
        if counts is None:
            # every record's key in C, then the few clustered records taken back out
            counts = Counter(map(itemgetter(part), map(_NAME_KEY, facts.values())))
            for sid in clustered:
                record = facts.get(sid)
                if record is not None:
                    counts[record.name_key[part]] -= 1
        held = counts[key]
        for f in leave_out:
            sid = f.sourced_id
            if sid in facts and sid not in clustered and f.name_key[part] == key:
                held -= 1
        return held

    return count


def _decide(
    field: str,
    options: dict[str, list[RecordFacts]],
    members: Sequence[RecordFacts],
    *,
    quality_only: bool = False,
    given_count: GivenNameCount | None = None,
    family_count: GivenNameCount | None = None,
    mended: Collection[str] = (),
    part_key: PartKey = name_key,
) -> tuple[str | None, str]:
    """The winning value and the rule that chose it, or ``(None, reason)``. ``mended``:
    email options that are the address their holders' typos mend to (their holders'
    flag is the typo's, not the option's). ``part_key``: the name key under the run's
    policy, by which names a choice would offer as one are one (:func:`_as_offered`)."""
    values = list(options)
    if field in ("givenName", "familyName"):
        for read, rule, one_per_fold in _READINGS:
            if any(map(read, values)):
                return _decide_as_read(
                    field,
                    options,
                    members,
                    read,
                    rule,
                    one_per_fold=one_per_fold,
                    quality_only=quality_only,
                    given_count=given_count,
                    family_count=family_count,
                    part_key=part_key,
                )
        # (the values that are no other value with letters lost)
        found = [v for v in values if not any(lost_from(v, w) for w in values)]
        if len(found) == 1 and len(values) > 1:
            # Mu?oz beside Muñoz: the letters a program lost are the other value's
            return found[0], "lost-letters"
        lettered = _suffix_in_letters(values)
        if lettered is not None:
            # Ruiz 3 beside Ruiz III: the suffix as written in letters, not a bare digit
            return lettered, "suffix-in-letters"
    # 1. clean values over flagged ones
    if field in ("givenName", "familyName"):
        # (a name with a character no screen shows, `Rosa\u200b`, competes as it shows:
        # since session 62; `R.` beat it as the clean value, typed over the full name)
        clean = [v for v in values if not _name_flagged(_as_shown(v))]
    elif field == "email":
        clean = [v for v in values if v in mended or not any(_email_flagged(f) for f in options[v])]
    else:
        clean = values
    if clean and len(clean) < len(values):
        if len(clean) == 1:
            return clean[0], "clean-value"
        values = clean
    if field in ("givenName", "familyName") and len(values) >= 2:
        offered = _as_offered(field, {v: options[v] for v in values}, part_key)
        if len(offered) == 1:
            # one name under different titles or relation notes (`Maria (Mom)`, `Maria
            # (Grandma)`): the name alone, since neither is any part of it
            # (or under different stray marks: `Ruiz;`, `Ruiz:`)
            return next(iter(offered)), _mark_dropped(field, values)
        if len(offered) < len(values):
            # some values are one name under a mark its finding drops (`Maria`, `Maria 2`
            # beside `M.`: a parent typed once per child): the rules decide among the
            # names as a choice offers them, each held by all its records (since session
            # 63; three values reached no two-value rule and stayed a choice of `Maria`
            # or `M.`). A mark beside another difference with no record holding the
            # name bare (`Sra. María` and `Maria`) stays the family's choice.
            return _decide(
                field,
                offered,
                members,
                quality_only=quality_only,
                given_count=given_count,
                family_count=family_count,
                part_key=part_key,
            )
    if field in ("givenName", "familyName") and len(values) == 2:
        # (each as it shows: a character no screen shows or a look-alike letter is no
        # difference the rules below weigh, and the value typed is the name as it shows;
        # since session 65 `Rob\u200bert` beside `Róbert` was a choice, `Róbert` once the
        # space was dropped)
        a, b = (_spaced(_as_shown(v)) for v in values)
        if a == b:
            # one name, spaced otherwise (under strict normalization only: otherwise the
            # app reads them as one value and they are one option)
            return a, "spacing"
        # 2. one part over the whole name typed into that one field
        alone = _part_alone(field, a, b, members)
        if alone is not None:
            return alone, "whole-name-in-one-field"
        if field == "givenName":
            bare = _untitled(a, b)
            if bare is not None:
                return bare, "no-title"
        unnoted = _unnoted(a, b)
        if unnoted is not None:
            return unnoted
        # 3. a full name over its initial
        if _initial_of(a, b) or _initial_of(b, a):
            return (b if _initial_of(a, b) else a), "full-name"
        if field == "givenName" and (_abbreviation_of(a, b) or _abbreviation_of(b, a)):
            return (b if _abbreviation_of(a, b) else a), "written-out"
        given = field == "givenName"
        if cut_short(a, b, given=given) or cut_short(b, a, given=given):
            return (b if cut_short(a, b, given=given) else a), "written-out"  # not Gonz.
        # 4. accents kept over folded
        if a != b and strip_diacritics(a) == strip_diacritics(b):
            accented = a if a != strip_diacritics(a) else b
            plain = b if accented == a else a
            if strip_diacritics(accented) == plain:
                return accented, "diacritics"
        # 4b. an apostrophe kept over dropped (O'Brien, OBrien): systems and forms drop
        # it, people do not add one
        kept = _apostrophe_kept(a, b)
        if kept is not None:
            return kept, "apostrophe"
        # 5. a known given name over a typo of it
        if field == "givenName":
            known = [v for v in (a, b) if known_given_name(_loose(v))]
            # Only two swapped letters (Mihcelle): a letter changed, added or dropped
            # often makes another real name the bundled table lacks (Ava beside Ana).
            if len(known) == 1 and is_transposition(_loose(a), _loose(b)):
                slip = options[b if known[0] == a else a]
                # people elsewhere in the roster holding the "slip" make it a name of its own
                if given_count is None or given_count(slip[0].name_key[0], slip) <= 0:
                    return known[0], "known-given-name"
        # 5b. the writing the person's own email address spells
        own_spelling = _spelled_in_email(field, a, b, members)
        if own_spelling is not None:
            return own_spelling, "name-in-email"
    if field == "email" and len(values) == 2:
        # 6. the local part that spells the person's names
        ra, rb = (options[v][0] for v in values)
        if compare_emails(ra.email, rb.email) is EmailDifference.LOCAL_TYPO:
            tokens = {_loose(f.name.family) for f in members} | {
                _loose(f.name.given) for f in members
            }
            tokens = {t for t in tokens if len(t) >= 3}
            spelled = [
                v for v in values if any(t in _loose(options[v][0].email.local) for t in tokens)
            ]
            if len(spelled) == 1:
                return spelled[0], "name-in-local-part"
    if quality_only:
        return None, ""
    if field == "familyName" and len(values) == 2 and _credential_apart(*values):
        # Post-nominal letters on one record (an HR record's `Quintanilla, Ed.D.`): both
        # are the person's name as someone wrote it, and no count says which to show
        return None, CREDENTIAL_ON_ONE
    apart = {v: options[v] for v in values}
    if field == "email" and _staff_and_guardian(apart, lambda f: f.email.mailbox_key, _email_slip):
        # A staff record's address beside a guardian record's is the district's choice
        # (one account, or two kept apart by their emails), never a count: a parent typed
        # once per child holds more records than the staff member's one, and the count
        # would write a personal address over the work one in the HR record.
        return None, WORK_OR_PERSONAL
    if field not in _NOT_PHONES and _staff_and_guardian(apart, _number, _phone_slip):
        # The same for a work phone and a personal one: both are the person's numbers.
        return None, STAFF_OR_GUARDIAN_PHONE
    # 7. the value more records hold, over slips of it
    counts = sorted(((len(options[v]), v) for v in values), reverse=True)
    outnumbered = len(counts) > 1 and counts[0][0] > counts[1][0]
    if outnumbered:
        top = options[counts[0][1]][0]
        if all(
            _slip_of(field, top, options[v][0], options[v], given_count, family_count)
            for _, v in counts[1:]
        ):
            return counts[0][1], "more-records"
    if field == "email" and len({options[v][0].email.mailbox_key for v in values}) == 1:
        return None, ONE_MAILBOX
    if outnumbered:
        return None, outnumbered_reason(field, staff_only=_staff_only(members))
    return None, f"no rule separates these values: {_who_chooses(_staff_only(members))}"


_READINGS: tuple[tuple[Callable[[str], str | None], str, bool], ...] = (
    (marked_name, "no-spreadsheet-mark", False),
    (ungarbled, "ungarbled", True),
)
"""Name values that compete as another reading (:func:`_decide_as_read`): the reading,
its rule, and whether readings alike but for case and accents are one."""


def _decide_as_read(
    field: str,
    options: dict[str, list[RecordFacts]],
    members: Sequence[RecordFacts],
    read: Callable[[str], str | None],
    rule: str,
    *,
    one_per_fold: bool,
    quality_only: bool,
    given_count: GivenNameCount | None,
    family_count: GivenNameCount | None,
    part_key: PartKey,
) -> tuple[str | None, str]:
    """:func:`_decide` among name values some of which carry a mark no name has, each
    competing as ``read`` gives it: the name inside a spreadsheet's text formula
    (``="Rosa"``: ``no-spreadsheet-mark``), or a name a program garbled read back
    (``GarcÃ­a`` as ``García``: ``ungarbled``, the exact inverse of the mistake), so the
    mark is never the value to type; with ``one_per_fold``, names read alike in letter
    case and accents are one. One name left is the winner by ``rule``; several are decided as any names
    are (``JosÃ©`` beside ``Jose`` is ``José`` beside ``Jose``: rule 4's accents)."""
    competing: dict[str, list[RecordFacts]] = {}
    for value, holders in options.items():
        competing.setdefault(read(value) or value, []).extend(holders)
    if one_per_fold:
        competing = _one_per_value(competing, lambda value, _: fold_key(value))
    if len(competing) == 1:
        return next(iter(competing)), rule
    return _decide(
        field,
        competing,
        members,
        quality_only=quality_only,
        given_count=given_count,
        family_count=family_count,
        part_key=part_key,
    )


def _staff_only(members: Sequence[RecordFacts]) -> bool:
    """Whether every record is a staff record of no other role (one employee entered twice,
    at two schools): the family is no one to ask about those."""
    return bool(members) and all(f.families == STAFF_ONLY for f in members)


def _who_chooses(staff_only: bool) -> str:
    return (
        "the staff member or the HR office must choose"
        if staff_only
        else "a person who knows the family must choose"
    )


def outnumbered_reason(field: str, *, staff_only: bool = False) -> str:
    """The reason of a choice between values that are not slips of one another, held by
    different numbers of records: rule 7 counts records only between slips. ``staff_only``:
    every record is a staff record of no other role, whose values come from HR, not from
    a parent typed once per child."""
    update = (
        "a name corrected at one school"
        if field in ("givenName", "familyName")
        else "a new address given to one school"
        if field == "email"
        else "a new number given to one school"
    )
    copies = (
        "a staff member entered at two schools copies one entry"
        if staff_only
        else "a parent typed once per child copies one entry"
    )
    return (
        f"more records hold one value, but that says nothing of which is right: {copies}, "
        f"and {update} reaches one record only; {_who_chooses(staff_only)}"
    )


_NAME_SLIPS = frozenset(
    {
        NameDifference.IDENTICAL,
        NameDifference.BENIGN,
        NameDifference.TYPO,
    }
)
"""Name differences one name typed two ways shows: a nickname, another spelling, a middle
name or another name are the person's choice, not a slip a count can settle; nor, since
session 50, other spacing or punctuation (``De La Cruz`` and ``Delacruz``, ``Mary-Ann``
and ``Mary Ann``: a parent typed once per child copies one writing onto every child's
record, and the other may be the family's own; an apostrophe dropped has its own rule)."""


def _slip_of(
    field: str,
    a: RecordFacts,
    b: RecordFacts,
    holders: Sequence[RecordFacts] = (),
    given_count: GivenNameCount | None = None,
    family_count: GivenNameCount | None = None,
) -> bool:
    """Whether ``b``'s value of ``field`` is ``a``'s typed another way (a digit or a letter
    off, case), where the value more records hold (``a``'s) is the one typed right: a slip
    is one typing, and copies of the entry outnumber it. Two real values (another number,
    another address, a nickname) are not: the copies say nothing; nor, since session 50,
    other spacing or punctuation in a name, nor a given name a letter off that is itself a
    given name of the bundled tables (``John`` outnumbered by ``Jhon``); since session 51
    nor a name a letter off that people elsewhere in the roster hold (``Phan`` outnumbered
    by ``Pham``: ``given_count`` or ``family_count``, asked with ``b``'s ``holders`` left
    out); since session 52 no name, mailbox name or number with a letter or digit
    changed, added or dropped at all: of typos, only two letters or digits swapped are a
    slip a count settles (a domain typo still is: the domain is one of a few known
    ones)."""
    if field == "email":
        difference = compare_emails(a.email, b.email)
        if difference is EmailDifference.LOCAL_TYPO:
            # (since session 52) a letter of the mailbox name changed, added or dropped
            # is as often another mailbox (a relative's, the person's other one) as a
            # slip: only two letters swapped are settled by the count
            return is_transposition(a.email.local.casefold(), b.email.local.casefold())
        return difference is EmailDifference.DOMAIN_TYPO or difference in _SAME_ADDRESS
    if field in ("givenName", "familyName"):
        names = compare_names(a.name, b.name)
        kind = names.given if field == "givenName" else names.family
        if (
            kind is NameDifference.TYPO
            and field == "givenName"
            and known_given_name(_loose(b.name.given))
        ):
            # the outnumbered value a given name of the bundled tables (Jhon beside John,
            # Jaime beside Jamie, Nicole beside Nichole): it may be the person's own, and
            # a parent typed once per child copies the other onto every child's record
            # (since session 50; the count typed the copied one over it)
            return False
        part_of = attrgetter("given" if field == "givenName" else "family")
        if kind is NameDifference.TYPO and not is_transposition(
            _loose(part_of(a.name)), _loose(part_of(b.name))
        ):
            # A letter changed, added or dropped (Suarez beside two Juarez, Rachael beside
            # two Rachel, Isiah beside two Isaiah) makes another real name or spelling as
            # often as a slip, and no table lists them all: the count decides nothing
            # (since session 52; as rule 5 has read given names since session 26). Two
            # letters swapped are the slip itself (Gracia beside two Garcia, Ngyuen).
            return False
        part, count = (0, given_count) if field == "givenName" else (1, family_count)
        if (
            kind is NameDifference.TYPO
            and count is not None
            and count(b.name_key[part], holders) > 0
        ):
            # the outnumbered name held by other people of the roster (Phan beside Pham,
            # Chan beside Chen; a given name the tables lack): a name of its own, and a
            # parent typed once per child copies the other onto every child's record
            # (since session 51)
            return False
        return kind in _NAME_SLIPS
    if _phone_slip(a, b):
        # (since session 52) a digit changed, added or dropped is as often another line
        # (a family plan's numbers run a digit apart) as a slip: only two digits swapped
        # are settled by the count
        # (the digits compare_phones judged the slip on)
        return is_transposition(a.phone.digits, b.phone.digits)
    return compare_phones(a.phone, b.phone) in _SAME_NUMBER


_SAME_ADDRESS = frozenset(
    {
        EmailDifference.IDENTICAL,
        EmailDifference.BENIGN,
        EmailDifference.FORMATTING,
        EmailDifference.SAME_MAILBOX,
        EmailDifference.REPAIRED,
    }
)
_SAME_NUMBER = frozenset(
    {
        PhoneDifference.IDENTICAL,
        PhoneDifference.BENIGN,
        PhoneDifference.FORMATTING,
        PhoneDifference.EXTENSION,
        PhoneDifference.REPAIRED,
    }
)


WORK_OR_PERSONAL = (
    "one address is on a staff record, another on a guardian record: either one on every "
    "record makes one account; if the district wants this person to have separate staff "
    "and guardian accounts, leave the addresses different (the app's guideline)"
)
"""The reason of an email choice between a staff record's and a guardian record's address:
a policy the district sets, not a value the data can decide."""


_NOT_PHONES = frozenset({"givenName", "familyName", "email"})
"""The fields of :func:`_fields` that are not the identity phone's column."""


def _number(f: RecordFacts) -> str | None:
    """The number a record's identity phone means (its repair when unusable as written)."""
    return f.phone.key if f.phone.usable else f.phone.repaired_key


CREDENTIAL_ON_ONE = (
    "one name, with a credential (Ed.D., PhD, RN) after it on one record only: the app "
    "makes one account only of one spelling on every record, and whether the name shows "
    "the credential is the person's and the district's choice"
)
"""The choice's reason for a family name with and without post-nominal letters."""


def _credential_apart(a: str, b: str) -> bool:
    """Whether two family names are one but for post-nominal letters on one of them."""
    return credential_dropped(PersonName(given="", family=a), PersonName(given="", family=b))


ONE_MAILBOX = (
    "both addresses reach one mailbox (the provider ignores dots or a +tag in it), so "
    "either is right: pick the one the person signs in to the app with, and type it on "
    "every record"
)
"""The reason of an email choice between two spellings of one mailbox: no value is wrong,
and the app still sees two addresses."""

STAFF_OR_GUARDIAN_PHONE = (
    "one number is on a staff record, another on a guardian record: both are the "
    "person's numbers, and either one on every record makes one account; the number of "
    "records holding each says nothing (a parent is typed once per child)"
)
"""The reason of a phone choice between a staff record's and a guardian record's number."""


def _email_slip(a: RecordFacts, b: RecordFacts) -> bool:
    return compare_emails(a.email, b.email) in (
        EmailDifference.LOCAL_TYPO,
        EmailDifference.DOMAIN_TYPO,
    )


def _phone_slip(a: RecordFacts, b: RecordFacts) -> bool:
    return compare_phones(a.phone, b.phone) is PhoneDifference.TYPO


def _staff_and_guardian(
    options: dict[str, list[RecordFacts]],
    key: Callable[[RecordFacts], object],
    slip: Callable[[RecordFacts, RecordFacts], bool],
) -> bool:
    """Whether one option is held only by staff records and another only by guardian
    records (the app's staff member who is also a parent), at different addresses or
    numbers by ``key`` (two spellings of one Gmail mailbox are no way to keep accounts
    apart) that are not a typing slip of each other (``slip``: a digit or a letter off
    is one address or number mistyped, not a work one beside a personal one)."""
    if len({key(f) for holders in options.values() for f in holders}) < 2:
        return False

    def held_by(family: RoleFamily, holders: list[RecordFacts]) -> bool:
        return all(family in f.families for f in holders)

    staff = [h for h in options.values() if held_by(RoleFamily.STAFF, h)]
    guardians = [
        h
        for h in options.values()
        if held_by(RoleFamily.GUARDIAN, h) and not any(RoleFamily.STAFF in f.families for f in h)
    ]
    return any(not slip(s[0], g[0]) for s in staff for g in guardians)


_NOT_LETTERS = re.compile(r"[^a-z]+")
_SPELLED = frozenset({NameDifference.TYPO})
"""The name differences an own email address settles: a slip of one writing. Two
spellings (``Rachel``/``Rachael``, a Korean name's romanizations ``Choi``/``Choe``) are
each a writing the person may use, the legal one on one record and the preferred in the
address: the person's choice, not the address's."""


def _letters(text: str) -> str:
    """``text`` folded, with only its letters kept (``María-José 2`` is ``mariajose``)."""
    return "".join(ch for ch in _loose(text) if ch.isalpha())


def _spelled_in_email(field: str, a: str, b: str, members: Sequence[RecordFacts]) -> str | None:
    """Of two writings of a name part a letter or two apart, the one the person's own
    email address spells, or ``None`` (since session 52).

    A person's own address is the one whose local part holds their other name part too,
    at the start or the end of one of its words (``maria.rodriguez7861@``,
    ``mariarodriguez@`` for ``Maria`` / ``Rodriguez``): such an address was typed
    by the person, apart from the roster's copies of the name, so the writing it spells
    (``maria``, not ``maira``) is the person's. Every own address of the records must
    spell the one writing and none the other. Only a typo (two spellings, a nickname, a
    middle name or another name are the person's choice of form, the legal one on one
    record perhaps and the preferred one in the address); not for writings one of which
    holds the other (``Ann`` in ``Anne``), nor for a family address (``ruizfamily@``) or a
    spouse's (``jose.juarez@`` on Ana's record), which hold no name part of hers, nor for
    a district's address, which its IT made from the SIS or HR record's name, typo and
    all."""
    wa, wb = _letters(a), _letters(b)
    if len(wa) < 3 or len(wb) < 3 or wa in wb or wb in wa:
        return None
    if OSA.distance(wa, wb, score_cutoff=2) > 2:
        return None
    if field == "givenName":
        kind = compare_names(PersonName(given=a, family=""), PersonName(given=b, family="")).given
    else:
        kind = compare_names(PersonName(given="", family=a), PersonName(given="", family=b)).family
    if kind not in _SPELLED:
        return None  # a nickname, a middle name, another name: the person's choice
    if field == "givenName":
        others = {_letters(f.name.family) for f in members}
    else:
        others = {_letters(f.name.given) for f in members}
    others = {o for o in others if len(o) >= 3}
    spelled: set[str] = set()
    for f in members:
        if not f.email.usable or EmailFlag.DISTRICT in f.email.flags:
            # (a district's address is made from the SIS or HR record's name, typo and
            # all: no writing of the person's own)
            continue
        words = [w for w in _NOT_LETTERS.split(_loose(f.email.local)) if w]
        if not any(w.startswith(o) or w.endswith(o) for w in words for o in others):
            # a family's or another person's address (`juana.juarez@` holds `ana` only
            # inside a word: no name part of Ana's)
            continue
        local = " ".join(words)
        # the other part's letters are not this part's writing (`jun` in `minjun`);
        # longest first, so that any hash seed takes the same letters out
        for other in sorted(others, key=lambda o: (-len(o), o)):
            local = local.replace(other, " ")
        has_a, has_b = wa in local, wb in local
        if has_a == has_b:
            return None  # neither, or (a longer run holding both) no evidence
        spelled.add(a if has_a else b)
    return spelled.pop() if len(spelled) == 1 else None


def _part_alone(field: str, a: str, b: str, members: Sequence[RecordFacts]) -> str | None:
    """Of two values of a name field, the one that is the part alone when the other is
    the whole name typed into this field (``Maria`` over ``Maria Garcia`` or ``Garcia,
    Maria`` for a given name, with Garcia a family name of the person's records)."""
    others = {name_words(f.name.family if field == "givenName" else f.name.given) for f in members}
    others.discard(())
    wa, wb = name_words(a), name_words(b)
    for short, long_, value in ((wa, wb, a), (wb, wa, b)):
        if short and any(long_ in (short + o, o + short) for o in others):
            return value
    return None


_WORDS = re.compile(r"[^\W_]+")


def _untitled(a: str, b: str) -> str | None:
    """Of two given names, the one that is the other without a title typed before it
    (``Ana`` for ``Mrs. Ana``), word for word with accents as written; never ``John``
    for ``Mrs. John``, his wife named the formal way (:func:`names_husband`)."""
    wa, wb = tuple(_WORDS.findall(a.casefold())), tuple(_WORDS.findall(b.casefold()))
    if wa != wb and not (names_husband(a) or names_husband(b)):
        if without_title(wa) == wb:
            return b
        if without_title(wb) == wa:
            return a
    return None


def _unnoted(a: str, b: str) -> tuple[str, str] | None:
    """Of two name parts, the one that is the other without a relation noted beside it
    (``Maria`` for ``Maria (Grandmother)``, :func:`~oneroster_identity.normalize.split_note`),
    word for word with accents as written, and the rule (``no-note``); or without a "care
    of" note (``Garcia`` for ``Garcia c/o Lopez``: ``no-care-of``, since session 61). A
    note that is a name (``Robert "Bob"``) decides nothing: whether the family wants it
    shown is theirs to say."""
    for noted, plain in ((a, b), (b, a)):
        rest, note = split_note(noted)
        same_words = _WORDS.findall(rest.casefold()) == _WORDS.findall(plain.casefold())
        if note and same_words:
            if is_relation_note(note):
                return plain, "no-note"
            if is_care_of(note):
                return plain, "no-care-of"
    return None


class _Field(NamedTuple):
    """One field a cluster's records are made to agree on."""

    column: str
    current: Getter
    """The value a record holds now (a fix's ``current``)."""
    usable: Callable[[RecordFacts], bool]
    """Whether a record's value can be an option."""
    contact: Callable[[RecordFacts], NormalizedEmail | NormalizedPhone | None] | None = None
    """For an email or phone field, the record's normalized value (``None`` for a phone
    held in another column)."""
    key: Callable[[RecordFacts], str] | None = None
    """For a name field, the record's comparison key (equal keys: the app sees one name)."""

    def option(self, f: RecordFacts) -> str:
        """The value a record offers: as held, or, for a contact value a mechanical slip
        broke, the value it meant (the repair its finding suggests), so a cluster's advice
        agrees with the finding."""
        value = self.contact(f) if self.contact is not None else None
        if value is not None and not value.usable and value.repaired is not None:
            return value.repaired
        return self.current(f)

    def spelled_as_others(self, f: RecordFacts, members: Sequence[RecordFacts]) -> str:
        """:meth:`option`; for a repaired value that another member holds as written
        (``Ana <ana@gmail.com>`` beside ``ana@gmail.com``, ``6032847142.0`` beside
        ``603-284-7142``), that member's spelling, so one address or number is one option."""
        value = self.contact(f) if self.contact is not None else None
        if value is not None and not value.usable and value.repaired_key is not None:
            for other in members:
                held = self.contact(other) if self.contact is not None else None
                if held is not None and held.usable and held.key == value.repaired_key:
                    return self.option(other)
        return self.option(f)


def _fields(members: Sequence[RecordFacts]) -> list[_Field]:
    fields = [
        _Field(
            "givenName",
            lambda f: f.name.given,
            # a couple's name (`John & Mary`, or `Maria` / `Garcia & Jose Lopez`, a
            # couple's names split at a space) is never a value to type for one person
            lambda f: not is_blank_name(f.name.given) and not couples_name(f.name),
            key=lambda f: f.name_key[0],
        ),
        _Field(
            "familyName",
            lambda f: f.name.family,
            # a stand-in (N/A, Unknown), a household's name (Garcia Family) or a couple's
            # (Garcia & Jose Lopez) is no family name to type for a person
            lambda f: (
                not is_blank_name(f.name.family)
                and not is_placeholder_family_name(f.name.family)
                and not household_in_family(f.name.family)
                and not family_names_two_people(f.name.family)
            ),
            key=lambda f: f.name_key[1],
        ),
        _Field(
            "email",
            lambda f: f.email.raw.strip(),
            lambda f: f.email.usable or f.email.repaired is not None,
            lambda f: f.email,
        ),
    ]
    for column in sorted({f.phone_field for f in members}):
        fields.append(
            _Field(
                column,
                lambda f, c=column: str(getattr(f.user, c)).strip(),  # type: ignore[misc]
                lambda f, c=column: (
                    f.phone_field == c  # type: ignore[misc]
                    and (f.phone.usable or f.phone.repaired is not None)
                    # letters read as a keypad's digits (`603-CALL-NOW`): a vanity number
                    # or a word beside a shorter one, which the data cannot tell apart
                    # (its finding says so); no number to type on another record (since
                    # session 62: given as the only value). A label the repair reads
                    # off (`603-284-7100 (cell)`: the parser reads any three letters as
                    # a keypad's) is the number beside it (since session 67: left out,
                    # the other record's number was typed over it as the only value)
                    and (
                        PhoneFlag.KEYPAD_LETTERS not in f.phone.flags
                        or f.phone.repaired is not None
                    )
                ),
                lambda f, c=column: f.phone if f.phone_field == c else None,  # type: ignore[misc]
            )
        )
    return fields


def _value_key(field: _Field, f: RecordFacts) -> str | None:
    """The value a record's field is to the app (its name key, or its usable address or
    number's key), or ``None`` for a value the app cannot use as written."""
    if field.key is not None:
        return field.key(f)
    value = field.contact(f) if field.contact is not None else None
    return value.key if value is not None and value.usable else None


def _most_held(spellings: Iterable[V], options: Mapping[V, list[RecordFacts]]) -> V:
    """Of spellings the app reads as one value, the one that stands for it: the spelling
    most records hold; of as many, one written as a name or an address usually is
    (:func:`_usual_case`: ``Garcia`` over ``GARCIA``, ``rosag@gmail.com`` over
    ``RosaG@gmail.com``), then the first record's (options are in sourcedId order). Any of
    them makes the account; which is the person's own form stays theirs to change."""
    return max(spellings, key=lambda value: (len(options[value]), _usual_case(value)))


LINE_PEOPLE = 3
"""People sharing one SMS number or email from which it reads as a line (a school
office's number or address on every teacher's HR record, a family's number on three
relatives' records) rather than one person's value: a shared contact so held by
unrelated people is tagged ``many-unrelated``."""

SHARED_LINE = LINE_PEOPLE - 1
"""Persons outside a likely-same item holding one of its values from which the value is
a line (:data:`LINE_PEOPLE`, the item's person one of them), not the person's own."""


def _without_lines(
    field: _Field,
    options: dict[str, list[RecordFacts]],
    outside: Callable[[str, str], int],
    kind: str,
) -> tuple[dict[str, list[RecordFacts]], set[str]]:
    """``options`` without the values :data:`SHARED_LINE` persons outside the item hold
    (numbers, and addresses on staff records only), when a value fewer hold is left, and
    the keys taken out. A line is no one's own: beside the person's own value, it is never
    an option, and the records holding it are given the person's (``own-number``,
    ``own-address``): the app texts neither a school's main line nor a landline, and a
    school office's address would take the family's messages. A family's address on
    guardian records stays an option: newer app versions sign a household in with it, and
    which address the person uses only the family can say."""
    if len(options) < 2:
        return options, set()
    lines: dict[str, str] = {}
    for value, records in options.items():
        key = _value_key(field, records[0])
        if kind == "email" and not all(RoleFamily.STAFF in f.families for f in records):
            continue
        if key is not None and outside(kind, key) >= SHARED_LINE:
            lines[value] = key
    if not lines or len(lines) == len(options):
        return options, set()
    return {v: r for v, r in options.items() if v not in lines}, set(lines.values())


def _without_untextable(
    column: str,
    options: dict[str, list[RecordFacts]],
    members: Sequence[RecordFacts],
    policy: Policy,
) -> tuple[dict[str, list[RecordFacts]], set[str]]:
    """Phone ``options`` without the numbers no text reaches
    (:func:`~oneroster_identity.match._out_of_use.untextable_numbers`),
    and those numbers (since session 61). The person's number the app can text, on
    another record, is given to the records holding one (``textable-number``); with
    none, nothing is offered (before, a desk phone's number with its extension was
    copied onto the person's other record, ``6175552368.0`` given ``617.555.2368 x123``,
    where the sms-not-textable finding asks the person's mobile for both)."""
    silent = set(untextable_numbers(column, members, policy))
    if not silent:
        return options, set()
    kept = {
        value: holders
        for value, holders in options.items()
        if not any(_number(f) in silent for f in holders)
    }
    return kept, silent


def _without_unused(
    options: dict[str, list[RecordFacts]],
    members: Sequence[RecordFacts],
    policy: Policy,
) -> tuple[dict[str, list[RecordFacts]], dict[str, list[str]]]:
    """Email ``options`` without the addresses a member's value notes are out of use
    (:func:`~oneroster_identity.match._out_of_use.unused_addresses`: ``ana@gmail.com
    (bounced)``), written there or plain on another record, and those addresses (since
    session 61; before, the plain one was the only usable value, given to the record
    whose note said it bounces). Another address of the person is given to the records holding one
    (``address-in-use``); with none, nothing is offered. The addresses map to the records
    whose note says so."""
    unused = unused_addresses(members, policy)
    if not unused:
        return options, {}
    kept = {
        value: holders
        for value, holders in options.items()
        if not any(_address(f) in unused for f in holders)
        # (`ana@gmial.com` beside `ana@gmail.com (bounced)`: the typo of the address)
        and not (
            (mended := _typo_mended(value, policy)) is not None
            and normalize_email(mended, policy=policy).key in unused
        )
    }
    return kept, unused


def _address(f: RecordFacts) -> str | None:
    """The address a record's email means (its repair when unusable as written)."""
    return f.email.key if f.email.usable else f.email.repaired_key


def _typo_mended(value: str, policy: Policy) -> str | None:
    """The address with the typo in its domain mended, as ``email-domain-typo`` suggests
    it (``ana@gmial.com`` -> ``ana@gmail.com``), or ``None`` for an address without one."""
    return normalize_email(value, policy=policy).typo_mended


def _clean_options(
    column: str, options: dict[str, list[RecordFacts]]
) -> dict[str, list[RecordFacts]]:
    """The options a choice offers: beside values that carry no finding, none that does
    (a name cut off after a hyphen, ``Garcia-``, or with a letter lost, ``Mu?oz``; an
    address that is no mailbox). Rule 1 sets such a value aside before the others are
    weighed (``clean-value``), and the choice now says so too: before session 62 it
    offered it, and a person picking it typed a value its finding flags. The records
    holding it take the value chosen, as every record of the item does. Where every
    name is one its finding says the data cannot complete (``Rosa-`` beside ``R?sa``),
    none is offered: the records' findings ask for the name."""
    if column in ("givenName", "familyName"):
        clean = {v: h for v, h in options.items() if not _name_flagged(_as_shown(v))}
        if not clean and all(_incomplete(v) for v in options):
            return {}
    elif column == "email":
        clean = {v: h for v, h in options.items() if not all(map(_email_flagged, h))}
    else:
        return options
    return clean if len(clean) > 1 else options


def _incomplete(name: str) -> bool:
    """Whether a name is one its finding says the data cannot complete: cut off after a
    joining mark (``Garcia-``) or with letters a program lost (``Mu?oz``)."""
    return _cut_off(name) or has_lost_characters(name)


def _email_key(value: str, policy: Policy) -> str:
    return normalize_email(value, policy=policy).key or value


def _typos_as_mended(
    options: dict[str, list[RecordFacts]], policy: Policy, *, into_plain: bool = False
) -> tuple[dict[str, list[RecordFacts]], set[str], set[str]]:
    """Email ``options`` with each address that has a typo in its domain under the
    address mended, where no option holds that address plain (typos mending to one
    address are one option: ``ana@gmial.com`` and ``ana@gmail.com.com``); the keys of
    the addresses so mended; and the options so named. Before session 62 two typos of one address were two
    options, and a rule gave the other records the one more of them hold, typo and all;
    a choice offered the typo (``ana@gmial.com`` beside ``ana.d@gmail.com``); and any
    other address beat the typo as the clean value (``ana.d@yahoo.com`` typed over the
    person's Gmail address, which both are: now a choice). Beside the address written
    right, a typo of it is a flagged value the clean one beats (``clean-value``), as
    before; with ``into_plain`` (the options a choice offers) it is that option, held by
    the typo's records too (a choice offered the typo beside it before session 62)."""
    mended = {v: _typo_mended(v, policy) for v in options}
    if all(m is None for m in mended.values()):
        return options, set(), set()  # (nearly every person: told without reading keys)
    targets: dict[str, list[str]] = {}
    for value, fixed in mended.items():
        key = _email_key(fixed or value, policy)
        targets.setdefault(key, []).append(value)
    out: dict[str, list[RecordFacts]] = {}
    from_keys: set[str] = set()
    named: set[str] = set()
    for values in targets.values():
        plain = [v for v in values if mended[v] is None]
        if plain and not into_plain:
            out.update((v, options[v]) for v in values)
            continue
        if plain:
            out[plain[0]] = [f for v in plain for f in options[v]]
            out[plain[0]] += [f for v in values if mended[v] is not None for f in options[v]]
            continue
        name = str(mended[values[0]])
        out[name] = [f for v in values for f in options[v]]
        named.add(name)
        from_keys.update(_email_key(v, policy) for v in values)
    return out, from_keys, named


def _without_offices(
    options: dict[str, list[RecordFacts]],
) -> tuple[dict[str, list[RecordFacts]], set[str]]:
    """Email ``options`` without an office's or a role's mailbox at the district's domain
    held by guardian records only (``frontoffice@``, ``attendance@``:
    :func:`~oneroster_identity.normalize.office_mailbox`), and the keys taken out: the
    office's address is no one's own, so beside the person's it is no option, and the
    records holding it are given the person's (``office-address``); alone, nothing is
    offered (since session 61)."""
    offices: dict[str, str] = {}
    for value, records in options.items():
        email = records[0].email
        if (
            email.key is not None
            and office_address(email)
            and not any(RoleFamily.STAFF in f.families for f in records)
        ):
            offices[value] = email.key
    if not offices:
        return options, set()
    # (an office's mailbox alone is no option either: before session 61 it was the only
    # value, given to the person's other records while its own finding asked for the
    # guardian's own address)
    return {v: r for v, r in options.items() if v not in offices}, set(offices.values())


def _usual_case(value: str | tuple[str, ...]) -> int:
    """How many parts of a value are written in the case such values usually are: an
    address in lower case, a name in upper and lower case (not ``GARCIA`` or ``garcia``);
    a value without letters (a phone) counts as usual."""
    if isinstance(value, tuple):
        return sum(map(_usual_case, value))
    if "@" in value:
        return int(value == value.lower())
    upper = lower = False
    for c in value:
        upper = upper or c.isupper()
        lower = lower or c.islower()
    return int(upper == lower)


def _one_per_value(
    options: Mapping[V, list[RecordFacts]],
    value_of: Callable[[V, list[RecordFacts]], object],
) -> dict[V, list[RecordFacts]]:
    """``options`` (spelling -> its records; a spelling is a field's value, or a name's
    two parts) with the spellings of one value (by ``value_of``) made one option, under
    :func:`_most_held`'s spelling and held by all their records in sourcedId order; the
    options as they are when each spelling is a value of its own."""
    groups: dict[object, list[V]] = {}
    for spelling, holders in options.items():
        groups.setdefault(value_of(spelling, holders), []).append(spelling)
    if len(groups) == len(options):
        return dict(options)
    return {
        _most_held(group, options): sorted(
            (f for spelling in group for f in options[spelling]), key=_SOURCED_ID
        )
        for group in groups.values()
    }


def _one_option_per_value(
    field: _Field, options: dict[str, list[RecordFacts]]
) -> dict[str, list[RecordFacts]]:
    """``options`` with the spellings the app reads as one value made one option
    (:func:`_one_per_value`: ``GARCIA`` and ``Garcia``; ``RNG@gmail.com`` and
    ``rng@gmail.com``; ``(603) 555-2368`` and ``603-555-2368``). Such spellings alone are
    no choice and no fix: either is right, and the merge is reported as fragile. Beside
    another value (``Rosa`` and ``ROSA`` beside ``Rosa Maria``), a person chooses between
    values, not between spellings of one, and a count (rule 7) counts every record of a
    value. A value the app cannot use as written stays an option of its own. Under
    ``Policy(strict_normalization=True)`` only one spelling is one value."""

    def value_of(spelling: str, holders: list[RecordFacts]) -> object:
        # an option may hold a value repaired into another record's spelling
        # (`6.032847142E+09` beside `6032847142`): the usable holder's key is its value
        key = next((k for f in holders if (k := _value_key(field, f)) is not None), None)
        return ("as written", spelling) if key is None else ("to the app", key)

    return _one_per_value(options, value_of)


NAME_ORDER = "givenName/familyName"
"""The field of a :class:`Choice` of name order: each option's value is ``given / family``,
to be set in both fields of every record of the item."""

_ORDER_REASON = (
    "the given and family names are in the other order on some records: choose the order "
    "(given / family) and set both fields on every record"
)
_SPLIT_REASON = (
    "the same names are divided between the given and family fields at another place on "
    "some records (a second surname or a middle name typed with the other field): choose "
    "the division (given / family) and set both fields on every record"
)
_SUFFIX_REASON = (
    "the generational suffix (Jr., III) is typed in the given name on some records and in "
    "the family name on others: choose where it goes (given / family) and set both fields "
    "on every record"
)

PartKey = Callable[[str], str]
"""A name part -> its key under the run's policy (equal keys: the app sees one name)."""

ChildrenFamilies = Callable[[str], Iterable[str]]
"""sourcedId -> the family names of the students linked to that record."""


def _order_split(members: Sequence[RecordFacts]) -> str | None:
    """The reason of one decision over both name fields, or ``None``: two of the records
    hold the name in opposite orders (``Lan Nguyen`` and given ``Nguyen``, family
    ``Lan``), divide the same words between the fields at another place (``Maria``,
    ``Garcia Lopez`` and ``Maria Garcia``, ``Lopez``), or type one generational suffix in
    the other field (``Carlos Jr.``, ``Ruiz`` and ``Carlos``, ``Ruiz Jr.``, since session
    50). Fixed or chosen field by field, any would let a person pick a name no record
    holds (``Maria Garcia Garcia Lopez``, ``Carlos Jr. Ruiz Jr.``)."""
    names = list({(f.name.given, f.name.family): f.name for f in members}.values())
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
    reasons = [
        reason
        for reason, divides in (
            (_ORDER_REASON, names_swapped),
            (_SPLIT_REASON, _split_apart),
            (_SUFFIX_REASON, suffix_moved),
        )
        if any(divides(a, b) for a, b in pairs)
    ]
    return "; ".join(reasons) or None


def _split_apart(a: PersonName, b: PersonName) -> bool:
    """Whether two names hold the same words in the same order, divided between the given
    and family fields at another place, both fields filled on both (an empty field is the
    whole name typed into one field: rule 2)."""
    ga, gb = without_title(name_words(a.given)), without_title(name_words(b.given))
    fa, fb = name_words(a.family), name_words(b.family)
    return bool(ga and gb and fa and fb) and ga != gb and ga + fa == gb + fb


def _name_order(
    given: _Field,
    family: _Field,
    ordered: Sequence[RecordFacts],
    latest: RecordFacts | None,
    children_families: ChildrenFamilies | None,
    given_count: GivenNameCount | None,
    reason: str,
    part_key: PartKey,
    family_count: GivenNameCount | None = None,
) -> tuple[list[Fix], list[Choice]]:
    """The fixes or the one :class:`Choice` that set a cluster's given and family names
    together, when records hold them in opposite orders or divide them at another place
    (see the module doc; "order" below is either).

    The records are grouped by order (their names with case, accents, punctuation and
    invisible characters folded away). More records in one order decide it; then each
    field's spelling within that order is decided as any field's is. A value's quality
    (a stray non-breaking space, a missing accent) says nothing about the order, so it
    never decides one. When neither is decided, the options are the names as typed, one
    per order and spelling; a spelling with a finding is left out where a clean one of its
    order exists.
    """
    columns = (given, family)
    options: dict[tuple[str, str], list[RecordFacts]] = {}
    for f in ordered:
        if given.usable(f) and family.usable(f):
            # as a choice offers them: no title, no relation noted beside either part,
            # single spaces
            key = (
                _spaced(_offered(given.column, given.current(f))),
                _spaced(_offered(family.column, family.current(f))),
            )
            options.setdefault(key, []).append(f)
    if not options:
        return [], []
    orders: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for pair in options:
        orders.setdefault((_loose(pair[0]), _loose(pair[1])), []).append(pair)
    counts = sorted(
        ((sum(len(options[p]) for p in pairs), order) for order, pairs in orders.items()),
        reverse=True,
    )
    if len(counts) > 1 and counts[0][0] == counts[1][0]:
        tied = _order_choice(
            options, orders.values(), ordered, latest, children_families, reason, part_key
        )
        return [], [tied] if tied is not None else []
    pairs = orders[counts[0][1]]
    winner: list[tuple[str, str]] = []
    for i, field in enumerate(columns):
        spelled: dict[str, list[RecordFacts]] = {}
        for p in pairs:
            spelled.setdefault(p[i], []).extend(options[p])
        by_order = "more-records" if len(counts) > 1 else "only-value"
        if len(spelled) == 1:
            winner.append((next(iter(spelled)), by_order))
            continue
        value, rule = _decide(
            field.column,
            spelled,
            ordered,
            given_count=given_count,
            family_count=family_count,
            part_key=part_key,
        )
        if value is None:
            # spellings the app reads as one (`Rosa`, `ROSA`) are one value, not a choice
            one = _one_per_value(spelled, lambda value, _: part_key(value))
            if len(one) == 1:
                value, rule = next(iter(one)), by_order
        if value is None:
            # the order is decided, not its spelling: one choice among its full names
            choice = _order_choice(
                options, [pairs], ordered, latest, children_families, reason, part_key
            )
            return [], [choice] if choice is not None else []
        winner.append((value, rule))
    fixes = []
    for field, (value, rule) in zip(columns, winner, strict=True):
        if _name_flagged(_as_shown(value)):
            # the order's one spelling carries a finding (`Lan-`, cut off): no value to
            # type on another record (since session 62; its record's finding asks for it)
            continue
        for f in ordered:
            current = field.current(f)
            if current == value or (
                part_key(current) == part_key(value) and not _name_flagged(current)
            ):
                continue  # (the value, or a clean spelling of it the app reads as one)
            in_order = any(f in options[p] for p in pairs)
            why = rule if in_order or len(counts) == 1 else "more-records"
            if _offered(field.column, current) != current and (
                _spaced(_offered(field.column, current)) == value
            ):
                # the record's own name, with a title, a relation noted, a number, a
                # symbol or a stray mark beside it: the rule names what it loses
                why = _mark_dropped(field.column, (current,))
            elif _spaced(current) == value:
                why = "spacing"
            fixes.append(
                Fix(
                    sourced_id=f.sourced_id,
                    field=field.column,
                    current=current,
                    suggested=value,
                    reason=_RULE_TEXT[why],
                    rule=why,
                )
            )
    return fixes, []


def _order_choice(
    options: dict[tuple[str, str], list[RecordFacts]],
    orders: Iterable[list[tuple[str, str]]],
    ordered: Sequence[RecordFacts],
    latest: RecordFacts | None,
    children_families: ChildrenFamilies | None,
    reason: str,
    part_key: PartKey,
) -> Choice | None:
    """One choice among the names of these orders, as typed (``given / family``); names
    the app reads as one (``Rosa / Garcia``, ``Rosa / GARCIA``, by ``part_key``) are one
    option (:func:`_one_per_value`). ``None`` where every name has a part its finding
    says the data cannot complete (``Nguyen-``, ``Nguy?n``: since session 62)."""
    offered: list[tuple[str, str]] = []
    for pairs in orders:
        clean = [p for p in pairs if not (_name_flagged(p[0]) or _name_flagged(p[1]))]
        offered += clean or pairs
    # (nor an order whose every spelling carries a finding, beside one that does not:
    # since session 62, `Lan- / Lan`, cut off, was offered beside `Lan Nguyen / Lan`)
    offered = [p for p in offered if not (_name_flagged(p[0]) or _name_flagged(p[1]))] or offered
    if all(_incomplete(p[0]) or _incomplete(p[1]) for p in offered):
        return None
    children: set[str] = set()
    families = {unsuffixed_words(pair[1]) for pair in offered}
    if children_families is not None and len(families) > 1:
        # (not where the family names differ only by a suffix's place: `Ruiz` beside
        # `Ruiz Jr.` is no other family name, and the children's says nothing of it)
        children = {_loose(n) for f in ordered for n in children_families(f.sourced_id)}
    merged = _one_per_value(
        {pair: options[pair] for pair in sorted(offered, key=lambda p: options[p][0].sourced_id)},
        lambda pair, _: (part_key(pair[0]), part_key(pair[1])),
    )
    choice_options = []
    for pair, holders in merged.items():
        note = _note(holders, latest)
        if _loose(pair[1]) in children:
            note = "; ".join(n for n in (note, "the linked students' family name") if n)
        choice_options.append(
            ChoiceOption(
                value=f"{pair[0]} / {pair[1]}",
                sourced_ids=tuple(f.sourced_id for f in holders),
                note=note,
                fields=(("givenName", pair[0]), ("familyName", pair[1])),
            )
        )
    return Choice(field=NAME_ORDER, options=tuple(choice_options), reason=reason)


_ONE_NAME_REASON = (
    "one name of a person who has one, written by several conventions (beside a mark for "
    "the name the person lacks, FNU or LNU; in both fields; alone): the data cannot tell "
    "which the district uses; choose one (given / family) and set both fields on every "
    "record"
)


def _one_name_forms(members: Sequence[RecordFacts]) -> bool:
    """Whether the records write one person's one name by two or more conventions
    (:func:`~oneroster_identity.normalize.one_name`): ``FNU`` / ``Zainab``, ``Zainab`` /
    ``Zainab``, ``Zainab`` with no family name."""
    if len({f.name_key for f in members}) < 2:
        return False
    if not all(may_be_one_name(f.name.given, f.name.family) for f in members):
        return False
    ones = {one_name(f.name.given, f.name.family, *f.name_key) for f in members}
    return len(ones) == 1 and "" not in ones


def _one_name_advice(
    ordered: Sequence[RecordFacts], latest: RecordFacts | None, part_key: PartKey
) -> tuple[list[Fix], list[Choice]]:
    """One choice among the forms of a one-name person's name as typed (``given /
    family``, a field left empty included), one option per form the app reads as one.
    A form whose family name is a stand-in (``N/A``, ``Unknown``: no convention, and
    its own finding says to type the name) is never offered beside another; when one
    form is left, the records holding a stand-in take it (``only-value``); when every
    form holds one, nothing is offered."""
    forms: dict[tuple[str, str], list[RecordFacts]] = {}
    for f in ordered:
        forms.setdefault((_spaced(f.name.given), _spaced(f.name.family)), []).append(f)
    merged = _one_per_value(forms, lambda pair, _: (part_key(pair[0]), part_key(pair[1])))
    kept = {
        pair: holders for pair, holders in merged.items() if not is_placeholder_family_name(pair[1])
    }
    if not kept:
        # every form's family name a stand-in (`N/A`, `Unknown`): no form is a name to
        # offer; each record's finding asks for the family name
        return [], []
    if len(kept) == 1:  # (the records hold two forms or more: _one_name_forms)
        (given, family), _ = next(iter(kept.items()))
        # the form as the records are to take it, without the mark its own finding drops
        # (`Robert 2` on every record: `Robert`, as any decided name is typed; since
        # session 66, when only the next round, no longer one-name, dropped the number)
        typed = {
            column: (bare, _mark_dropped(column, (value,)) if bare != value else "only-value")
            for column, value in (("givenName", given), ("familyName", family))
            for bare in (_without_mark(column, value),)
        }
        fixes = [
            Fix(
                sourced_id=f.sourced_id,
                field=column,
                current=current,
                suggested=typed[column][0],
                reason=_RULE_TEXT[typed[column][1]],
                rule=typed[column][1],
            )
            for f in ordered
            for column, current in (("givenName", f.name.given), ("familyName", f.name.family))
            if part_key(current) != part_key(typed[column][0])
            and (
                _takes_the_form(f)
                # (such a record still drops the mark the form's given name drops, on
                # that same name: `Robert 2` beside `C/O Lee`, or the forms part ways)
                or (column == "givenName" and part_key(current) == part_key(given))
            )
        ]
        return fixes, []
    choice = Choice(
        field=NAME_ORDER,
        options=tuple(
            ChoiceOption(
                value=f"{given} / {family}",
                sourced_ids=tuple(f.sourced_id for f in holders),
                note=_note(holders, latest),
                fields=(("givenName", given), ("familyName", family)),
            )
            for (given, family), holders in kept.items()
        ),
        reason=_ONE_NAME_REASON,
    )
    return [], [choice]


def _stand_ins_emptied(column: str, ordered: Sequence[RecordFacts], part_key: PartKey) -> list[Fix]:
    """A family name no record holds, left empty on some records and a stand-in on the
    others (``N/A``, ``Unknown``): the records holding the stand-in take the empty field
    (``only-value``), as a one-name person's forms do (:func:`_one_name_advice`), so
    that the fixes make the records one account however the given names differ (since
    session 66: `R.` / `` beside `Robert` / `N/A` was left to the findings, and the next
    round, its given names one, emptied the stand-in). The stand-ins' findings still ask
    for the person's family name; a spreadsheet's error value and a 'care of' note are
    left to theirs."""
    if column != "familyName":
        return []
    values = [f.name.family for f in ordered]
    if any(v.strip() and not is_placeholder_family_name(v) for v in values):
        return []
    if all(v.strip() for v in values) or not any(v.strip() for v in values):
        return []
    return [
        Fix(
            sourced_id=f.sourced_id,
            field=column,
            current=f.name.family,
            suggested="",
            reason=_RULE_TEXT["only-value"],
            rule="only-value",
        )
        for f in ordered
        if f.name.family.strip()
        and spreadsheet_error(f.name.family) is None
        and not is_care_of(f.name.family)
        and part_key(f.name.family) != part_key("")
    ]


def _made_up_emptied(field: _Field, ordered: Sequence[RecordFacts]) -> list[Fix]:
    """An email or SMS number no record holds but made up (``noemail@school.org``, a
    fictional ``617-555-0123``), left empty on some records: the records holding the
    made-up value take the empty field (since session 69). The app reads a made-up value
    as a credential, so beside a record with none it makes two accounts; no one's
    address or number is lost by emptying it, and the value's own finding still asks for
    the person's. Since session 70 two made-up values and no empty field too (the
    district's ``noemail@`` on one record, ``none@none.com`` on the other): the app reads
    them as two credentials, and the records' other fixes alone left them two accounts;
    and a field holding a value that means nothing the app takes counts as empty (``N/A``,
    an address typed into the SMS column), where a value the app can use, as written or
    repaired, is left to the other rules."""
    if field.contact is None or field.column not in ("email", "sms", "phone"):
        return []
    held = [(f, field.contact(f)) for f in ordered]
    made_up = {
        f.sourced_id: key
        for f, value in held
        if value is not None and (key := made_up_key(value)) is not None
    }
    # (a value that means nothing the app takes, `N/A`, an address in the SMS column,
    # is no credential either: since session 70; before, only an empty field was)
    empty = [
        f
        for f, value in held
        if value is not None
        and f.sourced_id not in made_up
        and value.key is None
        and value.meant_key is None
    ]
    if (
        not made_up
        or len(made_up) + len(empty) != len(held)
        or len({*made_up.values(), *(None for _ in empty[:1])}) < 2
    ):
        return []
    return [
        Fix(
            sourced_id=f.sourced_id,
            field=field.column,
            current=field.current(f),
            suggested="",
            reason=_RULE_TEXT["no-made-up"],
            rule="no-made-up",
        )
        for f in ordered
        if f.sourced_id in made_up
    ]


def _takes_the_form(f: RecordFacts) -> bool:
    """Whether a record of a one-name person takes the one form left
    (:func:`_one_name_advice`): not one holding a spreadsheet's error value (``#N/A``, a name
    lost on the file's way, not a form of it: its finding says the source may hold it;
    since session 61, where `Ana` / `#N/A` beside `Ana` / `` was to have its family name
    emptied), nor a 'care of' note (``C/O Garcia``: the person has a family name no record
    typed, which its finding asks for; since session 62)."""
    return (
        spreadsheet_error(f.name.given) is None
        and spreadsheet_error(f.name.family) is None
        and not is_care_of(f.name.family)
    )


def _mark_dropped(column: str, values: Sequence[str]) -> str:
    """The rule naming what values of a name column lose as a choice offers them
    (:func:`_offered`), the same name under each: a relation noted beside it first (the
    app shows it as part of the name), then a title, a number typed in, a symbol no name
    has, and a separator left at an edge (``Maria (Mom)``: ``no-note``; ``Mrs. Ana``:
    ``no-title``; ``Ana 2``: ``no-number``; ``*Ana``: ``no-symbol``; ``Ruiz,``:
    ``no-stray-mark``); a name a program garbled first (``SebastiÃ¡n``:
    ``ungarbled``)."""
    if any(map(marked_name, values)):
        return "no-spreadsheet-mark"
    if any(map(ungarbled, values)):
        return "ungarbled"
    if any(not v.isascii() and odd_characters(v) for v in values):
        return "as-shown"
    if any(drop_relation_note(v) != v for v in values):
        return "no-care-of" if any(is_care_of(split_note(v)[1]) for v in values) else "no-note"
    if column == "givenName" and any(drop_title(v) != v for v in values):
        return "no-title"
    if any(number_in_name(v) for v in values):
        return "no-number"
    if any(symbols_in_name(v) for v in values) and all(
        stray_mark(v, family=column == "familyName") is None for v in values
    ):
        return "no-symbol"
    return "no-stray-mark"


def _offered(column: str, value: str) -> str:
    """A value as a choice offers it: never with a title or a relation noted beside it
    (``Mrs. Ana``, ``Maria (Grandmother)``), which are no part of a name, nor with a
    separator left at its edge (``Ruiz,``: :func:`~oneroster_identity.normalize._stray.
    stray_mark`); a note that may be a name the family wants shown (``Robert "Bob"``) is
    offered as written, and so is a name cut off after a hyphen (``Garcia-``), whose
    rest no record says. A name a program garbled is offered read back
    (``GarcÃ­a`` as ``García``: :func:`~oneroster_identity.normalize._encoding.ungarbled`)."""
    if column in ("givenName", "familyName"):
        value = marked_name(value) or value
        if has_lost_characters(value):
            return value  # (`Mu?oz`: no mark to drop, a letter lost; offered as written)
        value = ungarbled(value) or value
        # (`Rosa\u200b`, Cyrillic `Rosа`: as it shows on screen, as its finding says;
        # read after the garbling, whose soft hyphen, `DÃ\xadaz`, is no such mark)
        value = _as_shown(value)
        # (a period after a family name too, `Ruiz.`: competing as `Ruiz`, it is that
        # name only where another record holds it, and `Gonz.` beside `Gonzalez` stays
        # a choice)
        stray = stray_mark(value, family=column == "familyName")
        if stray is not None and stray.cleaned is not None:
            value = stray.cleaned
        # a relation noted beside the name goes first (`Maria *Primary*`, since session
        # 64: its asterisks were dropped as symbols, and `Maria Primary` offered)
        value = drop_relation_note(value)
        # a symbol no name has (`*Ana`, `Ruiz?`): a flag or a question, no part of it;
        # a number typed into the name (`Ana 2`): a mark of a second record, or a count
        value = without_symbols(_number_dropped(value))
    if column == "givenName":
        value = drop_title(value)
    if column in ("givenName", "familyName"):
        value = drop_relation_note(value)
    return value


def _without_mark(column: str, name: str) -> str:
    """A name decided for the records, as they are to take it: without the mark its own
    finding drops (:func:`_offered`: ``Rosa 2``, ``Diaz,``, ``Rosa\u200b``), or as it is
    where nothing would be left. The single value, a rule's winner and the existing
    accounts' preferred value are read alike."""
    offered = _offered(column, name)
    return name if is_blank_name(offered) else offered


def name_as_typed(column: str, name: str) -> tuple[str, str]:
    """A name part as a fix types it, and the rule naming what that drops: without the
    mark its own finding drops (``Robert 2``: ``("Robert", "no-number")``; ``Mr. Robert``:
    ``no-title``; ``RobÃ©rt``: ``ungarbled``; ``Rob\u200bert``: ``as-shown``), or the name
    itself and ``""`` when it carries none. The existing-accounts check types a SIS name
    so before it compares it with an app account's (since session 64: a SIS ``Robert 2``
    was offered to the account number and all where no rule decided).

    >>> name_as_typed("givenName", "Robert (Dad)"), name_as_typed("familyName", "Ng")
    (('Robert', 'no-note'), ('Ng', ''))
    """
    bare = _without_mark(column, name)
    return (name, "") if bare == name else (bare, _mark_dropped(column, (name,)))


def name_still_flagged(name: str) -> bool:
    """Whether a name part, as :func:`name_as_typed` types it, still carries a finding of
    its own: no letters, letters a program could not write (``R?bert``), an invisible or
    look-alike character, a stand-in (``N/A``) or a household's name (``Ng Family``), or
    cut off after a joining mark (``Ng-``). Such a value is no name to type into an
    account: which name it stands for, the value cannot say.

    >>> name_still_flagged("R?bert"), name_still_flagged("Ng-"), name_still_flagged("Ng")
    (True, True, False)
    """
    return _name_flagged(name)


def _as_offered(
    column: str,
    options: Mapping[str, list[RecordFacts]],
    part_key: PartKey = name_key,
) -> dict[str, list[RecordFacts]]:
    """``options`` (value -> its records) as :func:`_offered` writes them: values that
    differ only in what it takes off, or that the app then reads as one name (``Mrs.
    Rosa`` offered as ``Rosa`` beside ``ROSA``, by ``part_key``), are one option, under
    the spelling most of their records hold and held by all of them. A value with a bare
    digit for the generational suffix another value writes in letters (``Ruiz 3`` beside
    ``Ruiz III``) is that value's option, never the name without its suffix. A choice
    offers these options, and a rule decides among them (since session 63)."""
    names = column in ("givenName", "familyName")
    ordered = sorted(options.items(), key=lambda kv: kv[1][0].sourced_id)
    shown: dict[str, list[RecordFacts]] = {}
    for value, holders in ordered:
        written = (
            next((w for w, _ in ordered if _digit_for_suffix(value, w)), None) if names else None
        )
        offered = _offered(column, written or value)
        shown.setdefault(_spaced(offered) if names else offered, []).extend(holders)
    return _one_per_value(shown, lambda value, _: part_key(value) if names else value)


def _marks_of(column: str, value: str, name: str, part_key: PartKey) -> bool:
    """Whether ``value`` is ``name`` under a mark its finding drops (``Rosa 2``, ``Rosa
    (Mom)``, ``*Rosa`` for ``Rosa``): the rule a record holding it is told names the mark
    (:func:`_mark_dropped`), not the rule that chose the name."""
    bare = _without_mark(column, value)
    return bare != value and part_key(bare) == part_key(name)


def _choice(
    column: str,
    options: Mapping[str, list[RecordFacts]],
    latest: RecordFacts | None,
    reason: str,
    part_key: PartKey = name_key,
) -> Choice:
    """One choice among ``options`` (value -> its records) as :func:`_as_offered` makes
    them one option per name."""
    offered = _as_offered(column, options, part_key)
    return Choice(
        field=column,
        options=tuple(
            ChoiceOption(
                value=value,
                sourced_ids=tuple(sorted(f.sourced_id for f in holders)),
                note=_note(holders, latest),
            )
            for value, holders in offered.items()
        ),
        reason=reason,
    )


def _note(holders: Sequence[RecordFacts], latest: RecordFacts | None) -> str:
    """What a person choosing may want to know about an option's records (never decisive)."""
    notes = []
    if any(RoleFamily.STAFF in f.families for f in holders):
        notes.append("staff (HR) record")
    if latest is not None and latest in holders:
        notes.append("most recently modified")
    return "; ".join(notes)


def _set_aside_rule(own: str, set_aside: tuple[bool, bool, bool, bool], otherwise: str) -> str:
    """The rule that names why a value was set aside, in one order of precedence for the
    winner of a field and for each record told to take it (before session 62, two chains
    restated it): ``own`` (a line others in the roster hold too: ``own-address`` or
    ``own-number``), an office's mailbox, a number no text reaches, an address noted out
    of use, flagged in ``set_aside`` in that order; ``otherwise`` when none applies."""
    rules = (own, "office-address", "textable-number", "address-in-use")
    return next((r for r, flagged in zip(rules, set_aside, strict=True) if flagged), otherwise)


def cluster_fixes(
    members: Sequence[RecordFacts],
    children_families: ChildrenFamilies | None = None,
    given_count: GivenNameCount | None = None,
    part_key: PartKey = name_key,
    outside: Callable[[str, str], int] | None = None,
    undated: Container[str] = frozenset(),
    family_count: GivenNameCount | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[tuple[Fix, ...], tuple[Choice, ...]]:
    """One :class:`Fix` per record and field whose value a rule can decide, and one
    :class:`Choice` per field where no rule can (see the module doc).

    ``children_families`` gives the family names of the students linked to a record: named
    beside a name-order option, never deciding. ``given_count`` gives how many people
    elsewhere in the roster hold a given name (rule 5); without it, a transposition of a
    known name is always taken for a slip. ``part_key`` is the name key under the run's
    policy (:func:`~oneroster_identity.normalize.name_key`): a name a choice offers
    without its title or note is one option with a spelling the app reads as the same.
    ``outside`` gives how many persons outside these records hold an email
    (``("email", key)``) or an SMS number (``("phone", key)``): one :data:`SHARED_LINE`
    others hold is a line (a school office's number, or its address on staff records, a
    family's number), never offered as the person's own beside one that is
    (``own-number``, ``own-address``). ``undated``: the records whose
    ``dateLastModified`` the run read as no day of change, years after every other
    record's (``match._birth_dates.ExportDay.ahead``, since session 47): never noted as
    the most recently modified. ``family_count`` gives how many people elsewhere hold a
    family name (:func:`people_by_family_name`): a family name a letter off that others
    hold is no slip for ``more-records`` to settle. ``policy`` reads a number written in
    a value the app cannot use (``617-555-2368 do not text``) in the run's region.
    """
    ordered = sorted(members, key=lambda f: f.sourced_id)
    dated = [
        f for f in ordered if f.user_value("date_last_modified") and f.sourced_id not in undated
    ]
    latest = (
        max(dated, key=lambda f: (as_utc(f.user_value("date_last_modified")), f.sourced_id))
        if dated
        else None
    )
    fixes: list[Fix] = []
    choices: list[Choice] = []
    fields = _fields(ordered)
    order_reason = _order_split(ordered)
    if _one_name_forms(ordered):
        # one name written by several conventions: the district's convention, which the
        # data cannot tell, decides both fields (never more records, nor a mark's finding)
        one_fixes, one_choices = _one_name_advice(ordered, latest, part_key)
        fixes += one_fixes
        choices += one_choices
        fields = fields[2:]
    elif order_reason is not None:
        # given and family are one decision when records hold them in opposite orders
        # or divide them at another place
        order_fixes, order_choices = _name_order(
            fields[0],
            fields[1],
            ordered,
            latest,
            children_families,
            given_count,
            order_reason,
            part_key,
            family_count,
        )
        fixes += order_fixes
        choices += order_choices
        fields = fields[2:]
    for field in fields:
        column = field.column
        options: dict[str, list[RecordFacts]] = {}
        for f in ordered:
            if field.usable(f):
                options.setdefault(field.spelled_as_others(f, ordered), []).append(f)
        if not options:
            fixes += _stand_ins_emptied(column, ordered, part_key)
            fixes += _made_up_emptied(field, ordered)
            continue
        options = _one_option_per_value(field, options)
        silent: set[str] = set()
        unused: dict[str, list[str]] = {}
        if column not in _NOT_PHONES:
            options, silent = _without_untextable(column, options, ordered, policy)
            if not options:
                continue  # (no number the app can text: each record's finding asks for one)
        elif column == "email":
            options, unused = _without_unused(options, ordered, policy)
            if not options:
                continue  # (no address in use: the noted record's finding asks for one)
        lines: set[str] = set()
        kind, own = ("email", "own-address") if column == "email" else ("phone", "own-number")
        if outside is not None and field.contact is not None:
            options, lines = _without_lines(field, options, outside, kind)
        offices: set[str] = set()
        if column == "email":
            options, offices = _without_offices(options)
            if not options:
                continue  # (an office's mailbox only: its finding asks for the family's)
        winner: str | None
        mended_from: set[str] = set()  # (addresses given with their domain mended)
        mended_names: set[str] = set()  # (the options named by the address mended)
        if column == "email" and len(options) > 1:
            options, mended_from, mended_names = _typos_as_mended(options, policy)
        if len(options) == 1:
            # One value (spelled one way or several the app reads as one): what splits the
            # records is elsewhere, or a record holds no usable value (none, a placeholder,
            # a couple's name) or a line others hold too, and needs it; any spelling is
            # right for it.
            winner = next(iter(options))
            rule = _set_aside_rule(
                own, (bool(lines), bool(offices), bool(silent), bool(unused)), "only-value"
            )
            if column in ("givenName", "familyName"):
                # the one name with a mark its own finding drops (`Diaz,`, `Diaz 2`,
                # `Diaz (Grandma)`, garbled `DÃ­az`): offered without it, as a choice
                # offers it (before session 61 the mark was given to the other records
                # while the finding dropped it on its own: two names told)
                offered = _without_mark(column, winner)
                if offered != winner:
                    winner, rule = offered, _mark_dropped(column, (winner,))
                if _name_flagged(winner):
                    # a name its finding says is incomplete, with nothing to drop (`Garcia-`
                    # cut off after a hyphen, `Mu?oz` with a letter lost): no value to type
                    # on another record (since session 62: copied as the only value)
                    continue
            if column == "email" and (mended := _typo_mended(winner, policy)) is not None:
                # the one address has a typo in its domain, which its finding mends (before
                # session 61 the typo was given to the other records while the finding
                # mended it on its own: two addresses told, split again once typed)
                winner, rule = mended, "domain-typo"
            elif mended_from:
                # (the address two typos mend to, `ana@gmial.com` and `ana@gmail.com.com`,
                # since session 62; the records holding it plain need nothing)
                rule = "domain-typo"
            if (column == "givenName" and any(couples_name(f.name) for f in ordered)) or (
                column == "familyName"
                and any(family_names_two_people(f.name.family) for f in ordered)
            ):
                rule = "not-a-couple"
        else:
            winner, rule = _decide(
                column,
                options,
                ordered,
                given_count=given_count,
                family_count=family_count,
                mended=mended_names,
                part_key=part_key,
            )
            if winner is not None and column in ("givenName", "familyName"):
                # the name a rule decides, with a mark its own finding drops (`Rosa 2`
                # over `R.`, `full-name`): given without it, as a choice offers it; the
                # records holding it are told what is dropped (before session 62 the
                # mark was typed onto the other records: `R.` was to become `Rosa 2`)
                winner = _without_mark(column, winner)
                if _name_flagged(winner):
                    # every name carries a finding and a rule took one of them (`Nguyen-`
                    # over `Nguy?n` as the email's spelling): no value to type (since
                    # session 62); each record's finding asks for the name
                    continue
            if column == "email" and winner is not None:
                # the address a rule decides, with a typo in its domain (`more-records`:
                # `ana@gmial.com` on two records, a third address on one): given mended,
                # as its finding suggests (since session 62; the typo was typed onto the
                # other records)
                mended = _typo_mended(winner, policy)
                if mended is not None:
                    mended_from.add(_email_key(winner, policy))
                    winner = mended
        if winner is not None and column in ("givenName", "familyName"):
            winner = _spaced(winner)  # (typed without spaces no one sees: since session 67)
        if winner is None:
            if column == "email":
                options, _, _ = _typos_as_mended(options, policy, into_plain=True)
            shown = _clean_options(column, options)
            if shown:
                choices.append(_choice(column, shown, latest, rule, part_key))
            continue
        same = {_value_key(field, f) for f in options.get(winner, ())} - {None} - mended_from
        names = column in ("givenName", "familyName")
        if names:
            # (a name decided among the names as offered, `Maria` for `Maria 2` and `M.`,
            # that no record holds as written: a record holding it in another case,
            # `MARIA`, needs no retyping either; one holding it under a mark its finding
            # drops, `Rosa\u00a0`, does)
            same |= {
                _value_key(field, f)
                for f in ordered
                if part_key(current := field.current(f)) == part_key(winner)
                and _without_mark(column, current) == current
            }
        for f in ordered:
            current = field.current(f)
            # a record holding the winner in a spelling the app reads as the same value
            # needs no retyping for the account (the merge is reported as fragile); one
            # the app cannot use as written (`Ana <ana@gmail.com>`) does
            if current != winner and (key := _value_key(field, f)) not in same:
                why = _set_aside_rule(
                    own,
                    (
                        key in lines,
                        key in offices,
                        bool(silent) and _number(f) in silent,
                        bool(unused)
                        and (
                            _address(f) in unused
                            or any(f.sourced_id in sids for sids in unused.values())
                        ),
                    ),
                    # (a record holding the name under a mark its finding drops, `Rosa 2`
                    # beside `R.`, is told what is dropped)
                    _mark_dropped(column, (current,))
                    if names and _marks_of(column, current, winner, part_key)
                    else "spacing"
                    if names and _spaced(current) == winner
                    else "domain-typo"
                    if key in mended_from
                    else rule,
                )
                fixes.append(
                    Fix(
                        sourced_id=f.sourced_id,
                        field=column,
                        current=current,
                        suggested=winner,
                        reason=_RULE_TEXT[why],
                        rule=why,
                    )
                )
    return tuple(fixes), tuple(choices)
