"""Reads for moderation: who moderates which account, the queue, a case's thread, the report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from socialgov.accounts.models import Account, AdministratorDesignation
from socialgov.accounts.selectors import OFFICIAL, pack_of
from socialgov.agencies.models import Department, Membership, Person
from socialgov.agencies.roles import DesignationKind, Role
from socialgov.agencies.selectors import (
    current_designations,
    departments_by_id,
    has_role,
    has_role_anywhere,
    person_of,
)
from socialgov.archive.models import Record
from socialgov.moderation import policy
from socialgov.moderation.models import Case, Decision, ManualTask
from socialgov.moderation.workflows import CaseStatus, DecisionKind, DecisionState, Severity

# Oversight: they see every case of the agency, read-only.
OVERSEERS = (Role.AGENCY_HEAD, Role.AUDITOR)


def moderators_of(account: Account) -> QuerySet:
    """The sign-ins that moderate ``account`` under the pack: its roles (default PIO and moderators) over the
    account's department, the department's LAC-03 content moderator, the account's acknowledged administrators."""
    return moderators_of_accounts(account.agency, [account])


def may_moderate(user, account: Account) -> bool:
    return bool(_moderated(user, account.agency, [account]))


def is_overseer(user, agency) -> bool:
    return has_role_anywhere(user, agency.pk, *OVERSEERS)


def moderated_accounts(user, agency) -> list[Account]:
    """The accounts of ``agency`` that ``user`` moderates (:func:`may_moderate` of each)."""
    return _moderated(user, agency, Account.objects.filter(agency=agency).select_related("agency", "department"))


def _moderated(user, agency, accounts) -> list[Account]:
    """Those of ``accounts`` (of ``agency``) that ``user`` moderates under the pack: a moderator role over the
    account's department, the department's LAC-03 content moderator, or an acknowledged administrator of the
    account. The one rule for one account or many, answered from one read of the departments, the content
    moderators and the user's administrations, however many accounts."""
    person = person_of(user)
    if person is None or person.agency_id != agency.pk:
        return []
    pack = pack_of(agency)
    roles = policy.moderator_roles(pack)
    departments = departments_by_id(agency)
    holders = _content_moderators(agency, departments) if policy.content_moderator_moderates(pack) else {}
    administered = set(AdministratorDesignation.objects.filter(
        person=person, account__agency=agency, removed_at__isnull=True, acknowledged_at__isnull=False,
    ).values_list("account_id", flat=True)) if policy.administrators_moderate(pack) else set()
    found = []
    for account in accounts:
        account.department = departments.get(account.department_id, account.department)
        holder = holders.get(account.department_id)
        if (has_role(user, account, *roles) or (holder is not None and holder.user_id == user.pk)
                or account.pk in administered):
            found.append(account)
    return found


def moderators_of_accounts(agency, accounts) -> QuerySet:
    """The sign-ins that moderate at least one of ``accounts``: :func:`moderators_of` of each, together, in a
    fixed number of queries however many accounts."""
    User = get_user_model()
    accounts = list(accounts)
    if not accounts:
        return User.objects.none()
    pack = pack_of(agency)
    departments = departments_by_id(agency)
    scope = {pk for account in accounts for pk in _with_ancestors(departments, account.department_id)}
    holders = Membership.objects.current().filter(
        Q(department__isnull=True) | Q(department_id__in=scope), agency=agency,
        role__in=policy.moderator_roles(pack), person__active=True)
    q = Q(person__in=holders.values("person_id"))
    if policy.content_moderator_moderates(pack):
        content = _content_moderators(agency, departments)
        q |= Q(pk__in=[holder.user_id for holder in (content.get(a.department_id) for a in accounts)
                       if holder is not None and holder.active and holder.user_id])
    if policy.administrators_moderate(pack):
        q |= Q(person__account_designations__account__in=[a.pk for a in accounts],
               person__account_designations__removed_at__isnull=True,
               person__account_designations__acknowledged_at__isnull=False)
    return User.objects.filter(q, is_active=True).distinct()


