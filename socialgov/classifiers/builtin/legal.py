"""Legal exposure: illegal activity, copyright, Federal Tax Information, litigation.

* illegal activity (LCCS-09 (6), KY-07) — offering or urging an illegal act:
  selling drugs or guns, fake documents, theft, evading a court order or an
  investigation, cheating a drug test;
* copyright and trademark (LCCS-09 (8), KY-08) — the marks of pirated or
  counterfeit goods: free full downloads, torrents, streaming-site names,
  "no copyright infringement intended", cracked software, replicas;
* Federal Tax Information (KY-09) — an EIN or ITIN in the shapes the IRS
  issues (ITIN: 9XX-[50-65|70-88|90-92|94-99]-XXXX) with tax context, or return
  data: a return form or IRS matter with an amount;
* litigation (KY-06) — lawsuits and threats to sue, attorneys acting for a
  party, case captions ("Smith v. Jones"), federal docket numbers.
"""

from __future__ import annotations

import re

from ..base import Classifier, Context, Finding
from ..text import longest_number, lower, quote, words
from . import cues as c

_DRUGS = (r"(?:weed|pot|marijuana|meth|crystal|ice|coke|cocaine|crack|heroin|fentanyl|fent|pills|oxys?|oxycodone"
          r"|percs?|percocets?|xanax|xans|bars|adderall|molly|mdma|ecstasy|lsd|acid|shrooms|ketamine|opioids?|dope)")
_DRUG_WORDS = frozenset(re.findall(r"[a-z]+", _DRUGS.replace("?", "")))


class IllegalActivityClassifier(c.CueClassifier):
    """Support or advocacy of illegal activity (LCCS-09 (6), KY-07)."""

    name = "illegal_activity"
    version = "1"
    labels = ("illegal_activity",)
    label = "illegal_activity"
    what = "Supports or advocates illegal activity"
    cues = (
        c.cue("an offer to sell or buy drugs", 0.8,
              rf"\b(?:selling|sell|buy|buying|got|get|have|dealing|plug\s+for|hook\s+(?:you|u)\s+up\s+with|dm\s+(?:me\s+)?"
              rf"for|hmu\s+for|cheap)\s+(?:some\s+|good\s+|the\s+)?{_DRUGS}\b|\b{_DRUGS}\s+for\s+sale\b",
              _DRUG_WORDS, {"selling", "sell", "buy", "buying", "got", "get", "have", "dealing", "plug", "hook", "dm",
                            "hmu", "cheap", "sale"}),
        c.cue("instructions for making drugs or weapons", 0.85,
              r"\bhow\s+to\s+(?:make|cook|grow|build)\s+(?:meth|crack|a\s+bomb|bombs|a\s+pipe\s+bomb|a\s+ghost\s+gun"
              r"|explosives)\b|\bcook(?:ing)?\s+meth\b",
              {"meth", "crack", "bomb", "bombs", "gun", "explosives"}, {"how", "cook", "cooking"}),
        c.cue("an offer of fake documents or illegal goods", 0.8,
              r"\b(?:fake|forged|counterfeit|novelty)\s+(?:ids?|id\s+cards?|documents|papers|passports?|licen[cs]es?"
              r"|social\s+security\s+cards?|birth\s+certificates?|money|bills|checks)\b",
              {"fake", "forged", "counterfeit", "novelty"}),
        c.cue("an offer of fake documents or illegal goods", 0.8,
              r"\b(?:guns?|firearms?|ar-?15s?|glocks?)\s+(?:without|no)\s+(?:a\s+)?(?:background\s+check|papers|serial)"
              r"|\b(?:sell|selling|buy|buying)\s+(?:stolen|hot)\s+\w+",
              {"gun", "guns", "firearm", "firearms", "ar15", "ar", "glock", "glocks", "stolen"},
              {"without", "no", "sell", "selling", "buy", "buying"}),
        c.cue("urging a crime", 0.75,
              r"\b(?:let's|lets|we\s+should|you\s+should|everyone\s+should|go|y'all\s+should)\s+(?:steal|rob|loot"
              r"|shoplift|vandali[sz]e|burn\s+down|break\s+into|trash|riot)\b",
              {"steal", "rob", "loot", "shoplift", "vandalize", "vandalise", "burn", "break", "trash", "riot"},
              {"let's", "lets", "should", "go"}),
        c.cue("urging a crime", 0.75,
              r"\b(?:don't|do\s+not|never)\s+pay\s+(?:your\s+)?(?:taxes|child\s+support)\b"
              r"|\b(?:drive|driving)\s+drunk\s+(?:is\s+fine|all\s+the\s+time)\b",
              {"pay", "drunk"}, {"don't", "not", "never", "drive", "driving"}),
        c.cue("advice to evade the agency or a court", 0.75,
              r"\b(?:hide|hiding)\s+(?:the|your|my|their)\s+(?:kids|children|baby|child)\s+from\s+(?:cps|the\s+state"
              r"|caseworkers?|the\s+agency|children\s+services|the\s+police|the\s+court)\b|\b(?:lie|lying)\s+to\s+"
              r"(?:your|the|my)\s+(?:caseworker|worker|judge|investigator|court|police)\b",
              {"hide", "hiding", "lie", "lying"}),
        c.cue("advice to evade the agency or a court", 0.75,
              r"\b(?:ignore|violate|break)\s+(?:the|your|a)\s+(?:court\s+order|custody\s+order|restraining\s+order"
              r"|protection\s+order|no[\s-]contact\s+order)\b|\b(?:cheat|beat|pass|fake|trick)\s+(?:a|the|your|my)\s+"
              r"(?:drug\s+(?:test|screen)|ua|urine\s+test)\b|\b(?:run|flee|leave\s+the\s+state)\s+with\s+(?:the|your"
              r"|my)\s+(?:kids|children|baby)\b",
              {"ignore", "violate", "break", "cheat", "beat", "pass", "fake", "trick", "run", "flee", "leave"},
              {"order", "test", "screen", "ua", "kids", "children", "baby"}),
    )


