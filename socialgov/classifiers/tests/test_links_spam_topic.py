"""LCCS-09 (4) spam and links to other sites (LAC-05 allowed domains), LCCS-09 (5) off-topic."""

from __future__ import annotations

import pytest

from socialgov.classifiers import Context
from socialgov.classifiers.builtin.links import ExternalLinkClassifier, find_links
from socialgov.classifiers.builtin.spam import SpamClassifier
from socialgov.classifiers.builtin.topic import OffTopicClassifier
from socialgov.classifiers.text import lower, words

from .support import assert_found, assert_not_found, reported

LINKS, SPAM, OFF_TOPIC = ExternalLinkClassifier(), SpamClassifier(), OffTopicClassifier()
LACOUNTY = Context(allowed_domains=("lacounty.gov",), include_subdomains=True)


@pytest.mark.requirement("LCCS-09")
@pytest.mark.parametrize(("text", "span", "host"), [
    ("see https://example.com/page?x=1.", "https://example.com/page?x=1", "example.com"),
    ("go to www.foo.org now", "www.foo.org", "foo.org"),
    ("bit.ly/3xYz", "bit.ly/3xYz", "bit.ly"),
    ("(details at news.example.co.uk/story)", "news.example.co.uk/story", "news.example.co.uk"),
    ("lacounty.gov.evil.com/login", "lacounty.gov.evil.com/login", "lacounty.gov.evil.com"),
])
def test_links_outside_the_allowed_domains_are_flagged(text: str, span: str, host: str) -> None:
    finding = assert_found(LINKS, text, "external_link", span, LACOUNTY)
    assert host.removeprefix("www.") in finding.explanation and "lacounty.gov" in finding.explanation


@pytest.mark.parametrize("text", [
    "apply at https://dcfs.lacounty.gov/apply",
    "www.lacounty.gov",
    "mail me at someone@example.com",  # an address, not a link
    "e.g. this, i.e. that, file.txt",
])
def test_allowed_domains_and_non_links_pass(text: str) -> None:
    assert_not_found(LINKS, text, context=LACOUNTY)


def test_subdomains_can_be_refused() -> None:
    strict = Context(allowed_domains=("lacounty.gov",), include_subdomains=False)
    assert_found(LINKS, "https://dcfs.lacounty.gov/x", "external_link", "https://dcfs.lacounty.gov/x", strict)


def test_without_allowed_domains_every_link_is_flagged_and_the_explanation_says_so() -> None:
    finding = assert_found(LINKS, "https://lacounty.gov", "external_link", "https://lacounty.gov")
    assert "no allowed domains" in finding.explanation


def test_link_shorteners_are_called_out() -> None:
    finding = assert_found(LINKS, "tinyurl.com/abc", "external_link", "tinyurl.com/abc")
    assert "shortener" in finding.explanation


def test_find_links_returns_hosts() -> None:
    assert [h for _, _, h in find_links("a http://A.example.com/x and b.org")] == ["a.example.com", "b.org"]


