"""Whose a record's contact values are, when the record's own columns do not say plainly.

Two slips give a record a value that may not be its own:

- an address typed into a phone column, or left in the username with the email column
  empty (:func:`email_in_phone_column`, :func:`email_in_username`): read as the email
  the record meant, unless it is another person's (:func:`settle_moved_addresses`:
  other records hold it, or its local part spells a family member's or another given
  name);
- a note beside a value naming a person (``617-555-2368 (dad's cell)``): the value is
  the record's only where the note fits it (:func:`whose`, ``normalize._owner``).

The rules are kept apart from the facts they adjust (``match._records``), which call
them while building each record's facts, and once over all facts at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import attrs

from oneroster_identity.models import RoleFamily
from oneroster_identity.normalize import (
    EmailFlag,
    NameDifference,
    NormalizedEmail,
    NormalizedPhone,
    PersonName,
    Repair,
    compare_names,
    name_words,
    normalize_email,
    normalize_phone,
    office_mailbox,
)
from oneroster_identity.normalize._email_repair import PHONE_NUMBER
from oneroster_identity.normalize._nicknames import known_given_name, nicknames_of
from oneroster_identity.normalize._owner import note_owner, owner_fits, unowned
from oneroster_identity.normalize._text import strip_diacritics
from oneroster_identity.policy import Policy

if TYPE_CHECKING:
    from oneroster_identity.match._records import RecordFacts

__all__ = [
    "IN_PHONE_COLUMN",
    "IN_USERNAME",
    "ForeignAddress",
    "address_column",
    "email_in_phone_column",
    "email_in_username",
    "empty_or_stand_in",
    "holds_address",
    "mended_domain",
    "moved_email_column",
    "office_address",
    "settle_moved_addresses",
    "stand_in_email",
    "whose",
]


IN_PHONE_COLUMN = "in-phone-column"
"""The :class:`Repair` rule of an empty email whose address was typed into a phone column."""


def email_in_phone_column(
    email: NormalizedEmail, phones: Sequence[NormalizedPhone], policy: Policy
) -> NormalizedEmail:
    """``email``, or, when it is empty or a stand-in (:func:`stand_in_email`: ``N/A``,
    ``noemail@school.org``; since session 70) and the first of ``phones`` (the identity
    phone, then the home phone) holding an email address holds a usable one, ``email``
    with that address as its repair (rule :data:`IN_PHONE_COLUMN`): the record's own
    address in the wrong column. It blocks and compares as the value meant
    (``meant_key``), as a broken address does, so the record meets the record of the same
    person that holds it in the email column; its key stays ``None``, since the app sees
    no usable email there (a made-up one stays the credential the app reads:
    :func:`~oneroster_identity.match.made_up_key`).

    >>> from oneroster_identity.normalize import normalize_phone
    >>> moved = email_in_phone_column(
    ...     normalize_email(""), [normalize_phone("ana.diaz@gmail.com")], Policy()
    ... )
    >>> moved.key, moved.repaired, moved.meant_key
    (None, 'ana.diaz@gmail.com', 'ana.diaz@gmail.com')
    """
    if email.raw.strip() and not stand_in_email(email):
        return email
    for phone in phones:
        if holds_address(phone):
            return _found_elsewhere(
                email,
                normalize_email(phone.raw.strip(), policy=policy),
                IN_PHONE_COLUMN,
                f"the email column {empty_or_stand_in(email)} and a phone column holds an "
                "email address: it belongs in the email column",
                policy,
            )
    return email


def stand_in_email(email: NormalizedEmail) -> bool:
    """Whether an email column holds a stand-in for no address (``N/A``, ``none``,
    ``noemail@school.org``, ``none@none.com``) and nothing it means: an address found in
    another column of the record may take its place, as it would an empty column's."""
    return EmailFlag.PLACEHOLDER in email.flags and email.key is None and email.repair is None


def empty_or_stand_in(email: NormalizedEmail) -> str:
    """``is empty``, or ``holds a stand-in`` (:func:`stand_in_email`), for a reason's words."""
    return "holds a stand-in" if email.raw.strip() else "is empty"


