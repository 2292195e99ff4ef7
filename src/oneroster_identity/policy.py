"""The policy: every knob of normalization and matching in one frozen object.

Defaults describe the messaging app's documented behaviour; docs/normalization.md
("Policy defaults") lists each one. A policy round-trips through JSON (:meth:`Policy.to_dict`,
:meth:`Policy.from_dict`) so a district can keep its settings in a file.
"""

from __future__ import annotations

import datetime as dt
import enum
import numbers
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, TypeVar

import attrs
import phonenumbers

from oneroster_identity._usage import describe, is_many, is_missing_date, is_numpy_bool
from oneroster_identity.errors import PolicyError

__all__ = [
    "DEFAULT_POLICY",
    "Policy",
    "SharedCredentials",
    "StaffGuardianPolicy",
    "placeholder_words",
]


class SharedCredentials(enum.Enum):
    """Whether the app accepts an email or SMS phone used by several people."""

    ALLOWED = "allowed"
    """Newer app versions: shared household values are listed for admins (warnings)."""
    UNIQUE_REQUIRED = "unique-required"
    """Older app versions: a guardian with no credential of its own is not created."""


class StaffGuardianPolicy(enum.Enum):
    """What a district wants for a staff member who is also a guardian."""

    MERGE = "merge"
    """One account: flag staff and guardian records of one person that will split."""
    SEPARATE = "separate"
    """Two accounts: flag staff and guardian roles that share an email and would merge."""


def _strings(setting: str, values: Iterable[str]) -> list[str]:
    """The strings of a setting that holds several: one string given alone is one value,
    not its letters (``placeholder_values="n/a"`` is ``("n/a",)``, where it was ``("/",
    "a", "n")``); anything but strings is a :class:`PolicyError`."""
    if isinstance(values, str):
        return [values]
    if not is_many(values):
        raise PolicyError(f"{setting} takes a list of strings, not {describe(values)}")
    listed = list(values)
    for value in listed:
        if not isinstance(value, str):
            raise PolicyError(f"{setting} takes a list of strings; one is {describe(value)}")
    return listed


def _lower_words(setting: str, values: Iterable[str]) -> tuple[str, ...]:
    """A list of words compared without case: each once, sorted."""
    return tuple(sorted({v.strip().casefold() for v in _strings(setting, values) if v.strip()}))


def _placeholder_values(values: Iterable[str]) -> tuple[str, ...]:
    return _lower_words("placeholder_values", values)


def _placeholder_locals(values: Iterable[str]) -> tuple[str, ...]:
    return _lower_words("placeholder_email_locals", values)


_NOT_IN_DOMAINS = frozenset("@/:\\ \t,;()<>[]\"'")
"""Characters no email domain holds (a URL's, an address's, a list's, a note's)."""


def email_domain(value: str) -> str | None:
    """``value`` as an email domain, lower case: the part after the ``@`` (a leading ``@``
    and a trailing dot dropped: ``@Springfield.k12.nh.us.`` is ``springfield.k12.nh.us``),
    or ``None`` when it cannot be one (empty, one word, a URL, an address, a note beside
    it: ``x.org (mom)``)."""
    domain = value.strip().casefold().removeprefix("@").removesuffix(".")
    labels = domain.split(".")
    if len(labels) < 2 or "" in labels or any(c in domain for c in _NOT_IN_DOMAINS):
        return None
    return domain


def _domains(setting: str, values: Iterable[str]) -> tuple[str, ...]:
    """Email domains (:func:`email_domain`), sorted, each once; one domain given as a
    string is one domain, not its letters. A value that cannot be a domain raises
    :class:`PolicyError`: a domain no address has would silently read every staff address
    as personal (and turn the inference of the district's domains off)."""
    out: set[str] = set()
    for value in _strings(setting, values):
        if not value.strip():
            continue
        domain = email_domain(value)
        if domain is None:
            raise PolicyError(
                f"{value!r} is not an email domain: give the part after the @ of the "
                "addresses, for example springfield.k12.nh.us"
            )
        out.add(domain)
    return tuple(sorted(out))


def _district_domains(values: Iterable[str]) -> tuple[str, ...]:
    return _domains("district_domains", values)


