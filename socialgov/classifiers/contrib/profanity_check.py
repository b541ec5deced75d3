"""Optional: ``alt-profanity-check`` (a linear SVM over character n-grams) as a vulgarity classifier.

Not enabled by default: it needs scikit-learn (install ``alt-profanity-check``)
and is about ten times slower than the built-in lexicon. Enable it in a pack
with ``classifiers: {enabled: [default, profanity_check]}``. It judges a whole
text, so its finding spans the whole text. It vectorises batches, so it
overrides ``classify_many``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..base import EMPTY_CONTEXT, Classifier, Context, Finding


class ProfanityCheckClassifier(Classifier):
    name = "profanity_check"
    version = "1"
    labels = ("vulgarity",)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        from profanity_check import predict_prob  # the optional dependency, loaded only when enabled

        self._predict_prob = predict_prob

    def classify(self, text: str, context: Context = EMPTY_CONTEXT) -> list[Finding]:
        return self.classify_many([text], context)[0]

    def classify_many(self, texts: Sequence[str], context: Context = EMPTY_CONTEXT) -> list[list[Finding]]:
        if not texts:
            return []
        probabilities = self._predict_prob(list(texts))
        return [[self.finding("vulgarity", float(p), 0, len(t),
                              f"alt-profanity-check rates this text offensive with probability {float(p):.2f}.")]
                if p >= 0.5 else [] for t, p in zip(texts, probabilities, strict=True)]
