"""Named permission predicates for the audit trail."""

import rules

from socialgov.agencies.rules import is_agency_admin, is_auditor, is_superuser

rules.add_perm("core.view_audit", is_superuser | is_agency_admin | is_auditor)
