"""Checks for a new account password, the NIST SP 800-63B way (KY-03).

What NIST SP 800-63B asks of a password verifier, and what this does:
- a minimum length (15 characters for a password used on its own), and at least 64 accepted;
- every printing character, the space and any Unicode character accepted; each Unicode code
  point counts as one character;
- the password compared against a blocklist of common and breached passwords (Django's list of
  about 20,000), context-specific words (the agency, the platform, the account's name and
  handle) and repetitive or sequential strings;
- and NO composition rules: nothing ever asks for a digit, a capital or a symbol.

Every refusal names its rule and says why, so a person knows what to change. No ORM: the
caller passes the minimum length and the context words.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import django.contrib.auth

NIST_MINIMUM = 15         # SP 800-63B: a password used as a single factor
NIST_FLOOR = 8            # SP 800-63B: never shorter, even as part of multi-factor authentication
MAX_LENGTH = 1024         # NIST asks for at least 64; the platforms' own limits are the real cap
MIN_DISTINCT = 5
CONTEXT_MIN_WORD = 4
COMMON_PASSWORDS = Path(django.contrib.auth.__file__).parent / "common-passwords.txt.gz"
# Runs attackers try first: the alphabet, the digits, and keyboard rows (US and German layouts).
SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "1234567890", "qwertyuiop", "qwertzuiop",
             "asdfghjkl", "yxcvbnm", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p")


RULE_TITLES = {
    "length": "Length",
    "characters": "Characters",
    "blocklist": "Common or breached password",
    "context": "Context-specific word",
    "repetitive": "Repetitive",
    "sequential": "Sequential",
}


@dataclass(frozen=True)
class Refusal:
    rule: str
    message: str

    @property
    def title(self) -> str:
        return RULE_TITLES[self.rule]

    def __str__(self) -> str:
        return f"{self.title}: {self.message}"


@dataclass(frozen=True)
class Context:
    """Words an attacker would try first for this account, and where each comes from."""

    words: tuple[tuple[str, str], ...] = ()   # (word, "the agency's name")

    @classmethod
    def of(cls, sources: Iterable[tuple[str, str]]) -> Context:
        found: dict[str, str] = {}
        for text, source in sources:
            for word in re.findall(r"\w+", _fold(text or "")):
                if len(word) >= CONTEXT_MIN_WORD and not word.isdigit():
                    found.setdefault(word, source)
        return cls(tuple(found.items()))


def _fold(text: str) -> str:
    """The form compared against lists: compatibility-normalized (NFKC) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def length_of(password: str) -> int:
    """Characters as a person types them: one per Unicode code point, after composition (NFC)."""
    return len(unicodedata.normalize("NFC", password))


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(_fold(line.strip()) for line in lines if line.strip())


# --- the rules: each returns a refusal or None ------------------------------------------------

def _too_short(password: str, min_length: int, context: Context) -> Refusal | None:
    count = length_of(password)
    if count >= min_length:
        return None
    return Refusal("length", f"Use at least {min_length} characters (this one has {count}). Length is what "
                             "makes a password hard to guess; a few unrelated words make a long one easy to type.")


def _too_long(password: str, min_length: int, context: Context) -> Refusal | None:
    if length_of(password) <= MAX_LENGTH:
        return None
    return Refusal("length", f"Use at most {MAX_LENGTH} characters.")


def _control_characters(password: str, min_length: int, context: Context) -> Refusal | None:
    if not any(unicodedata.category(char) in ("Cc", "Cs") for char in password):
        return None
    return Refusal("characters", "It contains a control character (such as a tab or a line break), which cannot "
                                 "be typed into a sign-in form. Every letter, digit, space and symbol is accepted.")


def _blocklisted(password: str, min_length: int, context: Context) -> Refusal | None:
    if _fold(password) not in common_passwords():
        return None
    return Refusal("blocklist", "It is on the list of common and breached passwords that attackers try first. "
                                "Choose something nobody else is likely to use.")


def _context_word(password: str, min_length: int, context: Context) -> Refusal | None:
    folded = _fold(password)
    for word, source in context.words:
        if word in folded:
            return Refusal("context", f"It contains “{word}”, from {source}. Attackers try the names that go "
                                      "with an account first.")
    return None


def _repetitive(password: str, min_length: int, context: Context) -> Refusal | None:
    folded = _fold(password)
    if _is_repeated_unit(folded):
        return Refusal("repetitive", "It is one short pattern repeated (like “abcabcabc”), which attackers try "
                                     "early.")
    if len(set(folded)) < MIN_DISTINCT:
        return Refusal("repetitive", f"It uses fewer than {MIN_DISTINCT} different characters.")
    if _longest_run(folded) * 2 >= len(folded):
        return Refusal("repetitive", "One character repeats for half of its length or more.")
    return None


def _sequential(password: str, min_length: int, context: Context) -> Refusal | None:
    folded = _fold(password)
    if _sequential_share(folded) * 2 < len(folded):
        return None
    return Refusal("sequential", "It is mostly runs of consecutive characters (like “abcd”, “4321” or “qwerty”), "
                                 "which attackers try early.")


RULES: list[Callable[[str, int, Context], Refusal | None]] = [
    _too_short, _too_long, _control_characters, _blocklisted, _context_word, _repetitive, _sequential]


def check_password(password: str, *, min_length: int = NIST_MINIMUM, context: Context | None = None) -> list[Refusal]:
    """Every rule the password breaks, in a fixed order; an empty list means it is accepted."""
    ctx = context or Context()
    if not password:
        return [Refusal("length", "Enter the password: an empty one protects nothing.")]
    return [refusal for rule in RULES if (refusal := rule(password, max(min_length, NIST_FLOOR), ctx))]


# --- helpers ----------------------------------------------------------------------------------

def _is_repeated_unit(text: str) -> bool:
    size = len(text)
    return any(size % unit == 0 and text[:unit] * (size // unit) == text for unit in range(1, size // 2 + 1))


def _longest_run(text: str) -> int:
    longest = current = 0
    for index, char in enumerate(text):
        current = current + 1 if index and text[index - 1] == char else 1
        longest = max(longest, current)
    return longest


@lru_cache(maxsize=1)
def _steps() -> frozenset[tuple[str, str]]:
    pairs = {(seq[i], seq[i + 1]) for seq in SEQUENCES for i in range(len(seq) - 1)}
    return frozenset(pairs | {(b, a) for a, b in pairs})


def _sequential_share(text: str) -> int:
    """How many characters sit in runs of three or more consecutive characters of a sequence."""
    covered, run = 0, 1
    for index in range(1, len(text) + 1):
        if index < len(text) and (text[index - 1], text[index]) in _steps():
            run += 1
            continue
        covered += run if run >= 3 else 0
        run = 1
    return covered
