"""The extension point: a classifier reads text and returns findings.

Classifiers advise, people decide. A finding says what was seen (label, span,
score), who saw it (classifier name and version) and why, in words a moderator
can check against the text. Nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from .labels import label_severity

DEFAULT_THRESHOLD = 0.5
DEFAULT_HOTLINE = (
    "the agency's child abuse and neglect hotline, or 911 if a child is in immediate danger"
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a classifier saw: ``text[start:end]`` carries ``label`` with confidence ``score``."""

    label: str
    score: float
    start: int
    end: int
    explanation: str
    classifier: str
    classifier_version: str = ""
    severity: str = "normal"

    def as_dict(self) -> dict[str, Any]:
        """The stable public form (the ``socialgov classify`` output contract)."""
        return {
            "label": self.label,
            "score": round(self.score, 4),
            "start": self.start,
            "end": self.end,
            "explanation": self.explanation,
            "classifier": self.classifier,
        }

    def as_record(self) -> dict[str, Any]:
        """Everything, for keeping with a moderation case: adds version and severity."""
        return {**self.as_dict(), "classifier_version": self.classifier_version, "severity": self.severity}


@dataclass(frozen=True)
class Context:
    """What a classifier may know about where the text appears.

    Built from a policy pack's ``classifiers`` section and the account's
    settings (see ``socialgov.classifiers.settings``); every field has a safe
    empty default, so ``Context()`` works for ad-hoc use. Treat it as read-only.
    """

    case_number_patterns: tuple[str, ...] = ()  # the agency's case/file number formats (regexes)
    allowed_domains: tuple[str, ...] = ()  # LAC-05: links to these (and subdomains) are fine
    include_subdomains: bool = True
    account_purpose: str = ""  # the account's stated purpose, for off-topic
    topic_keywords: tuple[str, ...] = ()  # words that make a comment on-topic
    hotline: str = DEFAULT_HOTLINE  # how to report child abuse, quoted in urgent explanations
    staff_names: tuple[str, ...] = ()  # names of staff (caseworkers) the agency wants protected
    phone_regions: tuple[str, ...] = ("US",)  # national phone formats read without a + prefix
    thresholds: Mapping[str, float] = field(default_factory=dict)  # label/category/classifier -> min score

    @cached_property
    def case_number_regexes(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.case_number_patterns)

    @cached_property
    def staff_name_regex(self) -> re.Pattern[str] | None:
        names = sorted({n.strip() for n in self.staff_names if n.strip()}, key=len, reverse=True)
        if not names:
            return None
        return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)

    def threshold(self, label: str, classifier: str) -> float:
        """Minimum score to report ``label``: most specific setting wins (label, its category, classifier, ``*``)."""
        t = self.thresholds
        if not t:
            return DEFAULT_THRESHOLD
        for key in (label, label.partition(".")[0], classifier, "*"):
            if key in t:
                return float(t[key])
        return DEFAULT_THRESHOLD


EMPTY_CONTEXT = Context()


class Classifier:
    """Base class of every content classifier (built-in or third-party).

    Subclass it, set the class attributes and implement :meth:`classify`:

    * ``name`` — a stable registry key (``"pii"``, ``"spam"``); findings carry it.
    * ``version`` — bump it when what the classifier decides changes, so a
      kept finding says which logic produced it.
    * ``labels`` — every label it can emit. Built-in labels are described in
      ``socialgov.classifiers.labels``; a plugin's own labels are fine too.
    * ``classify(text, context)`` — return findings with character offsets into
      ``text`` and an explanation a moderator can verify. Return ``[]`` fast
      when the text cannot contain what you look for.
    * ``trigger_words`` — optional: when every finding needs one of some words,
      name them, and the registry skips texts without any (most texts).
    * ``classify_many(texts, context)`` — override when the work batches well
      (a vectorised model); the default calls ``classify`` per text.

    Import heavy dependencies inside ``__init__`` or ``classify``, never at
    module level: the registry imports a classifier only when it is enabled.
    Options come from the pack's ``classifiers.options.<name>`` mapping as
    keyword arguments: declare the ones you take as named parameters and pass
    the rest to ``super().__init__(**options)``, which refuses unknown ones.
    """

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    labels: ClassVar[tuple[str, ...]] = ()
    #: Words (as ``socialgov.classifiers.text.words`` reads a text) of which a text must hold one for
    #: ``classify`` to find anything, whatever the context; None when there are no such words. The
    #: registry does not call the classifier for a text that has none of them.
    trigger_words: ClassVar[frozenset[str] | None] = None

    def __init__(self, **options: Any) -> None:
        # A subclass takes its options as named parameters; anything left over is a mistake in the pack.
        if options:
            raise TypeError(f"unexpected option(s) {', '.join(sorted(options))} for {type(self).__name__}")

    def classify(self, text: str, context: Context = EMPTY_CONTEXT) -> list[Finding]:
        raise NotImplementedError

    def classify_many(self, texts: Sequence[str], context: Context = EMPTY_CONTEXT) -> list[list[Finding]]:
        classify = self.classify
        return [classify(text, context) for text in texts]

    def finding(self, label: str, score: float, start: int, end: int, explanation: str) -> Finding:
        return Finding(
            label=label,
            score=min(1.0, max(0.0, score)),
            start=start,
            end=end,
            explanation=explanation,
            classifier=self.name,
            classifier_version=self.version,
            severity=label_severity(label),
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} v{self.version}>"


def merge_findings(parts: Iterable[list[Finding]]) -> list[Finding]:
    """All findings of one text, in reading order (then most confident first)."""
    merged = [f for part in parts for f in part]
    if len(merged) > 1:
            merged.sort(key=lambda f: (f.start, -f.score, f.end, f.label))
    return merged
