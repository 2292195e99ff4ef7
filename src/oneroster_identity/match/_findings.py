"""Findings about single records and persons: invalid values, unreachable people, links."""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from itertools import islice

import attrs

from oneroster_identity.diagnostics import Severity
from oneroster_identity.match._contacts import (
    IN_USERNAME,
    ForeignAddress,
    address_column,
    empty_or_stand_in,
    mended_domain,
    moved_email_column,
    office_address,
)
from oneroster_identity.match._household import records_in_words
from oneroster_identity.match._identifiers import IDENTIFIER_FIELD
from oneroster_identity.match._keys import shared_keys
from oneroster_identity.match._model import Finding, Person
from oneroster_identity.match._pairs import birth_date_slip
from oneroster_identity.match._persons import Persons
from oneroster_identity.match._records import (
    STUDENT_ONLY,
    RecordFacts,
    made_up_key,
    two_stated_sexes,
)
from oneroster_identity.models import RoleFamily, Roster
from oneroster_identity.normalize import (
    EmailFlag,
    NormalizedEmail,
    NormalizedPhone,
    PersonName,
    PhoneFlag,
    Restriction,
    family_names_two_people,
    grade_level,
    has_note,
    household_in_family,
    identifier_key,
    is_blank_name,
    is_consumer_domain,
    is_relation_note,
    is_role_word_name,
    labelled_number,
    marked_name,
    names_husband,
    names_two_people,
    normalize_email,
    normalize_phone,
    note_owner,
    owner_fits,
    restriction_in_name,
    sorted_last,
    split_mark,
    split_note,
    spreadsheet_text,
    stray_marks,
    takes_no_texts,
)
from oneroster_identity.normalize._email_repair import PHONE_NUMBER
from oneroster_identity.normalize._emails import not_gmail_characters
from oneroster_identity.normalize._encoding import garblings, has_lost_characters, ungarbled
from oneroster_identity.normalize._names import contact_in_name, is_pronouns
from oneroster_identity.normalize._one_name import (
    PLACEHOLDER_FAMILY_SPELLINGS,
    UNKNOWN_NAME_MARK_SPELLINGS,
    is_placeholder_family_name,
    is_unknown_name_mark,
)
from oneroster_identity.normalize._phone_repair import says_home_or_work
from oneroster_identity.normalize._phones import UNTEXTABLE_TYPES
from oneroster_identity.normalize._relations import (
    HOUSEHOLD_SPELLINGS,
    ROLE_WORD_SPELLINGS,
    is_care_of,
    might_be_stand_in,
    names_test_account,
)
from oneroster_identity.normalize._restrictions import NOT_IN_USE_SPELLINGS
from oneroster_identity.normalize._spreadsheet import spreadsheet_error, spreadsheet_reason
from oneroster_identity.normalize._stray import QUOTES, stray_mark
from oneroster_identity.normalize._symbols import symbols_in_name
from oneroster_identity.normalize._text import (
    describe_character,
    escape_invisible,
    odd_characters,
    strip_invisible,
    unconfuse,
)
from oneroster_identity.policy import Policy, StaffGuardianPolicy

__all__ = [
    "GARBLED_THROUGHOUT_CODE",
    "NO_NAME_GIVEN",
    "garbled_throughout_finding",
    "person_findings",
    "record_findings",
    "roster_findings",
]

_ADULT = (RoleFamily.STAFF, RoleFamily.GUARDIAN)
_ADULT_SET = frozenset(_ADULT)


def _is_adult(f: RecordFacts) -> bool:
    return any(family in f.families for family in _ADULT)


_CLEAN_EMAIL = frozenset(
    {EmailFlag.PERSONAL, EmailFlag.DISTRICT, EmailFlag.PROVIDER_ALIAS, EmailFlag.EMPTY}
)
_CLEAN_PHONE = frozenset(
    {PhoneFlag.HAS_EXTENSION, PhoneFlag.NO_TEXTS, PhoneFlag.NAMES_SOMEONE, PhoneFlag.EMPTY}
)
_CLEAN_SMS = frozenset({PhoneFlag.EMPTY})
"""The credential column's clean flags: an extension there is a finding (a desk phone)."""

_NOT_TEXTABLE = {
    "toll-free": "a toll-free number (a business line)",
    "premium-rate": "a premium-rate number (a business line)",
    "shared-cost": "a shared-cost number (a business line)",
    "uan": "a company's universal access number",
    "pager": "a pager number",
    "voicemail": "a voicemail access number",
    "fixed-line": "a landline, by its region's numbering plan",
}
"""Number types (``NormalizedPhone.number_type``) that cannot receive a person's texts. US
and Canadian numbers are typed ``fixed-line-or-mobile`` (their numbering does not tell a
landline), so a landline there is never flagged; ``voip`` and ``personal`` numbers often
take texts and are not flagged either."""


def _maybe_joined(given: str) -> bool:
    """Whether a given name holds the letters of a word that joins two names."""
    folded = given.casefold()
    return "and" in folded or "y" in folded


_HOUSEHOLD_NAME = (
    "familyName names a household (such as 'The Smith Family'), not a person: the app "
    "makes one account of the record and shows it by this name, which no one signs in as, "
    "and the guardians' own records (with their names) make other accounts; type the "
    "guardian's own name, and give each guardian a record of their own"
)
_STAND_IN_FAMILY = (
    "familyName is a stand-in (N/A, Unknown), not a name: the app shows it as this "
    "person's family name, and the person's other records (with their name) make other "
    "accounts; type the person's family name"
)

_CARE_OF_FAMILY = (
    "familyName is only a 'care of' (c/o) note, naming whom the person is reached "
    "through, not the person's family name: the app shows it as this person's name, and "
    "the person's other records (with their name) make other accounts; type the person's "
    "family name (the note belongs in an address, not a name)"
)


def _couple_part(name: PersonName) -> tuple[str, str, str] | None:
    """The name part that names two people (column, value, how its names are joined),
    the given name first (``John & Mary``), then the family name (``Maria`` / ``Garcia &
    Jose Lopez``, a couple's line split at a space), or ``None``. A part in a
    spreadsheet's text formula is read inside it (``="N/A"`` is no ``="N`` and ``A"``)."""
    if names_two_people(marked_name(name.given) or name.given):
        return "givenName", name.given, "'&', 'and' or a slash"
    if family_names_two_people(marked_name(name.family) or name.family):
        return (
            "familyName",
            name.family,
            "'&', '+' or 'and': a couple's names typed in one line and split at a space",
        )
    return None


def _odd_family(family: str) -> bool:
    """Whether a family name (not one plain word) names two people (``Garcia & Jose
    Lopez``) or a household (``Garcia Family``); each test tells most names from their
    letters alone."""
    return family_names_two_people(family) or household_in_family(family)


def _clean(f: RecordFacts) -> bool:
    """A record none of the checks below can flag (most records): checked first, cheaply."""
    return (
        f.email.flags <= _CLEAN_EMAIL
        and f.email.repair is None  # an empty email's address found in the username
        and f.phone.flags <= _CLEAN_SMS
        and f.phone.number_type not in UNTEXTABLE_TYPES
        and f.home_phone.flags <= _CLEAN_PHONE
        and (f.email.usable or f.phone.usable or not _is_adult(f))  # students: no contact
        and bool(f.families)
        and RoleFamily.UNKNOWN not in f.families
        and f.email.raw.isascii()
        # a guardian (not staff) at a district domain: an office's mailbox, perhaps
        and (
            EmailFlag.DISTRICT not in f.email.flags
            or RoleFamily.GUARDIAN not in f.families
            or RoleFamily.STAFF in f.families
        )
        and _clean_name(f.name)
    )