_MENDED = ", with a typo in its domain ('{}' meant)"
"""What :func:`_found_elsewhere` adds to a repair's reason when it mended the moved
address's domain; :func:`mended_domain` reads it back."""
_MENDED_READ = re.compile(r", with a typo in its domain \('([^']*)' meant\)")


def mended_domain(email: NormalizedEmail) -> str | None:
    """The domain an address moved from another column (the username, a phone column)
    was mended to, its typo corrected in the repair (``ann@gmail.com.com`` ->
    ``gmail.com``); ``None`` for any other repair or none."""
    if email.repair is None or email.repair.rule not in (IN_USERNAME, IN_PHONE_COLUMN):
        return None
    found = _MENDED_READ.search(email.repair.reason)
    return found.group(1) if found is not None else None


def _found_elsewhere(
    email: NormalizedEmail, address: NormalizedEmail, rule: str, reason: str, policy: Policy
) -> NormalizedEmail:
    """``email`` (empty) with ``address``, found in another column, as its repair under
    ``rule``, when the address is usable; ``email`` as it is otherwise. An address with
    a typo in its domain is the repair mended (``ann@gmail.com.com`` ->
    ``ann@gmail.com``, as ``email-domain-typo`` would mend it once moved; before session
    61 the typo was suggested for the email column), as a broken address's repair is."""
    if address.key is None:
        return email
    value, key = address.raw.strip(), address.key
    if address.typo_mended is not None:
        mended = normalize_email(address.typo_mended, policy=policy)
        if mended.key is not None:
            value, key = mended.raw, mended.key
            reason += _MENDED.format(address.suggested_domain)
    repair = Repair(rule=rule, reason=reason, value=value, key=key)
    return attrs.evolve(email, repair=repair)


IN_USERNAME = "in-username"
"""The :class:`Repair` rule of an empty email whose record's username is an email address."""


def email_in_username(
    email: NormalizedEmail, username: str, policy: Policy, *, staff: bool = True
) -> NormalizedEmail:
    """``email``, or, when it is empty or a stand-in (:func:`stand_in_email`, since session
    70) and ``username`` is a usable email address, ``email`` with that address as its
    repair (rule :data:`IN_USERNAME`). SIS exports that leave a
    staff member's or a parent's email column empty often log them in with their address;
    the app reads the email column only, so the record has no email to it. As an address
    in a phone column does (:func:`email_in_phone_column`), it blocks and compares as the
    value meant, so the record meets the record of the same person that holds it as email;
    its key stays ``None``. On a record that is not ``staff``, an address at a district
    domain is left alone: a guardian's is more likely a child's school account than the
    guardian's own mailbox.

    >>> found = email_in_username(normalize_email(""), "ana.diaz@k12.example.us", Policy())
    >>> found.key, found.repaired, found.meant_key
    (None, 'ana.diaz@k12.example.us', 'ana.diaz@k12.example.us')
    >>> email_in_username(normalize_email(""), "adiaz", Policy()).repaired is None
    True
    """
    if (email.raw.strip() and not stand_in_email(email)) or email.repair is not None:
        return email
    if "@" not in username:
        return email
    address = normalize_email(username.strip(), policy=policy)
    if not staff and EmailFlag.DISTRICT in address.flags:
        return email
    return _found_elsewhere(
        email,
        address,
        IN_USERNAME,
        f"the email column {empty_or_stand_in(email)} and the username is an email address",
        policy,
    )


def office_address(email: NormalizedEmail) -> bool:
    """Whether a usable email is an office's or a role's mailbox at a district domain
    (``frontoffice@``, ``attendance@``: :func:`~oneroster_identity.normalize.office_mailbox`):
    no one's own address when a guardian record holds it (since session 58)."""
    return (
        email.key is not None and EmailFlag.DISTRICT in email.flags and office_mailbox(email.local)
    )


def holds_address(phone: NormalizedPhone) -> bool:
    """Whether a phone column holds an email address (its repair rule ``email-address``)."""
    return phone.repair is not None and phone.repair.rule == "email-address"


def address_column(f: RecordFacts) -> str | None:
    """The first phone column (the identity phone's, then ``phone``) holding an email
    address, the one :func:`email_in_phone_column` reads; ``None`` when none does."""
    if holds_address(f.phone):
        return f.phone_field
    if f.phone_field != "phone" and holds_address(f.home_phone):
        return "phone"
    return None


