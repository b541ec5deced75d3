"""What the policy pack in force says about acknowledgements, spokespersons, exceptions, violation
reports and reviews, read from its data (a plain dict).

Pure Python over the pack's data. Where a pack is silent, each function says what socialgov does
instead (``DEFAULT_SOURCE``), so people can see which rule is the policy's and which is ours.
"""

from __future__ import annotations

from typing import Any

from socialgov.agencies.roles import Role

Pack = dict[str, Any] | None

DEFAULT_SOURCE = "socialgov default: the policy pack in force does not say"

LAC09_FIELDS = ["scope", "justification", "impacts", "risks", "costs", "timeframes"]

# Used when a pack has no exceptions section: the LA County procedure (LAC-09), the most complete of
# the five — the CIO reviews and confers with the department, the chief executive or designee approves.
DEFAULT_EXCEPTION_ROUTES: dict[str, dict[str, Any]] = {
    "policy": {
        "description": "An exception to the social media policy. The department documents the request and "
                       "submits it to the CIO.",
        "submit_to": Role.CIO.value,
        "required_fields": LAC09_FIELDS,
        "chain": [
            {"name": "cio_review", "role": Role.CIO.value,
             "purpose": "The CIO reviews the request and confers with the requesting department."},
            {"name": "agency_head_approval", "role": Role.AGENCY_HEAD.value, "designee": True,
             "purpose": "The agency head or designee reviews and approves the exception."},
        ],
        "notify_on_grant": [Role.AGENCY_HEAD.value],
        "notified_by": Role.CIO.value,
        "cite": DEFAULT_SOURCE,
    },
}

DEFAULT_REPORT_HANDLERS = [Role.AGENCY_HEAD.value, Role.LEGAL_COUNSEL.value, Role.DEPARTMENT_HEAD.value]
DEFAULT_SPOKESPERSON_AUTHORIZERS = [Role.AGENCY_HEAD.value, Role.DEPARTMENT_HEAD.value]
DEFAULT_REVIEW_ROLES = [Role.AGENCY_HEAD.value, Role.AGENCY_ADMIN.value]

DEFAULT_ANTI_RETALIATION = (
    "Retaliation is prohibited. No one may take negative action against anyone for reporting a possible "
    "violation of the social media policy or for cooperating in an investigation. Anyone who retaliates is "
    "subject to disciplinary action.")


def _get(pack: Pack, *keys: str, default: Any = None) -> Any:
    node: Any = pack or {}
    for key in keys:
        if not isinstance(node, dict) or node.get(key) is None:
            return default
        node = node[key]
    return node


def role_label(pack: Pack, role: str) -> str:
    """What the agency calls a role (the pack's label), else socialgov's own name for it."""
    return _get(pack, "roles", role, "label") or (Role(role).label if role in Role.values else role)


# --- acknowledgements and conduct -------------------------------------------------------------

def acknowledgements(pack: Pack) -> list[dict[str, Any]]:
    return list(_get(pack, "acknowledgements", default=[]))


def disclaimer(pack: Pack) -> dict[str, Any] | None:
    """DCFS-06: the standard disclaimer, verbatim."""
    return _get(pack, "texts", "disclaimer")


def anti_retaliation(pack: Pack) -> tuple[str, str]:
    """DCFS-10: (the rule, where it comes from)."""
    block = _get(pack, "texts", "anti_retaliation")
    if block:
        return block["text"], block.get("cite", "")
    return DEFAULT_ANTI_RETALIATION, DEFAULT_SOURCE


# --- spokespersons (DCFS-04, LCCS-01) ----------------------------------------------------------

def spokesperson_rule(pack: Pack) -> dict[str, Any] | None:
    return _get(pack, "spokespersons")


def spokesperson_roles(pack: Pack) -> list[str]:
    """Roles that speak for the agency by the policy itself (LCCS: executive director and PIO)."""
    return list(_get(pack, "spokespersons", "roles", default=[]))


def spokesperson_authorizers(pack: Pack) -> list[str]:
    return list(_get(pack, "spokespersons", "authorized_by", default=DEFAULT_SPOKESPERSON_AUTHORIZERS))


# --- exceptions (LAC-09, KY-11) ----------------------------------------------------------------

def exception_routes(pack: Pack) -> dict[str, dict[str, Any]]:
    return dict(_get(pack, "exceptions", "routes", default=DEFAULT_EXCEPTION_ROUTES))


def exception_route(pack: Pack, key: str) -> dict[str, Any] | None:
    return exception_routes(pack).get(key)


def exception_roles(pack: Pack) -> set[str]:
    """Every role that acts on exception requests: the steps of every route, and who is told."""
    roles: set[str] = set()
    for route in exception_routes(pack).values():
        roles |= {step["role"] for step in route.get("chain", []) if step.get("role")}
        roles |= set(route.get("notify_on_grant", []))
    return roles


def reviewer_roles(pack: Pack) -> set[str]:
    """The roles of each route's first step: they watch over the exemptions they reviewed (expiry)."""
    return {route["chain"][0]["role"] for route in exception_routes(pack).values()
            if route.get("chain") and route["chain"][0].get("role")}


# --- violation reports (DCFS-09, DCFS-10, KY-10) -----------------------------------------------

def report_handler_roles(pack: Pack) -> list[str]:
    return list(_get(pack, "violation_reports", "handled_by", default=DEFAULT_REPORT_HANDLERS))


def anonymous_reports_allowed(pack: Pack) -> bool:
    return bool(_get(pack, "violation_reports", "anonymous", default=True))


# --- reviews (KY-13) ---------------------------------------------------------------------------

def review_rule(pack: Pack) -> dict[str, Any] | None:
    return _get(pack, "review")


def review_roles(pack: Pack) -> list[str]:
    role = _get(pack, "review", "role")
    return [role] if role else list(DEFAULT_REVIEW_ROLES)
