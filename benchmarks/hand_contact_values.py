"""What the findings suggest for contact values real rosters carry and the generator never
plants: labels and notes beside a number or an address, mail-program display names,
numbers that take no texts, addresses out of use, two values in one field, an address in
the SMS column (the person's own, or a family member's). Since session 61 also one
person's two records (``PAIRS``): what each is told to type into its SMS column when one
holds a number no text reaches (a desk line's extension, a toll-free number, a note
saying so) or an address noted out of use (``(bounced)``, ``(old)``) and the other the
same value or another, or the person's one address has a typo in its domain.

Each case is one record (a guardian of one child, or a student whose mother has her own
address) holding the value in its SMS or email column, and the value the findings
(``invalid-phone``, ``invalid-email``, ``email-in-phone-column``, ``email-domain-typo``;
since session 53 ``sms-label``, a label before a number the parser reads past; since
session 54 ``sms-spreadsheet-mark``, ``="..."`` or an apostrophe around it) should suggest, or ``None`` where the data cannot tell (the value may be another person's,
out of use, or one of two; since session 46 also a real domain near a provider's,
``chartermi.net``, ``foxmail.com``, ``hotmail.no``, an employer's ``ge.com`` or
``aon.com``, a given name in a note, ``(Jose)``, and an address in the SMS column naming
a kin the record is not, ``mom.ruiz@`` on a man's; since session 47 another given name
glued to the family name, ``anaruiz@``, or an initial beside it that is not the record's
given name's or a short form's, ``aruiz@`` on Jose's). The script prints each case and
three counts: right suggestions, right silences, and **wrong suggestions** (a value
suggested where none should be, or another value): a wrong one is advice a person types
into the SIS, corrupting what was right.

The cases were written together with the rules they exercise, so the counts check that
the rules hold; they are no recall figure. Run it against another checkout's code to
compare (``PYTHONPATH=OTHER/src python benchmarks/hand_contact_values.py``):

    .venv/bin/python benchmarks/hand_contact_values.py
"""

from __future__ import annotations

from typing import Any

from oneroster_identity import read_rest_users
from oneroster_identity.match import match

NUMBER = "617-555-2368"
ADDRESS = "ana@gmail.com"

