"""Write services for accounts: every state change of a request or a registered account.

Each runs in one transaction: lock the row, check the permission and the lifecycle table,
validate, save, write the audit event, notify the people the policy pack names.
``actor=None`` is the system itself (demo data)."""

from socialgov.accounts.services.activation import (
    account_activate,
    account_reinstate,
    account_suspend,
    account_text_update,
    terms_record,
    terms_review_complete,
)
from socialgov.accounts.services.administrators import (
    administrator_acknowledge,
    administrator_designate,
    administrator_remove,
)
from socialgov.accounts.services.requests import (
    account_request_create,
    account_request_reopen,
    account_request_submit,
    account_request_update,
    account_request_withdraw,
)
from socialgov.accounts.services.review import review_begin, review_step_approve, review_step_reject

__all__ = [
    "account_activate",
    "account_reinstate",
    "account_request_create",
    "account_request_reopen",
    "account_request_submit",
    "account_request_update",
    "account_request_withdraw",
    "account_suspend",
    "account_text_update",
    "administrator_acknowledge",
    "administrator_designate",
    "administrator_remove",
    "review_begin",
    "review_step_approve",
    "review_step_reject",
    "terms_record",
    "terms_review_complete",
]