def _clean_name(name: PersonName) -> bool:
    """A name none of the name checks can flag. Most names are one plain ASCII word in
    each part, told in C: no placeholder, joiner (``&``, ``+``, ``/``, or ``and``/``y``
    between two words), note, or character to report can hide in such a part, so only
    the role words and a middle name's restriction note are left to ask."""
    given, family = name.given, name.family
    if not (given.isascii() and family.isascii()):
        return False  # a letter or character outside ASCII is the full checks' to read
    if given.isalpha() and family.isalpha():
        return (
            given not in ROLE_WORD_SPELLINGS
            and family not in PLACEHOLDER_FAMILY_SPELLINGS
            and family not in HOUSEHOLD_SPELLINGS  # Family, Household
            and given not in UNKNOWN_NAME_MARK_SPELLINGS  # FNU, LNU
            and family not in UNKNOWN_NAME_MARK_SPELLINGS
            and (not name.middle or restriction_in_name(name.middle) is None)
            # a zz or xx prefix marking a retired record (zzGarcia); both are alphabetic,
            # so not empty, and the first letter spares a call on nearly every name
            and not (given[0] in "zZxX" and sorted_last(given))
            and not (family[0] in "zZxX" and sorted_last(family))
            # a mark typed alone (Duplicate, INACTIVE: since session 61)
            and given not in NOT_IN_USE_SPELLINGS
            and family not in NOT_IN_USE_SPELLINGS
        )
    return (
        not is_blank_name(given)
        and not is_blank_name(family)
        and "&" not in given
        and "+" not in given
        and "/" not in given  # Maria/Jose (a slash joins a couple, or a note)
        # a woman's title before a man's name (Mrs. John: his wife, named the formal way)
        and not (given[:1] in "MmSs" and names_husband(given, family=family))
        # the word "and" (or Spanish "y") between two names, however joined (John and
        # Mary, John-and-Mary, Juan y María): the exact test runs only on the few names
        # holding the letters (Alexander, Sandra; any given name with a y: Kelly)
        and not (_maybe_joined(given) and names_two_people(given))
        # a role word spelled otherwise on an otherwise clean record is missed, never
        # mis-flagged: a casefolded check of every given name would cost the fast path
        and given not in ROLE_WORD_SPELLINGS
        # a stand-in of more words (Smith Family, Parent 1, Leo's Mom, Mother of Leo), or
        # with anything but letters and spaces in it (N.A., Mom.: since session 60; `MX`
        # and a control character, since session 61: each missed here where the full
        # checks said it, found by the shortcut's property test on new seeds)
        and not (
            (might_be_stand_in(given) or not given.replace(" ", "").isalpha())
            and is_role_word_name(given)
        )
        and not is_placeholder_family_name(family)  # N/A, UNKNOWN; in punctuation: N/A.
        # a couple's names or a household's in the family name (Garcia & Jose Lopez,
        # Garcia Family)
        and not _odd_family(family)
        and not is_unknown_name_mark(given)  # F.N.U.
        and not is_unknown_name_mark(family)
        # an address or a number typed into a name column
        and not contact_in_name(given)
        and not contact_in_name(family)
        # a note beside a name (`Maria (Grandmother)`)
        and (given.isalpha() or not has_note(given))
        and (family.isalpha() or not has_note(family))
        # punctuation no name has at its edge (`Ruiz,`, `Garcia-`)
        and stray_mark(given) is None
        and stray_mark(family, family=True) is None
        # a digit or a symbol no name has (`*Ana`, `Ana2`, `Ruiz #2`)
        and not symbols_in_name(given)
        and not symbols_in_name(family)
        # a note restricting contact (`John - NO CONTACT`), which a name may carry without
        # the parentheses has_note reads
        and name.restriction() is None
    )


def record_findings(
    f: RecordFacts,
    policy: Policy,
    foreign: Mapping[str, ForeignAddress] | None = None,
    numbers_elsewhere: Mapping[str, tuple[str, ...]] | None = None,
) -> Sequence[Finding]:
    """Data-quality findings of one record's contact values. ``foreign`` names, for a
    record whose phone column holds another person's email address, the records it is
    theirs by (``match._contacts.settle_moved_addresses``); ``numbers_elsewhere``, for a
    record whose email column holds a phone number, the other records holding it
    (``match._contacts.numbers_held_elsewhere``)."""
    if _clean(f):
        return ()  # no generator built for the million clean records
    found = list(_record_findings(f, policy, foreign or {}, numbers_elsewhere or {}))
    if any(x.code in _RESTRICTION_CODES for x in found):
        # nothing is suggested on a record whose name restricts contact or says the
        # person died: the school decides what becomes of it (normalize._restrictions)
        found = [attrs.evolve(x, suggested=None) if x.suggested else x for x in found]
    return found


_RESTRICTION_CODES = frozenset({"contact-restricted", "deceased-in-name", "marked-not-in-use"})


_NO_GUARDIAN_ACCOUNT = (
    "the sync adds no guardian without one, so this guardian gets no account and no "
    "messages until an email or SMS phone is typed"
)


