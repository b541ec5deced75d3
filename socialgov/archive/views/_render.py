"""Safe rendering of archived text: everything escaped, web links made clickable, diffs of versions."""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

_LINK = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}"


def linked_text(text: str) -> SafeString:
    """``text`` escaped, with http(s) links as anchors that pass no referrer power (nofollow noopener)."""
    parts: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        url = match.group(0)
        trimmed = url.rstrip(_TRAILING)
        parts.append(escape(text[position:match.start()]))
        parts.append(format_html('<a class="usa-link" href="{}" rel="nofollow noopener noreferrer">{}</a>',
                                 trimmed, trimmed))
        parts.append(escape(url[len(trimmed):]))
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part was escaped above


def _words(text: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", text)


def text_diff(before: str, after: str) -> SafeString:
    """A word-by-word diff: removed words in ``<del>``, added ones in ``<ins>``, all escaped."""
    old, new = _words(before), _words(after)
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(format_html('<del class="sg-diff-del"><span class="usa-sr-only">[removed: </span>{}'
                                     '<span class="usa-sr-only">]</span></del>', "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html('<ins class="sg-diff-ins"><span class="usa-sr-only">[added: </span>{}'
                                     '<span class="usa-sr-only">]</span></ins>', "".join(new[j1:j2])))
    return mark_safe("".join(parts))  # noqa: S308 - every part was escaped above


def field_changes(before, after) -> list[str]:
    """Other fields that changed between two versions, named for a person."""
    names = {"links": "links", "hashtags": "hashtags", "mentions": "mentions", "media": "media",
             "language": "language", "markup": "markup"}
    return [label for name, label in names.items() if getattr(before, name) != getattr(after, name)]
