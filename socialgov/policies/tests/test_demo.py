"""The demo data: every scenario a visitor should find, and running it twice changes nothing."""

from __future__ import annotations

import pytest

from socialgov.accounts.access import demo as access_demo
from socialgov.accounts.access.models import AccessRequest
from socialgov.core.audit import verify_chain
from socialgov.policies import demo, selectors
from socialgov.policies.models import Acknowledgement, ExceptionRequest, PolicyReview, Spokesperson, ViolationReport
from socialgov.policies.packlib import load_pack
from socialgov.policies.tests.makers import adopt


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Acknowledgement, ExceptionRequest, ViolationReport, PolicyReview,
                                             Spokesperson, AccessRequest))


@pytest.mark.parametrize("name", ["la-county-cio", "la-county-dcfs", "kentucky-cot", "lucas-county-cs",
                                  "new-jersey"])
def test_the_demo_shows_every_scenario_and_is_idempotent(world, name):
    adopt(world, name)
    pack = load_pack(name)
    for _ in range(2):
        demo.build(agency=world.agency, pack=pack, prefix="t")
        access_demo.build(agency=world.agency, pack=pack, prefix="t")
        if _ == 0:
            first = _counts()
    assert _counts() == first
    granted = ExceptionRequest.objects.get(agency=world.agency, state="granted")
    assert selectors.expiring_for(world.user("department_head")) == [granted]
    assert ExceptionRequest.objects.filter(agency=world.agency, state="in_review").count() == 1
    assert ViolationReport.objects.get(agency=world.agency).state == "under_review"
    assert selectors.review_due_for(world.user("agency_head"))
    assert Spokesperson.objects.filter(agency=world.agency, revoked_at__isnull=True).exists()
    states = sorted(AccessRequest.objects.filter(agency=world.agency).values_list("state", flat=True))
    assert states == ["granted", "requested"]
    if pack.get("acknowledgements"):
        assert selectors.outstanding_of(world.person("employee"))  # overdue, so the waiting request cannot pass
        assert selectors.outstanding_of(world.person("employee"))[0].state == selectors.OVERDUE
        assert Acknowledgement.objects.filter(person=world.person("pio")).exists()
    assert verify_chain().ok
