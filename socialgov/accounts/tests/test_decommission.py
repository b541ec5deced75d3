"""NJ-19: decommissioning an account: the direction, the final capture before anything is deleted,
deactivation and removal of the content, the final list of credentials, the registry update."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from socialgov.accounts import platforms, services
from socialgov.accounts.models import Account, Decommission
from socialgov.accounts.selectors import pack_of
from socialgov.accounts.services import decommission as dec
from socialgov.accounts.tests.conftest import actions, adopt, recipients
from socialgov.accounts.vault import services as vault
from socialgov.accounts.vault.tests.factories import PASSWORD, TOKEN, vault_account
from socialgov.archive.models import ImportJob
from socialgov.core.models import AuditEvent, Notification

NOTE = "Done as the framework says."


def job(account: Account, *, status: str = "succeeded", skipped: int = 0, reasons: dict | None = None,
        started=None, error: str = "") -> ImportJob:
    """An import of the account's export into the archive, as the archive's job service leaves it."""
    now = timezone.now()
    return ImportJob.objects.create(
        account=account, status=status, source_name="export.zip", source_path="/tmp/export.zip",
        source_sha256="ab" * 32, new=5, skipped=skipped, skipped_reasons=reasons or {}, error=error,
        started_at=started or now, finished_at=(started or now) + timedelta(seconds=5))


@pytest.fixture
def account(world, nj):
    """A live account of the NJ agency with a password and an API token in the vault, and an administrator."""
    account = vault_account(world)
    # As activation leaves it: the key the public lookup matches (the vault's factory does not set it).
    Account.objects.filter(pk=account.pk).update(lookup_key=platforms.identify(account.url)[0].lookup_key)
    vault.secret_create(actor=world.user("account_administrator"), account=account, kind="api_token",
                        label="Scheduler", value=TOKEN)
    designation = services.administrator_designate(actor=world.user("agency_head"), account=account,
                                                   person=world.person("moderator"))
    services.administrator_acknowledge(actor=world.user("moderator"), designation=designation)
    return Account.objects.get(pk=account.pk)


def direct(world, account: Account) -> Decommission:
    return dec.decommission_direct(actor=world.user("agency_head"), account=account, reason="No longer needed.")


def capture(world, account: Account, persona: str = "account_administrator", **kwargs):
    return dec.decommission_capture_confirm(actor=world.user(persona), account=account, note=NOTE, **kwargs)


def after_capture(world, account: Account) -> None:
    direct(world, account)
    job(account)
    capture(world, account)


# --- the whole path ---------------------------------------------------------------------------

@pytest.mark.requirement("NJ-19")
def test_nj_decommissioning_runs_in_order_and_leaves_the_evidence(world, account,
                                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decommission = direct(world, account)
        account.refresh_from_db()
        assert account.status == "decommissioning"
        # The pack's people and the designated administrator are told.
        assert recipients("accounts.decommission_directed") == {"t-cio", "t-account-administrator",
                                                                "t-web-content-team", "t-moderator"}
        imported = job(account)
        capture(world, account)
        dec.decommission_deactivate(actor=world.user("account_administrator"), account=account,
                                    note="Password changed, sessions ended, account deactivated.")
        dec.decommission_content_removed(actor=world.user("account_administrator"), account=account,
                                         outcome="flagged", note="Flagged for deletion in the settings.")
        dec.decommission_credentials_report(actor=world.user("account_administrator"), account=account,
                                            note="Credentials to be retired.")
        dec.decommission_registry_update(actor=world.user("cio"), account=account, note="Registry updated.")

    account.refresh_from_db()
    assert account.status == "decommissioned" and account.decommissioned_at is not None
    steps = {s.name: s for s in decommission.steps.all()}
    assert [s.name for s in decommission.steps.order_by("position")] == [
        "direction", "copy_content", "deactivation", "content_removal", "credentials_report", "registry_update"]
    assert all(s.done_at and s.done_by and s.note for s in steps.values())
    evidence = steps["copy_content"].evidence
    assert steps["copy_content"].import_job == imported
    assert evidence["import_job"] == imported.pk and evidence["source_sha256"] == "ab" * 32
    assert evidence["archive_counts"] == {"records": 0, "versions": 0, "tombstones": 0}
    assert "tree_size" in evidence and "tree_root" in evidence
    # Every step is audited, in order.
    assert [a for a in actions(account) if a.startswith("accounts.decommission")] == [
        "accounts.decommission.direct", "accounts.decommission.copy_content", "accounts.decommission.deactivation",
        "accounts.decommission.content_removal", "accounts.decommission.credentials_report",
        "accounts.decommission.registry_update"]
    # The administrator's designation ended with the account.
    assert not account.administrators.filter(removed_at__isnull=True).exists()
    assert Decommission.objects.get(pk=decommission.pk).completed_at is not None


@pytest.mark.requirement("NJ-19")
def test_the_cio_gets_the_final_list_of_credentials_but_never_a_value(world, account,
                                                                     django_capture_on_commit_callbacks):
    after_capture(world, account)
    with django_capture_on_commit_callbacks(execute=True):
        dec.decommission_deactivate(actor=world.user("account_administrator"), account=account, note=NOTE)
        dec.decommission_content_removed(actor=world.user("account_administrator"), account=account,
                                         outcome="deleted", note=NOTE)
        dec.decommission_credentials_report(actor=world.user("account_administrator"), account=account, note=NOTE)
    note = Notification.objects.get(event="accounts.account_decommissioned", recipient=world.user("cio"))
    assert recipients("accounts.account_decommissioned") == {"t-cio", "t-web-content-team", "t-agency-head"}
    assert "Password “Main sign-in”" in note.body and "API token “Scheduler”" in note.body
    assert "held by Ari Alvarez, Pat Park" in note.body and "Content deleted on the platform" in note.body
    sent = [m for m in mail.outbox if "final list of log-in credentials" in m.subject]
    assert sent and any(world.user("cio").email in m.to for m in sent)
    audit = "\n".join(f"{e.action} {e.before} {e.after}" for e in AuditEvent.objects.all())
    assert "Scheduler" in audit  # the list itself is recorded ...
    everything = [note.body, audit, *(f"{m.subject}\n{m.body}" for m in mail.outbox)]
    for text in everything:  # ... but no value, anywhere
        assert PASSWORD not in text and TOKEN not in text


# --- the final capture comes first -------------------------------------------------------------

@pytest.mark.requirement("NJ-19")
def test_no_import_at_all_is_not_a_final_capture(world, account):
    direct(world, account)
    with pytest.raises(ValidationError, match="has no import of this account since the direction on"):
        capture(world, account)


@pytest.mark.requirement("NJ-19")
def test_an_import_from_before_the_direction_is_not_a_final_capture(world, account):
    old = job(account, started=timezone.now() - timedelta(days=2))
    direct(world, account)
    with pytest.raises(ValidationError, match=rf"no import since the direction on .* \(the last import, #{old.pk}"):
        capture(world, account)


@pytest.mark.requirement("NJ-19")
def test_a_failed_import_is_not_a_final_capture(world, account):
    direct(world, account)
    failed = job(account, status="failed", error="the export is truncated")
    with pytest.raises(ValidationError, match=rf"the last import \(#{failed.pk}\) failed \(the export is trunc"):
        capture(world, account)


@pytest.mark.requirement("NJ-19")
def test_an_import_that_skipped_items_is_not_a_final_capture_until_the_records_officer_accepts(world, account):
    direct(world, account)
    skipping = job(account, skipped=3, reasons={"unreadable media": 2, "no id": 1})
    with pytest.raises(ValidationError, match=rf"the last import \(#{skipping.pk}\) skipped 3 items "
                                              r"\(no id: 1; unreadable media: 2\)"):
        capture(world, account)
    # The account administrator may not wave it through ...
    with pytest.raises(ValidationError) as refused:
        capture(world, account, accept_skipped=True, acceptance_note="fine")
    assert refused.value.message_dict == {"accept_skipped": ["Only the records officer may accept skipped items."]}
    # ... the records officer may, with a note saying why.
    with pytest.raises(ValidationError, match="Say why the skipped items"):
        capture(world, account, "records_officer", accept_skipped=True)
    step = capture(world, account, "records_officer", accept_skipped=True,
                   acceptance_note="Corrupt files on the platform itself; nothing to save.")
    assert step.evidence["skipped_accepted"] == {
        "unreadable media": "Corrupt files on the platform itself; nothing to save.",
        "no id": "Corrupt files on the platform itself; nothing to save."}


@pytest.mark.requirement("NJ-19")
def test_nothing_is_deactivated_or_deleted_before_the_final_capture(world, account):
    direct(world, account)
    admin = world.user("account_administrator")
    with pytest.raises(ValidationError, match="the final capture .* must be recorded first"):
        dec.decommission_deactivate(actor=admin, account=account, note=NOTE)
    with pytest.raises(ValidationError, match="the final capture .* must be recorded first"):
        dec.decommission_content_removed(actor=admin, account=account, outcome="deleted", note=NOTE)
    with pytest.raises(ValidationError, match="the final capture .* must be recorded first"):
        dec.decommission_registry_update(actor=world.user("cio"), account=account, note=NOTE)
    job(account)
    capture(world, account)
    with pytest.raises(ValidationError, match="the deactivation .* must be recorded first"):
        dec.decommission_content_removed(actor=admin, account=account, outcome="deleted", note=NOTE)
    with pytest.raises(ValidationError, match="already recorded"):
        capture(world, account)
    account.refresh_from_db()
    assert account.status == "decommissioning"


# --- who ----------------------------------------------------------------------------------------

@pytest.mark.requirement("NJ-19")
def test_only_the_agency_head_directs(world, account):
    for persona in ("cio", "account_administrator", "records_officer", "department_head"):
        with pytest.raises(PermissionDenied):
            dec.decommission_direct(actor=world.user(persona), account=account, reason="No.")
    with pytest.raises(ValidationError, match="Say why"):
        dec.decommission_direct(actor=world.user("agency_head"), account=account, reason=" ")
    direct(world, account)
    with pytest.raises(ValidationError, match="already been directed"):
        direct(world, account)


@pytest.mark.requirement("NJ-19")
def test_the_wrong_person_is_refused_at_each_step(world, account):
    direct(world, account)
    job(account)
    calls = [
        (lambda u: capture(world, account, persona=u), {"account_administrator", "records_officer"}),
        (lambda u: dec.decommission_deactivate(actor=world.user(u), account=account, note=NOTE),
         {"account_administrator"}),
        (lambda u: dec.decommission_content_removed(actor=world.user(u), account=account, outcome="deleted",
                                                    note=NOTE), {"account_administrator"}),
        (lambda u: dec.decommission_credentials_report(actor=world.user(u), account=account, note=NOTE),
         {"account_administrator"}),
        (lambda u: dec.decommission_registry_update(actor=world.user(u), account=account, note=NOTE), {"cio"}),
    ]
    for call, allowed in calls:
        for wrong in ("agency_head", "moderator", "auditor", "cio", "account_administrator"):
            if wrong not in allowed:
                with pytest.raises(PermissionDenied):
                    call(wrong)
        call(sorted(allowed)[0])
    account.refresh_from_db()
    assert account.status == "decommissioned"


def test_a_draft_or_decommissioned_account_cannot_be_directed(world, nj):
    from socialgov.accounts.tests.conftest import draft

    request = draft(world)
    with pytest.raises(ValidationError, match="only an active or suspended account"):
        direct(world, request)


def test_a_suspended_account_can_be_decommissioned(world, account):
    services.account_suspend(actor=world.user("agency_head"), account=account, reason="Compromised.")
    direct(world, account)
    account.refresh_from_db()
    assert account.status == "decommissioning"


def test_packs_without_a_decommission_section_use_the_named_default(world):
    adopt(world, "la-county-cio")
    plan = dec.decommission_plan(pack_of(world.agency))
    assert [(p.name, p.role) for p in plan] == [
        ("direction", "agency_head"), ("copy_content", "records_officer"), ("deactivation", "account_administrator"),
        ("content_removal", "account_administrator"), ("credentials_report", "account_administrator"),
        ("registry_update", "cio")]
    assert all(p.cite == dec.policy.DEFAULT_SOURCE for p in plan)


def test_the_nj_plan_reads_the_pack(world, nj):
    plan = dec.decommission_plan(pack_of(world.agency))
    assert [(p.name, p.role, p.cite) for p in plan] == [
        ("direction", "agency_head", "Flow E"), ("copy_content", "account_administrator", "Flow E"),
        ("deactivation", "account_administrator", "Flow E"), ("content_removal", "account_administrator", "Flow E"),
        ("credentials_report", "account_administrator", "Flow E"), ("registry_update", "cio", "Flow E")]


# --- the registries -----------------------------------------------------------------------------

def finish(world, account: Account) -> None:
    after_capture(world, account)
    admin = world.user("account_administrator")
    dec.decommission_deactivate(actor=admin, account=account, note=NOTE)
    dec.decommission_content_removed(actor=admin, account=account, outcome="deleted", note=NOTE)
    dec.decommission_credentials_report(actor=admin, account=account, note=NOTE)
    dec.decommission_registry_update(actor=world.user("cio"), account=account, note=NOTE)
    account.refresh_from_db()


@pytest.mark.requirement("NJ-19")
def test_the_public_registry_and_lookup_show_a_decommissioned_account(client, world, account):
    finish(world, account)
    day = f"{timezone.localtime(account.decommissioned_at):%Y-%m-%d}"
    page = client.get(f"/public/{world.agency.slug}/accounts/").content.decode()
    section = page.split('id="decommissioned"')[1]
    assert account.name in section and account.url in section and f"Decommissioned on {day}" in section
    assert "Mastodon" in section
    answer = client.get(f"/public/{world.agency.slug}/accounts/lookup.json", {"q": account.url}).json()
    assert answer["verdict"] == "decommissioned"
    assert answer["answer"] == f"Decommissioned on {day}: no longer official"
    lookup = client.get(f"/public/{world.agency.slug}/accounts/lookup/", {"q": account.url}).content.decode()
    assert "no longer official" in lookup
    assert client.get(f"/public/{world.agency.slug}/accounts/{account.pk}/").status_code == 404


def test_the_internal_registry_and_account_page_show_the_date(client_as, world, account):
    finish(world, account)
    day = f"{timezone.localtime(account.decommissioned_at):%Y-%m-%d}"
    client = client_as("employee")
    registry = client.get(world.agency_url("accounts/")).content.decode()
    assert "Decommissioned" in registry and f"on {day}" in registry
    page = client.get(world.agency_url(f"accounts/{account.pk}/")).content.decode()
    assert "Decommissioned on" in page and "Every step is done" in page


# --- the pages ----------------------------------------------------------------------------------

def _url(world, account, rest: str = "") -> str:
    return world.agency_url(f"accounts/{account.pk}/decommission/{rest}")


@pytest.mark.requirement("NJ-19")
def test_the_pages_walk_the_steps_and_name_what_is_missing(client_as, world, account):
    head = client_as("agency_head")
    assert "Direct the decommissioning" in head.get(_url(world, account)).content.decode()
    page = head.post(_url(world, account, "direct/"), {"reason": ""}).content.decode()
    assert "Say why the account is no longer needed." in page
    assert head.post(_url(world, account, "direct/"), {"reason": "Program ended."}).status_code == 302

    admin = client_as("account_administrator")
    page = admin.get(_url(world, account)).content.decode()
    assert "The final capture is not complete yet" in page and "has no import of this account" in page
    assert "Next:" in page and "Ari Alvarez" in page
    page = admin.post(_url(world, account, "copy_content/"), {"note": "Captured."}).content.decode()
    assert "The step was not recorded" in page and "has no import of this account" in page
    page = admin.post(_url(world, account, "deactivation/"), {"note": "Off."}).content.decode()
    assert "the final capture" in page and "must be recorded first" in page
    job(account)
    assert admin.post(_url(world, account, "copy_content/"), {"note": "Captured."}).status_code == 302
    assert admin.post(_url(world, account, "deactivation/"), {"note": "Off."}).status_code == 302
    page = admin.post(_url(world, account, "content_removal/"), {"note": "Gone."}).content.decode()
    assert "Say whether the content was deleted or flagged for deletion." in page
    assert admin.post(_url(world, account, "content_removal/"), {"note": "Gone.", "outcome": "deleted"}
                      ).status_code == 302
    assert admin.post(_url(world, account, "credentials_report/"), {"note": "Sent."}).status_code == 302
    assert admin.post(_url(world, account, "registry_update/"), {"note": "Mine?"}).status_code == 403
    cio = client_as("cio")
    assert cio.post(_url(world, account, "registry_update/"), {"note": "Registry updated."}).status_code == 302
    page = cio.get(_url(world, account)).content.decode()
    assert "Every step is done" in page and "Source SHA-256" in page and "API token “Scheduler”" in page
    assert client_as("outsider").get(_url(world, account)).status_code == 404
    assert admin.post(_url(world, account, "nonsense/"), {"note": "x"}).status_code == 404


@pytest.mark.requirement("NJ-19")
def test_under_a_pack_without_a_decommission_section_the_default_people_act(world):
    adopt(world, "la-county-cio")
    account = vault_account(world)
    direct(world, account)
    job(account)
    with pytest.raises(PermissionDenied):  # the default gives the capture to the records officer
        capture(world, account)
    step = capture(world, account, "records_officer")
    assert step.cite == dec.policy.DEFAULT_SOURCE
    admin = world.user("account_administrator")
    dec.decommission_deactivate(actor=admin, account=account, note=NOTE)
    dec.decommission_content_removed(actor=admin, account=account, outcome="deleted", note=NOTE)
    dec.decommission_credentials_report(actor=admin, account=account, note=NOTE)
    assert recipients("accounts.account_decommissioned") == {"t-cio", "t-agency-head"}
    dec.decommission_registry_update(actor=world.user("cio"), account=account, note=NOTE)
    account.refresh_from_db()
    assert account.status == "decommissioned"
