"""Dashboard panels of the vault: accounts held by fewer than two custodians (KY-02), and
credentials to rotate (KY-03 schedules; values seen by people who have left, KY-02)."""

from __future__ import annotations

from socialgov.accounts.models import Account
from socialgov.accounts.vault import selectors
from socialgov.accounts.vault.models import Custodian
from socialgov.agencies.models import Designation
from socialgov.agencies.roles import DesignationKind, Role
from socialgov.agencies.selectors import has_role, has_role_anywhere, person_of
from socialgov.core.dashboard import Panel, register


def _is_admin(user) -> bool:
    person = person_of(user)
    return person is not None and has_role(user, person.agency, Role.AGENCY_ADMIN)


def _is_custodian_anywhere(user) -> bool:
    person = person_of(user)
    return person is not None and Custodian.objects.effective().filter(person=person).exists()


def _manages_custodians_somewhere(user) -> bool:
    person = person_of(user)
    if person is None:
        return False
    return (_is_admin(user) or has_role_anywhere(user, person.agency_id, Role.CIO, Role.DISO)
            or Designation.objects.current().filter(person=person, kind=DesignationKind.ACCESS_APPROVER).exists())


def _gaps_for(user) -> list:
    return selectors.custodian_gaps(selectors.vault_accounts_visible_to(user))


def _rotation_for(user) -> list:
    """Agency administrators see the whole agency's; a custodian, the accounts they hold."""
    person = person_of(user)
    if _is_admin(user):
        accounts = Account.objects.filter(agency_id=person.agency_id)
    else:
        accounts = Account.objects.filter(pk__in=Custodian.objects.effective().filter(person=person)
                                          .values("account_id"))
    return selectors.rotation_items(accounts)


def register_panels() -> None:
    register(Panel(
        key="vault-custodian-gaps", title="Accounts with fewer than two credential custodians",
        template="vault/panel_custodian_gaps.html", items=_gaps_for, order=40,
        applies_to=lambda user: _manages_custodians_somewhere(user) or _is_custodian_anywhere(user),
        empty_text="Every account's credentials are held by at least two people of the agency (KY-02). An account "
                   "left with one custodian, or none, will be listed here."))
    register(Panel(
        key="vault-rotation", title="Credentials to change",
        template="vault/panel_rotation.html", items=_rotation_for, order=41,
        applies_to=lambda user: _is_admin(user) or _is_custodian_anywhere(user),
        empty_text="No credential is due for its scheduled change, and nobody who could see one has left. "
                   "Those will be listed here."))