# (record's given name, role, column, value, suggested or None, what the case is)
CASES: tuple[tuple[str, str, str, str, str | None, str], ...] = (
    # labels: the value alone
    ("Ana", "parent", "sms", f"{NUMBER} cell", NUMBER, "a label after"),
    ("Ana", "parent", "sms", f"{NUMBER} (cell)", NUMBER, "a label in parentheses"),
    ("Ana", "parent", "sms", f"{NUMBER} celular", NUMBER, "a Spanish label"),
    ("Ana", "parent", "sms", f"{NUMBER} (text only)", NUMBER, "a label saying texts are fine"),
    ("Jordan", "parent", "sms", f"{NUMBER} work", NUMBER, "a label, a unisex name"),
    ("Leo", "student", "sms", f"{NUMBER} cell", NUMBER, "a label on a student's record"),
    ("Ana", "parent", "sms", "6175552368.0", "6175552368", "a spreadsheet's decimal"),
    ("Ana", "parent", "sms", "6.175552368E+09", "6175552368", "a spreadsheet's exponent"),
    ("Ana", "parent", "sms", "6175552368@vtext.com", "6175552368", "a carrier's SMS address"),
    ("Ana", "parent", "sms", f"{NUMBER} / {NUMBER}", NUMBER, "one number twice"),
    ("Ana", "parent", "sms", f"{NUMBER} {NUMBER}", NUMBER, "one number twice, a space between"),
    ("Ana", "parent", "sms", f"{NUMBER}/2368", NUMBER, "its last digits again (session 57)"),
    ("Ana", "parent", "sms", f"{NUMBER}#", NUMBER, "a keypad's # after the number"),
    # a label before the number, which the parser reads past (sms-label, since session 53)
    ("Ana", "parent", "sms", f"cell {NUMBER}", NUMBER, "a label before"),
    ("Ana", "parent", "sms", f"(h) {NUMBER}", NUMBER, "a label in parentheses before"),
    ("Ana", "parent", "sms", f"C: {NUMBER}", NUMBER, "a one-letter label before"),
    # one or two letters after, which the parser drops (sms-label, since session 56)
    ("Ana", "parent", "sms", f"{NUMBER} H", NUMBER, "a one-letter label after"),
    ("Ana", "parent", "sms", f"{NUMBER} (c)", NUMBER, "a one-letter label after, bracketed"),
    ("Ana", "parent", "sms", f"{NUMBER} wk", NUMBER, "a two-letter label after"),
    ("Ana", "parent", "sms", f"Mom cell {NUMBER}", NUMBER, "mom's label before, a woman's"),
    ("Jose", "parent", "sms", f"Mom cell {NUMBER}", None, "mom's label before, a man's"),
    ("Ana", "parent", "sms", f"Do not text {NUMBER}", None, "no texts, said before"),
    ("Ana", "parent", "sms", f"work: {NUMBER} x22", None, "a desk line with a label"),
    ("Ana", "parent", "sms", "1-800-FLOWERS", None, "a vanity toll-free number, no label"),
    # a spreadsheet's mark for text around a number (sms-spreadsheet-mark, since session 54)
    ("Ana", "parent", "sms", '="6175552368"', "6175552368", "a text formula (Excel export)"),
    ("Ana", "parent", "sms", f"'{NUMBER}", NUMBER, "a leading apostrophe (a cell's copy)"),
    ("Ana", "parent", "email", f'="{ADDRESS}"', ADDRESS, "an address in a text formula"),
    # a note naming the person: only on a record it fits
    ("Jose", "parent", "sms", f"{NUMBER} (dad's cell)", NUMBER, "dad's number, a man's record"),
    ("Ana", "parent", "sms", f"{NUMBER} (dad's cell)", None, "dad's number, a woman's record"),
    ("Jordan", "parent", "sms", f"{NUMBER} (dad's cell)", None, "dad's number, a unisex name"),
    ("Ana", "parent", "sms", f"{NUMBER} mom cell", NUMBER, "mom's number, a woman's record"),
    ("Ana", "parent", "sms", f"{NUMBER} (husband)", None, "her husband's number"),
    ("Ana", "parent", "sms", f"{NUMBER} (grandmother)", NUMBER, "a grandmother's, a woman"),
    ("Ana", "parent", "sms", f"{NUMBER} (son's)", None, "the child's number on a parent"),
    ("Ana", "parent", "sms", f"{NUMBER} - neighbor", None, "a neighbour's number"),
    ("Ana", "parent", "sms", f"{NUMBER} (emergency)", None, "an emergency contact's"),
    ("Ana", "parent", "sms", f"{NUMBER} (mamá)", NUMBER, "Spanish mother, a woman's record"),
    ("Ana", "parent", "sms", f"{NUMBER} (mãe)", NUMBER, "Portuguese mother, a woman's"),
    ("Jose", "parent", "sms", f"{NUMBER} (mãe)", None, "Portuguese mother, a man's record"),
    ("Jose", "parent", "sms", f"{NUMBER} (manman)", None, "Haitian Creole mother, a man's"),
    ("Leo", "student", "sms", f"{NUMBER} (mom)", None, "mom's number on the child's record"),
    ("Leo", "student", "sms", f"{NUMBER} (student cell)", NUMBER, "the student's own"),
    # a given name in the note (since session 46): only the record's own
    ("Ana", "parent", "sms", f"{NUMBER} (Jose)", None, "a man's name beside it"),
    ("Ana", "parent", "sms", f"{NUMBER} - Maria", None, "another woman's name"),
    ("Ana", "parent", "sms", f"{NUMBER} (Tia Rosa)", None, "an aunt of another name"),
    ("Ana", "parent", "sms", f"{NUMBER} (Ana cell)", NUMBER, "her own name"),
    ("Ana", "parent", "sms", f"{NUMBER} (my cell)", NUMBER, "'my' (a Vietnamese name too)"),
    ("Ana", "parent", "email", f"{ADDRESS} (Jose)", None, "a man's name beside her address"),
    # a number that takes no texts, or two numbers: none
    ("Ana", "parent", "sms", f"{NUMBER} (do not text)", None, "asks for no texts"),
    ("Ana", "parent", "sms", f"{NUMBER} (landline)", None, "a landline"),
    ("Ana", "parent", "sms", f"{NUMBER} (disconnected)", None, "out of service"),
    ("Ana", "parent", "sms", f"{NUMBER} wrong #", None, "a wrong number"),
    ("Ana", "parent", "sms", f"{NUMBER} (old)", None, "an old number"),
    ("Ana", "parent", "sms", f"{NUMBER} (viejo)", None, "an old number, in Spanish"),
    # a line that takes no texts (since session 50)
    ("Ana", "parent", "sms", f"{NUMBER} (fax)", None, "a fax line"),
    ("Ana", "parent", "sms", f"{NUMBER} call only", None, "a line for calls (session 57)"),
    ("Ana", "parent", "sms", f"{NUMBER} (voice only)", None, "a line for calls"),
    ("Ana", "parent", "sms", f"{NUMBER} (fijo)", None, "a landline, in Spanish"),
    ("Ana", "parent", "sms", f"{NUMBER} solo llamadas", None, "calls only, in Spanish"),
    ("Ana", "parent", "sms", f"{NUMBER} (fixo)", None, "a landline, in Portuguese"),
    ("Ana", "parent", "sms", f"{NUMBER} pager", None, "a pager"),
    ("Ana", "parent", "sms", f"TTY {NUMBER}", None, "a TTY line"),
    # a spreadsheet's error value (since session 49): the value was lost, none to suggest
    ("Ana", "parent", "sms", "#N/A", None, "a spreadsheet lookup that found nothing"),
    ("Ana", "parent", "email", "#N/A", None, "a spreadsheet lookup, the email column"),
    ("Ana", "parent", "sms", "#VALUE!", None, "a spreadsheet formula that failed"),
    ("Ana", "parent", "sms", f"{NUMBER} / 617-555-2369", None, "two numbers"),
    ("Ana", "parent", "sms", f"{NUMBER} o 617-555-2369", None, "two numbers, Spanish 'o'"),
    ("Ana", "parent", "sms", f"{NUMBER} 617-555-2369", None, "two numbers, a space between"),
    ("Ana", "parent", "sms", f"{NUMBER}/69", None, "two numbers, the second by its last digits"),
    ("Ana", "parent", "sms", "6.17555E+09", None, "digits lost to a spreadsheet"),
    ("Ana", "parent", "sms", "6.1755E+09", None, "digits lost, or zeros dropped"),
    ("Ana", "parent", "sms", "617-555-236", None, "a digit missing"),
    # letters typed for digits (since session 56): O for 0, l or I for 1
    ("Ana", "parent", "sms", "617-428-19O1", "617-428-1901", "the letter O for a zero"),
    ("Ana", "parent", "sms", "6l7-428-1901", "617-428-1901", "the letter l for a one"),
    ("Ana", "parent", "sms", "617-4OO-19O1", "617-400-1901", "three such (read as a keypad's)"),
    ("Ana", "parent", "sms", "Ol7-428-1901", None, "an O where no 0 can stand (area code)"),
    # an address in the SMS column: to the email column, when it is the person's own
    ("Ana", "parent", "sms", "ana.ruiz@gmail.com", "ana.ruiz@gmail.com", "her own address"),
    ("Michael", "parent", "sms", "mike.ruiz@gmail.com", "mike.ruiz@gmail.com", "a nickname"),
    ("Ana", "parent", "sms", "ruizfamily@gmail.com", "ruizfamily@gmail.com", "the family's"),
    ("Ana", "parent", "sms", "jose.ruiz@gmail.com", None, "another given name"),
    ("Jose", "parent", "sms", "mom.ruiz@gmail.com", None, "'mom', a man's record"),
    ("Ana", "parent", "sms", "mom.ruiz@gmail.com", "mom.ruiz@gmail.com", "'mom', a woman's"),
    ("Leo", "student", "sms", "ana.ruiz@gmail.com", None, "his mother's address"),
    ("Leo", "student", "sms", "leo.ruiz@gmail.com", "leo.ruiz@gmail.com", "his own address"),
    # another given name glued to the family name, or another initial (since session 47)
    ("Jose", "parent", "sms", "anaruiz@gmail.com", None, "another name, glued"),
    ("Jose", "parent", "sms", "joseruiz@gmail.com", "joseruiz@gmail.com", "his name, glued"),
    ("Jose", "parent", "sms", "aruiz@gmail.com", None, "another initial"),
    ("Jose", "parent", "sms", "a.ruiz84@gmail.com", None, "another initial, a dot, digits"),
    ("Jose", "parent", "sms", "jruiz@gmail.com", "jruiz@gmail.com", "his initial"),
    ("Jose", "parent", "sms", "pruiz@gmail.com", "pruiz@gmail.com", "Pepe's initial, his"),
    ("Robert", "parent", "sms", "bruiz@gmail.com", "bruiz@gmail.com", "Bob's initial, his"),
    ("Ana", "parent", "sms", "ruiz.a@gmail.com", "ruiz.a@gmail.com", "her initial after"),
    ("Leo", "student", "sms", "aruiz@gmail.com", None, "his mother's initial"),
    # addresses
    ("Ana", "parent", "email", f"{ADDRESS} (work)", ADDRESS, "a label after"),
    ("Ana", "parent", "email", f"{ADDRESS}/", ADDRESS, "a link's slash after (session 57)"),
    ("Ana", "parent", "email", f"'{ADDRESS}", ADDRESS, "a spreadsheet's apostrophe"),
    ("Ana", "parent", "email", f'="{ADDRESS}"', ADDRESS, "a spreadsheet's text formula"),
    ("Ana", "parent", "email", "ána@gmail.com", ADDRESS, "an accent Gmail cannot hold"),
    ("Ana", "parent", "email", "anä@gmail.com", None, "ä: a or ae without its mark"),
    ("Ana", "parent", "email", f"Mom: {ADDRESS}", ADDRESS, "mom's label, a woman's record"),
    ("Ana", "parent", "email", f"{ADDRESS} - dad", None, "dad's, a woman's record"),
    ("Ana", "parent", "email", f"Dad <{ADDRESS}>", None, "dad as a display name"),
    ("Ana", "parent", "email", f"Ana Ruiz <{ADDRESS}>", ADDRESS, "her own display name"),
    ("Ana", "parent", "email", f"Ruiz, Ana <{ADDRESS}>", ADDRESS, "her name, family first"),
    ("Ana", "parent", "email", f"The Ruiz Family <{ADDRESS}>", ADDRESS, "the family's name"),
    ("Ana", "parent", "email", "Jose Ruiz <jose@gmail.com>", None, "her husband's display"),
    # the address in parentheses or brackets after a name (since session 56)
    ("Ana", "parent", "email", f"Ana Ruiz ({ADDRESS})", ADDRESS, "her name, in parentheses"),
    ("Ana", "parent", "email", f"Ruiz, Ana [{ADDRESS}]", ADDRESS, "her name, family first"),
    ("Ana", "parent", "email", "Jose Ruiz (jose@gmail.com)", None, "her husband's, in parens"),
    ("Ana", "parent", "email", f"Dad ({ADDRESS})", None, "dad, in parentheses"),
    ("Leo", "student", "email", f"Ana Ruiz <{ADDRESS}>", None, "a parent's on the child's"),
    ("Ana", "parent", "email", f"mailto:{ADDRESS}", ADDRESS, "a mailto link"),
    ("Ana", "parent", "email", "ana@@gmail.com", ADDRESS, "a doubled @"),
    ("Ana", "parent", "email", "ana at gmail.com", ADDRESS, "the @ written out"),
    ("Ana", "parent", "email", "ana@gmail,com", ADDRESS, "a comma for a dot"),
    ("Ana", "parent", "email", "ana@.gmail.com", ADDRESS, "a dot after the @ (session 50)"),
    ("Ana", "parent", "email", f"{ADDRESS} work", ADDRESS, "a word after, not the domain"),
    ("Ana", "parent", "email", f"{ADDRESS} (old)", None, "an old address"),
    ("Ana", "parent", "email", f"{ADDRESS} (viejo)", None, "an old address, in Spanish"),
    ("Ana", "parent", "email", f"{ADDRESS} (no usar)", None, "do not use, in Spanish"),
    ("Ana", "parent", "email", f"{ADDRESS} (trabajo)", ADDRESS, "a Spanish label after"),
    ("Ana", "parent", "email", f"{ADDRESS} bounces", None, "an address that bounces"),
    ("Ana", "parent", "email", f"{ADDRESS}; jose@gmail.com", None, "two addresses"),
    ("Ana", "parent", "email", "ana diaz@gmail.com", None, "a space in the local part"),
    # Gmail's name alone: one domain the world over (held back before session 58)
    ("Ana", "parent", "email", "ana@gmail", ADDRESS, "no top-level domain, Gmail"),
    ("Ana", "parent", "email", "ana@gmailcom", ADDRESS, "a known domain's dot missing"),
    ("Ana", "parent", "email", "ana@ruizfamilyorg", None, "a dot missing, no known domain"),
    ("Ana", "parent", "email", "ana.@gmail.com", ADDRESS, "a dot before the @, Gmail"),
    ("Ana", "parent", "email", "ana.@hotmail.com", None, "a dot before the @ where dots count"),
    ("Ana", "parent", "email", "ana_ruiz@gmail.com", None, "'_', which no Gmail name has"),
    # a domain near a provider's: a slip, or another real domain (since session 46)
    ("Ana", "parent", "email", "ana@gmial.com", ADDRESS, "the provider's name mistyped"),
    ("Ana", "parent", "email", "ana@aol.con", "ana@aol.com", "a top-level domain mistyped"),
    ("Ana", "parent", "email", "ana@aoll.com", "ana@aol.com", "a letter typed twice"),
    ("Ana", "parent", "email", "ana@chartermi.net", None, "Charter's regional domain"),
    ("Ana", "parent", "email", "ana@foxmail.com", None, "Foxmail, two letters from Hotmail"),
    ("Ana", "parent", "email", "ana@hotmail.no", None, "the provider's Norwegian domain"),
    ("Ana", "parent", "email", "ana.ruiz@ge.com", None, "her employer's, a letter from me.com"),
    ("Ana", "parent", "email", "ana.ruiz@aon.com", None, "her employer's, a letter from aol.com"),
    # an address and its link as Outlook copies them; curly quotes (since session 58)
    ("Ana", "parent", "email", f"{ADDRESS}<mailto:{ADDRESS}>", ADDRESS, "an address and its link"),
    ("Ana", "parent", "email", f"{ADDRESS}<mailto:ana.r@yahoo.com>", None, "a link to another"),
    ("Ana", "parent", "email", f"\u201c{ADDRESS}\u201d", ADDRESS, "curly quotes around it"),
    # a provider's name alone with several domains (since session 58)
    ("Ana", "parent", "email", "ana@yahoo", None, "Yahoo's name alone: .com, .com.mx, .es"),
    # the family opted out (since session 58; the value alone was suggested before)
    ("Ana", "parent", "sms", f"{NUMBER} (opted out)", None, "opted out of texts"),
    ("Ana", "parent", "sms", f"{NUMBER} STOP", None, "a texting service's STOP"),
    ("Ana", "parent", "email", f"{ADDRESS} (unsubscribed)", None, "unsubscribed"),
    # a word processor's curly apostrophe or dash before the @ (since session 58)
    ("Ana", "parent", "email", "o\u2019ruiz@school.org", "o'ruiz@school.org", "a curly apostrophe"),
    ("Ana", "parent", "email", "ana\u2013ruiz@school.org", "ana-ruiz@school.org", "an en dash"),
    ("Ana", "parent", "email", "o\u2019ruiz@gmail.com", None, "a curly apostrophe, Gmail"),
    ("Ana", "parent", "email", "ana\u2014ruiz@school.org", None, "a long dash: one hyphen or two"),
    # a spreadsheet's number format; two numbers each with whose it is (since session 59)
    ("Ana", "parent", "sms", "6,175,552,368", "6175552368", "a spreadsheet's thousands"),
    ("Ana", "parent", "sms", "6,175,552,368.00", "6175552368", "thousands and decimals"),
    ("Ana", "parent", "sms", "617,555,2368", NUMBER, "groups between commas"),
    ("Ana", "parent", "sms", f"{NUMBER} (mom) 617-555-2369 (dad)", None, "two, each whose"),
    ("Ana", "parent", "sms", f"{NUMBER} (cell) {NUMBER} (mobile)", NUMBER, "one, two labels"),
    ("Ana", "parent", "sms", f"{NUMBER} (mom) {NUMBER} (dad)", None, "one, for two people"),
    # a slip inside a display name or quotes; a space for each dot (since session 59)
    ("Ana", "parent", "email", "Ana Ruiz <ana@gmail>", ADDRESS, "a display name, no .com"),
    ("Ana", "parent", "email", '"ana@gmail,com"', ADDRESS, "quotes, a comma for the dot"),
    ("Ana", "parent", "email", "Ana Ruiz <ana@yahoo>", None, "a display name, Yahoo alone"),
    ("Jose", "parent", "email", "Ana Ruiz <ana@gmail>", None, "another's display name"),
    ("Ana", "parent", "email", "ana@gmail com", ADDRESS, "a space for the dot"),
    ("Ana", "parent", "email", "ana@district com", None, "a space, no known domain"),
    ("Ana", "parent", "email", "ana@gmailcom.com", ADDRESS, "the dot left out, .com again"),
    # French and Haitian Creole kin in a note (since session 59: a label before)
    ("Ana", "parent", "sms", f"{NUMBER} (maman)", NUMBER, "French 'mother', hers"),
    ("Jose", "parent", "sms", f"{NUMBER} (maman)", None, "French 'mother', his record"),
    ("Jose", "parent", "sms", f"{NUMBER} (matant)", None, "Haitian 'aunt', his record"),
    ("Ana", "parent", "email", "Mom: ana@gmail.com Dad: jo@gmail.com", None, "two, each whose"),
    ("Ana", "parent", "email", "ana @gmail .com", ADDRESS, "spaces by the @ and the dot"),
    # French and Vietnamese notes: a landline, out of use (since session 59)
    ("Ana", "parent", "sms", f"{NUMBER} (fixe)", None, "French 'landline'"),
    ("Ana", "parent", "sms", f"{NUMBER} (cũ)", None, "Vietnamese 'old'"),
    ("Ana", "parent", "email", f"{ADDRESS} (ancienne)", None, "French 'old'"),
    # inside quotes or a mark, an address no Gmail name can be (since session 59)
    ("Ana", "parent", "email", "'ana_ruiz@gmail.com", None, "a mark, '_' at Gmail"),
    ("Ana", "parent", "email", '"o\u2019ruiz@gmail.com"', None, "quotes, an apostrophe, Gmail"),
    ("Ana", "parent", "email", '"m\u00fcller@gmail.com"', None, "quotes, u or ue"),
    # a label or a slip around a number no text reaches (since session 60)
    ("Ana", "parent", "sms", "1-800-555-1234 cell", None, "toll-free, a label"),
    ("Ana", "parent", "sms", "(877) 555-1234 (mom)", None, "toll-free, whose"),
    ("Ana", "parent", "sms", "18005551234.0", None, "toll-free, a spreadsheet's '.0'"),
    ("Ana", "parent", "sms", "+44 20 7946 0958 (cell)", None, "a UK landline, a label"),
    # a symbol beside a number the check reads (since session 60)
    ("Ana", "parent", "sms", f"{NUMBER}*", NUMBER, "an office's '*'"),
    ("Ana", "parent", "sms", f"#{NUMBER}", NUMBER, "a '#' before it"),
    ("Ana", "parent", "sms", f"{NUMBER}?", None, "a '?': the office unsure"),
)