class CopyrightClassifier(c.CueClassifier):
    """Copyright or trademark infringement (LCCS-09 (8), KY-08)."""

    name = "copyright"
    version = "1"
    labels = ("copyright",)
    label = "copyright"
    what = "Possible copyright or trademark infringement"
    cues = (
        c.cue("an offer of a pirated copy", 0.8,
              r"\b(?:watch|stream|download)\s+(?:the\s+)?(?:full\s+)?(?:movie|film|episode|season|album|show|book)s?\s+"
              r"(?:free|online\s+free|for\s+free|here|hd)\b",
              {"watch", "stream", "download"}, {"free", "here", "hd"}),
        c.cue("an offer of a pirated copy", 0.8,
              r"\bfull\s+(?:movie|film|album|episode)\s+(?:free|online|download|hd|stream)\b|\bfree\s+(?:download|mp3"
              r"|pdf|ebook|movie|movies|streaming)\b",
              {"full", "free"}, {"movie", "film", "album", "episode", "download", "mp3", "pdf", "ebook", "movies",
                                 "streaming"}),
        c.cue("an offer of a pirated copy", 0.8,
              r"\b(?:torrent|torrents|magnet:|pirate\s*bay|putlocker|123movies|fmovies|gomovies|soap2day|libgen"
              r"|z-library|zlibrary|sci-hub|mp3\s+download|leaked\s+album|leaked\s+episode)\b",
              {"torrent", "torrents", "magnet", "pirate", "piratebay", "putlocker", "123movies", "fmovies",
               "gomovies", "soap2day", "libgen", "zlibrary", "library", "hub", "mp3", "leaked"}),
        c.cue("a disclaimer that admits copying", 0.75,
              r"\bno\s+copyright\s+infringement\s+intended\b|\bfair\s+use\s+disclaimer\b",
              {"copyright", "fair"}, {"infringement", "disclaimer"}),
        c.cue("a disclaimer that admits copying", 0.75,
              r"\bi\s+(?:do\s+not|don't|dont)\s+own\s+(?:the\s+)?(?:rights|this|the\s+music|the\s+song|the\s+content"
              r"|any\s+of)|\ball\s+rights\s+(?:go|belong)\s+to\b",
              {"own", "rights"}, {"not", "don't", "dont", "go", "belong"}),
        c.cue("cracked software", 0.8,
              r"\b(?:cracked\s+(?:version|software|apk|game)|crack\s+for|keygen|key\s+generator|serial\s+keys?"
              r"|activation\s+keys?\s+free|nulled|warez|free\s+license\s+key)\b",
              {"cracked", "crack", "keygen", "key", "keys", "nulled", "warez"}),
        c.cue("counterfeit goods", 0.75,
              r"\b(?:replica|fake|knockoff|knock-off|counterfeit|aaa\s+quality|1:1)\s+(?:rolex|gucci|louis\s+vuitton|lv"
              r"|chanel|prada|nike|jordans|yeezys?|designer|brand|watches|bags|handbags|purses|sneakers|airpods)\b",
              {"replica", "fake", "knockoff", "knock", "counterfeit", "aaa", "1"},
              {"rolex", "gucci", "louis", "lv", "chanel", "prada", "nike", "jordans", "yeezy", "yeezys", "designer",
               "brand", "watches", "bags", "handbags", "purses", "sneakers", "airpods"}),
    )


