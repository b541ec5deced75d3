"""Identifying numbers: SSN (SSA rules), payment cards (ISO/IEC 7812), bank accounts (ISO 13616 IBAN,
ABA routing), IP addresses.
"""

from __future__ import annotations

import ipaddress
import re

from ...base import Context
from ...text import longest_number, lower, mask, words
from ..checksums import IBAN_LENGTHS, aba_routing_valid, card_brand, iban_valid, luhn_valid
from .common import Hit, near

# The scanning patterns begin with the character a match must begin with (a digit, a capital), and check
# what may not come before it with a lookbehind placed after that character: Python's engine then skips in C
# to the candidate characters instead of trying the whole pattern at every position (measured: a third to
# a half of the instructions). Same matches and spans as the lookbehind-first spelling.

# --- US Social Security number (SSA: area 001-899 except 666, group 01-99, serial 0001-9999) ---------------------
_SSN = re.compile(r"(\d(?<![\d.-]\d)\d\d)(?<!000)(?<!666)(?<!9\d\d)"
                  r"([ .-]?)(?!00)(\d{2})\2(?!0000)(\d{4})(?![\d-]|\.\d)")
_SSN_CONTEXT = re.compile(r"\bss[n#]|\bsocial[\s-]+security|\bs\.s\.|\bssa\b|\bsocial\b")
_SSN_TRIGGERS = frozenset({"ssn", "ss", "social", "security", "ssns", "ssa"})
_SSN_EXAMPLES = frozenset({"078051120", "219099999", "123456789", "457555462"})  # published sample numbers


def ssns(text: str, context: Context) -> list[Hit]:
    low = lower(text)
    has_context_word = not _SSN_TRIGGERS.isdisjoint(words(text))
    hits = []
    for m in _SSN.finditer(text):
        digits, sep = m.group(1) + m.group(3) + m.group(4), m.group(2)
        if digits in _SSN_EXAMPLES:
            continue
        cue = near(low, m.start(), m.end(), _SSN_CONTEXT, after=10) if has_context_word else None
        score = {"-": 0.85, " ": 0.6, ".": 0.6, "": 0.4}[sep] + ((0.15 if sep == "-" else 0.3) if cue else 0.0)
        why = ("nine digits" if not sep else "3-2-4 digits") + " with valid SSA area, group and serial numbers"
        why += f", near “{cue.strip()}”" if cue else ("" if sep == "-" else ", but no SSN context words nearby")
        what = f"Looks like a Social Security number {mask(text, *m.span())}"
        hits.append(("pii.ssn", score, m.start(), m.end(), f"{what}: {why}."))
    return hits


# --- payment cards (ISO/IEC 7812: IIN prefix, length, Luhn) -------------------------------------------------------
_CARD = re.compile(r"\d(?<![\d.-]\d)(?:[ -]?\d){11,18}(?![\d]|[.-]\d)")
_CARD_CONTEXT = re.compile(r"\b(?:card|credit|debit|visa|mastercard|amex|american express|discover|cc|cvv|exp)\b")
_GROUPS = re.compile(r"[ -]")


def cards(text: str, context: Context) -> list[Hit]:
    low = lower(text)
    hits = []
    for m in _CARD.finditer(text):
        raw = m.group(0)
        digits = _GROUPS.sub("", raw)
        groups = [len(g) for g in _GROUPS.split(raw)]
        if len(groups) > 1 and (groups[0] != 4 or any(g < 4 or g > 6 for g in groups[1:-1]) or groups[-1] > 6):
            continue  # card numbers are written in groups of 4 (or 4-6-5, 4-6-4)
        if not 12 <= len(digits) <= 19 or not luhn_valid(digits):
            continue
        brand = card_brand(digits)
        cue = near(low, m.start(), m.end(), _CARD_CONTEXT, after=20)
        if brand is None and not cue:
            continue
        score = (0.9 if brand else 0.6) + (0.1 if cue else 0.0)
        what = f"{brand} prefix" if brand else "no known card prefix"
        why = f"{len(digits)} digits, passes the Luhn check, {what}" + (f", near “{cue}”" if cue else "")
        hits.append(("pii.credit_card", score, m.start(), m.end(),
                     f"Payment card number ending {digits[-4:]}: {why}."))
    return hits


