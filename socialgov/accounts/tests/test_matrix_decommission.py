"""Permission matrix for NJ-19's decommissioning pages (the NJ pack in force: the agency head
directs; the site/service administrator confirms the capture (as may the records officer),
deactivates, removes the content and reports the credentials; the CTO/CIO updates the registry)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from socialgov.accounts.models import Account
from socialgov.accounts.services import decommission as dec
from socialgov.accounts.tests.test_decommission import job
from socialgov.accounts.workflows import AccountStatus
from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix

MEMBERS = set(PERSONA_KEYS)
NOTE = "Done."
# Each account, and the last step done on it (None: active, not directed).
STAGES = {"active": None, "directed": "direction", "captured": "copy_content", "deactivated": "deactivation",
          "removed": "content_removal", "reported": "credentials_report"}


def build_scene(world) -> dict[str, Account]:
    head, admin = world.user("agency_head"), world.user("account_administrator")
    steps = [
        lambda a: dec.decommission_direct(actor=head, account=a, reason="No longer needed."),
        lambda a: (job(a), dec.decommission_capture_confirm(actor=admin, account=a, note=NOTE)),
        lambda a: dec.decommission_deactivate(actor=admin, account=a, note=NOTE),
        lambda a: dec.decommission_content_removed(actor=admin, account=a, outcome="deleted", note=NOTE),
        lambda a: dec.decommission_credentials_report(actor=admin, account=a, note=NOTE),
    ]
    scene = {}
    for count, key in enumerate(STAGES):
        account = Account.objects.create(
            agency=world.agency, department=world.dept("communications"), name=f"Decommission {key}",
            platform="mastodon", status=AccountStatus.ACTIVATED, handle=f"@dc{key}@mastodon.social",
            url=f"https://mastodon.social/@dc{key}", activated_at=timezone.now())
        for step in steps[:count]:
            step(account)
        if count == 1:
            job(account)  # the import a capture row confirms
        scene[key] = account
    return scene


def url(key: str, rest: str = ""):
    def build(w) -> str:
        account = w.agency.accounts.get(name=f"Decommission {key}")
        return w.agency_url(f"accounts/{account.pk}/decommission/{rest}")
    build.__name__ = f"{key}_{rest.strip('/') or 'page'}"
    return build


ROWS = [
    Row("accounts-decommission", url("active"), MEMBERS, outsider=404),
    Row("accounts-decommission", url("directed"), MEMBERS, outsider=404),
    Row("accounts-decommission-direct", url("active", "direct/"), {"agency_head"}, method="post", ok=302,
        outsider=404, data={"reason": "The program ended."}),
    Row("accounts-decommission-step", url("directed", "copy_content/"), {"account_administrator", "records_officer"},
        method="post", ok=302, outsider=404, data={"note": NOTE}),
    Row("accounts-decommission-step", url("captured", "deactivation/"), {"account_administrator"}, method="post",
        ok=302, outsider=404, data={"note": NOTE}),
    Row("accounts-decommission-step", url("deactivated", "content_removal/"), {"account_administrator"},
        method="post", ok=302, outsider=404, data={"note": NOTE, "outcome": "flagged"}),
    Row("accounts-decommission-step", url("removed", "credentials_report/"), {"account_administrator"},
        method="post", ok=302, outsider=404, data={"note": NOTE}),
    Row("accounts-decommission-step", url("reported", "registry_update/"), {"cio"}, method="post", ok=302,
        outsider=404, data={"note": NOTE}),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.method}-{r.name}-{r.url.__name__}")
def test_permission_matrix(client, world, nj, row):
    build_scene(world)
    assert_matrix(client, world, [row])
