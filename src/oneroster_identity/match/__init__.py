"""The identity matcher: which records the app merges, and which near-misses will split."""

from __future__ import annotations

from oneroster_identity.match._engine import ExcludedRecord, MatchResult, match
from oneroster_identity.match._fixes import quality_winner, rule_text
from oneroster_identity.match._model import (
    Choice,
    ChoiceOption,
    FieldEvidence,
    Finding,
    Fix,
    NearMiss,
    NearMissKind,
    Person,
    RawDifference,
)
from oneroster_identity.match._pairs import Weights

__all__ = [
    "Choice",
    "ChoiceOption",
    "ExcludedRecord",
    "FieldEvidence",
    "Finding",
    "Fix",
    "MatchResult",
    "NearMiss",
    "NearMissKind",
    "Person",
    "RawDifference",
    "Weights",
    "match",
    "quality_winner",
    "rule_text",
]
