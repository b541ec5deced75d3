"""The account pages as people use them: forms that show the services' messages field by field,
the registry's filters and export, the public registry, its feed and its lookup."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from socialgov.accounts import services
from socialgov.accounts.models import Account
from socialgov.accounts.tests.conftest import active, approved, build_scene, draft, submitted
from socialgov.accounts.workflows import AccountStatus as S


@pytest.fixture
def liaison(client_as, nj):
    return client_as("account_administrator")


def test_submitting_an_incomplete_request_shows_each_missing_field_on_the_form(liaison, world):
    response = liaison.post(world.agency_url("accounts/new/"), {
        "name": "Youth on X", "department": world.dept("youth-services").pk, "platform": "x", "submit": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This request cannot be submitted yet" not in page or "Please correct the fields marked below" in page
    for message in ("Purpose and types of communications: say what the site/service is for.",
                    "Choose at least one type of communications the site/service will carry.",
                    "Justification: explain why the agency needs it and how it serves the mission.",
                    "Link to the terms of service (TOS): give the address of the platform&#x27;s terms of service.",
                    "Proposed agency site/service administrator(s): propose at least one administrator."):
        assert message in page
    account = Account.objects.get(name="Youth on X")
    assert account.status == S.DRAFT  # the draft is kept, so nothing typed is lost
    assert f'action="/agencies/{world.agency.slug}/accounts/{account.pk}/edit/"' in page


def test_complete_request_submitted_from_the_form(liaison, world):
    people = [world.person("account_administrator").pk]
    response = liaison.post(world.agency_url("accounts/new/"), {
        "name": "Youth on X", "department": world.dept("youth-services").pk, "platform": "x",
        "purpose": "Announcements.", "communication_types": ["announcements"], "justification": "Mission.",
        "terms_of_service_url": "https://x.com/tos", "proposed_administrators": people, "submit": "1"})
    account = Account.objects.get(name="Youth on X")
    assert response.status_code == 302 and account.status == S.SUBMITTED
    assert account.platform_category == "blogging_microblogging"


def test_labels_and_hints_come_from_the_pack(liaison, world):
    page = liaison.get(world.agency_url("accounts/new/")).content.decode()
    assert "Proposed agency site/service administrator(s)" in page
    assert "Required to submit. Justification for using the site/service, with an emphasis on alignment" in page


def test_reject_without_reason_shows_the_error_on_the_account_page(client_as, world, nj):
    account = submitted(world)
    reviewer = client_as("communications_director")
    reviewer.post(world.agency_url(f"accounts/{account.pk}/begin/"))
    response = reviewer.post(world.agency_url(f"accounts/{account.pk}/reject/"), {"reason": ""})
    assert response.status_code == 200
    assert "Give the reason for rejecting the request" in response.content.decode()


def test_activation_form_starts_from_the_packs_texts(client_as, world, lccs):
    from socialgov.accounts.tests.conftest import decide_all

    account = decide_all(submitted(world, "employee"))
    page = client_as("pio").get(world.agency_url(f"accounts/{account.pk}/activate/")).content.decode()
    assert "419-213-CARE (2273)" in page and "LCCS reserves the right to delete" in page


@pytest.mark.requirement("KY-01")
@pytest.mark.requirement("LCCS-05")
def test_activation_refusal_names_every_field_at_once(client_as, world, nj):
    account = approved(world)
    response = client_as("account_administrator").post(world.agency_url(f"accounts/{account.pk}/activate/"),
                                                       {"url": "https://x.com/nope"})
    page = response.content.decode()
    assert response.status_code == 200
    for message in ("Confirm this is an official, agency-branded account", "agency&#x27;s logo",
                    "consistent look and feel", "Enter the date the terms of service were reviewed",
                    "A Mastodon profile address looks like"):
        assert message in page


def test_registry_filters_by_department_platform_and_status(client_as, world, nj):
    build_scene(world)
    auditor = client_as("auditor")
    page = auditor.get(world.agency_url("accounts/?status=activated")).content.decode()
    assert "Active account" in page and "Approved request" not in page
    page = auditor.get(world.agency_url(f"accounts/?department={world.dept('programs').pk}")).content.decode()
    assert "Active account" in page  # Youth Services sits under Programs
    page = auditor.get(world.agency_url(f"accounts/?department={world.dept('communications').pk}")).content.decode()
    assert "Active account" not in page
    assert "Active account" not in auditor.get(world.agency_url("accounts/?platform=youtube")).content.decode()


def test_registry_hides_other_peoples_drafts(client_as, world, nj):
    draft(world)
    assert "Youth Services on Mastodon" not in client_as("agency_head").get(
        world.agency_url("accounts/")).content.decode()
    assert "Youth Services on Mastodon" in client_as("account_administrator").get(
        world.agency_url("accounts/")).content.decode()


@pytest.mark.requirement("NJ-08")
def test_csv_export_quotes_cells_a_spreadsheet_would_run(client_as, world, nj):
    services.account_request_create(actor=world.user("account_administrator"), agency=world.agency,
                                    department=world.dept("programs"), name="=HYPERLINK(\"http://evil\")",
                                    platform="x")
    active(world)
    response = client_as("account_administrator").get(world.agency_url("accounts/registry.csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["Name", "Platform", "Type of social media", "Department", "Status"]
    names = [r[0] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://evil\")" in names and "Youth Services on Mastodon" in names


@pytest.mark.requirement("NJ-08")
@pytest.mark.requirement("NJ-02")
def test_public_registry_and_feed_list_only_official_active_accounts(client, world, nj):
    build_scene(world)
    page = client.get(f"/public/{world.agency.slug}/accounts/").content.decode()
    assert "Active account" in page and "Suspended account" not in page and "Approved request" not in page
    feed = client.get(f"/public/{world.agency.slug}/accounts.json").json()
    assert [a["name"] for a in feed["accounts"]] == ["Active account"]
    entry = feed["accounts"][0]
    assert set(entry) >= {"name", "platform", "handle", "url", "department", "purpose", "active_since",
                          "comment_policy_url"}
    assert entry["handle"] == "@TestCountyYouth@mastodon.social" and entry["department"] == "Youth Services"
    assert entry["type_of_social_media"] == "Blogging/Microblogging"  # NJ-02's category, in the pack's words
    assert entry["active_since"] == timezone.localdate().isoformat()
    assert client.get(entry["comment_policy_url"]).status_code == 200


@pytest.mark.requirement("NJ-08")
def test_the_public_feed_gives_the_day_in_the_sites_time_zone_not_utcs(client, world, nj, settings):
    settings.TIME_ZONE = "America/New_York"
    active_account = build_scene(world)["active"]
    # 03:00 UTC on 1 March is still 28 February in New York: the feed says what the page says.
    Account.objects.filter(pk=active_account.pk).update(activated_at=datetime(2026, 3, 1, 3, tzinfo=UTC))
    feed = client.get(f"/public/{world.agency.slug}/accounts.json").json()
    assert feed["accounts"][0]["active_since"] == "2026-02-28"


@pytest.mark.requirement("NJ-10")
@pytest.mark.requirement("LCCS-10")
def test_public_account_page_shows_the_comment_notice_and_moderation_statement(client, world, nj):
    account = active(world, comment_notice="Do not report child abuse here: call 419-213-CARE.")
    page = client.get(f"/public/{world.agency.slug}/accounts/{account.pk}/").content.decode()
    assert page.index("Before you comment") < page.index("Moderation statement")
    assert "call 419-213-CARE" in page and "We remove spam and personal attacks." in page


@pytest.mark.requirement("NJ-08")
@pytest.mark.parametrize(("query", "verdict"), [
    ("https://mastodon.social/@TestCountyYouth", "official"),
    ("https://MASTODON.social/@testcountyyouth/", "official"),
    ("@testcountyyouth@mastodon.social", "official"),
    ("testcountyyouth@Mastodon.Social", "official"),
    ("https://mastodon.social/@impostor", "not_in_registry"),
    ("@TestCountyYouth", "not_in_registry"),  # a bare name is not the Mastodon account
])
def test_public_lookup_normalises_the_variants_of_an_account(client, world, nj, query, verdict):
    active(world)
    body = client.get(f"/public/{world.agency.slug}/accounts/lookup.json", {"q": query}).json()
    assert body["verdict"] == verdict


@pytest.mark.requirement("NJ-08")
def test_x_and_twitter_addresses_are_the_same_official_account(client, world, nj):
    active(world, name="Youth on X", platform="x", url="https://twitter.com/TestCountyYouth/", handle="")
    for query in ("https://x.com/testcountyyouth", "twitter.com/TestCountyYouth", "@TESTCOUNTYYOUTH"):
        body = client.get(f"/public/{world.agency.slug}/accounts/lookup.json", {"q": query}).json()
        assert (body["verdict"], body["account"]["url"]) == ("official", "https://x.com/TestCountyYouth")


@pytest.mark.requirement("NJ-08")
def test_lookup_tells_when_an_account_was_decommissioned(client, world, nj):
    account = active(world)
    # The decommissioning service comes with the records archive (NJ-19); the lookup only reads the result.
    Account.objects.filter(pk=account.pk).update(status=S.DECOMMISSIONED,
                                                 decommissioned_at=datetime(2026, 2, 3, 12, tzinfo=UTC))
    page = client.get(f"/public/{world.agency.slug}/accounts/lookup/",
                      {"q": "https://mastodon.social/@TestCountyYouth"}).content.decode()
    assert "Decommissioned on 2026-02-03" in page


def test_lookup_of_something_that_is_no_account_says_what_to_write(client, world, nj):
    response = client.get(f"/public/{world.agency.slug}/accounts/lookup.json", {"q": "https://x.com/a/status/1"})
    assert response.status_code == 400 and "looks like https://x.com/AgencyName" in response.json()["errors"]["q"][0]


def test_public_lookup_answers_only_for_the_agency_asked(client, world, nj):
    active(world)
    body = client.get(f"/public/{world.other.slug}/accounts/lookup.json",
                      {"q": "https://mastodon.social/@TestCountyYouth"}).json()
    assert body["verdict"] == "not_in_registry"


def test_acknowledgement_page_lists_the_responsibilities(client_as, world, nj):
    scene = build_scene(world)
    designation = scene["active"].administrators.get()
    url = world.agency_url(f"accounts/{scene['active'].pk}/administrators/{designation.pk}/acknowledge/")
    moderator = client_as("moderator")
    page = moderator.get(url).content.decode()
    assert "Complying with litigation hold/discovery instructions and the Open Public Records Act (OPRA)" in page
    assert moderator.post(url, {}).status_code == 200  # the box must be ticked
    assert moderator.post(url, {"confirm": "on"}).status_code == 302
    designation.refresh_from_db()
    assert designation.acknowledged_at is not None


def test_registry_and_api_list_do_not_query_per_account(client_as, world, nj):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_scene(world)
    client = client_as("account_administrator")

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = (count(world.agency_url("accounts/")), count("/api/v1/accounts/"))
    for n in range(4):
        active(world, name=f"More {n}", url=f"https://mastodon.social/@more{n}", handle="")
    assert (count(world.agency_url("accounts/")), count("/api/v1/accounts/")) == before


@pytest.mark.requirement("KY-04")
def test_account_page_shows_the_terms_and_the_policies_it_must_comply_with(client_as, world):
    from socialgov.accounts.tests.conftest import adopt

    adopt(world, "kentucky-cot")
    account = active(world, "employee")
    page = client_as("auditor").get(world.agency_url(f"accounts/{account.pk}/")).content.decode()
    assert "Policies this account must comply with" in page
    assert "CIO-060 Acceptable Use Policy" in page and "Terms of Service for each Social Media platform" in page
    assert "2024-03" in page  # the terms version it is bound by
