"""Result models of the matcher: persons, near-misses, fixes and findings."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable

import attrs

from oneroster_identity.diagnostics import Severity
from oneroster_identity.models import RoleFamily, is_multi_role
from oneroster_identity.normalize._phones import labelled_number, stray_marks
from oneroster_identity.normalize._spreadsheet import spreadsheet_text
from oneroster_identity.normalize._text import benign_differences, unusual_form

__all__ = [
    "ASKS_FIRST_TAGS",
    "NOT_ONE_PERSON_TAGS",
    "Choice",
    "ChoiceOption",
    "Decision",
    "FieldEvidence",
    "Finding",
    "Fix",
    "NearMiss",
    "NearMissKind",
    "Person",
    "RawDifference",
    "Review",
    "SetAside",
    "stable_id",
]


def stable_id(prefix: str, parts: Iterable[str]) -> str:
    """A short id that depends only on ``parts`` (as a set), never on order or hash seed."""
    if not isinstance(parts, tuple) or len(parts) != 1:
        parts = sorted(parts)
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=5)
    return f"{prefix}-{digest.hexdigest()}"


@attrs.frozen(kw_only=True)
class RawDifference:
    """A field whose raw values differ between records that still merge (a fragile merge)."""

    field: str
    values: tuple[tuple[str, str], ...]
    """(sourced_id, raw value) for every record of the person."""
    unusable: tuple[str, ...] = ()
    """For an email or phone: the records whose value the app cannot use (invalid, a
    placeholder), which it reads as none: they merge with the others only so."""

    @property
    def how(self) -> str:
        """How the values differ, as precisely as they tell: a phone by its formatting;
        text by the kinds :func:`normalize._text.benign_differences` names (``letter
        case``, ``spacing``...), and where one is a Unicode form no screen shows, the
        records to retype it on.

        >>> RawDifference(field="givenName", values=(("g1", "ANA"), ("t1", "Ana"))).how
        'letter case'
        >>> RawDifference(field="givenName", values=(("g1", "Jose\u0301"), ("t1", "Jos\u00e9"))).how
        'Unicode form (letters stored another way, which look the same on screen: retype it on g1)'
        >>> RawDifference(field="sms", values=(("g1", "617-555"), ("g2", "")), unusable=("g1",)).how
        'a value the app cannot use (on g1: read as none, see its finding)'
        """
        if self.unusable:
            return (
                f"a value the app cannot use (on {', '.join(self.unusable)}: read as none, "
                "see its finding)"
            )
        if self.field in ("sms", "phone"):
            marked = [sid for sid, value in self.values if spreadsheet_text(value)]
            if marked:
                return (
                    f"a spreadsheet's mark for text around the number on {', '.join(marked)} "
                    '(="..." or a leading apostrophe; see its finding)'
                )
            labelled = [sid for sid, value in self.values if labelled_number(value)]
            if labelled:
                return (
                    f"words beside the number on {', '.join(labelled)} (a label such as "
                    "'cell'; see its finding)"
                )
            marks = [
                sid
                for sid, value in self.values
                if value.lower() == value.upper() and stray_marks(value)
            ]
            if marks:
                # (since session 60: said as formatting before)
                return (
                    f"a symbol beside the number on {', '.join(marks)} (such as '*'; see "
                    "its finding)"
                )
            return "formatting (spacing, punctuation, a country code or an extension)"
        kinds = benign_differences(value for _, value in self.values)
        if not kinds:
            return "case, spacing or punctuation"
        how = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} and {kinds[-1]}"
        if "Unicode form" in kinds:
            odd = [sid for sid, value in self.values if unusual_form(value)]
            how += (
                " (letters stored another way, which look the same on screen"
                + (f": retype it on {', '.join(odd)}" if odd else "")
                + ")"
            )
        return how


@attrs.frozen(kw_only=True)
class Person:
    """One account the sync will create (or would, but for a finding): records that merge."""

    sourced_ids: tuple[str, ...]
    families: frozenset[RoleFamily]
    roles: tuple[str, ...]
    given_name: str
    family_name: str
    email: str
    phone: str
    has_contact: bool
    fragile: tuple[RawDifference, ...] = ()
    will_be_created: bool = True

    @property
    def id(self) -> str:
        """``P-`` and a digest of the sourcedIds: stable across runs, orders and hash seeds.

        Computed on use rather than stored: a million persons would otherwise hold a
        million id strings for the whole run."""
        return stable_id("P", self.sourced_ids)

    @property
    def is_multi_role(self) -> bool:
        """Holds more than one role family (a teacher who is also a parent)."""
        return is_multi_role(self.families)


class NearMissKind(enum.Enum):
    """Why two or more persons were flagged."""

    LIKELY_SAME = "likely-same-person"
    """Probably one person whose records will split into several accounts."""
    SHARED_CONTACT = "shared-contact"
    """Different people who share an email or SMS phone (a household email)."""


@attrs.frozen(kw_only=True)
class FieldEvidence:
    """How one field compares between two records: equal, or different and how."""

    field: str
    kind: str
    sourced_ids: tuple[str, str]
    values: tuple[str, str]


@attrs.frozen(kw_only=True)
class Fix:
    """One change to make in the SIS: set ``field`` of ``sourced_id`` to ``suggested``."""

    sourced_id: str
    field: str
    current: str
    suggested: str
    reason: str = ""
    rule: str = ""
    """The rule that chose ``suggested`` (``clean-value``, ``full-name``, ``more-records``...;
    see ``match._fixes``)."""


@attrs.frozen(kw_only=True)
class ChoiceOption:
    """One value a person may pick for a field, and the records that hold it: as written,
    or as meant (a contact value's mechanical repair; a given name without a title typed
    before it, ``Sofía`` for ``Mrs. Sofía``)."""

    value: str
    sourced_ids: tuple[str, ...]
    note: str = ""
    """Information for the person choosing, never decisive: ``staff (HR) record`` when a
    staff record holds the value, ``most recently modified`` for the latest record's."""
    fields: tuple[tuple[str, str], ...] = ()
    """The (column, value) pairs picking this option sets, when it sets more than one
    column (a name order: ``givenName`` and ``familyName``); empty otherwise, when it sets
    the choice's field to :attr:`value` (see :meth:`Choice.assignments`)."""


