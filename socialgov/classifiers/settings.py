"""From a policy pack (and an account) to a Registry and a Context.

A pack's ``classifiers`` section has this shape (every key optional)::

    classifiers:
      enabled: [default, profanity_check]  # "default" = every built-in classifier
      disabled: [off_topic]                # taken out of enabled
      plugins: {sentiment: "mypkg.sentiment:SentimentClassifier"}
      thresholds: {"*": 0.5, spam: 0.7, pii: 0.6, pii.person_name: 0.8}
      options: {pii: {types: [pii.ssn, pii.email]}}
      case_number_patterns: ['\\b\\d{2}-[A-Z]{2}-\\d{5}\\b']
      allowed_domains: [lucascountychildren.org]  # default: the pack's links.allowed_domains
      include_subdomains: true                    # default: the pack's links.include_subdomains
      hotline: "Call 419-213-CARE (2273), or 911 ..." # default: the pack's comment notice
      staff_names: []
      topic_keywords: [foster, adoption]          # usually per account
      account_purpose: ""                         # usually per account
      phone_regions: [US]

Threshold keys are a label (``pii.ssn``), a category prefix (``pii``), a
classifier name, or ``*``; the most specific one wins. The account's own
settings (purpose, topic keywords, more allowed domains) are laid over the
pack's by :func:`context_for`. ``enabled``, ``disabled``, ``plugins`` and
``options`` shape the Registry (:func:`registry_for`); the rest is Context.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .base import DEFAULT_HOTLINE, Context
from .registry import BUILTIN, DEFAULT_ENABLED, ClassifierConfigError, Registry

SECTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "enabled": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "disabled": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "plugins": {"type": "object", "additionalProperties": {"type": "string"}},
        "thresholds": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1}},
        "options": {"type": "object", "additionalProperties": {"type": "object"}},
        "case_number_patterns": {"type": "array", "items": {"type": "string"}},
        "allowed_domains": {"type": "array", "items": {"type": "string"}},
        "include_subdomains": {"type": "boolean"},
        "hotline": {"type": "string"},
        "staff_names": {"type": "array", "items": {"type": "string"}},
        "topic_keywords": {"type": "array", "items": {"type": "string"}},
        "account_purpose": {"type": "string"},
        "phone_regions": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{2}$"}},
    },
}

_LIST_KEYS = ("enabled", "disabled", "case_number_patterns", "allowed_domains", "staff_names", "topic_keywords",
              "phone_regions")
_MAP_KEYS = ("plugins", "thresholds", "options")
_STR_KEYS = ("hotline", "account_purpose")


def section_problems(section: Any) -> list[str]:
    """Every problem in a ``classifiers`` section, each naming its path; [] if it is fine."""
    if section is None:
        return []
    if not isinstance(section, Mapping):
        return ["classifiers: must be a mapping"]
    problems = [f"classifiers.{key}: unknown key" for key in section if key not in SECTION_SCHEMA["properties"]]
    problems += _shape_problems(section)
    for key, value in (section.get("thresholds") or {}).items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            problems.append(f"classifiers.thresholds.{key}: must be a number from 0 to 1")
    for i, pattern in enumerate(section.get("case_number_patterns") or ()):
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            problems.append(f"classifiers.case_number_patterns[{i}]: not a valid regular expression: {exc}")
    if not problems:
        try:
            registry_for(section)
        except ClassifierConfigError as exc:
            problems.append(f"classifiers: {exc}")
    return problems


def _shape_problems(section: Mapping[str, Any]) -> list[str]:
    problems = []
    for key in _LIST_KEYS:
        value = section.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            problems.append(f"classifiers.{key}: must be a list of strings")
    for key in _MAP_KEYS:
        if section.get(key) is not None and not isinstance(section[key], Mapping):
            problems.append(f"classifiers.{key}: must be a mapping")
    for key in _STR_KEYS:
        if section.get(key) is not None and not isinstance(section[key], str):
            problems.append(f"classifiers.{key}: must be a string")
    return problems


def registry_for(section: Mapping[str, Any] | None, *, use_entry_points: bool = True) -> Registry:
    """The registry a pack's ``classifiers`` section asks for (every built-in one when absent)."""
    section = section or {}
    names: list[str] = []
    for name in section.get("enabled") or ["default"]:
        names.extend(DEFAULT_ENABLED if name == "default" else [name])
    disabled = set(section.get("disabled") or ())
    return Registry(
        [n for n in names if n not in disabled],
        plugins=section.get("plugins") or {},
        options=section.get("options") or {},
        use_entry_points=use_entry_points,
    )


def context_for(pack_data: Mapping[str, Any] | None = None, account: Mapping[str, Any] | None = None) -> Context:
    """The Context for one account under one pack (``Pack.data``); either may be absent."""
    pack_data = pack_data or {}
    section: Mapping[str, Any] = pack_data.get("classifiers") or {}
    links: Mapping[str, Any] = pack_data.get("links") or {}
    account = account or {}
    allowed = [*(section.get("allowed_domains") or links.get("allowed_domains") or ()),
               *(account.get("allowed_domains") or ())]
    return Context(
        case_number_patterns=tuple(section.get("case_number_patterns") or ()),
        allowed_domains=tuple(dict.fromkeys(d.lower().strip(".") for d in allowed)),
        include_subdomains=bool(section.get("include_subdomains", links.get("include_subdomains", True))),
        account_purpose=str(account.get("purpose") or section.get("account_purpose") or ""),
        topic_keywords=tuple(account.get("topic_keywords") or section.get("topic_keywords") or ()),
        hotline=section.get("hotline") or hotline_from_notice(_notice(pack_data)) or DEFAULT_HOTLINE,
        staff_names=tuple([*(section.get("staff_names") or ()), *(account.get("staff_names") or ())]),
        phone_regions=tuple(section.get("phone_regions") or ("US",)),
        thresholds=dict(section.get("thresholds") or {}),
    )


def _notice(pack_data: Mapping[str, Any]) -> str:
    notice = (pack_data.get("texts") or {}).get("comment_notice") or {}
    return notice.get("text", "") if isinstance(notice, Mapping) else ""


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_REPORTING = re.compile(r"\d{3}|\b(?:call|calling|dial|hotline)\b", re.IGNORECASE)


def hotline_from_notice(notice: str) -> str:
    """The sentences of a comment notice that say whom to call (LCCS: '… 419-213-CARE (2273) or dial 911 …')."""
    sentences = [s.strip() for s in _SENTENCE.split(notice) if _REPORTING.search(s)]
    return " ".join(sentences)


def builtin_names() -> tuple[str, ...]:
    return tuple(BUILTIN)
