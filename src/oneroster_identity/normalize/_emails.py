"""Emails: validity (email-validator, never over the network), the key, and flags.

The key is the whole normalized address, case-insensitive. Provider rewrites
(Gmail dots and ``+tags``) are *not* applied to the key: the app compares
addresses, not mailboxes. They give a separate ``mailbox_key`` so a report can
say "same mailbox, different address".
"""

from __future__ import annotations

import enum
import re
import sys
from collections.abc import Collection
from functools import cache, lru_cache

import attrs
from email_validator import EmailNotValidError, validate_email
from rapidfuzz.distance import OSA

from oneroster_identity._data import data_words
from oneroster_identity._memo import run_cache
from oneroster_identity.normalize._email_repair import and_inside, ascii_only_mailbox, repair_email
from oneroster_identity.normalize._email_syntax import (
    SPECIAL_USE_TLDS,
    characters_no_mailbox_holds,
    typographic_punctuation,
    why_not_an_address,
)
from oneroster_identity.normalize._encoding import ungarbled
from oneroster_identity.normalize._repair import Repair, Repairable
from oneroster_identity.normalize._spreadsheet import (
    ERROR_STARTS,
    marked_word,
    spreadsheet_error,
    spreadsheet_reason,
)
from oneroster_identity.normalize._text import clean_text, strip_invisible
from oneroster_identity.policy import DEFAULT_POLICY, Policy, placeholder_words

__all__ = [
    "EmailDifference",
    "EmailFlag",
    "NormalizedEmail",
    "compare_emails",
    "normalize_email",
]

_DEFAULT = DEFAULT_POLICY


class EmailFlag(enum.Enum):
    """Facts about one email value."""

    __hash__ = object.__hash__  # members are singletons; 2x faster than Enum's

    EMPTY = "empty"
    INVALID = "invalid"
    PLACEHOLDER = "placeholder"
    DISTRICT = "district"
    PERSONAL = "personal"
    DOMAIN_TYPO = "domain-typo"
    CUT_OFF_DOMAIN = "cut-off-domain"
    """The domain ends in a one-letter part (``gmail.c``), which no domain has: cut off, and
    with no one known domain it completes to (that one is a ``DOMAIN_TYPO``)."""
    NOT_A_MAILBOX = "not-a-mailbox"
    """The provider names no mailbox so (since session 42): a Gmail address holding a
    character other than a letter, a digit or a dot before the @ (or its ``+tag``), such as
    ``ana_ruiz@gmail.com``. Valid by the RFCs, so the app takes it, but mail to it reaches
    no one (Google's help, "Create a username", support.google.com/mail/answer/9211434:
    letters, numbers and periods, never ``&``, ``=``, ``_``, ``'``, ``-``, ``+`` or ``,``;
    ``+`` only as a tag after the name). The value is kept as written for matching; which
    address was meant (``.`` for ``_``, or the same name at another provider) no rule can
    tell. Google Workspace addresses on a school's or a family's own domain may hold
    ``_``, ``-`` and ``'``, and are not read."""
    PROVIDER_ALIAS = "provider-alias"
    """The address uses dots or a +tag that the provider ignores (Gmail), or a domain the
    provider treats as another of its own (googlemail.com, me.com, pm.me)."""


class EmailDifference(enum.Enum):
    """How two emails differ."""

    __hash__ = object.__hash__  # members are singletons; 2x faster than Enum's

    IDENTICAL = "identical"
    BENIGN = "case-or-spacing"
    FORMATTING = "formatting"
    """The same address in other case or spacing, under strict normalization: the app
    compares exactly and sees two values, though both reach one mailbox."""
    SAME_MAILBOX = "same-mailbox"
    REPAIRED = "same-once-repaired"
    """One value is invalid as written and its mechanical repair is the other address
    (``Ana Diaz <ana@gmail.com>`` and ``ana@gmail.com``): the app sees two values."""
    DOMAIN_TYPO = "domain-typo"
    LOCAL_TYPO = "local-part-typo"
    OTHER_DOMAIN = "other-domain"
    MISSING = "missing"
    DIFFERENT = "different"

    @property
    def is_equal(self) -> bool:
        """True when the app sees the same email."""
        return self in (EmailDifference.IDENTICAL, EmailDifference.BENIGN)