def moved_email_column(f: RecordFacts) -> str | None:
    """The phone column (``sms`` or ``phone``) whose email address the record's facts
    read as its email (:func:`email_in_phone_column`), or ``None``."""
    repair = f.email.repair
    if repair is None or repair.rule != IN_PHONE_COLUMN:
        return None
    return address_column(f)


_Contact = TypeVar("_Contact", NormalizedEmail, NormalizedPhone)


def whose(
    value: _Contact,
    name: PersonName,
    families: frozenset[RoleFamily],
    what: str,
    sex: Callable[[], str] | None = None,
) -> _Contact:
    """``value``, or ``value`` with its repair taken back (:func:`unowned`) when the note
    beside it names a person this record does not show it is (``617-555-2368 (dad's
    cell)`` on a record whose name is a woman's, ``ana@gmail.com (mom)`` on a student's):
    the value may be another person's, and suggested alone it would give this record
    their credential. Nor does it block or compare as that value. ``what`` is ``number``
    or ``address``, for the reason's words; ``sex`` reads the record's
    ``demographics.csv`` value, as written, called only for a value whose note names
    someone (a roster lookup the million other records need not pay).

    >>> from oneroster_identity.normalize import normalize_phone
    >>> noted = normalize_phone("617-555-2368 (dad's cell)")
    >>> adult = frozenset({RoleFamily.GUARDIAN})
    >>> whose(noted, PersonName(given="Jose", family="Ruiz"), adult, "number").repaired
    '617-555-2368'
    >>> whose(noted, PersonName(given="Ana", family="Ruiz"), adult, "number").repaired is None
    True
    """
    repair = value.repair
    if repair is None or repair.owner is None:
        return value
    student = RoleFamily.STUDENT in families
    if owner_fits(repair.owner, name, student=student, sex=sex() if sex else ""):
        return value
    taken = unowned(repair, what=what)
    return attrs.evolve(value, repair=taken, reason=taken.reason)


class ForeignAddress(NamedTuple):
    """Why an address read from a phone column or the username is another person's."""

    records: tuple[str, ...]
    """The records it is theirs by: holding it as their email, or named by it."""
    named: bool
    """Whether its local part spells their given name (else they hold it as their email)."""
    kin: str = ""
    """A kin word its local part holds as a word that nothing on the record shows it is
    (``mom`` in ``ruiz.mom@`` on a man's record; since session 46), with no records named."""
    initial: str = ""
    """The initial its local part puts before (or after) the record's family name when it
    is no initial of the record's given name or its short forms (``aruiz@`` on Jose
    Ruiz's record; since session 47); ``records``: the linked records it is the initial
    of, if any."""


def settle_moved_addresses(
    facts: dict[str, RecordFacts],
    moved: Sequence[str],
    policy: Policy,
    linked: Callable[[str], Iterable[str]] | None = None,
) -> dict[str, ForeignAddress]:
    """Take back an address read from a phone column or the username
    (:func:`email_in_phone_column`, :func:`email_in_username`) when it is another
    person's: other records hold it as their email, and every one of them has a different
    name (a parent's address typed into a child's SMS column); or, for an address in a
    phone column, its local part spells another given name than the record's: of a record
    it is linked to by ``linked`` (its guardians and students: ``ana.ruiz@...`` in Leo
    Ruiz's SMS column, Ana his mother), or a known given name (``jose.ruiz@...`` in Ana's).
    Those records' facts in ``facts`` lose the address, so it is neither evidence nor a
    value a fix could offer; returns, for each, the records it is theirs by.

    One pass over ``facts``, made only when ``moved`` (the builder's list) is not empty."""
    if not moved:
        return {}
    wanted: dict[str, list[str]] = {}
    for sid in moved:
        repair = facts[sid].email.repair
        if repair is not None and repair.key is not None:
            wanted.setdefault(repair.key, [])
    for sid, f in facts.items():
        key = f.email.key
        if key is not None and key in wanted:
            wanted[key].append(sid)
    foreign: dict[str, ForeignAddress] = {}
    for sid in moved:
        f = facts[sid]
        repair = f.email.repair
        if repair is None or repair.value is None:
            continue
        holders = wanted.get(repair.key or "", [])
        if holders and all(
            compare_names(f.name, facts[h].name, policy=policy).kind is NameDifference.DIFFERENT
            for h in holders
        ):
            found = ForeignAddress(tuple(holders), named=False)
        elif repair.rule == IN_PHONE_COLUMN:
            # (a username is the person's own login: its name is not read)
            named = _named_in(repair.value, f, facts, tuple(linked(sid)) if linked else (), policy)
            if named is None:
                continue
            found = named
        else:
            continue
        facts[sid] = attrs.evolve(f, email=attrs.evolve(f.email, repair=None))
        foreign[sid] = found
    return foreign


