"""Decisions on a case: keep, hide/restore, remove (preserved first), escalate, notify, second person."""

from __future__ import annotations

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from socialgov.archive.models import Record, RecordVersion
from socialgov.core.models import AuditEvent, Notification
from socialgov.moderation import services
from socialgov.moderation.models import Case, Decision, ManualTask, PreservedCopy
from socialgov.moderation.tests.conftest import CHILD_ABUSE, PHONE_AND_INSULT, case_of, designate_admin, item, post
from socialgov.moderation.workflows import CaseStatus, DecisionState, Outcome


@pytest.fixture
def flagged(nj, capture_comments):
    records = capture_comments(post(), item("c-1", PHONE_AND_INSULT))
    return case_of(next(r for r in records if r.platform_item_id == "c-1"))


def decide(world, case, kind, persona="moderator", **kw):
    kw.setdefault("reason", "Breaks the posted moderation statement.")
    return services.case_decide(actor=world.user(persona), case=case, kind=kind, **kw)


def test_keep_closes_the_case_and_records_everything(world, flagged):
    decision = decide(world, flagged, "keep", reason="Criticism of the agency is allowed.")
    flagged.refresh_from_db()
    assert (flagged.status, flagged.outcome) == (CaseStatus.CLOSED, Outcome.KEPT)
    assert decision.pack_name == "new-jersey" and decision.pack_version == "1.0.0"
    assert {f["label"] for f in decision.findings} == {"pii.phone", "personal_attack"}
    assert all("score" in f for f in decision.findings)
    assert decision.moderator == world.user("moderator")
    assert Record.objects.get(pk=flagged.record_id).status == "present"
    assert AuditEvent.objects.filter(action="moderation.decision_keep").exists()


def test_hide_is_reversible_by_restore(world, flagged):
    decide(world, flagged, "hide", category="personal_attack")
    flagged.refresh_from_db()
    assert flagged.outcome == Outcome.HIDDEN
    assert Record.objects.get(pk=flagged.record_id).status == "hidden"
    assert ManualTask.objects.filter(case=flagged, kind="platform_hide", done_at__isnull=True).exists()
    decide(world, flagged, "restore", reason="On reflection it is criticism, not an attack.")
    flagged.refresh_from_db()
    assert flagged.outcome == Outcome.RESTORED
    assert Record.objects.get(pk=flagged.record_id).status == "present"
    assert ManualTask.objects.filter(case=flagged, kind="platform_restore").exists()
    assert not PreservedCopy.objects.exists()


@pytest.mark.requirement("NJ-18")
def test_remove_preserves_the_comment_with_its_metadata_then_acts(world, flagged):
    version_ids = list(RecordVersion.objects.filter(record=flagged.record_id).values_list("pk", flat=True))
    decision = decide(world, flagged, "remove", category="pii", notify_author=True,
                      author_notice="Your comment was removed: it included a phone number.")
    copy = PreservedCopy.objects.get(decision=decision)
    record = Record.objects.get(pk=flagged.record_id)
    version = record.current_version
    assert (copy.author_id, copy.author_handle, copy.author_name) == ("id-citizen1", "citizen1", "Citizen1")
    assert copy.posted_at == record.created_at
    assert (copy.markup, copy.markup_format) == (f"<p>{PHONE_AND_INSULT}</p>", "facebook-html")
    assert copy.raw_sha256 == version.raw_sha256 and copy.version_hash == version.version_hash
    assert copy.record_series == "Routine Commentary/Dialogue"
    assert "Routine Commentary/Dialogue" in copy.retention_note
    # Acting: the archive says removed, the record and every version are still there.
    assert record.status == "removed"
    assert list(RecordVersion.objects.filter(record=record).values_list("pk", flat=True)) == version_ids
    assert record.current_version.text == PHONE_AND_INSULT
    tasks = {t.kind: t for t in ManualTask.objects.filter(case=flagged)}
    assert set(tasks) == {"platform_remove", "author_notice"}
    assert tasks["author_notice"].body == "Your comment was removed: it included a phone number."
    assert decision.pack_rule == "Procedural flows, D: Deleting Unacceptable Content"
    assert decision.requirements == ["KY-05", "LCCS-09"]
    # The preservation was audited before the record's status change.
    actions = list(AuditEvent.objects.filter(action__in=["moderation.preserved", "archive.record_status_set"])
                   .order_by("seq").values_list("action", flat=True))
    assert actions == ["moderation.preserved", "archive.record_status_set"]