@attrs.frozen(kw_only=True, weakref_slot=False)
class NormalizedEmail(Repairable):
    """An email as written, with everything learned about it."""

    raw: str
    key: str | None
    """Comparison key; ``None`` when the value cannot act as identity."""
    normalized: str | None = None
    local: str = ""
    domain: str = ""
    flags: frozenset[EmailFlag] = frozenset()
    reason: str | None = None
    """Why the value is invalid or a placeholder."""
    mailbox_key: str | None = None
    """The address after provider rules (Gmail dots and +tags dropped)."""
    suggested_domain: str | None = None
    repair: Repair | None = None
    """For an invalid value that a mechanical slip broke (a display name, ``mailto:``, a
    doubled or spelled-out @), the address it meant, with a typo'd consumer domain
    corrected too, or, for a field holding several addresses, why a person must choose;
    ``None`` otherwise (see ``normalize._email_repair``)."""

    @property
    def meant_mailbox_key(self) -> str | None:
        """The mailbox the address reaches as meant: its own :attr:`mailbox_key` when
        usable, else its repair's (``mailto:Ana.Diaz@gmail.com``: ``anadiaz@gmail.com``);
        ``None`` when it has none (since session 67: blocking and comparison read it)."""
        if self.usable:
            return self.mailbox_key
        meant = self.repaired_key
        if meant is None or "@" not in meant:
            return None
        local, _, domain = meant.rpartition("@")
        return mailbox_key(local, domain)

    @property
    def typo_mended(self) -> str | None:
        """A usable address with a typo in its domain, mended (``ana@gmial.com`` ->
        ``ana@gmail.com``: what ``email-domain-typo`` suggests); ``None`` for any other.

        >>> normalize_email("ana@gmial.com").typo_mended, normalize_email("ana@gmail.com").typo_mended
        ('ana@gmail.com', None)
        """
        if EmailFlag.DOMAIN_TYPO in self.flags and self.usable and self.suggested_domain:
            return f"{self.local}@{self.suggested_domain}"
        return None


# Plain ASCII addresses that email-validator accepts and normalizes by lower-casing the
# domain only; property tests check the fast path agrees with the library on all of them.
_FAST = re.compile(
    r"[A-Za-z0-9_](?:[A-Za-z0-9_+-]|\.(?!\.))*(?<!\.)"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
)
_GMAIL = frozenset({"gmail.com", "googlemail.com"})
_ONE_NAMESPACE = {
    "googlemail.com": "gmail.com",
    "me.com": "icloud.com",
    "mac.com": "icloud.com",
    "protonmail.com": "proton.me",
    "protonmail.ch": "proton.me",
    "pm.me": "proton.me",
}
"""Domains whose provider gives one account every address of one name across them, so
one local part is one person's: Google's googlemail.com; Apple's me.com and mac.com beside
icloud.com (an account holds the name at each domain it was granted, and no other account
can hold it at another); Proton's protonmail.com, protonmail.ch and pm.me beside
proton.me."""
_PLUS_TAG_PROVIDERS = frozenset(
    {
        *_GMAIL,
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "fastmail.com",
        "proton.me",
        "protonmail.com",
        "protonmail.ch",
        "pm.me",
    }
)
_ALIASING = _PLUS_TAG_PROVIDERS | frozenset(_ONE_NAMESPACE)
"""The domains :func:`mailbox_key` may rewrite an address of."""


_OFFICE_PARTS = frozenset(
    {
        *("office", "frontoffice", "mainoffice", "attendance", "registrar", "registration"),
        *("enrollment", "admissions", "counseling", "guidance", "info", "admin"),
        *("reception", "frontdesk", "helpdesk", "noreply", "donotreply", "pta", "pto"),
    }
)
"""Office words no name holds, read as a part of a mailbox name too (``elm.office``,
``attendance-elm``); words a surname may be (``Nurse``, ``Desk``) count only as the
whole name."""
_MAILBOX_PARTS = re.compile(r"[._-]+")