def numbers_held_elsewhere(
    facts: Mapping[str, RecordFacts], policy: Policy
) -> dict[str, tuple[str, ...]]:
    """For each record whose email column holds a phone number and whose SMS column is
    empty (``phone-in-email-column``), the other records holding that number as their
    SMS or home phone: a number that is another person's (a parent's on a child's
    record) is not this record's to move into its SMS column. Records whose number no one
    else holds are left out. One pass over ``facts``, and a second only when some email
    column holds a number."""
    wanted: dict[str, list[str]] = {}
    mine: dict[str, str] = {}
    for sid, f in facts.items():
        repair = f.email.repair
        if repair is not None and repair.rule == PHONE_NUMBER and not f.phone.raw:
            number = normalize_phone(f.email.raw, policy=policy).e164
            if number is not None:
                wanted.setdefault(number, [])
                mine[sid] = number
    if not mine:
        return {}
    for sid, f in facts.items():
        for phone in (f.phone, f.home_phone):
            if phone.e164 is not None and phone.e164 in wanted:
                wanted[phone.e164].append(sid)
    return {
        sid: holders
        for sid, number in mine.items()
        if (holders := tuple(dict.fromkeys(h for h in wanted[number] if h != sid)))
    }


def _named_in(
    address: str,
    f: RecordFacts,
    facts: Mapping[str, RecordFacts],
    linked: Sequence[str],
    policy: Policy,
) -> ForeignAddress | None:
    """Whose an address in ``f``'s phone column names when it is not ``f``'s own, read in
    this order: another given name (:func:`_named_by`), a kin word that does not fit
    (:func:`_kin_not_fitting`), another initial beside the family name
    (:func:`_other_initial`); ``None`` when it names no one else. ``linked``: the records
    linked to ``f`` (its guardians and students)."""
    named = _named_by(address, f, facts, linked, policy)
    if named is not None:
        return ForeignAddress(named, named=True)
    kin = _kin_not_fitting(address, f)
    if kin is not None:
        return ForeignAddress((), named=True, kin=kin)
    other = _other_initial(address, f, facts, linked)
    if other is None:
        return None
    initial, records = other
    return ForeignAddress(records, named=True, initial=initial)


def _spells(letters: str, words: Sequence[str], given: str) -> bool:
    """Whether an address's local part (``letters``: its letters only; ``words``: its
    runs of letters) spells a given name (folded, three letters or more): as a word, at
    its start, or, four letters or more, anywhere in it (``anajose``)."""
    return len(given) >= 3 and (
        given in words or letters.startswith(given) or (len(given) >= 4 and given in letters)
    )


_LETTER_RUNS = re.compile(r"[^\W\d_]+")


def _local_words(address: str) -> list[str]:
    """The runs of letters of an address's local part, folded (``ana.ruiz2@``: ``ana``,
    ``ruiz``): the words the rules below read for whose the address is."""
    return _LETTER_RUNS.findall(address.rpartition("@")[0].casefold())


def _kin_not_fitting(address: str, f: RecordFacts) -> str | None:
    """The kin word an address's local part holds as a word (``mom@``, ``ruiz.dad@``,
    ``abuela.ruiz@``) when it does not fit ``f``'s record (``normalize._owner``): ``mom`` on
    a man's, ``dad`` on a woman's, ``son`` on an adult's; else ``None``. A word holding
    the kin word inside it (``soccermom``, ``Trinidad``) is not read."""
    student = RoleFamily.STUDENT in f.families
    for word in _local_words(address):
        owner = note_owner(word)
        if owner is None or owner.kind == "name":
            continue
        if not owner_fits(owner, f.name, student=student, sex=str(f.user_value("sex"))):
            return word
    return None


