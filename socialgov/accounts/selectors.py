"""Reads for accounts: what each person may see, who must act on what, the public registry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from socialgov.accounts import platforms
from socialgov.accounts.models import (
    Account,
    AccountReviewStep,
    AccountText,
    AccountTextKind,
    AdministratorDesignation,
    TermsOfService,
    TermsReview,
)
from socialgov.accounts.workflows import AccountStatus, StepStatus
from socialgov.agencies.models import Agency, Department, Designation, Person
from socialgov.agencies.roles import DesignationKind, Role
from socialgov.agencies.selectors import agencies_visible_to, has_role, person_of, users_with_role
from socialgov.policies.selectors import pack_in_force

S = AccountStatus
# Shown to the public and answered "official" by the lookup (NJ-08).
OFFICIAL = (S.ACTIVATED, S.SUSPENDED, S.DECOMMISSIONING)


def pack_of(agency) -> dict | None:
    adoption = pack_in_force(agency)
    return adoption.data if adoption else None


# --- visibility -----------------------------------------------------------------------------

def accounts_visible_to(user) -> QuerySet[Account]:
    """Members see their agency's accounts; a draft request only its requester sees."""
    if not user.is_authenticated:
        return Account.objects.none()
    qs = Account.objects.filter(agency__in=agencies_visible_to(user)).select_related("agency", "department")
    if user.is_superuser:
        return qs
    return qs.filter(~Q(status=S.DRAFT) | Q(requested_by=user))


def with_compliance_facts(qs: QuerySet[Account]) -> QuerySet[Account]:
    """Annotate what LAC-08's compliance status needs, so a list computes it without a query per row."""
    current_texts = AccountText.objects.filter(account=OuterRef("pk"))
    return qs.annotate(
        has_ack_admin=Exists(AdministratorDesignation.objects.filter(
            account=OuterRef("pk"), removed_at__isnull=True, acknowledged_at__isnull=False)),
        has_terms=Exists(TermsOfService.objects.filter(account=OuterRef("pk"))),
        has_statement=Exists(current_texts.filter(kind=AccountTextKind.MODERATION_STATEMENT)),
        has_notice=Exists(current_texts.filter(kind=AccountTextKind.COMMENT_NOTICE)),
    )


def registry(user, agency: Agency, *, department: Department | None = None, platform: str = "",
             status: str = "") -> QuerySet[Account]:
    """NJ-08: the internal registry, filtered."""
    qs = accounts_visible_to(user).filter(agency=agency)
    if department is not None:
        qs = qs.filter(department_id__in=[department.pk, *_descendant_ids(department)])
    if platform:
        qs = qs.filter(platform=platform)
    if status:
        qs = qs.filter(status=status)
    return with_compliance_facts(qs).order_by("name", "pk")


