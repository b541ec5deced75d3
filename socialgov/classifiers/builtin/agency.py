"""What a child-welfare agency must watch for in comments (LCCS-09 (1)-(3), DCFS-01, LCCS-10).

* confidential case information — the agency's own case-number formats (from
  the pack), generic "case/file/docket number …" references, and a case matter
  (custody, placement, drug screen, court date) mentioned together with
  personal details (a diagnosis, a test result, a child's age, an arrest);
* harm to clients — a family or child served, named together with where they
  live or a stigmatising claim;
* harm to staff — a staff member (by role, title-and-name, or a name the
  agency lists) together with an accusation or their personal details;
* a possible report of child abuse or neglect — urgent: the page does not take
  such reports, so the finding tells the moderator to escalate to the PIO and
  designee with the hotline procedure, and never to remove it silently.
"""

from __future__ import annotations

import re

from ..base import Classifier, Context, Finding
from ..text import lower, quote, words
from . import cues as c

_WINDOW = 120  # characters: cues this close belong to the same statement

# --- confidential case information ---------------------------------------------------------------------------------
_CASE_NUMBER = re.compile(
    r"\b(?:case|file|docket|referral|intake|petition|client|cps|jfs|dcfs|claim|cause)\s*(?:number|no\.?|num|#|id)"
    r"\s*[:#]?\s*(?:is\s+)?([a-z0-9][a-z0-9/-]{3,}[a-z0-9])\b|\bcase\s*#\s*([a-z0-9][a-z0-9/-]{2,}[a-z0-9])\b"
)
_CASE_NUMBER_TRIGGERS = frozenset({"case", "file", "docket", "referral", "intake", "petition", "client", "cps", "jfs",
                                   "dcfs", "claim", "cause"})
_CASE_MATTER = c.cue(
    "a case matter", 0.0,
    r"\b(?:my|our|his|her|their|the)\s+case\b|\bcase\s*(?:plan|worker|manager|file)s?\b|\bcaseworkers?\b|\bcustody\b"
    r"|\bplacements?\b|\bplaced\s+(?:with|in)\b|\bfoster\s+(?:care|home|placement)\b|\bvisitation\b"
    r"|\bsupervised\s+visits?\b|\breunifi(?:cation|ed)\b|\bremoved\s+from\b|\bremoval\b|\bdependency\b"
    r"|\bcourt\s+(?:date|hearing|order)\b|\bhearing\b|\binvestigation\b|\b(?:un)?substantiated\b|\ballegations?\b"
    r"|\bsafety\s+plan\b|\bkinship\b|\bguardian\s+ad\s+litem\b|\bjuvenile\s+court\b|\btermination\s+of\s+parental"
    r"|\badjudicat\w+|\bcps\b|\bchildren\s+services\b",
    {"case", "casework", "caseworker", "caseworkers", "custody", "placement", "placements", "placed", "foster",
     "visitation", "supervised", "reunification", "reunified", "removed", "removal", "dependency", "court",
     "hearing", "investigation", "substantiated", "unsubstantiated", "allegation", "allegations", "safety",
     "kinship", "guardian", "juvenile", "termination", "adjudicated", "adjudication", "cps", "children"},
)
_PERSONAL_DETAIL = c.cue(
    "personal details", 0.0,
    r"\bdiagnos\w+|\b(?:adhd|autism|autistic|bipolar|schizophreni\w*|depression|ptsd|hiv|aids|std|pregnan\w+"
    r"|miscarriage|psychiatric|psych\s+ward|hospitali[sz]ed|rehab|overdosed?|suicidal|self[\s-]harm|iep"
    r"|disabilit\w+|medication|meds)\b|\bdrug\s+(?:test|screen)s?\b|\btested\s+positive\b|\bpositive\s+for\b"
    r"|\b(?:relapsed?|sobriety)\b|\b(?:arrested|jail|prison|probation|parole|convicted|restraining\s+order"
    r"|protection\s+order)\b|\bdomestic\s+violence\b|\b\d{1,2}[\s-](?:year|yr|month)s?[\s-]old\b",
    {"diagnosed", "diagnosis", "adhd", "autism", "autistic", "bipolar", "schizophrenia", "schizophrenic",
     "depression", "ptsd", "hiv", "aids", "std", "pregnant", "pregnancy", "miscarriage", "psychiatric", "psych",
     "hospitalized", "hospitalised", "rehab", "overdose", "overdosed", "suicidal", "self", "iep", "disability",
     "disabilities", "medication", "meds", "drug", "tested", "positive", "relapse", "relapsed", "sobriety",
     "arrested", "jail", "prison", "probation", "parole", "convicted", "restraining", "protection", "domestic",
     "old"},
)


