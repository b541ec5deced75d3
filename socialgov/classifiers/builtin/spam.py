"""LCCS-09 (4): comment spam.

Designed from how comment spam reads in general (not from any labelled set):
it wants something from the reader that has nothing to do with the post —
visit my channel, subscribe, follow me, click this link, make money from home,
win a free gift card — and it often carries a link or a disguised one
("youtube . com", "www dot"). Each such move is a weighted cue; cues combine
as a noisy-or, so one strong move or two weaker ones make spam. A plain link
counts too: unsolicited links are spam's usual payload.
"""

from __future__ import annotations

import re

from ..base import Classifier, Context, Finding
from ..text import lower
from . import cues as c
from .links import find_links

_MY = r"(?:my|our|me|mine)"
_MY_WORDS = {"my", "our", "me", "mine"}
_PROMO_THINGS = (r"(?:channel|chanel|channels|video|videos|vid|vids|page|music|song|songs|cover|covers|site|website"
                 r"|blog|profile|stream|streams|playlist|account|insta|instagram|mixtape|album|track|tracks|app|shop"
                 r"|store|art|work|vlog|vlogs|podcast|content|youtube|band|remix|beat|beats|single|ep|book|game)")
_THING_WORDS = set(re.findall(r"[a-z]+", _PROMO_THINGS))
_FRESH = (r"(?:new\s+|newest\s+|brand\s+new\s+|latest\s+|first\s+|official\s+|own\s+|youtube\s+|music\s+"
          r"|little\s+|original\s+)")
_CREATORS = r"(?:youtuber|artist|rapper|singer|musician|producer|channel|band|creator|streamer|songwriter|dj|vlogger)"
_PROMO = "self-promotion"
_MONEY = "money-making offer"
_PRIZE = "free-prize or giveaway offer"
_CLICK = "call to click or sign up"
_LIKES = "asks for likes or shares"

