"""What the next sync changes for identity: two snapshots of one district, compared.

A :class:`Snapshot` is what comparison needs of one check: each person's records, each
record's identity values (name, email, SMS phone), the near-misses and the account count.
It is built from a :class:`~oneroster_identity.match.MatchResult` (a roster, or a base plus
a delta) or from a saved JSON report of an earlier check, so a nightly job can keep last
night's report instead of last night's roster. Its records and persons are kept
compactly (``compare._columns``: about 85 bytes a record), since a nightly job holds last
night's snapshot while tonight's roster is checked.

:func:`compare` reports:

- ``splits``: persons of OLD whose records no longer all merge in NEW, with the field
  changes that caused it (a person who will lose an account, or get a second one);
- ``merges``: persons of NEW that join records OLD kept apart;
- ``near_misses_new`` / ``near_misses_resolved``: by their stable ids;
- ``contact_changes``: email or SMS of persons in both, and whether the app applies them
  under ``allow_contact_updates``;
- account counts before and after.
"""

from __future__ import annotations

from oneroster_identity.compare._diff import (
    Comparison,
    ContactChange,
    FieldChange,
    Merge,
    Split,
    compare,
)
from oneroster_identity.compare._load import load_snapshot, load_snapshots
from oneroster_identity.compare._snapshot import (
    RecordValues,
    Snapshot,
    SnapshotError,
    SnapshotNearMiss,
)
from oneroster_identity.compare._writers import (
    COMPARE_SCHEMA_VERSION,
    COMPARISON_CSV_COLUMNS,
    comparison_document,
    write_comparison_csv,
    write_comparison_html,
    write_comparison_json,
    write_comparison_text,
)

__all__ = [
    "COMPARE_SCHEMA_VERSION",
    "COMPARISON_CSV_COLUMNS",
    "Comparison",
    "ContactChange",
    "FieldChange",
    "Merge",
    "RecordValues",
    "Snapshot",
    "SnapshotError",
    "SnapshotNearMiss",
    "Split",
    "compare",
    "comparison_document",
    "load_snapshot",
    "load_snapshots",
    "write_comparison_csv",
    "write_comparison_html",
    "write_comparison_json",
    "write_comparison_text",
]