def _record_findings(
    f: RecordFacts,
    policy: Policy,
    foreign: Mapping[str, ForeignAddress],
    numbers_elsewhere: Mapping[str, tuple[str, ...]],
) -> Iterator[Finding]:
    sid = f.sourced_id
    email = f.email
    adult = _is_adult(f)
    if EmailFlag.INVALID in email.flags:
        yield Finding(
            code="invalid-email",
            severity=Severity.ERROR,
            sourced_id=sid,
            field="email",
            value=email.raw,
            message=f"email is not a valid address: {email.reason}",
            suggested=email.repaired,
        )
    elif EmailFlag.PLACEHOLDER in email.flags and email.repair is None:
        # (a stand-in beside an address in another column: that column's finding says
        # both, since session 70)
        yield Finding(
            code="placeholder-email",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="email",
            value=email.raw,
            message=f"email is a placeholder ({email.reason}); it cannot log in or identify anyone",
        )
    if EmailFlag.DOMAIN_TYPO in email.flags and email.usable:
        yield Finding(
            code="email-domain-typo",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="email",
            value=email.raw,
            message=f"email domain looks like a typo of '{email.suggested_domain}'",
            suggested=email.typo_mended,
        )
    if EmailFlag.CUT_OFF_DOMAIN in email.flags and email.usable:
        yield Finding(
            code="email-domain-cut-off",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="email",
            value=email.raw,
            message="email domain ends in a one-letter part, which no domain has: the address "
            "was cut off and cannot receive mail, and no one known mail domain completes it; "
            "ask the person for the whole address",
        )
    if (
        RoleFamily.GUARDIAN in f.families
        and RoleFamily.STAFF not in f.families
        and office_address(email)
    ):
        yield Finding(
            code="guardian-email-office-mailbox",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="email",
            value=email.raw,
            message="guardian's email is an office's or a role's mailbox at the district's "
            "domain (a front office, attendance or information address), not the family's: "
            "the app would make it this guardian's login and send the child's messages to "
            "the office, and every guardian given it shares one account's login; type the "
            "guardian's own email in the SIS (or leave it empty, and the guardian is reached "
            "by SMS phone if one is there)",
        )
    if EmailFlag.NOT_A_MAILBOX in email.flags and email.usable:
        marks = ", ".join(repr(ch) for ch in not_gmail_characters(email.local))
        yield Finding(
            code="email-not-a-mailbox",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="email",
            value=email.raw,
            message=f"email holds {marks} before the @, which no Gmail address has (a Gmail "
            "name is letters, digits and dots): the app takes it, but mail to it reaches no "
            "one; nothing is suggested (the family's address may have a dot there, or be "
            "this name at another provider): ask the person for the address",
        )
    moved = moved_email_column(f)
    columns = [(f.phone_field, f.phone)]
    if f.phone_field != "phone":
        columns.append(("phone", f.home_phone))
    theirs = foreign.get(sid)
    holders = theirs.records if theirs is not None else ()
    others = address_column(f) if theirs is not None else None
    for column, phone in columns:
        if PhoneFlag.PLACEHOLDER in phone.flags or PhoneFlag.FICTIONAL in phone.flags:
            yield Finding(
                code="placeholder-phone",
                severity=Severity.WARNING,
                sourced_id=sid,
                field=column,
                value=phone.raw,
                message=f"{column} is a placeholder number ({phone.reason})",
            )
        elif PhoneFlag.INVALID in phone.flags:
            if column == others:
                # another person's address: moving it would give this record their email
                shown = ", ".join(holders[:3]) + (" and others" if len(holders) > 3 else "")
                whose = (
                    f"that other people's records ({shown}) have as their email"
                    if theirs is None or not theirs.named
                    # (the initial is part of the address: never in the message, which a
                    # redacted report writes as it is)
                    else f"with the initial of a family member ({shown}) beside the family name"
                    if theirs.initial and holders
                    else "with an initial beside the family name that is not this person's "
                    "given name's or a short form's, so perhaps another family member's"
                    if theirs.initial
                    else f"spelling the given name of a family member ({shown}), not this person's"
                    if holders
                    else f"naming a family member ('{theirs.kin}') whom nothing on this record "
                    "shows this person is"
                    if theirs.kin
                    else "spelling another given name than this person's"
                )
                reason = (
                    f"an email address {whose}: not this person's to move to the email "
                    "column; the column needs this person's own number"
                )
            else:
                reason = phone.reason or "not a phone number"
            suggested = phone.repaired
            business = (
                _business_line(suggested, policy)
                if suggested is not None and column != "phone"
                else None
            )
            if business is not None:
                # (since session 60: `1-800-555-1234 cell` had the toll-free number
                # suggested for the SMS column, which then got sms-not-textable)
                reason = (
                    f"{reason.partition('; suggested:')[0]}; the number is {business}, which "
                    "cannot receive the app's text messages: no number is suggested; put the "
                    f"person's mobile number in {column}"
                )
                suggested = None
            yield Finding(
                code="invalid-phone",
                severity=Severity.ERROR if column != "phone" else Severity.WARNING,
                sourced_id=sid,
                field=column,
                value=phone.raw,
                message=f"{column} is not a valid phone number ({reason})",
                suggested=suggested,
                related=holders if column == others else (),
            )
            if column == moved:
                yield Finding(
                    code="email-in-phone-column",
                    severity=Severity.WARNING,
                    sourced_id=sid,
                    field="email",
                    value=email.raw,
                    message=f"the email column {empty_or_stand_in(email)} and the {column} "
                    "column holds an email address: it belongs in the email column (then the "
                    f"{column} column needs the number)" + _mended_note(email),
                    suggested=email.repaired,
                )
    if email.repair is not None and email.repair.rule == IN_USERNAME:
        yield Finding(
            code="email-in-username",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="email",
            value=email.raw,
            message=f"the email column {empty_or_stand_in(email)} and the username is an "
            "email address: the app reads only the email column, so this record has no "
            "email there; if the address is this person's own mailbox, put it in the email "
            "column" + _mended_note(email),
            suggested=email.repaired,
        )
    if (
        email.repair is not None
        and email.repair.rule == PHONE_NUMBER
        and not f.phone.raw
        and (number := normalize_phone(email.raw, policy=policy)).usable
    ):
        # the mirror of email-in-phone-column: a number typed into the email column,
        # moved only when no other record holds it (a parent's on a child's record), and
        # into a texted column only when texts may reach it (since session 61; before, a
        # toll-free or a landline number was moved into sms, where sms-not-textable then
        # said so)
        holders = numbers_elsewhere.get(sid, ())
        silent = (
            _NOT_TEXTABLE.get(number.number_type, "a number with an extension")
            if f.phone_field != "phone" and takes_no_texts(number)
            else None
        )
        yield Finding(
            code="phone-in-email-column",
            severity=Severity.WARNING,
            sourced_id=sid,
            field=f.phone_field,
            value=email.raw,
            message=f"the {f.phone_field} column is empty and the email column holds a phone "
            + (
                f"number that other records ({', '.join(holders)}) hold as theirs: not this "
                f"person's to move; the {f.phone_field} column needs this person's own number "
                "(and the email column the person's address, or nothing)"
                if holders
                else f"number, {silent}, which cannot receive the app's texts: it belongs in "
                f"the 'phone' column, and the {f.phone_field} column needs the person's "
                "mobile number (and the email column the person's address, or nothing)"
                if silent is not None
                else f"number: it belongs in the {f.phone_field} column (then the email column "
                "needs the person's address, or nothing)"
            ),
            suggested=None if holders or silent is not None else email.raw,
            related=holders,
        )
    phone_said = False  # a warning above says more than a label finding would
    if takes_no_texts(f.phone):
        phone_said = True
        yield _not_textable(sid, f.phone_field, f.phone)
    if f.phone.usable and PhoneFlag.NAMES_SOMEONE in f.phone.flags:
        owner = note_owner(f.phone.raw)
        student = RoleFamily.STUDENT in f.families
        if owner is not None and not owner_fits(
            owner, f.name, student=student, sex=str(f.user_value("sex"))
        ):
            phone_said = True
            yield Finding(
                code="sms-names-someone",
                severity=Severity.WARNING,
                sourced_id=sid,
                field=f.phone_field,
                value=f.phone.raw,
                message=f"{f.phone_field} carries a note naming whose the number is (such as "
                "'Dad:', 'Mom cell' or a given name), and nothing on this record (its name, "
                "its role) shows it is that person: the app reads the number as this "
                "person's; if it is another person's, this record needs this person's own "
                "number",
            )
    if f.phone.usable and not phone_said:
        if PhoneFlag.SPREADSHEET_MARK in f.phone.flags:
            yield _not_the_number_alone(
                sid,
                f.phone_field,
                f.phone.raw,
                "sms-spreadsheet-mark",
                'a spreadsheet\'s mark for text around the number (="...", which exports '
                "meant for Excel write to keep leading zeros, or a leading apostrophe)",
                spreadsheet_text(f.phone.raw),
            )
        elif PhoneFlag.LABELLED in f.phone.flags:
            yield _not_the_number_alone(
                sid,
                f.phone_field,
                f.phone.raw,
                "sms-label",
                "words beside the number (a label such as 'cell', '(h)' or 'H')",
                labelled_number(f.phone.raw),
                # (since session 57: a home or work line may not take texts)
                "; the label names a home or work line, which may not take the app's texts: "
                "check it is the person's mobile"
                if f.phone_field == "sms" and says_home_or_work(f.phone.raw)
                else "",
            )
        elif PhoneFlag.KEYPAD_LETTERS in f.phone.flags:
            # (since session 56: read as a keypad's digits with no finding before)
            yield Finding(
                code="sms-keypad-letters",
                severity=Severity.WARNING,
                sourced_id=sid,
                field=f.phone_field,
                value=f.phone.raw,
                message=f"{f.phone_field} holds letters among or after the digits, which "
                "this check reads as a phone keypad's digits: a vanity number (such as "
                "1-800-FLOWERS), or a word typed beside a shorter number, which then reads "
                "as another number; the data cannot tell which, and a sync that takes the "
                "value as written may not read it: type the number in digits",
            )
        elif PhoneFlag.STRAY_MARK in f.phone.flags:
            yield _stray_mark_finding(sid, f.phone_field, f.phone, policy)
    if adult and not email.usable and not f.phone.usable:
        outcome = (
            _NO_GUARDIAN_ACCOUNT if f.not_added else "this person cannot log in or receive messages"
        )
        if f.home_phone.usable and "phone" not in policy.identity_phone_fields:
            yield Finding(
                code="home-phone-only",
                severity=Severity.WARNING,
                sourced_id=sid,
                field="phone",
                value=f.home_phone.raw,
                message="the only number is in 'phone', a home phone that is not used "
                f"for notifications or login: {outcome}; put a mobile number in 'sms'",
            )
        else:
            yield Finding(
                code="no-contact",
                severity=Severity.WARNING,
                sourced_id=sid,
                message=f"no usable email or SMS phone: {outcome}",
            )
    for column, part in (("givenName", f.name.given), ("familyName", f.name.family)):
        repaired = ungarbled(part)
        if repaired is not None:
            # (its odd characters, symbols and marks are the garbling's: one finding)
            yield _garbled_finding(sid, column, part, repaired)
            continue
        error = spreadsheet_error(part)
        if error is not None:
            # (a stand-in, whose symbols are the spreadsheet's: one finding)
            yield _spreadsheet_finding(sid, column, part, error)
            continue
        if is_blank_name(part):
            yield Finding(
                code="missing-name",
                severity=Severity.WARNING,
                sourced_id=sid,
                field=column,
                value=part,
                message=f"{column} is empty"
                if not part.strip()
                else f"{column} holds no letters (only punctuation or symbols), "
                "which is a placeholder, not a name",
            )
        elif kind := contact_in_name(part):
            yield Finding(
                code="contact-in-name",
                severity=Severity.WARNING,
                sourced_id=sid,
                field=column,
                value=part,
                message=f"{column} holds "
                + ("an email address" if kind == "email" else "a phone number")
                + ", not a name (a form's fields shifted, or a copy-paste): the app shows it "
                "as the person's name, and the person's other records (with their name) make "
                "other accounts; type the name here, and the "
                + ("address into email" if kind == "email" else "number into sms")
                + " if it is this person's",
            )
        elif is_unknown_name_mark(part):
            yield Finding(
                code="unknown-name-mark",
                severity=Severity.INFO,
                sourced_id=sid,
                field=column,
                value=part,
                message=f"{column} is a mark for a name the person does not have (FNU, LNU: "
                "'first' or 'last name unknown', as US immigration papers write a person of "
                "one name), not a name: the app shows it as part of the name, and the "
                "person's records that write the one name another way (in both fields, or "
                "alone) make other accounts; write it the same way on all of them",
            )
        elif column == "familyName" and (
            household_in_family(part) or is_placeholder_family_name(part)
        ):
            yield Finding(
                code="placeholder-name",
                severity=Severity.WARNING,
                sourced_id=sid,
                field=column,
                value=part,
                message=_HOUSEHOLD_NAME
                if household_in_family(part)
                else _CARE_OF_FAMILY
                if is_care_of(part)
                else _STAND_IN_FAMILY,
            )
        elif has_note(part) and not (column == "givenName" and is_role_word_name(part)):
            # (a stand-in, `Guardian 1`, is placeholder-name's: no name beside a note)
            note = split_note(part)[1]
            relation = is_relation_note(note)
            yield Finding(
                code="note-in-name",
                severity=Severity.INFO,
                sourced_id=sid,
                field=column,
                value=part,
                message=f"{column} holds a note beside the name"
                + (", a relation, which is no part of a name" if relation else "")
                + (
                    ", a 'care of' (c/o) note naming whom the person is reached through, "
                    "which is no part of a name"
                    if is_care_of(note)
                    else ""
                )
                + (
                    ", pronouns, which OneRoster 1.2 keeps in a field of their own (pronouns)"
                    if is_pronouns(note)
                    else ""
                )
                + (
                    " (after 'c/o')"
                    if is_care_of(note) and not any(c in part for c in '()[]"')
                    else " (in parentheses, quotes or asterisks, or set apart by a dash, slash or comma)"
                )
                + ": the app shows it as part of the name and compares it, so a record of "
                "this person without the same note makes another account",
            )
        stray = _stray_finding(sid, column, part)  # (none on a part without letters)
        if stray is not None and not (
            # a stand-in in punctuation (`Unknown,`, `N/A.`) is placeholder-name's to say:
            # since session 60, its stray mark's finding suggested the stand-in as the name
            is_placeholder_family_name(part) if column == "familyName" else is_role_word_name(part)
        ):
            yield stray
        symbols = _symbols_finding(sid, column, part)
        if symbols is not None:
            yield symbols
    if is_role_word_name(f.name.given) and spreadsheet_error(f.name.given) is None:
        yield Finding(
            code="placeholder-name",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="givenName",
            value=f.name.given,
            message="givenName reads as a district's test or demo account (Test Student, "
            "Demo Teacher), not a person: the sync creates an account for it; leave it out "
            "of the sync, or give the record the person's name"
            if names_test_account(f.name.given)
            else "givenName is a role, a title or a stand-in, not a name: the app shows it "
            "as this person's name, and the person's other records (with their name) make "
            "other accounts; type the person's given name",
        )
    if names_husband(f.name.given, family=f.name.family):
        yield Finding(
            code="husband-name",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="givenName",
            value=f.name.given,
            message="givenName is a woman's title before a man's given name, the formal way "
            "of naming a man's wife (as in 'Mrs. John Smith'), not her own name: the app "
            "shows it as this person's name, beside his record it is another person, and "
            "her records with her own given name make other accounts; if the record is "
            "hers, type her given name; if it is his, the title is a slip",
        )
    couple = _couple_part(f.name)
    if couple is not None and RoleFamily.STUDENT not in f.families:
        column, value, how = couple
        yield Finding(
            code="couple-in-name",
            severity=Severity.WARNING,
            sourced_id=sid,
            field=column,
            value=value,
            message=f"{column} names two people ({how}): the app makes one account per "
            "record, so only one of them can log in with it; give each guardian a record of "
            f"their own, with their own {'' if column == 'givenName' else 'name, '}email or "
            "SMS phone",
        )
    for column, raw in (
        ("givenName", f.name.given),
        ("familyName", f.name.family),
        ("email", f.email.raw),
    ):
        if ungarbled(raw) is not None:
            continue  # (the garbling's characters: its own finding, or the invalid email's)
        yield from _odd_character_findings(sid, column, raw, policy)
    for column, raw in (
        ("givenName", f.name.given),
        ("familyName", f.name.family),
        ("middleName", f.name.middle),
    ):
        restriction = restriction_in_name(raw)
        if restriction is not None:
            yield _restriction_finding(
                sid, column, raw, restriction, student=not adult, families=f.families
            )
    if split_mark(f.name.given, f.name.family):
        # (a mark neither part holds alone, `Do Not` / `Use`: named on the given name,
        # where it begins; since session 61)
        yield _restriction_finding(
            sid,
            "givenName",
            f.name.given,
            Restriction.NOT_IN_USE,
            student=not adult,
            families=f.families,
            across=True,
        )
    if RoleFamily.UNKNOWN in f.families or not f.families:
        yield Finding(
            code="unknown-role",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="role",
            message="record has no OneRoster role; the app cannot class it as staff, "
            "guardian or student",
        )


