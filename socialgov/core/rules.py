"""Named permission predicates for the audit trail."""

import rules

from socialgov.agencies.rules import is_agency_admin, is_auditor, is_superuser
from socialgov.agencies.selectors import person_of


@rules.predicate
def reads_own_agency_audit(user) -> bool:
    """An auditor or agency administrator of the agency the user belongs to."""
    person = person_of(user)
    return person is not None and (is_agency_admin(user, person.agency) or is_auditor(user, person.agency))


rules.add_perm("core.view_audit", is_superuser | is_agency_admin | is_auditor)
# The audit trail pages: superusers see every agency's events, the others their own agency's.
rules.add_perm("core.read_audit_trail", is_superuser | reads_own_agency_audit)