@cache
def _office_mailboxes() -> frozenset[str]:
    """The bundled office and role mailbox names (``data/office_mailboxes.txt``)."""
    return frozenset(word for words in data_words("office_mailboxes.txt") for word in words)


def office_mailbox(local: str) -> bool:
    """Whether a mailbox name (before the @) names an office or a role, not a person:
    ``frontoffice``, ``attendance``, ``info``, ``elm.office``. Read at a district's domain
    only (a family's business may well use ``info@``).

    >>> office_mailbox("front.office"), office_mailbox("elm-attendance"), office_mailbox("nurse")
    (True, True, True)
    >>> office_mailbox("jane.nurse"), office_mailbox("ana.diaz")
    (False, False)
    """
    folded = local.casefold()
    parts = [part for part in _MAILBOX_PARTS.split(folded) if part]
    return "".join(parts) in _office_mailboxes() or not _OFFICE_PARTS.isdisjoint(parts)


@cache
def consumer_domains() -> tuple[str, ...]:
    """The bundled list of common consumer email domains."""
    return tuple(word for words in data_words("consumer_domains.txt") for word in words)


try:  # the RFC 2142 role names email-validator lower-cases (2.1 and later)
    from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES as _ROLE_NAMES
except ImportError:  # pragma: no cover - an email-validator that does not lower-case them
    _ROLE_NAMES = []
_ROLE_MAILBOXES = frozenset(_ROLE_NAMES)


def fast_validate(value: str) -> tuple[str, str, str] | None:
    """``(normalized, local, domain)`` for a plain ASCII address, else ``None``."""
    if len(value) > 254 or not _FAST.fullmatch(value):
        return None
    local, _, domain = value.rpartition("@")
    if local.lower() in _ROLE_MAILBOXES:
        local = local.lower()  # as email-validator does: WWW@ is www@ (RFC 2142)
    # A roster has a few hundred domains for hundreds of thousands of addresses, and each
    # NormalizedEmail keeps its domain: one string object per domain (28 MB at 1M users).
    domain = sys.intern(domain.lower())
    if len(local) > 64 or not _plain_domain(domain):
        return None
    return f"{local}@{domain}", local, domain


@run_cache
@lru_cache(maxsize=1 << 14)
def _plain_domain(domain: str) -> bool:
    """A domain the fast path may take: no ``--`` (IDNA rules), no special-use TLD, no
    punycode label. Checked once per domain: a roster has few."""
    if "--" in domain or domain.rsplit(".", 1)[1] in SPECIAL_USE_TLDS:
        return False
    return not any(label.startswith("xn") for label in domain.split("."))


def library_validate(value: str) -> tuple[str, str, str]:
    """``(normalized, local, domain)`` from email-validator; raises on invalid input."""
    result = validate_email(
        value,
        check_deliverability=False,
        allow_smtputf8=True,
        allow_quoted_local=False,
        allow_domain_literal=False,
        allow_display_name=False,
    )
    return result.normalized, result.local_part, result.domain


@cache
def _known_domains() -> frozenset[str]:
    """Consumer domains and the real regional domains near them
    (``data/regional_mail_domains.txt``): none of them is a typo."""
    regional = data_words("regional_mail_domains.txt")
    return frozenset(consumer_domains()).union(word for words in regional for word in words)


def is_consumer_domain(domain: str) -> bool:
    """Whether ``domain`` (lower case) is a consumer provider from the bundled list or
    looks like a typo of one: never a district's own domain.

    >>> is_consumer_domain("gmail.com"), is_consumer_domain("gmial.com")
    (True, True)
    >>> is_consumer_domain("springfield.k12.nh.us")
    False
    """
    return domain in _known_domains() or _suggest_domain(domain) is not None


