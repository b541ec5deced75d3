"""What the PII recognizers share: the hit tuple and the context-word look-around."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...base import Context

# A recognizer returns (label, score, start, end, explanation) tuples.
Hit = tuple[str, float, int, int, str]
Recognizer = Callable[[str, Context], list[Hit]]

NEAR = 40  # characters before a candidate in which a context word counts


def near(low: str, start: int, end: int, pattern: re.Pattern[str], before: int = NEAR, after: int = 0) -> str | None:
    """The first context word matching ``pattern`` within ``before``/``after`` characters of a candidate."""
    m = pattern.search(low, max(0, start - before), min(len(low), end + after))
    return m.group(0) if m else None