def _not_the_number_alone(
    sid: str, field: str, raw: str, code: str, what: str, number: str | None, caution: str = ""
) -> Finding:
    """A warning that a number the check reads is not written alone (``sms-label``,
    ``sms-spreadsheet-mark``): a sync that takes the value as written may not read it, and
    the number written plainly on another record is another value. Suggested: the
    number alone, after any ``caution``."""
    return Finding(
        code=code,
        severity=Severity.WARNING,
        sourced_id=sid,
        field=field,
        value=raw,
        message=f"{field} holds {what}: this check reads the number, but a sync that takes "
        "the value as written may not, and the number written alone on another record "
        f"differs from it{caution}; suggested: the number alone",
        suggested=number,
    )


def _stray_mark_finding(sid: str, column: str, phone: NormalizedPhone, policy: Policy) -> Finding:
    """``sms-stray-mark`` (since session 60): a symbol no number is written with beside or
    among the digits (``617-555-2368*``, ``#617-555-2368``), which the check reads past
    and a sync that takes the value as written may not. Suggested: the number without it,
    as ``sms-label`` suggests the number without its words; but a ``?`` may say the
    office was not sure of the number, which only the family can settle, so nothing is
    suggested then."""
    raw = phone.raw
    marks = stray_marks(raw)
    shown = ", ".join(repr(ch) for ch in marks)
    what = f"{shown} beside the number"
    if "?" in marks:
        return Finding(
            code="sms-stray-mark",
            severity=Severity.WARNING,
            sourced_id=sid,
            field=column,
            value=raw,
            message=f"{column} holds {what}, which may say the office was not sure of the "
            "number: check it with the family, then type it alone (this check reads the "
            "number, but a sync that takes the value as written may not); nothing is "
            "suggested",
        )
    alone = " ".join(raw.translate({ord(ch): " " for ch in marks}).split())
    same = alone and normalize_phone(alone, policy=policy).e164 == phone.e164
    return _not_the_number_alone(
        sid,
        column,
        raw,
        "sms-stray-mark",
        f"{what} (a mark an office uses for a preferred number, or a slip of the "
        "keyboard), which no number is written with",
        alone if same else None,
    )


def _symbols_finding(sid: str, column: str, part: str) -> Finding | None:
    """``digits-or-symbols-in-name``: a name part holding a character no name has (``*Ana``,
    ``Ana2``, ``Ana?``; :func:`~oneroster_identity.normalize._symbols.symbols_in_name`),
    outside a note (``note-in-name``'s) and in a part that other findings do not already
    call no name (empty, a contact, a stand-in such as ``Parent 1``)."""
    if not symbols_in_name(part):
        return None  # (nearly every name, told in C)
    inner = marked_name(part)
    if inner is not None and not symbols_in_name(inner):
        # a stand-in inside the marks (`="N/A"`, `="Unknown"`) is no name to suggest
        # (since session 59: suggested as the name)
        stand_in = is_role_word_name(inner) or is_placeholder_family_name(inner)
        return Finding(
            code="name-spreadsheet-mark",
            severity=Severity.WARNING,
            sourced_id=sid,
            field=column,
            value=part,
            message=f'{column} is wrapped in a spreadsheet\'s text formula (="...", which '
            "exports meant for Excel write): the app shows the marks as part of the name, "
            "and the person's records written plainly make other accounts; "
            + (
                "the value inside is a stand-in, not a name: type the person's name"
                if stand_in
                else "suggested: the name without them"
            ),
            suggested=None if stand_in else inner,
        )
    if has_lost_characters(part):
        return _lost_finding(sid, column, part)
    found = symbols_in_name(split_note(part)[0])
    if (
        not found
        or is_blank_name(part)
        or contact_in_name(part)
        or (column == "givenName" and is_role_word_name(part))
        or (column == "familyName" and is_placeholder_family_name(part))
        or (column == "familyName" and family_names_two_people(part))
    ):
        return None
    digits = sum(ch.isdigit() for ch in found)
    shown = [", ".join(f"'{ch}'" for ch in found if not ch.isdigit())]
    shown.append("" if not digits else "a digit" if digits == 1 else "digits")
    return Finding(
        code="digits-or-symbols-in-name",
        severity=Severity.WARNING,
        sourced_id=sid,
        field=column,
        value=part,
        message=f"{column} holds {' and '.join(x for x in shown if x)}, which no name has (a "
        "flag or a count the SIS adds, a question left in the field, a slip of the "
        "keyboard): the app shows it as part of the name, and the person's records "
        "written without it make other accounts; keep flags and notes out of the name, "
        "and retype the name as the person writes it",
    )


_GARBLINGS = {
    "encoding": "letters garbled by a program that read the text in the wrong encoding "
    "(UTF-8 read as Windows-1252: 'Ã©' for 'é')",
    "html": "HTML character references that a web form or an export wrote in place of its "
    "characters ('&#39;' for an apostrophe, '&aacute;' for 'á')",
}


def _garbled_finding(sid: str, column: str, part: str, repaired: str) -> Finding:
    """``garbled-characters``: a name part whose characters a program garbled, by reading
    UTF-8 text in another encoding (``GarcÃ­a``) or by writing HTML character references
    (``O&#39;Brien``; :func:`~oneroster_identity.normalize._encoding.ungarbled`).
    Suggested: the name read back, the exact inverse of the mistake, so no guess. (A
    garbled email is an invalid one whose repair reads it back: ``normalize_email``.)"""
    how = " and ".join(_GARBLINGS[kind] for kind in garblings(part))
    return Finding(
        code="garbled-characters",
        severity=Severity.WARNING,
        sourced_id=sid,
        field=column,
        value=part,
        message=f"{column} holds {how}: the app shows the name garbled, and the person's "
        "records spelled right make other accounts; retype the name with its letters (and "
        "check the import that garbled it: other values it brought in may be garbled too)",
        suggested=repaired,
    )


GARBLED_THROUGHOUT_CODE = "garbled-throughout"
"""The code of :func:`garbled_throughout_finding`."""


def garbled_throughout_finding(garbled: int) -> Finding:
    """``garbled-throughout``: every name of the roster with a letter outside ASCII reads
    garbled (``garbled`` distinct name parts, none read right), so the file was likely
    garbled on its way to the check, not typed so into the SIS: which one it is, only
    the SIS can show, and the ``garbled-characters`` findings and fixes hold only if the
    SIS shows the garbled names too."""
    return Finding(
        code=GARBLED_THROUGHOUT_CODE,
        severity=Severity.WARNING,
        message=f"every name in this roster with a letter outside ASCII reads garbled or "
        f"lost ({garbled} distinct given or family names: UTF-8 read as Windows-1252, 'Ã©' "
        "for 'é', or '?' where a program could not write a letter), and none reads right: "
        "the files were probably garbled on their way here (an export, or a spreadsheet "
        "saved back, in another encoding, or a system without those letters), not typed so "
        "into the SIS. Look one of the garbled-characters or lost-characters records up in "
        "the SIS: if it shows the name right, export the roster again as UTF-8 and check "
        "that export (the sync reads the SIS, and these findings and their fixes do not "
        "apply); if the SIS shows it garbled, they stand",
    )


