"""Makers of documents, exception requests and violation reports for tests and permission matrices."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from socialgov.core.testing import World
from socialgov.policies import parameters, selectors
from socialgov.policies.models import DocumentVersion, ExceptionRequest, ViolationReport
from socialgov.policies.packlib import load_pack
from socialgov.policies.services import (
    document_create,
    exception_request_submit,
    pack_adopt,
    version_create,
    version_publish,
    violation_report_submit,
)


def adopt(world: World, name: str) -> World:
    pack_adopt(actor=None, agency=world.agency, pack=load_pack(name))
    return world


def make_document(world: World, *, roles=("employee",), employment_types=(), training=False, before_access=False,
                  body="Read the rules.", title="Social media rules", publish=True) -> DocumentVersion:
    """An agency document with one version (published unless told otherwise)."""
    document = document_create(actor=None, agency=world.agency, title=title, audience_roles=list(roles),
                               audience_employment_types=list(employment_types), training=training,
                               before_access=before_access)
    version = version_create(actor=None, document=document, body=body)
    return version_publish(actor=None, version=version) if publish else version


def make_exception(world: World, *, route: str = "", requester: str = "department_head",
                   **overrides) -> ExceptionRequest:
    route = route or next(iter(parameters.exception_routes(selectors.pack_data(world.agency))))
    values = {"title": "Scheduling tool", "scope": "Use an unreviewed scheduling tool.",
              "justification": "Weekend events.", "impacts": "A third party holds a token.",
              "risks": "Terms not reviewed.", "costs": "None.", "timeframes": "Six months.",
              "expires_on": timezone.localdate() + timedelta(days=90)} | overrides
    return exception_request_submit(actor=world.user(requester), agency=world.agency,
                                    department=world.dept("programs"), route=route, **values)


def make_report(world: World, *, reporter: str = "employee", subject: str | None = "moderator",
                department: str | None = None, anonymous: bool = False) -> ViolationReport:
    return violation_report_submit(
        actor=world.user(reporter), agency=world.agency, subject=world.person(subject) if subject else None,
        department=world.dept(department) if department else None,
        what="Used the agency logo to promote a candidate.", where="Personal Facebook profile",
        occurred_on=timezone.localdate() - timedelta(days=2), evidence="Screenshot kept.", anonymous=anonymous)
