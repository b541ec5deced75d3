from __future__ import annotations

from django.urls import reverse

from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import has_role, person_of
from socialgov.core import navigation
from socialgov.core.dashboard import Panel, register
from socialgov.policies.selectors import pack_in_force


def _missing_pack(user) -> list:
    person = person_of(user)
    return [] if pack_in_force(person.agency) else [person.agency]


def register_panels() -> None:
    register(Panel(
        key="policy-pack", title="Policy pack", template="policies/panel_pack.html",
        items=_missing_pack, order=15,
        applies_to=lambda user: person_of(user) is not None and has_role(user, person_of(user).agency,
                                                                          Role.AGENCY_ADMIN),
        empty_text="Your agency's policy pack is in force. If none were, adopting one would be listed here."))

    navigation.register(navigation.NavItem(
        "Policy", lambda agency: reverse("policy", args=[agency.slug]),
        lambda user, agency: True, ("policy",), order=60))