class ConfidentialCaseInfoClassifier(Classifier):
    """Case-specific or other confidential information (LCCS-09 (1), DCFS-01, KY-05)."""

    name = "confidential_case_info"
    version = "1"
    labels = ("confidential_case_info",)

    def classify(self, text: str, context: Context) -> list[Finding]:
        findings = [self.finding("confidential_case_info", 0.9, m.start(), m.end(),
                                 f"Matches the agency's case-number format ({rx.pattern}): {quote(text, *m.span())}.")
                    for rx in context.case_number_regexes for m in rx.finditer(text)]
        ws = words(text)
        if not _CASE_NUMBER_TRIGGERS.isdisjoint(ws):
            findings += self._case_numbers(text, findings)
        details = c.find(text, (_PERSONAL_DETAIL,), _PERSONAL_DETAIL.triggers)
        if details:
            matters = c.find(text, (_CASE_MATTER,), _CASE_MATTER.triggers)
            pair = next(((m, d) for m in matters for d in details if c.near(m, d, _WINDOW)), None)
            if pair:
                matter, detail = pair
                start, end = min(matter.start, detail.start), max(matter.end, detail.end)
                findings.append(self.finding(
                    "confidential_case_info", 0.7, start, end,
                    f"A case matter ({quote(text, matter.start, matter.end)}) with personal details "
                    f"({quote(text, detail.start, detail.end)}): confidential client information (DCFS-01)."))
        return findings

    def _case_numbers(self, text: str, already: list[Finding]) -> list[Finding]:
        found = []
        for m in _CASE_NUMBER.finditer(lower(text)):
            group = 1 if m.group(1) else 2
            if sum(ch.isdigit() for ch in m.group(group)) < 2:
                continue
            if any(f.start < m.end() and m.start() < f.end for f in already):
                continue
            found.append(self.finding("confidential_case_info", 0.8, m.start(), m.end(),
                                      f"A case or file number {quote(text, m.start(), m.end())}."))
        return found


