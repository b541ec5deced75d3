"""Named permission predicates for monitoring (LCCS-07, NJ-11) and advertising incidents (LCCS-06).

Who is responsible comes from the pack in force (``monitoring.responsible``: the PIO for LCCS, the
account administrators for NJ); the covering person is whoever holds a designee or interim coverage
today; ``monitoring.coverage.interim_appointed_by`` (the executive director = agency head) appoints
interim monitors. Records officers and auditors read the report, read-only.
"""

from __future__ import annotations

import rules

from socialgov.accounts.models import Account
from socialgov.agencies.models import Agency
from socialgov.agencies.roles import Role
from socialgov.agencies.rules import is_agency_member, is_superuser
from socialgov.agencies.selectors import agency_id_of, has_role, has_role_anywhere, person_of
from socialgov.monitoring import selectors
from socialgov.monitoring.models import AdvertisingIncident, Coverage

# Roles that see the monitoring pages besides the responsible and covering people.
OVERSIGHT = (Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.PIO, Role.COMMUNICATIONS_DIRECTOR, Role.RECORDS_OFFICER,
             Role.AUDITOR, Role.ACCOUNT_ADMINISTRATOR, Role.MODERATOR)
# Roles that may record an advertising incident they saw.
INCIDENT_REPORTERS = (Role.AGENCY_HEAD, Role.PIO, Role.COMMUNICATIONS_DIRECTOR, Role.ACCOUNT_ADMINISTRATOR,
                      Role.MODERATOR)


def _agency(obj) -> Agency | None:
    if isinstance(obj, Agency):
        return obj
    if isinstance(obj, Account | Coverage):
        return obj.agency
    if isinstance(obj, AdvertisingIncident):
        return obj.account.agency
    return None


def _in_agency(user, obj) -> bool:
    person = person_of(user)
    return person is not None and obj is not None and person.agency_id == agency_id_of(_agency(obj))


@rules.predicate
def is_responsible_somewhere(user, obj=None) -> bool:
    """Holds the pack's responsible role in the agency (or is an acknowledged administrator, for NJ)."""
    agency = _agency(obj)
    if agency is None or not _in_agency(user, agency):
        return False
    schedule = selectors.schedule_of(agency)
    if has_role_anywhere(user, agency.pk, schedule.responsible):
        return True
    if isinstance(obj, Account):
        return selectors.is_responsible(user, obj, schedule)
    return (schedule.responsible == Role.ACCOUNT_ADMINISTRATOR
            and person_of(user).account_designations.filter(
                removed_at__isnull=True, acknowledged_at__isnull=False, account__agency=agency).exists())


@rules.predicate
def is_covering_now(user, obj=None) -> bool:
    agency = _agency(obj)
    if agency is None or not _in_agency(user, agency):
        return False
    if isinstance(obj, Account):
        return selectors.covering(user, obj) is not None
    return selectors.coverages_in_force(agency, selectors.today(agency)).filter(person=person_of(user)).exists()


@rules.predicate
def monitors_account(user, account=None) -> bool:
    """Responsible for, or covering, this account now."""
    return isinstance(account, Account) and _in_agency(user, account) and selectors.may_monitor(user, account)


@rules.predicate
def has_oversight_role(user, obj=None) -> bool:
    agency = _agency(obj)
    return agency is not None and _in_agency(user, agency) and has_role_anywhere(user, agency.pk, *OVERSIGHT)


@rules.predicate
def appoints_interim(user, obj=None) -> bool:
    """The pack's ``coverage.interim_appointed_by`` role (agency head when it does not say)."""
    agency = _agency(obj)
    if agency is None or not _in_agency(user, agency):
        return False
    role = selectors.schedule_of(agency).interim_appointed_by or Role.AGENCY_HEAD
    return has_role(user, agency, role)


@rules.predicate
def may_report_incident(user, obj=None) -> bool:
    agency = _agency(obj)
    return agency is not None and _in_agency(user, agency) and has_role_anywhere(user, agency.pk,
                                                                                 *INCIDENT_REPORTERS)


@rules.predicate
def appointed_it(user, coverage=None) -> bool:
    return isinstance(coverage, Coverage) and coverage.appointed_by_id == user.pk


is_agency_head = rules.predicate(lambda user, obj=None: _agency(obj) is not None and _in_agency(user, obj)
                                 and has_role(user, _agency(obj), Role.AGENCY_HEAD), name="monitoring_agency_head")

monitor = is_responsible_somewhere | is_covering_now

rules.add_perm("monitoring.view", is_superuser | (is_agency_member & (monitor | has_oversight_role)))
# A check by hand: the responsible or covering person.
rules.add_perm("monitoring.record_check", monitors_account)
# A check recorded because a moderation queue was worked: anyone in the agency who worked it; the
# check records in what capacity (responsible, designee, interim, other).
rules.add_perm("monitoring.record_queue_check", is_superuser | is_agency_member)
# LCCS-07: the PIO (the responsible role) ensures coverage by naming a designee.
rules.add_perm("monitoring.appoint_designee", is_responsible_somewhere)
# LCCS-07: the executive director appoints an interim monitor.
rules.add_perm("monitoring.appoint_interim", appoints_interim)
rules.add_perm("monitoring.end_coverage", appointed_it | is_responsible_somewhere | appoints_interim)
# LCCS-06: anyone who watches the pages records an advertisement; the PIO or designee follows up.
rules.add_perm("monitoring.report_incident", monitor | may_report_incident)
rules.add_perm("monitoring.follow_up_incident", monitor | is_agency_head | rules.predicate(
    lambda user, obj=None: _agency(obj) is not None and _in_agency(user, obj)
    and has_role_anywhere(user, _agency(obj).pk, Role.PIO), name="monitoring_pio"))
