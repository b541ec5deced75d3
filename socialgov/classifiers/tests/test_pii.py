"""LCCS-09 (9): personally identifiable information, recognizer by recognizer."""

from __future__ import annotations

import random
import re

import pytest

from socialgov.classifiers import Context
from socialgov.classifiers.builtin.checksums import aba_routing_valid, card_brand, iban_valid, luhn_valid
from socialgov.classifiers.builtin.pii import RECOGNIZERS, PIIClassifier, _resolve_overlaps, contact, numbers
from socialgov.classifiers.text import longest_number

from .support import assert_found, assert_not_found, reported

PII = PIIClassifier()

FOUND = [
    # (text, label, span)
    ("My SSN is 123-45-6780, please help", "pii.ssn", "123-45-6780"),
    ("social security number 512 44 1234", "pii.ssn", "512 44 1234"),
    ("SSN: 512441234", "pii.ssn", "512441234"),
    ("Call me at (419) 213-2273 tonight", "pii.phone", "(419) 213-2273"),
    ("my cell is 419.555.0199", "pii.phone", "419.555.0199"),
    ("office 1-800-555-0199 ext. 42", "pii.phone", "1-800-555-0199 ext. 42"),
    ("reach her on +44 20 7946 0958", "pii.phone", "+44 20 7946 0958"),
    ("text 555-0142 after six", "pii.phone", "555-0142"),
    ("phone number: 030 1234 5678", "pii.phone", "030 1234 5678"),
    ("email jane.doe+kids@example.org.", "pii.email", "jane.doe+kids@example.org"),
    ("I live at 1234 North Main Street, Apt 4B, Toledo, OH 43604.", "pii.address",
     "1234 North Main Street, Apt 4B, Toledo, OH 43604"),
    ("send it to 77 Oak Ave", "pii.address", "77 Oak Ave"),
    ("P.O. Box 123, Springfield, IL 62701", "pii.address", "P.O. Box 123, Springfield, IL 62701"),
    ("DOB: 01/02/1985", "pii.date_of_birth", "01/02/1985"),
    ("she was born on March 3rd, 2019 at St. Vincent", "pii.date_of_birth", "March 3rd, 2019"),
    ("driver's license number D123-4567-8901", "pii.driver_license", "D123-4567-8901"),
    ("DL# S53042157723", "pii.driver_license", "S53042157723"),
    ("card 4111 1111 1111 1111 exp 12/25", "pii.credit_card", "4111 1111 1111 1111"),
    ("amex 378282246310005", "pii.credit_card", "378282246310005"),
    ("IBAN GB82 WEST 1234 5698 7654 32 please", "pii.bank_account", "GB82 WEST 1234 5698 7654 32"),
    ("routing 021000021 for the deposit", "pii.bank_account", "021000021"),
    ("my checking account 12345678901", "pii.bank_account", "12345678901"),
    ("logged in from 192.168.10.254 yesterday", "pii.ip_address", "192.168.10.254"),
    ("the DNS server is 1.1.1.1", "pii.ip_address", "1.1.1.1"),
    ("address fe80::1ff:fe23:4567:890a", "pii.ip_address", "fe80::1ff:fe23:4567:890a"),
    ("my router is dead:beef::cafe", "pii.ip_address", "dead:beef::cafe"),  # not one decimal digit
    ("My name is Jane Smith and I need help", "pii.person_name", "Jane Smith"),
    ("my son Jake is in foster care", "pii.person_name", "Jake"),
    ("my caseworker Ms. Jones never calls", "pii.person_name", "Jones"),
    ("Mr. O'Neil said so", "pii.person_name", "O'Neil"),
]

NOT_FOUND = [
    # (text, label or None for every label)
    ("Thanks for the workshop last week!", None),
    ("The meeting is at 10:30 on 2024-05-06 in room 204.", None),
    ("We served 1,234,567 meals in 2023.", None),
    ("Invalid SSN 000-12-3456 and 666-12-3456 and 912-34-5678", "pii.ssn"),
    ("a bare nine-digit number 123456780 is not an SSN", "pii.ssn"),
    ("the example number 078-05-1120 is famous", "pii.ssn"),
    ("4111 1111 1111 1112 fails Luhn", "pii.credit_card"),
    ("order 1234567890123 shipped", "pii.credit_card"),
    ("GB82 WEST 1234 5698 7654 33 has bad check digits", "pii.bank_account"),
    ("version 1.2.3 released", "pii.ip_address"),
    ("my birthday party was fun on 05/06/2020 with cake", "pii.driver_license"),
    ("the date 05/06/2020 is a holiday", "pii.date_of_birth"),
    ("licensed since 2012, 45 years of service", "pii.driver_license"),
    ("The Director said nothing", "pii.person_name"),
    ("the ZIP code 43604-1234", "pii.phone"),
]


@pytest.mark.requirement("LCCS-09")
@pytest.mark.parametrize(("text", "label", "span"), FOUND)
def test_pii_is_found_with_its_span(text: str, label: str, span: str) -> None:
    finding = assert_found(PII, text, label, span)
    assert finding.severity == "normal"


@pytest.mark.requirement("LCCS-09")
@pytest.mark.parametrize(("text", "label"), NOT_FOUND)
def test_pii_is_not_found(text: str, label: str | None) -> None:
    assert_not_found(PII, text, label)


