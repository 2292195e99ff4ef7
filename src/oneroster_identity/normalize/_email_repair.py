"""What an invalid email value most likely meant, when a mechanical slip broke it.

SIS email fields are filled by hand, by copy and paste from mail programs and by web
forms: ``Ana Diaz <ana@gmail.com>``, ``mailto:ana@gmail.com``, ``ana@@gmail.com``,
``ana at gmail.com``, ``ana@gmail,com``, ``ana@gmailcom``, ``ana@gmail.com.``,
``ana..diaz@gmail.com`` (Gmail ignores dots before the @), ``ana@gmail.com (work)`` are
each one address with one right repair, and a report that names it saves the SIS team a
guess. A field holding two addresses
(``mom@x.com; dad@y.com``) has no single repair: the app takes one address per person,
and only someone who knows the family can tell which, so it is reported as such, with
no suggestion. Nothing here guesses at letters (``ana diaz@gmail.com`` could be
``ana.diaz`` or ``anadiaz``): a repair only removes or replaces punctuation the value
itself shows to be wrong, puts back the dots of the one known domain whose letters it
holds, or removes a note the address's own shape sets apart (after it, or a
label before it), and the result must be a valid address.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Container

import attrs
from email_validator import EmailNotValidError

from oneroster_identity.normalize._encoding import ungarbled
from oneroster_identity.normalize._owner import DISPLAY_NAME, display_owner, note_owner
from oneroster_identity.normalize._repair import OPTED_OUT, Repair
from oneroster_identity.normalize._spreadsheet import spreadsheet_text
from oneroster_identity.normalize._text import strip_invisible

__all__ = ["and_inside", "ascii_only_mailbox", "repair_email"]


_ASCII_ONLY_PROVIDERS = frozenset(
    {
        *("gmail", "googlemail", "yahoo", "ymail", "rocketmail", "aol"),
        *("hotmail", "outlook", "live", "msn", "icloud", "me", "mac"),
        *("proton", "protonmail", "pm"),
    }
)
"""The large providers (the first label of a bundled domain: ``gmail.com``, ``yahoo.com.mx``,
``hotmail.es``) whose mailbox names are ASCII letters, digits and a few marks: an address
of theirs with ``á`` or ``ñ`` before the @ reaches no one."""

_MAILBOX_NAME = re.compile(r"[^\W_][\w.+-]*")
"""A mailbox name of letters (any script), digits and ``. _ + -``: no space, bracket or
quote, which would make the value something other than an address with an accent."""

_TWO_READINGS = frozenset("äöüÄÖÜßæÆøØåÅœŒ")
"""Letters written two ways without their marks (``ü`` as ``u`` or ``ue``, ``ß`` as ``ss``,
``ø`` as ``o`` or ``oe``): a mailbox name without them cannot be told from the value."""


def ascii_only_mailbox(domain: str, known: Container[str]) -> bool:
    """Whether ``domain`` (lower case) is a ``known`` domain of a provider whose mailbox
    names hold no letter outside ASCII (:data:`_ASCII_ONLY_PROVIDERS`).

    >>> ascii_only_mailbox("gmail.com", {"gmail.com"}), ascii_only_mailbox("colegio.mx", ())
    (True, False)
    """
    return domain in known and domain.partition(".")[0] in _ASCII_ONLY_PROVIDERS


def _without_marks(local: str) -> str | None:
    """``local`` with the accents and tildes taken off its letters (``maría.muñoz`` ->
    ``maria.munoz``), or ``None`` when a letter reads two ways without them or is not a
    Latin letter with a mark (nothing ASCII to read it as)."""
    if _TWO_READINGS.intersection(local):
        return None
    bare = "".join(
        ch for ch in unicodedata.normalize("NFD", local) if not unicodedata.combining(ch)
    )
    return bare if bare.isascii() else None


_DISPLAY_NAME = re.compile(r"^[^<>@]*<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$")
_NAME_THEN_BRACKETED = re.compile(
    r"^([^()\[\]<>@]*[^()\[\]<>@\s:])\s*(?:\(\s*([^()\s]+@[^()\s]+)\s*\)"
    r"|\[\s*([^\[\]\s]+@[^\[\]\s]+)\s*\])\s*$"
)
"""A name, then the address in parentheses or square brackets (``Maria Lopez
(maria@gmail.com)``): a display name as ``Maria Lopez <maria@...>`` is (since session
56; the address in brackets alone is surrounding punctuation, and a label before it with
a colon is a note)."""
_BRACKETED = "display-name-bracketed"
"""The candidate of :data:`_NAME_THEN_BRACKETED`: the rule ``display-name``, said in its
own words."""
_AROUND_THE_ADDRESS = frozenset(
    {
        DISPLAY_NAME,
        _BRACKETED,
        "mailto",
        "surrounding-punctuation",
        "spreadsheet-mark",
        "spaces-at-at",
        "doubled-at",
    }
)
"""The rules that take off what is written around a whole address (a display name, a
link prefix, quotes, a spreadsheet's mark) or mend its @ (spaces around it, a doubled
one), leaving the rest as typed: when that has a slip of its own (``Ana <ana@gmail>``,
``ana @gmail .com``), the two repairs are one (since session 59; the first alone
suggested nothing). A note beside an address is not among them: an invalid address
beside a word may be one address with a space in it."""
_MAILTO = re.compile(r"^mailto:\s*", re.IGNORECASE)
_SPELLED_AT = re.compile(r"\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*", re.IGNORECASE)
_SPELLED_DOT = re.compile(r"\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+)\s*", re.IGNORECASE)
_SPACES_AT = re.compile(r"\s*@\s*")
_SPACE_BY_AT = re.compile(r"\s@|@\s")
_DOMAIN_SLIPS = re.compile(r"\s*[.,][\s.,]*")
"""A comma for a dot, dots doubled, spaces beside a dot: one dot each. A space between two
letters is not among them: ``gmail.com work`` is an address and a note, not a domain
``gmail.comwork``, and ``gmail com`` has no one reading."""
_NOTED = re.compile(
    r"^(?P<before>(?:\([^()@]*\)|\[[^\[\]@]*\]|[^@]*[:\u2013\u2014-])?)\s*"
    r"(?P<address>[^\s@]+@[^\s@]+)(?P<after>(?:\s+[^@]*)?)$"
)
"""An address with a note beside it: after it (``ana@gmail.com (work)``, ``... cell``,
``... - mom``), or before it as a label (``Mom: ...``, ``(work) ...``). A bare word before
an address is not a note: ``ana diaz@gmail.com`` may be a space in the local part."""
_SEPARATORS = re.compile(r"[;,/|]|\s+(?:and|or|&)\s+|\s+", re.IGNORECASE)
_WRAPPING = "\"'()[]{}<>.,;:/\\*\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"
"""Punctuation around an address: quotes (straight, curly, guillemets: a word processor's
quotes since session 58), brackets, a sentence's punctuation, a slash or an asterisk."""
_LINK_COPY = re.compile(
    r"(?P<text>[^\s<>\[\]@]+@[^\s<>\[\]@]+)\s*[<\[]\s*mailto:\s*"
    r"(?P<link>[^\s<>\[\]@]+@[^\s<>\[\]@]+)\s*[>\]]",
    re.IGNORECASE,
)
"""An address and its link, as a copy from Outlook or Word writes them into a cell
(``ana@gmail.com<mailto:ana@gmail.com>``, ``... [mailto:...]``)."""
_ONE_DOMAIN_PROVIDERS = {"gmail": "gmail.com", "icloud": "icloud.com"}
"""Providers whose name has one mail domain the world over (Google's `googlemail.com`
is the same mailbox as `gmail.com`; Apple's `me.com` and `mac.com` are names of the same
iCloud account): an address ending at the name alone (``ana@gmail``) has one reading.
Yahoo, Hotmail, Outlook, AOL and the carriers have several (``yahoo.com.mx``,
``aol.co.uk``; ``att.net`` beside the company's ``att.com``), so theirs get none."""
_DOT_BLIND_PROVIDERS = frozenset({"gmail.com", "googlemail.com"})
"""Providers that ignore the dots before the @: any dots there reach one mailbox, so a dot
doubled or left last before the @ (``ana..diaz``, ``ana.``), which no address can hold,
has one repair."""
_STRAY_DOTS = re.compile(r"\.{2,}")
_LIST_SEPARATORS = frozenset(";/|&")
_NOT_IN_USE = re.compile(
    r"\b(?:old|former|previous|bounce[sd]?|bouncing|invalid|inactive|disabled|closed"
    r"|undeliverable|do\s*n[o']?t\s+(?:e-?mail|use)|no\s+longer|no\s+e-?mail"
    r"|viej[oa]|antigu[oa]|anterior|no\s+usar|no\s+sirve|ya\s+no|rebot[aó]\w*"
    r"|inv[aá]lid[oa]|no\s+v[aá]lid[oa]"
    r"|antig[oa]|n[aã]o\s+usar|n[aã]o\s+funciona"
    r"|ancien(?:ne)?|ne\s+plus\s+utiliser|cũ|kh[ôo]ng\s+d[ùu]ng"
    rf"|{OPTED_OUT})\b",
    re.IGNORECASE,
)
"""A note saying the address beside it is not in use (``old``, ``bounces``, ``do not
email``; since session 57 ``no email``, the Spanish ``viejo``, ``antiguo``, ``no
usar``, ``no sirve``, ``rebotado``, ``no válido`` and the Portuguese ``antigo``, ``não
usar``, ``não funciona``, where the address was suggested), or that the person opted
out of mail (``opted out``, ``unsubscribed``, ``do not contact``, ``no contactar``, ``não
contatar``, since session 58): suggesting the address alone would put back one that
reaches no one, or write to a person who asked not to be written to."""