def _suggest_domain(domain: str) -> str | None:
    """The consumer mail domain ``domain`` is a typo of, or ``None``.

    A known domain with its top-level domain typed twice (``gmail.com.com``, a slip of
    typing or of completing the domain twice) is that domain, and so is one whose dot was
    left out before the top-level domain was typed again (``gmailcom.com``, since session
    59). A domain cut off after one
    letter of its last part (``gmail.c``: no top-level domain
    has one letter) is the one known domain it begins, when only one does (``hotmail.c``
    begins ``hotmail.com`` and ``hotmail.ca``: none). Any other is the nearest consumer
    domain one edit away, or two for a domain of nine characters or more (``aol.com`` and
    ``aim.com`` are two people's)."""
    if domain in _known_domains():
        return None
    head, _, last = domain.rpartition(".")
    if head in _known_domains() and head.rpartition(".")[2] == last:
        return head  # the top-level domain typed twice: gmail.com.com
    if (
        last
        and head.endswith(last)
        and (dotted := f"{head[: -len(last)]}.{last}") in _known_domains()
    ):
        return dotted  # its dot left out, then the top-level domain typed: gmailcom.com
    if len(last) == 1:
        completions = [k for k in _known_domains() if k.startswith(domain)]
        return completions[0] if len(completions) == 1 else None
    best: tuple[int, str] | None = None
    for candidate in consumer_domains():
        distance = OSA.distance(domain, candidate, score_cutoff=2)
        if distance <= 2 and (best is None or distance < best[0]):
            best = (distance, candidate)
    if best is None:
        return None
    distance, candidate = best
    if distance == 2 and len(domain) < 9:
        return None
    return candidate if _typed_for(domain, candidate, distance) else None


_SHORT_NAME = 3
"""A provider's name this short (``aol``, ``msn``, ``gmx``, ``me``) has real neighbours
one letter away: ``aon.com``, ``ms.com``, ``gm.com``, ``ge.com`` are companies' mail."""


def _typed_for(domain: str, known: str, distance: int) -> bool:
    """Whether ``domain``, ``distance`` edits from the consumer domain ``known``, is a slip
    of typing it rather than another real domain (since session 46).

    Three neighbours are other domains, and reading them as slips suggested a stranger's
    mailbox in a family's place:

    - the provider's name intact under a country's two-letter top-level domain, two
      edits away: ``hotmail.no``, ``hotmail.cl``, ``fastmail.fm`` (one edit, ``gmail.co``
      or ``aol.cm``, is a slip);
    - a short name (three letters or fewer) changed: ``aon.com``, ``ms.com``, ``gm.com``,
      ``ge.com``, ``max.com``. Only a letter typed twice (``aoll.com``) or a slip in the
      top-level domain (``aol.con``) is read as one;
    - the name with two letters after it that do not repeat its last: ``chartermi.net``
      and ``chartertn.net``, Charter's regional domains.
    """
    name, _, top = domain.rpartition(".")
    known_name, _, known_top = known.rpartition(".")
    if name == known_name:
        return distance == 1 or len(top) != 2
    if len(known_name) <= _SHORT_NAME:
        return top == known_top and _doubled(name, known_name)
    if top != known_top:
        return True
    extra = name.removeprefix(known_name)
    return distance == 1 or extra == name or set(extra) == {known_name[-1]}


def _doubled(name: str, known_name: str) -> bool:
    """Whether ``name`` is ``known_name`` with one of its letters typed twice (``aoll``)."""
    return len(name) == len(known_name) + 1 and any(
        name == known_name[: i + 1] + known_name[i:] for i in range(len(known_name))
    )


_NO_ADDRESS_PREFIXES = ("noemail", "nomail", "donotemail", "noaddress")


@lru_cache(maxsize=8)
def _as_set(words: tuple[str, ...]) -> frozenset[str]:
    """A policy's word list as a set, for a membership test per address (a policy holds
    no roster value, so this cache is not a run's)."""
    return frozenset(words)


