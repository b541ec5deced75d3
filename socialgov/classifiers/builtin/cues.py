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
from typing import NamedTuple

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


class Hit(NamedTuple):  # a tuple, not a frozen dataclass: made for every match, so cheap to make
    cue: Cue
    start: int
    end: int


def all_triggers(cues: Sequence[Cue]) -> frozenset[str] | None:
    """The words any cue needs, or None when some cue needs none (then no word prefilter is possible)."""
    if any(not c.triggers for c in cues):
        return None
    return frozenset().union(*(c.triggers for c in cues))


def find(text: str, cues: Sequence[Cue], triggers: frozenset[str] | None = None) -> list[Hit]:
    """Every match of every cue whose trigger words occur in ``text``, in the order of ``cues``.

    ``triggers`` (from :func:`all_triggers`) lets a text with none of them
    return at once. A long list of cues that all have triggers is reached
    through an index from trigger word to cues: a text that passes usually
    has one or two of the words, so two or three cues are looked at, not
    all of them.
    """
    ws = words(text)
    if triggers is not None and triggers.isdisjoint(ws):
        return []
    index = _index(cues) if len(cues) > _INDEXED else None
    if index is not None:  # the cues reached through the index have a trigger word in the text
        present = index[0].intersection(ws)
        if not present:
            return []
        positions = index[1]
        if len(present) == 1:
            cues = [cues[i] for i in positions[next(iter(present))]]
        else:
            cues = [cues[i] for i in sorted({i for word in present for i in positions[word]})]
    else:
        cues = [c for c in cues if not (c.triggers and c.triggers.isdisjoint(ws))]
    low = None
    hits = []
    for c in cues:       # Cue.applies inlined, and its generator spelt as a loop: this runs for every text
        for group in c.also:
            if group.isdisjoint(ws):
                break
        else:
            if low is None:
                low = lower(text)
            for m in c.pattern.finditer(low):
                hits.append(Hit(c, *m.span()))
    return hits


_INDEXED = 8   # cue lists longer than this are indexed
_INDEXES: dict[int, tuple[Sequence[Cue], frozenset[str], dict[str, tuple[int, ...]]]] = {}


def _index(cues: Sequence[Cue]) -> tuple[frozenset[str], dict[str, tuple[int, ...]]] | None:
    """Trigger word -> positions of the cues it triggers, for a list of cues that all have triggers; built once
    per list (the lists are module constants; the entry keeps its list, so an id is never reused)."""
    entry = _INDEXES.get(id(cues))
    if entry is None or entry[0] is not cues:
        if any(not c.triggers for c in cues):
            _INDEXES[id(cues)] = entry = (cues, frozenset(), {})
        else:
            positions: dict[str, list[int]] = {}
            for i, c in enumerate(cues):
                for word in c.triggers:
                    positions.setdefault(word, []).append(i)
            _INDEXES[id(cues)] = entry = (cues, frozenset(positions), {w: tuple(p) for w, p in positions.items()})
    return (entry[1], entry[2]) if entry[2] else None


def noisy_or(weights: Iterable[float]) -> float:
    miss = 1.0
    for w in weights:
        miss *= 1.0 - w
    return 1.0 - miss


def strongest_per_cue(hits: Sequence[Hit]) -> list[Hit]:
    """One hit per cue name, the strongest (the first of equals), strongest first: a move made twice, or
    matched by two phrasings of the same name, is one piece of evidence."""
    seen: dict[str, Hit] = {}
    for hit in hits:
        kept = seen.get(hit.cue.name)
        if kept is None or hit.cue.weight > kept.cue.weight:
            seen[hit.cue.name] = hit
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
        if cls.classify is CueClassifier.classify:  # a subclass that adds to classify must name its own
            cls.trigger_words = cls._triggers

    def classify(self, text: str, context: Context) -> list[Finding]:
        return [self.finding(self.label, h.cue.weight, h.start, h.end,
                             f"{self.what}: {h.cue.name} {quote(text, h.start, h.end)}.")
                for h in find(text, self.cues, self._triggers)]
