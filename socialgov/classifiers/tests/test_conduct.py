"""LCCS-11 and DCFS-03: vulgarity, personal attacks, attacks on groups, threats."""

from __future__ import annotations

import pytest

from socialgov.classifiers import Context, Registry
from socialgov.classifiers.builtin.conduct import (
    _SLUR_WORDS,
    INSULT_WORDS,
    VULGAR,
    HateClassifier,
    PersonalAttackClassifier,
    ThreatClassifier,
    VulgarityClassifier,
)
from socialgov.classifiers.text import words

from .support import assert_found, assert_not_found, reported

VULGARITY, ATTACK = VulgarityClassifier(), PersonalAttackClassifier()
HATE, THREAT = HateClassifier(), ThreatClassifier()


@pytest.mark.requirement("LCCS-11")
@pytest.mark.requirement("DCFS-03")
@pytest.mark.parametrize(("text", "span"), [
    ("This is fucking ridiculous", "fucking"),
    ("what a load of BULLSHIT", "BULLSHIT"),
    ("you are an asshole", "asshole"),
    ("shut up b!tch", "b!tch"),
    ("f*ck this page", "f*ck"),
    ("total sh!t service", "sh!t"),
    ("kiss my a$$", "a$$"),
    ("wtf is this", "wtf"),
])
def test_vulgar_language_is_found(text: str, span: str) -> None:
    finding = assert_found(VULGARITY, text, "vulgarity", span)
    assert "Vulgar language" in finding.explanation


@pytest.mark.requirement("LCCS-11")
@pytest.mark.parametrize("text", [
    "Thank you for the parenting class!",
    "The class assessment is on Scunthorpe Road",  # no word inside another word
    "Cocktail party for the foster parents association",
    "damn, I missed the workshop",  # mild: below the default threshold
    "Great news!!! See you @ the fair",
])
def test_clean_or_mild_language_is_not_reported(text: str) -> None:
    assert_not_found(VULGARITY, text)


def test_mild_profanity_is_found_below_the_default_threshold() -> None:
    (finding,) = VULGARITY.classify("damn, I missed it", Context())
    assert finding.score < 0.5 and "mild" in finding.explanation


@pytest.mark.requirement("LCCS-11")
@pytest.mark.requirement("DCFS-03")
@pytest.mark.parametrize(("text", "span"), [
    ("You are a pathetic excuse for an agency", "You are a pathetic"),
    ("you're such an idiot", "you're such an idiot"),
    ("She is a liar and everyone knows it", "She is a liar"),
    ("what a moron", "what a moron"),
    ("shut up already", "shut up"),
    ("go to hell", "go to hell"),
    ("nobody cares about you", "nobody cares about you"),
    ("you are a waste of space", "you are a waste of space"),
    ("he's a sorry excuse for a father", "he's a sorry excuse for a father"),
])
def test_personal_attacks_are_found(text: str, span: str) -> None:
    assert_found(ATTACK, text, "personal_attack", span)


@pytest.mark.requirement("LCCS-11")
@pytest.mark.parametrize("text", [
    "This form is useless",  # an insult word, but aimed at no one
    "I disagree with the new visitation policy.",
    "You are doing a great job, thank you!",
])
def test_criticism_is_not_a_personal_attack(text: str) -> None:
    assert_not_found(ATTACK, text)


@pytest.mark.parametrize(("name", "listed"), [("VULGAR", VULGAR), ("INSULT_WORDS", INSULT_WORDS),
                                               ("_SLUR_WORDS", _SLUR_WORDS)])
def test_word_lists_hold_only_words_a_text_can_have(name: str, listed: object) -> None:
    """These lists are looked up in a text's words, which split at hyphens, spaces and capitals are lowered:
    an entry like "camel-jockey" would never match (hyphenated slurs have their own phrase patterns)."""
    unmatchable = sorted(entry for entry in listed if words(entry) != {entry})
    assert not unmatchable, f"{name} holds entries no text's words can equal: {unmatchable}"


@pytest.mark.requirement("LCCS-11")
@pytest.mark.parametrize(("text", "span"), [
    ("Muslims are animals", "Muslims are animals"),
    ("all immigrants are criminals", "all immigrants are criminals"),
    ("deport all the Mexicans", "deport all the Mexicans"),
    ("go back to your country", "go back to your country"),
    ("those people should be deported", "those people should be deported"),
])
def test_attacks_on_groups_are_found(text: str, span: str) -> None:
    assert_found(HATE, text, "hate", span)


def test_slurs_are_found() -> None:
    finding = assert_found(HATE, "get out you kike", "hate", "kike")
    assert "slur" in finding.explanation


@pytest.mark.requirement("LCCS-11")
@pytest.mark.parametrize(("text", "span"), [
    ("go home you camel-jockey", "camel-jockey"),   # a text's words split at the hyphen: found by its parts
    ("go home you Camel Jockey", "Camel Jockey"),
    ("what a slant-eye", "slant-eye"),
])
def test_hyphenated_slurs_are_found_however_spaced(text: str, span: str) -> None:
    assert_found(HATE, text, "hate", span)
    assert "hate" in {f.label for f in Registry().classify(text)}  # the registry's skipping does not lose it


@pytest.mark.requirement("LCCS-11")
@pytest.mark.parametrize("text", [
    "Muslims are welcome at the family center",
    "Black families are over-represented in foster care, says the report",
    "Our Catholic Charities partners help immigrants",
])
def test_mentions_of_groups_are_not_hate(text: str) -> None:
    assert_not_found(HATE, text)


@pytest.mark.requirement("DCFS-03")
@pytest.mark.parametrize(("text", "span"), [
    ("I am going to kill you", "I am going to kill you"),
    ("someone should shoot that caseworker", "someone should shoot that caseworker"),
    ("I know where you live", "I know where you live"),
    ("you'll pay for this", "you'll pay"),
    ("watch your back", "watch your back"),
    ("I'll find you", "I'll find you"),
    ("gonna blow up the office", "blow up the office"),
])
def test_threats_are_found(text: str, span: str) -> None:
    finding = assert_found(THREAT, text, "threat", span)
    assert finding.explanation.startswith("Threat:")


@pytest.mark.requirement("DCFS-03")
@pytest.mark.parametrize("text", [
    "We're going to shoot the video at the park",
    "I'm going to kill it at the 5k this weekend",
    "This heat is killing me",
    "We will end the program in June",
])
def test_figures_of_speech_are_not_threats(text: str) -> None:
    assert_not_found(THREAT, text)


def test_each_attack_hit_is_its_own_finding() -> None:
    assert len(reported(ATTACK, "you are an idiot. shut up")) == 2
