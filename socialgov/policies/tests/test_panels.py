"""What waits for each person on the dashboard, and the navigation."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from socialgov.policies import services
from socialgov.policies.tests.makers import make_document, make_exception, make_report


def _dashboard(client_as, persona: str) -> str:
    return client_as(persona).get("/").content.decode()


@pytest.mark.requirement("DCFS-11")
def test_a_person_sees_what_they_must_acknowledge_until_they_do(client_as, dcfs):
    page = _dashboard(client_as, "moderator")
    assert "Policies to acknowledge" in page and "DCFS social media policy</a> — due by" in page
    version = dcfs.agency.policy_documents.get().versions.get()
    services.acknowledgement_record(actor=dcfs.user("moderator"), version=version)
    assert "You have acknowledged every policy document that concerns you" in _dashboard(client_as, "moderator")


@pytest.mark.requirement("DCFS-11")
def test_overdue_acknowledgements_wait_on_the_department_heads_and_administrators_dashboards(client_as, dcfs):
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        head = _dashboard(client_as, "department_head")
        admin = _dashboard(client_as, "agency_admin")
        assert "Overdue acknowledgements" in head and "Emery Evans: DCFS social media policy" in head
        assert "Pat Park: DCFS social media policy" not in head  # not of the head's departments
        assert "Pat Park: DCFS social media policy" in admin
        assert "Overdue acknowledgements" not in _dashboard(client_as, "employee")
        assert "<strong class=\"sg-overdue\">overdue</strong>" in _dashboard(client_as, "employee")


def test_exception_requests_wait_on_the_reviewers_dashboard(client_as, world):
    request = make_exception(world)
    assert f"#{request.pk} Scheduling tool" in _dashboard(client_as, "cio")
    assert f"#{request.pk} Scheduling tool" not in _dashboard(client_as, "agency_head")
    services.exception_return(actor=world.user("cio"), request=request, reason="More")
    assert f"#{request.pk} Scheduling tool" in _dashboard(client_as, "department_head")


def test_open_reports_wait_on_the_handlers_dashboard(client_as, world):
    report = make_report(world)
    assert f"Report #{report.pk}</a> — received" in _dashboard(client_as, "legal_counsel")
    assert "Reports of possible violations" not in _dashboard(client_as, "auditor")
    assert "Reports of possible violations" not in _dashboard(client_as, "employee")


@pytest.mark.parametrize("persona", ["employee", "cio", "auditor", "department_head"])
def test_the_header_shows_a_few_items(client_as, world, persona):
    page = _dashboard(client_as, persona)
    for label in ("Policy", "Training", "Conduct", "Access"):
        assert f"<span>{label}</span>" in page


def test_exception_pages_are_part_of_the_policy_section(client_as, world):
    request = make_exception(world)
    page = client_as("cio").get(world.agency_url(f"exceptions/{request.pk}/")).content.decode()
    assert 'aria-current="page"><span>Policy</span>' in page


def test_the_current_section_is_marked_in_the_header(client_as, world):
    make_document(world)
    page = client_as("employee").get(world.agency_url("training/")).content.decode()
    assert 'aria-current="page"><span>Training</span>' in page
    assert 'aria-current="page"><span>Policy</span>' not in page
