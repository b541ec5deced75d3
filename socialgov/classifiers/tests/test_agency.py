"""LCCS-09 (1)-(3), DCFS-01 and the urgent child-abuse report (LCCS comment notice)."""

from __future__ import annotations

import pytest

from socialgov.classifiers import URGENT, Context
from socialgov.classifiers.builtin.agency import (
    ChildAbuseReportClassifier,
    ConfidentialCaseInfoClassifier,
    HarmfulToClientsClassifier,
    HarmfulToStaffClassifier,
)

from .support import assert_found, assert_not_found, reported

CASE, CLIENTS, STAFF, ABUSE = (ConfidentialCaseInfoClassifier(), HarmfulToClientsClassifier(),
                               HarmfulToStaffClassifier(), ChildAbuseReportClassifier())
LCCS = Context(case_number_patterns=(r"\b\d{2}-[A-Z]{2}-\d{5}\b",), staff_names=("Pat Quinlan",),
               hotline="Please help us by calling 419-213-CARE (2273) or dial 911 if you believe a child is in "
                       "immediate danger.")


@pytest.mark.requirement("LCCS-09")
@pytest.mark.requirement("DCFS-01")
@pytest.mark.parametrize(("text", "span"), [
    ("About 23-JC-01234, the hearing moved", "23-JC-01234"),  # the agency's own format, from the pack
    ("my case number is 2023-0456, why no call back?", "case number is 2023-0456"),
    ("Case #A12345 was closed", "Case #A12345"),
    ("In my custody case the drug test came back positive for meth",
     "custody case the drug test"),
    ("my daughter's placement changed because she was diagnosed with bipolar",
     "placement changed because she was diagnosed"),
])
def test_confidential_case_information_is_found(text: str, span: str) -> None:
    assert_found(CASE, text, "confidential_case_info", span, LCCS)


def test_agency_format_explanation_names_the_pattern() -> None:
    finding = assert_found(CASE, "Re 23-JC-01234", "confidential_case_info", "23-JC-01234", LCCS)
    assert "case-number format" in finding.explanation


@pytest.mark.requirement("DCFS-01")
@pytest.mark.parametrize("text", [
    "How do I become a foster parent?",
    "The court hearing on the levy is open to the public",  # a case word, no personal detail
    "Is there a case for more funding?",
    "Thanks for the case workers' hard work",
])
def test_general_talk_is_not_case_information(text: str) -> None:
    assert_not_found(CASE, text, context=LCCS)


@pytest.mark.requirement("LCCS-09")
@pytest.mark.parametrize(("text", "span"), [
    ("That mother is a junkie", "That mother is a junkie"),
    ("the foster kid lives at 44 Elm Street now", "foster kid lives at 4"),
    ("her kids were taken last year and she deserves it", "her kids were taken"),
])
def test_harm_to_clients_is_found(text: str, span: str) -> None:
    assert_found(CLIENTS, text, "harmful_to_clients", span)


@pytest.mark.parametrize("text", ["The family fun day was great", "Foster parents needed in Lucas County"])
def test_talk_about_families_is_not_harmful(text: str) -> None:
    assert_not_found(CLIENTS, text)


@pytest.mark.requirement("LCCS-09")
@pytest.mark.parametrize(("text", "span", "named"), [
    ("My caseworker is a liar", "caseworker is a liar", False),
    ("Ms. Jones falsified the report", "Ms. Jones falsified", True),
    ("Pat Quinlan should be fired", "Pat Quinlan should be fired", True),  # a name the agency listed
    ("the supervisor's home address is on Elm", "supervisor's home address", False),
])
def test_harm_to_staff_is_found(text: str, span: str, named: bool) -> None:
    finding = assert_found(STAFF, text, "harmful_to_staff", span, LCCS)
    assert ("a named staff member" in finding.explanation) is named


@pytest.mark.parametrize("text", ["Our caseworker was wonderful and kind", "Staff training is on Friday"])
def test_praise_of_staff_is_not_harmful(text: str) -> None:
    assert_not_found(STAFF, text, context=LCCS)


@pytest.mark.requirement("LCCS-09")
@pytest.mark.parametrize(("text", "span"), [
    ("I think my neighbor is beating her kids, please help", "beating her kids"),
    ("the little boy next door is left alone all day and has bruises", "boy next door is left alone"),
    ("I want to report child abuse", "report child abuse"),
    ("those kids are being starved", "are being starved"),
    ("my niece has bruises every time she comes back from her dad's", "niece has bruises"),
])
def test_possible_abuse_reports_are_urgent(text: str, span: str) -> None:
    finding = assert_found(ABUSE, text, "child_abuse_report", span, LCCS)
    assert finding.severity == URGENT
    assert finding.explanation.startswith("URGENT")
    assert "PIO" in finding.explanation and "designee" in finding.explanation
    assert "419-213-CARE (2273)" in finding.explanation  # the hotline procedure, from the pack
    assert "Do not remove this comment silently" in finding.explanation


@pytest.mark.parametrize("text", [
    "April is Child Abuse Prevention Month: learn the signs of neglect",
    "My kids loved the hayride",
    "That song is a hit with the kids",
])
def test_prevention_messages_are_not_reports(text: str) -> None:
    assert_not_found(ABUSE, text, context=LCCS)


def test_default_hotline_when_the_pack_has_none() -> None:
    (finding,) = reported(ABUSE, "I think the baby next door is neglected")
    assert "911" in finding.explanation