def _placeholder_domains(values: Iterable[str]) -> tuple[str, ...]:
    return _domains("placeholder_email_domains", values)


def _phone_fields(values: Iterable[str]) -> tuple[str, ...]:
    """``identity_phone_fields``: one field name given alone is one field."""
    return tuple(_strings("identity_phone_fields", values))


def _phone_digits(values: Iterable[str]) -> tuple[str, ...]:
    """``placeholder_phones`` as their digits (a ``+`` kept before a country code); the
    policy reads them in its region once it knows it (:meth:`Policy.__attrs_post_init__`:
    the digits the check compares, the number's national digits). ``617-555-0000`` is
    ``6175550000``, where written with its dashes it never matched."""
    out: set[str] = set()
    for value in _strings("placeholder_phones", values):
        digits = "".join(ch for ch in value if ch.isdigit())
        if digits:
            out.add(("+" if value.strip().startswith("+") else "") + digits)
        elif value.strip():
            raise PolicyError("placeholder_phones takes phone numbers; one holds no digit")
    return tuple(sorted(out))


def _national_digits(numbers: Iterable[str], region: str) -> tuple[str, ...]:
    """Placeholder numbers as the national digits the check compares, read in ``region``
    as every roster number is: ``1-617-555-0000`` and ``+1 617 555 0000`` are
    ``6175550000`` in the US, and ``020 7946 0000`` is ``2079460000`` in the UK (with
    their trunk ``1`` or ``0`` they never matched, since session 49). A number of another
    country is refused: its national digits would be compared with the region's."""
    country = phonenumbers.country_code_for_region(region)
    out: set[str] = set()
    for number in numbers:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            raise PolicyError(
                f"placeholder_phones takes phone numbers of region {region}; one is not a "
                "phone number there"
            ) from None
        if parsed.country_code != country:
            raise PolicyError(
                f"placeholder_phones takes numbers of region {region} (the check compares "
                f"their national digits); one has country code +{parsed.country_code}"
            )
        out.add(phonenumbers.national_significant_number(parsed))
    return tuple(sorted(out))


def _upper(value: str) -> str:
    if not isinstance(value, str):
        raise PolicyError(
            f"region takes a two-letter region code such as 'US', not {describe(value)}"
        )
    return value.upper()


def _plain_switch(value: Any) -> Any:
    """numpy's boolean (a DataFrame's boolean cell) as Python's ``bool``; anything else
    as it is, for :meth:`Policy.__attrs_post_init__` to judge (a string is refused)."""
    return bool(value) if is_numpy_bool(value) else value


def _plain_number(value: Any) -> Any:
    """A numpy number (as a DataFrame or a config read with numpy gives one) as Python's
    own, so the report's ``policy`` line can write it; anything else as it is, for
    :meth:`Policy.__attrs_post_init__` to judge."""
    if type(value) in (int, float) or isinstance(value, bool):
        return value
    if is_numpy_bool(value):
        return value  # numpy's bool is no number: refused as a bool would be
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


_BOOL_SETTINGS = (
    "infer_district_domains",
    "app_strips_invisible",
    "strict_normalization",
    "use_preferred_names",
    "identifier_evidence",
    "allow_contact_updates",
)
_INT_SETTINGS = ("max_guardians_per_student", "max_students_per_guardian", "max_block_size")
_NUMBER_SETTINGS = ("likely_same_threshold", "name_similarity_threshold")


_E = TypeVar("_E", bound=enum.Enum)