# --- harm to clients -----------------------------------------------------------------------------------------------
_CLIENT = c.cue(
    "a child or family served", 0.0,
    r"\bfoster\s+(?:kids?|child|children|parents?|mom|dad|family|families|home|son|daughter)\b"
    r"|\b(?:birth|bio|biological)\s+(?:mother|mom|father|dad|parents?|family)\b"
    r"|\b(?:that|this|the|those|these)\s+(?:family|families|mother|mom|father|dad|parents?|girl|boy|kid|kids|child"
    r"|children|baby|woman|man|couple)\b|\b(?:her|his|their)\s+(?:kids|children|baby|babies|son|daughter)\b"
    r"|\badopted\s+(?:kid|child|son|daughter)\b|\bclients?\b",
    {"foster", "birth", "bio", "biological", "that", "this", "the", "those", "these", "her", "his", "their",
     "adopted", "client", "clients"},
)
_STIGMA = "a stigmatising claim"
_CLIENT_HARM = (
    c.cue("where they live", 0.75,
          r"\b(?:lives|living|staying|stays|is\s+placed|was\s+placed|placed|moved|goes\s+to\s+school|attends)\s+"
          r"(?:at|on|in|with|near|over\s+on)\s+(?:\d|the\s+\w+\s+(?:street|st|road|rd|ave|avenue|apartments)"
          r"|[a-z]+\s+(?:street|st|road|rd|ave|avenue|apartments|elementary|middle|high))",
          {"lives", "living", "staying", "stays", "placed", "moved", "goes", "attends"}),
    c.cue(_STIGMA, 0.7,
          r"\b(?:junkie|crackhead|crack\s+head|druggie|addict|drunk|alcoholic|abuser|deadbeat|white\s+trash|unfit"
          r"|pedophile|pedo|molester|welfare\s+queen|crazy|psycho)\b",
          {"junkie", "crackhead", "crack", "druggie", "addict", "drunk", "alcoholic", "abuser", "deadbeat", "trash",
           "unfit", "pedophile", "pedo", "molester", "welfare", "crazy", "psycho"}),
    c.cue(_STIGMA, 0.7,
          r"\bshould(?:n't|\s+not|\s+never)\s+(?:have|be\s+allowed)\s+(?:kids|children|a\s+baby)\b"
          r"|\b(?:got|had)\s+(?:her|his|their)\s+(?:kids|children|baby)\s+(?:taken|removed)\b|\b(?:kids|children|baby)"
          r"\s+(?:were|was|got)\s+(?:taken|removed)\b|\blost\s+(?:her|his|their)\s+(?:kids|children|baby)\b",
          {"kids", "children", "baby"}, {"shouldn't", "should", "taken", "removed", "lost"}),
    c.cue(_STIGMA, 0.7,
          r"\b(?:does(?:n't|\s+not)|do(?:n't|\s+not))\s+deserve\b|\bis\s+on\s+(?:drugs|meth|heroin|crack)\b"
          r"|\b(?:was|got|been)\s+(?:abused|molested|raped)\b|\bhas\s+(?:hiv|aids|an\s+std)\b",
          {"deserve", "drugs", "meth", "heroin", "crack", "abused", "molested", "raped", "hiv", "aids", "std"}),
)
_CLIENT_HARM_TRIGGERS = c.all_triggers(_CLIENT_HARM)


class HarmfulToClientsClassifier(Classifier):
    """Information which may be harmful to the children and families served (LCCS-09 (2))."""

    name = "harmful_to_clients"
    version = "1"
    labels = ("harmful_to_clients",)
    trigger_words = _CLIENT_HARM_TRIGGERS

    def classify(self, text: str, context: Context) -> list[Finding]:
        harms = c.find(text, _CLIENT_HARM, _CLIENT_HARM_TRIGGERS)
        if not harms:
            return []
        clients = c.find(text, (_CLIENT,), _CLIENT.triggers)
        findings = []
        for harm in c.strongest_per_cue(harms):
            client = next((cl for cl in clients if c.near(cl, harm, _WINDOW)), None)
            if client is None:
                continue
            start, end = min(client.start, harm.start), max(client.end, harm.end)
            findings.append(self.finding(
                "harmful_to_clients", harm.cue.weight, start, end,
                f"Speaks of a child or family served ({quote(text, client.start, client.end)}) with "
                f"{harm.cue.name} ({quote(text, harm.start, harm.end)}): may harm the families the agency serves."))
        return findings


