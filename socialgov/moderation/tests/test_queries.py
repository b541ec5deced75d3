"""The moderation queue costs the same number of queries however many accounts and cases it covers."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from socialgov.accounts.models import Account, AdministratorDesignation
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies import services as agency_services
from socialgov.agencies.roles import DesignationKind
from socialgov.core.testing import PERSONA_KEYS
from socialgov.moderation import selectors, services
from socialgov.moderation.models import Case
from socialgov.moderation.tests.conftest import CAPTURED, CHILD_ABUSE, LINK_ONLY, PHONE_AND_INSULT, capture, item, post

QUEUE = "/agencies/test-agency/moderation/"
DEPARTMENTS = ("communications", "youth-services", "programs")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _account(world, i: int) -> Account:
    """Account ``i``, in one of three departments, with an acknowledged administrator unless ``i % 4 == 3``."""
    account = Account.objects.create(
        agency=world.agency, department=world.dept(DEPARTMENTS[i % len(DEPARTMENTS)]), name=f"Account {i}",
        platform="facebook", status=AccountStatus.ACTIVATED, handle=f"account{i}", purpose="News of youth programs.")
    if i % 4 != 3:
        AdministratorDesignation.objects.create(account=account, person=world.person("account_administrator"),
                                                acknowledged_at=CAPTURED)
    return account


def _add_accounts(world, first: int, count: int, on_commit) -> None:
    """Accounts each with an urgent, a high and a low-severity case, the high one assigned to the moderator
    and its removal waiting for a second person."""
    for i in range(first, first + count):
        account = _account(world, i)
        capture(account, [post(), item(f"c-{i}", PHONE_AND_INSULT), item(f"u-{i}", CHILD_ABUSE, author="u"),
                          item(f"l-{i}", LINK_ONLY, author="l")], on_commit)
        case = Case.objects.get(account=account, record__platform_item_id=f"c-{i}")
        services.case_assign(actor=world.user("pio"), case=case, assignee=world.user("moderator"))
        services.case_decide(actor=world.user("pio"), case=case, kind="remove", category="pii", reason="Phone.")


@pytest.mark.parametrize("persona", ["moderator", "account_administrator", "auditor"])
@pytest.mark.parametrize("query", ["", "?low=1", "?to_approve=1"])
def test_the_queue_queries_do_not_grow_with_accounts(client_as, world, two_person, persona, query,
                                                     django_capture_on_commit_callbacks):
    _add_accounts(world, 0, 2, django_capture_on_commit_callbacks)
    client = client_as(persona)
    url = QUEUE + query
    listed = persona != "auditor" or query != "?to_approve=1"  # overseers approve no removal
    assert ("Account 1</td>" in client.get(url).content.decode()) == listed
    before = _queries(client, url)
    _add_accounts(world, 2, 4, django_capture_on_commit_callbacks)
    assert ("Account 5</td>" in client.get(url).content.decode()) == listed
    assert _queries(client, url) == before


def test_who_moderates_what_is_the_same_asked_for_all_accounts_or_one_by_one(world, nj):
    """The queue's accounts and its moderator filter read every account at once; they must answer as the
    rules do for one account: roles over departments, administrators, and the content moderator of Programs,
    who also moderates Youth Services below it (which designates none of its own)."""
    agency_services.designation_assign(actor=None, department=world.dept("programs"),
                                       kind=DesignationKind.CONTENT_MODERATOR, person=world.person("employee"))
    accounts = [_account(world, i) for i in range(6)]
    for persona in [*PERSONA_KEYS, "outsider"]:
        user = world.user(persona)
        assert [a.pk for a in selectors.moderated_accounts(user, world.agency)] == [
            a.pk for a in accounts if selectors.may_moderate(user, a)], persona
    assert [a.name for a in selectors.moderated_accounts(world.user("employee"), world.agency)] == [
        "Account 1", "Account 2", "Account 4", "Account 5"]
    youth = [a for a in accounts if a.department == world.dept("youth-services")]
    for some in (accounts, accounts[:1], youth):
        assert set(selectors.moderators_of_accounts(world.agency, some)) == {
            user for account in some for user in selectors.moderators_of(account)}
    assert world.user("employee") in selectors.moderators_of_accounts(world.agency, youth)
    assert world.user("employee") not in selectors.moderators_of_accounts(world.agency, accounts[:1])