def _spreadsheet_finding(sid: str, column: str, part: str, error: str) -> Finding:
    """``spreadsheet-error``: a name part that is a spreadsheet's error value (``#NAME?``,
    ``#N/A``: :func:`~oneroster_identity.normalize._spreadsheet.spreadsheet_error`). No
    name is suggested: it was lost, and only the SIS (or the person) holds it."""
    return Finding(
        code="spreadsheet-error",
        severity=Severity.WARNING,
        sourced_id=sid,
        field=column,
        value=part,
        message=f"{column} is {spreadsheet_reason(error)} (a name beginning with '=', '+' or "
        "'-' reads as a formula): the app would show it as the name, and the records of "
        "other people whose names were lost so look alike; look the name up in the SIS "
        "and, if it holds the name, fix the file's way here (a spreadsheet step), else "
        "type the person's name",
    )


def _lost_finding(sid: str, column: str, part: str) -> Finding:
    """``lost-characters``: a name part where a program wrote ``?`` or ``�`` for letters
    it could not write (``Mu?oz``: :func:`~oneroster_identity.normalize._encoding.
    has_lost_characters`). Nothing is suggested: which letters were lost, the value
    cannot say (a likely-same item's fix takes them from the person's record that has
    them)."""
    return Finding(
        code="lost-characters",
        severity=Severity.WARNING,
        sourced_id=sid,
        field=column,
        value=part,
        message=f"{column} holds '?' or '\ufffd' in place of letters a program could not "
        "write (a file saved or sent through a system without them: 'Mu?oz' for "
        "'Mu\u00f1oz'): the app shows it as written, and the person's records spelled "
        "right make other accounts; retype the name with its letters (which ones the value "
        "cannot say: look the name up, or ask the family)",
    )


def _stray_finding(sid: str, column: str, part: str) -> Finding | None:
    """``stray-punctuation``: a name part that begins or ends with a mark no name has
    (``Ruiz,``, ``Garcia-``; :func:`~oneroster_identity.normalize._stray.stray_mark`)."""
    stray = stray_mark(part, family=column == "familyName")
    if stray is None:
        return None
    where = (
        f"{column} is written in quotes"
        if stray.mark == QUOTES
        else f"{column} {'ends' if stray.at_end else 'begins'} with {stray.described}"
    )
    if stray.mark == QUOTES:
        message = (
            f"{where}, which are no part of a name (an export that quoted its values twice, "
            "or a value copied with its quotes): the app shows them as part of the name, "
            "and the person's records written without them make other accounts; retype the "
            "name without them"
        )
    elif not stray.sure:
        message = (
            f"{where}, which no family name has (a slip of typing, or the name cut short "
            "to fit a field): the app shows it as part of the name, and the person's "
            "records written without it make other accounts; retype the name without it, "
            "or whole if it was cut short"
        )
    elif stray.cut_off:
        message = (
            f"{where} with nothing on its other side: part of the name may be cut off (a "
            "second family name, a second given name, or a second person's name); the app "
            "shows the name as written, and the person's records written in full make "
            "other accounts; type the whole name as the person writes it"
        )
    else:
        message = (
            f"{where}, which no name has (a slip of typing, or of splitting 'Family, Given' "
            "into two fields): the app shows it as part of the name, and the person's "
            "records written without it make other accounts; retype the name without it"
        )
    return Finding(
        code="stray-punctuation",
        severity=Severity.WARNING,
        sourced_id=sid,
        field=column,
        value=part,
        message=message,
        # only a plain name: a note or a contact left in it is another finding's to say
        suggested=stray.cleaned
        if stray.cleaned is not None
        and stray.sure
        and not has_note(stray.cleaned)
        and not contact_in_name(stray.cleaned)
        and not odd_characters(stray.cleaned)
        else None,
    )


def _restriction_finding(
    sid: str,
    column: str,
    raw: str,
    restriction: Restriction,
    *,
    student: bool,
    families: Collection[RoleFamily] = (),
    across: bool = False,
) -> Finding:
    """``contact-restricted`` (an error: the sync would message a person the school must
    keep the child's messages from), ``deceased-in-name`` or ``marked-not-in-use`` (a
    warning: a record the office retired by its name, since session 58). On a student's
    record the note is about who may not reach the child, which the sync cannot read."""
    if restriction is Restriction.NO_CONTACT and student:
        return Finding(
            code="contact-restricted",
            severity=Severity.ERROR,
            sourced_id=sid,
            field=column,
            value=raw,
            message=f"{column} carries a note restricting contact (such as 'do not release' "
            "or a court order), which on a student's record says who may not reach the "
            "child: the app reads it as part of the name and links the child to every "
            "guardian of the record as usual; settle with the school which guardian links "
            "and accounts the sync may make before it syncs",
        )
    if restriction is Restriction.NO_CONTACT:
        return Finding(
            code="contact-restricted",
            severity=Severity.ERROR,
            sourced_id=sid,
            field=column,
            value=raw,
            message=f"{column} carries a note restricting contact with this person (such as "
            "'no contact' or a restraining order): the app reads it as a name, creates the "
            "account and sends it the child's messages like any guardian's, and merges it "
            "with records of the same values; settle with the school how the sync must treat "
            "this record (a restriction belongs in the SIS's custody fields) before it syncs; "
            "no value on or from this record is suggested",
        )
    if restriction is Restriction.NOT_IN_USE:
        return Finding(
            code="marked-not-in-use",
            severity=Severity.WARNING,
            sourced_id=sid,
            field=column,
            value=raw,
            message=(f"{column} and familyName together carry" if across else f"{column} carries")
            + " a mark that the record is a duplicate or not to be used "
            "(such as 'DO NOT USE', 'duplicate' or a 'zz' prefix that sorts it last): the app "
            "reads it as part of the name, creates the account with the mark in its name and "
            "sends it messages; retire the record in the SIS (its status, after moving its "
            f"{_links_of(families, student=student)} to the record it repeats), not its name; "
            "no value on or from this record is suggested",
        )
    return Finding(
        code="deceased-in-name",
        severity=Severity.WARNING,
        sourced_id=sid,
        field=column,
        value=raw,
        message=f"{column} carries a note that this person has died: the app would create an "
        "account and send it messages; the record should leave the roster (status or "
        "removal in the SIS), not be fixed; no value on or from this record is suggested",
    )


def _links_of(families: Collection[RoleFamily], *, student: bool) -> str:
    """What a retired record's roles hold that the record it repeats must take over."""
    if student:
        return "guardian links and classes"
    staff, guardian = RoleFamily.STAFF in families, RoleFamily.GUARDIAN in families
    if staff and guardian:
        return "classes and student links"
    return "classes" if staff else "student links"


def _mended_note(email: NormalizedEmail) -> str:
    """What a finding moving an address from another column adds when the address moved
    had a typo in its domain, mended in the value suggested (since session 61)."""
    domain = mended_domain(email)
    if domain is None:
        return ""
    return f"; the domain looks like a typo ('{domain}' meant), corrected in the value suggested"


def _business_line(repaired: str, policy: Policy) -> str | None:
    """What a repaired SMS value's number is when no person's texts reach it (a toll-free
    or premium-rate number, a pager: :data:`_NOT_TEXTABLE`), else ``None``. A label beside
    such a number (``1-800-555-1234 cell``) says whose line it is, not that it takes texts,
    so the number alone is no value to type into the SMS column."""
    return _NOT_TEXTABLE.get(normalize_phone(repaired, policy=policy).number_type)


def _not_textable(sid: str, column: str, phone: NormalizedPhone) -> Finding:
    """``sms-not-textable``: a credential phone that rings a desk or a business, or that a
    note beside it says takes no texts, so the app's texts (messages, sign-in codes) never
    reach the person, or reach one who asked for none. It still identifies the record, so
    nothing about accounts changes; no value is suggested (only the person knows their
    mobile number)."""
    if PhoneFlag.NO_TEXTS in phone.flags:
        return Finding(
            code="sms-not-textable",
            severity=Severity.WARNING,
            sourced_id=sid,
            field=column,
            value=phone.raw,
            message=f"{column} carries a note saying the number takes no texts or is not in "
            f"use (such as 'do not text', 'landline' or 'disconnected'), and the app texts "
            f"{column}: ask the family for a current number that takes texts",
        )
    what = _NOT_TEXTABLE.get(phone.number_type) or (
        "a number with an extension, a desk phone behind a switchboard"
    )
    return Finding(
        code="sms-not-textable",
        severity=Severity.WARNING,
        sourced_id=sid,
        field=column,
        value=phone.raw,
        message=f"{column} is {what}, which cannot receive the app's text messages: put the "
        f"person's mobile number in {column}"
        + (" (a desk or home number belongs in 'phone')" if column != "phone" else ""),
    )


def _odd_character_findings(sid: str, column: str, raw: str, policy: Policy) -> Iterator[Finding]:
    """``invisible-characters`` and ``confusable-characters``: what no person can see on
    screen, named by character, code point and position (a name is quoted, an email not).
    The value without them is suggested; for an email, only when it is an address the app
    can use (since session 61; before, ``An\u200bna`` in the email column had ``Anna``
    suggested as the address)."""
    found = odd_characters(raw)
    for kind in ("invisible", "confusable"):
        hits = [(i, ch) for i, ch, k in found if k == kind]
        if not hits:
            continue
        where = ", ".join(f"{describe_character(ch)} at position {i}" for i, ch in hits)
        shown = "" if column == "email" else f"'{escape_invisible(raw)}' "
        cleaned = unconfuse(strip_invisible(raw)) if kind == "confusable" else strip_invisible(raw)
        # (a no-break space at a name's edge is no space to type either: `Rosa\u00a0` was
        # to become `Rosa ` before session 62; an address is read without its edges)
        cleaned = cleaned.strip() if column == "email" else " ".join(cleaned.split())
        yield Finding(
            code=f"{kind}-characters",
            severity=Severity.WARNING,
            sourced_id=sid,
            field=column,
            value=raw,
            message=f"{column} {shown}has {where}: "
            + (
                "invisible on screen, but the app compares it"
                if kind == "invisible"
                else "a letter of another script that looks Latin; the app sees another value"
            )
            + "; retype the value in the SIS",
            suggested=cleaned
            if cleaned != raw
            and not odd_characters(cleaned)
            and (
                column != "email"
                or not cleaned.strip()
                or normalize_email(cleaned, policy=policy).usable
            )
            else None,
        )