# --- harm to staff -------------------------------------------------------------------------------------------------
_STAFF = c.cue(
    "a staff member", 0.0,
    r"\b(?:case\s*workers?|social\s+workers?|cps\s+(?:workers?|agents?)|intake\s+workers?|ongoing\s+workers?"
    r"|supervisors?|investigators?|the\s+workers?|(?:my|our|her|his|their|the|that|this)\s+worker|the\s+agent"
    r"|(?:the|your|that)\s+director|executive\s+director|pio|employees?|staff(?:er)?s?|therapists?"
    r"|guardian\s+ad\s+litem|gal)\b",
    {"case", "caseworker", "caseworkers", "social", "cps", "intake", "ongoing", "supervisor", "supervisors",
     "investigator", "investigators", "worker", "workers", "agent", "director", "executive", "pio", "employee",
     "employees", "staff", "staffer", "staffers", "therapist", "therapists", "guardian", "gal"},
)
_TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?")
_DETAILS = "their personal details"
_STAFF_HARM = (
    c.cue("an accusation", 0.75,
          r"\b(?:liar|liars|lying|lied|lies|corrupt|incompetent|stole|steals|stealing|kidnapp?(?:er|ers|ed|ing)"
          r"|kidnaps?|traffick(?:er|ers|ing)|abus(?:er|ive|ed)|racist|bigot|pervert|pedophile|predator|drunk|high\s+on"
          r"|on\s+drugs|fraud|falsif(?:ied|ying)|fabricat(?:ed|ing)|fake\s+reports?|perjury|perjured|crook|criminal"
          r"|evil|lazy|useless|harass(?:ed|es|ing)|threatened|sleeping\s+with|affair)\b"
          r"|\b(?:should|needs?\s+to|must|deserves\s+to)\s+(?:be\s+)?(?:fired|in\s+jail|locked\s+up|lose\s+(?:her|his"
          r"|their)\s+job|arrested|prosecuted)\b|\bget\s+(?:her|him|them)\s+fired\b",
          {"liar", "liars", "lying", "lied", "lies", "corrupt", "incompetent", "stole", "steals", "stealing",
           "kidnapper", "kidnappers", "kidnapped", "kidnaping", "kidnapping", "kidnap", "kidnaps", "trafficker",
           "traffickers", "trafficking", "abuser", "abusive", "abused", "racist", "bigot", "pervert", "pedophile",
           "predator", "drunk", "high", "drugs", "fraud", "falsified", "falsifying", "fabricated", "fabricating",
           "fake", "perjury", "perjured", "crook", "criminal", "evil", "lazy", "useless", "harassed", "harasses",
           "harassing", "threatened", "sleeping", "affair", "fired", "jail", "locked", "job", "arrested",
           "prosecuted"}),
    c.cue(_DETAILS, 0.85,
          r"\bhome\s+address\b|\b(?:she|he|they)\s+lives?\s+(?:at|on|in|over)\b|\bwhere\s+(?:she|he|they)\s+lives?\b",
          {"address", "lives", "live"}, {"home", "she", "he", "they"}),
    c.cue(_DETAILS, 0.85,
          r"\b(?:her|his|their)\s+(?:house|home|address|phone\s+number|cell|number|kids|car|license\s+plate"
          r"|facebook|instagram)\s+(?:is|are|at|on)\b",
          {"house", "home", "address", "phone", "cell", "number", "kids", "car", "license", "plate", "facebook",
           "instagram"}, {"her", "his", "their"}),
    c.cue(_DETAILS, 0.85, r"\bdrives\s+a\b|\bdox\w*", {"drives", "dox", "doxx", "doxxed", "doxxing", "doxed"}),
)
_STAFF_HARM_TRIGGERS = c.all_triggers(_STAFF_HARM)


class HarmfulToStaffClassifier(Classifier):
    """Information personally or professionally harmful to staff (LCCS-09 (3))."""

    name = "harmful_to_staff"
    version = "1"
    labels = ("harmful_to_staff",)
    trigger_words = _STAFF_HARM_TRIGGERS

    def classify(self, text: str, context: Context) -> list[Finding]:
        harms = c.find(text, _STAFF_HARM, _STAFF_HARM_TRIGGERS)
        if not harms:
            return []
        staff = self._staff_mentions(text, context)
        findings = []
        for harm in c.strongest_per_cue(harms):
            who = next((s for s in staff if c.near(s[0], harm, _WINDOW)), None)
            if who is None:
                continue
            mention, named = who
            score = harm.cue.weight + (0.1 if named else 0.0)
            start, end = min(mention.start, harm.start), max(mention.end, harm.end)
            findings.append(self.finding(
                "harmful_to_staff", score, start, end,
                f"Singles out {'a named ' if named else 'a '}staff member ({quote(text, mention.start, mention.end)})"
                f" with {harm.cue.name} ({quote(text, harm.start, harm.end)})."))
        return findings

    def _staff_mentions(self, text: str, context: Context) -> list[tuple[c.Hit, bool]]:
        mentions = [(h, False) for h in c.find(text, (_STAFF,), _STAFF.triggers)]
        mentions += [(c.Hit(_STAFF, m.start(), m.end()), True) for m in _TITLED_NAME.finditer(text)]
        if context.staff_name_regex is not None:
            mentions += [(c.Hit(_STAFF, m.start(), m.end()), True) for m in context.staff_name_regex.finditer(text)]
        return sorted(mentions, key=lambda m: not m[1])  # named mentions first


