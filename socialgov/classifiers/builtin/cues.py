"""Cues: the building block of the lexical classifiers.

A cue is a named regex over the lower-cased text with a weight (how much it
alone suggests the label) and trigger word groups: it is tried only when every
group has a word in the text (``{"check", "visit"}`` and ``{"channel",
"video"}``), which keeps clean texts cheap — most texts never reach a regex.
Weights combine as a noisy-or: two independent 0.5 cues make 0.75.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..base import Classifier, Context, Finding
from ..text import lower, quote, words


@dataclass(frozen=True)
class Cue:
    name: str  # what the cue means, for the explanation ("self-promotion")
    weight: float
    pattern: re.Pattern[str]
    triggers: frozenset[str]  # one of these words must occur; empty: always tried
    also: tuple[frozenset[str], ...] = ()  # and one word of each of these groups

    def applies(self, ws: frozenset[str]) -> bool:
        if self.triggers and self.triggers.isdisjoint(ws):
            return False
        return not any(group.isdisjoint(ws) for group in self.also)


def cue(name: str, weight: float, pattern: str, triggers: Iterable[str] = (), *also: Iterable[str]) -> Cue:
    return Cue(name, weight, re.compile(pattern), frozenset(triggers), tuple(frozenset(g) for g in also))


@dataclass(frozen=True)
class Hit:
    cue: Cue
    start: int
    end: int


def all_triggers(cues: Sequence[Cue]) -> frozenset[str] | None:
    """The words any cue needs, or None when some cue needs none (then no word prefilter is possible)."""
    if any(not c.triggers for c in cues):
        return None
    return frozenset().union(*(c.triggers for c in cues))


def find(text: str, cues: Sequence[Cue], triggers: frozenset[str] | None = None) -> list[Hit]:
    """Every match of every cue whose trigger words occur in ``text``.

    ``triggers`` (from :func:`all_triggers`) lets a text with none of them
    return at once. (An index from word to cue was tried: the set building
    cost more than the few ``isdisjoint`` calls it saved.)
    """
    ws = words(text)
    if triggers is not None and triggers.isdisjoint(ws):
        return []
    low = lower(text)
    hits = []
    for c in cues:
        if not c.applies(ws):
            continue
        hits.extend(Hit(c, m.start(), m.end()) for m in c.pattern.finditer(low))
    return hits


def noisy_or(weights: Iterable[float]) -> float:
    miss = 1.0
    for w in weights:
        miss *= 1.0 - w
    return 1.0 - miss


def strongest_per_cue(hits: Sequence[Hit]) -> list[Hit]:
    """The first hit of each cue, strongest cue first (a cue repeated is one piece of evidence)."""
    seen: dict[str, Hit] = {}
    for hit in hits:
        seen.setdefault(hit.cue.name, hit)
    return sorted(seen.values(), key=lambda h: -h.cue.weight)


def describe(text: str, hits: Sequence[Hit], limit: int = 3) -> str:
    """``self-promotion (“check out my channel”), a link (“bit.ly/x”)``."""
    parts = [f"{h.cue.name} ({quote(text, h.start, h.end, 40)})" for h in hits[:limit]]
    if len(hits) > limit:
        parts.append(f"and {len(hits) - limit} more")
    return ", ".join(parts)


def near(a: Hit, b: Hit, distance: int) -> bool:
    """Whether two hits are within ``distance`` characters of each other."""
    return a.start - distance <= b.start <= a.end + distance or b.start - distance <= a.start <= b.end + distance


class CueClassifier(Classifier):
    """A one-label classifier decided by cues: each hit is a finding with its cue's weight."""

    label = ""
    what = ""  # the explanation's opening words ("Promotion")
    cues: tuple[Cue, ...] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._triggers = all_triggers(cls.cues)

    def classify(self, text: str, context: Context) -> list[Finding]:
        return [self.finding(self.label, h.cue.weight, h.start, h.end,
                             f"{self.what}: {h.cue.name} {quote(text, h.start, h.end)}.")
                for h in find(text, self.cues, self._triggers)]
