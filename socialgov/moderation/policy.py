"""What the pack in force says about moderation (its ``moderation`` section), with the defaults.

The section (every key optional)::

    moderation:
      cite: "§ 8 Comments policy"
      classifiers: {enabled: [default], thresholds: {"*": 0.5}}   # socialgov.classifiers.settings
      rules: {pii: "§ 8 item 9", vulgarity: "§ 8, 'LCCS reserves the right…'"}  # category -> cite
      removal_requires_second_person: false
      no_case_when_alone: [off_topic]   # labels too weak to open a case on their own
      removal_record_series: Routine Commentary/Dialogue           # NJ-18
      retention_note: Kept until eligible for disposition under the records schedule.
      author_notice: {removal: "…", hide: "…"}
      urgent: {procedure: "…", cite: "…"}                           # LCCS-10
      moderators: {roles: [pio, moderator], content_moderator: true, account_administrators: true}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from socialgov.agencies.roles import Role
from socialgov.classifiers import CATEGORIES, LABELS

Pack = Mapping[str, Any] | None

DEFAULT_RECORD_SERIES = "Routine Commentary/Dialogue"
DEFAULT_RETENTION_NOTE = ("Kept in the archive until eligible for disposition under the records retention schedule "
                          "for routine commentary/dialogue; never destroyed before.")
DEFAULT_NOTICES = {
    "removal": ("Your comment on {account} was removed because it did not follow our posted comment policy "
                "({category}). The policy is on our page."),
    "hide": ("Your comment on {account} was hidden because it did not follow our posted comment policy "
             "({category}). The policy is on our page."),
}
DEFAULT_URGENT_PROCEDURE = (
    "This comment may report child abuse or neglect. The page does not accept such reports: tell the PIO and the "
    "designee at once; they follow the agency's hotline procedure (call the agency's child abuse and neglect "
    "hotline, or 911 if a child is in immediate danger), record who was told, when, and the referral reference. "
    "Never remove the comment silently.")
DEFAULT_MODERATOR_ROLES = (Role.PIO, Role.MODERATOR)
# A comment whose only findings are these labels opens no case: off-topic alone is a weak signal (an
# imported archive of replies in another language flooded the queue with them).
DEFAULT_NO_CASE_WHEN_ALONE = ("off_topic",)


def section(pack: Pack) -> Mapping[str, Any]:
    return (pack or {}).get("moderation") or {}


def pack_identity(adoption) -> tuple[str, str]:
    return (adoption.pack_name, adoption.pack_version) if adoption else ("", "")


def classifier_section(pack: Pack) -> Mapping[str, Any]:
    return section(pack).get("classifiers") or {}


def classifier_pack_data(pack: Pack) -> dict[str, Any]:
    """What ``socialgov.classifiers.context_for`` reads: the pack, its classifier settings at the top."""
    return {**(pack or {}), "classifiers": dict(classifier_section(pack))}


def second_person(pack: Pack) -> bool:
    return bool(section(pack).get("removal_requires_second_person", False))


def no_case_when_alone(pack: Pack) -> frozenset[str]:
    """Labels that open no case when they are all a comment's findings (``[]``: every label opens one)."""
    labels = section(pack).get("no_case_when_alone")
    return frozenset(DEFAULT_NO_CASE_WHEN_ALONE if labels is None else labels)


def record_series(pack: Pack) -> str:
    return section(pack).get("removal_record_series") or DEFAULT_RECORD_SERIES


def retention_note(pack: Pack) -> str:
    return section(pack).get("retention_note") or DEFAULT_RETENTION_NOTE


def author_notice(pack: Pack, decision: str) -> str:
    notices = section(pack).get("author_notice") or {}
    return notices.get(decision) or DEFAULT_NOTICES.get(decision, "")


def urgent_procedure(pack: Pack) -> str:
    return (section(pack).get("urgent") or {}).get("procedure") or DEFAULT_URGENT_PROCEDURE


def moderator_roles(pack: Pack) -> tuple[str, ...]:
    return tuple((section(pack).get("moderators") or {}).get("roles") or DEFAULT_MODERATOR_ROLES)


def content_moderator_moderates(pack: Pack) -> bool:
    return bool((section(pack).get("moderators") or {}).get("content_moderator", True))


def administrators_moderate(pack: Pack) -> bool:
    return bool((section(pack).get("moderators") or {}).get("account_administrators", True))


def rule_for(pack: Pack, category: str) -> str:
    """The cite of the pack rule a decision in ``category`` applies."""
    sec = section(pack)
    return (sec.get("rules") or {}).get(category) or sec.get("cite") or ""


def category_choices() -> list[tuple[str, str]]:
    """Every category the classifiers map to, with its requirement IDs; plus 'none' for keep/restore."""
    choices = [("", "No policy category (kept or restored)")]
    for category, labels in CATEGORIES.items():
        first = LABELS[labels[0]]
        title = first.title if len(labels) == 1 else _category_title(category, first.title)
        requirements = sorted({r for key in labels for r in LABELS[key].requirements})
        choices.append((category, f"{title} ({', '.join(requirements)})"))
    return choices


def _category_title(category: str, first_title: str) -> str:
    return {"pii": "Personally identifiable information", "spam_or_links": "Spam or links to other sites"}.get(
        category, first_title)


def category_requirements(category: str) -> list[str]:
    return sorted({r for key in CATEGORIES.get(category, ()) for r in LABELS[key].requirements})


def category_title(category: str) -> str:
    return dict(category_choices()).get(category, category or "none").split(" (")[0]