def _named_by(
    address: str,
    f: RecordFacts,
    facts: Mapping[str, RecordFacts],
    linked: Iterable[str],
    policy: Policy,
) -> tuple[str, ...] | None:
    """Whose given name an address's local part spells when it is not ``f``'s own: the
    records linked to ``f`` of the names it spells (``ana.ruiz@`` for Leo Ruiz, linked to
    Ana), or ``()`` for a known given name no linked record holds (``jose.ruiz@`` for Ana
    Ruiz); ``None`` when it spells ``f``'s own name (or a nickname of it), or none."""
    words = [strip_diacritics(w) for w in _local_words(address)]
    letters = "".join(words)
    own = name_words(f.name.given)
    if any(_spells(letters, words, w) for w in own):
        return None
    named: dict[str, list[str]] = {}
    for other in linked:
        g = facts.get(other)
        if g is None:
            continue
        first = name_words(g.name.given)[:1]
        if first and _spells(letters, words, first[0]):
            named.setdefault(first[0], []).append(other)
    if named:
        # (two family members' names, `anajose@`: a family address, theirs, not this one's)
        return tuple(sorted(sid for holders in named.values() for sid in holders))
    # another person's given name (`jose.ruiz@` for Ana), as a word or glued to the
    # record's family name (`joseruiz@`)
    for word in (*words, *_beside_family(letters, f)):
        if len(word) >= 3 and known_given_name(word):
            as_given = PersonName(given=word, family=f.name.family)
            if compare_names(as_given, f.name, policy=policy).given is NameDifference.DIFFERENT:
                return ()
    return None


def _family_forms(f: RecordFacts) -> list[str]:
    """The record's family name as an address's local part may write it, folded: whole
    (``ruizgarcia``) and each word of three letters or more (``ruiz``, ``garcia``)."""
    words = [strip_diacritics(w) for w in name_words(f.name.family)]
    whole = "".join(words)
    return [whole, *(w for w in words if len(w) >= 3 and w != whole)] if len(whole) >= 3 else []


def _beside_family(letters: str, f: RecordFacts) -> list[str]:
    """What an address's local part (``letters``: its letters only, folded) holds before
    or after the record's family name, in each form it may write it (``anaruiz``:
    ``ana``; ``ruiza``: ``a``); nothing when it neither starts nor ends with it."""
    return [
        rest
        for family in _family_forms(f)
        for rest in (letters.removesuffix(family), letters.removeprefix(family))
        if rest != letters
    ]


def _other_initial(
    address: str,
    f: RecordFacts,
    facts: Mapping[str, RecordFacts],
    linked: Sequence[str],
) -> tuple[str, tuple[str, ...]] | None:
    """The initial an address's local part writes with the record's family name
    (``aruiz@``, ``a.ruiz84@``, ``ruiz.a@``) when it is the initial of none of the
    record's given names nor of their short forms (``b`` is Robert's, as Bob's; ``p`` is
    Jose's, as Pepe's), with the linked records whose given name it is the initial of:
    the address is likelier another family member's (Ana's, on Jose Ruiz's record) than
    this person's. ``None`` when it fits, or the local part is no such form (or the
    record has no given name to compare with)."""
    letters = "".join(strip_diacritics(w) for w in _local_words(address))
    initials = [rest for rest in _beside_family(letters, f) if len(rest) == 1]
    if not initials:
        return None
    initial = initials[-1]
    given = [strip_diacritics(w) for w in name_words(f.name.given)]
    if not given:
        return None
    fits = {w[0] for w in given} | {n[0] for w in given for n in nicknames_of(w)}
    if initial in fits:
        return None
    records = []
    for other in linked:
        g = facts.get(other)
        first = name_words(g.name.given)[:1] if g is not None else []
        if first and strip_diacritics(first[0]).startswith(initial):
            records.append(other)
    return initial, tuple(sorted(records))