# --- Federal Tax Information -----------------------------------------------------------------------------------------
# Every match of _TAX_CONTEXT holds one of these words ("employer identification" its second).
_TAX_WORDS = frozenset({"tax", "taxes", "irs", "ein", "itin", "fein", "tin", "1040", "w2", "w", "1099", "refund",
                        "return", "returns", "agi", "transcript", "taxable", "withholding", "deduction",
                        "identification"})
_TAX_CONTEXT = re.compile(r"\b(?:tax|taxes|irs|ein|itin|fein|tin|employer\s+identification|taxpayer\s+identification"
                          r"|1040|w-?2|1099|refund|return|agi|transcript)\b")
_EIN = re.compile(r"(?<![\d-])\d{2}-\d{7}(?![\d-])")
_ITIN = re.compile(r"(?<![\d-])9\d{2}([- ]?)(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])\1\d{4}(?![\d-])")
_AMOUNT = r"(?:\$\s?\d[\d,]*(?:\.\d\d)?|\d[\d,]*(?:\.\d\d)?\s*(?:dollars|usd))"
_RETURN_DATA = re.compile(
    rf"\b(?:form\s+)?(?:1040(?:-?(?:sr|nr|x|es))?|w-?2|1099(?:-[a-z]+)?|schedule\s+[a-z]|tax\s+returns?|agi|adjusted"
    rf"\s+gross\s+income|taxable\s+income|refund|tax\s+(?:bill|debt|owed|due|liability|lien|levy)|irs\s+(?:says|said"
    rf"|notice|letter|audit|owes?|levy|lien|transcript)|back\s+taxes|withholding)\b[^.\n]{{0,60}}?{_AMOUNT}"
    rf"|{_AMOUNT}[^.\n]{{0,40}}?\b(?:on|in|from)\s+(?:my|his|her|their|the)\s+(?:1040|w-?2|1099|tax\s+return|refund)\b"
)
_IRS_MATTER = re.compile(
    r"\b(?:my|his|her|their|our)\s+(?:federal\s+)?(?:tax\s+returns?|1040|w-?2s?|1099s?|tax\s+transcripts?|irs\s+"
    r"(?:transcript|records?|file|account))\b"
)


class FederalTaxInfoClassifier(Classifier):
    """Federal Tax Information (KY-09): must never be released."""

    name = "federal_tax_info"
    version = "2"  # 2: "employer/taxpayer identification" opens the look at a text without another tax word
    labels = ("federal_tax_info",)

    def classify(self, text: str, context: Context) -> list[Finding]:
        ws = words(text)
        if _TAX_WORDS.isdisjoint(ws) and longest_number(text) < 9:
            return []  # no tax context, and no number long enough for an ITIN
        low = lower(text)
        tax_context = _TAX_CONTEXT.search(low)
        findings = []
        for m in _ITIN.finditer(text):
            score = 0.9 if tax_context else 0.6
            findings.append(self._hit(text, m, score, "an ITIN (IRS individual taxpayer identification number)"
                                      + (f" with tax context (“{tax_context.group(0)}”)" if tax_context else "")))
        if tax_context is None:
            return findings
        findings += [self._hit(text, m, 0.85, f"an EIN (employer identification number) near “{tax_context.group(0)}”")
                     for m in _EIN.finditer(text)]
        findings += [self._hit(text, m, 0.8, "tax return data: a return form or IRS matter with an amount")
                     for m in _RETURN_DATA.finditer(low)]
        if not findings:
            findings += [self._hit(text, m, 0.55, "a person's tax return or IRS records mentioned")
                         for m in _IRS_MATTER.finditer(low)]
        return findings

    def _hit(self, text: str, m: re.Match[str], score: float, what: str) -> Finding:
        return self.finding("federal_tax_info", score, m.start(), m.end(),
                            f"Federal Tax Information: {what}, {quote(text, *m.span())}. FTI must never be released.")


