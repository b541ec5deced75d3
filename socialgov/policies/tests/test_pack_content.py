"""The shipped packs say what their seed policies say.

Verbatim texts are compared both to a literal and, when the project's seeds
are beside the repository, to the seed file itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from socialgov.policies.packlib import load_pack

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"

DCFS_DISCLAIMER = (
    "The postings on this website are my own and do not necessary reflect the views of the "
    "County of Los Angeles Department of Children and Family Services (DCFS)."
)
LCCS_NOTICE_START = "The safety of children is our paramount concern."
LCCS_HOTLINE = ("Please help us by calling 419-213-CARE (2273) or dial 911 if you believe a child is in "
                "immediate danger.")


def seed_text(name: str) -> str:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"seed {name} is not beside the repository")
    return path.read_text(encoding="utf-8")


@pytest.mark.requirement("DCFS-06")
def test_dcfs_disclaimer_is_the_policys_sentence_exactly():
    disclaimer = load_pack("la-county-dcfs").get("texts.disclaimer.text")
    assert disclaimer == DCFS_DISCLAIMER
    assert "do not necessary reflect" in disclaimer  # the policy's own wording, typo included


@pytest.mark.requirement("DCFS-06")
def test_dcfs_disclaimer_matches_the_seed_file():
    seed = seed_text("001_4f3047903a6150a1.txt")
    quoted = re.search(r"disclaimer stating, \u201c(.+?)\u201d", seed)
    assert quoted is not None
    assert load_pack("la-county-dcfs").get("texts.disclaimer.text") == quoted.group(1)


# Pack content for LCCS-10; the requirement itself is proven by the workflow that enforces it.
def test_lccs_comment_notice_is_the_policys_notice():
    notice = load_pack("lucas-county-cs").get("texts.comment_notice.text")
    paragraphs = notice.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith(LCCS_NOTICE_START)
    assert paragraphs[1] == LCCS_HOTLINE
    assert paragraphs[2].startswith("Reports can be made 24 hours a day, 7 days a week, 365 days per year.")


# Pack content for LCCS-10; the requirement itself is proven by the workflow that enforces it.
def test_lccs_comment_notice_and_moderation_statement_match_the_seed_file():
    seed = seed_text("003_d90592b2f88d1aee.txt")
    notice_part = seed.split("indicating the following:")[1].split("In addition, the following")[0]
    notice = "\n\n".join(line.strip().strip('"') for line in notice_part.splitlines() if line.strip())
    statement_part = seed.split("posted after the above reporting information.")[1].split("Staff Personal Use")[0]
    statement_lines = [re.sub(r"^- (\d+\.)", r"\1", line.strip()).strip('"') for line in statement_part.splitlines()]
    statement = re.sub(r"\n{3,}", "\n\n", "\n".join(statement_lines).strip())
    pack = load_pack("lucas-county-cs")
    assert pack.get("texts.comment_notice.text") == notice
    assert pack.get("texts.moderation_statement.text") == statement


# Pack content for LCCS-07; the requirement itself is proven by the workflow that enforces it.
def test_lccs_monitors_twice_each_weekday_and_periodically_on_weekends():
    monitoring = load_pack("lucas-county-cs").get("monitoring")
    weekdays, weekend = monitoring["schedule"]
    assert weekdays["days"] == ["monday", "tuesday", "wednesday", "thursday", "friday"]
    assert weekdays["min_checks_per_day"] == 2
    assert weekend["days"] == ["saturday", "sunday"]
    assert weekend["periodic"] is True and weekend["min_checks_per_day"] == 0
    assert monitoring["responsible"] == "pio" and monitoring["designee"] is True
    assert monitoring["coverage"]["interim_appointed_by"] == "agency_head"


# Pack content for LAC-05; the requirement itself is proven by the workflow that enforces it.
def test_la_county_allows_links_only_to_county_domains():
    links = load_pack("la-county-cio").get("links")
    assert links["allowed_domains"] == ["lacounty.gov"]
    assert links["include_subdomains"] is True
    assert links["external"] == "flag"
    assert "6.030" in links["description"]


# Pack content for LAC-09; the requirement itself is proven by the workflow that enforces it.
def test_la_county_exceptions_go_through_the_cio_to_the_chief_executive():
    route = load_pack("la-county-cio").get("exceptions.routes.directive")
    assert route["required_fields"] == ["scope", "justification", "impacts", "risks", "costs", "timeframes"]
    assert route["submit_to"] == "cio"
    assert [(s["name"], s["role"]) for s in route["chain"]] == [("cio_review", "cio"), ("ceo_approval", "agency_head")]
    assert route["chain"][1]["designee"] is True
    assert "confers with the requesting department" in route["chain"][0]["purpose"]
    assert route["notify_on_grant"] == ["agency_head"] and route["notified_by"] == "cio"


# Pack content for KY-11; the requirement itself is proven by the workflow that enforces it.
def test_kentucky_security_exemptions_are_decided_case_by_case_by_the_ciso():
    route = load_pack("kentucky-cot").get("exceptions.routes.security")
    assert [s["role"] for s in route["chain"]] == ["ciso"]
    assert route["case_by_case"] is True
    assert route["costs_passed_to_agency"] is True
    assert "COT-F085" in route["submit_via"]


# Pack content for KY-13; the requirement itself is proven by the workflow that enforces it.
def test_kentucky_policy_is_reviewed_at_least_every_24_months():
    review = load_pack("kentucky-cot").get("review")
    assert review["every_months"] == 24
    assert review["maintained_by"] == "COT's Office of Contracts and Privacy"
    assert review["last_reviewed"] == "2019-05-30"


# Pack content for LAC-08; the requirement itself is proven by the workflow that enforces it.
def test_la_county_new_use_complies_at_once_and_existing_accounts_by_the_deadline():
    compliance = load_pack("la-county-cio").get("compliance")
    assert compliance["new_or_expanded_use"] == "immediate"
    assert compliance["existing_use_deadline"] == "2012-12-31"
    assert compliance["cite"]


# Pack content for LAC-02; the requirement itself is proven by the workflow that enforces it.
def test_la_county_departments_designate_one_access_approver():
    pack = load_pack("la-county-cio")
    approver = pack.get("designations.access_approver")
    assert (approver["role"], approver["per"], approver["holders"]) == ("diso", "department", "one")
    assert approver["designated_by"] == "department_head"
    assert pack.get("approvals.account_access.steps[0].designation") == "access_approver"


# Pack content for LAC-03; the requirement itself is proven by the workflow that enforces it.
def test_la_county_departments_designate_one_content_moderator():
    moderator = load_pack("la-county-cio").get("designations.content_moderator")
    assert (moderator["role"], moderator["per"], moderator["holders"]) == ("pio", "department", "one")
    assert moderator["designated_by"] == "department_head"


# Pack content for NJ-05; the requirement itself is proven by the workflow that enforces it.
def test_new_jersey_account_request_has_the_six_required_fields():
    fields = load_pack("new-jersey").get("request_fields.fields")
    assert [f["key"] for f in fields] == [
        "agency", "platform_type", "purpose", "justification", "terms_of_service_url", "proposed_administrators"]
    assert all(f["required"] for f in fields)
    assert load_pack("new-jersey").get("notifications.account_requested.notify") == [
        "communications_director", "cio", "web_content_team", "agency_head"]


@pytest.mark.parametrize("name, section", [
    ("la-county-dcfs", "links"),          # DCFS sets no link rule of its own
    ("kentucky-cot", "monitoring"),       # CIO-061 says nothing about a schedule
    ("lucas-county-cs", "review"),        # Policy 1004 has no review cadence
    ("new-jersey", "exceptions"),         # the framework has no exception process
    ("la-county-cio", "texts"),           # TD 12-06 gives no verbatim texts
])
def test_a_pack_leaves_out_what_its_policy_does_not_say(name, section):
    assert load_pack(name).get(section) is None


def test_new_jersey_lists_the_seven_platform_categories():
    categories = load_pack("new-jersey").get("platform_categories.categories")
    assert list(categories) == ["video_sharing", "blogging_microblogging", "social_networking", "photo_sharing",
                                "social_bookmarking", "communal_knowledge", "forums_ideation_rss"]


def test_lccs_executive_director_has_the_final_say_on_a_new_platform():
    step = load_pack("lucas-county-cs").get("approvals.account_request.steps[1]")
    assert (step["role"], step["when"], step["consults"]) == ("agency_head", "new_platform", ["pio", "cio"])
