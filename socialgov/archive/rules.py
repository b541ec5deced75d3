"""Named permission predicates for the records archive.

Records officers (custodians of the public records) and agency administrators import an
account's exports; anyone in the agency may read its records.
"""

from __future__ import annotations

import rules

from socialgov.agencies.roles import Role
from socialgov.agencies.rules import is_agency_member, is_superuser, role_predicate

is_records_officer = role_predicate(Role.RECORDS_OFFICER)
is_agency_admin = role_predicate(Role.AGENCY_ADMIN)

rules.add_perm("archive.import_records", is_superuser | is_records_officer | is_agency_admin)
rules.add_perm("archive.view_records", is_superuser | is_agency_member)
