"""Normalizers: names, emails and phones, and how two values of each differ."""

from __future__ import annotations

from oneroster_identity.normalize._emails import (
    EmailDifference,
    EmailFlag,
    NormalizedEmail,
    compare_emails,
    is_consumer_domain,
    normalize_email,
    office_mailbox,
)
from oneroster_identity.normalize._encoding import (
    garblings,
    has_lost_characters,
    lost_from,
    ungarbled,
)
from oneroster_identity.normalize._genders import name_gender, unisex_short_form
from oneroster_identity.normalize._grades import grade_key, grade_level
from oneroster_identity.normalize._identifiers import identifier_key
from oneroster_identity.normalize._name_words import loose_name, name_words
from oneroster_identity.normalize._names import (
    NameComparison,
    NameDifference,
    NormalizedName,
    PersonName,
    compare_names,
    couples_name,
    drop_relation_note,
    expand_abbreviations,
    family_names_two_people,
    goes_by_initials,
    has_note,
    is_blank_name,
    kinships_differ,
    kinships_of_other_sexes,
    name_key,
    names_swapped,
    names_two_people,
    normalize_name,
    noted_kinships,
    split_note,
    written_out_beside,
)
from oneroster_identity.normalize._one_name import is_unknown_name_mark, one_name
from oneroster_identity.normalize._owner import Owner, note_owner, owner_fits, stated_sex
from oneroster_identity.normalize._phones import (
    NormalizedPhone,
    PhoneDifference,
    PhoneFlag,
    compare_phones,
    labelled_number,
    normalize_phone,
    stray_marks,
)
from oneroster_identity.normalize._relations import (
    household_in_family,
    is_relation_note,
    is_role_word_name,
)
from oneroster_identity.normalize._repair import Repair, Repairable
from oneroster_identity.normalize._restrictions import (
    Restriction,
    restriction_in_name,
    sorted_last,
    split_mark,
)
from oneroster_identity.normalize._spreadsheet import (
    marked_name,
    spreadsheet_error,
    spreadsheet_text,
)
from oneroster_identity.normalize._suffixes import (
    credential_dropped,
    credentials,
    generation_suffixes,
    generations_differ,
    suffix_dropped,
    suffix_moved,
)
from oneroster_identity.normalize._titles import drop_title, names_husband, without_title

__all__ = [
    "EmailDifference",
    "EmailFlag",
    "NameComparison",
    "NameDifference",
    "NormalizedEmail",
    "NormalizedName",
    "NormalizedPhone",
    "Owner",
    "PersonName",
    "PhoneDifference",
    "PhoneFlag",
    "Repair",
    "Repairable",
    "Restriction",
    "compare_emails",
    "compare_names",
    "compare_phones",
    "couples_name",
    "credential_dropped",
    "credentials",
    "drop_relation_note",
    "drop_title",
    "expand_abbreviations",
    "family_names_two_people",
    "garblings",
    "generation_suffixes",
    "generations_differ",
    "goes_by_initials",
    "grade_key",
    "grade_level",
    "has_lost_characters",
    "has_note",
    "household_in_family",
    "identifier_key",
    "is_blank_name",
    "is_consumer_domain",
    "is_relation_note",
    "is_role_word_name",
    "is_unknown_name_mark",
    "kinships_differ",
    "kinships_of_other_sexes",
    "labelled_number",
    "loose_name",
    "lost_from",
    "marked_name",
    "name_gender",
    "name_key",
    "name_words",
    "names_husband",
    "names_swapped",
    "names_two_people",
    "normalize_email",
    "normalize_name",
    "normalize_phone",
    "note_owner",
    "noted_kinships",
    "office_mailbox",
    "one_name",
    "owner_fits",
    "restriction_in_name",
    "sorted_last",
    "split_mark",
    "split_note",
    "spreadsheet_error",
    "spreadsheet_text",
    "stated_sex",
    "stray_marks",
    "suffix_dropped",
    "suffix_moved",
    "ungarbled",
    "unisex_short_form",
    "without_title",
    "written_out_beside",
]