# --- possible report of child abuse or neglect (urgent) --------------------------------------------------------------
_CHILD = c.cue(
    "a child", 0.0,
    r"\b(?:child|children|kids?|baby|babies|toddlers?|infants?|newborns?|boys?|girls?|sons?|daughters?|grandsons?"
    r"|granddaughters?|grandkids|grandchildren|nieces?|nephews?|step(?:son|daughter)s?|minors?|little\s+ones?"
    r"|\d{1,2}[\s-](?:year|yr|month)s?[\s-]old)\b",
    {"child", "children", "kid", "kids", "baby", "babies", "toddler", "toddlers", "infant", "infants", "newborn",
     "newborns", "boy", "boys", "girl", "girls", "son", "sons", "daughter", "daughters", "grandson", "grandsons",
     "granddaughter", "granddaughters", "grandkids", "grandchildren", "niece", "nieces", "nephew", "nephews",
     "stepson", "stepdaughter", "minor", "minors", "little", "old"},
)
_ABUSE = c.cue(
    "signs of abuse or neglect", 0.0,
    r"\b(?:(?:beat(?:s|ing|en)?|hit(?:s|ting)?|smack(?:s|ed|ing)?|slap(?:s|ped|ping)?|punch(?:es|ed|ing)?|kick(?:s|ed"
    r"|ing)?|chok(?:e|es|ed|ing)|whip(?:s|ped|ping)?|throw(?:s|ing)?|threw|shak(?:e|es|ing))\s+(?:her|him|them|the|that"
    r"|those|these|his|their|my|a|this|that)\b|abus(?:e|es|ed|ing|ive)|bruis(?:e|es|ed|ing)|welts?|black\s+eye"
    r"|broken\s+(?:arm|bones?|leg|ribs?)|starv(?:e|es|ed|ing)|malnourished|not\s+(?:being\s+)?fed|no\s+food"
    r"|hungry\s+all|locked\s+(?:in|out|up)|left\s+(?:alone|home\s+alone|unattended|in\s+the\s+car)|home\s+alone"
    r"|neglect(?:s|ed|ing|ful)?|molest(?:s|ed|ing|er)?|touch(?:es|ed|ing)\s+(?:her|him|them)\s+(?:inappropriately"
    r"|there|private)|sexually|raped?|filthy|dirty\s+diapers?|unsupervised|screaming\s+and\s+crying"
    r"|(?:drugs|meth|crack|high|drunk|wasted)\s+(?:in\s+front\s+of|around)|passed\s+out|shak(?:e|en|ing)\s+(?:the|a"
    r"|her|his)\s+baby|tied\s+up|chained|burn(?:s|ed)?\s+(?:her|him|them|with))\b",
    {"abuse", "abuses", "abused", "abusing", "abusive", "beat", "beats", "beating", "beaten", "hit", "hits",
     "hitting", "smack", "smacks", "smacked", "smacking", "slap", "slaps", "slapped", "slapping", "punch", "punches",
     "punched", "punching", "kick", "kicks", "kicked", "kicking", "choke", "chokes", "choked", "choking", "whip",
     "whips", "whipped", "whipping", "bruise", "bruises", "bruised", "bruising", "welt", "welts", "black", "broken",
     "starve", "starves", "starved", "starving", "malnourished", "fed", "food", "hungry", "locked", "left", "alone",
     "neglect", "neglects", "neglected", "neglecting", "neglectful", "molest", "molests", "molested",
     "molesting", "molester", "touches", "touched", "touching", "sexually", "rape", "raped", "filthy", "dirty",
     "unsupervised", "screaming", "drugs", "meth", "crack", "high", "drunk", "wasted", "passed", "shake",
     "shaken", "shaking", "tied", "chained", "burn", "burns", "burned"},
)
_REPORTING = c.cue(
    "a report", 0.0,
    r"\bi\s+(?:think|believe|suspect|saw|see|heard|hear|know|noticed|am\s+worried|'m\s+worried|am\s+concerned"
    r"|'m\s+concerned|want\s+to\s+report|need\s+to\s+report|have\s+seen)\b|\bi'm\s+(?:worried|concerned|scared)\b"
    r"|\bplease\s+(?:help|check|investigate|send\s+someone|do\s+something)\b|\bsomeone\s+(?:needs\s+to|should|has\s+to"
    r"|must)\b|\bcan\s+(?:someone|you|anyone)\s+(?:check|help|go|do)\b|\b(?:report|reporting)\s+(?:child\s+)?"
    r"(?:abuse|neglect|this|a\s+family|my\s+neighbou?r)\b|\bcall(?:ed)?\s+(?:cps|children\s+services|the\s+hotline)"
    r"|\bmy\s+neighbou?r'?s?\b|\bnext\s+door\b|\bis\s+being\s+(?:abused|neglected|hurt|beaten|molested|starved)\b",
    {"i", "i'm", "please", "someone", "can", "report", "reporting", "call", "called", "my", "next", "is"},
)
_EXPLICIT = re.compile(
    r"\b(?:report(?:ing)?\s+(?:suspected\s+)?(?:child\s+)?(?:abuse|neglect)|(?:is|are)\s+being\s+(?:abused|neglected"
    r"|beaten|molested|starved)|(?:abusing|neglecting|molesting|beating|starving)\s+(?:her|his|their|the|my|a|that"
    r"|this|those)\s+(?:\w+\s+)?(?:kids?|children|child|baby|son|daughter|grandkids|boy|girl|toddler|infant))\b"
)
_EXPLICIT_TRIGGERS = frozenset({"report", "reporting", "being", "abusing", "neglecting", "molesting", "beating",
                                "starving"})