def _user(sid: str, role: str, given: str, **extra: Any) -> dict[str, Any]:
    return {"sourcedId": sid, "role": role, "givenName": given, "familyName": "Ruiz", **extra}


_SUGGESTING = (
    "invalid-phone",
    "invalid-email",
    "email-in-phone-column",
    "email-domain-typo",
    "sms-label",
    "sms-spreadsheet-mark",
    "sms-stray-mark",
)
"""The findings that suggest a value for a contact column."""


def suggestion(given: str, role: str, column: str, value: str) -> str | None:
    """What the findings on the record suggest for ``value`` (``None`` for nothing): the
    record is a guardian of Leo, or a student whose mother Ana has her own address."""
    if role == "student":
        sid = "s1"
        users = [
            _user("s1", "student", given, agents=[{"sourcedId": "g2"}], **{column: value}),
            _user("g2", "parent", "Ana", email="ana.r@yahoo.com", agents=[{"sourcedId": "s1"}]),
        ]
    else:
        sid = "g1"
        users = [
            _user("g1", role, given, agents=[{"sourcedId": "s1"}], **{column: value}),
            _user("s1", "student", "Leo", agents=[{"sourcedId": "g1"}]),
        ]
    result = match(read_rest_users({"users": users}))
    found = [
        f.suggested
        for f in result.findings
        if f.sourced_id == sid and f.code in _SUGGESTING and f.suggested is not None
    ]
    return found[0] if found else None


