"""Conduct: the disclaimer and the rules of personal use published to every member and acknowledged
(DCFS-06, DCFS-05, DCFS-08, LCCS-12), and the list of authorized spokespersons (DCFS-04)."""

from __future__ import annotations

import html
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from socialgov.core.models import AuditEvent, Notification
from socialgov.policies import selectors, services
from socialgov.policies.models import DocumentVersion, Spokesperson
from socialgov.policies.packlib import load_pack
from socialgov.policies.workflows import VersionState

DISCLAIMER = ("The postings on this website are my own and do not necessary reflect the views of the County of "
              "Los Angeles Department of Children and Family Services (DCFS).")
DCFS_05 = ("Employees must not use the Department\u2019s name, symbols and logos to promote a product, service, cause, "
           "political party, or candidate, on a personal social media account.")
DCFS_08 = ("Employees should not use their County-issued email address to register on social networks, blogs or "
           "other websites for personal use.")


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _current(world, key: str) -> DocumentVersion:
    return DocumentVersion.objects.get(document__agency=world.agency, document__key=key, state=VersionState.PUBLISHED)


@pytest.mark.requirement("DCFS-06")
@pytest.mark.parametrize("persona", ["employee", "moderator", "auditor", "pio"])
def test_every_member_reads_the_standard_disclaimer_word_for_word_ready_to_copy(client_as, dcfs, persona):
    page = _page(client_as(persona), dcfs.agency_url("conduct/"))
    box = re.search(r'<textarea[^>]*id="sg-disclaimer"[^>]*readonly[^>]*>(.*?)</textarea>', page, re.S)
    assert box and box.group(1) == DISCLAIMER == load_pack("la-county-dcfs").get("texts.disclaimer.text")
    assert 'data-copy-target="sg-disclaimer"' in page and "policies/copy.js" in page


def test_without_a_disclaimer_in_the_pack_the_page_says_so(client_as, lac):
    page = _page(client_as("employee"), lac.agency_url("conduct/"))
    assert "gives no standard disclaimer" in page and "sg-disclaimer" not in page


@pytest.mark.requirement("DCFS-05")
@pytest.mark.requirement("DCFS-08")
def test_dcfs_rules_on_logos_and_county_email_are_published_and_acknowledged(client_as, dcfs):
    page = _page(client_as("moderator"), dcfs.agency_url("conduct/"))
    assert DCFS_05 in page and DCFS_08 in page
    version = _current(dcfs, "social_media_policy")
    assert DCFS_05 in version.points and DCFS_08 in version.points
    ack_page = _page(client_as("moderator"), dcfs.agency_url(f"training/{version.pk}/acknowledge/"))
    assert DCFS_05 in ack_page and DCFS_08 in ack_page
    response = client_as("moderator").post(dcfs.agency_url(f"training/{version.pk}/acknowledge/"), {"confirm": "on"})
    assert response.status_code == 302
    assert version.acknowledgements.get().person == dcfs.person("moderator")


@pytest.mark.requirement("LCCS-12")
def test_lccs_personal_use_rules_are_published_and_acknowledged(client_as, lccs):
    points = load_pack("lucas-county-cs").get("acknowledgements[0].points")
    page = _page(client_as("employee"), lccs.agency_url("conduct/"))
    assert "Staff Personal Use of Social Media" in page
    assert all(" ".join(p.split()) in " ".join(page.split()) for p in points)
    version = _current(lccs, "personal_use")
    services.acknowledgement_record(actor=lccs.user("employee"), version=version)
    assert selectors.outstanding_of(lccs.person("employee")) == []
    assert version.points == points


@pytest.mark.requirement("LCCS-12")
def test_an_acknowledgement_without_the_confirmation_is_not_recorded(client_as, lccs):
    version = _current(lccs, "personal_use")
    response = client_as("employee").post(lccs.agency_url(f"training/{version.pk}/acknowledge/"), {})
    assert response.status_code == 200 and b"This field is required" in response.content
    assert not version.acknowledgements.exists()