PHONE_NUMBER = "phone-number"
"""The rule of an email value that is a phone number (``617-555-2368``): typed into the
wrong column; no address is suggested (since session 54)."""

_PHONE_NUMBER = re.compile(r"\+?[\d\s().\-]{7,24}")
"""A value of digits and a phone number's punctuation only."""
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
"""A date (a birth date pasted into the wrong column), no phone number."""

_REASONS = {
    "garbled": "characters garbled by a program on the address's way here (UTF-8 read as "
    "Windows-1252, 'Ã©' for 'é', or written as HTML, '&#64;' for '@')",
    DISPLAY_NAME: "a name and angle brackets around the address (copied from a mail "
    "program); suggested: the address inside",
    _BRACKETED: "a name, then the address in brackets (copied from a mail program or a "
    "contact list); suggested: the address inside",
    "accent-before-at": "a letter with a mark before the @ (an accent, a tilde), which "
    "the provider's mailbox names never have: the address reaches no one; suggested: the "
    "letters without their marks",
    "accent-two-ways": "a letter outside ASCII before the @ (an accent, a tilde, another "
    "script), which the provider's mailbox names never have: the address reaches no one; "
    "no address is suggested: without its mark the letter is written two ways (u or ue "
    "for ü, o or oe for ø), or it has no ASCII form: ask the person for the address",
    "spreadsheet-mark": "a spreadsheet's mark for text around the address (a leading "
    'apostrophe, or ="..."), which the app would keep as part of it; suggested: the '
    "address without it",
    "link-copy": "the address and its link, as a copy from a mail program or a document "
    "writes them ('<mailto:...>' after it); suggested: the address once",
    "link-to-another": "an address and a link to another address after it ('<mailto:...>', "
    "as a copy from a mail program or a document writes them): the text shows one address, "
    "the link holds another; no address is suggested: ask the person which is theirs",
    "invisible-characters": "an invisible character in the address (a zero-width space or a "
    "direction mark, carried in by a copy), which no address holds; suggested: the address "
    "without it",
    "mailto": "a 'mailto:' link prefix before the address; suggested: the address without it",
    "doubled-at": "a doubled @; suggested: the address with one",
    "domain-missing-dot": "the dot missing from a known mail domain (after the @), which "
    "cannot be a domain without one; suggested: the domain with its dots",
    "top-level-domain-missing": "the domain (after the @) is the provider's name alone, "
    "without its '.com', which mail cannot reach; this provider has one domain; suggested: "
    "the address with it",
    "dots-before-at": "a dot doubled, or last before the @, which no address can hold; the "
    "provider ignores dots there, so the address with single dots reaches the same mailbox; "
    "suggested: the address with them",
    "spelled-out-at": "the @ written out as 'at'; suggested: the address with an @",
    "spelled-out-at-and-dot": "the @ and dots written out as 'at' and 'dot'; suggested: the "
    "address with them as symbols",
    "spaces-at-at": "spaces around the @; suggested: the address without them",
    "domain-punctuation": "a comma for a dot, a doubled dot, a dot right after the @ or a "
    "space in the domain (after the @), where none can be; suggested: the domain with "
    "single dots",
    "surrounding-punctuation": "quotes, brackets or punctuation around the address; "
    "suggested: the address without them",
    "repeated-address": "the same address written more than once; suggested: the address once",
    "note-beside-address": "a note beside the address (a word, or a label such as '(work)' "
    "or 'Mom:'); suggested: the address alone",
    "address-not-in-use": "a note beside the address says it is not in use (such as 'old', "
    "'bounces', 'unsubscribed' or 'do not email'); no address is suggested: ask the person "
    "for a current one",
    PHONE_NUMBER: "a phone number, not an address: it belongs in the SMS column (and the "
    "email column needs the person's address)",
}


