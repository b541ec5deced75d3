"""Span-level and text-level scores."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .data import Span


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass
class SpanScores:
    by_type: dict[str, Counts] = field(default_factory=dict)

    def counts(self, entity_type: str) -> Counts:
        return self.by_type.setdefault(entity_type, Counts())

    def micro(self, types: Iterable[str]) -> Counts:
        total = Counts()
        for t in types:
            total.add(self.counts(t))
        return total


def overlap_ratio(a: Span, b: Span) -> float:
    """Intersection over union of two character ranges."""
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / (max(a.end, b.end) - min(a.start, b.start))


def trimmed(text: str, span: Span) -> Span:
    """The span without surrounding whitespace and trailing punctuation (for the exact-match variant)."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return Span(span.type, start, end)


def score_spans(scores: SpanScores, text: str, gold: Sequence[Span], predicted: Sequence[Span],
                types: frozenset[str], *, exact: bool = False, min_overlap: float = 0.5) -> None:
    """Add one text's matches: same type and overlap >= ``min_overlap`` (or identical trimmed spans), one-to-one."""
    gold = [g for g in gold if g.type in types]
    predicted = [p for p in predicted if p.type in types]
    unmatched = list(gold)
    for p in sorted(predicted, key=lambda s: (s.start, s.end)):
        match = None
        for g in unmatched:
            if g.type != p.type:
                continue
            if (trimmed(text, g) == trimmed(text, p)) if exact else overlap_ratio(g, p) >= min_overlap:
                match = g
                break
        if match is None:
            scores.counts(p.type).fp += 1
        else:
            unmatched.remove(match)
            scores.counts(p.type).tp += 1
    for g in unmatched:
        scores.counts(g.type).fn += 1


def binary_counts(gold: Sequence[bool], predicted: Sequence[bool]) -> Counts:
    counts = Counts()
    for g, p in zip(gold, predicted, strict=True):
        counts.tp += g and p
        counts.fp += p and not g
        counts.fn += g and not p
    return counts


def agreement(a: Sequence[bool], b: Sequence[bool]) -> tuple[float, float, dict[str, int]]:
    """Raw agreement, Cohen's kappa and the contingency counts of two binary raters."""
    n = len(a)
    both = sum(x and y for x, y in zip(a, b, strict=True))
    only_a = sum(x and not y for x, y in zip(a, b, strict=True))
    only_b = sum(y and not x for x, y in zip(a, b, strict=True))
    neither = n - both - only_a - only_b
    observed = (both + neither) / n if n else 0.0
    pa, pb = (both + only_a) / n if n else 0.0, (both + only_b) / n if n else 0.0
    expected = pa * pb + (1 - pa) * (1 - pb)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    return observed, kappa, {"both": both, "ours_only": only_a, "theirs_only": only_b, "neither": neither}
