"""NJ-19 (Flow E): decommissioning an account, step by step, in the order the framework gives.

The agency head directs it; the archive must then hold a complete final capture of the account,
confirmed with its evidence (the import, its source's SHA-256, the archive's counts and the latest
signed tree head), before anyone deactivates the account or deletes its content; the account
administrator confirms the deactivation and the deletion (or flagging) of the content; the CTO/CIO
is sent the final list of login credentials (names, kinds, last changes; never a value); the CIO
records the registry update, and the account is decommissioned.

Who does each step comes from the pack's ``approvals.decommission`` (and its ``notifications``);
when the pack is silent, ``DEFAULT_DECOMMISSION`` below says who, and the page says it is a default.
The order is ``socialgov.accounts.workflows.DECOMMISSION_NEXT``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from socialgov.accounts import policy, selectors
from socialgov.accounts.models import Account, Decommission, DecommissionStep
from socialgov.accounts.services._common import audit, lock, move, role_holders, tell
from socialgov.accounts.workflows import DECOMMISSION_ORDER, AccountStatus, DecommissionStage, decommission_may_follow
from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import ROLE_LABELS, has_role
from socialgov.core.permissions import require
from socialgov.policies.selectors import pack_in_force

S = AccountStatus
D = DecommissionStage
DIRECTABLE = (S.ACTIVATED, S.SUSPENDED)
CONTENT_OUTCOMES = {"deleted": "deleted", "flagged": "flagged for deletion"}

# Used, step by step, for whatever the pack in force does not say (NJ-19's procedure with the
# roles every agency has): the agency head directs; the records officer confirms the final
# capture; the account administrator deactivates and removes the content and reports the
# credentials; the CIO updates the registry.
DEFAULT_DECOMMISSION: dict[str, dict[str, str]] = {
    D.DIRECTION: {"role": Role.AGENCY_HEAD, "purpose": "Direct that the site/service, no longer needed, be "
                  "decommissioned."},
    D.COPY_CONTENT: {"role": Role.RECORDS_OFFICER, "purpose": "Confirm that the archive holds a complete final "
                     "capture of all content and metadata."},
    D.DEACTIVATION: {"role": Role.ACCOUNT_ADMINISTRATOR, "purpose": "Deactivate the site/service and block all "
                     "further access."},
    D.CONTENT_REMOVAL: {"role": Role.ACCOUNT_ADMINISTRATOR, "purpose": "Delete the content on the platform, or "
                        "flag it for deletion."},
    D.CREDENTIALS_REPORT: {"role": Role.ACCOUNT_ADMINISTRATOR, "purpose": "Notify the CTO/CIO of the actions "
                           "taken, with the final list of log-in credentials."},
    D.REGISTRY_UPDATE: {"role": Role.CIO, "purpose": "Document the decommissioning on the registry of approved "
                        "social media sites/services."},
}
DEFAULT_NOTIFIED: dict[str, list[str]] = {
    "decommission_directed": [Role.CIO, Role.ACCOUNT_ADMINISTRATOR, Role.RECORDS_OFFICER],
    "account_decommissioned": [Role.CIO, Role.AGENCY_HEAD],
}


# --- the plan: who does each step ------------------------------------------------------------

@dataclass(frozen=True)
class PlanStep:
    name: str
    role: str
    purpose: str
    cite: str


def _pack_entries(pack) -> dict[str, dict]:
    section = ((pack or {}).get("approvals") or {}).get("decommission") or {}
    entries = {s.get("name"): s for s in [*(section.get("steps") or []), *(section.get("tasks") or [])]}
    deactivation = entries.get("deactivation")
    if deactivation is not None:
        # NJ-19 names one task for deactivating, deleting and reporting; socialgov records each.
        entries.setdefault(D.CONTENT_REMOVAL, deactivation)
        reporter = ((pack or {}).get("notifications") or {}).get("account_decommissioned", {}).get("by")
        entries.setdefault(D.CREDENTIALS_REPORT, {**deactivation, "role": reporter or deactivation.get("role")})
    return entries


def decommission_plan(pack) -> list[PlanStep]:
    """The steps of NJ-19 in order, each with the pack's role (or the default's, cited as such)."""
    entries = _pack_entries(pack)
    plan = []
    for name in DECOMMISSION_ORDER:
        entry, default = entries.get(name) or {}, DEFAULT_DECOMMISSION[name]
        if entry.get("role"):
            plan.append(PlanStep(name, entry["role"], " ".join((entry.get("purpose") or default["purpose"]).split()),
                                 entry.get("cite", "")))
        else:
            plan.append(PlanStep(name, default["role"], default["purpose"], policy.DEFAULT_SOURCE))
    return plan


def director_roles(account: Account) -> list[str]:
    return [decommission_plan(selectors.pack_of(account.agency))[0].role]


def may_do_step(user, step: DecommissionStep) -> bool:
    """The step's role over the account; the records officer may always confirm the final capture."""
    account = step.decommission.account
    roles = [step.role, *([Role.RECORDS_OFFICER] if step.name == D.COPY_CONTENT else [])]
    return has_role(user, account, *roles)