@attrs.frozen(kw_only=True)
class Choice:
    """A field whose right value the data cannot tell (a nickname or the formal name, two
    personal emails, two phones): a person who knows the family picks one option, then
    sets it on every record of the cluster. Never decided by which record is newer.

    ``field`` is a OneRoster column, or ``givenName/familyName`` for a name typed in the
    other order on some records: one choice of order, each option's value written
    ``given / family``, both fields set together."""

    field: str
    options: tuple[ChoiceOption, ...]
    reason: str

    def assignments(self, option: ChoiceOption) -> dict[str, str]:
        """Column -> value that picking ``option`` sets on every record of the item.

        >>> order = Choice(field="givenName/familyName", reason="", options=(
        ...     ChoiceOption(value="Lan / Nguyen", sourced_ids=("g1",),
        ...                  fields=(("givenName", "Lan"), ("familyName", "Nguyen"))),))
        >>> order.assignments(order.options[0])
        {'givenName': 'Lan', 'familyName': 'Nguyen'}
        """
        return dict(option.fields) if option.fields else {self.field: option.value}


@attrs.frozen(kw_only=True)
class NearMiss:
    """Persons that are probably one (split risk) or different people sharing a contact.

    Near-misses are for a person to confirm; nothing here is ever merged
    automatically, because a wrong merge can show a child's messages to an adult
    without custody rights.
    """

    id: str
    kind: NearMissKind
    confidence: float | None
    """How likely the records are one person; ``None`` for a shared contact, which makes
    no claim either way (different people who share an email or phone)."""
    person_ids: tuple[str, ...]
    sourced_ids: tuple[str, ...]
    evidence: tuple[FieldEvidence, ...]
    fixes: tuple[Fix, ...] = ()
    choices: tuple[Choice, ...] = ()
    """Fields where no rule decides the value: a person must choose (see :class:`Choice`)."""
    tags: tuple[str, ...] = ()
    """Special cases: ``staff-guardian-split``, ``per-child-export``, ``guardian-guardian``..."""
    summary: str = ""
    enrollments: tuple[tuple[str, int], ...] = ()
    """For a student entered twice in a roster with enrollments
    (:attr:`~oneroster_identity.Roster.enrollment_counts`): each record's class
    enrollments, by sourcedId, which the summary reads to say which record to keep."""
    keep: str | None = None
    """For a student entered twice, the record the roster says to keep when it tells (the
    one record enrolled in classes, the records at the same schools: see
    ``match._keep``); ``None`` when it cannot tell, or for any other item. On an item that
    does not call its records one child (``guardians-apart``), it is the record to keep if
    they are one."""
    aliases: tuple[str, ...] = ()
    """The ids this item had before it joined others: holders who share both an email and
    an SMS phone get one shared-contact item (since session 60), which carries the ids of
    the two items, one per value, that earlier versions reported. A reviewed decision or a
    snapshot naming either id finds this item (:func:`~oneroster_identity.apply_decisions`
    sets it aside once every one of them, or its own id, is decided)."""

    @property
    def chosen_fields(self) -> tuple[tuple[str, str], ...]:
        """(sourcedId, column) of each record and column the item's choices set: a
        person's pick decides them (a name order's choice sets both name columns)."""
        return tuple(
            (sid, column)
            for choice in self.choices
            for column in choice.field.split("/")
            for sid in self.sourced_ids
        )

    @property
    def calls_one_person(self) -> bool:
        """Whether a likely-same item calls its records one person: not two people the
        data cannot tell apart (``different-names``), not perhaps two children
        (``guardians-apart``, ``guardians-partly-apart``), and not an item that asks the
        family first whether they are two (``maybe-spouses``, ``maybe-relatives``,
        ``maybe-generations``, ``maybe-numbered``, ``maybe-unnamed``,
        ``maybe-namesakes``, ``maybe-other-sexes``)."""
        return self.kind is NearMissKind.LIKELY_SAME and not (
            NOT_ONE_PERSON_TAGS.intersection(self.tags) or ASKS_FIRST_TAGS.intersection(self.tags)
        )


