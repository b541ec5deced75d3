"""Shared, cached views of one text, so a dozen classifiers read it once.

Speed comes from cheap prefilters: each classifier first asks whether any of
its trigger words occur (a set intersection), and runs its regexes only then.
The views are cached per text object, which the registry passes unchanged to
every classifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_WORD_BYTES = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789'" else 0x20 for c in range(256))
# A written number: digits joined by what phone, card and identifier formats put between their groups (spaces,
# brackets, dots, plus, slash, hash, hyphen) and by a phone extension's word. Every PII pattern over digits
# matches inside one such run, so a recognizer that needs nine digits can skip a text whose longest run has fewer.
# Spelt as runs of one character class, not a repeated alternation, which the engine steps through a character at a
# time: a third faster. A run may end in separators ("555-0100 ("): only its digits are counted.
_NUMBER = re.compile(r"\d[\d\s().+/#-]*(?:(?:extension|ext|x)[\d\s().+/#-]*)*")
_NOT_DIGITS = re.compile(r"\D+")
_NO_ASCII_DIGITS = str.maketrans("", "", "0123456789")


@lru_cache(maxsize=64)
def lower(text: str) -> str:
    """Lower case with the same length as ``text``, so offsets stay valid."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. U+0130) lower to two
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


@lru_cache(maxsize=64)
def words(text: str) -> frozenset[str]:
    """The distinct lower-case words of ``text``: "don't" and "i'm" kept whole, "worker's" also as "worker".

    The words ``_WORD`` finds, found faster: every character that cannot be in a word ([a-z0-9']) becomes a
    space in one byte translation (non-ASCII characters, which ``[a-z0-9]`` never matches, by way of "?"), and
    the text is split there. Only a piece with an apostrophe goes through the regex (in "rock'n'roll" or
    "'quoted'" not every apostrophe belongs to a word). Half the time of ``_WORD.findall`` on comments.
    """
    low = lower(text)
    ascii_bytes = low.encode() if low.isascii() else low.encode("ascii", "replace")
    pieces = ascii_bytes.translate(_WORD_BYTES).decode("ascii").split()
    if "'" not in low:
        return frozenset(pieces)
    found: list[str] = []
    for piece in pieces:
        if "'" in piece:
            found += _WORD.findall(piece)
        else:
            found.append(piece)
    found += [w.partition("'")[0] for w in found if "'" in w]
    return frozenset(found)


@lru_cache(maxsize=64)
def longest_number(text: str) -> int:
    """How many digits the longest written number of ``text`` has ("call 555-0100 ext. 12": 9; none: 0)."""
    runs = _NUMBER.findall(text)
    if not runs:
        return 0
    return max([len(run) - len(run.translate(_NO_ASCII_DIGITS)) if run.isascii() else len(_NOT_DIGITS.sub("", run))
                for run in runs])


def word_count(text: str) -> int:
    return len(_WORD.findall(lower(text)))


def quote(text: str, start: int, end: int, limit: int = 60) -> str:
    """``text[start:end]`` as a short quotation for an explanation."""
    fragment = " ".join(text[start:end].split())
    if len(fragment) > limit:
        fragment = fragment[: limit - 1] + "…"
    return f"“{fragment}”"


def mask(text: str, start: int, end: int, keep: int = 4) -> str:
    """A quotation of a sensitive value that shows only its last ``keep`` characters."""
    value = text[start:end]
    shown = value[-keep:] if len(value) > keep else ""
    return "“…" + shown + "”" if shown else "(value withheld)"


def any_word(vocabulary: frozenset[str], text: str) -> bool:
    return not vocabulary.isdisjoint(words(text))


def phrase_regex(phrases: Iterable[str], *, flags: int = 0) -> re.Pattern[str]:
    """One regex for many literal phrases, factored as a trie so it stays fast.

    Phrases are matched as whole words; a space in a phrase matches any run of
    spaces or hyphens.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(r"\b(?:" + _trie_regex(trie) + r")\b", flags)


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = [_char(c) + _trie_regex(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def _char(char: str) -> str:
    return r"[\s-]+" if char == " " else re.escape(char)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(spans)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