# --- bank accounts: IBAN (ISO 13616) and US routing/account numbers near banking words ------------------------------
_IBAN = re.compile(r"([A-Z](?<=\b[A-Z])[A-Z]\d{2}(?: ?[A-Z0-9]){11,30})\b")
_BANK_TRIGGERS = frozenset({"account", "acct", "routing", "aba", "bank", "checking", "savings", "iban", "acc"})
_BANK_CONTEXT = re.compile(r"\b(?:account|acct|acc|routing|aba|bank|checking|savings)\b")
_ACCOUNT_NUMBER = re.compile(r"\d(?<![\w-]\d)\d{7,16}(?![\w-])")


def banks(text: str, context: Context) -> list[Hit]:
    hits = [h for m in _IBAN.finditer(text) if (h := _iban_hit(text, m))]
    if _BANK_TRIGGERS.isdisjoint(words(text)):
        return hits
    low = lower(text)
    for m in _ACCOUNT_NUMBER.finditer(text):
        cue = near(low, m.start(), m.end(), _BANK_CONTEXT)
        if not cue:
            continue
        routing = aba_routing_valid(m.group(0))
        kind = "ABA routing number (valid checksum)" if routing else "account number"
        hits.append(("pii.bank_account", 0.85 if routing else 0.75, m.start(), m.end(),
                     f"Looks like an {kind} {mask(text, *m.span())}, near “{cue}”."))
    return hits


def _iban_hit(text: str, m: re.Match[str]) -> Hit | None:
    candidate = m.group(1)
    length = _iban_length(candidate)
    if length is None:
        return None
    compact, end = "", m.start()
    for i, char in enumerate(candidate):  # the span of the first `length` characters, spaces included
        if char != " ":
            compact += char
        if len(compact) == length:
            end = m.start() + i + 1
            break
    if not iban_valid(compact):
        return None
    return ("pii.bank_account", 0.95, m.start(), end,
            f"International bank account number (IBAN, {compact[:2]}) {mask(text, m.start(), end)} "
            "with valid check digits.")


def _iban_length(candidate: str) -> int | None:
    length = IBAN_LENGTHS.get(candidate[:2])
    if length is None or len(candidate.replace(" ", "")) < length:
        return None
    return length


# --- IP addresses -------------------------------------------------------------------------------------------------
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = re.compile(rf"(?=\d)(?<![\w.])(?:{_OCTET}\.){{3}}{_OCTET}(?![\w]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|(?:\d{1,3}\.){3}\d{1,3})(?![\w:])")
# Two colons with at most four hex digits between them, which every IPv6 match holds: a pattern that opens with a
# literal, so the engine jumps between colons, where _IPV6 (whose first group may be empty) is tried everywhere.
_IPV6_HINT = re.compile(r":[0-9A-Fa-f]{0,4}:")
_IP_CONTEXT = re.compile(r"\b(?:ip|ipv4|ipv6|address|server|host|logged|login|connected)\b")


def ips(text: str, context: Context) -> list[Hit]:
    hits = []
    if "." in text and longest_number(text) >= 4:  # four octets: at least four digits joined by dots
        low = lower(text)
        for m in _IPV4.finditer(text):
            cue = near(low, m.start(), m.end(), _IP_CONTEXT)
            hits.append(("pii.ip_address", 0.95 if cue else 0.8, m.start(), m.end(),
                         "IPv4 address (four octets 0-255)" + (f", near “{cue}”." if cue else ".")))
    if ":" in text and _IPV6_HINT.search(text):
        for m in _IPV6.finditer(text):
            if len(m.group(0)) < 6:
                continue
            try:
                ipaddress.IPv6Address(m.group(0))
            except ValueError:
                continue
            hits.append(("pii.ip_address", 0.9, m.start(), m.end(),
                         "IPv6 address (valid hexadecimal groups): it can identify a person's device."))
    return hits
