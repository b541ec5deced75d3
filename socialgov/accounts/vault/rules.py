"""Named permission predicates for the credential vault.

Only an account's credential custodians set or see its secrets: not agency administrators, not
system administrators (KY-02: the agency holds the credentials through named custodians, and
every sight of one is theirs to account for). The department's access party (LAC-02/LAC-04)
and agency administrators choose the custodians; nobody makes themselves one.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied

from socialgov.accounts.selectors import is_access_party
from socialgov.accounts.vault import selectors
from socialgov.agencies.roles import Role
from socialgov.agencies.rules import is_agency_admin, is_agency_member, role_predicate


@rules.predicate
def is_custodian(user, account=None) -> bool:
    return account is not None and selectors.is_custodian(user, account)


@rules.predicate
def is_account_access_party(user, account=None) -> bool:
    return account is not None and is_access_party(user, account)


@rules.predicate
def holds_credentials_in_agency(user, agency=None) -> bool:
    return agency is not None and selectors.vault_accounts_visible_to(user).filter(agency=agency).exists()


# Those who oversee credentials without holding them: they see metadata, never a value.
is_credential_overseer = role_predicate(Role.AGENCY_ADMIN, Role.CIO, Role.CISO, Role.AUDITOR)

rules.add_perm("vault.view_vault", is_agency_member & (is_custodian | is_account_access_party | is_credential_overseer))
rules.add_perm("vault.manage_custodians", is_agency_member & (is_agency_admin | is_account_access_party))
rules.add_perm("vault.set_secret", is_custodian)
rules.add_perm("vault.reveal_secret", is_custodian)
rules.add_perm("vault.view_rotation", is_agency_member & (is_credential_overseer | holds_credentials_in_agency))


def may(user, perm: str, obj) -> bool:
    """The vault's rule itself, without Django's "an active superuser may do anything": not even a
    system administrator sees or sets credentials unless the rule says so."""
    return user is not None and user.is_authenticated and user.is_active and rules.has_perm(perm, user, obj)


def require_vault(actor, perm: str, obj) -> None:
    """``core.permissions.require`` for the vault: ``actor=None`` is the system (demo data)."""
    if actor is not None and not may(actor, perm, obj):
        raise PermissionDenied(f"You do not have permission to do this ({perm}).")