def may_have_person_findings(families: frozenset[RoleFamily]) -> bool:
    """Whether a person of one record with these role families can have a finding of
    :func:`person_findings` (a merged person may have others: fragile merges)."""
    return bool(
        (RoleFamily.STUDENT in families and families & _ADULT_SET)
        or (RoleFamily.STAFF in families and RoleFamily.GUARDIAN in families)
    )


def _will_merge_message(sourced_ids: Sequence[str], facts: Mapping[str, RecordFacts]) -> str:
    """What to change so that a person's staff and guardian roles make two accounts: the
    guardian records' email; but a record holding both roles (a OneRoster 1.2 user with a
    staff and a guardian role) has one email for both, and no value typed on it can keep
    them apart."""
    both = [sid for sid in sourced_ids if facts[sid].families >= _STAFF_GUARDIAN]
    if both:
        return (
            "staff and guardian roles will make one account; the district wants them "
            f"separate, but {records_in_words(both, shown=3)} "
            f"{'holds' if len(both) == 1 else 'each hold'} a staff and a guardian role on "
            "one record, whose one email serves both: for two accounts the guardian role "
            "needs a record of its own in the SIS with another email (or the district "
            "accepts one account for this person)"
        )
    guardians = [sid for sid in sourced_ids if RoleFamily.GUARDIAN in facts[sid].families]
    return (
        "staff and guardian roles share name, email and phone and will merge into one "
        "account; the district wants them separate: give the guardian "
        f"{'record' if len(guardians) == 1 else 'records'} "
        f"{records_in_words(guardians, shown=3)} a different email"
    )


_STAFF_GUARDIAN = frozenset((RoleFamily.STAFF, RoleFamily.GUARDIAN))


def _merged_with_adult_message(
    person: Person,
    facts: Mapping[str, RecordFacts],
    students_of: Mapping[str, tuple[str, ...]] | None,
) -> str:
    """``student-merged-with-adult``'s message. When the adult is a guardian record linked
    to the student (since session 52), it may be the student's own contact exported as a
    guardian (an adult student, ``Self`` in some SIS), for whom one account is right: the
    message says both readings and what each asks of the SIS."""
    message = (
        "a student record carries exactly an adult's name, email and phone: the child will "
        "be merged into the adult's account"
    )
    ids = person.sourced_ids
    students = {sid for sid in ids if facts[sid].families == STUDENT_ONLY}
    own = [
        sid
        for sid in ids
        if RoleFamily.GUARDIAN in facts[sid].families
        and students.intersection((students_of or {}).get(sid, ()))
    ]
    if not own:
        return message
    return (
        f"{message}; {records_in_words(own, shown=3)} "
        f"{'is a guardian' if len(own) == 1 else 'are guardians'} of the student: if the "
        "student is their own contact (an adult student; 'Self' in some SIS), one account "
        "is right and nothing needs fixing; if a parent of the student's name, the student "
        "record needs the student's own email and phone, or none"
    )


def person_findings(
    person: Person,
    policy: Policy,
    facts: Mapping[str, RecordFacts],
    students_of: Mapping[str, tuple[str, ...]] | None = None,
    *,
    identifiers_personal: bool = False,
) -> Iterator[Finding]:
    """Findings about what one merged person means in the app (``facts``: the records'
    facts by sourcedId; ``students_of``: a guardian's students, for guardians of one child
    merged on a name that names no one; ``identifiers_personal``: the roster's
    ``userMasterIdentifier`` column reads as each person's own ID, so two student records
    of one account carrying two say two children)."""
    families = person.families
    if students_of is not None and len(person.sourced_ids) > 1:
        yield from _nameless_guardians(person, facts, students_of)
    if RoleFamily.STUDENT in families and families & _ADULT_SET:
        yield Finding(
            code="student-merged-with-adult",
            severity=Severity.ERROR,
            person_id=person.id,
            sourced_id=person.sourced_ids[0],
            related=person.sourced_ids,
            message=_merged_with_adult_message(person, facts, students_of),
        )
    if (
        RoleFamily.STAFF in families
        and RoleFamily.GUARDIAN in families
        and policy.staff_guardian is StaffGuardianPolicy.SEPARATE
    ):
        yield Finding(
            code="staff-guardian-will-merge",
            severity=Severity.WARNING,
            person_id=person.id,
            sourced_id=person.sourced_ids[0],
            field="email",
            related=person.sourced_ids,
            message=_will_merge_message(person.sourced_ids, facts),
        )
    if len(person.sourced_ids) > 1 and not (
        RoleFamily.STUDENT in families and families & _ADULT_SET
    ):  # (a student merged with an adult is two people, said so above)
        yield from _records_disagree(person, facts, identifiers_personal=identifiers_personal)
    if len(person.sourced_ids) > 1:
        yield from _made_up_merge(person, facts)
    for diff in person.fragile:
        yield Finding(
            code="fragile-merge",
            severity=Severity.INFO,
            person_id=person.id,
            sourced_id=person.sourced_ids[0],
            field=diff.field,
            related=person.sourced_ids,
            message=f"records merge only after normalization: {diff.field} differs in "
            f"{diff.how}; make it identical in the SIS",
        )


NO_NAME_GIVEN: tuple[tuple[str, Callable[[str], bool], str], ...] = (
    ("placeholder-name", is_role_word_name, "a role, a title or a stand-in for a given name"),
    ("unknown-name-mark", is_unknown_name_mark, "a mark for an unknown given name (FNU)"),
    ("no-given-name", is_blank_name, "no given name"),
)
"""A given name that names no one (tag, test, words): a role word (`Mom`), a mark (`FNU`,
since session 37) or nothing (since session 37). Its record may be any guardian of the
family: the shared-contact summary names it, and guardians of one child merged on it are
:func:`_nameless_guardians`'s."""


def _nameless_guardians(
    person: Person, facts: Mapping[str, RecordFacts], students_of: Mapping[str, tuple[str, ...]]
) -> Iterator[Finding]:
    """``guardians-merge-without-name``: two or more guardian records of one child merge
    into one account on a given name that names no one (a role word, a mark for an unknown
    name, none), as a child's two parents entered without their names would."""
    given = facts[person.sourced_ids[0]].name.given
    if not any(test(given) for _, test, _ in NO_NAME_GIVEN):
        return
    by_child: dict[str, list[str]] = {}
    for sid in person.sourced_ids:
        if RoleFamily.GUARDIAN in facts[sid].families:
            for child in students_of.get(sid, ()):
                by_child.setdefault(child, []).append(sid)
    shared = sorted((child, sids) for child, sids in by_child.items() if len(sids) > 1)
    if not shared:
        return
    child, sids = shared[0]
    yield Finding(
        code="guardians-merge-without-name",
        severity=Severity.WARNING,
        person_id=person.id,
        sourced_id=sids[0],
        field="givenName",
        related=tuple(sids),
        message=f"guardian records {', '.join(sids)} of one child ({child}) will make one "
        "account on a given name that names no one (a role, a mark for an unknown name, or "
        "none) and the same contacts: one guardian typed twice, or the child's two "
        "guardians entered without their names, whom the app would give one account; if "
        "two people, type each one's given name (and, for older app versions, a contact "
        "of each one's own)",
    )


def _records_disagree(
    person: Person, facts: Mapping[str, RecordFacts], *, identifiers_personal: bool = False
) -> Iterator[Finding]:
    """``merged-records-disagree`` (since session 69): records that make one account (one
    name, the same contacts) that say two people. Demographics states two sexes (``male``
    and ``female``, or ``M`` and ``F``: a child's mother and father both `Chris Lee` on the
    family's address and number); two birth dates not one slip apart (cousins both
    `Maria Garcia` on their grandmother's address); grades two levels or more apart. The
    app makes them one account and nothing else in the roster says so; or the records are
    one person's, one of them mistyped. The data cannot tell which, so the finding says
    both and suggests nothing. Birth dates the check reads as no evidence (a stand-in, a
    date after the export, years from its grade's) say nothing here either.

    Since session 70, student records carrying two state IDs (``userMasterIdentifier``,
    compared as :func:`~oneroster_identity.normalize.identifier_key` reads them: leading
    zeros, spaces and stand-ins aside) say so too, when ``identifiers_personal`` (the
    column reads as each person's own ID: not a family number or a school code). Adult
    records are left out: some SIS exports fill the column with a contact's per-record
    ID, which differs on a parent typed once per child. The IDs are never shown."""
    sids = person.sourced_ids
    records = [facts[sid] for sid in sids]
    sexes = two_stated_sexes(records)
    said: list[str] = [] if sexes is None else [sexes]
    if identifiers_personal and all(f.families == STUDENT_ONLY for f in records):
        ids = {
            key
            for f in records
            if (key := identifier_key(str(f.user_value("user_master_identifier")))) is not None
        }
        if len(ids) > 1:
            said.append(f"they carry {len(ids)} different state IDs ({IDENTIFIER_FIELD})")
    born = sorted({f.birth_date for f in records if f.birth_date is not None})
    if len(born) > 1 and not (len(born) == 2 and birth_date_slip(born[0], born[1])):
        said.append(f"their birth dates are {_how_far_apart(born[0], born[-1])} apart")
    spans = [s for s in (_grade_span(f.user_value("grades")) for f in records) if s is not None]
    if spans:
        gap = max(lo for lo, _ in spans) - min(hi for _, hi in spans)
        if gap >= 2:
            said.append(f"their grades are {gap} levels apart")
    if not said:
        return
    yield _merge_warning(
        person,
        "merged-records-disagree",
        f"records {', '.join(sids)} will make one account (one name, the same "
        f"contacts), but {'; '.join(said)}: two people of one name (a child's mother and "
        "father both Chris, two cousins both Maria), whom the app would give one account, "
        "or one person with a record mistyped; if two people, give each their own email and "
        "SMS phone in the SIS (a child its own or none), if one, correct the record that "
        "is wrong",
    )


