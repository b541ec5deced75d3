"""From ingest to case: captured comments are classified in the background and open cases."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from socialgov.archive.capture import ItemKind
from socialgov.archive.models import Record
from socialgov.archive.services.ingest import ingest_snapshots
from socialgov.core.models import Notification
from socialgov.moderation import services
from socialgov.moderation.models import Case, Finding
from socialgov.moderation.tasks import id_runs, ids_of
from socialgov.moderation.tests.conftest import (
    CHILD_ABUSE,
    CLEAN,
    OFF_TOPIC,
    PHONE_AND_INSULT,
    adopt,
    case_of,
    item,
    post,
)
from socialgov.moderation.workflows import Severity, severity_of


@pytest.mark.requirement("LCCS-09", "LCCS-11")
def test_a_captured_comment_with_a_phone_number_and_an_insult_opens_a_case_with_explained_findings(
        lccs, capture_comments):
    records = capture_comments(post(), item("c-1", PHONE_AND_INSULT), item("c-2", CLEAN))
    flagged = next(r for r in records if r.platform_item_id == "c-1")
    case = case_of(flagged)
    assert case.labels == ["personal_attack", "pii.phone"]
    assert case.severity == Severity.HIGH  # PII makes it high
    assert case.version_id == flagged.current_version_id
    findings = {f.label: f for f in case.findings.all()}
    assert PHONE_AND_INSULT[findings["pii.phone"].start:findings["pii.phone"].end] == "(419) 555-0134"
    assert findings["pii.phone"].classifier == "pii" and findings["pii.phone"].classifier_version
    assert findings["personal_attack"].explanation
    # The clean comment and the agency's own post open nothing.
    assert Case.objects.count() == 1


def test_a_batchs_classification_task_is_queued_in_the_batchs_own_transaction(lccs, account, settings):
    """Nothing is left for after the commit, which a process killed at that moment would lose: the task is
    written with the batch's records (here: queued in the database, no commit hooks run, nothing classified)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ingest_snapshots(account=account, snapshots=[post(), item("c-1", PHONE_AND_INSULT), item("c-2", CLEAN)],
                     batch_size=2)
    tasks = list(DBTaskResult.objects.order_by("enqueued_at", "pk"))
    assert [task.task_path for task in tasks] == ["socialgov.moderation.tasks.records_classify_task"] * 2
    ids = dict(Record.objects.values_list("platform_item_id", "pk"))
    assert sorted(tuple(ids_of(task.args_kwargs["args"][1])) for task in tasks) == sorted(
        [(ids["post-1"], ids["c-1"]), (ids["c-2"],)])
    assert all(task.args_kwargs["args"][0] == account.pk for task in tasks)
    assert not Case.objects.exists()


@pytest.mark.parametrize(("ids", "written"), [
    ([], []),
    ([7], [7]),
    ([3, 4], [[3, 4]]),
    ([10, 11, 12, 13, 20, 22, 23, 30], [[10, 13], 20, [22, 23], 30]),
    ([5, 3, 4, 4, 9], [[3, 5], 9]),                 # unordered and repeated ids, as a set
])
def test_a_tasks_record_ids_are_written_as_runs_and_read_back(ids, written):
    assert id_runs(ids) == written
    assert list(ids_of(written)) == sorted(set(ids))


def test_a_task_queued_with_its_ids_listed_one_by_one_still_reads_them():
    assert list(ids_of([4, 9, 10])) == [4, 9, 10]


def test_the_agencys_own_posts_and_replies_are_not_classified(lccs, capture_comments):
    capture_comments(post("Call us at (419) 555-0100, you idiot."),
                     item("r-1", "Reply from us: call (419) 555-0100, idiot.", kind=ItemKind.REPLY,
                          author="youthservices"))
    assert not Case.objects.exists()


def test_a_new_version_updates_the_open_case_and_a_repeat_classification_adds_nothing(lccs, account,
                                                                                        capture_comments):
    capture_comments(item("c-1", "you idiot"))
    case = Case.objects.get()
    assert case.labels == ["personal_attack"]
    records = capture_comments(item("c-1", "you idiot, call (419) 555-0134"))
    case.refresh_from_db()
    assert Case.objects.count() == 1
    assert case.labels == ["personal_attack", "pii.phone"]
    assert case.version_id == records[0].current_version_id
    assert Finding.objects.filter(case=case).values("version").distinct().count() == 2
    before = Finding.objects.count()
    services.records_classify(account_id=account.pk, record_ids=[records[0].pk])
    assert Finding.objects.count() == before