def _with_ancestors(departments: dict[int, Department], pk: int) -> list[int]:
    department = departments.get(pk)
    return [pk, *department.ancestor_ids()] if department is not None else [pk]


def _content_moderators(agency, departments: dict[int, Department]) -> dict[int, Person]:
    """Each department's LAC-03 content moderator as :func:`designation_holder` finds it (the department's
    own, else the nearest above it), from one read of the agency's current designations."""
    held = current_designations(agency)
    found = {}
    for pk in departments:
        for node in _with_ancestors(departments, pk):
            designation = held.get((node, DesignationKind.CONTENT_MODERATOR))
            if designation is not None:
                found[pk] = designation.person
                break
    return found


def may_view_queue(user, agency) -> bool:
    """Cheap (it decides the navigation on every page): an overseer, or someone who holds what makes a
    moderator somewhere in the agency: a moderating role, a content-moderator designation, an
    acknowledged account administration."""
    person = person_of(user)
    if person is None or person.agency_id != agency.pk:
        return False
    if is_overseer(user, agency):
        return True
    pack = pack_of(agency)
    if has_role_anywhere(user, agency.pk, *policy.moderator_roles(pack)):
        return True
    if policy.content_moderator_moderates(pack) and person.designations.current().filter(
            kind=DesignationKind.CONTENT_MODERATOR).exists():
        return True
    return policy.administrators_moderate(pack) and AdministratorDesignation.objects.filter(
        person=person, removed_at__isnull=True, acknowledged_at__isnull=False).exists()


def cases_visible_to(user, agency) -> QuerySet[Case]:
    qs = Case.objects.filter(account__agency=agency).select_related(
        "account", "account__agency", "record", "version", "assigned_to__person")
    if person_of(user) is None or person_of(user).agency_id != agency.pk:
        return qs.none()
    if is_overseer(user, agency):
        return qs
    return qs.filter(account__in=[a.pk for a in moderated_accounts(user, agency)])


def queue(user, agency, *, account=None, severity: str = "", label: str = "", status: str = "",
          assigned_to=None, low: bool = False, to_approve: bool = False) -> QuerySet[Case]:
    """Urgent first, then the oldest; open and pending cases unless a status is asked for. Low-severity cases
    are left out unless ``low`` (or a severity) is asked for, so what waits is what matters; ``to_approve``:
    only the removals waiting for ``user``'s approval (:func:`removals_to_approve`), whatever their severity."""
    qs = cases_visible_to(user, agency)
    qs = qs.filter(status=status) if status else qs.exclude(status=CaseStatus.CLOSED)
    if to_approve:
        qs = qs.filter(pk__in=removals_to_approve(user, agency).values("pk"))
    elif not low and not severity:
        qs = qs.exclude(severity=Severity.LOW)
    if account is not None:
        qs = qs.filter(account=account)
    if severity:
        qs = qs.filter(severity=severity)
    if label:
        qs = qs.filter(findings__label=label).distinct()
    if assigned_to is not None:
        qs = qs.filter(assigned_to=assigned_to)
    return qs.order_by("severity_rank", "opened_at", "pk")


def open_counts(user, agency) -> Counter:
    """Waiting cases by severity; ``waiting`` is what the default queue lists (all but low), ``low`` the rest."""
    counts: Counter = Counter()
    for severity in cases_visible_to(user, agency).exclude(status=CaseStatus.CLOSED).values_list("severity",
                                                                                                  flat=True):
        counts[severity] += 1
        if severity != Severity.LOW:
            counts["waiting"] += 1
    return counts


