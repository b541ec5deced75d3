"""Invariant 7: a credential never appears in logs, audit values, API responses, error pages,
exception messages or notification e-mails — across setting, revealing and rotating."""

from __future__ import annotations

import logging

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from socialgov.accounts.vault import services
from socialgov.accounts.vault.models import SecretVersion
from socialgov.accounts.vault.tests.factories import PASSWORD, vault_account
from socialgov.core.models import AuditEvent, Notification

SECRETS = ["plum galaxy tremor 4711 fenwick", "zephyr-quartz-lagoon-8812", "rc-aaaa-1111\nrc-bbbb-2222"]


def _url(account, rest: str = "") -> str:
    return f"/agencies/{account.agency.slug}/accounts/{account.pk}/vault/{rest}"


def _everything(client, world, account) -> list:
    """Set, change, reveal through the pages; rotate the keys; list through the API. Returns the responses."""
    responses = [
        client.post(_url(account, "new/api_token/"), {"label": "Scheduler", "value": SECRETS[1], "note": ""}),
        client.post(_url(account, "new/recovery_codes/"), {"label": "Main", "value": SECRETS[2], "note": ""}),
        client.post(_url(account, f"{account.secrets.get(kind='password').pk}/change/"), {"value": SECRETS[0]}),
    ]
    for secret in account.secrets.all():
        responses.append(client.post(_url(account, f"{secret.pk}/reveal/"), {"reason": "checking the login"}))
    with override_settings(VAULT_KEYS=[Fernet.generate_key().decode(), *settings.VAULT_KEYS]):
        services.keys_rotate(actor=None, batch_size=2)
    responses += [client.get("/api/v1/vault-secrets/"),
                  client.get(f"/api/v1/vault-secrets/{account.secrets.first().pk}/"), client.get(_url(account))]
    return responses


def _contains_secret(text: str) -> list[str]:
    return [s for s in [PASSWORD, *SECRETS] if s in text or s.replace("\n", "\\n") in text]


@pytest.mark.requirement("KY-02")
def test_secrets_never_appear_in_logs_even_at_debug_level(client_as, world, caplog):
    account = vault_account(world)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    with CaptureQueriesContext(connection) as queries:   # logs every SQL statement with its parameters
        responses = _everything(client_as("pio"), world, account)
    assert [r.status_code for r in responses[:3]] == [302, 302, 302]
    assert len(queries) > 20 and any(r.name == "django.db.backends" for r in caplog.records), "SQL was logged"
    logged = "\n".join(f"{r.getMessage()} {r.args} {r.exc_text or ''}" for r in caplog.records)
    assert _contains_secret(logged) == []


@pytest.mark.requirement("KY-02")
def test_secrets_never_appear_in_audit_values_notifications_or_api(client_as, world,
                                                                   django_capture_on_commit_callbacks):
    account = vault_account(world)
    with django_capture_on_commit_callbacks(execute=True):
        responses = _everything(client_as("pio"), world, account)
    reveals = [r for r in responses if r.status_code == 200 and b"<pre" in r.content]
    assert len(reveals) == 3, "the values were shown, once each, on the reveal pages"
    audit = "\n".join(f"{e.action} {e.target_repr} {e.before} {e.after}" for e in AuditEvent.objects.all())
    assert "vault.secret.reveal" in audit and "vault.keys.rotate" in audit
    assert _contains_secret(audit) == []
    notices = "\n".join(f"{n.subject} {n.body}" for n in Notification.objects.all())
    assert _contains_secret(notices) == []
    assert len(mail.outbox) > 5
    assert _contains_secret("\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox)) == []
    api = [r for r in responses if r["Content-Type"] == "application/json"]
    assert len(api) == 2 and all(r.status_code == 200 for r in api)
    assert _contains_secret("".join(r.content.decode() for r in api)) == []
    assert all(b"ciphertext" not in r.content for r in api)


def test_stored_rows_hold_only_ciphertext(world, client_as):
    account = vault_account(world)
    _everything(client_as("pio"), world, account)
    stored = "\n".join(SecretVersion.objects.values_list("ciphertext", flat=True))
    assert _contains_secret(stored) == []


@pytest.mark.requirement("KY-02")
@pytest.mark.parametrize(("where", "path", "data"), [
    ("_add_version", "new/api_token/", {"label": "Scheduler", "value": SECRETS[1], "note": ""}),
    ("_record_reveal", "{pk}/reveal/", {"reason": "checking"}),
])
def test_debug_error_page_hides_the_secret(client, world, settings, monkeypatch, where, path, data):
    """An exception while a value is in local variables, with DEBUG on: the technical 500 page
    shows the traceback but neither the value in any frame nor the POSTed field."""
    account = vault_account(world)
    settings.DEBUG = True
    target = "audit_record" if where == "_add_version" else "_record_reveal"

    def boom(*args, **kwargs):
        raise RuntimeError("simulated failure while a secret is in memory")

    monkeypatch.setattr(services, target, boom)
    client.raise_request_exception = False
    client.force_login(world.user("pio"))
    response = client.post(_url(account, path.format(pk=account.secrets.get().pk)), data)
    page = response.content.decode()
    assert response.status_code == 500 and "simulated failure while a secret is in memory" in page
    assert "Traceback" in page and "Local vars" in page, "it is the technical debug page"
    assert "********************" in page
    assert _contains_secret(page) == []


@pytest.mark.requirement("KY-03")
def test_refusal_messages_never_carry_the_value(world):
    account = vault_account(world)
    for value in ("short", "migrationschool", "county news daily", "abcdefghijklmnopqr", PASSWORD):
        with pytest.raises(ValidationError) as caught:
            services.secret_change(actor=world.user("pio"), secret=account.secrets.get(), value=value)
        assert value not in " ".join(caught.value.messages)
