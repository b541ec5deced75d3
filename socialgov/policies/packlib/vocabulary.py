"""The fixed words of the policy-pack format, kept in one place.

The schema (``schema.json``) repeats these lists as enums so that editors and
other tools can use the schema on its own; a test proves the two agree.
"""

from __future__ import annotations

# Every role a pack may name. The agencies app maps people to these keys, so a
# pack can only refer to roles the application knows how to hold.
ROLE_KEYS: tuple[str, ...] = (
    "agency_admin",
    "agency_head",
    "department_head",
    "cio",
    "ciso",
    "diso",
    "communications_director",
    "pio",
    "web_content_team",
    "account_administrator",
    "moderator",
    "records_officer",
    "legal_counsel",
    "employee",
    "auditor",
)

# The designations a department or account holds (LAC-02, LAC-03, NJ-09).
DESIGNATION_KEYS: tuple[str, ...] = (
    "access_approver",
    "content_moderator",
    "account_administrator",
)

DAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

# Schema versions this library reads. A pack written for a newer format must be
# refused clearly rather than half-understood.
SUPPORTED_SCHEMA_VERSIONS: tuple[int, ...] = (1,)