def _choice(kind: type[_E], setting: str, value: _E | str) -> _E:
    """``value`` as one of ``kind``'s members; anything else is a :class:`PolicyError`
    naming the values allowed (not the enum's bare ``ValueError``)."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)
        raise PolicyError(f"{setting} must be one of {allowed}, not {value!r}") from None


def _export_date(value: dt.date | str | None) -> dt.date | None:
    """``value`` as a day: a date, a datetime's day, or an ISO ``YYYY-MM-DD`` string (as a
    policy file holds it); ``None`` or an empty string for none. Anything else is a
    :class:`PolicyError`."""
    if is_missing_date(value):
        raise PolicyError(f"export_date takes a date or None, not {describe(value)}")
    if value is None or isinstance(value, dt.datetime | dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise PolicyError(f"export_date must be a date written YYYY-MM-DD, not {value!r}")


def _shared(value: SharedCredentials | str) -> SharedCredentials:
    return _choice(SharedCredentials, "shared_credentials", value)


def _staff_guardian(value: StaffGuardianPolicy | str) -> StaffGuardianPolicy:
    return _choice(StaffGuardianPolicy, "staff_guardian", value)


DEFAULT_PLACEHOLDER_VALUES = (
    "-",
    "--",
    ".",
    "0",
    "?",
    "declined",
    "desconhecido",
    "desconocido",
    "does not have",
    "doesn't have",
    "n.a",
    "n.a.",
    "n/a",
    "n/d",
    "na",
    "nao tem",
    "nenhum",
    "nil",
    "ninguna",
    "ninguno",
    "no",
    "no aplica",
    "no cell",
    "no disponible",
    "no e-mail",
    "no email",
    "no number",
    "no phone",
    "no tiene",
    "noemail",
    "none",
    "none given",
    "none on file",
    "nophone",
    "not applicable",
    "not available",
    "not given",
    "not listed",
    "not on file",
    "not provided",
    "null",
    "não tem",
    "pending",
    "private",
    "refused",
    "sem celular",
    "sem email",
    "sem telefone",
    "sin celular",
    "sin correo",
    "sin email",
    "sin telefono",
    "sin teléfono",
    "tbd",
    "unknown",
    "unlisted",
    "x",
)
"""Words an office types in a contact column for a value the family did not give: a
placeholder, no value, where an invalid value is one to mend. Since session 59 also
``unlisted``, ``not listed``, ``private`` and the Spanish and Portuguese words offices
type for none (``ninguno``, ``no tiene``, ``sin teléfono``, ``sin correo``,
``desconocido``, ``no disponible``, ``n/d``; ``nenhum``, ``não tem``, ``sem telefone``,
``desconhecido``), which were invalid values (an error asking for a repair)."""
DEFAULT_PLACEHOLDER_EMAIL_LOCALS = (
    "abc",
    "asdf",
    "declined",
    "do-not-email",
    "do-not-reply",
    "do.not.email",
    "donotemail",
    "donotreply",
    "dont.know",
    "dontknow",
    "dummy",
    "email",
    "fake",
    "idk",
    "n.a",
    "n/a",
    "na",
    "needemail",
    "nil",
    "no",
    "no-email",
    "no-reply",
    "no.email",
    "no.one",
    "no_email",
    "noaddress",
    "nobody",
    "noemail",
    "nomail",
    "none",
    "none.given",
    "none.provided",
    "nonegiven",
    "noneprovided",
    "noone",
    "noreply",
    "not-provided",
    "not.available",
    "not.given",
    "notavailable",
    "notgiven",
    "notprovided",
    "null",
    "opt-out",
    "optout",
    "pending",
    "refused",
    "tba",
    "tbd",
    "test",
    "unavailable",
    "unk",
    "unknown",
    "x",
    "xx",
    "xxx",
)
DEFAULT_PLACEHOLDER_EMAIL_DOMAINS = (
    "example.com",
    "example.net",
    "example.org",
    "noemail.com",
    "nomail.com",
    "none.com",
    "test.com",
    "email.invalid",
)


@attrs.frozen(kw_only=True, cache_hash=True)
class Policy:
    """Every setting of normalization and matching, with the app's behaviour as default.

    >>> strict = Policy(strict_normalization=True, district_domains=("k12.example.us",))
    >>> Policy.from_dict(strict.to_dict()) == strict
    True
    """

    region: str = attrs.field(default="US", converter=_upper)
    """Default region for phone numbers written without a country code."""
    district_domains: tuple[str, ...] = attrs.field(default=(), converter=_district_domains)
    """Email domains of the district (staff mailboxes); others count as personal. Empty
    (the default): read off the roster's staff records, see ``infer_district_domains``."""
    infer_district_domains: bool = attrs.field(default=True, converter=_plain_switch)
    """When ``district_domains`` is empty, take as the district's the domains most staff
    emails use and few guardian emails do (never a consumer provider); the check reports
    what it inferred as the info finding ``district-domains-inferred``."""
    placeholder_values: tuple[str, ...] = attrs.field(
        default=DEFAULT_PLACEHOLDER_VALUES, converter=_placeholder_values
    )
    """Whole values that mean "no value" in any contact field ("N/A", "none"...)."""
    placeholder_email_locals: tuple[str, ...] = attrs.field(
        default=DEFAULT_PLACEHOLDER_EMAIL_LOCALS,
        converter=_placeholder_locals,
    )
    """Local parts that mark a made-up address (``noemail@``, ``test@``). Since session 42
    one of four letters or more with a number after it (``noemail123@``, ``test2@``) marks
    one too, and so does any local part beginning "no email" (``noemailprovided@``,
    ``no.email.given@``)."""
    placeholder_email_domains: tuple[str, ...] = attrs.field(
        default=DEFAULT_PLACEHOLDER_EMAIL_DOMAINS, converter=_placeholder_domains
    )
    """Domains that mark a made-up address (``example.com``)."""
    placeholder_phones: tuple[str, ...] = attrs.field(default=(), converter=_phone_digits)
    """Extra phone numbers that a district uses as placeholders, kept as their digits
    (``617-555-0000`` is ``6175550000``), written without the country code."""
    app_strips_invisible: bool = attrs.field(default=False, converter=_plain_switch)
    """The app removes invisible format characters (zero-width, BOM, bidi marks) and reads
    non-breaking spaces as spaces before comparing. Off by default (nothing says it does):
    values differing only in them are then separate accounts; on, they merge and the
    merge is reported as fragile."""
    strict_normalization: bool = attrs.field(default=False, converter=_plain_switch)
    """Only byte-identical values are equal: case, spacing and punctuation split too."""
    identity_phone_fields: tuple[str, ...] = attrs.field(default=("sms",), converter=_phone_fields)
    """User fields whose number is the login/SMS credential; ``phone`` is a home phone."""
    use_preferred_names: bool = attrs.field(default=False, converter=_plain_switch)
    """Use 1.2 preferred given/family names, when present, as the account name."""
    identifier_evidence: bool = attrs.field(default=True, converter=_plain_switch)
    """Read a ``userMasterIdentifier`` (a state ID) that two or three records hold as
    evidence of one person, and report records sharing one that are not. Turn it off
    where the district fills the column with something other than each person's own ID
    (the check also notices a family or school number on its own:
    ``identifier-not-personal``)."""
    shared_credentials: SharedCredentials = attrs.field(
        default=SharedCredentials.ALLOWED, converter=_shared
    )
    """``allowed`` (newer app) or ``unique-required`` (older app skips such guardians)."""
    staff_guardian: StaffGuardianPolicy = attrs.field(
        default=StaffGuardianPolicy.MERGE, converter=_staff_guardian
    )
    """``merge`` (one account per person) or ``separate`` (staff and guardian apart)."""
    max_guardians_per_student: int = attrs.field(default=6, converter=_plain_number)
    """A student with more guardians than this is a finding (the sync holds at 6+)."""
    max_students_per_guardian: int = attrs.field(default=12, converter=_plain_number)
    """A guardian linked to more students than this is no family: a school office, a
    caseworker or a staff member entered as every child's contact, or a data error. Its
    links are not read as family evidence (they would make every child it is linked to a
    sibling of every other), and a finding ``guardian-of-many-students`` names it: the app
    would give that one account every one of those children's messages. Since session 43."""
    allow_contact_updates: bool = attrs.field(default=False, converter=_plain_switch)
    """The app setting "allow the sync to update contact details of active users"."""
    likely_same_threshold: float = attrs.field(default=0.5, converter=_plain_number)
    """Near-misses at or above this confidence are reported as likely the same person."""
    name_similarity_threshold: float = attrs.field(default=85.0, converter=_plain_number)
    """rapidfuzz ratio (0-100) at which two name parts count as a typo of each other."""
    max_block_size: int = attrs.field(default=200, converter=_plain_number)
    """Blocks larger than this (a very common surname) are compared on finer keys only."""
    export_date: dt.date | None = attrs.field(default=None, converter=_export_date)
    """The day the roster was exported: a birth date after it is no one's, so it is no
    evidence and a finding ``birth-date-after-export`` names its record. ``None`` (the
    default): the newest ``dateLastModified`` of the roster's users, the latest day the
    export shows it was made on or after; without one, birth dates are not checked
    against a day. Since session 45."""

    def __attrs_post_init__(self) -> None:
        # Types first: a string "no" for a switch is true, and "12" for a number fails
        # every comparison below with a bare TypeError.
        for name in _BOOL_SETTINGS:
            value = getattr(self, name)
            if not isinstance(value, bool):
                raise PolicyError(f"{name} takes True or False, not {describe(value)}")
        for name in _INT_SETTINGS:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise PolicyError(f"{name} takes a whole number, not {describe(value)}")
        for name in _NUMBER_SETTINGS:
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise PolicyError(f"{name} takes a number, not {describe(value)}")
        for field in self.identity_phone_fields:
            if field not in ("sms", "phone"):
                raise PolicyError(
                    f"identity_phone_fields may hold 'sms' and 'phone', not {field!r}"
                )
        if not self.identity_phone_fields:
            raise PolicyError("identity_phone_fields must name at least one field")
        if not 0.0 <= self.likely_same_threshold <= 1.0:
            raise PolicyError("likely_same_threshold must lie in [0, 1]")
        if self.max_guardians_per_student < 1:
            raise PolicyError("max_guardians_per_student must be at least 1")
        if self.max_students_per_guardian < 1:
            raise PolicyError("max_students_per_guardian must be at least 1")
        if not 0.0 <= self.name_similarity_threshold <= 100.0:
            raise PolicyError("name_similarity_threshold must lie in [0, 100]")
        if self.max_block_size < 2:
            raise PolicyError("max_block_size must be at least 2 (a block pairs its records)")
        if len(self.region) != 2 or not self.region.isalpha():
            raise PolicyError(f"region must be a two-letter region code, not {self.region!r}")
        if self.region not in phonenumbers.SUPPORTED_REGIONS:
            # Otherwise every number without a country code would read as invalid.
            raise PolicyError(f"region {self.region!r} is not a region phonenumbers knows")
        if self.placeholder_phones:
            object.__setattr__(
                self, "placeholder_phones", _national_digits(self.placeholder_phones, self.region)
            )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every setting."""
        out: dict[str, Any] = {}
        for field in attrs.fields(Policy):
            value = getattr(self, field.name)
            if isinstance(value, enum.Enum):
                value = value.value
            elif isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            out[field.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Policy:
        """A policy from :meth:`to_dict` output; unknown keys raise :class:`PolicyError`."""
        names = {f.name for f in attrs.fields(Policy)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise PolicyError(f"unknown policy setting(s): {', '.join(unknown)}")
        try:
            return cls(**dict(data))
        except (TypeError, ValueError) as exc:
            if isinstance(exc, PolicyError):
                raise
            raise PolicyError(str(exc)) from None


DEFAULT_POLICY = Policy()
"""The default policy, one shared instance (normalizer caches compare it by identity)."""


@lru_cache(maxsize=16)
def placeholder_words(policy: Policy, /) -> frozenset[str]:
    """``policy.placeholder_values`` as a set, for the test every email and phone value
    takes (since session 59: a scan of the tuple, 57 words, cost about 0.4 µs a value). A
    policy's hash is cached, so a lookup here costs no pass over its fields."""
    return frozenset(policy.placeholder_values)


CANONICAL_POLICIES = 32
"""How many distinct policies :func:`canonical_policy` remembers (least recently used
beyond that are forgotten: a service that builds a policy per request stays bounded)."""


@lru_cache(maxsize=CANONICAL_POLICIES)
def _first_equal(policy: Policy) -> Policy:
    return policy


def canonical_policy(policy: Policy | None) -> Policy:
    """A shared instance for a policy value (the same one for equal policies, while the
    last :data:`CANONICAL_POLICIES` distinct values are remembered).

    The per-domain and per-prefix caches of the normalizers are keyed by policy; with
    one instance per value their hits compare the policy by identity instead of field
    by field. Forgetting a policy changes no result, only that speed-up.
    """
    if policy is None or policy == DEFAULT_POLICY:
        return DEFAULT_POLICY
    return _first_equal(policy)