_PUBLIC_MESSAGE = re.compile(r"\b(?:prevention|awareness\s+month|how\s+to\s+(?:spot|recognize)|signs\s+of|training"
                             r"|webinar|workshop|statistics)\b")


class ChildAbuseReportClassifier(Classifier):
    """A possible report of child abuse or neglect: urgent, escalate, never remove silently (LCCS-10)."""

    name = "child_abuse_report"
    version = "1"
    labels = ("child_abuse_report",)
    trigger_words = _EXPLICIT_TRIGGERS | _ABUSE.triggers  # an explicit report, or signs of abuse

    def classify(self, text: str, context: Context) -> list[Finding]:
        ws = words(text)
        low = lower(text)
        explicit = _EXPLICIT.search(low) if not _EXPLICIT_TRIGGERS.isdisjoint(ws) else None
        pair = None
        if not (_ABUSE.triggers.isdisjoint(ws) or _CHILD.triggers.isdisjoint(ws)):
            abuse = c.find(text, (_ABUSE,), _ABUSE.triggers)
            children = c.find(text, (_CHILD,), _CHILD.triggers) if abuse else []
            pair = next(((ch, a) for a in abuse for ch in children if c.near(ch, a, _WINDOW)), None)
        if explicit is None and pair is None:
            return []
        reporting = c.find(text, (_REPORTING,), _REPORTING.triggers)
        if explicit is not None:
            score, start, end = 0.9, explicit.start(), explicit.end()
            why = quote(text, start, end)
        else:
            child, sign = pair
            start, end = min(child.start, sign.start), max(child.end, sign.end)
            score = 0.85 if reporting else 0.65
            if not reporting and _PUBLIC_MESSAGE.search(low):
                score = 0.4  # reads like a prevention message about abuse, not a report of it
            why = f"{quote(text, sign.start, sign.end)} near {quote(text, child.start, child.end)}"
        if reporting:
            why += f", framed as a report ({quote(text, reporting[0].start, reporting[0].end)})"
        return [self.finding("child_abuse_report", score, start, end, _urgent_explanation(why, context))]


def _urgent_explanation(why: str, context: Context) -> str:
    hotline = context.hotline.rstrip(".")
    return (f"URGENT: possible report of child abuse or neglect: {why}. This page does not accept such reports. "
            f"Escalate now to the PIO and their designee, who follow the hotline procedure ({hotline}) and "
            "reply to the commenter with it. Do not remove this comment silently: keep it with the record.")
