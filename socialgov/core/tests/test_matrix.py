"""Permission matrix for the core pages and endpoints: persona x page -> status."""

from __future__ import annotations

import pytest

from socialgov.core.services import api_token_create, notify
from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix

EVERYONE = set(PERSONA_KEYS) | {"outsider"}
AUDIT_READERS = {"agency_admin", "auditor"}


def _admin_notification_url(world) -> str:
    note = notify(recipients=[world.user("agency_admin")], event="test", subject="Please review")[0]
    return f"/notifications/{note.pk}/read/"


def _admin_token_url(world) -> str:
    token, _ = api_token_create(user=world.user("agency_admin"), name="script")
    return f"/settings/tokens/{token.pk}/revoke/"


ROWS = [
    Row("dashboard", lambda w: "/", EVERYONE),
    Row("notifications", lambda w: "/notifications/", EVERYONE),
    Row("notification-read", _admin_notification_url, {"agency_admin"}, method="post", ok=302, denied=404,
        outsider=404),
    Row("notifications-read-all", lambda w: "/notifications/read-all/", EVERYONE, method="post", ok=302),
    Row("audit", lambda w: "/audit/", AUDIT_READERS),
    Row("audit-verify", lambda w: "/audit/verify/", AUDIT_READERS, method="post"),
    Row("api-tokens", lambda w: "/settings/tokens/", EVERYONE),
    Row("api-token-revoke", _admin_token_url, {"agency_admin"}, method="post", ok=302, denied=404, outsider=404),
    Row("login", lambda w: "/accounts/login/", set(), denied=302, outsider=302, anonymous=200),
    Row("password_change", lambda w: "/accounts/password/", EVERYONE),
    Row("password_change_done", lambda w: "/accounts/password/done/", EVERYONE),
    Row("logout", lambda w: "/accounts/logout/", EVERYONE, method="post", ok=302),
    Row("healthz", lambda w: "/healthz", EVERYONE, anonymous=200),
    Row("api-schema", lambda w: "/api/v1/schema/", EVERYONE, anonymous=200),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, row):
    assert_matrix(client, world, [row])


def test_get_on_post_only_endpoints_is_refused(client_as):
    client = client_as("agency_admin")
    for url in ("/audit/verify/", "/notifications/read-all/"):
        assert client.get(url).status_code == 405


def test_matrix_reports_a_persona_that_gets_more_than_expected(client, world):
    """The helper itself: claiming only auditors may read the audit trail must fail for the admin."""
    from socialgov.core.testing import run_matrix_row

    wrong = Row("audit", lambda w: "/audit/", {"auditor"})
    assert run_matrix_row(client, world, wrong) == ["GET audit as agency_admin: expected 403, got 200"]


def test_system_administrator_without_an_agency_reads_every_agencys_audit_trail(client, world):
    from django.contrib.auth import get_user_model

    from socialgov.core.audit import audit_record

    audit_record(action="test.other_agency_event", agency_id=world.other.pk)
    root = get_user_model().objects.create_superuser("root-auditor", "root@example.gov", "a-long-root-pass-2026")
    client.force_login(root)
    page = client.get("/audit/?action=test.other_agency_event")
    assert page.status_code == 200 and "test.other_agency_event" in page.content.decode()
    client.force_login(world.user("auditor"))  # an agency's auditor sees only their own agency's events
    assert "test.other_agency_event" not in client.get("/audit/?action=test.other").content.decode()