@pytest.mark.requirement("NJ-18")
def test_a_removal_cannot_happen_without_its_preservation(world, flagged):
    """If the preserved copy cannot be written, nothing is removed and no decision is stored."""
    with mock.patch.object(PreservedCopy.objects, "create", side_effect=RuntimeError("disk full")), \
            pytest.raises(RuntimeError):
        decide(world, flagged, "remove", category="pii")
    flagged.refresh_from_db()
    assert flagged.status == CaseStatus.OPEN
    assert Record.objects.get(pk=flagged.record_id).status == "present"
    assert not Decision.objects.exists() and not ManualTask.objects.exists()


def test_preserve_refuses_to_run_outside_a_transaction(world, flagged, django_db_blocker):
    decision = Decision(case=flagged, kind="remove", reason="x")
    with mock.patch("socialgov.moderation.services.transaction.get_connection") as conn:
        conn.return_value.in_atomic_block = False
        with pytest.raises(RuntimeError, match="inside the removal's transaction"):
            services.preserve(actor=None, case=flagged, decision=decision, pack=None)


def test_hide_and_remove_need_a_category_and_every_decision_a_reason(world, flagged):
    with pytest.raises(ValidationError) as exc:
        decide(world, flagged, "remove", reason=" ")
    assert set(exc.value.message_dict) == {"reason", "category"}
    with pytest.raises(ValidationError, match="Write the notice"):
        decide(world, flagged, "notify")


def test_notify_records_the_notice_as_a_task_for_the_administrators(world, flagged):
    decide(world, flagged, "notify", author_notice="Please do not post phone numbers.")
    task = ManualTask.objects.get(kind="author_notice")
    assert task.body == "Please do not post phone numbers."
    flagged.refresh_from_db()
    assert flagged.status == CaseStatus.OPEN  # notifying does not decide the comment's fate


def test_the_platform_task_is_confirmed_by_an_account_administrator_only(world, account, flagged):
    designate_admin(world, account)
    decide(world, flagged, "remove", category="pii")
    task = ManualTask.objects.get(kind="platform_remove")
    with pytest.raises(PermissionDenied):
        services.task_complete(actor=world.user("employee"), task=task)
    services.task_complete(actor=world.user("account_administrator"), task=task, note="Deleted on Facebook.")
    task.refresh_from_db()
    assert task.done_by == world.user("account_administrator") and task.note == "Deleted on Facebook."
    with pytest.raises(ValidationError, match="already"):
        services.task_complete(actor=world.user("account_administrator"), task=task)


@pytest.mark.parametrize("persona", ["employee", "auditor", "agency_head", "records_officer", "cio"])
def test_people_who_do_not_moderate_the_account_cannot_decide(world, flagged, persona):
    with pytest.raises(PermissionDenied):
        decide(world, flagged, "keep", persona=persona)


def _state(case) -> tuple:
    case.refresh_from_db()
    return (case.status, case.outcome, case.closed_at, Decision.objects.filter(case=case).count(),
            PreservedCopy.objects.filter(case=case).count(), ManualTask.objects.filter(case=case).count(),
            Record.objects.get(pk=case.record_id).status,
            AuditEvent.objects.filter(action__startswith="moderation.decision_").count())


def test_removing_a_closed_case_twice_is_refused_and_changes_nothing(world, flagged):
    decide(world, flagged, "remove", category="pii")
    before = _state(flagged)
    with pytest.raises(ValidationError, match=r"This case is already closed \(removed\): 'Remove' was not recorded "
                                              r"and nothing changed\. Reopen the case with a reason to decide again "
                                              r"or restore the comment\."):
        decide(world, flagged, "remove", persona="pio", category="pii")
    assert _state(flagged) == before


