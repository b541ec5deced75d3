"""NJ-06 / LAC-01 / LCCS-02: the review of a request, in Wagtail's shape — the chain comes from
the pack in force and is copied onto the review, so a later pack change does not rewrite it; one
step is decided at a time; one active review per request."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from socialgov.accounts import policy, selectors
from socialgov.accounts.models import Account, AccountReview, AccountReviewStep
from socialgov.accounts.services._common import audit, lock, move, role_holders, tell, tell_policy
from socialgov.accounts.workflows import AccountStatus, ReviewStatus, StepStatus
from socialgov.core.permissions import require
from socialgov.policies.selectors import pack_in_force

S = AccountStatus


def start_review(*, actor, account: Account) -> AccountReview:
    """Copy the applicable chain onto a new review and open its first step (called by submit).
    The request stays "submitted" until a reviewer of that step begins the review."""
    adoption = pack_in_force(account.agency)
    chain = policy.applicable_chain(adoption.data if adoption else None, new_platform=account.new_platform)
    review = AccountReview.objects.create(
        account=account, started_by=actor, pack_name=adoption.pack_name if adoption else "",
        pack_version=adoption.pack_version if adoption else "", pack_sha256=adoption.sha256 if adoption else "")
    AccountReviewStep.objects.bulk_create(
        AccountReviewStep(review=review, position=i, name=s.name, role=s.role, designation=s.designation,
                          designee=s.designee, consults=list(s.consults), purpose=s.purpose, cite=s.cite,
                          status=StepStatus.IN_PROGRESS if i == 0 else StepStatus.WAITING)
        for i, s in enumerate(chain))
    audit("accounts.review.start", actor=actor, account=account, target=review,
          after={"steps": [s.name for s in chain], "pack": review.pack_name, "pack_version": review.pack_version})
    first = review.steps.order_by("position").first()
    if first is None:  # every step applies only to new platforms, and this one is not new
        move(account, S.UNDER_REVIEW)
        _finish_approved(account, review, actor)
    else:
        _tell_reviewers(account, first)
    return review


def _tell_reviewers(account: Account, step: AccountReviewStep) -> None:
    tell(account, event="accounts.review.waiting", recipients=selectors.step_reviewers(account, step).exclude(
        pk=account.requested_by_id), subject=f"Waiting for your review: {account.name}",
        body=f"{step.name.replace('_', ' ').capitalize()}: {step.purpose}")


def review_begin(*, actor, account: Account) -> Account:
    """A reviewer of the first step takes the request up: it is now under review."""
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.decide_step", account)
        move(account, S.UNDER_REVIEW)
        account.save(update_fields=["status"])
        audit("accounts.review.begin", actor=actor, account=account, before={"status": S.SUBMITTED},
              after={"status": S.UNDER_REVIEW})
        tell(account, event="accounts.review.begun", recipients=[account.requested_by],
             subject=f"Your request is under review: {account.name}")
    return account


def _current(account: Account) -> tuple[AccountReview, AccountReviewStep]:
    if account.status == S.SUBMITTED:
        raise ValidationError("Begin the review before deciding on the request.")
    if account.status != S.UNDER_REVIEW:
        raise ValidationError(f"This request is {account.get_status_display().lower()}, not under review.")
    review = AccountReview.objects.select_for_update().get(account=account, status=ReviewStatus.IN_PROGRESS)
    return review, review.steps.select_for_update().get(status=StepStatus.IN_PROGRESS)


def _decide(step: AccountReviewStep, actor, status: str, comment: str) -> None:
    step.status, step.decided_by, step.decided_at, step.comment = status, actor, timezone.now(), comment.strip()
    step.save(update_fields=["status", "decided_by", "decided_at", "comment"])


def review_step_approve(*, actor, account: Account, comment: str = "") -> Account:
    """Approve the current step; the next one opens, or, after the last, the request is approved."""
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.decide_step", account)
        review, step = _current(account)
        _decide(step, actor, StepStatus.APPROVED, comment)
        audit("accounts.review.step_approve", actor=actor, account=account, target=review,
              after={"step": step.name, "comment": step.comment})
        following = review.steps.filter(status=StepStatus.WAITING).order_by("position").first()
        if following is not None:
            following.status = StepStatus.IN_PROGRESS
            following.save(update_fields=["status"])
            _tell_reviewers(account, following)
        else:
            _finish_approved(account, review, actor)
    return account


def _finish_approved(account: Account, review: AccountReview, actor) -> None:
    review.status, review.finished_at = ReviewStatus.APPROVED, timezone.now()
    review.save(update_fields=["status", "finished_at"])
    move(account, S.APPROVED)
    account.decided_at = review.finished_at
    account.save(update_fields=["status", "decided_at"])
    audit("accounts.request.approve", actor=actor, account=account, before={"status": S.UNDER_REVIEW},
          after={"status": S.APPROVED})
    tell_policy(account, event="account_request_decided", also=[account.requested_by],
                subject=f"Request approved: {account.name}", body="The site/service may now be activated.")
    activators = role_holders(account, policy.activation_roles(selectors.pack_of(account.agency)))
    tell(account, event="accounts.activation.waiting", recipients=activators,
         subject=f"Ready to activate: {account.name}", body="Activate the approved site/service and confirm it.")


def review_step_reject(*, actor, account: Account, reason: str) -> Account:
    """Reject at the current step, with the reason the requester and the policy's people read."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give the reason for rejecting the request: the requester and the "
                                         "people the policy names will read it."})
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.decide_step", account)
        review, step = _current(account)
        _decide(step, actor, StepStatus.REJECTED, reason)
        review.steps.filter(status=StepStatus.WAITING).update(status=StepStatus.CANCELLED)
        review.status, review.finished_at = ReviewStatus.REJECTED, timezone.now()
        review.save(update_fields=["status", "finished_at"])
        move(account, S.REJECTED)
        account.rejection_reason, account.decided_at = step.comment, review.finished_at
        account.save(update_fields=["status", "rejection_reason", "decided_at"])
        audit("accounts.request.reject", actor=actor, account=account, before={"status": S.UNDER_REVIEW},
              after={"status": S.REJECTED, "step": step.name, "reason": step.comment})
        tell_policy(account, event="account_request_decided", also=[account.requested_by],
                    subject=f"Request rejected: {account.name}", body=f"Reason: {step.comment}")
    return account


def cancel_review(account: Account) -> list:
    """End the active review (the request was withdrawn); returns who was waiting to decide."""
    review = AccountReview.objects.select_for_update().filter(account=account,
                                                              status=ReviewStatus.IN_PROGRESS).first()
    if review is None:
        return []
    step = review.steps.filter(status=StepStatus.IN_PROGRESS).first()
    waiting = list(selectors.step_reviewers(account, step)) if step else []
    review.steps.filter(status__in=(StepStatus.IN_PROGRESS, StepStatus.WAITING)).update(status=StepStatus.CANCELLED)
    review.status, review.finished_at = ReviewStatus.CANCELLED, timezone.now()
    review.save(update_fields=["status", "finished_at"])
    return waiting
