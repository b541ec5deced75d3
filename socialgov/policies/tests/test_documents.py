"""Policy documents, versions and acknowledgements: who is asked, what they acknowledge, when it is
overdue, and that a published version never changes (DCFS-11, LCCS-12, LAC-06)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from socialgov.core.models import AuditEvent, Notification
from socialgov.policies import selectors, services
from socialgov.policies.models import DocumentVersion, PolicyDocument
from socialgov.policies.packlib import load_pack
from socialgov.policies.tests.makers import make_document
from socialgov.policies.workflows import VersionState


def _current(world, key: str) -> DocumentVersion:
    return DocumentVersion.objects.get(document__agency=world.agency, document__key=key, state=VersionState.PUBLISHED)


def _titles(items) -> set[str]:
    return {o.document.title for o in items}


# --- who is asked ---------------------------------------------------------------------------------

@pytest.mark.requirement("DCFS-11")
@pytest.mark.parametrize("persona, employment_type", [
    ("employee", "employee"), ("moderator", "temporary"), ("web_content_team", "contractor"), ("pio", "employee")])
def test_dcfs_asks_every_employee_including_temporary_and_contracted_staff(dcfs, persona, employment_type):
    person = dcfs.person(persona)
    assert person.employment_type == employment_type
    assert _titles(selectors.outstanding_of(person)) == {"DCFS social media policy"}


def test_an_audience_limited_by_employment_type_leaves_others_out(dcfs):
    # The DCFS pack names employees, temporary and contracted personnel; consultants are not listed.
    assert selectors.obligations_of(dcfs.person("legal_counsel")) == []


def test_a_role_audience_asks_only_the_holders_of_that_role(world):
    make_document(world, roles=["pio"], title="PIO handbook")
    assert _titles(selectors.outstanding_of(world.person("pio"))) == {"PIO handbook"}
    assert selectors.outstanding_of(world.person("employee")) == []


@pytest.mark.requirement("DCFS-11")
def test_acknowledging_records_the_version_and_time_and_is_audited(dcfs):
    version = _current(dcfs, "social_media_policy")
    with time_machine.travel(timezone.now(), tick=False):
        ack = services.acknowledgement_record(actor=dcfs.user("moderator"), version=version)
        assert ack.acknowledged_at == timezone.now()
    assert (ack.person, ack.version) == (dcfs.person("moderator"), version)
    assert "will comply with it" in ack.statement
    event = AuditEvent.objects.filter(action="policies.acknowledgement.record").order_by("-seq").first()
    assert event.actor == dcfs.user("moderator")
    assert event.after["version"] == version.number and event.after["content_sha256"] == version.content_sha256
    assert selectors.outstanding_of(dcfs.person("moderator")) == []


def test_nobody_acknowledges_a_document_that_does_not_ask_them(world):
    version = make_document(world, roles=["pio"])
    with pytest.raises(PermissionDenied):
        services.acknowledgement_record(actor=world.user("employee"), version=version)


def test_the_same_version_is_acknowledged_once(world):
    version = make_document(world)
    services.acknowledgement_record(actor=world.user("employee"), version=version)
    with pytest.raises(ValidationError, match="You acknowledged this version on"):
        services.acknowledgement_record(actor=world.user("employee"), version=version)


@pytest.mark.requirement("LAC-06")
def test_a_training_acknowledgement_needs_the_date_the_training_was_completed(lac):
    version = _current(lac, "board_policies")
    user = lac.user("employee")
    with pytest.raises(ValidationError, match="completed the training"):
        services.acknowledgement_record(actor=user, version=version)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.acknowledgement_record(actor=user, version=version,
                                        training_completed_on=timezone.localdate() + timedelta(days=1))
    ack = services.acknowledgement_record(actor=user, version=version, training_completed_on=timezone.localdate())
    assert "I completed the training on my roles and responsibilities" in ack.statement
    assert version.documents == load_pack("la-county-cio").get("acknowledgements[0].documents")


@pytest.mark.requirement("LAC-06")
def test_la_county_board_policies_come_before_access_with_training(lac):
    document = PolicyDocument.objects.get(agency=lac.agency, key="board_policies")
    assert document.before_access and document.training
    assert [o.document for o in selectors.missing_before_access(lac.person("employee"))] == [document]


# --- versions ----------------------------------------------------------------------------------------

@pytest.mark.requirement("DCFS-11")
def test_a_new_version_asks_again(world, django_capture_on_commit_callbacks):
    first = make_document(world)
    services.acknowledgement_record(actor=world.user("employee"), version=first)
    draft = services.version_create(actor=world.user("pio"), document=first.document, body="New rules.",
                                    change_note="Adds a rule about live video.")
    assert selectors.outstanding_of(world.person("employee")) == []  # a draft asks nobody
    services.version_publish(actor=world.user("pio"), version=draft)
    outstanding = selectors.outstanding_of(world.person("employee"))
    assert [o.version for o in outstanding] == [draft]
    first.refresh_from_db()
    assert first.state == VersionState.SUPERSEDED
    assert Notification.objects.filter(recipient=world.user("employee"), event="policies.acknowledgement.requested",
                                       subject__contains="version 2").exists()


def test_a_published_version_can_never_be_changed(world):
    version = make_document(world)
    services.acknowledgement_record(actor=world.user("employee"), version=version)
    before = (version.body, version.content_sha256)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.version_update(actor=world.user("pio"), version=version, body="Quietly different.", points=[])
    with pytest.raises(ValidationError):
        services.version_discard(actor=world.user("pio"), version=version)
    with pytest.raises(ValidationError):
        services.version_publish(actor=world.user("pio"), version=version)
    version.refresh_from_db()
    assert (version.body, version.content_sha256) == before


def test_a_draft_can_be_edited_and_its_fingerprint_follows(world):
    version = make_document(world, publish=False)
    updated = services.version_update(actor=world.user("agency_admin"), version=version, body="Better words.",
                                      points=["One rule"], label="2026 revision")
    assert (updated.body, updated.points, updated.label) == ("Better words.", ["One rule"], "2026 revision")
    assert updated.content_sha256 != version.content_sha256


@pytest.mark.parametrize("persona", ["employee", "auditor", "department_head", "records_officer"])
def test_only_agency_administrators_and_the_pio_manage_documents(world, persona):
    with pytest.raises(PermissionDenied):
        services.document_create(actor=world.user(persona), agency=world.agency, title="Rules",
                                 audience_roles=["employee"], audience_employment_types=[])


def test_a_document_needs_an_audience(world):
    with pytest.raises(ValidationError, match="Choose who must acknowledge it"):
        services.document_create(actor=world.user("pio"), agency=world.agency, title="Rules", audience_roles=[],
                                 audience_employment_types=[])


def test_an_uploaded_file_is_kept_byte_for_byte_and_served_as_an_attachment(client_as, world):
    document = make_document(world).document
    data = b"%PDF-1.4 board policy text"
    version = services.version_create(actor=world.user("pio"), document=document,
                                      upload=SimpleUploadedFile("Board Policy 6.101.pdf", data, "application/pdf"))
    services.version_publish(actor=world.user("pio"), version=version)
    response = client_as("employee").get(world.agency_url(f"policy/documents/{document.pk}/versions/2/file/"))
    assert response.status_code == 200 and response.content == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name, size, message", [
    ("notes.exe", 10, "is not one"), ("board.html", 10, "is not one"), ("big.pdf", 11 * 1024 * 1024, "limit is 10 MB")])
def test_uploads_of_other_kinds_or_too_large_are_refused(world, name, size, message):
    document = make_document(world).document
    with pytest.raises(ValidationError, match=message):
        services.version_create(actor=world.user("pio"), document=document,
                                upload=SimpleUploadedFile(name, b"x" * size))


# --- from the pack ----------------------------------------------------------------------------------

def test_adopting_the_same_words_again_makes_no_new_version(dcfs):
    count = DocumentVersion.objects.filter(document__agency=dcfs.agency).count()
    services.pack_adopt(actor=None, agency=dcfs.agency, pack=load_pack("la-county-cio"))
    services.pack_adopt(actor=None, agency=dcfs.agency, pack=load_pack("la-county-dcfs"))
    assert DocumentVersion.objects.filter(document__agency=dcfs.agency).count() == count + 1  # LAC's board policies
    dcfs_doc = PolicyDocument.objects.get(agency=dcfs.agency, key="social_media_policy")
    assert dcfs_doc.active and dcfs_doc.versions.count() == 1


def test_a_pack_that_drops_an_acknowledgement_retires_its_document(dcfs):
    services.pack_adopt(actor=None, agency=dcfs.agency, pack=load_pack("kentucky-cot"))
    assert not PolicyDocument.objects.get(agency=dcfs.agency, key="social_media_policy").active
    assert selectors.obligations_of(dcfs.person("employee")) == []


# --- overdue ----------------------------------------------------------------------------------------

@pytest.mark.requirement("DCFS-11")
def test_an_acknowledgement_not_made_within_the_due_days_is_overdue(dcfs):
    version = _current(dcfs, "social_media_policy")
    due = timezone.localdate(version.published_at) + timedelta(days=30)
    assert selectors.outstanding_of(dcfs.person("employee"))[0].state == selectors.DUE
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        item = selectors.outstanding_of(dcfs.person("employee"))[0]
        assert (item.state, item.due_on) == (selectors.OVERDUE, due)


def test_the_overview_shows_a_department_head_only_their_departments(dcfs):
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        mine = {o.person for o in selectors.overview(dcfs.user("department_head"), dcfs.agency)}
        everyone = {o.person for o in selectors.overview(dcfs.user("agency_admin"), dcfs.agency)}
        overdue = selectors.overdue_for_overseer(dcfs.user("department_head"))
    assert mine == {dcfs.person("department_head"), dcfs.person("diso"), dcfs.person("employee")}
    assert dcfs.person("pio") in everyone and mine < everyone
    assert {o.person for o in overdue} == mine


def test_the_overview_filters_by_status(dcfs):
    services.acknowledgement_record(actor=dcfs.user("employee"), version=_current(dcfs, "social_media_policy"))
    done = selectors.overview(dcfs.user("agency_admin"), dcfs.agency, state=selectors.DONE)
    assert [o.person for o in done] == [dcfs.person("employee")]


def test_the_overview_page_costs_the_same_queries_however_many_people(client_as, dcfs,
                                                                      django_assert_max_num_queries):
    from socialgov.agencies.services import person_create

    client = client_as("agency_admin")
    client.get(dcfs.agency_url("training/overview/"))  # warm the per-process caches
    with django_assert_max_num_queries(40) as few:
        client.get(dcfs.agency_url("training/overview/"))
    for n in range(20):
        person_create(actor=None, agency=dcfs.agency, full_name=f"New Hire {n}", email=f"hire{n}@example.gov")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(dcfs.agency_url("training/overview/")).status_code == 200