def test_an_urgent_report_notifies_the_pio_and_designee_at_once_with_the_hotline_procedure(lccs, capture_comments):
    records = capture_comments(item("c-9", CHILD_ABUSE))
    case = case_of(records[0])
    assert case.severity == Severity.URGENT
    assert case.urgent_notified_at is not None
    sent = Notification.objects.filter(event="moderation.urgent")
    assert {n.recipient.username for n in sent} == {"t-pio"}  # the PIO is also the designee in the test agency
    assert "419-213-CARE (2273)" in sent.first().body
    assert f"/moderation/cases/{case.pk}/" in sent.first().url


@pytest.mark.requirement("KY-06", "KY-09", "DCFS-01", "DCFS-03")
def test_categories_flow_into_the_case_a_moderator_sees(lccs, capture_comments, client_as):
    records = capture_comments(
        item("k-1", "We will sue the agency; our attorney filed the lawsuit yesterday."),
        item("k-2", "My EIN is 12-3456789 and my 1040 shows I owe the IRS $2,300 in tax."),
        item("k-3", "Case number 2024-JC-00123: the drug test results of her mother were positive."),
        item("k-4", "I will kill you and burn the building down."))
    labels = {r.platform_item_id: set(case_of(r).labels) for r in records}
    assert "litigation" in labels["k-1"]
    assert "federal_tax_info" in labels["k-2"]
    assert "confidential_case_info" in labels["k-3"]
    assert "threat" in labels["k-4"]
    page = client_as("pio").get(f"/agencies/test-agency/moderation/cases/{case_of(records[3]).pk}/").content.decode()
    assert "threat" in page and "<mark>" in page


@pytest.mark.parametrize(("labels", "severity"), [
    (["child_abuse_report", "spam"], "urgent"), (["threat"], "high"), (["pii.email"], "high"),
    (["federal_tax_info"], "high"), (["vulgarity"], "normal"), (["off_topic"], "low"),
    (["external_link", "off_topic"], "low"), (["external_link", "vulgarity"], "normal")])
def test_severity_from_labels(labels, severity):
    assert severity_of(labels) == severity


def test_pack_thresholds_apply(world, account, capture_comments):
    from dataclasses import replace

    from socialgov.policies.packlib import load_pack
    from socialgov.policies.services import pack_adopt

    pack = load_pack("lucas-county-cs")
    data = {**pack.data, "moderation": {**pack.data["moderation"],
                                          "classifiers": {"thresholds": {"personal_attack": 0.99}}}}
    pack_adopt(actor=None, agency=world.agency, pack=replace(pack, data=data, sha256="f" * 64))
    capture_comments(item("c-1", "you idiot"), item("c-2", "call (419) 555-0134"))
    assert list(Case.objects.values_list("labels", flat=True)) == [["pii.phone"]]


def test_a_comment_that_is_only_off_topic_opens_no_case(nj, capture_comments):
    """An imported archive of German replies flooded the queue with off-topic-only cases."""
    capture_comments(post(), item("c-1", OFF_TOPIC), item("c-2", OFF_TOPIC + ", you idiot", author="c2"))
    case = Case.objects.get()  # the off-topic remark with an insult opens one; the remark alone none
    assert case.record.platform_item_id == "c-2"
    assert case.labels == ["off_topic", "personal_attack"]
    assert not Finding.objects.filter(case__record__platform_item_id="c-1").exists()


def test_an_off_topic_version_still_joins_the_open_case_of_its_comment(nj, capture_comments):
    capture_comments(item("c-1", "you idiot"))
    capture_comments(item("c-1", OFF_TOPIC))
    case = Case.objects.get()
    assert case.labels == ["off_topic", "personal_attack"]
    assert case.findings.filter(label="off_topic", version=case.version).exists()


def test_a_pack_can_let_off_topic_alone_open_a_low_case(world, capture_comments):
    adopt(world, "new-jersey", no_case_when_alone=[])
    capture_comments(item("c-1", OFF_TOPIC))
    case = Case.objects.get()
    assert (case.labels, case.severity) == (["off_topic"], Severity.LOW)


def test_a_pack_can_name_other_labels_too_weak_alone(world, capture_comments):
    """The pack's list replaces the default: here links are weak alone and off-topic is not."""
    adopt(world, "new-jersey", no_case_when_alone=["external_link", "spam"])
    capture_comments(item("c-1", "More at https://example.org/info"), item("c-2", OFF_TOPIC, author="c2"))
    assert list(Case.objects.values_list("labels", flat=True)) == [["off_topic"]]