def removals_to_approve(user, agency) -> QuerySet[Case]:
    """Removals waiting for a second person that ``user`` may approve: pending on an account they moderate,
    decided by someone else (nobody approves their own removal). Overseers see cases but approve none."""
    if person_of(user) is None or person_of(user).agency_id != agency.pk:
        return Case.objects.none()
    own = Decision.objects.filter(case=OuterRef("pk"), kind=DecisionKind.REMOVE, state=DecisionState.PENDING,
                                  moderator=user)
    return Case.objects.filter(
        account__in=[a.pk for a in moderated_accounts(user, agency)], status=CaseStatus.PENDING_APPROVAL,
    ).exclude(Exists(own)).select_related("account", "account__agency", "record", "version").order_by(
        "severity_rank", "opened_at", "pk")


@dataclass
class Thread:
    parent: Record | None
    siblings: list[Record]


def thread(case: Case) -> Thread:
    """The post the comment answers (from the archive) and the other comments under it."""
    record = case.record
    parent = None
    if record.parent_item_id:
        parent = Record.objects.filter(account=record.account, platform_item_id=record.parent_item_id).select_related(
            "current_version").first()
    siblings = []
    if record.parent_item_id:
        siblings = list(Record.objects.filter(account=record.account, parent_item_id=record.parent_item_id).exclude(
            pk=record.pk).select_related("current_version").order_by("created_at", "pk")[:20])
    return Thread(parent=parent, siblings=siblings)


def highlighted(text: str, findings) -> SafeString:
    """The text, escaped, with each finding's span in <mark> (overlaps merged into one mark)."""
    spans = sorted((max(0, f.start), min(len(text), f.end)) for f in findings if f.end > f.start)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, at = [], 0
    for start, end in merged:
        out.append(escape(text[at:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    out.append(escape(text[at:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def tasks_waiting(user, agency) -> QuerySet[ManualTask]:
    qs = ManualTask.objects.filter(account__agency=agency, done_at__isnull=True).select_related(
        "case", "account", "decision")
    return qs


def pending_approvals(case: Case) -> Decision | None:
    return case.decisions.filter(kind=DecisionKind.REMOVE, state=DecisionState.PENDING).first()


# --- transparency ---------------------------------------------------------------------------------

REPORTED = (DecisionKind.REMOVE, DecisionKind.HIDE, DecisionKind.RESTORE, DecisionKind.KEEP)


@dataclass(frozen=True)
class ReportRow:
    month: str
    account: str
    platform: str
    category: str
    category_title: str
    outcome: str
    count: int


def transparency(agency, start: date | None = None, end: date | None = None, *, public: bool = False
                 ) -> list[ReportRow]:
    """Decisions in effect by month, account, policy category and outcome. Aggregates only: no comment
    text, no author, so every member of the agency (and the public) may see it."""
    qs = Decision.objects.filter(case__account__agency=agency, kind__in=REPORTED, state=DecisionState.DONE,
                                 effective_at__isnull=False)
    if public:  # only the accounts the public registry lists (NJ-08)
        qs = qs.filter(case__account__status__in=OFFICIAL)
    if start:
        qs = qs.filter(effective_at__date__gte=start)
    if end:
        qs = qs.filter(effective_at__date__lte=end)
    counts: Counter = Counter()
    names: dict[int, tuple[str, str]] = {}
    for effective_at, account_id, account_name, platform, category, kind in qs.values_list(
            "effective_at", "case__account_id", "case__account__name", "case__account__platform", "category",
            "kind"):
        names[account_id] = (account_name, platform)
        counts[(effective_at.strftime("%Y-%m"), account_id, category, kind)] += 1
    outcome = dict(DecisionKind.choices)
    rows = [ReportRow(month, names[acc][0], names[acc][1], category, policy.category_title(category),
                      _OUTCOME_LABEL.get(kind, outcome[kind]), n)
            for (month, acc, category, kind), n in counts.items()]
    return sorted(rows, key=lambda r: (r.month, r.account, r.category, r.outcome))


_OUTCOME_LABEL = {DecisionKind.REMOVE: "Removed", DecisionKind.HIDE: "Hidden", DecisionKind.RESTORE: "Restored",
                  DecisionKind.KEEP: "Kept"}
