"""The shared views of a text that every classifier reads."""

from __future__ import annotations

import random
import re

import pytest

from socialgov.classifiers.text import longest_number, lower, words

TRICKY = [
    "Don't you DARE call me, I'm done!", "the worker's car", "rock'n'roll in the 90's", "'quoted' and ''doubled''",
    "it's9 o'clock''s", "a'b'c d'9", "café naïve Ünïcödé", "x²3 ١٢٣ ＡＢＣ ǅemal İstanbul", "tab\tnew\nline",
    "e-mail: jane_doe@example.org; #hashtag @handle", "SHOUTING ALL CAPS", "", "   ", "'", "''''",
]


def _reference(text: str) -> frozenset[str]:
    """What a word is, spelt as one regex: a run of [a-z0-9], with one apostrophe and letters after it."""
    found = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", lower(text))
    found += [w.partition("'")[0] for w in found if "'" in w]
    return frozenset(found)


def _soup(rng: random.Random) -> str:
    return "".join(rng.choice("ab z09'’-_ .,!éÜ²٣\t\nİ") for _ in range(rng.randint(0, 40)))


@pytest.mark.parametrize("text", TRICKY)
def test_words_are_those_the_word_pattern_finds(text: str) -> None:
    assert words(text) == _reference(text)


def test_words_of_random_text_are_those_the_word_pattern_finds() -> None:
    for seed in range(5000):
        text = _soup(random.Random(seed))
        assert words(text) == _reference(text), text


def test_words_keep_contractions_whole_and_possessives_both_ways() -> None:
    assert words("Don't touch the worker's car") == {"don't", "don", "touch", "the", "worker's", "worker", "car"}
    assert words("café") == {"caf"}  # an accented letter ends a word, as [a-z] does


def _longest_number_reference(text: str) -> int:
    """A written number as plainly as it is defined: digits joined by any mix of separators and extension words."""
    runs = re.findall(r"\d(?:(?:[\s().+/#-]|extension|ext|x)*\d)*", text)
    return max((len(re.sub(r"\D", "", run)) for run in runs), default=0)


def _number_soup(rng: random.Random) -> str:
    pieces = ["1", "23", "4567", " ", "  ", "-", ".", "(", ")", "+", "/", "#", "x", "ext", "ext.", "extension", "exte",
              "e", "a", " x ", "\u0661\u0662", "\xa0", "\n", "\t", ","]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))


def test_longest_number_is_that_of_the_plain_definition() -> None:
    for seed in range(20_000):
        text = _number_soup(random.Random(seed))
        assert longest_number(text) == _longest_number_reference(text), text
