"""Permission matrix for the vault's pages and API: persona x page -> status.

Custodians of the test account: the account administrator and the PIO. The department's
designated access approver (LAC-02) is the DISO. Overseers (metadata only): agency administrator,
CIO, CISO, auditor. Nobody else, not even an agency administrator, sets or reveals a value."""

from __future__ import annotations

import pytest

from socialgov.accounts.vault.models import Custodian
from socialgov.accounts.vault.tests.factories import vault_account
from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix

CUSTODIANS = {"account_administrator", "pio"}
MANAGERS = {"agency_admin", "diso"}
OVERSEERS = {"agency_admin", "cio", "ciso", "auditor"}
VIEWERS = CUSTODIANS | MANAGERS | OVERSEERS
NEW_SECRET = {"label": "Backup sign-in", "value": "velvet harbor quietly juggles plums", "note": "second login"}


def _vault(w, rest: str = "") -> str:
    return w.agency_url(f"accounts/{vault_account(w).pk}/vault/{rest}")


def _secret(w, rest: str) -> str:
    account = vault_account(w)
    return w.agency_url(f"accounts/{account.pk}/vault/{account.secrets.get().pk}/{rest}")


def _remove_pio(w) -> str:
    account = vault_account(w)
    custodian = Custodian.objects.current().get(account=account, person=w.person("pio"))
    return w.agency_url(f"accounts/{account.pk}/vault/custodians/{custodian.pk}/remove/")


ROWS = [
    Row("vault-account", _vault, VIEWERS, outsider=404),
    Row("vault-secret-create", lambda w: _vault(w, "new/password/"), CUSTODIANS, outsider=404),
    Row("vault-secret-create", lambda w: _vault(w, "new/api_token/"), CUSTODIANS, outsider=404, method="post",
        data=NEW_SECRET, ok=302),
    Row("vault-secret-change", lambda w: _secret(w, "change/"), CUSTODIANS, outsider=404),
    Row("vault-secret-change", lambda w: _secret(w, "change/"), CUSTODIANS, outsider=404, method="post",
        data={"value": "velvet harbor quietly juggles plums"}, ok=302),
    Row("vault-secret-reveal", lambda w: _secret(w, "reveal/"), CUSTODIANS, outsider=404),
    Row("vault-secret-reveal", lambda w: _secret(w, "reveal/"), CUSTODIANS, outsider=404, method="post",
        data={"reason": "posting the storm update"}),
    Row("vault-custodians", lambda w: _vault(w, "custodians/"), MANAGERS, outsider=404),
    Row("vault-custodians", lambda w: _vault(w, "custodians/"), MANAGERS, outsider=404, method="post",
        data=lambda w: {"person": w.person("web_content_team").pk}, ok=302),
    Row("vault-custodian-remove", _remove_pio, MANAGERS, outsider=404, method="post", data={"reason": "moved"},
        ok=302),
    Row("vault-rotation", lambda w: (vault_account(w), w.agency_url("vault/rotation/"))[1], VIEWERS, outsider=404),
]

API = "/api/v1/vault-secrets/"
API_ROWS = [
    Row("api-vault-secret-list", lambda w: (vault_account(w), API)[1], set(PERSONA_KEYS) | {"outsider"},
        anonymous=401),
    Row("api-vault-secret-detail", lambda w: f"{API}{vault_account(w).secrets.get().pk}/", VIEWERS, denied=404,
        outsider=404, anonymous=401),
]


@pytest.mark.requirement("KY-02")
@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, row):
    assert_matrix(client, world, [row])


def test_the_account_must_belong_to_the_agency_in_the_url(client_as, world):
    from socialgov.accounts.models import Account

    url = _vault(world)
    Account.objects.filter(pk=vault_account(world).pk).update(agency=world.other)
    assert client_as("pio").get(url).status_code == 404


def test_get_on_post_only_endpoints_is_refused(client_as, world):
    assert client_as("agency_admin").get(_remove_pio(world)).status_code == 405


def test_a_system_administrator_is_not_let_in(client, world):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root-matrix", "root@example.gov", "x" * 20)
    client.force_login(root)
    assert client.get(_vault(world)).status_code == 403
    assert client.get(_secret(world, "reveal/")).status_code == 403
    assert client.get(world.agency_url("vault/rotation/")).status_code == 403


def test_unknown_kind_is_not_found(client_as, world):
    assert client_as("pio").get(_vault(world, "new/pin/")).status_code == 404
