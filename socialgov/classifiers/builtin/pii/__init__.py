"""LCCS-09 (9), KY-05: personally identifiable information, by fast recognizers.

Each recognizer follows the format's own rules (SSA number ranges, NANP,
ITU-T E.164 via ``phonenumbers``, ISO/IEC 7812 Luhn and IIN prefixes, ISO
13616 IBAN check digits, ABA routing checksums, RFC 5321 address shape, USPS
Publication 28 street suffixes) and weighs the words around a candidate: a
bare nine-digit number is not an SSN, "SSN 123456789" is. Explanations mask
the value so the finding does not repeat what it protects.

Every recognizer is behind a prefilter (a written number with enough digits, an
"@", a trigger word), so a text without any costs a few set look-ups.
"""

from __future__ import annotations

from typing import Any

from ...base import Classifier, Context, Finding
from ...labels import PII_TYPES
from ...text import longest_number
from .common import Hit, Recognizer
from .contact import addresses, emails, phones
from .numbers import banks, cards, ips, ssns
from .personal import births, licenses, names

RECOGNIZERS: dict[str, Recognizer] = {
    "pii.email": emails,
    "pii.ssn": ssns,
    "pii.credit_card": cards,
    "pii.bank_account": banks,
    "pii.phone": phones,
    "pii.ip_address": ips,
    "pii.date_of_birth": births,
    "pii.driver_license": licenses,
    "pii.address": addresses,
    "pii.person_name": names,
}
# The digits a recognizer's every match holds in one written number (text.longest_number): an SSN nine, a card
# twelve, a phone number seven (a NANP local number); the others at least one. Not the IP recognizer: an IPv6
# address may be hexadecimal letters only ("dead:beef::cafe"); it gates its IPv4 pattern on four digits itself.
_MIN_DIGITS = {"pii.ssn": 9, "pii.credit_card": 12, "pii.phone": 7, "pii.date_of_birth": 1,
               "pii.driver_license": 1, "pii.address": 1, "pii.bank_account": 1}


class PIIClassifier(Classifier):
    """Personally identifiable information (LCCS-09 (9), KY-05).

    Option ``types``: the PII labels to look for (default: all of them).
    """

    name = "pii"
    version = "2"  # 2: IPv6 addresses without a decimal digit are found
    labels = tuple(PII_TYPES)

    def __init__(self, types: list[str] | None = None, **options: Any) -> None:
        super().__init__(**options)
        unknown = set(types or ()) - set(RECOGNIZERS)
        if unknown:
            raise TypeError(f"unknown PII types {sorted(unknown)}; known: {sorted(RECOGNIZERS)}")
        chosen = [k for k in RECOGNIZERS if types is None or k in types]
        self._with_digits = [(_MIN_DIGITS[k], RECOGNIZERS[k]) for k in chosen if k in _MIN_DIGITS]
        self._always = [RECOGNIZERS[k] for k in chosen if k not in _MIN_DIGITS]

    def classify(self, text: str, context: Context) -> list[Finding]:
        hits: list[Hit] = []
        for recognizer in self._always:
            hits += recognizer(text, context)
        digits = longest_number(text)
        if digits:
            for needed, recognizer in self._with_digits:
                if digits >= needed:
                    hits += recognizer(text, context)
        if not hits:
            return []
        return [self.finding(*hit) for hit in _resolve_overlaps(hits)]


def _resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    """One reading per span: the most confident (then longest) wins an overlap."""
    if len(hits) == 1:
        return hits
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-h[1], h[2] - h[3])):
        if all(hit[3] <= c[2] or hit[2] >= c[3] for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h[2])