# --- litigation ------------------------------------------------------------------------------------------------------
_CAPTION = re.compile(
    r"\b(?:(?:State|People|Commonwealth|United\s+States)\s+of\s+[A-Z][a-z]+|In\s+re\s+[A-Z][\w.'-]+|[A-Z][\w.'&-]+"
    r"(?:\s+[A-Z][\w.'&-]+){0,3})\s+(?:v\.|vs\.?|versus)\s+[A-Z][\w.'&-]+(?:\s+(?:of\s+)?[A-Z][\w.'&-]+){0,4}"
)
_DOCKET = re.compile(r"\b\d:\d{2}-(?:cv|cr|mc|bk|md|mj|ap)-\d{3,6}(?:-[A-Z]{2,4})*\b", re.IGNORECASE)
# A caption's "v.", "vs" or "versus" and a docket number's case type ("3:21-cv-01234") are words of the text.
_CAPTION_WORDS = frozenset({"v", "vs", "versus"})
_DOCKET_WORDS = frozenset({"cv", "cr", "mc", "bk", "md", "mj", "ap"})


_SUIT = "a lawsuit or a threat to sue"
_STEPS = "litigation steps"


class LitigationClassifier(c.CueClassifier):
    """Litigation or potential litigation (KY-06)."""

    name = "litigation"
    version = "2"  # 2: captions and docket numbers found by their words, so also with a tab or line break
    labels = ("litigation",)
    label = "litigation"
    what = "Litigation"
    cues = (
        c.cue(_SUIT, 0.8,
              r"\b(?:law\s*suits?|sue|suing|sued|wrongful\s+(?:death|removal|termination)|1983\s+claim)\b",
              {"lawsuit", "lawsuits", "law", "sue", "suing", "sued", "wrongful", "1983"}),
        c.cue(_SUIT, 0.8,
              r"\b(?:class\s+action|legal\s+action|take\s+(?:you|them|this|the\s+\w+)\s+to\s+court|see\s+you\s+in\s+court"
              r"|civil\s+rights\s+(?:claim|suit|violation)|notice\s+of\s+claim)\b",
              {"action", "court", "rights", "claim"}, {"class", "legal", "take", "see", "civil", "notice"}),
        c.cue(_SUIT, 0.8,
              r"\b(?:file\s+(?:a\s+)?(?:suit|claim|complaint|lawsuit)\s+against|filed\s+(?:a\s+)?(?:suit|claim|complaint"
              r"|lawsuit|motion))\b",
              {"file", "filed"}, {"suit", "claim", "complaint", "lawsuit", "motion"}),
        c.cue("a party's attorney", 0.75,
              r"\b(?:my|our|his|her|their|the\s+family's)\s+(?:attorney|attorneys|lawyer|lawyers|legal\s+counsel"
              r"|counsel)\b|\b(?:attorney|lawyer)\s+(?:says|said|told|advised|is\s+filing|will\s+be\s+(?:contacting"
              r"|in\s+touch))\b|\b(?:retained|hired|hiring|getting)\s+(?:an?\s+)?(?:attorney|lawyer)\b",
              {"attorney", "attorneys", "lawyer", "lawyers", "counsel"}),
        c.cue(_STEPS, 0.6,
              r"\b(?:plaintiffs?|defendants?|subpoena(?:ed|s)?|deposition|pending\s+litigation|litigation|injunction"
              r"|summons)\b",
              {"plaintiff", "plaintiffs", "defendant", "defendants", "subpoena", "subpoenaed", "subpoenas",
               "deposition", "litigation", "injunction", "summons"}),
        c.cue(_STEPS, 0.6,
              r"\b(?:discovery\s+request|settlement\s+(?:offer|talks|agreement)|served\s+papers|court\s+of\s+common"
              r"\s+pleas)\b",
              {"discovery", "settlement", "served", "pleas"}, {"request", "offer", "talks", "agreement", "papers",
                                                                "common"}),
    )
    trigger_words = c.all_triggers(cues) | _CAPTION_WORDS | _DOCKET_WORDS

    def classify(self, text: str, context: Context) -> list[Finding]:
        findings = super().classify(text, context)
        ws = words(text)
        if not _CAPTION_WORDS.isdisjoint(ws):
            findings += [self.finding("litigation", 0.85, m.start(), m.end(),
                                      f"Litigation: a case caption {quote(text, *m.span())}.")
                         for m in _CAPTION.finditer(text)]
        if not _DOCKET_WORDS.isdisjoint(ws):
            findings += [self.finding("litigation", 0.9, m.start(), m.end(),
                                      f"Litigation: a federal court docket number {quote(text, *m.span())}.")
                         for m in _DOCKET.finditer(text)]
        return findings
