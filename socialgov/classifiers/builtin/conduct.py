"""LCCS-11, DCFS-03: vulgar language, personal attacks, attacks on groups, threats.

Designed from general moderation practice, not from any labelled set:

* vulgarity — a lexicon of profanities and obscene words with their common
  inflections and disguised spellings (``f*ck``, ``sh!t``, ``a$$hole``); mild
  words ("damn", "crap") score below the default threshold so a pack can opt
  in by lowering it;
* personal attack — an insult aimed at someone ("you are pathetic", "what an
  idiot", "he's a liar") or an abusive formula ("shut up", "kill yourself");
  an insult word with no target scores below the threshold;
* hate — a slur, or an ethnic, racial or religious group named together with
  dehumanising or exclusionary words ("… are animals", "deport all …");
* threat — a first-person or incited intent to harm a person or place
  ("I'm going to hurt you", "someone should shoot that caseworker", "I know
  where you live").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..base import Classifier, Context, Finding
from ..text import lower, quote, words
from . import cues as c

# --- vulgarity -----------------------------------------------------------------------------------------------------
_STRONG = 0.85
_MODERATE = 0.65
_MILD = 0.35
VULGAR: dict[str, float] = {
    **dict.fromkeys(
        [
            "fuck", "fucks", "fucked", "fucker", "fuckers", "fucking", "fuckin", "fuckn", "fuckhead", "fuckheads",
            "fuckface", "fuckwit", "fuckoff", "fuckup", "motherfucker", "motherfuckers", "motherfucking", "mofo",
            "fck", "fcking", "fckn", "fcked", "fk", "fkn", "fking", "fuk", "fuking", "fukin", "fuq", "phuck", "phuk",
            "fvck", "fuckery", "clusterfuck", "shit", "shits", "shitty", "shitting", "shithead", "shitheads",
            "shithole", "shitshow", "bullshit", "horseshit", "dipshit", "batshit", "apeshit", "sht", "bitch",
            "bitches", "bitchy", "bitching", "biatch", "asshole", "assholes", "arsehole", "arseholes", "cunt",
            "cunts", "dicks", "dickhead", "dickheads", "cocks", "cocksucker", "cocksuckers",
            "pussies", "bastard", "bastards", "whore", "whores", "slut", "sluts", "twat", "twats", "wanker",
            "wankers", "pricks", "douche", "douchebag", "douchebags", "jackass", "dumbass", "dumbasses",
            "smartass", "asswipe", "titties", "jizz", "blowjob", "handjob", "dildo", "wtf",
            "stfu", "gtfo", "faggot", "faggots", "fag", "fags", "dyke", "tranny", "retard", "retards"
        ], _STRONG),
    **dict.fromkeys([
        "ass", "asses", "arse", "dick", "cock", "pussy", "tits", "prick", "porn", "piss", "pissed", "pissing",
        "goddamn", "goddamnit", "effing", "frigging",
    ], _MODERATE),
    **dict.fromkeys([
        "damn", "damnit", "dammit", "crap", "crappy", "hell", "bloody", "sucks", "boobs", "screw", "cum"
    ], _MILD),
}
_VULGAR_WORDS = frozenset(VULGAR)
_DISGUISED = re.compile(
    r"(?<![\w*])(?:f+[\W_]?[u*@#%v0]+[\W_]?[c*x]*[k*]+(?:ing|in|ed|er|ers|s)?"
    r"|s+[\W_]?h+[\W_]?[i!1*y]+[\W_]?t+(?:s|ty|ting|head|hole)?"
    r"|b+[i!1*]+[\W_]?[t*]?[c*]+h+(?:es|y|ing)?"
    r"|[a@4][s$5*]{2}[\W_]?h[o0*]les?"
    r"|a[s$5][s$5]"
    r"|c[u*v][n*]ts?"
    r"|d[i!1*]ck(?:head)?s?)(?![\w*])"
)
_DISGUISE_CHARS = re.compile(r"[*@$!#%]")
_DISGUISE_HINT = re.compile(r"[*@$!#%][a-z*$]")  # a symbol inside a word; starts with a charset: a fast scan


class VulgarityClassifier(Classifier):
    """Vulgar language (LCCS-11; obscene: DCFS-03)."""

    name = "vulgarity"
    version = "1"
    labels = ("vulgarity",)

    def classify(self, text: str, context: Context) -> list[Finding]:
        found = _VULGAR_WORDS.intersection(words(text))
        low = lower(text)
        disguised = _DISGUISE_HINT.search(low)
        if not found and not disguised:
            return []  # most texts
        spans: list[tuple[int, int, float]] = []
        for word in found:
            spans += [(m.start(), m.end(), VULGAR[word]) for m in _word_regex(word).finditer(low)]
        if disguised:
            spans += [(m.start(), m.end(), _STRONG) for m in _DISGUISED.finditer(low)
                      if _DISGUISE_CHARS.search(m.group(0))]
        return [self.finding("vulgarity", score, start, end, _explain_vulgar(text, start, end, score))
                for start, end, score in _dedupe(spans)]


@lru_cache(maxsize=512)
def _word_regex(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w']){re.escape(word)}(?![\w'])")


def _dedupe(spans: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    kept: list[tuple[int, int, float]] = []
    for span in sorted(spans, key=lambda s: (-s[2], s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def _explain_vulgar(text: str, start: int, end: int, score: float) -> str:
    degree = "mild profanity" if score < 0.5 else "profanity" if score < _STRONG else "vulgar or obscene word"
    disguised = " (disguised spelling)" if _DISGUISE_CHARS.search(text, start, end) else ""
    return f"Vulgar language: {quote(text, start, end)} is a {degree}{disguised}."


# --- personal attacks ----------------------------------------------------------------------------------------------
INSULT_WORDS: frozenset[str] = frozenset(
    [
        "idiot", "idiots", "idiotic", "moron", "morons", "moronic", "stupid", "dumb", "dumbass", "imbecile",
        "imbeciles", "loser", "losers", "pathetic", "worthless", "useless", "incompetent", "clown", "clowns", "fool",
        "fools", "jerk", "jerks", "scum", "scumbag", "scumbags", "trash", "garbage", "pig", "pigs", "ugly", "fat",
        "retard", "retarded", "lazy", "disgusting", "creep", "creepy", "freak", "psycho", "liar", "liars",
        "hypocrite", "hypocrites", "coward", "cowards", "brainless", "ignorant", "dimwit", "halfwit", "nitwit",
        "dunce", "lowlife", "lowlifes", "degenerate", "degenerates", "snake", "snakes", "witch", "bitch", "asshole",
        "jackass", "prick", "douche", "douchebag", "sleazebag", "sleaze", "bully", "bullies", "monster", "monsters",
        "evil", "heartless", "vile"
    ]
)
_INSULTS = ("|".join(sorted(INSULT_WORDS, key=len, reverse=True))
            + r"|waste\s+of\s+(?:space|air|oxygen)|piece\s+of\s+(?:shit|trash|garbage|work|crap)"
            + r"|sorry\s+excuse\s+for\s+an?\s+\w+")
_INSULT_WORDS = INSULT_WORDS
_TARGET = (r"(?:you|u|ya|y'all|yall|you're|youre|ur|you\s+are|u\s+r|you\s+people|you\s+guys|what\s+an?|such\s+an?"
           r"|bunch\s+of|(?:he|she|they)(?:'s|'re|\s+is|\s+are)|(?:this|that)\s+(?:woman|man|guy|lady|person|worker"
           r"|caseworker|clown|idiot|admin|agency)\s+(?:is|was))")
_TARGET_WORDS = {"you", "u", "ya", "y'all", "yall", "you're", "youre", "ur", "what", "such", "bunch", "he", "she",
                 "they", "he's", "she's", "they're", "this", "that"}
_AIMED_INSULT_WORDS = INSULT_WORDS | {"waste", "piece", "sorry"}  # "a waste of space", "a sorry excuse for"
_ABUSIVE_FORMULA_WORDS = frozenset({"shut", "hell", "die", "lost", "screw", "fuck", "f", "fk", "ck", "kiss", "dead",
                                    "yourself", "kys", "nobody", "life", "shit", "stfu", "gtfo"})
_ATTACK_CUES: tuple[c.Cue, ...] = (
    c.cue("an insult aimed at someone", 0.8,
          rf"\b{_TARGET}\s+(?:(?:so|such|a|an|the|most|really|truly|total|complete|absolute|fucking|freaking|bunch"
          rf"|of|all|just|nothing\s+but|being)\s+){{0,3}}(?:{_INSULTS})\b",
          _TARGET_WORDS, _AIMED_INSULT_WORDS),
    c.cue("an abusive formula", 0.85,
          r"\b(?:shut\s+(?:the\s+\w+\s+)?up|go\s+to\s+hell|go\s+die|get\s+lost|screw\s+you|f\W*(?:uc)?k\s+(?:you|u|off)"
          r"|kiss\s+my\s+a\W*s\W*s|drop\s+dead|kill\s+yourself|kys|nobody\s+(?:cares\s+about|likes)\s+you"
          r"|get\s+a\s+life|eat\s+shit|go\s+f\W*\w*\s+yourself|stfu|gtfo)\b",
          _ABUSIVE_FORMULA_WORDS),
)
_ATTACK_TRIGGERS = c.all_triggers(_ATTACK_CUES)


class PersonalAttackClassifier(Classifier):
    """Personal attacks of any kind (LCCS-11; abusive, harassing: DCFS-03)."""

    name = "personal_attack"
    version = "1"
    labels = ("personal_attack",)
    # Every finding needs an insult or an abusive formula's words. The words that aim an insult ("you", "this",
    # "what") are in half of all texts, so they are left out: the aimed insult needs its insult too.
    trigger_words = _AIMED_INSULT_WORDS | _ABUSIVE_FORMULA_WORDS

    def classify(self, text: str, context: Context) -> list[Finding]:
        ws = words(text)
        if self.trigger_words.isdisjoint(ws):
            return []  # the common case: one set comparison (when not called through the registry)
        hits = c.find(text, _ATTACK_CUES, _ATTACK_TRIGGERS)
        if hits:
            return [self.finding("personal_attack", h.cue.weight, h.start, h.end,
                                 f"Personal attack: {h.cue.name} {quote(text, h.start, h.end)}.") for h in hits]
        low = lower(text)
        m = min((m for w in _INSULT_WORDS.intersection(ws) if (m := _word_regex(w).search(low))),
                key=lambda m: m.start(), default=None)
        if m is None:
            return []
        return [self.finding("personal_attack", 0.45, m.start(), m.end(),
                             f"An insulting word {quote(text, m.start(), m.end())}, not clearly aimed at a person.")]


# --- hate: slurs, and groups named with dehumanising or exclusionary words -----------------------------------------
SLURS: frozenset[str] = frozenset(
    [
        "nigger", "niggers", "nigga", "niggas", "negro", "negroes", "coon", "coons", "jigaboo", "jigaboos", "darkie",
        "darkies", "sambo", "spook", "spooks", "chink", "chinks", "gook", "gooks", "jap", "japs", "nip", "nips",
        "zipperhead", "slanteye", "slant-eye", "chinaman", "spic", "spics", "spick", "wetback", "wetbacks", "beaner",
        "beaners", "greaser", "kike", "kikes", "hymie", "heeb", "hebe", "yid", "yids", "raghead", "ragheads",
        "towelhead", "towelheads", "muzzie", "muzzies", "mudslime", "mudslimes", "paki", "pakis", "wop", "wops",
        "dago", "dagos", "kraut", "krauts", "redskin", "redskins", "injun", "injuns", "squaw", "halfbreed", "gyppo",
        "gyppos", "gypo", "porchmonkey", "junglebunny", "sandnigger", "camel-jockey", "cameljockey"
    ]
)
_GROUPS = (
    r"(?:muslims?|islam|jews|jewish\s+people|christians|catholics|mormons|hindus|sikhs|buddhists|atheists|blacks"
    r"|whites|(?:black|white|brown|asian|jewish|muslim|mexican|arab|african)\s+(?:people|folks|men|women|guys|kids"
    r"|families)|mexicans|hispanics|latinos|latinas|asians|chinese|japanese|koreans|indians|natives|native\s+americans"
    r"|arabs|africans|african\s+americans|immigrants|illegals|refugees|migrants|gypsies|roma|somalis|haitians"
    r"|puerto\s+ricans|italians|irish|russians|palestinians|israelis|iranians|pakistanis|filipinos|vietnamese"
    r"|these\s+people|those\s+people|their\s+kind)"
)
_DEHUMANISING = (
    r"(?:animals|savages|terrorists|criminals|rapists|thieves|parasites|vermin|subhuman|inferior|dirty|filthy|evil"
    r"|disgusting|scum|trash|garbage|a\s+disease|a\s+plague|a\s+cancer|cancer|the\s+problem|invaders|lazy|stupid"
    r"|dogs|pigs|monkeys|apes|cockroaches|rats|leeches|breeding\s+like|not\s+human|not\s+welcome|ruining\s+\w+"
    r"|destroying\s+\w+|taking\s+over|invading)"
)
_GROUP_WORDS = frozenset(
    [
        "muslim", "muslims", "islam", "jews", "jewish", "christians", "catholics", "mormons", "hindus", "sikhs",
        "buddhists", "atheists", "blacks", "whites", "black", "white", "brown", "asian", "mexican", "arab", "african",
        "mexicans", "hispanics", "latinos", "latinas", "asians", "chinese", "japanese", "koreans", "indians",
        "natives", "arabs", "africans", "immigrants", "illegals", "refugees", "migrants", "gypsies", "roma",
        "somalis", "haitians", "puerto", "italians", "irish", "russians", "palestinians", "israelis", "iranians",
        "pakistanis", "filipinos", "vietnamese", "people", "kind"
    ]
)
_DEHUMANISING_WORDS = frozenset(re.findall(r"[a-z]+", _DEHUMANISING)) - {"s", "a", "the", "not", "like"}
_HATE_CUES: tuple[c.Cue, ...] = (
    c.cue("a group called dehumanising names", 0.85,
          rf"\b(?:all\s+)?{_GROUPS}\s+(?:are|r|is|=)\s+(?:all\s+|just\s+|nothing\s+but\s+|a\s+bunch\s+of\s+|such\s+)?"
          rf"{_DEHUMANISING}\b", _GROUP_WORDS, _DEHUMANISING_WORDS),
    c.cue("a call to exclude or harm a group", 0.85,
          rf"\b(?:deport|ban|kill|gas|exterminate|get\s+rid\s+of|death\s+to|kick\s+out|round\s+up|i\s+hate|we\s+hate"
          rf"|hate\s+all)\s+(?:(?:all|the|these|those|of)\s+){{0,2}}{_GROUPS}\b",
          {"deport", "ban", "kill", "gas", "exterminate", "rid", "death", "kick", "round", "hate"}, _GROUP_WORDS),
    c.cue("a call to exclude or harm a group", 0.85,
          rf"\b{_GROUPS}\s+(?:should|need\s+to|must|ought\s+to)\s+(?:all\s+)?(?:be\s+)?(?:deported|killed|shot|gassed"
          rf"|exterminated|banned|removed|go\s+back|die|burn|leave|get\s+out)\b",
          _GROUP_WORDS, {"deported", "killed", "shot", "gassed", "exterminated", "banned", "removed", "back", "die",
                         "burn", "leave", "out"}),
    c.cue("a call to exclude or harm a group", 0.8,
          r"\b(?:go|send\s+them|send\s+\w+)\s+back\s+to\s+(?:your|their|where\s+(?:you|they))\s+(?:country|came"
          r"|own|homeland|from|shithole|\w+\s+country)\b",
          {"back"}, {"go", "send"}, {"your", "their", "where"}),
)
_HATE_TRIGGERS = c.all_triggers(_HATE_CUES)


# A text's words split at hyphens, so a hyphenated slur ("slant-eye") is found by its parts, spelt with a
# hyphen or a space; the others are single words.
_SLUR_WORDS = frozenset(s for s in SLURS if "-" not in s)
_SLUR_PHRASES = {tuple(s.split("-")): re.compile(r"(?<![\w'])" + r"[\s-]+".join(map(re.escape, s.split("-")))
                                                  + r"(?![\w'])")
                 for s in sorted(SLURS - _SLUR_WORDS)}


class HateClassifier(Classifier):
    """Offensive comments targeting an ethnic, racial or religious group (LCCS-11)."""

    name = "hate"
    version = "2"  # 2: hyphenated slurs found
    labels = ("hate",)
    trigger_words = _SLUR_WORDS | {parts[0] for parts in _SLUR_PHRASES} | _HATE_TRIGGERS

    def classify(self, text: str, context: Context) -> list[Finding]:
        ws = words(text)
        low = lower(text)
        matches = [m for slur in sorted(_SLUR_WORDS.intersection(ws)) for m in _word_regex(slur).finditer(low)]
        matches += [m for parts, rx in _SLUR_PHRASES.items() if ws.issuperset(parts) for m in rx.finditer(low)]
        findings = [self.finding("hate", 0.9, m.start(), m.end(),
                                 f"An ethnic, racial or religious slur {quote(text, m.start(), m.end())}.")
                    for m in matches]
        for h in c.find(text, _HATE_CUES, _HATE_TRIGGERS):
            findings.append(self.finding("hate", h.cue.weight, h.start, h.end,
                                         f"Targets a group: {h.cue.name} {quote(text, h.start, h.end)}."))
        return findings


# --- threats -------------------------------------------------------------------------------------------------------
_HARM_ANY = (r"(?:kill|murder|shoot|stab|strangle|rape|slit\s+\w+\s+throat|bomb|blow\s+up|torch|burn\s+down|gun\s+down"
             r"|lynch|behead)")
_HARM_PERSON = r"(?:hurt|harm|beat|beat\s+up|punch|slap|choke|attack|hang|jump|smash|shank|strangle|murk|pop)"
_PEOPLE = (r"(?:caseworkers?|case\s+workers?|social\s+workers?|workers?|staff|judges?|cops?|police|officers?|guy|man"
           r"|woman|lady|people|employees?|director|kids?|children|family|families|mother|father|parents?|agents?"
           r"|b\W*tch|bastard|supervisor|investigator)")
_PLACES = r"(?:office|building|agency|place|school|courthouse|court)"
_WHO = r"(?:you|u|ya|y'all|yall|him|her|them|everyone|everybody|somebody|someone|you\s+all|y'all)"
_THE = r"(?:the|that|this|those|these|every|all|your|his|her|their|some|a|an)\s+(?:\w+\s+)?"
_INTENT = (r"(?:(?:(?:i|we|someone|somebody|people|y'all|you|they|he|she)\s+)?(?:am|are|is|will|should|gonna|going\s+to"
           r"|need\s+to|ought\s+to|better|want\s+to|wanna|would|could|can|shall|about\s+to|gon|finna|gotta)\s+"
           r"|(?:i'll|we'll|ill|i'm\s+gonna|im\s+gonna|i'm\s+going\s+to|im\s+going\s+to|i'd|we'd)\s+){1,2}")
_THREATENING = "a threatening phrase"
_THREAT_CUES: tuple[c.Cue, ...] = (
    c.cue("a stated intent to harm", 0.85,
          rf"\b{_INTENT}(?:\w+\s+)?(?:{_HARM_ANY}|{_HARM_PERSON})\s+(?:{_WHO}|{_THE}(?:{_PEOPLE}|{_PLACES}))\b"
          rf"|\b{_INTENT}(?:\w+\s+)?{_HARM_ANY}\s+(?:{_THE})?{_PEOPLE}\b",
          {"kill", "murder", "shoot", "stab", "strangle", "choke", "rape", "slit", "bomb", "blow", "torch", "burn",
           "gun", "lynch", "behead", "hurt", "harm", "beat", "punch", "slap", "attack", "hang", "jump", "smash",
           "shank", "murk", "pop"}),
    c.cue(_THREATENING, 0.8, r"\bwatch\s+your\s+(?:back|kids|family|step)\b", {"watch"},
          {"back", "kids", "family", "step"}),
    c.cue(_THREATENING, 0.8, r"\bi\s+know\s+where\s+(?:you|she|he|they)\s+(?:live|lives|work|works|sleep)",
          {"know"}, {"where"}, {"live", "lives", "work", "works", "sleep"}),
    c.cue(_THREATENING, 0.8, r"\b(?:you're|you\s+are|ur|youre)\s+(?:dead|next|gonna\s+die|going\s+to\s+die"
          r"|a\s+dead\s+\w+)\b", {"dead", "next", "die"}, {"you're", "you", "ur", "youre"}),
    c.cue(_THREATENING, 0.8, r"\b(?:you|she|he|they|your\s+(?:family|kids|children|wife|husband))\s+(?:will|'ll"
          r"|are\s+going\s+to|is\s+going\s+to|gonna|are\s+gonna|is\s+gonna)\s+(?:die|pay|regret\s+(?:it|this)"
          r"|be\s+sorry|get\s+hurt|suffer|bleed)\b|\b(?:you'll|she'll|he'll|they'll)\s+(?:die|pay|regret\s+(?:it"
          r"|this)|be\s+sorry|get\s+hurt|suffer|bleed)\b",
          {"die", "pay", "regret", "sorry", "hurt", "suffer", "bleed"}),
    c.cue(_THREATENING, 0.8, r"\bsleep\s+with\s+one\s+eye\s+open\b|\byour\s+days\s+are\s+numbered\b",
          {"eye", "numbered"}),
    c.cue(_THREATENING, 0.85, r"\b(?:shoot|bomb|blow)\s+up\s+(?:the|your|this|that)\s+(?:office|building|agency"
          r"|place|school|courthouse)\b", {"shoot", "bomb", "blow"}, {"up"}),
    c.cue(_THREATENING, 0.8, r"\b(?:bring|bringing)\s+(?:a|my)\s+(?:gun|knife|weapon)\s+(?:to|into|down)\b",
          {"bring", "bringing"}, {"gun", "knife", "weapon"}),
    c.cue(_THREATENING, 0.7, r"\b(?:i'll|i\s+will|we'll|we\s+will|i'm\s+gonna|im\s+gonna)\s+(?:find|get|come\s+for"
          r"|come\s+after|hunt\s+down|track\s+down|deal\s+with|take\s+care\s+of)\s+(?:you|u|ya|him|her|them|y'all"
          r"|your\s+\w+)\b",
          {"find", "get", "come", "hunt", "track", "deal", "take"}, {"i'll", "will", "we'll", "gonna"},
          {"you", "u", "ya", "him", "her", "them", "y'all", "your"}),
)
_THREAT_TRIGGERS = c.all_triggers(_THREAT_CUES)


class ThreatClassifier(Classifier):
    """Threats (DCFS-03)."""

    name = "threat"
    version = "1"
    labels = ("threat",)
    trigger_words = _THREAT_TRIGGERS

    def classify(self, text: str, context: Context) -> list[Finding]:
        return [self.finding("threat", h.cue.weight, h.start, h.end,
                             f"Threat: {h.cue.name} {quote(text, h.start, h.end)}. Consider safety steps, not only "
                             "removal.")
                for h in c.find(text, _THREAT_CUES, _THREAT_TRIGGERS)]