def _merge_warning(person: Person, code: str, message: str) -> Finding:
    """A warning about the records of one merged person: on its first record, naming
    them all."""
    return Finding(
        code=code,
        severity=Severity.WARNING,
        person_id=person.id,
        sourced_id=person.sourced_ids[0],
        related=person.sourced_ids,
        message=message,
    )


def _made_up_merge(person: Person, facts: Mapping[str, RecordFacts]) -> Iterator[Finding]:
    """``made-up-merge`` (since session 69): records that make one account on their name
    and a made-up value alone (``noemail@school.org``, a fictional ``617-555-0123``; no
    real email or SMS phone in common). The app reads a made-up value as a credential like
    any other, so two families' `Maria Garcia` on the district's stand-in address become
    one account holding both families' children; or the records are one person typed
    twice. The value reaches no one either way; nothing is suggested."""
    first = facts[person.sourced_ids[0]]
    if first.email.key is not None or first.phone.key is not None:
        return
    yield _merge_warning(
        person,
        "made-up-merge",
        f"records {', '.join(person.sourced_ids)} will make one account on their name and a "
        "made-up email or phone alone (a stand-in such as noemail@, or a fictional "
        "555-01xx number, which the app takes as any other): one person typed twice, or "
        "two people of one name (two families' guardians on the district's stand-in "
        "address), whom the app would give one account holding both families; give each "
        "record the person's own email or SMS phone, or leave the made-up value out",
    )


def _how_far_apart(earlier: dt.date, later: dt.date) -> str:
    """``4 years``, ``7 months`` or ``12 days``: how far apart two birth dates are, said
    without the dates (family data)."""
    days = (later - earlier).days
    if days >= 365:
        years = round(days / 365.25)
        return f"about {years} year{'s' if years != 1 else ''}"
    if days >= 31:
        months = round(days / 30.44)
        return f"about {months} month{'s' if months != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def _grade_span(grades: object) -> tuple[int, int] | None:
    """The lowest and highest level of a record's grades (kindergarten 0), or ``None``."""
    if not isinstance(grades, tuple):
        return None
    levels = [v for v in map(grade_level, grades) if v is not None]
    return (min(levels), max(levels)) if levels else None


def _reachable(f: RecordFacts | None) -> bool:
    return f is not None and (f.email.key is not None or f.phone.key is not None)


def roster_findings(
    roster: Roster,
    facts: Mapping[str, RecordFacts],
    policy: Policy,
) -> Iterator[Finding]:
    """Link findings: guardians with no student, unreachable students, too many guardians,
    and links between two students or two adults (``agent-same-kind``)."""
    yield from _same_kind_findings(roster, facts)
    students_of = roster.students_of
    guardians_of = roster.guardians_of
    for sid, f in facts.items():
        if RoleFamily.GUARDIAN in f.families and not students_of.get(sid):
            yield Finding(
                code="guardian-without-student",
                severity=Severity.WARNING,
                sourced_id=sid,
                field="agentSourcedIds",
                message="guardian is linked to no student in the roster",
            )
        elif RoleFamily.STAFF in f.families and RoleFamily.GUARDIAN not in f.families:
            kids = students_of.get(sid, ())
            if kids and len(kids) <= policy.max_students_per_guardian:
                yield _staff_agent_finding(sid, kids, facts)
        if RoleFamily.STUDENT not in f.families:
            continue
        guardians = guardians_of.get(sid, ())
        if len(guardians) > policy.max_guardians_per_student:
            yield Finding(
                code="too-many-guardians",
                severity=Severity.ERROR,
                sourced_id=sid,
                field="agentSourcedIds",
                related=guardians,
                message=f"student has {len(guardians)} guardians; the app accepts at "
                f"most {policy.max_guardians_per_student}",
            )
        if guardians and not any(_reachable(facts.get(g)) for g in guardians):
            yield Finding(
                code="student-guardians-unreachable",
                severity=Severity.WARNING,
                sourced_id=sid,
                field="agentSourcedIds",
                related=guardians,
                message="none of the student's guardians has a usable email or SMS phone",
            )


def _staff_agent_finding(
    sid: str, kids: tuple[str, ...], facts: Mapping[str, RecordFacts]
) -> Finding:
    """``staff-linked-to-students``: a staff record with no guardian role that the
    roster's links make some students' agent (since session 53; before, it was read as
    their guardian unsaid). A OneRoster 1.1 teacher who is a parent may have one record,
    role ``teacher``, linked to their child: then one account with both roles is what the
    district wants. A homeroom teacher or a counselor entered as a student's contact is
    no parent, and a sync reading agents as family would give that staff account the
    student as their child. The data cannot tell which; the public Moodle samples link
    students to their teachers so. (More students than a family has is a hub,
    ``guardian-of-many-students``.)

    The family names lean one way, never decide: when every linked student has the
    staff member's family name, the parent is likelier and the finding is ``info``; when
    none or only some do, a teacher or counselor is, and it is a ``warning`` (a
    stepchild's or a mother's other name is common, so the message keeps both readings)."""
    listed = ", ".join(kids)
    own = facts[sid].name_key[1]
    kin = bool(own) and all(
        (k := facts.get(kid)) is not None and k.name_key[1] == own for kid in kids
    )
    lean = (
        "every one of them has the staff member's family name, so a parent is likelier"
        if kin
        else "not every one of them has the staff member's family name, so a teacher or "
        "counselor is likelier"
    )
    return Finding(
        code="staff-linked-to-students",
        severity=Severity.INFO if kin else Severity.WARNING,
        sourced_id=sid,
        field="agentSourcedIds",
        related=kids,
        message=f"staff record with no guardian role is linked to {len(kids)} student(s) as "
        f"their agent ({listed}): a sync that reads agents as family links may make this "
        "account their guardian; if the staff member is their parent, that is one account "
        "with both roles, as the app intends; if not (their teacher or counselor entered "
        f"as a contact), take the link off in the SIS ({lean})",
    )


def _same_kind_findings(roster: Roster, facts: Mapping[str, RecordFacts]) -> Iterator[Finding]:
    """``agent-same-kind``: a record whose agents name another student (when it is a
    student) or another adult (when it is not). OneRoster's agents link a student and its
    guardians, so the matcher reads no family from such a link (since session 53 it says
    so rather than dropping it unsaid). The public Moodle sample has one: a teacher
    listing a teacher. Inactive records make no account and are left out."""
    for own, agent in sorted(set(roster.same_kind_links)):
        f = facts.get(own)
        if f is None:
            continue
        if RoleFamily.STUDENT in f.families:
            what = (
                f"another student ({agent}): a student's agents are its guardians, so this "
                "check reads no family link from it (an older sibling listed as a contact?); "
                "a student's contacts reach the app as guardian records"
            )
        else:
            what = (
                f"another adult record ({agent}), not a student: agents link a guardian and "
                "its students, so this check reads no family link from it (a spouse or a "
                "colleague listed as a contact?)"
            )
        yield Finding(
            code="agent-same-kind",
            severity=Severity.WARNING,
            sourced_id=own,
            field="agentSourcedIds",
            value=agent,
            related=(agent,),
            message=f"agentSourcedIds names {what}",
        )


def hub_findings(hubs: Mapping[str, int], facts: Mapping[str, RecordFacts]) -> Iterator[Finding]:
    """``guardian-of-many-students``: a guardian record linked to more students than a
    family has (``hubs``: sourcedId -> its students, past
    ``Policy.max_students_per_guardian``; :class:`~oneroster_identity.match._household.
    FamilyLinks`). The app would make it one account holding every one of those
    children, with their messages; the check reads none of its links as family
    evidence."""
    for sid in sorted(hubs):
        if sid not in facts:  # an inactive record: no account, no messages
            continue
        yield Finding(
            code="guardian-of-many-students",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="agentSourcedIds",
            message=f"guardian is linked to {hubs[sid]} students, more than a family has (a "
            "school office, a caseworker or a staff member entered as every child's "
            "contact, or a data error): the app would give this one account every one of "
            "those children and their messages; the check reads none of its links as "
            "family evidence; if it is no guardian, take it off the students' contacts in "
            "the SIS",
        )


