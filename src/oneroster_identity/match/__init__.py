"""The identity matcher: which records the app merges, and which near-misses will split."""

from __future__ import annotations

from oneroster_identity.match._birth_dates import crowded_birth_dates
from oneroster_identity.match._blocking import BLOCK_KEYS, compact_family, loose_part
from oneroster_identity.match._clusters import UnionFind
from oneroster_identity.match._contacts import office_address
from oneroster_identity.match._domains import (
    DomainInference,
    InferredDomain,
    infer_district_domains,
)
from oneroster_identity.match._engine import ExcludedRecord, MatchResult, effective_policy, match
from oneroster_identity.match._fixes import (
    GivenNameCount,
    name_as_typed,
    name_still_flagged,
    people_by_family_name,
    people_by_given_name,
    quality_winner,
    rule_text,
)
from oneroster_identity.match._lines import Lines
from oneroster_identity.match._model import (
    ASKS_FIRST_TAGS,
    NOT_ONE_PERSON_TAGS,
    Choice,
    ChoiceOption,
    Decision,
    FieldEvidence,
    Finding,
    Fix,
    NearMiss,
    NearMissKind,
    Person,
    RawDifference,
    Review,
    SetAside,
)
from oneroster_identity.match._out_of_use import (
    untextable_numbers,
    unused_addresses,
    why_no_texts,
)
from oneroster_identity.match._pairs import (
    PairVerdict,
    birth_date_slip,
    common_name_counts,
    judge,
    pair_evidence,
)
from oneroster_identity.match._persons import Persons
from oneroster_identity.match._records import (
    FactsBuilder,
    RecordFacts,
    is_stand_in_birth_date,
    made_up_key,
)
from oneroster_identity.match._staff_forms import STAFF_GUARDIAN_NAME_FORMS
from oneroster_identity.match._staff_names import STAFF_GUARDIAN_SAME_NAME
from oneroster_identity.match._staff_twice import STAFF_NAME_FORMS, STAFF_SAME_NAME
from oneroster_identity.match._weights import Weights

ONE_OR_TWO_FINDINGS = frozenset(
    {STAFF_GUARDIAN_SAME_NAME, STAFF_GUARDIAN_NAME_FORMS, STAFF_SAME_NAME, STAFF_NAME_FORMS}
)
"""The findings that ask whether two records are one person (a staff record and a
guardian's of one name, or of one name written two ways; two staff records so): about
the pair, not a value of either. A reviewed ``two-people`` or ``intended`` decision
settles them, and typing the fix list is not faulted for one (``advice``)."""

__all__ = [
    "ASKS_FIRST_TAGS",
    "BLOCK_KEYS",
    "NOT_ONE_PERSON_TAGS",
    "ONE_OR_TWO_FINDINGS",
    "STAFF_GUARDIAN_NAME_FORMS",
    "STAFF_GUARDIAN_SAME_NAME",
    "STAFF_NAME_FORMS",
    "STAFF_SAME_NAME",
    "Choice",
    "ChoiceOption",
    "Decision",
    "DomainInference",
    "ExcludedRecord",
    "FactsBuilder",
    "FieldEvidence",
    "Finding",
    "Fix",
    "GivenNameCount",
    "InferredDomain",
    "Lines",
    "MatchResult",
    "NearMiss",
    "NearMissKind",
    "PairVerdict",
    "Person",
    "Persons",
    "RawDifference",
    "RecordFacts",
    "Review",
    "SetAside",
    "UnionFind",
    "Weights",
    "birth_date_slip",
    "common_name_counts",
    "compact_family",
    "crowded_birth_dates",
    "effective_policy",
    "infer_district_domains",
    "is_stand_in_birth_date",
    "judge",
    "loose_part",
    "made_up_key",
    "match",
    "name_as_typed",
    "name_still_flagged",
    "office_address",
    "pair_evidence",
    "people_by_family_name",
    "people_by_given_name",
    "quality_winner",
    "rule_text",
    "untextable_numbers",
    "unused_addresses",
    "why_no_texts",
]
