"""KY-09 Federal Tax Information, KY-06 litigation, LCCS-09 (6) illegal activity, (7) promotion, (8) copyright."""

from __future__ import annotations

import pytest

from socialgov.classifiers.builtin.legal import (
    CopyrightClassifier,
    FederalTaxInfoClassifier,
    IllegalActivityClassifier,
    LitigationClassifier,
)
from socialgov.classifiers.builtin.promotion import PromotionClassifier

from .support import assert_found, assert_not_found

FTI, LITIGATION, ILLEGAL = FederalTaxInfoClassifier(), LitigationClassifier(), IllegalActivityClassifier()
PROMOTION, COPYRIGHT = PromotionClassifier(), CopyrightClassifier()


@pytest.mark.requirement("KY-09")
@pytest.mark.parametrize(("text", "span"), [
    ("Our EIN is 12-3456789 for the tax filing", "12-3456789"),
    ("my ITIN 912-78-1234 was on the return", "912-78-1234"),
    ("My 1040 shows a refund of $3,200", "1040 shows a refund of $3,200"),
    ("the IRS says he owes $12,400 in back taxes", "irs says he owes $12,400"),
    ("AGI: $48,211 on her tax return", "AGI: $48,211"),
    ("I can send you my tax transcript", "my tax transcript"),
    ("Employer identification number 12-3456780", "12-3456780"),  # no other tax word, no 9
    ("ITIN 912 78 1234", "912 78 1234"),
])
def test_federal_tax_information_is_found(text: str, span: str) -> None:
    finding = assert_found(FTI, text, "federal_tax_info", _same_case(text, span.lower()))
    assert "FTI must never be released" in finding.explanation


def _same_case(text: str, span: str) -> str:
    start = text.lower().index(span)
    return text[start:start + len(span)]


@pytest.mark.requirement("KY-09")
@pytest.mark.parametrize("text", [
    "The levy on the ballot is a property tax",
    "Call 12-3456789",  # EIN shape, but no tax context
    "Free tax preparation help at the library on Saturday",
    "Form 1040 instructions are on irs.gov",
])
def test_tax_talk_without_return_data_is_not_fti(text: str) -> None:
    assert_not_found(FTI, text)


@pytest.mark.requirement("KY-06")
@pytest.mark.parametrize(("text", "span"), [
    ("I'm going to sue the county", "sue"),
    ("My attorney will contact you", "My attorney"),
    ("see you in court", "see you in court"),
    ("this is about Smith v. Lucas County Children Services", "Smith v. Lucas County Children Services"),
    ("Doe v. Ohio Department of Job and Family Services", "Doe v. Ohio Department of Job"),
    ("filed under 3:23-cv-01234 in the Northern District", "3:23-cv-01234"),
    ("the case of Smith\tv.\tLucas County", "Smith\tv.\tLucas County"),
    ("Doe vs\nLucas County Children Services", "Doe vs\nLucas County Children Services"),
    ("we filed a lawsuit last week", "lawsuit"),
    ("I was subpoenaed for the deposition", "subpoenaed"),
])
def test_litigation_is_found(text: str, span: str) -> None:
    assert_found(LITIGATION, text, "litigation", _same_case(text, span.lower()))


@pytest.mark.requirement("KY-06")
@pytest.mark.parametrize("text", [
    "The court appointed special advocates program needs volunteers",
    "Lawyer Appreciation Day? no, Volunteer Appreciation Day!",
    "My favorite TV show is Law and Order",
])
def test_ordinary_legal_words_are_not_litigation(text: str) -> None:
    assert_not_found(LITIGATION, text)


@pytest.mark.requirement("LCCS-09")
@pytest.mark.parametrize(("text", "span"), [
    ("selling weed dm me", "selling weed"),
    ("hmu for xanax bars", "hmu for xanax"),
    ("fake IDs for sale, cheap", "fake ids"),
    ("just hide the kids from CPS until it blows over", "hide the kids from cps"),
    ("here's how to pass a drug test with synthetic urine", "pass a drug test"),
    ("let's loot the store", "let's loot"),
])
def test_advocacy_of_illegal_activity_is_found(text: str, span: str) -> None:
    assert_found(ILLEGAL, text, "illegal_activity", _same_case(text, span))


@pytest.mark.parametrize("text", [
    "Naloxone saves lives: free kits at the health department",
    "Drug take-back day is Saturday",
    "How to talk to teens about drugs",
])
def test_talk_about_drugs_is_not_advocacy(text: str) -> None:
    assert_not_found(ILLEGAL, text)


@pytest.mark.requirement("LCCS-09")
@pytest.mark.parametrize(("text", "span"), [
    ("Vote for Smith for mayor 2026", "Vote for"),
    ("Re-elect Judge Brown", "Re-elect Judge"),
    ("donate to my campaign today", "donate to my campaign"),
    ("We offer affordable daycare, call us today", "We offer affordable"),
    ("20% off all car seats this week", "20% off"),
    ("free consultation with our custody lawyers", "free consultation"),
])
def test_promotion_is_found(text: str, span: str) -> None:
    assert_found(PROMOTION, text, "promotion", _same_case(text, span.lower()))


@pytest.mark.parametrize("text", [
    "When is the election for the levy?",
    "The library offers free books for kids",
    "Thank you for all you do",
])
def test_ordinary_talk_is_not_promotion(text: str) -> None:
    assert_not_found(PROMOTION, text)


@pytest.mark.requirement("LCCS-09")
@pytest.mark.parametrize(("text", "span"), [
    ("Watch the full movie free here", "watch the full movie free"),
    ("download it on pirate bay", "pirate bay"),
    ("No copyright infringement intended", "no copyright infringement intended"),
    ("I don't own the rights to this song", "i don't own the rights"),
    ("Replica Rolex watches, best price", "replica rolex"),
    ("keygen in the description", "keygen"),
])
def test_copyright_and_trademark_infringement_is_found(text: str, span: str) -> None:
    assert_found(COPYRIGHT, text, "copyright", _same_case(text, span))


@pytest.mark.parametrize("text", [
    "Great movie night at the center!",
    "Download the foster parent application here",
    "Our logo is a registered trademark of the county",
])
def test_ordinary_downloads_are_not_infringement(text: str) -> None:
    assert_not_found(COPYRIGHT, text)