_ADDRESS_TOKEN = re.compile(r"[^\s@<>()\[\]{},;:/|&\"]+@[^\s@<>()\[\]{},;:/|&\"]+")


def addresses_in(text: str, /) -> list[str]:
    """The addresses written in a value, as written, without the punctuation around them
    (``"ana@gmail.com (old)"`` -> ``["ana@gmail.com"]``).

    >>> addresses_in("ana@gmail.com; luis@yahoo.com (old)")
    ['ana@gmail.com', 'luis@yahoo.com']
    """
    return [m.group().strip(_WRAPPING) for m in _ADDRESS_TOKEN.finditer(text)]


def _noted_addresses(text: str, valid: Callable[[str], bool]) -> Repair | None:
    """Two or more addresses with words beside them (``Mom: ana@x.com Dad: bo@y.com``,
    ``ana@x.com (or ana.d@y.com)``, ``ana@x.com / work: ana@school.org``), or ``None``
    when a piece with an @ is no valid address. One address written twice with words
    beside it is that address, its words read for whose it is (``Mom: ... Dad: ...``,
    one address for two people, fits no record), unless they say it is not in use."""
    found = addresses_in(text)
    if len(found) < 2 or len(found) != text.count("@") or not all(map(valid, found)):
        return None
    if len({a.casefold() for a in found}) > 1:
        return Repair(
            rule="several-addresses",
            reason=f"the field holds {len(found)} addresses, with words beside them; the app "
            "takes one address per person: keep one (only someone who knows the family can "
            "tell which)",
        )
    words = _ADDRESS_TOKEN.sub(" ", text)
    if _NOT_IN_USE.search(words):
        return Repair(rule="address-not-in-use", reason=_REASONS["address-not-in-use"])
    return Repair(
        rule="repeated-address",
        reason=_REASONS["repeated-address"],
        value=found[0],
        owner=note_owner(words),
    )


