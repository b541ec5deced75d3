"""Content analysis: classifiers that read text and return findings. A library: no ORM here.

    >>> from socialgov.classifiers import Registry, Context
    >>> registry = Registry()                      # every built-in classifier
    >>> [f.label for f in registry.classify("Call me at (419) 555-0134", Context())]
    ['pii.phone']

Classifiers advise, people decide: every finding carries the classifier's name
and version and an explanation a moderator can check. See docs/classifiers.md.
"""

from __future__ import annotations

from .base import DEFAULT_THRESHOLD, EMPTY_CONTEXT, Classifier, Context, Finding
from .labels import CATEGORIES, LABELS, PII_TYPES, URGENT, Label
from .registry import (
    BUILTIN,
    DEFAULT_ENABLED,
    ENTRY_POINT_GROUP,
    OPTIONAL,
    ClassifierConfigError,
    Registry,
    import_classifier,
    labels_of,
)
from .settings import SECTION_SCHEMA, context_for, registry_for, section_problems

__all__ = [
    "BUILTIN",
    "CATEGORIES",
    "DEFAULT_ENABLED",
    "DEFAULT_THRESHOLD",
    "EMPTY_CONTEXT",
    "ENTRY_POINT_GROUP",
    "LABELS",
    "OPTIONAL",
    "PII_TYPES",
    "SECTION_SCHEMA",
    "URGENT",
    "Classifier",
    "ClassifierConfigError",
    "Context",
    "Finding",
    "Label",
    "Registry",
    "context_for",
    "import_classifier",
    "labels_of",
    "registry_for",
    "section_problems",
]
