"""Permission matrix for moderation (NJ pack in force: the PIO and the moderator moderate; the account
administrator confirms platform tasks; the agency head and the auditor oversee, read-only)."""

from __future__ import annotations

import pytest

from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix
from socialgov.moderation import services
from socialgov.moderation.models import Case, ManualTask
from socialgov.moderation.tests.conftest import PHONE_AND_INSULT, capture, designate_admin, item, make_account

MEMBERS = set(PERSONA_KEYS)
EVERYONE = MEMBERS | {"outsider"}
MODERATORS = {"pio", "moderator", "account_administrator"}
VIEWERS = MODERATORS | {"agency_head", "auditor"}
M = "moderation/"


def case(w) -> Case:
    return Case.objects.get(account__agency=w.agency, record__platform_item_id="c-1")


def removed(w) -> Case:
    return Case.objects.get(account__agency=w.agency, record__platform_item_id="c-2")


def task(w) -> ManualTask:
    return ManualTask.objects.get(case__account__agency=w.agency, kind="platform_remove")


def case_url(rest: str = ""):
    return lambda w: w.agency_url(f"{M}cases/{case(w).pk}/{rest}")


def build_scene(world, on_commit) -> None:
    account = make_account(world)
    designate_admin(world, account)
    capture(account, [item("c-1", PHONE_AND_INSULT), item("c-2", "you idiot")], on_commit)
    removed = Case.objects.get(record__platform_item_id="c-2")
    services.case_decide(actor=world.user("pio"), case=removed, kind="remove", category="personal_attack",
                         reason="A personal attack.")
    ManualTask.objects.filter(case=removed).update(case=case(world))  # a task reachable from the matrix's case


ROWS = [
    Row("moderation-queue", lambda w: w.agency_url(M), VIEWERS, outsider=404),
    Row("moderation-queue", lambda w: w.agency_url(M + "?to_approve=1"), VIEWERS, outsider=404),
    Row("moderation-case", case_url(), VIEWERS, outsider=404),
    Row("moderation-case-decide", case_url("decide/"), MODERATORS, method="post", ok=302, outsider=404,
        data={"kind": "keep", "reason": "Fine."}),
    Row("moderation-case-assign", case_url("assign/"), MODERATORS, method="post", ok=302, outsider=404,
        data=lambda w: {"assignee": w.user("pio").pk}),
    Row("moderation-case-approve", case_url("approve/"), MODERATORS, method="post", ok=400, outsider=404,
        data={"kind": "approve_removal", "reason": "Agreed."},),  # nothing pending: a clear 400
    Row("moderation-case-reopen", lambda w: w.agency_url(f"{M}cases/{removed(w).pk}/reopen/"), MODERATORS,
        method="post", ok=302, outsider=404, data={"reopen-reason": "The author appealed."}),
    Row("moderation-task-done", lambda w: w.agency_url(f"{M}cases/{case(w).pk}/tasks/{task(w).pk}/done/"),
        {"account_administrator", "pio"}, method="post", ok=302, outsider=404),
    Row("moderation-queue-reviewed",
        lambda w: w.agency_url(f"{M}accounts/{case(w).account_id}/reviewed/"), MODERATORS, method="post", ok=302,
        outsider=404),
    Row("moderation-transparency", lambda w: w.agency_url(f"{M}transparency/"), MEMBERS, outsider=404),
    Row("moderation-transparency-csv", lambda w: w.agency_url(f"{M}transparency.csv"), MEMBERS, outsider=404),
    *[Row(name, path, EVERYONE, anonymous=200) for name, path in (
        ("moderation-public-transparency", lambda w: f"/public/{w.agency.slug}/moderation/"),
        ("moderation-public-transparency-csv", lambda w: f"/public/{w.agency.slug}/moderation.csv"),
    )],
]

API = "/api/v1/moderation/cases/"

API_ROWS = [
    Row("api-moderation-case-list", lambda w: API, EVERYONE, anonymous=401),
    Row("api-moderation-case-detail", lambda w: f"{API}{case(w).pk}/", VIEWERS, denied=404, outsider=404,
        anonymous=401),
]


@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, nj, row, django_capture_on_commit_callbacks):
    build_scene(world, django_capture_on_commit_callbacks)
    assert_matrix(client, world, [row])
