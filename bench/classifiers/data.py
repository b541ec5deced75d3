"""The labelled data sets (read-only, from ``../shared/data/labeled`` beside the repository)."""

from __future__ import annotations

import csv
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "labeled"
PII_FILE = Path("pii") / "presidio_synth_dataset_v2.json"
SPAM_GLOB = "youtube-spam/Youtube0*.csv"


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class PIIExample:
    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class SpamExample:
    source: str
    text: str
    spam: bool


def load_pii(data_dir: Path) -> list[PIIExample]:
    """presidio-research's synthetic set: ``full_text`` and ``spans`` with entity types and offsets."""
    raw = json.loads((data_dir / PII_FILE).read_text(encoding="utf-8"))
    return [
        PIIExample(item["full_text"], tuple(Span(s["entity_type"], s["start_position"], s["end_position"])
                                            for s in item["spans"]))
        for item in raw
    ]


def load_spam(data_dir: Path) -> list[SpamExample]:
    """The YouTube Spam Collection: CONTENT and CLASS (1 = spam), one CSV per video.

    CONTENT is the comment as YouTube's API displays it (``textDisplay``: HTML
    entities, ``<br />``, a leading U+FEFF); it is read as the text a person
    sees, which is what a connector hands the classifiers (``textOriginal``).
    """
    examples = []
    for path in sorted(data_dir.glob(SPAM_GLOB)):
        with path.open(encoding="utf-8", newline="") as f:
            examples += [SpamExample(path.stem, as_plain_text(row["CONTENT"]), row["CLASS"].strip() == "1")
                         for row in csv.DictReader(f)]
    return examples


_ANCHOR = re.compile(r"<a\s[^>]*?href=\"([^\"]*)\"[^>]*>.*?</a>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{1,200}>")


def as_plain_text(display_html: str) -> str:
    """YouTube's displayed comment HTML as plain text: a link becomes its URL (as the commenter typed it), other
    tags a space, entities decoded."""
    text = _ANCHOR.sub(lambda m: " " + m.group(1) + " ", display_html)
    return html.unescape(_TAG.sub(" ", text)).replace("\ufeff", "").strip()