def _stand_in_local(local: str, stand_ins: Collection[str]) -> bool:
    """A placeholder local part written longer (since session 42): a stand-in word with a
    number after it (``noemail123``, ``none2``, ``test1``: words of four letters or more
    only, since ``na1`` and ``abc1`` may be someone's), or one beginning "no email"
    (``noemailprovided``, ``no.email.given``, ``nomail4you``). Such an address may well
    exist, a stranger's or the provider's sink, and the family's messages would reach it.

    >>> _stand_in_local("noemail123", {"noemail"}), _stand_in_local("jramirez3662", {"noemail"})
    (True, False)
    >>> _stand_in_local("no.email.provided", ()), _stand_in_local("nomad", ())
    (True, False)
    """
    if local[-1].isdigit():
        word = local.rstrip("0123456789").rstrip("._-")
        if len(word) >= 4 and word in stand_ins:
            return True
    if local[0] not in "nd":
        return False  # (nearly every address)
    compact = local.replace(".", "").replace("_", "").replace("-", "")
    return compact.startswith(_NO_ADDRESS_PREFIXES)


def not_gmail_characters(local: str) -> str:
    """The characters of a Gmail address's local part (before any ``+tag``) that no Gmail
    address holds, each once: Gmail names are letters, digits and dots.

    >>> not_gmail_characters("ana_ruiz"), not_gmail_characters("ana.ruiz+school_2")
    ('_', '')
    """
    name = local.partition("+")[0]
    if name.replace(".", "").isalnum():
        return ""
    return "".join(dict.fromkeys(ch for ch in name if not ch.isalnum() and ch != "."))


def mailbox_key(local: str, domain: str) -> str:
    """The address after provider rules: Gmail ignores dots; several ignore ``+tags``;
    a provider's domains of one namespace are one (``ana@me.com`` is ``ana@icloud.com``'s
    mailbox).

    >>> mailbox_key("Ana.Diaz+school", "googlemail.com"), mailbox_key("ana", "me.com")
    ('anadiaz@gmail.com', 'ana@icloud.com')
    """
    local = local.lower()
    domain = domain.lower()
    if domain in _PLUS_TAG_PROVIDERS and "+" in local:
        local = local.split("+", 1)[0]
    domain = _ONE_NAMESPACE.get(domain, domain)
    if domain == "gmail.com":
        local = local.replace(".", "")
    return f"{local}@{domain}"


