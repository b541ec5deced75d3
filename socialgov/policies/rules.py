"""Named permission predicates for policy packs."""

import rules

from socialgov.agencies.rules import is_agency_admin, is_agency_member, is_superuser

rules.add_perm("policies.view_pack", is_superuser | is_agency_member)
rules.add_perm("policies.adopt_pack", is_superuser | is_agency_admin)