CUES: tuple[c.Cue, ...] = (
    c.cue(_PROMO, 0.75,
          rf"\b(?:check(?:ing)?|chek|look|listen|tune)\s*(?:out|in)?\s+(?:to\s+)?(?:{_MY}|this|our)\s+{_FRESH}*"
          rf"{_PROMO_THINGS}\b",
          {"check", "checking", "chek", "look", "listen", "tune"}, _MY_WORDS | {"this"}, _THING_WORDS),
    c.cue(_PROMO, 0.75,
          rf"\b(?:visit|watch|view|go\s+to|hear|see|share|support|promote)\s+(?:{_MY})\s+{_FRESH}*{_PROMO_THINGS}\b",
          {"visit", "watch", "view", "go", "hear", "see", "share", "support", "promote"}, _MY_WORDS, _THING_WORDS),
    c.cue("asks for subscribers or followers", 0.7,
          r"\b(?:sub(?:scribe)?s?|follow|add)\s+(?:to\s+|2\s+)?(?:me|my|us|our|back)\b|\bsub\s*(?:4|for)\s*sub\b"
          r"|\bsub4sub\b|\bplease\s+(?:sub(?:scribe)?|follow)\b|\bsubscribe\s+(?:and|please|pls|plz|now|if\s+you|for\s+more)\b"
          r"|\b(?:subscribers?|followers?)\s+(?:please|pls|plz)\b|\b(?:gain|get|need|reach)\s+(?:more\s+)?"
          r"(?:\d+\s+)?(?:subscribers?|subs|followers?|views)\b",
          {"sub", "subs", "subscribe", "follow", "add", "sub4sub", "subscribers", "subscriber", "followers",
           "follower", "views"}),
    c.cue(_PROMO, 0.6,
          rf"\b(?:{_MY})\s+(?:new\s+|latest\s+|first\s+|own\s+|youtube\s+|music\s+)*(?:channel|chanel|vlog|mixtape"
          rf"|playlist|instagram|insta|soundcloud|page)\b",
          {"channel", "chanel", "vlog", "mixtape", "playlist", "instagram", "insta", "soundcloud", "page"},
          {"my", "our"}),
    c.cue(_PROMO, 0.6,
          rf"\b(?:i(?:'m|\s+am|m)|we(?:'re|\s+are))\s+(?:a|an|just\s+a|just\s+an)\s+(?:[\w-]+\s+){{0,3}}?{_CREATORS}s?\b",
          set(re.findall(r"[a-z]+", _CREATORS)) | {"youtubers", "artists", "rappers", "singers", "bands"},
          {"i'm", "im", "i", "we", "we're"}),
    c.cue(_PROMO, 0.6, r"\bgive\s+(?:me|it|us|my\s+\w+|our\s+\w+)\s+a\s+(?:chance|try|listen|look|shot)\b"
          r"|\bsupport\s+(?:me|us)\b|\bhelp\s+(?:me|us)\s+(?:get|reach|hit|grow)\b", {"give", "support", "help"},
          {"chance", "try", "listen", "look", "shot", "me", "us"}),
    c.cue("mentions their own content", 0.45,
          rf"\b(?:{_MY})\s+{_FRESH}*(?:video|videos|vid|song|songs|music|cover|covers|remix|beat|beats|album|mixtape"
          r"|track|tracks|single|ep|vlog|vlogs|podcast|art|website|blog)\b",
          {"video", "videos", "vid", "song", "songs", "music", "cover", "covers", "remix", "beat", "beats", "album",
           "mixtape", "track", "tracks", "single", "ep", "vlog", "vlogs", "podcast", "art", "website", "blog"},
          _MY_WORDS),
    c.cue("a spammer's preamble", 0.6,
          r"\b(?:sorry\s+(?:for|about)\s+(?:the\s+|this\s+)?(?:spam|self[\s-]promo\w*|advertising)|(?:i'm|im|i\s+am)\s+not"
          r"\s+(?:a\s+)?(?:spam\w*|bot)|(?:this\s+is|it's)\s+not\s+(?:a\s+)?spam|(?:please\s+)?(?:don't|do\s+not)\s+(?:ignore"
          r"|skip|scroll\s+past)|i\s+know\s+(?:most\s+of\s+)?(?:you|people)\s+(?:will\s+|probably\s+|usually\s+)*(?:ignore"
          r"|skip|pass|hate|scroll)|thanks?\s+(?:you\s+)?for\s+(?:reading|your\s+time|taking\s+the\s+time))\b",
          {"spam", "spamming", "spammer", "promo", "promotion", "advertising", "bot", "ignore", "skip", "scroll",
           "pass", "reading", "time"}),
    c.cue(_PROMO, 0.55,
          r"\b(?:i|we)\s+(?:make|do|create|produce|upload|post|write)\s+(?:my\s+own\s+|original\s+|daily\s+)?(?:music"
          r"|videos|covers|beats|songs|rap|vlogs|remixes|gaming\s+videos)\b",
          {"make", "do", "create", "produce", "upload", "post", "write"},
          {"music", "videos", "covers", "beats", "songs", "rap", "vlogs", "remixes"}),
    c.cue(_PROMO, 0.6,
          r"\b(?:my|our)\s+(?:friend|friends|brother|sister|cousin|son|daughter|band|crew|group)'?s?'?\s+"
          r"(?:new\s+)?(?:channel|video|videos|song|songs|music|page|mixtape)\b"
          r"|\b(?:song|songs|video|videos|cover|covers|remix|beat|beats|track|tracks|vlog)\s+(?:that\s+)?(?:i|we)\s+"
          r"(?:made|did|wrote|recorded|produced|uploaded|just\s+(?:made|uploaded|posted))\b",
          {"channel", "video", "videos", "song", "songs", "music", "page", "mixtape", "cover", "covers", "remix",
           "beat", "beats", "track", "tracks", "vlog"},
          {"my", "our", "made", "did", "wrote", "recorded", "produced", "uploaded", "posted"}),
    c.cue("asks for subscribers or followers", 0.45, r"\bsubscrib(?:e|ers?|ing)\b",
          {"subscribe", "subscriber", "subscribers", "subscribing"}),
    c.cue(_MONEY, 0.8,
          r"\b(?:make|making|earn|earning|made|get\s+paid|paid)\s+(?:\$\s?\d[\d,.]*k?|money|cash|\d[\d,.]*k?"
          r"|extra\s+\w+|up\s+to\s+\S+|over\s+\S+)",
          {"make", "making", "earn", "earning", "made", "paid"}),
    c.cue(_MONEY, 0.8, r"\bwork(?:ing)?\s+(?:from|at)\s+home\b", {"work", "working"}, {"home"}),
    c.cue(_MONEY, 0.8, r"\b(?:online|home)\s+(?:job|jobs|business|income)\b", {"online", "home"},
          {"job", "jobs", "business", "income"}),
    c.cue(_MONEY, 0.8, r"\$\s?\d[\d,.]*\s*(?:k\s+)?(?:a|per|/|every)\s*(?:day|week|hour|month|hr)\b",
          {"day", "week", "hour", "month", "hr"}),
    c.cue(_MONEY, 0.8, r"\bpassive\s+income\b|\b(?:bitcoin|crypto|forex|binary\s+options?)\s+(?:investment|trading"
          r"|profit|mining)\b", {"passive", "bitcoin", "crypto", "forex", "binary"}),
    c.cue(_PRIZE, 0.75,
          r"\bfree\s+(?:gift\s*cards?|iphones?|ipads?|money|cash|followers|subscribers|subs|likes|views|robux"
          r"|v-?bucks|coins|gems|psn|xbox|itunes|amazon|samples?|trial|download)\b|\b100%\s+free\b",
          {"free"}, {"gift", "giftcard", "giftcards", "iphone", "iphones", "ipad", "ipads", "money", "cash",
                     "followers", "subscribers", "subs", "likes", "views", "robux", "v", "vbucks", "bucks", "coins",
                     "gems", "psn", "xbox", "itunes", "amazon", "sample", "samples", "trial", "download", "100"}),
    c.cue(_PRIZE, 0.75, r"\bgift\s*cards?\b|\bgiveaways?\b",
          {"gift", "giftcard", "giftcards", "giveaway", "giveaways"}),
    c.cue(_PRIZE, 0.75,
          r"\b(?:win|won|winning)\s+(?:a|an|your)?\s*(?:free\s+|brand\s+new\s+)?(?:iphone|ipad|car|prize|\$|cash"
          r"|gift|trip|vacation|laptop)", {"win", "won", "winning"}),
    c.cue(_PRIZE, 0.75, r"\b(?:promo|discount|coupon|referral|invite)\s+code\b|\blimited\s+(?:time\s+)?offer\b"
          r"|\bclaim\s+(?:your|a|the)\s+(?:free\s+)?(?:prize|reward|gift|bonus|money)\b",
          {"code", "offer", "claim"}, {"promo", "discount", "coupon", "referral", "invite", "limited", "prize",
                                       "reward", "gift", "bonus", "money"}),
    c.cue(_CLICK, 0.65,
          r"\bclick\s+(?:here|the\s+link|this\s+link|on\s+(?:the|this|my)\s+link|my\s+link|link|below|now)\b",
          {"click"}),
    c.cue(_CLICK, 0.65, r"\b(?:sign|signup)\s*up\s+(?:here|now|at|for\s+free|using|with)\b", {"sign", "signup"},
          {"up"}),
    c.cue(_CLICK, 0.65, r"\blink\s+(?:in|on)\s+(?:my|the)\s+(?:bio|profile|channel|description)\b", {"link"},
          {"bio", "profile", "channel", "description"}),
    c.cue(_CLICK, 0.65, r"\b(?:dm|message|text|whatsapp|inbox)\s+me\s+(?:for|on|at|now|to)\b",
          {"dm", "message", "text", "whatsapp", "inbox"}, {"me"}),
    c.cue("adult or scam bait", 0.8,
          r"\b(?:hot|sexy|lonely)\s+(?:girls|singles|women|moms)\b|\bonlyfans\b|\bdating\s+site\b"
          r"|\b(?:casino|betting)\s+(?:bonus|site)\b|\b(?:cheap|instant)\s+(?:loans?|followers)\b",
          {"girls", "singles", "women", "moms", "onlyfans", "dating", "casino", "betting", "loan", "loans",
           "followers"}),
    c.cue(_LIKES, 0.4, r"\b(?:please|pls|plz|pleas)\s+(?:like|share|comment|help|thumbs)\b",
          {"please", "pls", "plz", "pleas"}, {"like", "share", "comment", "help", "thumbs"}),
    c.cue(_LIKES, 0.4, r"\b(?:like|share)\s+(?:this|my)\s+(?:comment|post)\s+(?:so|if|and|to)\b"
          r"|\bthumbs?\s+up\s+(?:so|if|this|my)\b", {"comment", "post", "thumbs", "thumb"},
          {"like", "share", "up"}),
    c.cue("a disguised link", 0.7,
          r"\b[a-z0-9-]{2,}\s*(?:\[\s*\.?\s*\]|\(\s*dot\s*\)|\[\s*dot\s*\]|\s+dot\s+|\s\.\s)\s*(?:com|net|org|ly|tk)\b"
          r"|\bwww\s+dot\b|\byou\s*\[\s*tube\s*\]",
          {"com", "net", "org", "ly", "tk", "dot", "www", "tube"}),
    c.cue("a spammer's preamble", 0.6,
          r"\b(?:\d+|a\s+few|one|a|just\s+a|a\s+couple)\s+(?:seconds?|secs?|minutes?|mins?|moments?)\s+of\s+your"
          r"\s+(?:time|day)\b",
          {"time", "day"}, {"seconds", "second", "secs", "sec", "minute", "minutes", "mins", "min", "moment",
                            "moments"}),
    c.cue("a spammer's preamble", 0.6,
          r"\bthis\s+comment\s+will\s+(?:probably\s+|just\s+)?(?:get\s+)?(?:lost|ignored|buried)\b",
          {"lost", "ignored", "buried"}, {"comment"}),
    c.cue("a spammer's preamble", 0.6,
          r"\b(?:(?:everyone|anyone|everybody|whoever|people)\s+(?:who|that)\s+(?:reads?|sees?)\s+this(?:\s+comment)?"
          r"|please\s+(?:read|don't\s+scroll)\s+(?:this|my)\b)",
          {"reads", "read", "sees", "see", "scroll"}, {"everyone", "anyone", "everybody", "whoever", "people",
                                                       "please"}),
    c.cue(_PROMO, 0.6,
          r"\bjoin\s+(?:my|our)\s+(?:team|group|clan|crew|community|server|discord|fan\s*club|page)\b"
          r"|\bvote\s+for\s+(?:me|us|my|our)\b"
          r"|\b(?:like|follow|add)\s+(?:my|our)\s+(?:fan\s*)?(?:page|facebook|fb|insta\w*|twitter|tiktok|soundcloud)\b",
          {"join", "vote", "like", "follow", "add"}, _MY_WORDS | {"us"},
          {"team", "group", "clan", "crew", "community", "server", "discord", "fan", "fanclub", "club", "page", "me",
           "us", "my", "our", "facebook", "fb", "instagram", "insta", "twitter", "tiktok", "soundcloud"}),
    c.cue(_MONEY, 0.8,
          r"\b(?:free|earn|earning|get|make)\s+(?:\$\s?\d[\d,.]*\s+)?(?:in\s+)?paypal\b|\bswagbucks\b"
          r"|\b(?:paid\s+)?surveys?\s+for\s+(?:cash|money)\b",
          {"paypal", "swagbucks", "survey", "surveys"}),
    c.cue("investment scam", 0.8,
          r"\b(?:crypto|forex|bitcoin|btc|investment|trading|stock)\s+(?:expert|mentor|manager|coach|broker|guru"
          r"|specialist)\b|\b(?:contact|message|reach|text)\s+(?:him|her|them|mr\.?|mrs\.?|ms\.?|dr\.?)\b[^.!?\n]{0,40}"
          r"\b(?:whatsapp|telegram)\b",
          {"crypto", "forex", "bitcoin", "btc", "investment", "trading", "stock", "contact", "message", "reach",
           "text"}, {"expert", "mentor", "manager", "coach", "broker", "guru", "specialist", "whatsapp", "telegram"}),
    c.cue("social media handle", 0.45,
          r"\b(?:my\s+)?(?:instagram|insta|ig|twitter|snapchat|snap|tiktok|kik|facebook|fb|soundcloud|telegram)"
          r"\s*(?:is|:|@|-|name|handle|id)\s*@?\w",
          {"instagram", "insta", "ig", "twitter", "snapchat", "snap", "tiktok", "kik", "facebook", "fb",
           "soundcloud", "telegram"}),
)
_TRIGGERS = c.all_triggers(CUES)
_LINK_WEIGHT = 0.6  # an explicit URL
_BARE_LINK_WEIGHT = 0.45  # a bare "example.com": not enough alone