def _names_the_mailbox(note: str, address: str) -> bool:
    """Whether the words beside an address are its mailbox's own name (``Garciafam
    <garciafam@gmail.com>``, ``GARCIA FAM <garcia.fam@...>``: a mail program shows the
    account's name), which names no person: read as a name, the family's address was
    another person's, and the person's other address was typed over it (since session
    67)."""
    letters = "".join(ch for ch in note.casefold() if ch.isalpha())
    local = "".join(ch for ch in address.partition("@")[0].casefold() if ch.isalpha())
    return bool(letters) and letters == local


def and_inside(around: str, inside: str) -> str:
    """The reason of a repair of what is written around an address (``around``, its
    suggestion's words dropped) joined to the reason of the address's own slip
    (``inside``): one reason for the two, which the value needed both of."""
    return f"{around.rsplit('; suggested:', 1)[0]}; and in the address itself, {inside}"


def _with_dots(domain: str, known: Collection[str]) -> str | None:
    """The one ``known`` domain that is ``domain`` with dots put back (``gmailcom`` ->
    ``gmail.com``), or ``None`` when none is or several are."""
    found = [k for k in known if k.replace(".", "") == domain]
    return found[0] if len(found) == 1 else None


def repair_email(
    text: str, validate: Callable[[str], object], known: Collection[str] = frozenset()
) -> Repair | None:
    """The repair of an invalid email ``text`` (already stripped), or ``None`` when no
    mechanical slip explains it. ``validate`` raises ``EmailNotValidError`` for an invalid
    address (the caller's validator, so a repair is valid by the same rules). ``known``
    holds mail domains (``gmail.com``): a word after an address that completes its domain
    into one (``ana@gmail.co m``, ``ana@gmail .com``) is a stray space, not a note.

    >>> from oneroster_identity.normalize._emails import library_validate
    >>> repair_email("Ana Diaz <ana@gmail.com>", library_validate).value
    'ana@gmail.com'
    >>> found = repair_email("mom@x.com; dad@y.com", library_validate)
    >>> found.rule, found.value
    ('several-addresses', None)
    >>> repair_email("ana diaz@gmail.com", library_validate) is None
    True
    """

    def valid(candidate: str) -> bool:
        try:
            validate(candidate)
        except EmailNotValidError:
            return False
        return True

    read = ungarbled(text)
    if read is not None:
        # characters a program garbled (`sofÃ­a@`, `ana&#64;gmail.com`): the address read
        # back, and mended further as any value is (`sofía@gmail.com`: no marks at Gmail)
        mended = repair_email(read, validate, known)
        if mended is not None:
            return attrs.evolve(
                mended, rule="garbled", reason=f"{_REASONS['garbled']}; read back, {mended.reason}"
            )
        if valid(read):
            return Repair(
                rule="garbled",
                reason=f"{_REASONS['garbled']}; suggested: the address read back",
                value=read,
            )
    if (linked := _LINK_COPY.fullmatch(text)) is not None:
        # (before any other reading: the address is written twice, and `<` starts a display
        # name's brackets to the rules below)
        shown, link = linked["text"].strip(_WRAPPING), linked["link"].strip(_WRAPPING)
        if shown.lower() != link.lower():
            return Repair(rule="link-copy", reason=_REASONS["link-to-another"])
        if valid(shown):
            return Repair(rule="link-copy", reason=_REASONS["link-copy"], value=shown)
    if (visible := strip_invisible(text)) != text and valid(visible):
        return Repair(
            rule="invisible-characters", reason=_REASONS["invisible-characters"], value=visible
        )
    candidates: list[tuple[str, str]] = []
    note = ""  # words beside the address, read for a person they name (`Mom:`)
    if not text.isascii() and text.count("@") == 1:
        local, _, domain = text.partition("@")
        if (
            not local.isascii()
            and ascii_only_mailbox(domain.lower(), known)
            and _MAILBOX_NAME.fullmatch(local)  # (not a display name: `Sofía <sofia`)
        ):
            bare = _without_marks(local)
            if bare is None:
                return Repair(rule="accent-before-at", reason=_REASONS["accent-two-ways"])
            candidates.append(("accent-before-at", f"{bare}@{domain}"))
    if (inner := spreadsheet_text(text)) is not None:
        candidates.append(("spreadsheet-mark", inner))
    if (match := _DISPLAY_NAME.match(text)) is not None:
        inner = _MAILTO.sub("", match.group(1), count=1)
        rule = "surrounding-punctuation" if text.startswith("<") else DISPLAY_NAME
        candidates.append((rule, inner))
        note = text.split("<", 1)[0]
    elif (match := _NAME_THEN_BRACKETED.match(text)) is not None:
        candidates.append((_BRACKETED, match.group(2) or match.group(3)))
        note = match.group(1)
    if _MAILTO.match(text):
        candidates.append(("mailto", _MAILTO.sub("", text, count=1).strip(_WRAPPING + " ")))
    if text.count("@") == 2 and "@@" in text:
        candidates.append(("doubled-at", text.replace("@@", "@")))
    if "@" not in text and len(_SPELLED_AT.findall(text)) == 1:
        at = _SPELLED_AT.sub("@", text)
        dotted = _SPELLED_DOT.sub(".", at)
        candidates.append(("spelled-out-at" if dotted == at else "spelled-out-at-and-dot", dotted))
    if text.count("@") == 1 and _SPACE_BY_AT.search(text):
        candidates.append(("spaces-at-at", _SPACES_AT.sub("@", text)))
    if (noted := _NOTED.match(text)) is not None and (noted["before"] or noted["after"]):
        if _NOT_IN_USE.search(noted["before"] + " " + noted["after"]):
            return Repair(rule="address-not-in-use", reason=_REASONS["address-not-in-use"])
        address = noted["address"].strip(_WRAPPING)
        local, _, domain = address.partition("@")
        word = noted["after"].strip().lower()
        spaced = ".".join((domain, *word.split())) if word else ""
        if not noted["before"] and f"{domain}{word}".lower() in known:
            candidates.append(("domain-punctuation", f"{local}@{domain}{word}"))
        elif not noted["before"] and spaced.lower() in known:
            # `ana@gmail com`, `ana@yahoo com mx`: a space for each dot of a known domain
            candidates.append(("domain-punctuation", f"{local}@{spaced}"))
        elif not _LIST_SEPARATORS.intersection(noted["address"][-1] + word[:1]):
            # (after a list separator, the rest reads as a second entry, not a note)
            candidates.append(("note-beside-address", address))
            note = note or f"{noted['before']} {noted['after']}"
    if text.count("@") == 1:
        local, _, domain = text.partition("@")
        dotted = _DOMAIN_SLIPS.sub(".", domain).lstrip(".")
        if dotted != domain:
            # `ana@gmail,com`, `ana@gmail..com`, `ana@gmail. com`, `ana@.gmail.com`: a
            # domain holds no comma, space or empty label, so these have one reading (a
            # space inside the local part has two: `ana.diaz` or `anadiaz`, and is left
            # alone)
            candidates.append(("domain-punctuation", f"{local}@{dotted}"))
        if "." not in domain and (dotted_domain := _with_dots(domain.lower(), known)):
            # `ana@gmailcom`: all the letters of one known domain, its dots missing
            candidates.append(("domain-missing-dot", f"{local}@{dotted_domain}"))
        elif (whole := _ONE_DOMAIN_PROVIDERS.get(domain.lower())) is not None:
            # `ana@gmail`: the provider's name alone, of a provider with one domain
            candidates.append(("top-level-domain-missing", f"{local}@{whole}"))
        if domain.lower() in _DOT_BLIND_PROVIDERS and (local.endswith(".") or ".." in local):
            single = _STRAY_DOTS.sub(".", local).rstrip(".")
            candidates.append(("dots-before-at", f"{single}@{domain}"))
    if text.count("@") == 1 and (text[0] in _WRAPPING or text[-1] in _WRAPPING):
        candidates.append(("surrounding-punctuation", text.strip(_WRAPPING + " ")))
    for rule, candidate in candidates:
        if candidate == text:
            continue
        if valid(candidate):
            return Repair(
                rule=DISPLAY_NAME if rule == _BRACKETED else rule.removesuffix("-and-dot"),
                reason=_REASONS[rule],
                value=candidate,
                owner=(
                    None
                    if _names_the_mailbox(note, candidate)
                    else display_owner(note)
                    if rule in (DISPLAY_NAME, _BRACKETED)
                    else note_owner(note)
                    if rule == "note-beside-address"
                    else None
                ),
            )
        if rule in _AROUND_THE_ADDRESS:
            # the address inside has a slip of its own (`Ana <ana@gmail>`): mended as any
            # value is, and said in both rules' words (what is written around the address
            # is its outermost slip, so read before the rules that follow)
            mended = repair_email(candidate, validate, known)
            if mended is not None and mended.value is not None:
                return attrs.evolve(
                    mended,
                    rule=DISPLAY_NAME if rule == _BRACKETED else rule,
                    reason=and_inside(_REASONS[rule], mended.reason),
                    # (whose the address is, by the display name or by a note inside)
                    owner=(display_owner(note) if rule in (DISPLAY_NAME, _BRACKETED) else None)
                    or mended.owner,
                )
    if text.count("@") >= 2:
        parts = tuple(p.strip(_WRAPPING + " ") for p in _SEPARATORS.split(text) if p.strip())
        if len(parts) >= 2 and all(p.count("@") == 1 and valid(p) for p in parts):
            if len({p.casefold() for p in parts}) == 1:
                return Repair(
                    rule="repeated-address", reason=_REASONS["repeated-address"], value=parts[0]
                )
            return Repair(
                rule="several-addresses",
                reason=f"the field holds {len(parts)} addresses; the app takes one address "
                "per person: keep one (only someone who knows the family can tell which)",
            )
        listed = _noted_addresses(text, valid)
        if listed is not None:
            return listed
    if (
        "@" not in text
        and _PHONE_NUMBER.fullmatch(text)
        and not _ISO_DATE.fullmatch(text)
        and 7 <= sum(ch.isdigit() for ch in text) <= 15
    ):
        return Repair(rule=PHONE_NUMBER, reason=_REASONS[PHONE_NUMBER])
    return None
