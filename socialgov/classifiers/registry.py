"""The registry: which classifiers exist, which are enabled, and running them.

Classifiers are named by dotted path and imported only when enabled (so a
heavy optional dependency costs nothing until a pack turns its classifier on).
Third-party packages add classifiers through the entry point group
``socialgov.classifiers``::

    [project.entry-points."socialgov.classifiers"]
    sentiment = "mypackage.sentiment:SentimentClassifier"
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib.metadata import entry_points
from itertools import islice
from typing import Any

from .base import EMPTY_CONTEXT, Classifier, Context, Finding, merge_findings
from .text import words

ENTRY_POINT_GROUP = "socialgov.classifiers"

_BUILTIN = "socialgov.classifiers.builtin"
BUILTIN: dict[str, str] = {
    "pii": f"{_BUILTIN}.pii:PIIClassifier",
    "confidential_case_info": f"{_BUILTIN}.agency:ConfidentialCaseInfoClassifier",
    "harmful_to_clients": f"{_BUILTIN}.agency:HarmfulToClientsClassifier",
    "harmful_to_staff": f"{_BUILTIN}.agency:HarmfulToStaffClassifier",
    "child_abuse_report": f"{_BUILTIN}.agency:ChildAbuseReportClassifier",
    "external_link": f"{_BUILTIN}.links:ExternalLinkClassifier",
    "spam": f"{_BUILTIN}.spam:SpamClassifier",
    "off_topic": f"{_BUILTIN}.topic:OffTopicClassifier",
    "illegal_activity": f"{_BUILTIN}.legal:IllegalActivityClassifier",
    "promotion": f"{_BUILTIN}.promotion:PromotionClassifier",
    "copyright": f"{_BUILTIN}.legal:CopyrightClassifier",
    "federal_tax_info": f"{_BUILTIN}.legal:FederalTaxInfoClassifier",
    "litigation": f"{_BUILTIN}.legal:LitigationClassifier",
    "vulgarity": f"{_BUILTIN}.conduct:VulgarityClassifier",
    "personal_attack": f"{_BUILTIN}.conduct:PersonalAttackClassifier",
    "hate": f"{_BUILTIN}.conduct:HateClassifier",
    "threat": f"{_BUILTIN}.conduct:ThreatClassifier",
}
# Shipped but off unless a pack enables them: they need optional packages.
OPTIONAL: dict[str, str] = {
    "profanity_check": "socialgov.classifiers.contrib.profanity_check:ProfanityCheckClassifier",
}
DEFAULT_ENABLED: tuple[str, ...] = tuple(BUILTIN)

_BATCH = 256


class ClassifierConfigError(ValueError):
    """A classifier name, path or option that cannot be used; the message says which and why."""


def import_classifier(path: str) -> type[Classifier]:
    """``"package.module:Class"`` (or ``"package.module.Class"``) -> the class."""
    module_name, sep, attr = path.partition(":")
    if not sep:
        module_name, _, attr = path.rpartition(".")
    if not module_name or not attr:
        raise ClassifierConfigError(f"{path!r} is not a dotted path like 'package.module:ClassName'")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ClassifierConfigError(f"cannot import {module_name!r} for classifier {path!r}: {exc}") from exc
    cls = getattr(module, attr, None)
    if not (isinstance(cls, type) and issubclass(cls, Classifier)):
        raise ClassifierConfigError(f"{path!r} is not a socialgov.classifiers.Classifier subclass")
    return cls


def _entry_point_catalogue() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _check_trigger_words(name: str, trigger_words: frozenset[str] | None) -> None:
    """Trigger words that no text can hold would silently switch a classifier off: refuse them."""
    if trigger_words is None:
        return
    if not trigger_words:
        raise ClassifierConfigError(f"classifier {name!r} has an empty trigger_words: no text would reach it "
                                    "(use None for a classifier that reads every text)")
    unreadable = sorted(w for w in trigger_words if not isinstance(w, str) or w not in words(w))
    if unreadable:
        raise ClassifierConfigError(
            f"classifier {name!r}: trigger_words {unreadable} are not single lower-case words as "
            "socialgov.classifiers.text.words reads a text (letters a-z and digits, \"don't\" kept whole)")


class Registry:
    """The classifiers known (built-in, optional, plugins) and the ones enabled.

    ``enabled`` names the classifiers to run (default: every built-in one);
    ``plugins`` maps extra names to dotted paths; ``options`` maps a name to the
    keyword arguments its constructor receives. Nothing is imported until a
    classifier is first used.
    """

    def __init__(
        self,
        enabled: Iterable[str] | None = None,
        *,
        plugins: Mapping[str, str | type[Classifier]] | None = None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        use_entry_points: bool = True,
    ) -> None:
        self._catalogue: dict[str, Any] = {}
        if use_entry_points:
            self._catalogue.update(_entry_point_catalogue())
        self._catalogue.update(OPTIONAL)
        self._catalogue.update(BUILTIN)
        self._catalogue.update(plugins or {})
        self._options = {name: dict(opts) for name, opts in (options or {}).items()}
        self._instances: dict[str, Classifier] = {}
        names = list(DEFAULT_ENABLED if enabled is None else enabled)
        unknown = [n for n in names if n not in self._catalogue]
        if unknown:
            raise ClassifierConfigError(
                f"unknown classifier(s): {', '.join(unknown)}; available: {', '.join(sorted(self._catalogue))}"
            )
        self.enabled_names: tuple[str, ...] = tuple(dict.fromkeys(names))

    @property
    def available(self) -> tuple[str, ...]:
        return tuple(sorted(self._catalogue))

    def register(self, name: str, target: str | type[Classifier], *, enable: bool = True) -> None:
        self._catalogue[name] = target
        self._instances.pop(name, None)
        if enable and name not in self.enabled_names:
            self.enabled_names += (name,)

    def get(self, name: str) -> Classifier:
        """The classifier instance, importing it on first use."""
        if name not in self._instances:
            self._instances[name] = self._load(name)
        return self._instances[name]

    def _load(self, name: str) -> Classifier:
        target = self._catalogue.get(name)
        if target is None:
            raise ClassifierConfigError(f"unknown classifier {name!r}")
        if isinstance(target, str):
            cls = import_classifier(target)
        elif isinstance(target, type):
            cls = target
        else:  # an entry point
            try:
                cls = target.load()
            except Exception as exc:  # a broken plugin must say so, not take the registry down
                raise ClassifierConfigError(f"cannot load plugin classifier {name!r}: {exc}") from exc
        try:
            classifier = cls(**self._options.get(name, {}))
        except ImportError as exc:
            raise ClassifierConfigError(f"classifier {name!r} needs an optional package: {exc}") from exc
        except TypeError as exc:
            raise ClassifierConfigError(f"bad options for classifier {name!r}: {exc}") from exc
        _check_trigger_words(name, classifier.trigger_words)
        return classifier

    def classifiers(self) -> list[Classifier]:
        return [self.get(name) for name in self.enabled_names]

    def classify(self, text: str, context: Context = EMPTY_CONTEXT) -> list[Finding]:
        """Every enabled classifier's findings at or above their thresholds, in reading order."""
        return next(self.classify_many([text], context))

    def classify_many(self, texts: Iterable[str], context: Context = EMPTY_CONTEXT) -> Iterator[list[Finding]]:
        """Findings per text, lazily, in input order.

        Texts go in batches: classifiers that override ``classify_many`` (a
        vectorised model) get the whole batch; the others see one text at a
        time, all of them in turn, so the shared per-text views stay cached.
        """
        classifiers = self.classifiers()
        batched = [clf for clf in classifiers if type(clf).classify_many is not Classifier.classify_many]
        per_text = [(clf.classify, clf.trigger_words) for clf in classifiers if clf not in batched]
        # A classifier with trigger words is not called for a text without one of them: one set
        # intersection per text decides for all of them, and most texts have none of the words.
        ungated = [classify for classify, gate in per_text if gate is None]
        gate_words = frozenset().union(*(gate for _, gate in per_text if gate is not None))
        threshold = context.threshold
        iterator = iter(texts)
        while batch := list(islice(iterator, _BATCH)):
            batch_results = [clf.classify_many(batch, context) for clf in batched]
            for i, text in enumerate(batch):
                present = gate_words.intersection(words(text)) if gate_words else None
                if present:
                    parts = [classify(text, context) for classify, gate in per_text
                             if gate is None or not gate.isdisjoint(present)]
                else:
                    parts = [classify(text, context) for classify in ungated]
                parts += [results[i] for results in batch_results]
                yield merge_findings(
                    [f for f in part if f.score >= threshold(f.label, f.classifier)] for part in parts if part
                )


def labels_of(findings: Sequence[Finding]) -> list[str]:
    """The distinct labels of some findings, sorted (the ``labels`` field of the CLI output)."""
    return sorted({f.label for f in findings})
