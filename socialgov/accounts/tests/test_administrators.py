"""NJ-09 administrator designations and LAC-04 access management."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from socialgov.accounts import selectors, services
from socialgov.accounts.models import AdministratorDesignation
from socialgov.accounts.tests.conftest import active, recipients
from socialgov.agencies.roles import DesignationKind
from socialgov.agencies.services import designation_assign
from socialgov.core.models import Notification
from socialgov.policies.packlib import load_pack


def designate(world, account, persona="moderator", by="agency_head") -> AdministratorDesignation:
    return services.administrator_designate(actor=world.user(by), account=account, person=world.person(persona))


@pytest.mark.requirement("NJ-09")
def test_agency_head_designates_with_the_responsibilities_statement(world, nj):
    account = active(world)
    designation = designate(world, account)
    assert designation.responsibilities == load_pack("new-jersey").get("administrator_responsibilities.items")
    # The designation goes to the CTO/CIO (NJ-09) and to the person designated, who must acknowledge it.
    assert recipients("accounts.administrator_designated") == {"t-cio", "t-moderator"}
    body = Notification.objects.filter(event="accounts.administrator_designated").first().body
    assert "Posting a moderation statement" in body and "Mo Martin (not yet acknowledged)" in body


@pytest.mark.requirement("NJ-09")
def test_administrator_has_no_rights_until_acknowledging(world, nj):
    account = active(world)
    designation = designate(world, account)
    moderator = world.user("moderator")
    assert not moderator.has_perm("accounts.administer", account)
    assert not moderator.has_perm("accounts.edit_texts", account)
    with pytest.raises(PermissionDenied):
        services.account_text_update(actor=moderator, account=account, kind="moderation_statement", text="New")
    assert list(selectors.designations_waiting_for(moderator)) == [designation]
    services.administrator_acknowledge(actor=moderator, designation=designation)
    moderator = world.user("moderator")  # fresh permission caches
    assert moderator.has_perm("accounts.administer", account)
    services.account_text_update(actor=moderator, account=account, kind="moderation_statement", text="New")
    assert list(selectors.designations_waiting_for(moderator)) == []


@pytest.mark.requirement("NJ-09")
def test_only_the_designated_person_acknowledges(world, nj):
    designation = designate(world, active(world))
    with pytest.raises(PermissionDenied):
        services.administrator_acknowledge(actor=world.user("agency_head"), designation=designation)


@pytest.mark.requirement("NJ-09")
def test_removing_an_administrator_repeats_the_notice_and_ends_their_rights(world, nj):
    account = active(world)
    designation = designate(world, account)
    services.administrator_acknowledge(actor=world.user("moderator"), designation=designation)
    with pytest.raises(ValidationError):
        services.administrator_remove(actor=world.user("agency_head"), designation=designation, reason="")
    services.administrator_remove(actor=world.user("agency_head"), designation=designation,
                                  reason="Moved to another unit.")
    assert recipients("accounts.administrator_removed") == {"t-web-content-team", "t-cio", "t-moderator"}
    assert not world.user("moderator").has_perm("accounts.administer", account)
    assert AdministratorDesignation.objects.filter(account=account).count() == 1  # kept as history


@pytest.mark.requirement("NJ-09")
def test_accounts_without_an_acknowledged_administrator_are_flagged(world, nj):
    account = active(world)
    assert list(selectors.accounts_without_administrator(world.agency)) == [account]
    designation = designate(world, account)
    assert list(selectors.accounts_without_administrator(world.agency)) == [account]  # not yet acknowledged
    services.administrator_acknowledge(actor=world.user("moderator"), designation=designation)
    assert list(selectors.accounts_without_administrator(world.agency)) == []


@pytest.mark.requirement("NJ-09")
@pytest.mark.parametrize("persona", ["employee", "pio", "communications_director", "account_administrator"])
def test_others_cannot_designate(world, nj, persona):
    with pytest.raises(PermissionDenied):
        designate(world, active(world), by=persona)


def test_the_same_person_cannot_be_designated_twice(world, nj):
    account = active(world)
    designate(world, account)
    with pytest.raises(ValidationError):
        designate(world, account)


@pytest.mark.requirement("LAC-04")
def test_designated_access_party_manages_access_to_the_departments_accounts(world, lac):
    account = active(world, "employee")  # Youth Services; its access approver (LAC-02) is the DISO
    assert world.user("diso").has_perm("accounts.manage_access", account)
    designate(world, account, by="diso")
    assert not world.user("cio").has_perm("accounts.manage_access", account)  # designated otherwise


@pytest.mark.requirement("LAC-04")
def test_department_head_designating_someone_else_moves_access_to_them(world, lac):
    account = active(world, "employee")
    designation_assign(actor=world.user("department_head"), department=world.dept("youth-services"),
                       kind=DesignationKind.ACCESS_APPROVER, person=world.person("web_content_team"))
    assert world.user("web_content_team").has_perm("accounts.manage_access", account)
    assert not world.user("diso").has_perm("accounts.manage_access", account)
    with pytest.raises(PermissionDenied):
        designate(world, account, by="diso")


@pytest.mark.requirement("LAC-04")
def test_without_a_designation_department_cios_and_disos_manage_access(world, lac):
    from django.utils import timezone

    from socialgov.agencies.models import Designation

    account = active(world, "employee")
    # Youth Services and the Programs department above it have no access approver designated.
    Designation.objects.filter(department__in=[world.dept("youth-services"), world.dept("programs")],
                               kind=DesignationKind.ACCESS_APPROVER).update(ended_at=timezone.now())
    for persona in ("cio", "diso"):
        assert world.user(persona).has_perm("accounts.manage_access", account)
    assert not world.user("pio").has_perm("accounts.manage_access", account)