@pytest.mark.parametrize(("text", "secret"), [
    ("My SSN is 123-45-6780", "123-45-6780"),
    ("card 4111111111111111", "4111111111111111"),
    ("my checking account 12345678901", "12345678901"),
])
def test_explanations_do_not_repeat_the_secret(text: str, secret: str) -> None:
    (finding,) = reported(PII, text)
    assert secret not in finding.explanation
    assert secret[-4:] in finding.explanation  # the last four, so a moderator can tell which


def test_explanation_says_why() -> None:
    (finding,) = reported(PII, "My SSN is 123-45-6780")
    assert "Social Security number" in finding.explanation and "“ssn”" in finding.explanation.lower()


def test_overlapping_readings_keep_the_most_confident() -> None:
    findings = reported(PII, "card 4111-1111-1111-1111")
    assert [f.label for f in findings] == ["pii.credit_card"]


def test_types_option_limits_the_recognizers() -> None:
    only_email = PIIClassifier(types=["pii.email"])
    text = "mail a@b.org or call (419) 213-2273"
    assert [f.label for f in only_email.classify(text, Context())] == ["pii.email"]
    with pytest.raises(TypeError, match="unknown PII types"):
        PIIClassifier(types=["pii.shoe_size"])


@pytest.mark.parametrize(("text", "digits"), [
    ("no digits here", 0), ("born 1990, 3 kids", 4), ("(419) 213-2273", 10), ("call 555-0100 ext. 12", 9),
    ("+44 20 7946 0958", 12), ("card 4111-1111-1111-1111 exp 12/27", 16), ("room 12 and room 34", 2),
    ("SSN ١٢٣-٤٥-٦٧٨٩", 9),  # digits of any script, as \d reads them
])
def test_longest_number_counts_the_digits_of_one_written_number(text: str, digits: int) -> None:
    assert longest_number(text) == digits


def _number_soup(rng: random.Random) -> str:
    """Digits in groups, with every separator, extension word and context word the PII patterns know."""
    pieces = [" ", "-", ".", "(", ")", "+", "/", "#", " ext. ", " x", " extension ", "\t", "\n", ", ", "00", "+1 ",
              "call ", "phone ", "SSN ", "card ", "acct ", "tel: ", "born ", "IBAN GB", "WEST", "a", "Main St "]
    return "".join(rng.choice(pieces) if rng.random() < 0.5 else "".join(rng.choices("0123456789", k=rng.randint(1, 5)))
                   for _ in range(rng.randint(3, 16)))


SOUP = [_number_soup(random.Random(seed)) for seed in range(4000)]
DIGIT_PATTERNS = [numbers._SSN, numbers._CARD, numbers._ACCOUNT_NUMBER, numbers._IPV4, contact._NANP,
                  contact._INTERNATIONAL, contact._NATIONAL, contact._LOCAL]


def test_every_digit_pattern_matches_within_one_written_number() -> None:
    """Why a recognizer may skip a text whose longest written number is shorter than its numbers."""
    for text in SOUP:
        longest = longest_number(text)
        for pattern in DIGIT_PATTERNS:
            for m in pattern.finditer(text):
                assert len(re.sub(r"\D", "", m.group(0))) <= longest, (pattern.pattern[:30], text, m.group(0))


def test_skipping_short_numbers_loses_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """The classifier, which skips recognizers (the phone and IP recognizers some of their patterns) by the
    longest number, finds what every recognizer finds with nothing skipped."""
    context = Context()
    texts = SOUP + [text for text, _, _ in FOUND]
    found = [[(f.label, f.start, f.end) for f in PII.classify(text, context)] for text in texts]
    for module in (contact, numbers):
        monkeypatch.setattr(module, "longest_number", lambda text: 1000)
    for text, got in zip(texts, found, strict=True):
        everything = [hit for recognizer in RECOGNIZERS.values() for hit in recognizer(text, context)]
        expected = [(h[0], h[2], h[3]) for h in _resolve_overlaps(everything)] if everything else []
        assert got == expected, text


@pytest.mark.parametrize(("digits", "valid"), [("4111111111111111", True), ("4111111111111112", False),
                                                ("79927398713", True), ("378282246310005", True)])
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid


@pytest.mark.parametrize(("iban", "valid"), [("GB82WEST12345698765432", True), ("DE89370400440532013000", True),
                                              ("GB82WEST12345698765433", False), ("XX82WEST12345698765432", False)])
def test_iban(iban: str, valid: bool) -> None:
    assert iban_valid(iban) is valid


@pytest.mark.parametrize(("number", "valid"), [("021000021", True), ("011000015", True), ("021000022", False),
                                                ("991000021", False)])
def test_aba_routing(number: str, valid: bool) -> None:
    assert aba_routing_valid(number) is valid


@pytest.mark.parametrize(("digits", "brand"), [("4111111111111111", "Visa"), ("5555555555554444", "Mastercard"),
                                                ("378282246310005", "American Express"),
                                                ("6011111111111117", "Discover"), ("1234567812345670", None)])
def test_card_brand(digits: str, brand: str | None) -> None:
    assert card_brand(digits) == brand
