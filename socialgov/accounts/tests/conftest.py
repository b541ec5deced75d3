"""Fixtures for the accounts tests: packs adopted for the test agency, complete requests."""

from __future__ import annotations

from datetime import date

import pytest

from socialgov.accounts import services
from socialgov.accounts.models import Account
from socialgov.core.testing import World
from socialgov.policies.packlib import load_pack
from socialgov.policies.services import pack_adopt


def adopt(world: World, name: str):
    return pack_adopt(actor=None, agency=world.agency, pack=load_pack(name))


@pytest.fixture
def nj(world):
    """The New Jersey framework in force: the account administrator (IT/web liaison) requests and
    activates; the communications director reviews (NJ-05..NJ-07)."""
    return adopt(world, "new-jersey")


@pytest.fixture
def lccs(world):
    """Lucas County Children Services: the PIO creates pages; the executive director decides new platforms."""
    return adopt(world, "lucas-county-cs")


@pytest.fixture
def lac(world):
    """LA County TD 12-06: the department head approves (LAC-01); CIOs/DISOs manage access (LAC-04)."""
    return adopt(world, "la-county-cio")


def complete_answers(world: World, **overrides) -> dict:
    answers = {
        "department": world.dept("youth-services"), "name": "Youth Services on Mastodon", "platform": "mastodon",
        "platform_category": "blogging_microblogging", "purpose": "Announcements about youth programs.",
        "communication_types": ["announcements", "interactive"],
        "justification": "Reaches young people where they are, which is the department's mission.",
        "terms_of_service_url": "https://mastodon.social/terms",
        "proposed_administrators": [world.person("account_administrator")],
    }
    return answers | overrides


def draft(world: World, persona: str = "account_administrator", **overrides) -> Account:
    return services.account_request_create(actor=world.user(persona), agency=world.agency,
                                           **complete_answers(world, **overrides))


def submitted(world: World, persona: str = "account_administrator", **overrides) -> Account:
    account = draft(world, persona, **overrides)
    return services.account_request_submit(actor=world.user(persona), account=account)


def activation(**overrides) -> dict:
    data = {
        "url": "https://mastodon.social/@TestCountyYouth", "handle": "@TestCountyYouth@mastodon.social",
        "platform_category": "blogging_microblogging", "official_branded": True, "branding_logo": True,
        "branding_look_and_feel": True, "terms_url": "https://mastodon.social/terms", "terms_version": "2024-03",
        "terms_reviewed_on": date(2025, 1, 15), "moderation_statement": "We remove spam and personal attacks.",
        "comment_notice": "",
    }
    return data | overrides


def decide_all(account: Account) -> Account:
    """Each step of the review, approved in turn by a reviewer the pack names (never the requester)."""
    from socialgov.accounts import selectors

    account.refresh_from_db()
    while account.status in ("submitted", "under_review"):
        step = selectors.current_step(account)
        reviewer = selectors.step_reviewers(account, step).exclude(pk=account.requested_by_id).order_by("pk")[0]
        if account.status == "submitted":
            services.review_begin(actor=reviewer, account=account)
        services.review_step_approve(actor=reviewer, account=account)
        account.refresh_from_db()
    return account


def approved(world: World, persona: str = "account_administrator", **overrides) -> Account:
    return decide_all(submitted(world, persona, **overrides))


def activator(account: Account):
    from socialgov.accounts import policy, selectors
    from socialgov.agencies.selectors import users_with_role

    roles = policy.activation_roles(selectors.pack_of(account.agency))
    return next(u for role in roles for u in users_with_role(account.agency, role, account.department).order_by("pk"))


def active(world: World, persona: str = "account_administrator", **overrides) -> Account:
    keys = activation()
    account = approved(world, persona, **{k: v for k, v in overrides.items() if k not in keys})
    return services.account_activate(actor=activator(account), account=account,
                                     **activation(**{k: v for k, v in overrides.items() if k in keys}))


def recipients(event: str) -> set[str]:
    """Usernames notified of ``event``."""
    from socialgov.core.models import Notification

    return set(Notification.objects.filter(event=event).values_list("recipient__username", flat=True))


def actions(account: Account) -> list[str]:
    """The audit events about ``account`` (or its reviews and designations), oldest first."""
    from socialgov.core.models import AuditEvent

    return list(AuditEvent.objects.filter(agency_id=account.agency_id, action__startswith="accounts.").order_by(
        "seq").values_list("action", flat=True))


def build_scene(world: World) -> dict[str, Account]:
    """One account in each state a page can show, under the pack in force (the NJ pack for the matrix)."""
    liaison = "account_administrator"
    scene = {
        "draft": draft(world, liaison, name="Draft request"),
        "submitted": submitted(world, liaison, name="Submitted request"),
        "under_review": submitted(world, liaison, name="Request under review"),
        "approved": approved(world, liaison, name="Approved request"),
        "rejected": submitted(world, liaison, name="Rejected request"),
        "active": active(world, liaison, name="Active account"),
        "suspended": active(world, liaison, name="Suspended account", url="https://mastodon.social/@tcsuspended",
                            handle=""),
    }
    reviewer = world.user("communications_director")
    services.review_begin(actor=reviewer, account=scene["under_review"])
    services.review_begin(actor=reviewer, account=scene["rejected"])
    services.review_step_reject(actor=reviewer, account=scene["rejected"], reason="Not aligned with the mission.")
    services.administrator_designate(actor=world.user("agency_head"), account=scene["active"],
                                     person=world.person("moderator"))
    services.terms_record(actor=world.user(liaison), account=scene["active"], url="https://mastodon.social/terms",
                          version="2026-01", reviewed_on=date(2026, 1, 5))
    services.account_suspend(actor=world.user("agency_head"), account=scene["suspended"], reason="Under repair.")
    return {key: Account.objects.get(pk=a.pk) for key, a in scene.items()}
