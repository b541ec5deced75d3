"""Reports of possible violations (DCFS-09, DCFS-10, KY-10): who may see a report, and who may see
who made it. The roles that handle reports come from the pack (``violation_reports.handled_by``);
``department_head`` means the head of the department concerned. Nobody sees a report about
themselves; auditors see reports but never the reporter."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from socialgov.agencies.models import Agency
from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import has_role, person_of
from socialgov.policies import parameters
from socialgov.policies.models import ViolationReport
from socialgov.policies.selectors.documents import departments_headed_by
from socialgov.policies.selectors.packs import pack_data
from socialgov.policies.workflows import OPEN_REPORT_STATES

WITHHELD = "Withheld"


def handler_roles(agency: Agency) -> list[str]:
    return parameters.report_handler_roles(pack_data(agency))


def _is_subject(user, report: ViolationReport) -> bool:
    return report.subject_id is not None and report.subject.user_id == user.pk


def is_handler(user, report: ViolationReport) -> bool:
    """Holds a handling role over the report (the department head: of the department concerned),
    and the report is not about them."""
    return has_role(user, report, *handler_roles(report.agency)) and not _is_subject(user, report)


def is_reporter(user, report: ViolationReport) -> bool:
    return user.is_authenticated and report.reporter_id == user.pk


def reports_visible_to(user) -> QuerySet[ViolationReport]:
    person = person_of(user)
    if person is None:
        return ViolationReport.objects.none()
    agency = person.agency
    rows = ViolationReport.objects.filter(agency=agency).select_related("department", "subject")
    roles = handler_roles(agency)
    wide = [r for r in roles if r != Role.DEPARTMENT_HEAD] + [Role.AUDITOR]
    if has_role(user, agency, *wide):
        seen = Q()
    else:
        seen = Q(reporter=user)
        if Role.DEPARTMENT_HEAD in roles:
            seen |= Q(department_id__in=departments_headed_by(user, agency))
    return rows.filter(seen).exclude(Q(subject__user=user) & ~Q(reporter=user))


def open_reports_for(user) -> list[ViolationReport]:
    """The dashboard's list for those who handle reports: open reports they may act on."""
    return [r for r in reports_visible_to(user).filter(state__in=OPEN_REPORT_STATES)
            if user.has_perm("policies.handle_report", r)]


def reporter_shown(user, report: ViolationReport) -> str:
    """DCFS-10: the reporter's name for handlers (never for an anonymous report) and the reporter;
    "Withheld" for everyone else, auditors included."""
    if report.reporter is None:
        return "—"
    if user.has_perm("policies.see_reporter", report):
        person = getattr(report.reporter, "person", None)
        return person.full_name if person else report.reporter.get_username()
    return WITHHELD