def normalize_email(
    value: str, /, *, policy: Policy = _DEFAULT, fast: bool = True
) -> NormalizedEmail:
    """Validate an email (no network) and return its key and flags.

    A pure function with no cache of its own: a matching run normalizes each distinct
    value once through its own per-run cache, freed with the run.

    >>> e = normalize_email("Ana.Diaz@GMAIL.com")
    >>> e.key, sorted(f.value for f in e.flags)
    ('ana.diaz@gmail.com', ['personal', 'provider-alias'])
    """
    text = clean_text(value)
    if policy.app_strips_invisible:
        text = strip_invisible(text).strip()
    if not text:
        return NormalizedEmail(raw=value, key=None, flags=frozenset({EmailFlag.EMPTY}))
    words = placeholder_words(policy)
    if text.casefold() in words or (
        # inside a spreadsheet's mark (`="N/A"`, `'none`: since session 59, invalid before)
        ("=" in text or "'" in text) and marked_word(text, words)
    ):
        return NormalizedEmail(
            raw=value,
            key=None,
            flags=frozenset({EmailFlag.PLACEHOLDER}),
            reason="value means 'no email'",
        )
    if text[0] in ERROR_STARTS and (error := spreadsheet_error(text)) is not None:
        # (a lookup that found nothing: the address was lost on the file's way here)
        return NormalizedEmail(
            raw=value,
            key=None,
            flags=frozenset({EmailFlag.PLACEHOLDER}),
            reason=spreadsheet_reason(error),
        )
    if (not text.isascii() or "&" in text) and ungarbled(text) is not None:
        # (`josÃ©@colegio.mx`, `o&#39;brien@colegio.mx`: valid as written, but the mailbox
        # is the address read back, and mail to the garbled one reaches no one)
        return _invalid(value, text, "characters garbled by a program", policy)
    if text[0] == "'":
        # valid by the RFCs, but a spreadsheet's text mark: Gmail and the other large
        # providers allow no apostrophe, and the person's other records hold the address
        # without it (`normalize._email_repair`)
        return _invalid(value, text, "a leading apostrophe before the address", policy)
    parsed = fast_validate(text) if fast else None
    if parsed is None:
        try:
            parsed = library_validate(text)
        except EmailNotValidError as exc:
            return _invalid(value, text, why_not_an_address(text, str(exc)), policy)
    normalized, local, domain = parsed
    if not value.isascii() and (written := typographic_punctuation(value.rpartition("@")[0])):
        return _as_typed(value, text, *written, policy)
    if not local.isascii() and (odd := characters_no_mailbox_holds(local)) is not None:
        return _invalid(value, text, odd, policy)
    if not local.isascii() and ascii_only_mailbox(domain, _known_domains()):
        # valid by the RFCs (SMTPUTF8), but no mailbox of this provider is so named
        return _invalid(value, text, "a letter outside ASCII before the @", policy)
    domain_flags, domain_reason, suggested = _domain_facts(
        domain, policy.district_domains, policy.placeholder_email_domains
    )
    folded_local = local.casefold()
    reason = domain_reason
    extra: list[EmailFlag] = []
    if EmailFlag.PLACEHOLDER not in domain_flags:
        stand_ins = _as_set(policy.placeholder_email_locals)
        if folded_local in stand_ins or _stand_in_local(folded_local, stand_ins):
            extra.append(EmailFlag.PLACEHOLDER)
            reason = f"'{folded_local}@' marks a made-up address"
        elif (
            EmailFlag.DISTRICT not in domain_flags
            and domain[: len(folded_local) + 1].casefold() == folded_local + "."
        ):
            # a@a.com, 0@0.com, mom@mom.com, refused@refused.com: a value typed to fill
            # the column (a district's own mailbox named for its domain is not one)
            extra.append(EmailFlag.PLACEHOLDER)
            reason = "an address that repeats its domain's name marks a made-up address"
    plain = f"{folded_local}@{domain}"
    # Only providers with aliasing rules (and non-ASCII domains, which case-fold) can
    # give a mailbox other than the address itself.
    box = (
        mailbox_key(local, domain)
        if domain in _ALIASING or not domain.isascii() or not domain.islower()
        else plain
    )
    if box != plain:
        extra.append(EmailFlag.PROVIDER_ALIAS)
    if domain in _GMAIL and not_gmail_characters(local):
        extra.append(EmailFlag.NOT_A_MAILBOX)
    flags = domain_flags.union(extra) if extra else domain_flags
    if EmailFlag.PLACEHOLDER in flags:
        key = None
    elif policy.strict_normalization:
        key = value
    else:
        key = normalized.lower()
    # Equal strings share one object: most addresses are already normalized and lower
    # case, and a roster holds one of these per distinct address.
    if normalized == value:
        normalized = value
    if key == normalized:
        key = normalized
    if box == key:
        box = key
    return NormalizedEmail(
        raw=value,
        key=key,
        normalized=normalized,
        local=local,
        domain=domain,
        flags=flags,
        reason=reason,
        mailbox_key=box,
        suggested_domain=suggested,
    )


