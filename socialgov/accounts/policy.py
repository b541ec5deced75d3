"""What the policy pack in force says about accounts, read from its data (a plain dict).

Pure Python over the pack's data. Each function says what socialgov does when a pack is silent:
it falls back to the New Jersey framework's procedure (NJ-05..NJ-09), the one policy of the five
that spells the whole account lifecycle out, and says so where people see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from socialgov.accounts.platforms import CATEGORIES

Pack = dict[str, Any] | None

DEFAULT_SOURCE = "socialgov default (the New Jersey framework's procedure): your policy pack does not say"

# NJ-05's fields, in the framework's words: used when the pack in force lists none.
DEFAULT_REQUEST_FIELDS: list[dict[str, Any]] = [
    {"key": "agency", "label": "Agency Name", "type": "agency", "required": True},
    {"key": "platform_type", "label": "Type of social media", "type": "platform_category", "required": True},
    {"key": "purpose", "label": "Purpose and types of communications", "type": "long_text", "required": True,
     "help": "Purpose of the site/service and the types of communications the site/service will contain – "
             "for example, announcements, interactional posts, video/audio files, etc."},
    {"key": "justification", "label": "Justification", "type": "long_text", "required": True,
     "help": "Justification for using the site/service, with an emphasis on alignment with the Department's "
             "mission."},
    {"key": "terms_of_service_url", "label": "Link to the terms of service (TOS)", "type": "url", "required": True},
    {"key": "proposed_administrators", "label": "Proposed agency site/service administrator(s)", "type": "people",
     "required": True},
]

# The request fields socialgov stores in their own columns; any other key a pack adds is kept in Account.extra.
KNOWN_FIELDS = {"agency", "platform_type", "purpose", "justification", "terms_of_service_url",
                "proposed_administrators"}

DEFAULT_CHAIN: list[dict[str, Any]] = [{
    "name": "agency_head_approval", "role": "agency_head",
    "purpose": "Approve the request to establish the site/service.", "cite": DEFAULT_SOURCE,
}]

# NJ-09's responsibilities, for packs that designate administrators but list none.
DEFAULT_RESPONSIBILITIES = [
    "Keeping the site/service content up to date",
    "Posting a moderation statement",
    "Ensuring the site/service is monitored and moderated on a daily basis",
    "Taking moderation actions as appropriate",
    "Following the applicable records retention and disposition procedures",
    "Ensuring the agency has an authoring process in place",
    "Complying with litigation hold/discovery instructions and public records requests",
    "Reporting all changes in login credentials",
    "Providing reports on site/service usage and effectiveness of the site/service",
]

COMMUNICATION_TYPES = [
    ("announcements", "Announcements"),
    ("interactive", "Interactional posts"),
    ("video_audio", "Video/audio files"),
    ("photos", "Photos"),
    ("events", "Events"),
    ("emergency", "Emergency information"),
]


def _get(pack: Pack, *path: str, default: Any = None) -> Any:
    node: Any = pack or {}
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return default
        node = node[key]
    return node


def request_fields(pack: Pack) -> list[dict[str, Any]]:
    """NJ-05: the fields a request must contain, from the pack's ``request_fields``."""
    return list(_get(pack, "request_fields", "fields", default=None) or DEFAULT_REQUEST_FIELDS)


def requested_by(pack: Pack) -> list[str]:
    """The roles that may request an account; an empty list means any member of the agency."""
    return list(_get(pack, "approvals", "account_request", "requested_by", default=[]) or [])


@dataclass(frozen=True)
class Step:
    name: str
    purpose: str = ""
    role: str = ""
    designation: str = ""
    designee: bool = False
    consults: tuple[str, ...] = ()
    when: str = ""
    cite: str = ""


def review_chain(pack: Pack) -> list[Step]:
    """NJ-06 / LAC-01 / LCCS-02: the reviewers of a request, in order, from ``approvals.account_request``."""
    steps = _get(pack, "approvals", "account_request", "steps", default=None) or DEFAULT_CHAIN
    return [Step(name=s["name"], purpose=s.get("purpose", ""), role=s.get("role", ""),
                 designation=s.get("designation", "") or ("supervisor" if s.get("relation") else ""),
                 designee=bool(s.get("designee")), consults=tuple(s.get("consults", ())),
                 when=s.get("when", ""), cite=s.get("cite", "")) for s in steps]


def applicable_chain(pack: Pack, *, new_platform: bool) -> list[Step]:
    """The steps that apply to one request: ``when: new_platform`` steps only for a platform new to the agency."""
    return [s for s in review_chain(pack) if s.when != "new_platform" or new_platform]


def notified_roles(pack: Pack, event: str) -> list[str]:
    """The roles the pack's ``notifications.<event>`` names (NJ-05, NJ-06, NJ-07); none when it is silent."""
    return list(_get(pack, "notifications", event, "notify", default=[]) or [])


def activation_roles(pack: Pack) -> list[str]:
    """Who activates an approved account (NJ-07's IT/web liaison): the pack's ``activation`` task;
    else the roles that may create channels (LCCS-01's spokespersons); else the CIO and DISO (LAC-04)."""
    for task in _get(pack, "approvals", "account_request", "tasks", default=[]) or []:
        if task.get("name") == "activation" and task.get("role"):
            return [task["role"]]
    if "create_channel" in (_get(pack, "spokespersons", "actions", default=[]) or []):
        return list(_get(pack, "spokespersons", "roles", default=[]))
    return ["cio", "diso"]


def administrator_designators(pack: Pack) -> list[str]:
    """NJ-09: who designates an account's administrators (default: the agency head)."""
    return [_get(pack, "designations", "account_administrator", "designated_by", default="agency_head")]


def responsibilities(pack: Pack) -> list[str]:
    return list(_get(pack, "administrator_responsibilities", "items", default=None) or DEFAULT_RESPONSIBILITIES)


def text(pack: Pack, kind: str) -> str:
    """The pack's verbatim ``texts.<kind>.text`` (comment_notice, moderation_statement), or ''."""
    return _get(pack, "texts", kind, "text", default="") or ""


def categories(pack: Pack) -> dict[str, str]:
    """NJ-02's technology categories: the pack's ``platform_categories`` or the framework's list."""
    listed = _get(pack, "platform_categories", "categories", default=None)
    if not listed:
        return dict(CATEGORIES)
    return {key: value.get("label", key) for key, value in listed.items()}


def existing_use_deadline(pack: Pack) -> date | None:
    """LAC-08: accounts established before the policy comply by this date; None means at once."""
    value = _get(pack, "compliance", "existing_use_deadline", default=None)
    return date.fromisoformat(value) if value else None


def comply_with(pack: Pack) -> list[str]:
    """KY-04: the agency policies every account must comply with (``compliance.comply_with``)."""
    return list(_get(pack, "compliance", "comply_with", default=[]) or [])


def terms_review_role(pack: Pack) -> str:
    """KY-04: who reviews a change of terms — whoever has the final say on a request (the chain's
    last step), since they judged the platform acceptable in the first place."""
    chain = [s for s in review_chain(pack) if s.role]
    return chain[-1].role if chain else "agency_head"


def pack_label(adoption) -> str:
    return f"pack {adoption.pack_name} {adoption.pack_version}" if adoption else DEFAULT_SOURCE
