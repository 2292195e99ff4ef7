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
from oneroster_identity.match._pairs import BLOCK_KEYS, PairVerdict, Weights, judge, pair_evidence
from oneroster_identity.match._records import FactsBuilder, RecordFacts

__all__ = [
    "BLOCK_KEYS",
    "Choice",
    "ChoiceOption",
    "ExcludedRecord",
    "FactsBuilder",
    "FieldEvidence",
    "Finding",
    "Fix",
    "MatchResult",
    "NearMiss",
    "NearMissKind",
    "PairVerdict",
    "Person",
    "RawDifference",
    "RecordFacts",
    "Weights",
    "judge",
    "match",
    "pair_evidence",
    "quality_winner",
    "rule_text",
]
