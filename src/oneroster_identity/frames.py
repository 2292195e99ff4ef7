"""pandas DataFrames of a check, for notebooks (optional extra: ``pip install
oneroster-identity[pandas]``).

The frames are :func:`oneroster_identity.report.report_tables` (the same JSON-ready
items as every report format), so a notebook sees exactly what the JSON report says;
``redact=True`` masks emails and phones the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oneroster_identity._memo import one_run
from oneroster_identity.errors import MissingExtraError
from oneroster_identity.existing import ExistingCheck
from oneroster_identity.match import MatchResult
from oneroster_identity.report import RedactSetting, report_tables

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["MissingExtraError", "to_dataframes"]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingExtraError(
            "DataFrames need pandas: pip install 'oneroster-identity[pandas]'"
        ) from None
    return pandas


@one_run
def to_dataframes(
    result: MatchResult, *, existing: ExistingCheck | None = None, redact: RedactSetting = False
) -> dict[str, pandas.DataFrame]:
    """One DataFrame per report section (:func:`~oneroster_identity.report.report_tables`):
    ``persons``, ``near_misses``, ``fixes`` (one row per field change), ``evidence``,
    ``findings``, ``diagnostics``, ``set_aside`` (items reviewed decisions set aside), and
    with ``existing`` also ``existing_accounts``, ``account_updates`` and
    ``student_merge_candidates``.

    Column names are those of the JSON report and the CSV fix list (a fix's near-miss is
    ``item_id`` everywhere); list-valued cells (sourced ids, roles, tags) stay Python
    lists (``df.explode("sourced_ids")`` gives one row per id), and a near-miss's
    ``enrollments`` a dict (sourcedId -> class enrollments). Nested lists of objects
    (evidence, fixes) are frames of their own.
    """
    pd = _pandas()
    tables = report_tables(result, existing=existing, redact=redact, caller="to_dataframes")
    return {
        name: pd.DataFrame(list(table.rows), columns=list(table.columns))
        for name, table in tables.items()
    }
