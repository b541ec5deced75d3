"""Personal facts found by their context words: date of birth, driver's licence number, names.
"""

from __future__ import annotations

import re

from ...base import Context
from ...text import lower, mask, quote, words
from .common import Hit, near

# --- date of birth: a date next to birth words ----------------------------------------------------------------------
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DATE = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}})(?!\d)"
)
_BIRTH_TRIGGERS = frozenset({"born", "dob", "birth", "birthday", "birthdate", "bday", "b"})
_BIRTH_CONTEXT = re.compile(r"\b(?:born|dob|d\.o\.b|date of birth|birth ?date|birthday|b-?day)\b")


def births(text: str, context: Context) -> list[Hit]:
    if _BIRTH_TRIGGERS.isdisjoint(words(text)):
        return []
    low = lower(text)
    hits = []
    for m in _DATE.finditer(low):
        cue = near(low, m.start(), m.end(), _BIRTH_CONTEXT, before=30, after=25)
        if cue:
            hits.append(("pii.date_of_birth", 0.85, m.start(), m.end(),
                         f"Date {quote(text, *m.span())} next to “{cue}”: a date of birth."))
    return hits


# --- driver's licence: an identifier right after licence words -------------------------------------------------------
_LICENSE_TRIGGERS = frozenset({"license", "licence", "licenses", "licences", "dl", "dln", "driver's", "drivers",
                               "driver"})
_LICENSE = re.compile(
    r"\b(?:driver'?s?|driving)\s+licen[cs]e(?:\s+(?:number|no\.?|num|#|id))?|\bdln?\b\s*(?:number|no\.?|#)?"
    r"|\blicen[cs]e\s+(?:number|no\.?|#)",
    re.IGNORECASE,
)
_LICENSE_ID = re.compile(r"[\s:#.,-]{0,4}(?:is\s+|was\s+)?([A-Z0-9][A-Z0-9-]{3,18}[A-Z0-9])(?![\w-])", re.IGNORECASE)


def licenses(text: str, context: Context) -> list[Hit]:
    if _LICENSE_TRIGGERS.isdisjoint(words(text)):
        return []
    hits = []
    for cue in _LICENSE.finditer(text):
        m = _LICENSE_ID.match(text, cue.end())
        if not m:
            continue
        value = m.group(1)
        if sum(c.isdigit() for c in value) < 4:
            continue
        hits.append(("pii.driver_license", 0.85, m.start(1), m.end(1),
                     f"Identifier {mask(text, m.start(1), m.end(1))} right after “{cue.group(0)}”: "
                     "a driver's licence number."))
    return hits


# --- names in context ("my name is", Mr./Ms., "my son Jake") --------------------------------------------------------
_NAME_WORD = r"(?:[A-Z](?:['’][A-Z])?[a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?|[A-Z]\.)"
_NAME = rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})"
_NAME_CUES = re.compile(
    r"\b(?:(?i:(?:my|his|her|their|your)\s+(?:full\s+|legal\s+)?name\s+is|name\s*:|named|called)"
    r"|(?:[Mm]r|[Mm]rs|[Mm]s|[Mm]iss|[Dd]r|[Mm]x)\.?"
    r"|(?i:(?:my|our|his|her|their)\s+(?:son|daughter|child|kid|grandson|granddaughter|niece|nephew|brother|sister"
    r"|husband|wife|caseworker|case\s+worker|social\s+worker|worker|neighbou?r|foster\s+(?:son|daughter|child)),?)"
    r"(?:[ \t]+(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?)?)"
    rf"[ \t]+{_NAME}\b"
)
_NAME_TRIGGERS = frozenset({"name", "named", "called", "mr", "mrs", "ms", "miss", "dr", "mx", "son", "daughter",
                            "child", "kid", "grandson", "granddaughter", "niece", "nephew", "brother", "sister",
                            "husband", "wife", "caseworker", "worker", "neighbor", "neighbour"})
_NOT_NAMES = frozenset({"I", "The", "A", "An", "This", "That", "It", "He", "She", "We", "They", "You", "My", "Our",
                        "And", "But", "Or", "Is", "Was", "Not", "If", "When", "Who", "What", "In", "On", "At", "To",
                        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "God", "Please"})


def names(text: str, context: Context) -> list[Hit]:
    if _NAME_TRIGGERS.isdisjoint(words(text)):
        return []
    hits = []
    for m in _NAME_CUES.finditer(text):
        start, end = m.span(1)
        name_words = m.group(1).split()
        if name_words[0] in _NOT_NAMES:
            continue
        for word in name_words[1:]:  # "my son Jake And ..." ends the name at "And"
            if word in _NOT_NAMES:
                end = text.index(word, start) - 1
                break
        cue = text[m.start():start].strip()
        score = 0.85 if "name" in cue.lower() else 0.75
        hits.append(("pii.person_name", score, start, end,
                     f"A person's name {quote(text, start, end)} introduced by “{cue}”."))
    return hits