def _invalid(value: str, text: str, reason: str, policy: Policy) -> NormalizedEmail:
    """An invalid value, with its repair when a mechanical slip explains it."""
    found = repair_email(text, library_validate, _known_domains())
    if found is not None and found.value is not None:
        address, explained = found.value, found.reason
        local, _, domain = address.rpartition("@")
        suggested = _domain_facts(
            domain.lower(), policy.district_domains, policy.placeholder_email_domains
        )[2]
        if suggested is not None:
            address = f"{local}@{suggested}"
            explained += f"; the domain looks like a typo of '{suggested}', corrected there too"
        repaired = normalize_email(address, policy=policy)
        key = repaired.key
        if EmailFlag.PLACEHOLDER in repaired.flags:
            # a made-up address inside a display name, quotes, a spreadsheet's mark or a
            # link (`Ana <noemail@school.org>`): no address given, as the bare one (since
            # session 59: "invalid", the reason that it broke email syntax)
            return NormalizedEmail(
                raw=value,
                key=None,
                flags=frozenset({EmailFlag.PLACEHOLDER}),
                reason=repaired.reason,
            )
        held = _held_inside(value, repaired, explained, found)
        if held is not None:
            return held
        inner = repaired.repair
        if key is None and inner is not None and inner.key is not None:
            # an address the validator takes that this check does not, with a repair of its
            # own (`Sofía <sofía@gmail.com>`: no marks in a Gmail name; since session 59)
            address, key = inner.value or address, inner.key
            explained = and_inside(explained, inner.reason)
        # A repair to a made-up address (noemail at school.org) helps no one.
        found = (
            attrs.evolve(found, value=address, reason=explained, key=key)
            if key is not None
            else None
        )
    if found is None:
        return NormalizedEmail(
            raw=value, key=None, flags=frozenset({EmailFlag.INVALID}), reason=reason
        )
    return NormalizedEmail(
        raw=value, key=None, flags=frozenset({EmailFlag.INVALID}), reason=found.reason, repair=found
    )


def _held_inside(
    value: str, repaired: NormalizedEmail, explained: str, found: Repair
) -> NormalizedEmail | None:
    """``value`` invalid with nothing suggested, when the address inside what is written
    around it (``repaired``, by the repair ``found`` that ``explained``) is one the bare
    check suggests nothing for, or ``None`` (since session 59, where that address was
    suggested, or the outer slip's reason alone said): a domain cut off (``"ana@hotmail.c"``),
    a name no Gmail address has (``"o’ruiz@gmail.com"``, ``'ana_ruiz@gmail.com``), or an
    address held back by a repair of its own (``"müller@gmail.com"``: ü is u or ue)."""
    inner = repaired.repair
    if EmailFlag.CUT_OFF_DOMAIN in repaired.flags:
        why = (
            "a domain that ends in a one-letter part, which no domain has: it was cut off, "
            "and no one known mail domain completes it: ask the person for the address"
        )
    elif EmailFlag.NOT_A_MAILBOX in repaired.flags:
        marks = ", ".join(repr(ch) for ch in not_gmail_characters(repaired.local))
        why = (
            f"{marks} before the @, which no Gmail address has (a Gmail name is letters, "
            "digits and dots): no address is suggested: ask the person for the address"
        )
    elif repaired.key is None and inner is not None and inner.value is None:
        held = and_inside(explained, inner.reason)
        return NormalizedEmail(
            raw=value,
            key=None,
            flags=frozenset({EmailFlag.INVALID}),
            reason=held,
            repair=attrs.evolve(inner, reason=held, owner=found.owner or inner.owner),
        )
    else:
        return None
    return NormalizedEmail(
        raw=value, key=None, flags=frozenset({EmailFlag.INVALID}), reason=and_inside(explained, why)
    )


def _as_typed(
    value: str, typed: str, reason: str, one_reading: bool, policy: Policy
) -> NormalizedEmail:
    """A value whose mailbox name holds a curly apostrophe or a dash written for a typed
    one (``typed`` is the address with the typed characters, as ``clean_text`` reads it):
    invalid, with the typed address suggested when it is the one reading and the domain
    is not one of the large providers, whose names hold no apostrophe (and most no
    hyphen)."""
    suggested: str | None = None
    key: str | None = None
    if not one_reading:
        reason += ": ask the person for the address"
    else:
        found = normalize_email(typed, policy=policy)
        if ascii_only_mailbox(found.domain, _known_domains()):
            # (Gmail, Yahoo, iCloud and AOL names hold no apostrophe or hyphen, Outlook's
            # no apostrophe: what the person typed there cannot be read)
            reason += (
                "; this provider's mailbox names hold no such mark either, so the value "
                "cannot tell what stands there (a dot, a letter or nothing): ask the person "
                "for the address"
            )
        elif found.key is None:
            reason += "; as typed it is no usable address either: ask the person for the address"
        else:
            reason += "; suggested: the address with it as typed"
            suggested, key = typed, found.key
    repair = Repair(rule="typographic-punctuation", reason=reason, value=suggested, key=key)
    return NormalizedEmail(
        raw=value, key=None, flags=frozenset({EmailFlag.INVALID}), reason=reason, repair=repair
    )