@attrs.frozen
class CredentialHolders:
    """Which persons (by index, ascending) use each email key and each identity-phone key
    that more than one person uses; a key missing here belongs to one person only."""

    email: dict[str, list[int]]
    phone: dict[str, list[int]]

    @classmethod
    def of(cls, reps: Sequence[RecordFacts]) -> CredentialHolders:
        """Index the representative record of every person, in person order."""
        return cls(
            shared_keys(f.email.key or None for f in reps),
            shared_keys(f.phone.key or None for f in reps),
        )


RELATED_SHOWN = 20
"""The most persons a ``guardian-not-created`` finding lists as ``related``: a contact
typed on thousands of records (a school office's address on every family without one)
would otherwise list every other holder on every holder's finding, a report growing
with the square of the group (10,000 holders: 10^8 ids). Its message gives the count;
the shared-contact item of that address lists them all, once."""


def _made_up_holders(reps: Sequence[RecordFacts]) -> dict[str, list[int]]:
    """Each made-up value several persons hold -> their positions (as
    :class:`CredentialHolders` keeps the usable ones)."""
    held: dict[str, list[int]] = {}
    placeholder, fictional = EmailFlag.PLACEHOLDER, PhoneFlag.FICTIONAL
    for i, f in enumerate(reps):
        # (the flags first: nearly every record has neither)
        if placeholder in f.email.flags and (key := made_up_key(f.email)) is not None:
            held.setdefault(key, []).append(i)
        if fictional in f.phone.flags and (key := made_up_key(f.phone)) is not None:
            held.setdefault(key, []).append(i)
    return {k: v for k, v in held.items() if len(v) > 1}


def unique_credential_findings(
    persons: Persons,
    reps: Sequence[RecordFacts],
    holders: CredentialHolders,
    *,
    explain: bool = True,
) -> tuple[set[int], list[Finding]]:
    """Under ``unique-required``: guardians with no email or SMS phone of their own.

    The positions of those guardians, and with ``explain`` a finding for each (the
    engine asks for them only under that policy; the count is reported under any). Linear
    in the persons however many share one contact: each holder list's person ids are
    read once, and a finding names at most :data:`RELATED_SHOWN` of the others."""
    skipped: set[int] = set()
    sharers: list[tuple[int, list[list[int]]]] = []
    families = persons.families_column()
    guardian = RoleFamily.GUARDIAN
    made_up = _made_up_holders(reps)
    for i, (person_families, f) in enumerate(zip(families, reps, strict=True)):
        # A person without a usable contact has no keys: it shares nothing (below).
        if guardian not in person_families:
            continue
        sharing: list[list[int]] = []
        has_own = False
        # (a made-up value is a credential to the app, held by whoever else holds it:
        # since session 69, as the grouping reads it)
        email_key = f.email.key or made_up_key(f.email)
        phone_key = f.phone.key or made_up_key(f.phone)
        for key, shared in (
            (email_key, made_up if f.email.key is None else holders.email),
            (phone_key, made_up if f.phone.key is None else holders.phone),
        ):
            if key:
                users = shared.get(key)
                if users is None:  # no one else uses it: a credential of its own
                    has_own = True
                    break
                sharing.append(users)
        if has_own or not sharing:
            continue
        skipped.add(i)
        if explain:
            sharers.append((i, sharing))
    ids_of: dict[int, list[str]] = {}  # id(holder list) -> its persons' ids, sorted

    def ids(users: list[int]) -> list[str]:
        known = ids_of.get(id(users))
        if known is None:
            known = ids_of[id(users)] = sorted(persons.person_id(j) for j in users)
        return known

    overlap: dict[tuple[int, int], int] = {}
    findings: list[Finding] = []
    for i, sharing in sharers:
        own = persons.person_id(i)
        lists = [ids(users) for users in sharing]
        count = len(lists[0])
        if len(lists) == 2:
            pair = (id(sharing[0]), id(sharing[1]))
            both = overlap.get(pair)
            if both is None:  # the persons holding both (the smaller list scanned)
                small, large = sorted(sharing, key=len)
                both = overlap[pair] = len(set(small).intersection(large))
            count += len(lists[1]) - both
        others = count - 1
        shown = list(islice(unique_merged(lists, leave_out=own), RELATED_SHOWN))
        listed = (
            ""
            if others <= RELATED_SHOWN
            else f"; {others} other persons use them, the first {RELATED_SHOWN} are listed"
        )
        findings.append(
            Finding(
                code="guardian-not-created",
                severity=Severity.ERROR,
                person_id=own,
                sourced_id=persons.sourced_ids(i)[0],
                related=tuple(shown),
                message="guardian has no email or SMS phone of its own (each is used by another "
                "person); with unique credentials required the app will not create this "
                f"account{listed}",
            )
        )
    return skipped, findings


def guardians_without_contact(reps: Sequence[RecordFacts]) -> set[int]:
    """The positions of the persons (``reps``: each one's representative record) that are
    guardians with no email or SMS phone the app can take, which the sync does not add
    (:attr:`RecordFacts.not_added`, since session 46). Such a person is one record (no
    credential merges it with another); its ``no-contact`` or ``home-phone-only`` finding
    says what to type."""
    return {i for i, f in enumerate(reps) if f.not_added}


def unique_merged(lists: Sequence[list[str]], *, leave_out: str) -> Iterator[str]:
    """The values of sorted ``lists`` in order, each once, without ``leave_out``."""
    last: str | None = None
    for value in heapq.merge(*lists):
        if value != last and value != leave_out:
            yield value
        last = value


_STUDENT_LABELS = frozenset({"student", "students", "stu"})
"""A domain's first label that names it for students (``students.springfield.k12.us``)."""


def _student_domain(domain: str, students: int, staff: int, staff_domains: set[str]) -> bool:
    """Whether ``domain`` is the district's domain for students' accounts: staff records
    hardly use it (at most one in ten of its student records: a test account), and ten or
    more student records do, or it sits beside a staff domain (``students.springfield.
    k12.us`` beside ``springfield.k12.us``) and three or more student records use it or
    its first label names it for students (a roster that exports no student email still
    shows it). A family's own domain on three siblings' records is no such domain, nor is
    a university's ``students.stateu.edu`` on a parent who studies there: neither sits
    beside the district's staff domain."""
    if staff * 10 > students:
        return False
    if students >= 10:
        return True
    named = domain.partition(".")[0] in _STUDENT_LABELS
    return (students >= 3 or named) and _beside(domain, staff_domains)


def _beside(domain: str, others: set[str]) -> bool:
    """Whether ``domain`` is a subdomain of one of ``others``, or shares its parent (of two
    labels or more) with one: ``students.x.org`` beside ``x.org`` or ``staff.x.org``."""
    parent = domain.partition(".")[2]
    return any(
        parent == other or (parent.count(".") >= 1 and parent == other.partition(".")[2])
        for other in others
    )


def student_address_findings(facts: Mapping[str, RecordFacts]) -> Iterator[Finding]:
    """``guardian-email-at-student-domain``: a guardian record (no staff or student role)
    whose email is at the district's domain for students' accounts (``_student_domain``)
    and that no student record holds: a child's school address typed as the parent's
    (registration forms ask for "email" and families give the child's). The app would send
    the family's messages to the child's school inbox. A student record holding the same
    address is a shared contact, which says so (``student-school-address``).

    Consumer domains are never a student domain. One pass gathers the guardians on other
    domains and the staff records' domains; the students are counted in a second, only
    when some guardian is on such a domain (0.14 s at the generated million records)."""
    guardian, staff_family, student = RoleFamily.GUARDIAN, RoleFamily.STAFF, RoleFamily.STUDENT
    consumer: dict[str, bool] = {}  # domain -> is_consumer_domain, once per distinct domain
    guardians: list[tuple[str, RecordFacts, str]] = []
    staff: Counter[str] = Counter()
    for sid, f in facts.items():
        email = f.email
        if email.key is None:
            continue
        families = f.families
        if staff_family in families:
            staff[email.domain] += 1
        elif guardian in families and student not in families:
            domain = email.domain
            is_consumer = consumer.get(domain)
            if is_consumer is None:
                is_consumer = consumer[domain] = is_consumer_domain(domain)
            if not is_consumer:
                guardians.append((sid, f, domain))
    if not guardians:
        return
    wanted = {domain for _, _, domain in guardians}
    students: Counter[str] = Counter()
    held: set[str | None] = set()  # the student records' email keys on those domains
    for f in facts.values():
        email = f.email
        if email.key is not None and email.domain in wanted and student in f.families:
            students[email.domain] += 1
            held.add(email.key)
    staff_domains = {d for d in staff if not is_consumer_domain(d)}
    for sid, f, domain in guardians:
        if f.email.key in held or not _student_domain(
            domain, students[domain], staff[domain], staff_domains
        ):
            continue
        used = (
            f"{students[domain]} student records use it and no staff record does"
            if students[domain] and not staff[domain]
            else f"{students[domain]} student records use it, {staff[domain]} staff records"
            if students[domain]
            else "its name says so and no staff record uses it"
        )
        yield Finding(
            code="guardian-email-at-student-domain",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="email",
            value=f.email.raw,
            message=f"guardian's email is at the district's domain for students' accounts "
            f"({used}): probably a child's school address given as the family's, so the "
            "app would send the family's messages to the child's school inbox; set the "
            "guardian's own email in the SIS",
        )
