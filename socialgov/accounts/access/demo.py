"""Demo data for employee access: supervisors recorded, one grant authorized by a supervisor
(DCFS-07), and one request waiting that cannot be approved until the employee has acknowledged
the policy (LAC-06). Idempotent."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from socialgov.accounts.access import services
from socialgov.accounts.access.models import AccessRequest
from socialgov.agencies import services as agency_services
from socialgov.agencies.models import Agency, Person
from socialgov.core.personas import PERSONAS, username
from socialgov.policies.packlib import Pack

# (person, their supervisor) among the personas.
SUPERVISORS = (("employee", "department_head"), ("moderator", "communications_director"))


def build(*, agency: Agency, pack: Pack, prefix: str) -> None:
    users = {p.key: get_user_model().objects.get(username=username(prefix, p)) for p in PERSONAS}
    with transaction.atomic():
        for key, supervisor in SUPERVISORS:
            _supervise(users[key].person, users[supervisor].person)
        if AccessRequest.objects.filter(agency=agency).exists():
            return
        granted = services.access_request_submit(
            actor=users["moderator"], agency=agency, platforms="Facebook, Instagram",
            purpose="Monitor and moderate comments on the agency's pages during my shifts.", working_hours=True,
            department_equipment=True)
        services.access_request_approve(actor=users["communications_director"], request=granted,
                                        note="Work-related; covered by the monitoring schedule.")
        services.access_request_submit(
            actor=users["employee"], agency=agency, platforms="LinkedIn",
            purpose="Share the agency's foster-parent recruitment posts with professional networks.",
            working_hours=True)


def _supervise(person: Person, supervisor: Person) -> None:
    if person.supervisor_id != supervisor.pk:
        agency_services.person_update(actor=None, person=person, supervisor=supervisor)