# --- spokespersons (DCFS-04) ----------------------------------------------------------------------

@pytest.mark.requirement("DCFS-04")
def test_an_authorized_spokesperson_is_listed_with_who_authorized_them_and_since_when(client_as, dcfs):
    grant = services.spokesperson_authorize(actor=dcfs.user("department_head"), person=dcfs.person("employee"),
                                            scope="Foster-parent recruitment events")
    assert (grant.authorized_by, grant.revoked_at) == (dcfs.user("department_head"), None)
    assert selectors.is_authorized_spokesperson(dcfs.person("employee"))
    assert not selectors.is_authorized_spokesperson(dcfs.person("moderator"))
    page = _page(client_as("moderator"), dcfs.agency_url("conduct/spokespersons/"))
    assert "Emery Evans" in page and "Foster-parent recruitment events" in page and "Dana Diaz" in page
    assert Notification.objects.filter(recipient=dcfs.user("employee"), event="policies.spokesperson.authorize")
    assert AuditEvent.objects.filter(action="policies.spokesperson.authorize", actor=dcfs.user("department_head"))


@pytest.mark.requirement("DCFS-04")
def test_a_revoked_authorization_is_kept_as_history_with_its_reason(client_as, dcfs):
    grant = services.spokesperson_authorize(actor=dcfs.user("agency_head"), person=dcfs.person("pio"),
                                            scope="All media enquiries")
    services.spokesperson_revoke(actor=dcfs.user("agency_head"), spokesperson=grant, reason="Role changed")
    assert not selectors.is_authorized_spokesperson(dcfs.person("pio"))
    grant.refresh_from_db()
    assert grant.revoked_by == dcfs.user("agency_head") and grant.revoke_reason == "Role changed"
    with pytest.raises(ValidationError, match="already been revoked"):
        services.spokesperson_revoke(actor=dcfs.user("agency_head"), spokesperson=grant, reason="again")
    page = _page(client_as("employee"), dcfs.agency_url("conduct/spokespersons/"))
    assert "Revoked authorizations" in page and "Role changed" in page


@pytest.mark.requirement("DCFS-04")
@pytest.mark.parametrize("actor, person, allowed", [
    ("agency_head", "pio", True),              # the agency head, for anyone
    ("department_head", "employee", True),     # a department head, for their department (youth services)
    ("department_head", "pio", False),         # ...but not for another department
    ("department_head", "department_head", False),  # nobody authorizes themselves
    ("pio", "employee", False), ("agency_admin", "employee", False), ("auditor", "employee", False),
])
def test_who_may_give_explicit_permission_to_speak(dcfs, actor, person, allowed):
    def authorize():
        return services.spokesperson_authorize(actor=dcfs.user(actor), person=dcfs.person(person), scope="Events")

    if allowed:
        assert authorize().person == dcfs.person(person)
    else:
        with pytest.raises(PermissionDenied):
            authorize()


def test_a_person_holds_one_current_authorization(dcfs):
    services.spokesperson_authorize(actor=dcfs.user("agency_head"), person=dcfs.person("pio"), scope="Media")
    with pytest.raises(ValidationError, match="already an authorized spokesperson"):
        services.spokesperson_authorize(actor=dcfs.user("agency_head"), person=dcfs.person("pio"), scope="More")
    assert Spokesperson.objects.filter(person=dcfs.person("pio")).count() == 1


def test_lccs_lists_the_executive_director_and_pio_as_spokespersons_by_the_policy(client_as, lccs):
    page = _page(client_as("employee"), lccs.agency_url("conduct/spokespersons/"))
    assert "Executive Director: Harper Hayes" in page and "Public Information Officer: Pat Park" in page
    assert selectors.is_authorized_spokesperson(lccs.person("pio"))
