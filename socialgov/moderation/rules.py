"""Named permission predicates for moderation: who works the queue, who decides, who sees the report."""

from __future__ import annotations

import rules

from socialgov.accounts.selectors import is_acknowledged_administrator
from socialgov.agencies.roles import Role
from socialgov.agencies.rules import is_agency_member, role_predicate
from socialgov.moderation import selectors


@rules.predicate
def may_view_queue(user, agency=None) -> bool:
    return agency is not None and selectors.may_view_queue(user, agency)


@rules.predicate
def moderates_case(user, case=None) -> bool:
    return case is not None and selectors.may_moderate(user, case.account)


@rules.predicate
def oversees_case(user, case=None) -> bool:
    return case is not None and selectors.is_overseer(user, case.account.agency)


@rules.predicate
def moderates_account(user, account=None) -> bool:
    return account is not None and selectors.may_moderate(user, account)


@rules.predicate
def administers_task_account(user, task=None) -> bool:
    return task is not None and is_acknowledged_administrator(user, task.account)


@rules.predicate
def is_task_pio(user, task=None) -> bool:
    return task is not None and role_predicate(Role.PIO)(user, task.account)


rules.add_perm("moderation.view_queue", is_agency_member & may_view_queue)
rules.add_perm("moderation.view_case", moderates_case | oversees_case)
rules.add_perm("moderation.decide", moderates_case)
rules.add_perm("moderation.review_queue", moderates_account)
# The platform action and the author notice are the account administrators' (NJ-18's site/service
# administrator); the PIO may confirm them too when no administrator is designated.
rules.add_perm("moderation.complete_task", administers_task_account | is_task_pio)
# Aggregates only: every member may see the transparency report.
rules.add_perm("moderation.view_transparency", is_agency_member)