@run_cache
@lru_cache(maxsize=1 << 14)
def _domain_facts(
    domain: str, district_domains: tuple[str, ...], placeholder_domains: tuple[str, ...]
) -> tuple[frozenset[EmailFlag], str | None, str | None]:
    """(flags, placeholder reason, suggested domain) of a domain: a roster has few domains,
    so this is computed once per domain, not once per address. Keyed by the two policy
    settings it reads, so other settings never multiply its entries."""
    flags: set[EmailFlag] = set()
    reason = None
    if domain in placeholder_domains:
        flags.add(EmailFlag.PLACEHOLDER)
        reason = "made-up address"
    if domain in district_domains or any(domain.endswith("." + d) for d in district_domains):
        flags.add(EmailFlag.DISTRICT)
    else:
        flags.add(EmailFlag.PERSONAL)
    suggested = _suggest_domain(domain)
    if suggested:
        flags.add(EmailFlag.DOMAIN_TYPO)
    elif len(domain.rpartition(".")[2]) == 1:
        flags.add(EmailFlag.CUT_OFF_DOMAIN)
    return frozenset(flags), reason, suggested


def compare_emails(
    a: NormalizedEmail, b: NormalizedEmail, /, *, policy: Policy = _DEFAULT
) -> EmailDifference:
    """Classify how two emails differ.

    Under ``policy.strict_normalization`` the app is taken to compare exactly: a case or
    spacing difference is ``formatting`` (two values to the app), not ``case-or-spacing``.

    >>> compare_emails(normalize_email("ana.diaz@gmail.com"), normalize_email("anadiaz@gmail.com"))
    <EmailDifference.SAME_MAILBOX: 'same-mailbox'>
    """
    if a.raw == b.raw and a.usable:
        return EmailDifference.IDENTICAL
    if not a.usable or not b.usable:
        if a.meant_key is not None and a.meant_key == b.meant_key:
            return EmailDifference.REPAIRED
        if (box := a.meant_mailbox_key) is not None and box == b.meant_mailbox_key:
            # one mailbox once repaired (`mailto:ana.diaz@gmail.com` beside
            # `anadiaz@googlemail.com`; since session 67: no evidence before)
            return EmailDifference.SAME_MAILBOX
        return EmailDifference.MISSING
    if a.key == b.key:
        return EmailDifference.BENIGN
    if (
        policy.strict_normalization
        and a.normalized is not None
        and b.normalized is not None
        and a.normalized.lower() == b.normalized.lower()
    ):
        return EmailDifference.FORMATTING
    if a.mailbox_key == b.mailbox_key:
        return EmailDifference.SAME_MAILBOX
    la, lb = a.local.lower(), b.local.lower()
    if la == lb:
        if (a.suggested_domain or a.domain) == (b.suggested_domain or b.domain):
            return EmailDifference.DOMAIN_TYPO
        return EmailDifference.OTHER_DOMAIN
    da, db = la.replace(".", ""), lb.replace(".", "")
    stripped_a, stripped_b = da.rstrip("0123456789"), db.rstrip("0123456789")
    if stripped_a == stripped_b and da != db:
        # john.chen77 vs johnchen13, ana.diaz vs ana.diaz1, jramirez3662 vs jramirez3682:
        # numbered variants are how providers tell apart different people of one name.
        # Even a number one keystroke off is treated as another person: in a large
        # district, same-name people with nearby numbers are common, and a typo in the
        # number still leaves the name and phone to flag a split.
        return EmailDifference.DIFFERENT
    if a.domain == b.domain and min(len(la), len(lb)) >= 4:
        limit = 1 if min(len(la), len(lb)) < 8 else 2
        if OSA.distance(la, lb, score_cutoff=limit) <= limit:
            return EmailDifference.LOCAL_TYPO
    return EmailDifference.DIFFERENT