class SpamClassifier(Classifier):
    """Comment spam (LCCS-09 (4)); see the module docstring for how it decides."""

    name = "spam"
    version = "1"
    labels = ("spam",)

    def classify(self, text: str, context: Context) -> list[Finding]:
        hits = c.find(text, CUES, _TRIGGERS)
        hits += _link_hits(text)
        if not hits:
            return []
        evidence = c.strongest_per_cue(hits)
        score = c.noisy_or(h.cue.weight for h in evidence)
        if score < 0.3:
            return []
        top = evidence[0]
        explanation = f"Reads like comment spam: {c.describe(text, evidence)}."
        return [self.finding("spam", score, top.start, top.end, explanation)]


_LINK_CUE = c.Cue("a link", _LINK_WEIGHT, re.compile(""), frozenset())
_BARE_LINK_CUE = c.Cue("a link", _BARE_LINK_WEIGHT, re.compile(""), frozenset())


def _link_hits(text: str) -> list[c.Hit]:
    links = find_links(text)
    if not links:
        return []
    low = lower(text)
    explicit = [(s, e) for s, e, _ in links if low.startswith(("http", "www"), s)]
    if explicit:
        return [c.Hit(_LINK_CUE, *explicit[0])]
    return [c.Hit(_BARE_LINK_CUE, links[0][0], links[0][1])]
