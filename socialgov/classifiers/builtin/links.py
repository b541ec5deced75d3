"""LCCS-09 (4), LAC-05: links to sites outside the agency's allowed domains.

A link is a URL with a scheme or ``www.``, or a bare host name ending in a
well-known top-level domain ("bit.ly/x", "example.com"); e-mail addresses are
not links. Each host is compared with the pack's ``allowed_domains`` (and
their subdomains when ``include_subdomains``). Link shorteners are called out:
they hide where they lead.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..base import Classifier, Context, Finding
from ..text import lower

# Generic and common country-code TLDs: enough to tell "example.com" from "e.g." or "file.txt".
_TLDS = (
    "com|net|org|gov|edu|mil|int|info|biz|io|co|us|uk|ca|de|fr|es|it|nl|eu|ru|cn|in|au|br|jp|mx|ly|me|tv|gl|gd"
    "|to|cc|ws|be|app|dev|xyz|online|site|store|shop|club|live|link|click|top|vip|win|pro|tech|blog|news|page"
    "|tk|ml|ga|cf|gq|am|fm|gg|sh|so|ai|gs|ink|lol|fun|website|space|email|today|world|life|ch|se|no|pl|ie|nz|za"
)
_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\d?\.)[^\s<>\"'(){}\[\]]+", re.IGNORECASE)
_BARE = re.compile(
    rf"(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})(?::\d{{2,5}})?(?:/[^\s<>\"'(){{}}\[\]]*)?"
    r"(?![\w@-])",
    re.IGNORECASE,
)
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/\s]*@)?([^/:?#\s]+)", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"…"
SHORTENERS = frozenset({
    "bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at",
    "tiny.cc", "rb.gy", "t.ly", "bl.ink", "lnkd.in", "shorte.st", "adf.ly", "soo.gd", "s.id", "v.gd",
})


# Begins with one of three characters, and is read in the lower-cased text without IGNORECASE (which would make
# every "W" a candidate too): a fast scan, a third of the instructions of the case-blind spelling.
_MAYBE_LINK = re.compile(rf"\.(?:{_TLDS})\b|://|www")


@lru_cache(maxsize=64)
def find_links(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, host) of every link in ``text``, trailing punctuation left out."""
    if "." not in text or not _MAYBE_LINK.search(lower(text)):
        return ()
    links: list[tuple[int, int, str]] = []
    for pattern in (_URL, _BARE):
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            if any(start < e and end > s for s, e, _ in links):
                continue
            host = _HOST.match(text[start:end])
            if host:
                links.append((start, end, host.group(1).lower().rstrip(".")))
    return tuple(sorted(links))


def host_allowed(host: str, context: Context) -> bool:
    host = host.removeprefix("www.")
    for domain in context.allowed_domains:
        if host == domain or (context.include_subdomains and host.endswith("." + domain)):
            return True
    return False


class ExternalLinkClassifier(Classifier):
    """Links outside the allowed domains (LCCS-09 (4), LAC-05)."""

    name = "external_link"
    version = "1"
    labels = ("external_link",)

    def classify(self, text: str, context: Context) -> list[Finding]:
        findings = []
        for start, end, host in find_links(text):
            if host_allowed(host, context):
                continue
            findings.append(self.finding("external_link", _score(text, start, host), start, end,
                                         _explain(host, context)))
        return findings


def _score(text: str, start: int, host: str) -> float:
    if host.removeprefix("www.") in SHORTENERS:
        return 0.95
    explicit = lower(text).startswith(("http", "www", "ftp"), start)
    return 0.9 if explicit else 0.75


def _explain(host: str, context: Context) -> str:
    bare = host.removeprefix("www.")
    what = f"Link to {bare}"
    if bare in SHORTENERS:
        what += " (a link shortener: it hides where the link leads)"
    if not context.allowed_domains:
        return f"{what}; no allowed domains are set for this account, so every link outside it is flagged."
    allowed = ", ".join(context.allowed_domains)
    return f"{what}, which is not among the allowed domains ({allowed})."
