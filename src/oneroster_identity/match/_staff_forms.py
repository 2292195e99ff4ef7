"""A staff member and a guardian, or two staff records, whose names are one name written
two ways, with no email or SMS phone in common.

The app's guidance asks for the same name, email and phone on every role of one person.
A teacher who is a parent is often ``Elizabeth`` on the HR record (the work address, no
cell number) and ``Liz`` on the guardian record (a personal address, a cell), or ``José``
on one and ``Jose`` on the other. The records then share nothing the app compares, and
neither the name blocks (which meet one name, or one name loosened) nor the judge (which
scores a staff-guardian pair on a name no one else holds only when the names are equal)
names the pair: :mod:`._staff_names` lists the same split when the names are equal.

This pass lists a staff person and a guardian person (or the guardian persons of one
likely-same item, a parent typed once per child) when their names are one name by the
comparisons :func:`~oneroster_identity.normalize.compare_names` makes (a nickname, another
spelling, accents, punctuation or spacing, invisible or look-alike characters; and one
name with one of its two given or family names alone, either way round: HR often keeps
the whole legal name and the school one of its names, and a parent often writes both
family names on the school's form where HR keeps one), no other
person of the roster holds a form of either name (a student included; but for the name
by one of its names alone, a far commoner name, once the pair is found through a
stronger form: ``Ana Reyes`` beside ``Ana Quintanilla`` and ``Ana Quintanilla Reyes``,
the many ``Anh Nguyen`` beside ``Duc Anh Nguyen`` and ``Nguyen Duc Anh``; likelier other
people of that name, they are set aside and the message says so), and their records
share no email or SMS phone. It suggests nothing: which form of the name the person
uses, and which email and phone the records share, only the person can say.

The same rules list two staff persons (``staff-name-forms``, built by
:func:`~._staff_twice.staff_forms_finding`): one staff member entered once per school,
``Elizabeth`` in HR and ``Liz`` where a school typed her again, each record on its own
district alias. :mod:`._staff_twice` lists such a pair when the names are equal.

Cost: the persons' distinct given and family names are keyed once, and one C-level pass
over the persons' name keys finds the holders of every key that decides a rare staff
name: its forms, and the forms of the roster's names that are one of them (nicknames are
pairs, not classes: ``Liz`` is ``Elizabeth``'s and ``Elizabeth`` ``Beth``'s, but ``Liz``
is not ``Beth``, so a guardian ``Liz`` beside a staff ``Elizabeth`` is hers alone only
when no ``Liz``'s form, ``Lizzie``, is anyone else's either). The guardians of a long
name, the other way round, are found by a second C-level pass and looked up by their
shorter forms. About 1–2 s of a 1M check. The keys of the names' forms are
:mod:`._name_forms`'s (:class:`~._name_forms.NameForms`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import compress, count, repeat
from operator import and_, attrgetter, contains, itemgetter, not_, or_

from oneroster_identity.diagnostics import Severity
from oneroster_identity.match._lines import NO_LINES, Lines
from oneroster_identity.match._model import Finding
from oneroster_identity.match._name_forms import Key, NameForms
from oneroster_identity.match._persons import Persons
from oneroster_identity.match._records import (
    GUARDIAN_ONLY,
    STAFF_ONLY,
    RecordFacts,
    read_back_keys,
)
from oneroster_identity.match._staff_names import (
    PairWords,
    SharedSchool,
    no_credential_shared,
    pair_words,
)
from oneroster_identity.match._staff_twice import no_one_else, staff_forms_finding
from oneroster_identity.models import Roster
from oneroster_identity.normalize import (
    NameComparison,
    NameDifference,
    compare_names,
    credential_dropped,
    goes_by_initials,
    is_role_word_name,
    suffix_dropped,
)
from oneroster_identity.normalize._encoding import without_lost_letters
from oneroster_identity.normalize._names import may_be_family_name_first, name_key
from oneroster_identity.normalize._one_name import one_name
from oneroster_identity.normalize._suffixes import suffix_forms
from oneroster_identity.normalize._text import strip_diacritics, written_out
from oneroster_identity.policy import Policy, StaffGuardianPolicy

__all__ = ["NAME_FORM_WORDS", "STAFF_GUARDIAN_NAME_FORMS", "staff_name_forms"]

STAFF_GUARDIAN_NAME_FORMS = "staff-guardian-name-forms"
"""The warning of :func:`staff_name_forms`."""


NAME_FORM_WORDS: Mapping[NameDifference, str] = {
    NameDifference.NICKNAME: "a name and its nickname",
    NameDifference.PREFERRED_NAME: "a name and the name one record says the person goes by",
    NameDifference.SPELLING: "one name spelled two ways",
    NameDifference.DIACRITICS: "one name with and without accents",
    NameDifference.PUNCTUATION: "one name with other punctuation or spacing",
    NameDifference.SUFFIX: "one name with its generational suffix written two ways (III and "
    "3rd, or 3) or typed in the other name field",
    NameDifference.ABBREVIATION: "one name, abbreviated on one record",
    NameDifference.INVISIBLE: "one name, one of them with invisible characters",
    NameDifference.CONFUSABLE: "one name, one of them with look-alike letters of another script",
    NameDifference.GARBLED: "one name, one of them with characters a program garbled (text "
    "read in the wrong encoding, written as HTML, or '?' for letters it could not write)",
    NameDifference.MIDDLE_NAME: "one name with and without a second given name",
    NameDifference.NUMBER: "one name, with a number typed into it on one record",
    NameDifference.COMPOUND_SURNAME: "one name with and without a second family name",
    NameDifference.SWAPPED: "one name with the given and family names swapped, as a form "
    "written family name first takes a Vietnamese, Chinese or Korean name",
    NameDifference.ONE_NAME: "the one name of a person who has one, written by two "
    "conventions (beside a mark for the name the person lacks, FNU or LNU, or in both "
    "fields)",
    NameDifference.SECOND_SCRIPT: "one name, on one record in a second script too",
}
"""The differences between two names that this pass reads as one name written two ways,
and the words the warning says them with (no value: a redacted report shows no name)."""


def _forms_of(
    i: int,
    own: Key,
    keys: Collection[Key],
    holders: Mapping[Key, list[int]],
    reps: Sequence[RecordFacts],
    policy: Policy,
    group: Callable[[int], int | None],
    *,
    weak: Collection[Key] = (),
    aside: set[int] | None = None,
) -> set[int] | None:
    """The other persons holding a key of ``keys`` (the forms of person ``i``'s name,
    whose own key is ``own``), when ``group`` puts every one of them in one group (a
    likely-same cluster of guardians, say); ``None`` as soon as one is in no group
    (``None``) or in a second one.

    Keys may meet names that are not one (``Andrew`` and ``Andrea``): a holder reached
    through another key than the name's own is compared first, so the answer is the same
    in any order of the keys. A holder of the very key is taken as a form unasked (the
    comparison costs more than the few look-alike spellings it would tell apart, and such
    a holder can only leave a pair out).

    The keys of ``weak`` (:meth:`NameForms.weak`: the name by one of its names alone, a
    far commoner name) are read last: once a holder of a stronger key is found, their holders outside
    its group are set aside (added to ``aside``), not counted as others."""
    out: set[int] = set()
    found: int | None = None
    if not any(key in holders for key in keys):
        return out  # no one holds it, nor a form of it
    strong = [own, *(k for k in keys if k != own and k not in weak)]
    later = [k for k in keys if k != own and k in weak]
    settled = False  # (a holder of a stronger key found: the weak keys' others set aside)
    for n, key in enumerate((*strong, *later)):
        if n == len(strong):
            settled = bool(out)
        for j in holders.get(key, ()):
            if j == i or j in out:
                continue
            if key != own and not _one_name(reps[i], reps[j], policy):
                continue
            g = group(j)
            if settled and g != found:
                if aside is not None:
                    aside.add(j)
                continue
            if g is None or (found is not None and g != found):
                return None
            found = g
            out.add(j)
    return out


def _longer_guardians(
    forms: NameForms,
    staff_of: Mapping[Key, list[int]],
    column: Sequence[object],
    names: Sequence[Key],
) -> dict[int, set[int]]:
    """Staff person -> the guardian persons whose long name (two given or two family
    names) is the staff member's with a name more: one of its shorter forms is the staff
    member's name (``staff_of``: the staff persons by their names' keys), up to case,
    accents, punctuation and spelling. Only the persons of a written long name are read
    (found in C over every person's name)."""
    givens = map(forms.givens.long.__contains__, map(itemgetter(0), names))
    families = map(forms.families.long.__contains__, map(itemgetter(1), names))
    found: dict[int, set[int]] = {}
    for g in compress(count(), map(or_, givens, families)):
        if column[g] != GUARDIAN_ONLY:
            continue
        for key in forms.shorter(names[g]):
            holders = staff_of.get(key, ())
            if len(holders) == 1:  # (two staff persons of the name: whose form?)
                found.setdefault(holders[0], set()).add(g)
    return found


def _guardian_forms(
    g: int,
    forms: NameForms,
    drop: bool,
    holders: Mapping[Key, list[int]],
    reps: Sequence[RecordFacts],
    policy: Policy,
    allowed: Collection[int],
    aside: set[int] | None = None,
) -> bool:
    """Whether anyone outside ``allowed`` (the staff member and the guardians found, or
    the other staff record of a ``staff-name-forms`` pair) holds a form of guardian (or
    other staff person) ``g``'s name: with ``drop`` (the staff member's name is
    long, the guardian's a shorter form of it), a longer name holding the guardian's
    too (a third person ``Quintanilla Soto`` beside staff ``Quintanilla Reyes`` and
    guardian ``Quintanilla``). Holders of the name by one of its names alone, a far
    commoner name, are set aside into ``aside`` (:func:`_forms_of`)."""
    name = forms.names[g]
    own = forms.key(name)
    keys = forms.keys(name, drop=drop)
    if drop:
        keys |= forms.longer(own)
    weak = forms.weak(name, keys, holders)

    def group(j: int) -> int | None:
        return 0 if j in allowed else None

    return _forms_of(g, own, keys, holders, reps, policy, group, weak=weak, aside=aside) is None


_PREFERRED_GIVEN = attrgetter("name.preferred_given")


def _swapped_key(forms: NameForms, name: Key) -> Key | None:
    """The key of a name with its given and family names swapped (``Nguyen`` / ``Lan`` for
    ``Lan`` / ``Nguyen``, ``Zhang`` / ``Wei`` for ``Wei`` / ``Zhang``) when one part is a
    one-word family name, the other a name of one or two words, and they may be one name
    written family name first
    (:func:`~oneroster_identity.normalize._names.may_be_family_name_first`: a common
    Vietnamese family name, or a common Chinese or Korean one beside a word that is no
    name of the nickname tables), else ``None``: a form written family name first takes
    such a name the other way round, while a name whose parts are both given and family
    names elsewhere (``James Scott``, ``Scott Lee``) is as often two people."""
    # (both parts loosened alike, without the given names' spelling key: Nguyen as typed)
    given, family = forms.family_words(name[0]), forms.family_words(name[1])
    # (one part a one-word family name, the other a name of one or two words: Thi Lan,
    # Seo-yeon, Ka Wai)
    sizes = sorted((given.count(" "), family.count(" ")))
    if sizes[0] != 0 or sizes[1] > 1 or not given or not family:
        return None
    if not may_be_family_name_first(given, family):
        return None
    return (forms.given(name[1]), forms.family(name[0]))


def _not_ascii(names: Sequence[Key]) -> list[int]:
    """The persons whose name has a character outside ASCII (found in C: most names are
    ASCII)."""
    plain = map(
        and_,
        map(str.isascii, map(itemgetter(0), names)),
        map(str.isascii, map(itemgetter(1), names)),
    )
    return list(compress(count(), map(not_, plain)))


def _written_out_names(names: Sequence[Key], not_ascii: Iterable[int]) -> dict[int, Key]:
    """Person -> its name with its umlauts, ``å`` and ``ø`` written out as two letters
    (:func:`~oneroster_identity.normalize._text.written_out`: ``Müller`` is ``Mueller``), for
    the few persons whose name has such a letter (of ``not_ascii``, :func:`_not_ascii`)."""
    spelled = ((i, _umlaut_form(names[i])) for i in not_ascii)
    return {i: form for i, form in spelled if form is not None}


def _lost_letter_names(names: Sequence[Key], not_ascii: Iterable[int]) -> dict[int, Key]:
    """Person -> its name without its letters outside ASCII and without the ``?`` and
    ``�`` a program writes for letters it could not (``Muñoz`` and ``Mu?oz`` are both
    ``Muoz``), for the few persons whose name has either: of ``not_ascii``
    (:func:`_not_ascii`), and those whose name holds a ``?`` (looked for in C, in one
    string of all the names first: nearly every roster has none)."""
    marked: Iterable[int] = not_ascii
    givens, families = map(itemgetter(0), names), map(itemgetter(1), names)
    if "?" in "\0".join(givens) or "?" in "\0".join(families):
        asked = map(
            or_,
            map(contains, map(itemgetter(0), names), repeat("?")),
            map(contains, map(itemgetter(1), names), repeat("?")),
        )
        marked = sorted({*not_ascii, *compress(count(), asked)})
    dropped = (
        (i, (without_lost_letters(names[i][0]), without_lost_letters(names[i][1]))) for i in marked
    )
    return {i: form for i, form in dropped if form != names[i]}


def _umlaut_form(name: Key) -> Key | None:
    """``name`` with its umlauts, ``å`` and ``ø`` written out as two letters, when that is
    another name than ``name`` with their marks dropped (``Müller``: ``Mueller``, not
    ``Muller``; a name of no such letter: ``None``)."""
    spelled = (written_out(name[0]), written_out(name[1]))
    return None if spelled == _unmarked(name) else spelled


def _unmarked(name: Key) -> Key:
    return (strip_diacritics(name[0]), strip_diacritics(name[1]))


def _goes_by(reps: Sequence[RecordFacts], names: Sequence[Key], policy: Policy) -> dict[int, Key]:
    """Person -> the name its record says it goes by (its ``preferredGivenName`` with its
    family name, keyed as ``names`` are), for the few persons whose preferred given name
    is not their given name."""
    out: dict[int, Key] = {}
    for i in compress(count(), map(_PREFERRED_GIVEN, reps)):
        given = name_key(reps[i].name.preferred_given, policy=policy)
        if given and given != names[i][0]:
            out[i] = (given, names[i][1])
    return out


def _one_name(a: RecordFacts, b: RecordFacts, policy: Policy) -> bool:
    """Whether two records' names are one name, equal or written two ways (:data:`NAME_FORM_WORDS`).
    A name with an empty part is read only as a one-name person's (``Fatima`` with no
    family name beside ``Fatima LNU``, since session 38): beside another name with a part
    missing (``Robert`` and ``Bob``, neither with a family name), a nickname is too little."""
    kind = compare_names(a.name, b.name, policy=policy).kind
    if not (all(a.name_key) and all(b.name_key)):
        return kind is NameDifference.ONE_NAME or kind.is_equal
    return kind in NAME_FORM_WORDS or kind.is_equal


def staff_name_forms(
    persons: Persons,
    reps: Sequence[RecordFacts],
    *,
    cluster_of: Callable[[int], int],
    policy: Policy,
    skip: Collection[str] = (),
    common: Collection[Key] = (),
    names: Sequence[Key],
    roster: Roster | None = None,
    facts: Mapping[str, RecordFacts] | None = None,
    students_of: Mapping[str, Sequence[str]] | None = None,
    lines: Lines = NO_LINES,
    read_back: Mapping[str, str] | None = None,
) -> list[Finding]:
    """One ``staff-guardian-name-forms`` warning per staff person (staff role only) whose
    name is, written another way, the name of one guardian person (guardian role only) or
    of the guardian persons of one likely-same item, when no other person holds a form of
    either name and the records share no email or SMS phone (a home phone, or a value one
    slip apart, is more reason to ask: the message says so, without the value); and one
    ``staff-name-forms`` warning per pair of staff persons so (the forms of the one's name
    held by the other alone, or by the staff persons of one likely-same item), under any
    ``staff_guardian`` policy.

    ``skip`` holds the staff sourcedIds the equal-name warning names already, and
    ``common`` the names three persons or more hold (the judge's count): a staff member
    of such a name is the equal-name warning's to weigh (its other holders are forms of
    the name that leave this one out unless they are one likely-same item, which that
    warning names), and leaving them out keeps this pass to the rare names. A role word
    for the staff member's given name, an empty name part (but in a one-name person's
    name, ``Fatima`` with no family name beside ``Fatima LNU``), and every staff-guardian pair
    under ``staff_guardian="separate"`` are left out. The warning's ``sourced_id`` is the staff
    record, ``related`` the staff and the guardian record, ``field`` the name part that
    differs; it suggests nothing. Given the ``roster`` and its ``facts``, the message says
    when the staff member has a role at a school of the guardian's child (by
    ``students_of``, the run's family links, where given). ``names`` are
    the persons' name keys (the judge's, read once for both staff-guardian passes), and
    ``read_back`` the keys of name parts a program garbled, read back (the run's
    :attr:`~oneroster_identity.match._records.FactsBuilder.read_back`; found from ``reps``
    when not given): a garbled name's forms are the name's as typed."""
    column = persons.families_column()
    staff: list[int] = [
        i
        for i in compress(count(), map(STAFF_ONLY.__eq__, column))
        # (an empty name part only in a one-name person's name: `Fatima` with no family
        # name, since session 38)
        if (all(names[i]) or one_name(*names[i], *names[i]))
        and names[i] not in common
        and reps[i].sourced_id not in skip
        and not is_role_word_name(reps[i].name.given)
    ]
    if not staff:
        return []
    forms = NameForms(names, read_back_keys(reps, policy) if read_back is None else read_back)
    # A person holds the name a record says they go by (``preferredGivenName``) too:
    # HR's ``Robert`` going by ``Bob`` is the guardian record's ``Bob``.
    goes_by = _goes_by(reps, names, policy)
    # and a name with an umlaut, å or ø written out (Müller is Mueller, as German and
    # Scandinavian names are written where the letter cannot be typed; the keys strip
    # the mark, Muller): one form more, held by its person too
    not_ascii = _not_ascii(names)
    written = _written_out_names(names, not_ascii)
    # and a name with letters outside ASCII, or with `?` or `�` where a program lost
    # them, without those (Muñoz and Mu?oz are both Muoz; since session 50): the two
    # meet, and the comparison says whether the lost letters are the other's
    lost = _lost_letter_names(names, not_ascii)
    # and a Vietnamese, Chinese or Korean name the other way round (keyed once each)
    swapped = {i: key for i in staff if (key := _swapped_key(forms, names[i])) is not None}
    # and a generational suffix in its other notations or typed in the other field
    # (`Ruiz III` is `Ruiz 3rd`; `Carlos`, `Ruiz Jr.` is `Carlos Jr.`, `Ruiz`; since
    # session 50): a few staff names carry one
    suffixed = {i: alts for i in staff if (alts := suffix_forms(*names[i]))}
    scanned: set[Key] = set(swapped.values())
    for i in staff:
        scanned |= forms.scanned(names[i])
        for alt in suffixed.get(i, ()):
            scanned |= forms.scanned(alt)
        if i in goes_by:
            scanned |= forms.scanned(goes_by[i])
        if i in written:
            scanned |= forms.scanned(written[i])
        if i in lost:
            scanned |= forms.scanned(lost[i])
    for j, name in written.items():
        if forms.key(name) in scanned:
            # (a person met through its name written out: the forms of its name as
            # written are looked up too, for whoever else holds them)
            scanned |= forms.scanned(names[j])
    holders = forms.holders(scanned)
    for j, name in (*goes_by.items(), *written.items(), *lost.items()):
        key = forms.key(name)
        if key in scanned and j not in holders.get(key, ()):
            holders.setdefault(key, []).append(j)

    def guardian(j: int) -> int | None:
        return cluster_of(j) if column[j] == GUARDIAN_ONLY else None

    def staff_or_guardian(j: int) -> int | None:
        return cluster_of(j) if column[j] in _ONE_FAMILY else None

    def one_person(s: int, others: set[int]) -> bool:
        return bool(
            others
            and cluster_of(s) != cluster_of(next(iter(others)))
            and all(_one_name(reps[s], reps[g], policy) for g in others)
            and all(no_credential_shared(reps[s], reps[g], policy, lines) for g in others)
        )

    merge = policy.staff_guardian is StaffGuardianPolicy.MERGE
    # staff -> (the guardian persons holding a form of the name, whether a name is long)
    candidates: dict[int, tuple[set[int], bool]] = {}
    # staff -> (the other staff persons, one of them or one likely-same item, likewise)
    twice: dict[int, tuple[set[int], bool]] = {}
    staff_of: dict[Key, list[int]] = {}  # each staff name's key -> its staff persons
    # staff -> the persons of the name by one of its names alone, a far commoner name, set
    # aside
    aside: dict[int, set[int]] = {}
    for s in staff:
        drop = forms.long(names[s])
        own = forms.key(names[s])
        staff_of.setdefault(own, []).append(s)
        keys = forms.keys(names[s], drop=drop)
        if s in goes_by:
            keys |= forms.keys(goes_by[s], drop=False)
        if s in written:
            keys |= forms.keys(written[s], drop=False)
        if s in lost:
            keys |= forms.keys(lost[s], drop=False)
        if s in swapped:
            keys.add(swapped[s])
        for alt in suffixed.get(s, ()):
            keys |= forms.keys(alt, drop=False)
        weak = forms.weak(names[s], keys, holders)
        set_aside = aside.setdefault(s, set())
        others = _forms_of(
            s, own, keys, holders, reps, policy, staff_or_guardian, weak=weak, aside=set_aside
        )
        if others is None or not one_person(s, others):
            continue
        if all(column[j] == GUARDIAN_ONLY for j in others):
            if merge:
                candidates[s] = (others, drop)
        elif all(column[j] == STAFF_ONLY for j in others):
            twice[s] = (others, drop)
    # The other way round, the guardian's name the longer (the HR record's `Quintanilla`,
    # the school's `Quintanilla Reyes`): found from the few guardians of a long name, by
    # the staff names their shorter forms are, and held to the same rule, with the longer
    # names holding the staff member's counted as its forms (a third `Quintanilla Soto`).
    longer = (
        {
            s: gs
            for s, gs in _longer_guardians(forms, staff_of, column, names).items()
            if s not in candidates
        }
        if merge
        else {}
    )
    if longer:
        extra: set[Key] = set()
        for s, gs in longer.items():
            extra |= forms.scanned(names[s]) | forms.longer(forms.key(names[s]))
            for g in gs:
                extra |= forms.keys(names[g], drop=True) | forms.longer(forms.key(names[g]))
        holders.update(forms.holders(extra))
        for s, gs in sorted(longer.items()):
            own = forms.key(names[s])
            keys = forms.keys(names[s], drop=forms.long(names[s])) | forms.longer(own)
            weak = forms.weak(names[s], keys, holders)
            set_aside = aside[s] = set()
            others = _forms_of(
                s, own, keys, holders, reps, policy, guardian, weak=weak, aside=set_aside
            )
            if others is not None and gs <= others and one_person(s, others):
                candidates[s] = (others, True)
    shared_school = SharedSchool.of(roster, facts, students_of)
    found: list[Finding] = []
    for s, (others, drop) in sorted(candidates.items()):
        # the guardian's name has forms the staff member's may not (the closure's
        # keys): no one else may hold those either
        allowed = others | {s}
        set_aside = aside.get(s, set())
        if any(
            _guardian_forms(g, forms, drop, holders, reps, policy, allowed, set_aside)
            for g in others
        ):
            continue
        # a guardian record of the very name beside the forms is the equal-name warning's
        written_otherwise = sorted(j for j in others if names[j] != names[s])
        if not written_otherwise:
            continue
        g = written_otherwise[0]
        pair = pair_words(s, g, persons, reps, policy, shared_school, lines)
        how = compare_names(reps[s].name, reps[g].name, policy=policy)
        words = _form_words(how, forms, names[s], names[g], reps[s], reps[g])
        found.append(_finding(pair, how, persons[s].id, words, len(set_aside)))
    found += _two_staff_findings(
        twice, forms, holders, persons, reps, policy, shared_school, aside, lines
    )
    return found


def _two_staff_findings(
    twice: Mapping[int, tuple[set[int], bool]],
    forms: NameForms,
    holders: Mapping[Key, list[int]],
    persons: Persons,
    reps: Sequence[RecordFacts],
    policy: Policy,
    schools: SharedSchool | None,
    aside: Mapping[int, set[int]],
    lines: Lines = NO_LINES,
) -> list[Finding]:
    """The ``staff-name-forms`` warnings of the staff persons whose name's forms only
    other staff persons hold (``twice``: staff -> those persons, whether the name is
    long), by the rules of the staff-guardian pairs: no one else holds a form of the
    other's name either, and a name written the very same way is ``staff-same-name``'s.
    A pair found from both of its names is one warning. ``aside``: staff -> the persons
    of its name by one of its names alone, a far commoner name, set aside (:func:`_forms_of`)."""
    pairs: dict[tuple[int, int], set[int]] = {}
    for s, (others, drop) in twice.items():
        set_aside = set(aside.get(s, ()))
        if any(
            _guardian_forms(t, forms, drop, holders, reps, policy, others | {s}, set_aside)
            for t in others
        ):
            continue
        written_otherwise = sorted(t for t in others if forms.names[t] != forms.names[s])
        if written_otherwise:
            t = written_otherwise[0]
            pair = (s, t) if reps[s].sourced_id < reps[t].sourced_id else (t, s)
            pairs.setdefault(pair, set()).update(set_aside)
    out: list[Finding] = []
    for s, t in sorted(pairs, key=lambda p: (reps[p[0]].sourced_id, reps[p[1]].sourced_id)):
        how = compare_names(reps[s].name, reps[t].name, policy=policy)
        words = _form_words(how, forms, forms.names[s], forms.names[t], reps[s], reps[t])
        part = _part(how)
        out.append(
            staff_forms_finding(
                s,
                t,
                persons,
                reps,
                words=words,
                part=part,
                policy=policy,
                schools=schools,
                aside=len(pairs[s, t]),
                lines=lines,
            )
        )
    return out


_ONE_FAMILY = frozenset({STAFF_ONLY, GUARDIAN_ONLY})
"""The persons whose forms of a staff member's name this pass reads: staff or guardian
roles only (a student, or a person of both, holding a form leaves the name out)."""


_INITIALED = (
    "one name with a second given name written out on one record and as its initial on the other"
)
"""The warning's words for ``Mary Elizabeth`` beside ``Mary E.`` (a middle name both hold)."""


_INITIALS = "a name and the initials the person goes by"
"""The warning's words for ``JP`` beside ``Jean-Pierre`` (since session 51: "a name and its
nickname", as the comparison reads it)."""


_SUFFIXED = (
    "one name with a generational suffix (Jr., Sr., II, III) on one record only, as a "
    "parent and a child of one name also are"
)
"""The warning's words for ``John Ng Jr.`` beside ``John Ng``: one person, or two."""


_CREDENTIALED = (
    "one name with a credential (Ed.D., PhD, RN) after it on one record only, as HR "
    "records often write a staff member's name"
)
"""The warning's words for ``Maria Quintanilla, Ed.D.`` beside ``Maria Quintanilla``."""


def _part(how: NameComparison) -> str:
    """The name part a warning names: the given name when it differs by a form (or both
    parts are swapped), else the family name."""
    return (
        "givenName"
        if how.given in NAME_FORM_WORDS or how.kind is NameDifference.SWAPPED
        else "familyName"
    )


def _form_words(
    how: NameComparison, forms: NameForms, a: Key, b: Key, ra: RecordFacts, rb: RecordFacts
) -> str:
    """The warnings' words for how two names (``a``, ``b``, of records ``ra``, ``rb``) are
    one name written two ways, without the values."""
    if credential_dropped(ra.name, rb.name):
        return _CREDENTIALED
    if suffix_dropped(ra.name, rb.name):
        return _SUFFIXED
    if how.given is NameDifference.NICKNAME and goes_by_initials(ra.name, rb.name):
        return _INITIALS
    # one given name is the other with its later words as initials (Mary E.)
    if how.kind is NameDifference.MIDDLE_NAME and any(
        forms.initialed(long) == forms.given(short) for long, short in ((a[0], b[0]), (b[0], a[0]))
    ):
        return _INITIALED
    # Müller and Mueller: the letter written out, not an accent dropped
    if how.kind is NameDifference.DIACRITICS and _umlaut_written_out(a, b):
        return _WRITTEN_OUT
    return NAME_FORM_WORDS.get(how.kind, "one name written two ways")


_WRITTEN_OUT = "one name with an umlaut (or å, ø) and with it written out (ü as ue)"


def _umlaut_written_out(a: Key, b: Key) -> bool:
    """Whether name ``a`` is ``b`` with its umlauts, ``å`` or ``ø`` written out as two
    letters, or the other way round (``Müller`` and ``Mueller``, not ``Muller``)."""
    return any(
        (form := _umlaut_form(x)) is not None and form == _unmarked(y) for x, y in ((a, b), (b, a))
    )


def _finding(
    pair: PairWords, how: NameComparison, person_id: str, words: str, aside: int
) -> Finding:
    s, g = pair.staff, pair.guardian
    part = _part(how)
    return Finding(
        code=STAFF_GUARDIAN_NAME_FORMS,
        severity=Severity.WARNING,
        person_id=person_id,
        sourced_id=s,
        field=part,
        related=(s, g),
        message=f"staff record {s} and guardian record {g} hold {words} ({part}), "
        f"{no_one_else(aside)}, and {pair.common}: if they are one "
        "person (a staff member who is a parent), the sync creates a staff and a guardian "
        "account; ask the school, and to give the person one account "
        "write the name the same way and set the same email and SMS phone on both records "
        "(which form and which values are the person's choice); two people, or separate "
        f"accounts wanted, need nothing{pair.school}",
    )
