"""Candidate pairs by blocking: which persons are compared at all.

No all-pairs comparison: persons are compared only when they share a blocking key
(email, SMS phone, home phone, mailbox, name, loosened name, email local part, corrected
email), or a household link, a birth date with a name, or a state ID. Blocks are built
one key type at a time so memory holds one index at once. A name block of many holders
(hundreds of Maria Garcias) is narrowed to the pairs whose contacts could be one value
typed two ways, when the weights say a name alone cannot make such a pair likely one
person (:func:`name_only_ceiling`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter
from types import MappingProxyType

from rapidfuzz import process
from rapidfuzz.distance import OSA

from oneroster_identity._memo import run_cache
from oneroster_identity.match._household import HouseholdIndex
from oneroster_identity.match._keys import shared_keys
from oneroster_identity.match._records import RecordFacts, only_family, read_back_keys
from oneroster_identity.match._weights import DEFAULT_WEIGHTS, Weights, sigmoid
from oneroster_identity.models import RoleFamily
from oneroster_identity.normalize import EmailDifference, EmailFlag, NameDifference, PhoneDifference
from oneroster_identity.normalize._encoding import ungarbled, without_lost_letters
from oneroster_identity.normalize._names import name_key, saint_written_out
from oneroster_identity.normalize._nicknames import are_nicknames
from oneroster_identity.normalize._spelling import spelling_initial
from oneroster_identity.normalize._suffixes import suffix_forms
from oneroster_identity.normalize._text import (
    fold_key,
    strip_diacritics,
    strip_punctuation,
    written_out,
)
from oneroster_identity.normalize._titles import without_title
from oneroster_identity.policy import Policy

__all__ = [
    "BLOCK_KEYS",
    "MAX_NARROWED_BLOCK",
    "NAME_BLOCKS",
    "LooseParts",
    "block_column",
    "candidate_pairs",
    "loose_part",
    "name_only_ceiling",
    "phone_typo_needs_email_gap",
]


def _loose_name(f: RecordFacts) -> tuple[str, ...] | None:
    # Cached by part, not by whole name: a district has tens of thousands of distinct
    # parts, which the parts' cache holds, and hundreds of thousands of distinct names,
    # which a bounded cache of whole names would keep evicting (1M persons: 0.75 -> 0.40 s,
    # and 100k: 0.07 -> 0.03 s).
    given, family = f.name_key
    # characters a program garbled (`GarcÃ­a`, `O&#39;Brien`) block as the name read back
    given, family = _read_back(f.name.given, given), _read_back(f.name.family, family)
    return _loose_key(loose_part(given), loose_part(family))


def _read_back(raw: str, key: str) -> str:
    """The key of a name part read back when a program garbled it, keyed as
    ``key`` keys ``raw`` (folded, or as written under a strict policy); ``key`` else."""
    repaired = ungarbled(raw)
    if repaired is None:
        return key
    return repaired if key == raw else fold_key(repaired)


def _loose_key(given: str, family: str) -> tuple[str, ...] | None:
    """The loose-name block key of two loosened parts: without their spaces (``De La Cruz``
    meets ``Delacruz``, ``Mary Ann`` ``Maryann``; :func:`compact_family`), in either order
    (swapped names meet), none when a part is empty."""
    if not given or not family:
        return None
    given, family = given.replace(" ", ""), compact_family(family)
    return (given, family) if given <= family else (family, given)


def compact_family(loose: str) -> str:
    """A loosened family name (:func:`loose_part`) as the blocks key it: without its
    spaces, ``St``/``Ste`` before another word written out (``De La Cruz`` is
    ``delacruz``, ``St. Pierre`` and ``Saint-Pierre`` are ``saintpierre``). The key of a
    one-word name is the name itself."""
    if " " not in loose:
        return loose
    return "".join(saint_written_out(loose.split()))


def _local(f: RecordFacts) -> str | None:
    if f.email.local and EmailFlag.PLACEHOLDER not in f.email.flags and len(f.email.local) >= 5:
        return f.email.local.casefold()
    return None


def _corrected(f: RecordFacts) -> str | None:
    if f.email.suggested_domain:
        return f"{f.email.local.casefold()}@{f.email.suggested_domain}"
    if f.email.usable:
        return f"{f.email.local.casefold()}@{f.email.domain}"
    return None


BLOCK_KEYS: tuple[tuple[str, Callable[[RecordFacts], object]], ...] = (
    # An invalid value with a mechanical repair blocks as the value it meant, so the
    # record meets the one holding that value (compared as ``same-once-repaired``).
    ("email", lambda f: f.email.meant_key),
    ("sms", lambda f: f.phone.meant_key),
    ("home-phone", lambda f: f.home_phone.key),
    ("mailbox", lambda f: f.email.meant_mailbox_key),
    ("name", lambda f: f.name_key if all(f.name_key) else None),
    ("loose-name", _loose_name),
    ("email-local", _local),
    ("corrected-email", _corrected),
)


def _loose_column(reps: Sequence[RecordFacts], read_back: Mapping[str, str]) -> list[object]:
    """Loose-name keys, computed once per distinct name, for the records whose loose block
    spans two or more exact names (swapped, or differing in accents, punctuation or
    spacing);
    ``None`` for the rest, whose loose block would hold the records of one exact-name
    block, which ``candidate_pairs`` skips. At a million records that leaves about 550
    blocks to index instead of 83,000. A name a program garbled is keyed as the name
    read back (``read_back``: :attr:`~oneroster_identity.match._records.FactsBuilder.
    read_back`), so it meets the name as typed."""
    names = [f.name_key for f in reps]
    parts = LooseParts(read_back)
    first: dict[tuple[str, ...], tuple[str, str]] = {}
    wanted: dict[tuple[str, str], tuple[str, ...]] = {}
    for key in set(names):
        given, family = parts[key[0]], parts[key[1]]
        # A name loosening leaves alone, in order, is its own loose key: no new tuple.
        if (
            given is key[0]
            and family is key[1]
            and given
            and given <= family
            and " " not in given
            and " " not in family
        ):
            loose: tuple[str, ...] | None = key
        else:
            loose = _loose_key(given, family)
        if loose is None:
            continue
        seen = first.setdefault(loose, key)
        if seen is not key:  # the loose block spans two exact names: both are wanted
            wanted[seen] = wanted[key] = loose
    del first
    return list(map(wanted.get, names))


_BLOCK_COLUMNS: Mapping[str, Callable[[Sequence[RecordFacts], Mapping[str, str]], list[object]]] = {
    "loose-name": _loose_column,
}
"""Block types whose keys are computed a column at a time. A column gives the blocks of
:data:`BLOCK_KEYS`'s function (tested), less those ``candidate_pairs`` would skip: the
loose-name column holds a key only where its block spans two or more exact names, once
per distinct name with a run's own part cache, which a bounded cache cannot be at a
million records (807k misses). The other key types cost about the same either way
(measured at 1M), so they keep their one definition in :data:`BLOCK_KEYS`."""


def block_column(
    block_type: str,
    key_of: Callable[[RecordFacts], object],
    reps: Sequence[RecordFacts],
    read_back: Mapping[str, str] | None = None,
) -> list[object]:
    """``[key_of(f) for f in reps]``, by the column builder of ``block_type`` when there
    is one (``read_back``: the garbled name keys read back, :func:`~oneroster_identity.
    match._records.read_back_keys` of ``reps`` when not given)."""
    build = _BLOCK_COLUMNS.get(block_type)
    if build is None:
        return [key_of(f) for f in reps]
    return build(reps, read_back_keys(reps, Policy()) if read_back is None else read_back)


NAME_BLOCKS = frozenset({"name", "loose-name"})
"""Block types whose large blocks are narrowed to contact-similar pairs."""
MAX_NARROWED_BLOCK = 5000
"""A name block larger than this is skipped even when narrowed (cost grows as n²/2 OSA
comparisons in rapidfuzz's C code)."""


def _best_name_in_large_block(weights: Weights) -> float:
    """The most a name can add to a pair in a name block of three or more: an exact name
    there is common (three holders), any other related name is a variant."""
    equal = (NameDifference.IDENTICAL, NameDifference.BENIGN, NameDifference.DIFFERENT)
    return max(
        weights.name[NameDifference.IDENTICAL] + weights.common_name,
        max(v for k, v in weights.name.items() if k not in equal),
    )


def name_only_ceiling(weights: Weights = DEFAULT_WEIGHTS) -> float:
    """The highest confidence a pair in a name block of three or more can reach with no
    contact evidence: its name is common (or not exactly equal) and its email and phone
    are missing or different. It depends on the weights alone; when a policy's threshold
    is above it, such blocks only need their contact-similar pairs compared (see
    :func:`candidate_pairs`)."""
    best_name = _best_name_in_large_block(weights)
    contact = max(0.0, weights.email[EmailDifference.MISSING], weights.work_vs_personal_email)
    contact += max(0.0, weights.phone[PhoneDifference.MISSING])
    return sigmoid(weights.prior + best_name + contact)


def phone_typo_needs_email_gap(policy: Policy, weights: Weights = DEFAULT_WEIGHTS) -> bool:
    """Whether a narrowed name-block pair with a phone typo needs more than differing
    emails to be flagged: then only records without a usable email (level ``missing``)
    or staff records (``work-vs-personal``) are searched for phone typos."""
    score = (
        weights.prior
        + _best_name_in_large_block(weights)
        + weights.phone[PhoneDifference.TYPO]
        + weights.email[EmailDifference.DIFFERENT]
    )
    return sigmoid(score) < policy.likely_same_threshold


def _contact_similar(
    members: Sequence[int],
    reps: Sequence[RecordFacts],
    *,
    email_gap_only: bool,
    limit: int,
) -> Iterator[tuple[int, int]]:
    """Pairs of a block whose emails or SMS phones could be a typo or alias of each other.

    A superset of the pairs ``judge`` can score above zero on contact: the same email
    local part (other domain, domain typo), a local-part typo within one domain (OSA
    distance <= 2) and a phone typo (OSA distance <= 1 on the digits); and the pairs
    holding one email, SMS phone, or SMS phone another's home phone, which also meet
    through their own blocks when those are small enough. With ``email_gap_only`` (see
    :func:`phone_typo_needs_email_gap`), phone typos are searched only from records
    without a usable email and from staff records.

    A value more than ``limit`` records of the block hold (``Policy.max_block_size``: a
    school office's address or number typed on hundreds of families of common names)
    pairs none of them, as a block that large pairs none; its holders still meet through
    their other values. Before session 43 its pairs grew with the square of the group
    (500 records of one name on one address: 125,000 pairs, and a likely-same item of
    them all).
    """
    emails: dict[str, dict[str, list[int]]] = {}  # domain -> local part -> holders
    locals_: dict[str, dict[str, list[int]]] = {}  # local part -> domain -> holders
    phones: dict[str, list[int]] = {}  # digits -> holders
    seekers: dict[str, list[int]] = {}
    homes: dict[str, list[int]] = {}
    sms: dict[str, list[int]] = {}
    for i in members:
        f = reps[i]
        home = f.home_phone.key
        if home is not None:
            homes.setdefault(home, []).append(i)
        if f.phone.key is not None:
            sms.setdefault(f.phone.key, []).append(i)
        if f.email.usable:
            local = f.email.local.casefold()
            domain = f.email.suggested_domain or f.email.domain
            emails.setdefault(domain, {}).setdefault(local, []).append(i)
            locals_.setdefault(local, {}).setdefault(domain, []).append(i)
        if f.phone.usable:
            phones.setdefault(f.phone.digits, []).append(i)
            if not f.email.usable or RoleFamily.STAFF in f.families:
                seekers.setdefault(f.phone.digits, []).append(i)
    for key, holders in sms.items():
        near_home = homes.get(key)
        if near_home is not None and len(holders) <= limit and len(near_home) <= limit:
            yield from ((i, j) for i in holders for j in near_home if j != i)
    for by_domain in locals_.values():  # one local part: one address, or other domains
        same = [i for holders in by_domain.values() for i in holders]
        if len(same) <= limit:
            yield from _all_pairs(same)
        else:  # too many to pair across domains; an address few hold still pairs
            for holders in by_domain.values():
                if len(holders) <= limit:
                    yield from _all_pairs(holders)
    for by_local in emails.values():
        spelled = [(local, holders) for local, holders in by_local.items() if len(holders) <= limit]
        for (x, xs), (y, ys) in _near(spelled, 2):
            if not _numbered_variants(x, y):
                yield from ((i, j) for i in xs for j in ys)
    held = [(digits, holders) for digits, holders in phones.items() if len(holders) <= limit]
    if not email_gap_only:
        for holders in (h for _, h in held):
            yield from _all_pairs(holders)
        yield from _phone_typos(held)
    elif seekers and len(phones) > 1:
        numbers = [t for t, _ in held]
        for digits, looking in seekers.items():
            if len(looking) > limit:
                continue
            for _, _, at in process.extract(
                digits, numbers, scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                yield from ((i, j) for i in looking for j in held[at][1] if j != i)


def _all_pairs(items: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Every pair of ``items``, each once."""
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            yield items[x], items[y]


_DIGITS = "0123456789"


def _numbered_variants(a: str, b: str) -> bool:
    """``maria.garcia82`` and ``mariagarcia1284``: one name with other numbers, which
    ``compare_emails`` calls ``different`` (providers number different people of one
    name), so such a pair has no contact evidence to search for."""
    da, db = a.casefold().replace(".", ""), b.casefold().replace(".", "")
    return da != db and da.rstrip(_DIGITS) == db.rstrip(_DIGITS)


def _near(
    items: list[tuple[str, list[int]]], limit: int
) -> Iterator[tuple[tuple[str, list[int]], tuple[str, list[int]]]]:
    """Pairs of distinct texts (each with its holders) within OSA distance ``limit``
    (rapidfuzz, in C)."""
    if len(items) < 2:
        return
    texts = [t for t, _ in items]
    for x, item in enumerate(items):
        for _, _, y in process.extract(
            item[0], texts, scorer=OSA.distance, score_cutoff=limit, limit=None
        ):
            if y > x:
                yield item, items[y]


def _phone_typos(phones: list[tuple[str, list[int]]]) -> Iterator[tuple[int, int]]:
    """Pairs of holders of distinct phones one digit apart or with two adjacent digits
    swapped (the phone ``typo`` level), found through masked keys: linear in the distinct
    numbers, not quadratic."""
    if len(phones) < 2:
        return
    keys: dict[str, list[int]] = {}
    for n, (digits, _) in enumerate(phones):
        for p in range(len(digits)):
            keys.setdefault(f"{digits[:p]}*{digits[p + 1 :]}", []).append(n)
            if p + 1 < len(digits):
                keys.setdefault(f"{digits[:p]}**{digits[p + 2 :]}", []).append(n)
    for numbers in keys.values():
        for x in range(len(numbers)):
            for y in range(x + 1, len(numbers)):
                xs, ys = phones[numbers[x]][1], phones[numbers[y]][1]
                yield from ((i, j) for i in xs for j in ys)


def _plausibly_one_name(x: RecordFacts, y: RecordFacts, parts: Mapping[str, str]) -> bool:
    """A cheap test of whether two records of one household may be one person entered
    twice: the given names start alike (as written, or as spelled after any title: Camila
    and Kamila, Mrs. Ana and Ana) or are nicknames, or the names are swapped, or (since
    session 57) a name in another script shares a word with the other. Siblings
    and co-parents with other given names (most pairs of a household) are not compared.
    ``parts`` loosens a name part (a :class:`LooseParts`)."""
    gx, gy = parts[x.name_key[0]], parts[y.name_key[0]]
    if not gx or not gy or gx[0] == gy[0] or are_nicknames(gx, gy):
        return True
    if gx == parts[y.name_key[1]] or gy == parts[x.name_key[1]]:
        return True
    if not (gx.isascii() and gy.isascii()) and not _words(gx).isdisjoint(_words(gy)):
        return True  # a name in a second script too (`由紀 (Yuki)`, `Yuki`): a word in common
    # One name spelled two ways may start with another letter (Camila, Kamila), and a
    # title typed before it hides its first letter (Mrs. Ana, Ana).
    return _lead(gx) == _lead(gy)


def _words(given: str) -> set[str]:
    """A loosened given name's words, without the brackets a note keeps (``(yuki)``)."""
    return {w.strip("()[]{}\"'") for w in given.split()} - {""}


@run_cache
@lru_cache(maxsize=1 << 16)
def _lead(given: str) -> str:
    """The first letter of a loosened given name as spelled, after any title."""
    words = without_title(tuple(given.split()))
    return spelling_initial(words[0]) if words else ""


def _loosen(key: str) -> str:
    return strip_diacritics(strip_punctuation(key))


loose_part = run_cache(lru_cache(maxsize=1 << 16)(_loosen))
"""A name part without accents or punctuation (its words spaced), as the loose-name blocks
key it. For one-off comparisons; whole-roster passes use a :class:`LooseParts` of their
run."""


_NOTHING_READ_BACK: Mapping[str, str] = MappingProxyType({})


class LooseParts(dict[str, str]):
    """One run's loosened name parts, each computed once (a million-record roster has
    far more distinct names than a bounded cache would hold, and nothing outlives the run).
    A part whose key ``read_back`` holds (a name a program garbled:
    :attr:`~oneroster_identity.match._records.FactsBuilder.read_back`) is loosened as the
    name read back."""

    def __init__(self, read_back: Mapping[str, str] = _NOTHING_READ_BACK) -> None:
        super().__init__()
        self._read_back = read_back

    def __missing__(self, key: str) -> str:
        read_back = self._read_back
        value = self[key] = _loosen(read_back.get(key, key) if read_back else key)
        return value


_SOURCED_ID = attrgetter("sourced_id")
_FAMILIES = attrgetter("families")


def _household_pairs(
    reps: Sequence[RecordFacts], households: HouseholdIndex, policy: Policy
) -> Iterator[tuple[int, int]]:
    """Pairs of one household and one role family (guardians, or students) whose names may
    be one person's (:func:`_plausibly_one_name`); households larger than the policy's
    ``max_block_size`` (a placeholder guardian linked to hundreds of students) are skipped."""
    # Columns built by C-level maps (a call per record cost 0.7 s at a million records);
    # students and guardians indexed apart, so the keys are the household strings.
    homes = households.households_of(map(_SOURCED_ID, reps))
    families = list(map(_FAMILIES, reps))
    side = {fam: _household_side(fam) for fam in set(families)}  # a few shared sets
    sides = list(map(side.__getitem__, families))
    del families
    parts = LooseParts()
    for wanted in (True, False):
        column = [h if s is wanted else None for h, s in zip(homes, sides, strict=True)]
        for members in shared_keys(column).values():
            if len(members) > policy.max_block_size:
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    if _plausibly_one_name(reps[i], reps[j], parts):
                        yield i, j


def _household_side(families: frozenset[RoleFamily]) -> bool | None:
    """Which side of a household a record pairs on: ``True`` for a student record,
    ``False`` for a guardian (a guardian who is also staff too), ``None`` for neither."""
    if only_family(families, RoleFamily.STUDENT):
        return True
    return False if RoleFamily.GUARDIAN in families else None


BirthKey = tuple[str, str, dt.date]
"""A ``name-birth-date`` block key: given name's lead, family name key, birth date."""


def _birth_key(
    f: RecordFacts, read_back: Mapping[str, str] = _NOTHING_READ_BACK
) -> BirthKey | None:
    """The ``name-birth-date`` block key: the given name's first letter as spelled (after
    a title), the family name and the birth date. Wider than the exact name, so a child
    entered twice at another school with the middle name typed into the given-name field
    (Camila, Camila R.) or another spelling (Camila, Kamila) meets the first record even
    when the guardians were typed again too (no household link); the birth date keeps the
    blocks small (twins and namesakes born the same day). The family name is keyed
    by :func:`compact_family`, so ``De La Cruz`` at one school meets ``Delacruz`` at
    another, and ``St. Pierre`` ``Saint-Pierre``; a name a program garbled is
    keyed as the name read back (``read_back``: :attr:`~oneroster_identity.match._records.
    FactsBuilder.read_back`)."""
    born = f.birth_date
    if born is None or not all(f.name_key):
        return None
    given, family = f.name_key
    if read_back:
        given, family = read_back.get(given, given), read_back.get(family, family)
    key = compact_family(loose_part(family))
    if _REPLACEMENT in key:
        # (`Mu�oz`: the letter lost, keyed as `Mu?oz` is, `muoz`, which `Muñoz` looks up)
        key = key.replace(_REPLACEMENT, "")
    return (_lead(given), key, born)


_REPLACEMENT = "\ufffd"
"""The character a program writes for one it could not decode (``Mu�oz``)."""


def _other_birth_keys(
    reps: Sequence[RecordFacts], born_keys: Sequence[BirthKey | None], policy: Policy
) -> Iterator[tuple[int, int]]:
    """The ``name-birth-date`` pairs of a record and another whose key is one of the
    first record's other keys (:func:`_more_birth_keys`): the name written as a second
    school's form took it, the child's guardians typed again there, which leaves no
    household link between the records. The other keys are looked up in one C-level
    pass over every record's key (``born_keys``, the :func:`_birth_key` of each record);
    few records have any (a name of one unaccented word in each part, nearly every name,
    has none)."""
    wanted: dict[BirthKey, list[int]] = {}
    for i in compress(count(), map(_BIRTH_DATE, reps)):
        f = reps[i]
        given, written = f.name_key
        preferred = f.name.preferred_given
        if written.isalpha() and written.isascii() and given.isalpha() and not preferred:
            continue
        for other in _more_birth_keys(f, born_keys[i], policy):
            wanted.setdefault(other, []).append(i)
    if not wanted:
        return
    for j in compress(count(), map(wanted.__contains__, born_keys)):
        key = born_keys[j]
        holders = wanted[key] if key is not None else ()
        if len(holders) <= policy.max_block_size:
            for i in holders:
                if i != j:
                    yield (i, j) if i < j else (j, i)


_BIRTH_DATE = attrgetter("birth_date")


def _more_birth_keys(f: RecordFacts, key: BirthKey | None, policy: Policy) -> set[BirthKey]:
    """A record's other ``name-birth-date`` keys (``key`` its own, ``None`` when a name part
    is empty), each the key of a record of the name as another school may have typed it:

    - each word of a family name of two words or more (``Ruiz Lopez`` and ``Ruiz-Lopez``
      meet ``Ruiz``: one school's form takes both family names, another's one);
    - the first letter of each later word of a given name of two words or more (``Thi
      Lan`` and ``Maria Camila`` meet ``Lan`` and ``Camila``: the child goes by the
      second name, and the other school typed that one alone);
    - the first letter of a preferred given name (``preferredGivenName``) unlike the given
      name's (``William`` going by ``Liam`` meets ``Liam``);
    - a family name with an umlaut, ``å`` or ``ø`` written out (``Müller`` meets
      ``Mueller``, as it meets ``Muller`` by its own key; :func:`written_out`);
    - for a whole name typed in the given-name field, the family name empty, its first
      and last words either way round (``Lan Nguyen`` and, family first, ``Nguyen Lan``
      meet ``Lan`` / ``Nguyen``);
    - since session 50, a generational suffix in its other notations or typed in the other
      field (``Cruz III`` meets ``Cruz 3rd`` and ``Cruz 3``; ``Mateo Jr.`` / ``Cruz``
      meets ``Mateo`` / ``Cruz Jr.``: :func:`~oneroster_identity.normalize._suffixes.
      suffix_forms`), and a family name with letters outside ASCII without them
      (``Muñoz`` meets ``Mu?oz`` and ``Mu�oz``, whose letter a program lost: both key as
      ``muoz``).

    A word of one letter (an initial, the ``O`` of ``O'Brien``) is no name of its own."""
    born = f.birth_date
    if born is None:
        return set()
    given, written = f.name_key
    others: set[BirthKey] = set()
    if key is None:
        words = [w for w in loose_part(given).split() if len(w) > 1]
        if not written and len(words) > 1:
            first, last = words[0], words[-1]
            others.add((_lead(first), compact_family(last), born))
            others.add((_lead(last), compact_family(first), born))
        return others
    lead, family, _ = key
    if not written.isalpha():
        families = loose_part(written).split()
        if len(families) > 1:
            others.update((lead, word, born) for word in families if len(word) > 1)
    if not written.isascii():
        # (the key's own family when nothing is written out: discarded below)
        others.add((lead, compact_family(written_out(strip_punctuation(written))), born))
    if not given.isalpha():
        givens = without_title(tuple(loose_part(given).split()))
        others.update((_lead(word), family, born) for word in givens[1:] if len(word) > 1)
    preferred = f.name.preferred_given
    if preferred:
        goes_by = _lead(name_key(preferred, policy=policy))
        if goes_by:
            others.add((goes_by, family, born))
    for alt_given, alt_family in suffix_forms(given, written):
        others.add((_lead(alt_given), compact_family(loose_part(alt_family)), born))
    if not written.isascii():
        lost = without_lost_letters(written)
        if lost != written and any(ch.isalpha() for ch in lost):
            others.add((lead, compact_family(loose_part(lost)), born))
    others.discard(key)
    return others


def candidate_pairs(
    reps: Sequence[RecordFacts],
    policy: Policy,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    narrow: bool | None = None,
    households: HouseholdIndex | None = None,
    identifiers: Iterable[tuple[int, int]] = (),
    counts: dict[str, int] | None = None,
    read_back: Mapping[str, str] | None = None,
) -> Iterator[tuple[int, int]]:
    """Pairs of person indices sharing a blocking key, each once, in sorted order.

    A block larger than ``policy.max_block_size`` (a placeholder-like value used by
    hundreds of records, a very common name) is skipped; its members still meet
    through their other keys. Name blocks of three or more are *narrowed* to their
    contact-similar pairs when no pair there could reach the threshold on the name
    alone (:func:`name_only_ceiling`); ``narrow=False`` compares them all (used by
    tests to show that narrowing changes no result), and narrowed blocks may hold up
    to :data:`MAX_NARROWED_BLOCK` members. Pass the ``weights`` the pairs will be judged
    with: whether narrowing is safe depends on them.

    Narrowing is safe because the evidence a name block's other pairs could still have
    comes through blocks of its own: records of one household are paired by
    ``households`` (household evidence), and records with an equal name and birth date by
    the ``name-birth-date`` block (which also pairs a given name's other forms: see
    :func:`_birth_key`). ``identifiers`` are the pairs of persons sharing a
    ``userMasterIdentifier`` (:class:`~oneroster_identity.match._identifiers.IdentifierIndex`),
    each a candidate. ``counts``, when given, receives the number of new pairs each block
    type contributed (for the benchmarks). ``read_back``: the keys of name parts a wrong
    decoding garbled, read back (:attr:`~oneroster_identity.match._records.FactsBuilder.
    read_back`; found from ``reps`` when not given).
    """
    if read_back is None:
        read_back = read_back_keys(reps, policy)
    if narrow is None:
        narrow = name_only_ceiling(weights) < policy.likely_same_threshold
    email_gap_only = phone_typo_needs_email_gap(policy, weights)
    seen: set[tuple[int, int]] = set()

    def tally(block_type: str, before: int) -> None:
        if counts is not None:
            counts[block_type] = counts.get(block_type, 0) + len(seen) - before

    for block_type, key_of in BLOCK_KEYS:
        before = len(seen)
        blocks = shared_keys(block_column(block_type, key_of, reps, read_back)).values()
        narrowed = narrow and block_type in NAME_BLOCKS
        for members in blocks:
            size = len(members)
            if size < 2:
                continue
            if narrowed and size > 2:
                if size <= MAX_NARROWED_BLOCK:
                    seen.update(
                        (x, y) if x < y else (y, x)
                        for x, y in _contact_similar(
                            members,
                            reps,
                            email_gap_only=email_gap_only,
                            limit=policy.max_block_size,
                        )
                    )
                continue
            if size > policy.max_block_size:
                continue
            for x in range(size):
                for y in range(x + 1, size):
                    seen.add((members[x], members[y]))
        del blocks
        tally(block_type, before)
    before = len(seen)
    born_keys = [_birth_key(f, read_back) for f in reps]
    for members in shared_keys(born_keys).values():
        if len(members) <= policy.max_block_size:
            seen.update(
                (members[x], members[y])
                for x in range(len(members))
                for y in range(x + 1, len(members))
            )
    seen.update(_other_birth_keys(reps, born_keys, policy))
    del born_keys
    tally("name-birth-date", before)
    if households is not None:
        before = len(seen)
        seen.update(_household_pairs(reps, households, policy))
        tally("household", before)
    before = len(seen)
    seen.update(identifiers)
    tally("identifier", before)
    yield from sorted(seen)