def _descendant_ids(department: Department) -> list[int]:
    ids, frontier = [], [department.pk]
    while frontier:
        frontier = list(Department.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return ids


def public_registry(agency: Agency) -> QuerySet[Account]:
    """NJ-08: the official, active accounts anyone may see."""
    return Account.objects.filter(agency=agency, status=S.ACTIVATED).select_related("department").order_by(
        "name", "pk")


def public_decommissioned(agency: Agency) -> QuerySet[Account]:
    """NJ-19: accounts the registry once listed, now decommissioned (shown so nobody trusts them again)."""
    return Account.objects.filter(agency=agency, status=S.DECOMMISSIONED).order_by("-decommissioned_at", "name", "pk")


def public_account(agency: Agency, pk: int) -> Account | None:
    return Account.objects.filter(agency=agency, status__in=OFFICIAL, pk=pk).select_related("department").first()


def current_text(account: Account, kind: str) -> AccountText | None:
    return account.texts.filter(kind=kind).order_by("-version").first()


def current_terms(account: Account) -> TermsOfService | None:
    return account.terms.order_by("-recorded_at", "-pk").first()


# --- the public lookup (NJ-08) --------------------------------------------------------------

@dataclass(frozen=True)
class LookupAnswer:
    verdict: str                    # official | not_in_registry | decommissioned
    account: Account | None = None
    decommissioned_on: date | None = None
    identities: tuple = ()

    @property
    def text(self) -> str:
        if self.verdict == "official":
            return "Official"
        if self.verdict == "decommissioned":
            return f"Decommissioned on {self.decommissioned_on:%Y-%m-%d}: no longer official"
        return "Not in the registry"


def lookup(agency: Agency, text: str, platform: str = "") -> LookupAnswer:
    """Is ``text`` (a profile URL or handle in any of its variants) an official account of ``agency``?
    Raises platforms.NotRecognised when ``text`` names no account at all."""
    identities = tuple(platforms.identify(text, platform))
    keys = [i.lookup_key for i in identities]
    matches = list(Account.objects.filter(agency=agency, lookup_key__in=keys,
                                          status__in=(*OFFICIAL, S.DECOMMISSIONED)).order_by("-activated_at"))
    official = next((a for a in matches if a.status in OFFICIAL), None)
    if official is not None:
        return LookupAnswer("official", official, identities=identities)
    if matches:
        gone = matches[0]
        # The day as the public registry page shows it: in the site's time zone, not UTC's.
        return LookupAnswer("decommissioned", gone,
                            gone.decommissioned_at and timezone.localdate(gone.decommissioned_at), identities)
    return LookupAnswer("not_in_registry", identities=identities)


# --- who acts -------------------------------------------------------------------------------

def current_step(account: Account) -> AccountReviewStep | None:
    return AccountReviewStep.objects.filter(
        review__account=account, review__status="in_progress", status=StepStatus.IN_PROGRESS).first()


def designation_holder(department: Department | None, kind: str) -> Person | None:
    """The nearest current holder of a LAC-02/LAC-03 designation: the department's own, else its parents'."""
    while department is not None:
        held = Designation.objects.current().filter(department=department, kind=kind).select_related("person").first()
        if held is not None:
            return held.person
        department = department.parent
    return None


def step_reviewers(account: Account, step: AccountReviewStep) -> QuerySet:
    """The sign-ins that may decide ``step``: holders of its role over the account's department,
    the holder of its designation, or the requester's supervisor."""
    User = get_user_model()
    if step.role:
        return users_with_role(account.agency, step.role, account.department)
    if step.designation == "supervisor":
        supervisor = getattr(person_of(account.requested_by), "supervisor", None) if account.requested_by else None
        return User.objects.filter(pk=supervisor.user_id if supervisor and supervisor.active else None)
    holder = designation_holder(account.department, step.designation)
    return User.objects.filter(is_active=True, pk=holder.user_id if holder and holder.active else None)


def may_decide_step(user, account: Account) -> bool:
    step = current_step(account)
    return step is not None and step_reviewers(account, step).filter(pk=user.pk).exists()


def reviews_waiting_for(user) -> list[Account]:
    """Requests whose current review step this person may decide (not their own requests)."""
    candidates = accounts_visible_to(user).filter(status__in=(S.SUBMITTED, S.UNDER_REVIEW)).exclude(
        requested_by=user)
    return [a for a in candidates if may_decide_step(user, a)]


def is_access_party(user, account: Account) -> bool:
    """LAC-04: department CIOs/DISOs manage access to the department's accounts, unless the
    department head designated someone else (LAC-02's access approver)."""
    holder = designation_holder(account.department, DesignationKind.ACCESS_APPROVER)
    if holder is not None:
        return holder.user_id is not None and holder.user_id == user.pk
    return has_role(user, account, Role.CIO, Role.DISO)


def is_acknowledged_administrator(user, account: Account) -> bool:
    person = person_of(user)
    return person is not None and AdministratorDesignation.objects.filter(
        account=account, person=person, removed_at__isnull=True, acknowledged_at__isnull=False).exists()


def current_administrators(account: Account) -> QuerySet[AdministratorDesignation]:
    return account.administrators.filter(removed_at__isnull=True).select_related("person", "designated_by")


def designations_waiting_for(user) -> QuerySet[AdministratorDesignation]:
    """NJ-09: designations this person has not acknowledged yet."""
    person = person_of(user)
    return AdministratorDesignation.objects.filter(
        person=person, removed_at__isnull=True, acknowledged_at__isnull=True,
    ).select_related("account", "account__agency")


def accounts_without_administrator(agency: Agency) -> QuerySet[Account]:
    """NJ-09: approved or live accounts with no acknowledged administrator."""
    qs = with_compliance_facts(Account.objects.filter(
        agency=agency, status__in=(S.APPROVED, S.ACTIVATED, S.SUSPENDED)).select_related("agency", "department"))
    return qs.filter(has_ack_admin=False)


def activations_waiting(agency: Agency) -> QuerySet[Account]:
    return Account.objects.filter(agency=agency, status=S.APPROVED).select_related("agency", "department")


def terms_reviews_due(agency: Agency) -> QuerySet[TermsReview]:
    return TermsReview.objects.filter(account__agency=agency, completed_at__isnull=True).select_related(
        "account", "account__agency", "account__department", "terms", "assigned_to")


def user_holds(user, account: Account, roles: list[str]) -> bool:
    return bool(roles) and has_role(user, account, *roles)
