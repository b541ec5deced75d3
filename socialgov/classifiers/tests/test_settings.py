"""A policy pack's ``classifiers`` section and the account's settings -> Registry and Context."""

from __future__ import annotations

import pytest

from socialgov.classifiers import DEFAULT_ENABLED, context_for, registry_for, section_problems
from socialgov.classifiers.settings import hotline_from_notice
from socialgov.policies.packlib import load_pack


@pytest.mark.parametrize(("section", "problem"), [
    ("yes", "classifiers: must be a mapping"),
    ({"enabeld": ["pii"]}, "classifiers.enabeld: unknown key"),
    ({"enabled": "pii"}, "classifiers.enabled: must be a list of strings"),
    ({"thresholds": {"spam": 1.5}}, "classifiers.thresholds.spam: must be a number from 0 to 1"),
    ({"thresholds": {"spam": True}}, "classifiers.thresholds.spam: must be a number from 0 to 1"),
    ({"case_number_patterns": ["(unclosed"]}, "classifiers.case_number_patterns[0]: not a valid regular expression"),
    ({"enabled": ["default", "nope"]}, "unknown classifier(s): nope"),
    ({"plugins": {"x": "no.such.module:X"}, "enabled": ["x"]}, None),  # paths are imported lazily, at first use
    ({"hotline": 911}, "classifiers.hotline: must be a string"),
])
def test_section_problems_name_the_path(section: object, problem: str | None) -> None:
    problems = section_problems(section)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_an_absent_section_means_every_builtin_classifier() -> None:
    assert section_problems(None) == []
    assert registry_for(None).enabled_names == DEFAULT_ENABLED


def test_options_reach_the_classifier() -> None:
    registry = registry_for({"enabled": ["off_topic"], "options": {"off_topic": {"min_words": 5}}})
    assert registry.get("off_topic").min_words == 5


def test_enabled_and_disabled() -> None:
    registry = registry_for({"enabled": ["default", "profanity_check"], "disabled": ["off_topic"]})
    assert "profanity_check" in registry.enabled_names and "off_topic" not in registry.enabled_names
    assert registry_for({"enabled": ["pii", "spam"]}).enabled_names == ("pii", "spam")


def test_context_from_the_lucas_county_pack() -> None:
    pack = load_pack("lucas-county-cs")
    context = context_for(pack.data, account={"purpose": "Agency services for children and families",
                                               "topic_keywords": ["foster", "adoption"]})
    assert context.hotline.startswith("Please help us by calling 419-213-CARE (2273) or dial 911")
    assert context.topic_keywords == ("foster", "adoption")
    assert context.account_purpose.startswith("Agency services")
    assert context.allowed_domains == ()


def test_allowed_domains_come_from_the_packs_links_section_and_the_account() -> None:
    pack = load_pack("la-county-cio")
    context = context_for(pack.data, account={"allowed_domains": ["dcfs.lacounty.gov", "Example.ORG."]})
    assert context.allowed_domains == ("lacounty.gov", "dcfs.lacounty.gov", "example.org")
    assert context.include_subdomains is True


def test_section_settings_win_over_pack_defaults() -> None:
    data = {"links": {"allowed_domains": ["a.gov"]}, "classifiers": {
        "allowed_domains": ["b.gov"], "hotline": "Call 555-0100.", "thresholds": {"spam": 0.8},
        "case_number_patterns": [r"\d{2}-JC-\d{4}"], "staff_names": ["Pat Quinlan"]}}
    context = context_for(data)
    assert context.allowed_domains == ("b.gov",) and context.hotline == "Call 555-0100."
    assert context.threshold("spam", "spam") == 0.8 and context.threshold("pii.ssn", "pii") == 0.5
    assert context.case_number_regexes[0].search("see 23-JC-0042") is not None
    assert context.staff_name_regex is not None and context.staff_name_regex.search("pat quinlan lied")


def test_hotline_sentences_are_taken_from_the_notice() -> None:
    notice = "We do not accept reports here. Please call 1-800-555-0100 or dial 911. Thank you."
    assert hotline_from_notice(notice) == "Please call 1-800-555-0100 or dial 911."
