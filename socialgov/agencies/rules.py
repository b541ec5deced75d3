"""Named permission predicates for agencies, departments, people and designations."""

from __future__ import annotations

import rules

from socialgov.agencies.models import Department
from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import agency_id_of, has_role, person_of


def role_predicate(*roles: str) -> rules.Predicate:
    """A predicate true when the user holds one of ``roles`` over the object."""

    def check(user, obj=None) -> bool:
        return obj is not None and has_role(user, obj, *roles)

    return rules.predicate(check, name="has_role_" + "_or_".join(roles))


@rules.predicate
def is_agency_member(user, obj=None) -> bool:
    person = person_of(user)
    return person is not None and obj is not None and person.agency_id == agency_id_of(obj)


@rules.predicate
def is_head_of_department(user, obj=None) -> bool:
    return isinstance(obj, Department) and has_role(user, obj, Role.DEPARTMENT_HEAD)


is_agency_admin = role_predicate(Role.AGENCY_ADMIN)
is_agency_head = role_predicate(Role.AGENCY_HEAD)
is_auditor = role_predicate(Role.AUDITOR)
is_superuser = rules.is_superuser

rules.add_perm("agencies.view_agency", is_superuser | is_agency_member)
rules.add_perm("agencies.manage_structure", is_superuser | is_agency_admin)
# LAC-02/LAC-03: the department (its head) designates; agency administrators and the agency head may too.
rules.add_perm("agencies.designate", is_superuser | is_agency_admin | is_agency_head | is_head_of_department)
# Adding an agency is the installation's business: system administrators only.
rules.add_perm("agencies.add_agency", is_superuser)