# Since session 61: one person's two records (a guardian typed once per child), the
# column, its values (first record's, second record's), and what each record is told to
# type into it, by the likely-same item's fix and the record's findings together (one
# value, or None where nothing should be suggested).
PAIRS: tuple[tuple[str, str, str, str | None, str | None, str], ...] = (
    ("sms", "6175552368.0", NUMBER, NUMBER, None, "a spreadsheet's decimal beside the number"),
    ("sms", NUMBER, "6175552368.0", None, NUMBER, "the number beside a spreadsheet's decimal"),
    ("sms", "617.555.2368 x123", "6175552368.0", None, None, "a desk line; its number, decimal"),
    ("sms", "617.555.2368 x123", f"{NUMBER} (work)", None, None, "a desk line; labelled"),
    ("sms", f"{NUMBER} do not text", NUMBER, None, None, "the family's note; the number plain"),
    ("sms", f"{NUMBER} (landline)", NUMBER, None, None, "a landline note; the number plain"),
    ("sms", "617.555.2368 x123", "617-555-9999", "617-555-9999", None, "a desk line; a mobile"),
    ("sms", "1-800-555-1234", "617-555-9999", "617-555-9999", None, "toll-free; a mobile"),
    ("sms", "1-800-555-1234 cell", "617-555-9999", "617-555-9999", None, "toll-free, labelled"),
    ("sms", "1-800-555-1234", "(800) 555-1234 cell", None, None, "one toll-free line twice"),
    ("email", f"{ADDRESS} (bounced)", ADDRESS, None, None, "bounced; the address plain"),
    ("email", f"{ADDRESS} (old)", ADDRESS, None, None, "old; the address plain"),
    ("email", f"{ADDRESS} (do not email)", ADDRESS, None, None, "do not email; plain"),
    ("email", f"{ADDRESS} (old)", "ana@yahoo.com", "ana@yahoo.com", None, "old; another"),
    ("email", f"{ADDRESS} (bounced)", "ana@gmial.com", None, None, "bounced; its typo"),
    ("email", "", "ana@gmial.com", ADDRESS, ADDRESS, "none; a typo of the domain"),
    ("email", "ana@gmial", "ana@gmial.com", ADDRESS, ADDRESS, "cut short; a typo"),
    ("email", f"Ana <{ADDRESS}>", ADDRESS, ADDRESS, None, "a display name; plain"),
)


