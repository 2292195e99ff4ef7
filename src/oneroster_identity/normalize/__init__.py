"""Normalizers: names, emails and phones, and how two values of each differ."""

from __future__ import annotations

from oneroster_identity.normalize._emails import (
    EmailDifference,
    EmailFlag,
    NormalizedEmail,
    compare_emails,
    is_consumer_domain,
    normalize_email,
)
from oneroster_identity.normalize._grades import grade_key, grade_level
from oneroster_identity.normalize._names import (
    NameComparison,
    NameDifference,
    NormalizedName,
    PersonName,
    compare_names,
    drop_title,
    expand_abbreviations,
    is_blank_name,
    is_role_word_name,
    loose_name,
    name_key,
    name_words,
    names_swapped,
    names_two_people,
    normalize_name,
    unisex_short_form,
    without_title,
)
from oneroster_identity.normalize._phones import (
    NormalizedPhone,
    PhoneDifference,
    PhoneFlag,
    compare_phones,
    normalize_phone,
)
from oneroster_identity.normalize._repair import Repair, Repairable

__all__ = [
    "EmailDifference",
    "EmailFlag",
    "NameComparison",
    "NameDifference",
    "NormalizedEmail",
    "NormalizedName",
    "NormalizedPhone",
    "PersonName",
    "PhoneDifference",
    "PhoneFlag",
    "Repair",
    "Repairable",
    "compare_emails",
    "compare_names",
    "compare_phones",
    "drop_title",
    "expand_abbreviations",
    "grade_key",
    "grade_level",
    "is_blank_name",
    "is_consumer_domain",
    "is_role_word_name",
    "loose_name",
    "name_key",
    "name_words",
    "names_swapped",
    "names_two_people",
    "normalize_email",
    "normalize_name",
    "normalize_phone",
    "unisex_short_form",
    "without_title",
]