def _notified(account: Account, event: str) -> list:
    roles = policy.notified_roles(selectors.pack_of(account.agency), event) or DEFAULT_NOTIFIED[event]
    return role_holders(account, roles)


def _administrator_users(account: Account) -> list:
    return [d.person.user for d in selectors.current_administrators(account) if d.person.user_id]


# --- 1. direction ----------------------------------------------------------------------------

def decommission_direct(*, actor, account: Account, reason: str) -> Decommission:
    """NJ-19: the agency head directs that an account no longer needed be decommissioned."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the account is no longer needed."})
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.decommission_direct", account)
        if account.decommissions.exists():
            raise ValidationError("This account's decommissioning has already been directed.")
        if account.status not in DIRECTABLE:
            raise ValidationError(f"This account is {account.get_status_display().lower()}: only an active or "
                                  f"suspended account can be decommissioned.")
        before = account.status
        move(account, S.DECOMMISSIONING)
        account.save(update_fields=["status"])
        adoption = pack_in_force(account.agency)
        now = timezone.now()
        decommission = Decommission.objects.create(
            account=account, reason=reason.strip(), directed_by=actor, directed_at=now,
            pack_name=adoption.pack_name if adoption else "", pack_version=adoption.pack_version if adoption else "")
        for position, planned in enumerate(decommission_plan(adoption.data if adoption else None)):
            DecommissionStep.objects.create(
                decommission=decommission, position=position, name=planned.name, role=planned.role,
                purpose=planned.purpose, cite=planned.cite,
                **({"done_by": actor, "done_at": now, "note": reason.strip()} if planned.name == D.DIRECTION
                   else {}))
        audit("accounts.decommission.direct", actor=actor, account=account, target=decommission,
              before={"status": before}, after={"status": account.status, "reason": decommission.reason})
        tell(account, event="accounts.decommission_directed",
             recipients=[*_notified(account, "decommission_directed"), *_administrator_users(account)],
             subject=f"Decommission {account.name}",
             body=f"The decommissioning of {account.name} ({account.platform_name}, {account.url}) has been "
                  f"directed.\n\nReason: {decommission.reason}\n\nFirst, the archive must hold a complete final "
                  f"capture of all its content and metadata: import it now. Nothing may be deactivated or "
                  f"deleted before that capture is confirmed.")
    return decommission


# --- the steps after it ----------------------------------------------------------------------

def _step_label(step: DecommissionStep) -> str:
    return f"{step.get_name_display().lower()} ({ROLE_LABELS.get(step.role, step.role)})"


def _do_step(actor, account: Account, name: str, note: str, fill) -> DecommissionStep:
    """Lock, check the order and the person, let ``fill`` validate and add evidence, record, audit."""
    if not (note or "").strip():
        raise ValidationError({"note": "Add a note: what was done, and where the proof is."})
    with transaction.atomic():
        account = lock(account)
        decommission = Decommission.objects.select_for_update(of=("self",)).filter(account=account).first()
        if decommission is None or account.status != S.DECOMMISSIONING:
            raise ValidationError("This account is not being decommissioned.")
        steps = list(decommission.steps.select_for_update(of=("self",)).order_by("position"))
        step = next(s for s in steps if s.name == name)
        step.decommission = decommission
        decommission.account = account
        require(actor, "accounts.decommission_step", step)
        done = [s for s in steps if s.done_at is not None]
        last = done[-1].name if done else None
        if not decommission_may_follow(last, name):
            if step.done_at is not None:
                raise ValidationError(f"The {step.get_name_display().lower()} step is already recorded.")
            waiting = next(s for s in steps if s.done_at is None)
            raise ValidationError(f"Not yet: the {_step_label(waiting)} must be recorded first.")
        fill(step)
        step.done_by, step.done_at, step.note = actor, timezone.now(), note.strip()
        step.save()
        audit(f"accounts.decommission.{name}", actor=actor, account=account, target=step,
              after={"note": step.note, **step.evidence})
    return step


# --- 2. the final capture --------------------------------------------------------------------

def final_capture(decommission: Decommission):
    """The archive's last import of the account and what keeps it from being a complete final
    capture (``None`` when nothing does): (job, problem, skipped reasons still to accept)."""
    from socialgov.archive.models import ImportJob
    from socialgov.archive.workflows import JobStatus

    since = f"{timezone.localtime(decommission.directed_at):%Y-%m-%d %H:%M}"
    job = ImportJob.objects.filter(account_id=decommission.account_id).order_by("-created_at", "-pk").first()
    if job is None:
        return None, f"No complete final capture: the archive has no import of this account since the " \
                     f"direction on {since}.", {}
    if (job.started_at or job.created_at) < decommission.directed_at:
        return job, f"No complete final capture: no import since the direction on {since} (the last import, " \
                    f"#{job.pk}, started {timezone.localtime(job.started_at or job.created_at):%Y-%m-%d %H:%M}).", {}
    if job.status != JobStatus.SUCCEEDED:
        what = f"failed ({job.error})" if job.status == JobStatus.FAILED and job.error else \
            job.get_status_display().lower()
        return job, f"No complete final capture: the last import (#{job.pk}) {what}; it must succeed.", {}
    if job.skipped:
        reasons = dict(sorted((job.skipped_reasons or {}).items())) or {"(no reason given)": job.skipped}
        listed = "; ".join(f"{reason}: {count}" for reason, count in reasons.items())
        return job, f"No complete final capture: the last import (#{job.pk}) skipped {job.skipped} " \
                    f"item{'s' if job.skipped != 1 else ''} ({listed}). The records officer must accept each " \
                    f"reason with a note, or the content must be imported again.", reasons
    return job, None, {}


def _capture_evidence(account: Account, job, accepted: dict[str, str]) -> dict:
    from socialgov.archive.models import SignedTreeHeadRecord
    from socialgov.archive.selectors import archive_counts

    head = SignedTreeHeadRecord.objects.order_by("-tree_size", "-pk").first()
    return {
        "import_job": job.pk, "source_name": job.source_name, "source_sha256": job.source_sha256,
        "job_finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "job_counts": job.counters, "archive_counts": archive_counts(account),
        "tree_size": head.tree_size if head else None,
        "tree_root": bytes(head.root_hash).hex() if head else None,
        "tree_signed_at": head.signed_at.isoformat() if head else None,
        "skipped_accepted": accepted,
    }


def decommission_capture_confirm(*, actor, account: Account, note: str, accept_skipped: bool = False,
                                 acceptance_note: str = "") -> DecommissionStep:
    """Confirm the archive holds a complete final capture; refused, naming what is missing, until it does."""
    def fill(step: DecommissionStep) -> None:
        job, problem, skipped = final_capture(step.decommission)
        accepted: dict[str, str] = {}
        if problem and skipped:
            if not accept_skipped:
                raise ValidationError(problem)
            if not (actor is None or actor.is_superuser or has_role(actor, account, Role.RECORDS_OFFICER)):
                raise ValidationError({"accept_skipped": "Only the records officer may accept skipped items."})
            if not (acceptance_note or "").strip():
                raise ValidationError({"acceptance_note": "Say why the skipped items may be left out of the "
                                                          "final capture."})
            accepted = {reason: acceptance_note.strip() for reason in skipped}
        elif problem:
            raise ValidationError(problem)
        step.import_job = job
        step.evidence = _capture_evidence(step.decommission.account, job, accepted)

    return _do_step(actor, account, D.COPY_CONTENT, note, fill)


# --- 3. deactivation and removal of the content ----------------------------------------------

def decommission_deactivate(*, actor, account: Account, note: str) -> DecommissionStep:
    """The account administrator confirms the account is deactivated and all further access blocked."""
    def fill(step: DecommissionStep) -> None:
        step.evidence = {"deactivated": True, "access_blocked": True}

    return _do_step(actor, account, D.DEACTIVATION, note, fill)


def decommission_content_removed(*, actor, account: Account, outcome: str, note: str) -> DecommissionStep:
    """The account administrator confirms the content on the platform was deleted or flagged for deletion."""
    if outcome not in CONTENT_OUTCOMES:
        raise ValidationError({"outcome": "Say whether the content was deleted or flagged for deletion."})

    def fill(step: DecommissionStep) -> None:
        step.evidence = {"content": outcome}

    return _do_step(actor, account, D.CONTENT_REMOVAL, note, fill)


# --- 4. the final list of credentials --------------------------------------------------------

def credential_list(account: Account) -> list[dict]:
    """The account's credentials as the vault knows them: names, kinds, versions, last change and
    who holds them. Never a value: nothing here decrypts anything."""
    from socialgov.accounts.vault.selectors import custodians_of, secrets_of

    holders = ", ".join(c.person.full_name for c in custodians_of(account)) or "nobody"
    rows = []
    for secret in secrets_of(account):
        current = secret.current
        setter = current.set_by if current else None
        rows.append({
            "label": secret.label, "kind": secret.get_kind_display(),
            "versions": secret.versions.count(),
            "last_changed": timezone.localtime(current.set_at).strftime("%Y-%m-%d") if current else None,
            "last_changed_by": (getattr(getattr(setter, "person", None), "full_name", "") or
                                (setter.get_username() if setter else "")),
            "held_by": holders,
        })
    return rows


def _credential_text(rows: list[dict]) -> str:
    if not rows:
        return "The credential vault holds no credentials for this account."
    return "\n".join(f"- {r['kind']} “{r['label']}”: {r['versions']} version(s), last changed "
                     f"{r['last_changed'] or 'never'}{' by ' + r['last_changed_by'] if r['last_changed_by'] else ''}; "
                     f"held by {r['held_by']}" for r in rows)


def decommission_credentials_report(*, actor, account: Account, note: str) -> DecommissionStep:
    """Notify the CTO/CIO (and the pack's others) of the actions taken, with the final credential list."""
    def fill(step: DecommissionStep) -> None:
        current = step.decommission.account
        rows = credential_list(current)
        steps = {s.name: s for s in step.decommission.steps.all()}
        capture, removal = steps[D.COPY_CONTENT], steps[D.CONTENT_REMOVAL]
        step.evidence = {"credentials": rows}
        tell(current, event="accounts.account_decommissioned", recipients=_notified(current, "account_decommissioned"),
             subject=f"{current.name} deactivated: final list of log-in credentials",
             body=f"Actions taken to decommission {current.name} ({current.platform_name}, {current.url}):\n"
                  f"- Final capture confirmed: import #{capture.evidence.get('import_job')} (source SHA-256 "
                  f"{capture.evidence.get('source_sha256') or 'not recorded'}), "
                  f"{capture.evidence.get('archive_counts', {}).get('records', 0)} records in the archive.\n"
                  f"- Account deactivated and all further access blocked.\n"
                  f"- Content {CONTENT_OUTCOMES.get(removal.evidence.get('content'), 'removed')} on the platform.\n"
                  f"\nFinal list of log-in credentials:\n{_credential_text(rows)}\n\nNote: {note.strip()}\n\n"
                  f"Next: the registry update.")

    return _do_step(actor, account, D.CREDENTIALS_REPORT, note, fill)


# --- 5. the registry -------------------------------------------------------------------------

def decommission_registry_update(*, actor, account: Account, note: str) -> DecommissionStep:
    """The CIO records the registry update: the account is decommissioned and its administrators' designations end."""
    def fill(step: DecommissionStep) -> None:
        current = step.decommission.account
        now = timezone.now()
        move(current, S.DECOMMISSIONED)
        current.decommissioned_at = now
        current.save(update_fields=["status", "decommissioned_at"])
        ended = []
        for designation in selectors.current_administrators(current).select_for_update(of=("self",)):
            designation.removed_at, designation.removed_by = now, actor
            designation.removal_reason = "The account was decommissioned."
            designation.save(update_fields=["removed_at", "removed_by", "removal_reason"])
            audit("accounts.administrator.remove", actor=actor, account=current, target=designation,
                  after={"person_id": designation.person_id, "reason": designation.removal_reason})
            ended.append(designation.person.full_name)
        step.decommission.completed_at = now
        step.decommission.save(update_fields=["completed_at"])
        step.evidence = {"status": S.DECOMMISSIONED, "decommissioned_at": now.isoformat(),
                         "administrators_ended": ended}

    return _do_step(actor, account, D.REGISTRY_UPDATE, note, fill)


# --- reading the progress (for the pages) ----------------------------------------------------

@dataclass
class StepView:
    step: DecommissionStep
    state: str          # complete | current | upcoming
    who: str            # the role's label
    people: list[str]   # who may do it now (current step only)


def decommission_progress(decommission: Decommission) -> list[StepView]:
    account = decommission.account
    steps = list(decommission.steps.select_related("done_by", "done_by__person", "import_job"))
    done = [s for s in steps if s.done_at is not None]
    following = decommission_may_follow
    current_name = next((s.name for s in steps if following(done[-1].name if done else None, s.name)), None)
    views = []
    for step in steps:
        state = "complete" if step.done_at else ("current" if step.name == current_name else "upcoming")
        roles = [step.role, *([Role.RECORDS_OFFICER] if step.name == D.COPY_CONTENT else [])]
        people = sorted({u.person.full_name for u in role_holders(account, roles) if hasattr(u, "person")}) \
            if state == "current" else []
        who = ROLE_LABELS.get(step.role, step.role)
        if step.name == D.COPY_CONTENT and step.role != Role.RECORDS_OFFICER:
            who += " or " + ROLE_LABELS[Role.RECORDS_OFFICER]
        views.append(StepView(step, state, who, people))
    return views