def pair_suggestions(column: str, a: str, b: str) -> tuple[str | None, str | None]:
    """What the two records (guardians of one child, one name) are told to type into
    ``column``; a record told two values gets both, joined by ``|``."""
    other = "email" if column == "sms" else "sms"
    fill = {"email": "ana.ruiz@yahoo.com", "sms": "617-555-7000"}[other]
    users = [
        _user("g1", "parent", "Ana", **{column: a, other: fill}, agents=[{"sourcedId": "s1"}]),
        _user("g2", "parent", "Ana", **{column: b, other: fill}, agents=[{"sourcedId": "s1"}]),
        _user("s1", "student", "Leo", agents=[{"sourcedId": "g1"}, {"sourcedId": "g2"}]),
    ]
    result = match(read_rest_users({"users": users}))
    told: dict[str, set[str]] = {"g1": set(), "g2": set()}
    for item in result.near_misses:
        for fix in item.fixes:
            if fix.field == column and fix.sourced_id in told:
                told[fix.sourced_id].add(fix.suggested)
    for f in result.findings:
        if f.field == column and f.sourced_id in told and f.suggested is not None:
            told[f.sourced_id].add(f.suggested)
    # (one value written two ways by the fix and the finding would be two values typed)
    first, second = ("|".join(sorted(told[sid])) or None for sid in ("g1", "g2"))
    return first, second