@pytest.mark.parametrize("kind", ["keep", "hide", "remove", "escalate", "notify", "restore"])
def test_a_kept_case_takes_no_new_decision_until_it_is_reopened(world, flagged, kind):
    decide(world, flagged, "keep", reason="Fine.")
    before = _state(flagged)
    with pytest.raises(ValidationError, match=r"already closed \(kept\).*Reopen the case with a reason"):
        decide(world, flagged, kind, category="pii", escalated_to="PIO", author_notice="Please be civil.")
    assert _state(flagged) == before


def test_a_restore_after_a_removal_still_works(world, flagged):
    decide(world, flagged, "remove", category="pii")
    decide(world, flagged, "restore", persona="pio", reason="The number is the agency's own front desk.")
    flagged.refresh_from_db()
    assert (flagged.status, flagged.outcome) == (CaseStatus.CLOSED, Outcome.RESTORED)
    assert Record.objects.get(pk=flagged.record_id).status == "present"
    assert PreservedCopy.objects.filter(case=flagged).count() == 1  # the preserved copy stays
    with pytest.raises(ValidationError, match=r"already closed \(restored\)"):
        decide(world, flagged, "restore")


def test_reopening_needs_a_reason_is_audited_and_lets_the_case_be_decided_again(world, flagged):
    decide(world, flagged, "keep", reason="Fine.")
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as exc:
            services.case_reopen(actor=world.user("pio"), case=flagged, reason=reason)
        assert exc.value.message_dict == {"reason": ["Give the reason for reopening the case; it is kept with it."]}
    flagged.refresh_from_db()
    assert flagged.status == CaseStatus.CLOSED
    services.case_reopen(actor=world.user("pio"), case=flagged, reason="A resident complained; look again.")
    flagged.refresh_from_db()
    assert (flagged.status, flagged.outcome, flagged.closed_at) == (CaseStatus.OPEN, Outcome.KEPT, None)
    reopen = Decision.objects.get(case=flagged, kind="reopen")
    assert (reopen.moderator, reopen.reason) == (world.user("pio"), "A resident complained; look again.")
    event = AuditEvent.objects.get(action="moderation.case_reopened")
    assert event.after["reason"] == "A resident complained; look again." and event.before["outcome"] == "kept"
    decide(world, flagged, "remove", category="pii")
    flagged.refresh_from_db()
    assert flagged.outcome == Outcome.REMOVED
    services.case_reopen(actor=world.user("pio"), case=flagged, reason="Appeal by the author.")
    with pytest.raises(ValidationError, match="Only a closed case can be reopened; this one is open"):
        services.case_reopen(actor=world.user("pio"), case=flagged, reason="Again.")
    assert Decision.objects.filter(case=flagged, kind="reopen").count() == 2


def test_a_case_is_not_reopened_while_another_case_on_the_comment_is_open(world, flagged, capture_comments):
    decide(world, flagged, "keep", reason="Fine.")
    capture_comments(item("c-1", "you idiot, and call (419) 555-0199"))  # a new version opens a new case
    newer = Case.objects.exclude(pk=flagged.pk).get(record=flagged.record_id)
    with pytest.raises(ValidationError, match=f"Case {newer.pk} on the same comment is still open"):
        services.case_reopen(actor=world.user("pio"), case=flagged, reason="Look again.")


def test_an_open_case_still_refuses_a_decision_its_outcome_does_not_allow(world, flagged):
    decide(world, flagged, "remove", category="pii")
    services.case_reopen(actor=world.user("pio"), case=flagged, reason="Appeal by the author.")
    with pytest.raises(ValidationError, match="'Hide \\(reversible\\)' is not possible on a case that is open "
                                              "\\(removed\\)"):
        decide(world, flagged, "hide", category="pii")


@pytest.mark.parametrize("persona", ["employee", "auditor", "agency_head"])
def test_only_a_moderator_of_the_account_reopens_a_case(world, flagged, persona):
    decide(world, flagged, "keep", reason="Fine.")
    with pytest.raises(PermissionDenied):
        services.case_reopen(actor=world.user(persona), case=flagged, reason="Look again.")