SPAM_CASES = [
    ("Check out my new channel, please subscribe!!", "Check out my new channel"),
    ("Make $500 a day working from home, click here", "Make $500"),
    ("Win a free iPhone at bit.ly/abc", "free iPhone"),
    ("sub 4 sub anyone?", "sub 4 sub"),
    ("Hey guys I'm a 16 year old rapper, give me a chance", "I'm a 16 year old rapper"),
    ("sorry for the spam but please visit my blog", "visit my blog"),
    ("free gift cards here: www.example.biz", "free gift cards"),
    ("Just give me 10 seconds of your time and listen", "10 seconds of your time"),
    ("Everyone who reads this comment, join our discord", "Everyone who reads this comment"),
    ("Vote for me in the contest! like my fan page", "Vote for me"),
    ("Free PayPal money for everyone, it works", "Free PayPal"),
    ("My forex mentor turned $500 into $9,000", "forex mentor"),
    ("Contact him directly on WhatsApp +1 555 0100", "Contact him directly on WhatsApp"),
    # engagement bait: asking for likes on the comment itself
    ("Like this comment if you remember the old fountain", "Like this comment"),
    ("Thumbs up if you read the whole thread 👍", "Thumbs up if you"),
    ("Don't like this comment unless you're from Toledo", "Don't like this comment"),
    # exchanges of follows, and calls to subscribe however they are spelt
    ("follow 4 follow, like 4 like", "follow 4 follow"),
    ("f4f anyone", "f4f"),
    ("Like & subscribe!!", "Like & subscribe"),
    ("SUBSCRIBE", "SUBSCRIBE"),
    ("plz suscribe, only 3 subscribers so far", "plz suscribe"),
    ("Please become my first subscriber", "become my first subscriber"),
    ("Come check me out, I rap about my city", "check me out"),
    ("check out my slow acoustic cover", "check out my slow acoustic cover"),
    # a wallet to pay into, and a video link without its domain
    ("Help a student: bitcoin 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
    ("my vid is at watch?v=Zx81Qq_0aZ", "watch?v=Zx81Qq_0aZ"),
]


@pytest.mark.requirement("LCCS-09")
@pytest.mark.parametrize(("text", "cue"), SPAM_CASES)
def test_comment_spam_is_found(text: str, cue: str) -> None:
    finding = assert_found(SPAM, text, "spam", cue)
    assert finding.explanation.startswith("Reads like comment spam:")


HAM_CASES = [
    "I love this song so much",
    "Great video, thanks for sharing!",
    "Who is watching in 2026?",
    "my kids loved the free swim lessons",
    "How do I subscribe to the newsletter?",
    "Please contact her by email about the permit",
    "It took a few minutes of my time to fill in the form",
    "I will vote for the levy in November",
    "I would like if you could fix the streetlight on Elm",
    "I like this post, thank you for the update",
    "Thumbs up to the crew who fixed the road so fast",
    "Please share this post with anyone who needs the shelter information",
    "Just like my post from yesterday, the road is still closed",
    "I subscribed to the alerts but got nothing",
    "Check out the new library hours",
    "My case number is 1A2B3C4D5E6F7G8H9J0K1L2M3N4P",
    "Four for four on the fire drills this year",
]


@pytest.mark.parametrize("text", HAM_CASES)
def test_ordinary_comments_are_not_spam(text: str) -> None:
    assert_not_found(SPAM, text)


def test_the_indexed_cue_lookup_finds_what_trying_every_cue_finds() -> None:
    from socialgov.classifiers.builtin import cues
    from socialgov.classifiers.builtin.spam import _TRIGGERS, CUES  # noqa: PLC2701 - the classifier's own cue list

    texts = [text for cases in SPAM_CASES for text in (cases[0], cases[0].upper(), "ok " + cases[0] + " ok")]
    texts += HAM_CASES
    assert len(CUES) > cues._INDEXED
    for text in texts:
        every = [cues.Hit(cue, *m.span()) for cue in CUES
                 if cue.applies(words(text)) for m in cue.pattern.finditer(lower(text))]
        assert cues.find(text, CUES, _TRIGGERS) == every, text


def test_spam_explanation_lists_every_kind_of_evidence() -> None:
    (finding,) = reported(SPAM, "Check out my channel http://bit.ly/x")
    assert "self-promotion" in finding.explanation and "a link" in finding.explanation


FOSTERING = Context(topic_keywords=("foster care", "adoption", "parenting", "children services"),
                    account_purpose="Information on agency services for children and families")


@pytest.mark.requirement("LCCS-09")
def test_clearly_off_topic_comment_is_found() -> None:
    text = "The football game last night was amazing and the quarterback threw four touchdowns in the second half"
    finding = assert_found(OFF_TOPIC, text, "off_topic", text, FOSTERING)
    assert "foster care" in finding.explanation


@pytest.mark.parametrize("text", [
    "Thank you!",  # too short to have a subject
    "We adopted our son through your agency five years ago and the parenting classes were wonderful",
    "Where can I find the schedule for the football fundraiser for the center this weekend please",
])
def test_on_topic_or_short_comments_are_not_off_topic(text: str) -> None:
    assert_not_found(OFF_TOPIC, text, context=FOSTERING)


def test_off_topic_needs_the_accounts_topics() -> None:
    text = "The football game last night was amazing and the quarterback threw four touchdowns in the second half"
    assert_not_found(OFF_TOPIC, text)  # no purpose or keywords: nothing to judge against


def test_min_words_option() -> None:
    short = "The quarterback threw four touchdowns yesterday"
    assert_not_found(OFF_TOPIC, short, context=FOSTERING)
    assert_found(OffTopicClassifier(min_words=3), short, "off_topic", short, FOSTERING)