def main() -> None:
    right = silent = wrong = missed = 0
    for given, role, column, value, expected, what in CASES:
        said = suggestion(given, role, column, value)
        if said == expected:
            outcome = "ok"
            right += expected is not None
            silent += expected is None
        elif said is None:
            outcome = "MISSED"
            missed += 1
        else:
            outcome = "WRONG"
            wrong += 1
        shown = "nothing" if said is None else repr(said)
        print(f"  {outcome:6} {given} ({role}) {column} {value!r}: {shown} ({what})")
    should = sum(1 for case in CASES if case[4] is not None)
    print(f"values suggested rightly: {right} of {should} ({missed} missed)")
    print(f"held back rightly: {silent} of {len(CASES) - should}")
    print(f"wrong suggestions: {wrong} of {len(CASES)}")
    right = silent = wrong = missed = 0
    print("one person's two records (what each is told to type into the column):")
    for column, a, b, first, second, what in PAIRS:
        said = pair_suggestions(column, a, b)
        for value, expected, got in ((a, first, said[0]), (b, second, said[1])):
            if got == expected:
                outcome = "ok"
                right += expected is not None
                silent += expected is None
            elif got is None:
                outcome, missed = "MISSED", missed + 1
            else:
                outcome, wrong = "WRONG", wrong + 1
            shown = "nothing" if got is None else repr(got)
            other = b if value is a else a
            print(f"  {outcome:6} {column} {value!r} beside {other!r}: {shown} ({what})")
    should = sum((p[3] is not None) + (p[4] is not None) for p in PAIRS)
    print(f"records told a value rightly: {right} of {should} ({missed} missed)")
    print(f"records held back rightly: {silent} of {2 * len(PAIRS) - should}")
    print(f"wrong suggestions: {wrong} of {2 * len(PAIRS)}")


if __name__ == "__main__":
    main()