NOT_ONE_PERSON_TAGS = frozenset({"different-names", "guardians-apart", "guardians-partly-apart"})
"""Tags of likely-same items that do not call their records one person
(``guardians-partly-apart`` since session 43: a guardian in common, the others apart)."""

ASKS_FIRST_TAGS = frozenset(
    {
        "maybe-spouses",
        "maybe-relatives",
        "maybe-generations",
        "maybe-numbered",
        "maybe-unnamed",
        "maybe-namesakes",
        "maybe-other-sexes",
    }
)
"""Tags of likely-same items that may be two people and say to ask the family first."""


@attrs.frozen(kw_only=True)
class Finding:
    """A problem with one record or person that is not a near-miss."""

    code: str
    severity: Severity
    message: str
    sourced_id: str | None = None
    field: str | None = None
    value: str | None = None
    person_id: str | None = None
    related: tuple[str, ...] = ()
    suggested: str | None = None
    """The value to type into ``field`` of ``sourced_id`` when the finding knows it (the
    corrected domain of a domain typo, the value without invisible characters); ``None``
    when only a person can tell (a placeholder, an invalid phone)."""

    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Worst first, then by code, record and field."""
        return (
            -self.severity.rank,
            self.code,
            self.sourced_id or "",
            self.field or "",
            self.person_id or "",
        )


class Review(enum.Enum):
    """What a person who reviewed an item of a check decided about it."""

    TWO_PEOPLE = "two-people"
    """A likely-same item's records are different people (a mother and a grandmother of
    one name, two children of one name): their accounts are right apart."""
    INTENDED = "intended"
    """The item is as the district wants it: a staff member's two accounts kept apart on
    purpose, a family address, a warning accepted."""


@attrs.frozen(kw_only=True)
class Decision:
    """One reviewed item, as a district records it (a row of a decisions file, see
    :func:`oneroster_identity.read_decisions`) so that later checks set it aside.

    ``item`` is a near-miss id (``NM-3b999afd36``: a digest of the item's sourcedIds for a
    likely-same item, of the shared value for a shared contact, so a decision stops
    applying when the records or the value change) or ``finding:<code>``, the first column
    of the CSV fix list, with ``sourced_id`` and ``field`` naming the finding (either empty:
    every record, every field)."""

    item: str
    review: Review
    sourced_id: str = ""
    field: str = ""
    note: str = ""
    """The reviewer's words (who, when, why); masked in redacted reports."""
    where: str = ""
    """Where the decision was read (``decisions.csv:4``), for the report to point back."""


@attrs.frozen(kw_only=True)
class SetAside:
    """An item of a check a :class:`Decision` set aside: no longer a near-miss or finding
    of the result, and listed, so nothing reviewed disappears unseen."""

    item: str
    """The near-miss id, or ``finding:<code>``."""
    kind: str
    """``likely-same-person``, ``shared-contact`` or ``finding``."""
    sourced_ids: tuple[str, ...]
    field: str = ""
    decision: Decision
    aliases: tuple[str, ...] = ()
    """The set-aside near-miss's :attr:`NearMiss.aliases`: the ids decisions may name it
    by (a shared-contact item of holders who share both an email and an SMS phone, set
    aside by decisions on its two per-value ids)."""
