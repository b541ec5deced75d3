"""LCCS-09 (5): content that is clearly off topic for the account.

"Clearly" is the policy's word, so this classifier is conservative: it judges
only when the account has stated its purpose or topic keywords, only
comments long enough to have a subject (``min_words`` content words, default
8), and flags one that shares no word stem with the account's topics. Short
reactions ("Thank you!") and questions to the agency are never off topic here.
Options: ``min_words``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..base import Classifier, Context, Finding
from ..text import lower

_WORD = re.compile(r"[a-z]{3,}")
STOPWORDS = frozenset(
    [
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our",
        "out", "day", "get", "has", "him", "his", "how", "man", "new", "now", "old", "see", "two", "way", "who",
        "boy", "did", "its", "let", "put", "say", "she", "too", "use", "that", "with", "have", "this", "will", "your",
        "from", "they", "know", "want", "been", "good", "much", "some", "time", "very", "when", "come", "here",
        "just", "like", "long", "make", "many", "more", "only", "over", "such", "take", "than", "them", "well",
        "were", "what", "about", "after", "again", "also", "back", "because", "before", "being", "below", "between",
        "both", "could", "does", "doing", "down", "during", "each", "few", "further", "into", "itself", "most",
        "myself", "other", "ought", "ours", "same", "should", "their", "theirs", "then", "there", "these", "those",
        "through", "under", "until", "which", "while", "whom", "why", "would", "yours", "yourself", "really",
        "people", "thing", "things", "going", "think", "still", "even", "every", "never", "always", "something",
        "anything", "nothing", "everyone", "someone", "today", "tomorrow", "yesterday", "year", "years", "week",
        "said", "says", "tell", "told", "anyone", "where"
    ]
)
_AGENCY_ADDRESS = re.compile(r"\b(?:thank|thanks|your\s+(?:office|agency|staff|page|department)|you\s+guys|how\s+do"
                             r"|where\s+can|can\s+i|who\s+do|question)\b")


def stem(word: str) -> str:
    """A crude stem (the first five letters) so "adopt", "adoption" and "adopting" meet."""
    return word[:5]


@lru_cache(maxsize=64)
def _topic_stems(keywords: tuple[str, ...], purpose: str) -> frozenset[str]:
    vocabulary = [w for k in keywords for w in _WORD.findall(k.lower())] + _WORD.findall(purpose.lower())
    return frozenset(stem(w) for w in vocabulary if w not in STOPWORDS)


class OffTopicClassifier(Classifier):
    """Clearly off-topic content, judged against the account's purpose and topic keywords."""

    name = "off_topic"
    version = "1"
    labels = ("off_topic",)

    def __init__(self, min_words: int = 8, **options: Any) -> None:
        super().__init__(**options)
        self.min_words = int(min_words)

    def classify(self, text: str, context: Context) -> list[Finding]:
        if not (context.topic_keywords or context.account_purpose):
            return []  # nothing to judge against
        low = lower(text)
        content = [w for w in _WORD.findall(low) if w not in STOPWORDS]
        if len(content) < self.min_words or _AGENCY_ADDRESS.search(low):
            return []
        topics = _topic_stems(tuple(context.topic_keywords), context.account_purpose)
        if any(stem(w) in topics for w in content):
            return []
        score = 0.65 if len(content) >= 2 * self.min_words else 0.55
        about = ", ".join(context.topic_keywords[:8]) or context.account_purpose[:80]
        return [self.finding("off_topic", score, 0, len(text),
                             f"Clearly off topic: none of its {len(content)} content words relates to the account's "
                             f"topics ({about}).")]