@pytest.mark.requirement("NJ-18")
def test_a_second_person_must_approve_a_removal_when_the_pack_requires_it(world, two_person, capture_comments):
    case = case_of(capture_comments(item("c-1", PHONE_AND_INSULT))[0])
    removal = decide(world, case, "remove", category="pii")
    case.refresh_from_db()
    assert removal.state == DecisionState.PENDING and case.status == CaseStatus.PENDING_APPROVAL
    asked = set(Notification.objects.filter(event="moderation.removal_to_approve").values_list(
        "recipient__username", flat=True))
    assert "t-pio" in asked and "t-moderator" not in asked
    assert Record.objects.get(pk=case.record_id).status == "present"
    assert not PreservedCopy.objects.exists()
    with pytest.raises(PermissionDenied, match="your own removal"):
        decide(world, case, "approve_removal")
    decide(world, case, "approve_removal", persona="pio", reason="Agreed: a phone number.")
    removal.refresh_from_db()
    case.refresh_from_db()
    assert removal.state == DecisionState.DONE and case.outcome == Outcome.REMOVED
    assert PreservedCopy.objects.get(decision=removal).preserved_by == world.user("pio")
    assert Record.objects.get(pk=case.record_id).status == "removed"


def test_a_declined_removal_leaves_the_comment(world, two_person, capture_comments):
    case = case_of(capture_comments(item("c-1", PHONE_AND_INSULT))[0])
    removal = decide(world, case, "remove", category="pii")
    decide(world, case, "decline_removal", persona="pio", reason="The number is the agency's own.")
    removal.refresh_from_db()
    case.refresh_from_db()
    assert removal.state == DecisionState.DECLINED and case.status == CaseStatus.OPEN and case.outcome == ""
    assert Record.objects.get(pk=case.record_id).status == "present"


def test_an_urgent_report_is_never_silently_removed(world, lccs, capture_comments):
    case = case_of(capture_comments(item("c-9", CHILD_ABUSE))[0])
    for kind in ("remove", "hide", "keep"):
        with pytest.raises(ValidationError, match="record the escalation first"):
            decide(world, case, kind, persona="pio", category="child_abuse_report")
    assert Record.objects.get(pk=case.record_id).status == "present"
    with pytest.raises(ValidationError) as exc:
        decide(world, case, "escalate", persona="pio", escalated_to="LCCS hotline")
    assert "referral_reference" in exc.value.message_dict
    told = datetime(2026, 3, 6, 14, 0, tzinfo=UTC)
    decide(world, case, "escalate", persona="pio", escalated_to="LCCS hotline 419-213-2273, intake worker",
           told_at=told, referral_reference="INT-2026-0412", reason="Reported to the hotline.")
    case.refresh_from_db()
    assert case.escalated_at == told
    decide(world, case, "remove", persona="pio", category="child_abuse_report", reason="Reported; removed to "
           "protect the child's privacy.")
    assert PreservedCopy.objects.filter(case=case).exists()
    assert Record.objects.get(pk=case.record_id).status == "removed"


def test_a_decision_records_a_monitoring_check_when_monitoring_provides_one(world, flagged):
    with mock.patch("socialgov.moderation.services._monitoring_check") as check:
        decide(world, flagged, "keep")
    check.assert_called_once()
    assert check.call_args.args[0] == flagged.account


def test_working_the_queue_records_a_monitoring_check(world, flagged):
    monitoring = pytest.importorskip("socialgov.monitoring.models")
    decide(world, flagged, "keep")
    services.queue_reviewed(actor=world.user("pio"), account=flagged.account)
    checks = monitoring.MonitoringCheck.objects.filter(account=flagged.account, how="queue")
    assert {c.checked_by.username for c in checks} == {"t-moderator", "t-pio"}


def test_only_a_moderator_of_the_account_marks_its_queue_reviewed(world, flagged):
    with pytest.raises(PermissionDenied):
        services.queue_reviewed(actor=world.user("employee"), account=flagged.account)
