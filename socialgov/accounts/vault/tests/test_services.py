"""Vault services: custodians (KY-02), secrets and their versions and checks (KY-03), change
reports (NJ-13), reveals."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from socialgov.accounts.vault import selectors, services
from socialgov.accounts.vault.keyring import keyring
from socialgov.accounts.vault.models import Custodian, Reveal, Secret, SecretKind, SecretVersion
from socialgov.accounts.vault.tests.factories import CODES, NEW_PASSWORD, PASSWORD, TOKEN
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.services import person_deactivate
from socialgov.core.models import AuditEvent, Notification


def _password(account):
    return account.secrets.get(kind=SecretKind.PASSWORD)


def _inbox(world, persona, event):
    return Notification.objects.filter(recipient=world.user(persona), event=event)


# --- custodians ---------------------------------------------------------------------------------

@pytest.mark.requirement("KY-02")
@pytest.mark.parametrize(("actor", "allowed"), [
    ("agency_admin", True), ("diso", True),          # agency admins, the department's access approver (LAC-02)
    ("cio", False), ("pio", False), ("agency_head", False), ("account_administrator", False), ("auditor", False),
])
def test_who_may_add_a_custodian(world, bare_account, actor, allowed):
    call = lambda: services.custodian_add(actor=world.user(actor), account=bare_account,  # noqa: E731
                                          person=world.person("web_content_team"))
    if allowed:
        assert call().person == world.person("web_content_team")
    else:
        with pytest.raises(PermissionDenied):
            call()


def test_nobody_makes_themselves_a_custodian(world, bare_account):
    with pytest.raises(ValidationError, match="cannot make yourself"):
        services.custodian_add(actor=world.user("diso"), account=bare_account, person=world.person("diso"))


@pytest.mark.parametrize("who", ["outsider", "left", "no_signin", "already"])
def test_custodian_must_be_an_active_person_of_the_agency_with_a_sign_in(world, account, who):
    person = {"outsider": lambda: world.user("outsider").person,
              "already": lambda: world.person("pio")}.get(who, lambda: world.person("records_officer"))()
    if who == "left":
        person_deactivate(actor=None, person=person, reason="retired")
        person.refresh_from_db()
    if who == "no_signin":
        get_user_model().objects.filter(pk=person.user_id).update(is_active=False)
        person.refresh_from_db()
    with pytest.raises(ValidationError):
        services.custodian_add(actor=world.user("agency_admin"), account=account, person=person)


@pytest.mark.requirement("KY-02")
def test_adding_a_custodian_is_audited_and_the_others_are_told(world, account):
    services.custodian_add(actor=world.user("diso"), account=account, person=world.person("web_content_team"))
    event = AuditEvent.objects.filter(action="vault.custodian.add").first()
    assert event.actor == world.user("diso") and event.after["person_id"] == world.person("web_content_team").pk
    for persona in ("account_administrator", "pio", "web_content_team"):
        assert _inbox(world, persona, "vault.custodian.added").exists(), persona
    assert not _inbox(world, "diso", "vault.custodian.added").exists()


@pytest.mark.requirement("KY-02")
def test_removing_down_to_one_custodian_is_allowed_but_told_as_a_warning(world, account):
    pio = Custodian.objects.get(account=account, person=world.person("pio"))
    services.custodian_remove(actor=world.user("agency_admin"), custodian=pio, reason="moved to another unit")
    notice = _inbox(world, "account_administrator", "vault.custodian.removed").get()
    assert "never stay with one person only" in notice.body
    assert AuditEvent.objects.filter(action="vault.custodian.remove").first().after["reason"] == "moved to another unit"
    assert _inbox(world, "pio", "vault.custodian.removed").exists()
    assert [g.account for g in selectors.custodian_gaps(type(account).objects.all())] == [account]


@pytest.mark.requirement("KY-02")
def test_the_last_custodian_who_can_act_is_not_removed_while_there_are_secrets(world, account):
    services.custodian_remove(actor=world.user("agency_admin"), custodian=Custodian.objects.get(
        account=account, person=world.person("pio")), reason="moved")
    last = Custodian.objects.get(account=account, person=world.person("account_administrator"))
    with pytest.raises(ValidationError, match="Add another custodian first"):
        services.custodian_remove(actor=world.user("agency_admin"), custodian=last, reason="moved")


@pytest.mark.requirement("KY-02")
def test_a_custodian_who_left_can_always_be_removed(world, account):
    person_deactivate(actor=None, person=world.person("pio"), reason="retired")
    services.custodian_remove(actor=world.user("agency_admin"), custodian=Custodian.objects.get(
        account=account, person__full_name="Pat Park"), reason="retired")
    assert selectors.effective_custodian_count(account) == 1


@pytest.mark.requirement("KY-02")
def test_fewer_than_two_custodians_is_listed_as_a_gap(world, account, bare_account):
    gaps = {g.account: g.count for g in selectors.custodian_gaps(type(account).objects.all())}
    assert gaps == {bare_account: 0}
    person_deactivate(actor=None, person=world.person("pio"), reason="left")
    gaps = {g.account: g.count for g in selectors.custodian_gaps(type(account).objects.all())}
    assert gaps == {bare_account: 0, account: 1}, "a custodian who left no longer counts"


# --- setting secrets ----------------------------------------------------------------------------

@pytest.mark.requirement("KY-02")
@pytest.mark.parametrize("actor", ["agency_admin", "diso", "cio", "web_content_team", "employee", "outsider"])
def test_only_custodians_set_secrets(world, account, actor):
    with pytest.raises(PermissionDenied):
        services.secret_change(actor=world.user(actor), secret=_password(account), value=NEW_PASSWORD)


def test_even_a_system_administrator_cannot_set_or_reveal(world, account):
    root = get_user_model().objects.create_superuser("root-hb", "root@example.gov", "x" * 20)
    with pytest.raises(PermissionDenied):
        services.secret_change(actor=root, secret=_password(account), value=NEW_PASSWORD)
    with pytest.raises(PermissionDenied):
        services.secret_reveal(actor=root, secret=_password(account), reason="curious")


@pytest.mark.requirement("KY-03")
def test_every_change_is_a_new_version_and_old_ones_are_kept(world, account):
    secret = _password(account)
    first = secret.current
    services.secret_change(actor=world.user("pio"), secret=secret, value=NEW_PASSWORD, note="scheduled change")
    secret.refresh_from_db()
    assert secret.current.number == 2 and secret.current.set_by == world.user("pio")
    assert secret.current.note == "scheduled change"
    kept = SecretVersion.objects.get(pk=first.pk)
    assert keyring().decrypt(kept.ciphertext, context=str(kept.context)) == PASSWORD
    assert list(secret.versions.values_list("number", flat=True)) == [2, 1]


@pytest.mark.requirement("KY-03")
@pytest.mark.parametrize("value", [PASSWORD, NEW_PASSWORD])
def test_a_change_must_be_a_value_never_used_before(world, account, value):
    secret = _password(account)
    services.secret_change(actor=world.user("pio"), secret=secret, value=NEW_PASSWORD)
    with pytest.raises(ValidationError, match="Reused") as caught:
        services.secret_change(actor=world.user("pio"), secret=secret, value=value)
    assert value not in str(caught.value)


@pytest.mark.requirement("KY-03")
@pytest.mark.parametrize(("value", "rule"), [
    ("short-one", "Length:"), ("migrationschool", "Common or breached password:"),
    ("county news every single day", "Context-specific word:"), ("mastodon rules the fediverse", "Context-specific"),
    ("abcdefghijklmnopq", "Sequential:"), ("zzzzzzzzzzzzzzzzzz", "Repetitive:"),
])
def test_password_changes_are_checked_and_each_refusal_names_its_rule(world, account, value, rule):
    with pytest.raises(ValidationError) as caught:
        services.secret_change(actor=world.user("pio"), secret=_password(account), value=value)
    messages = caught.value.message_dict["value"]
    assert any(m.startswith(rule) for m in messages), messages
    assert _password(account).current.number == 1


@pytest.mark.requirement("KY-03")
def test_minimum_length_comes_from_the_pack_when_it_says(world, account):
    from socialgov.policies.models import PackAdoption
    from socialgov.policies.packlib import load_pack
    from socialgov.policies.services import pack_adopt

    adoption = pack_adopt(actor=None, agency=world.agency, pack=load_pack("kentucky-cot"))
    assert selectors.password_min_length(world.agency) == 15
    PackAdoption.objects.filter(pk=adoption.pk).update(data={**adoption.data, "credentials": {
        "password_min_length": 40, "rotate_every_days": 90}})
    assert selectors.password_min_length(world.agency) == 40 and selectors.rotation_days(world.agency) == 90
    with pytest.raises(ValidationError, match="at least 40 characters"):
        services.secret_change(actor=world.user("pio"), secret=_password(account), value=NEW_PASSWORD)


@pytest.mark.parametrize(("kind", "value"), [(SecretKind.RECOVERY_CODES, CODES), (SecretKind.API_TOKEN, TOKEN)])
def test_codes_and_tokens_are_kept_exactly_as_given(world, account, kind, value):
    version = services.secret_create(actor=world.user("pio"), account=account, kind=kind, label="Main",
                                     value=value)
    assert keyring().decrypt(version.ciphertext, context=str(version.context)) == value


@pytest.mark.parametrize(("kind", "label", "value", "field"), [
    (SecretKind.API_TOKEN, "Main", "   ", "value"),
    (SecretKind.PASSWORD, "Main sign-in", NEW_PASSWORD, "label"),      # same name as the existing one
    (SecretKind.PASSWORD, "  ", NEW_PASSWORD, "label"),
    ("pin", "Main", "1234", "kind"),
])
def test_bad_new_secrets_are_refused_by_field(world, account, kind, label, value, field):
    with pytest.raises(ValidationError) as caught:
        services.secret_create(actor=world.user("pio"), account=account, kind=kind, label=label, value=value)
    assert field in caught.value.message_dict


def test_a_decommissioned_account_keeps_its_credentials_unchanged(world, account):
    type(account).objects.filter(pk=account.pk).update(status=AccountStatus.DECOMMISSIONED)
    with pytest.raises(ValidationError, match="decommissioned"):
        services.secret_change(actor=world.user("pio"), secret=_password(account), value=NEW_PASSWORD)


def test_set_is_audited_with_kind_label_and_version_never_the_value(world, account):
    services.secret_change(actor=world.user("pio"), secret=_password(account), value=NEW_PASSWORD)
    event = AuditEvent.objects.filter(action="vault.secret.set").first()
    assert event.after["kind"] == "password" and event.after["label"] == "Main sign-in"
    assert event.after["version"] == 2 and event.before == {"version": 1}
    assert NEW_PASSWORD not in str(event.after)


# --- NJ-13: reporting changes -------------------------------------------------------------------

@pytest.mark.requirement("NJ-13")
def test_every_change_is_reported_to_the_web_content_team_and_cio_with_what_who_and_when(world, account):
    Notification.objects.all().delete()
    services.secret_change(actor=world.user("pio"), secret=_password(account), value=NEW_PASSWORD)
    for persona in ("web_content_team", "cio", "account_administrator"):
        notice = _inbox(world, persona, "vault.secret.changed").get()
        assert "password “Main sign-in”" in notice.subject
        assert "Pat Park set version 2" in notice.body and " on 20" in notice.body
        assert NEW_PASSWORD not in notice.body + notice.subject
    assert not _inbox(world, "pio", "vault.secret.changed").exists(), "not told of their own change"
    assert not _inbox(world, "employee", "vault.secret.changed").exists()


@pytest.mark.requirement("NJ-13")
@pytest.mark.parametrize("kind", [SecretKind.RECOVERY_CODES, SecretKind.API_TOKEN])
def test_new_codes_and_tokens_are_reported_too(world, account, kind):
    services.secret_create(actor=world.user("account_administrator"), account=account, kind=kind, label="Backup",
                           value=CODES)
    assert _inbox(world, "cio", "vault.secret.changed").filter(subject__contains="“Backup”").exists()


@pytest.mark.requirement("NJ-13")
def test_the_recipients_are_the_ones_the_pack_names(world, account, tmp_path):
    from socialgov.policies.packlib import load_pack
    from socialgov.policies.services import pack_adopt

    pack_file = tmp_path / "ours.yaml"
    pack_file.write_text("extends: new-jersey\nname: ours\nnotifications:\n  credentials_changed:\n"
                         "    notify: [records_officer]\n", encoding="utf-8")
    pack_adopt(actor=None, agency=world.agency, pack=load_pack(pack_file))
    Notification.objects.all().delete()
    services.secret_change(actor=world.user("pio"), secret=_password(account), value=NEW_PASSWORD)
    assert _inbox(world, "records_officer", "vault.secret.changed").exists()
    assert not _inbox(world, "cio", "vault.secret.changed").exists()


# --- revealing ----------------------------------------------------------------------------------

@pytest.mark.requirement("KY-02")
def test_a_custodian_reveals_with_a_reason_audited_and_told_to_the_others(world, account):
    value = services.secret_reveal(actor=world.user("pio"), secret=_password(account), reason="posting from the field")
    assert value == PASSWORD
    event = AuditEvent.objects.filter(action="vault.secret.reveal").first()
    assert event.actor == world.user("pio") and event.after["reason"] == "posting from the field"
    assert event.target_id == str(_password(account).pk) and PASSWORD not in str(event.after)
    assert Reveal.objects.get().person == world.person("pio")
    notice = _inbox(world, "account_administrator", "vault.secret.revealed").get()
    assert "Pat Park revealed" in notice.subject and "posting from the field" in notice.body
    assert PASSWORD not in notice.subject + notice.body


@pytest.mark.parametrize("actor", ["agency_admin", "diso", "cio", "ciso", "auditor", "agency_head", "outsider"])
def test_nobody_but_a_custodian_reveals(world, account, actor):
    with pytest.raises(PermissionDenied):
        services.secret_reveal(actor=world.user(actor), secret=_password(account), reason="curious")
    assert not AuditEvent.objects.filter(action="vault.secret.reveal").exists()


def test_the_system_itself_never_reveals(world, account):
    with pytest.raises(PermissionDenied):
        services.secret_reveal(actor=None, secret=_password(account), reason="demo")


def test_a_reveal_needs_a_reason(world, account):
    with pytest.raises(ValidationError, match="Say why"):
        services.secret_reveal(actor=world.user("pio"), secret=_password(account), reason="  ")


@pytest.mark.requirement("KY-02")
def test_a_tampered_value_is_reported_by_secret_id_and_the_attempt_is_audited(world, account):
    secret = _password(account)
    token = secret.current.ciphertext
    changed = "B" if token[30] == "A" else "A"  # a real change: the token's own character 1 time in 64
    SecretVersion.objects.filter(pk=secret.current_id).update(ciphertext=token[:30] + changed + token[31:])
    from socialgov.accounts.vault.keyring import UnreadableSecret

    with pytest.raises(UnreadableSecret, match=f"Secret #{secret.pk}") as caught:
        services.secret_reveal(actor=world.user("pio"), secret=secret, reason="posting")
    assert token[:30] not in str(caught.value)
    assert AuditEvent.objects.filter(action="vault.secret.unreadable", target_id=str(secret.pk)).exists()
    assert _inbox(world, "account_administrator", "vault.secret.unreadable").exists()
    assert not Reveal.objects.exists()


def test_a_secret_moved_to_another_row_does_not_open(world, account):
    other = services.secret_create(actor=world.user("pio"), account=account, kind=SecretKind.API_TOKEN,
                                   label="Scheduler", value=TOKEN)
    SecretVersion.objects.filter(pk=other.pk).update(ciphertext=_password(account).current.ciphertext)
    from socialgov.accounts.vault.keyring import UnreadableSecret

    with pytest.raises(UnreadableSecret):
        services.secret_reveal(actor=world.user("pio"), secret=Secret.objects.get(pk=other.secret_id), reason="x")
