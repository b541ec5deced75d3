"""LCCS-09 (4): comment spam.

Designed from how comment spam reads in general (not from any labelled set):
it wants something from the reader that has nothing to do with the post —
visit my channel, subscribe, follow me, click this link, make money from home,
win a free gift card — and it often carries a link or a disguised one
("youtube . com", "www dot"). Each such move is a weighted cue; cues combine
as a noisy-or, so one strong move or two weaker ones make spam. A plain link
counts too: unsolicited links are spam's usual payload.

The platforms' own spam rules name more such moves, and they are cues too:
engagement bait (asking for likes or reactions on the comment itself, "like
this comment if…"), exchanges of engagement ("sub4sub", "follow 4 follow"),
requests for payment to a cryptocurrency wallet, and links with their domain
stripped ("watch?v=…"). "Subscribe" is matched as spammers spell it too.
"""

from __future__ import annotations

import re

from ..base import Classifier, Context, Finding
from ..text import lower
from . import cues as c
from .links import find_links

_MY = r"(?:my|our|me|mine)"
_MY_WORDS = {"my", "our", "me", "mine"}
_PROMO_THINGS = (r"(?:channel|chanel|channels|video|videos|vid|vids|vidz|vidios|vidoes|videoes|page|music|song|songs"
                 r"|cover|covers|site|website"
                 r"|blog|profile|stream|streams|playlist|account|insta|instagram|mixtape|album|track|tracks|app|shop"
                 r"|store|art|work|vlog|vlogs|podcast|content|youtube|band|remix|beat|beats|single|ep|book|game)")
_THING_WORDS = set(re.findall(r"[a-z]+", _PROMO_THINGS))
_FRESH = (r"(?:new\s+|newest\s+|brand\s+new\s+|latest\s+|first\s+|official\s+|own\s+|youtube\s+|music\s+"
          r"|little\s+|original\s+)")
_ANY_TWO = r"(?:[\w'-]+\s+){0,2}?"      # "my acoustic cover channel", "my drum cover"
_CREATORS = r"(?:youtuber|artist|rapper|singer|musician|producer|channel|band|creator|streamer|songwriter|dj|vlogger)"
_SUBSCRIBE = r"(?:subscribe|suscribe|subcribe|sucscribe|subsribe|subscibe|subscrib|subscirbe)"
_SUBSCRIBE_WORDS = {"subscribe", "suscribe", "subcribe", "sucscribe", "subsribe", "subscibe", "subscrib", "subscirbe"}
_PROMO = "self-promotion"
_SUBS = "asks for subscribers or followers"
_MONEY = "money-making offer"
_PRIZE = "free-prize or giveaway offer"
_CLICK = "call to click or sign up"
_LIKES = "asks for likes or shares"
_BAIT = "engagement bait"

CUES: tuple[c.Cue, ...] = (
    c.cue(_PROMO, 0.75,
          rf"\b(?:check(?:ing)?|chek|look|listen|tune)\s*(?:out|in)?\s+(?:to\s+)?(?:{_MY}|this|our)\s+{_FRESH}*"
          rf"{_ANY_TWO}{_PROMO_THINGS}\b",
          {"check", "checking", "chek", "look", "listen", "tune"}, _MY_WORDS | {"this"}, _THING_WORDS),
    c.cue(_PROMO, 0.75,
          rf"\b(?:visit|watch|view|go\s+to|hear|see|share|support|promote)\s+(?:{_MY})\s+{_FRESH}*{_PROMO_THINGS}\b",
          {"visit", "watch", "view", "go", "hear", "see", "share", "support", "promote"}, _MY_WORDS, _THING_WORDS),
    # One move, several phrasings, each tried only when its own words occur (one cue name: one piece of evidence).
    c.cue(_SUBS, 0.7, rf"\b(?:subs?|{_SUBSCRIBE}s?|follow|add)\s+(?:to\s+|2\s+)?(?:me|my|us|our|back)\b",
          {"sub", "subs", "follow", "add"} | _SUBSCRIBE_WORDS, {"me", "my", "us", "our", "back"}),
    c.cue(_SUBS, 0.7, r"\bsub\s*(?:4|for)\s*sub\b|\bsub4sub\b", {"sub", "sub4sub"}),
    c.cue(_SUBS, 0.7, rf"\b(?:please|pls|plz|come|go)\s+(?:sub|{_SUBSCRIBE}|follow)\b",
          {"please", "pls", "plz", "come", "go"}, {"sub", "follow"} | _SUBSCRIBE_WORDS),
    c.cue(_SUBS, 0.7,
          rf"\b{_SUBSCRIBE}\s+(?:and|please|pls|plz|now|if\s+you|for\s+more)\b"
          rf"|\b(?:like|comment|share)\s*(?:,|\s(?:and|n)\s|&|\+)\s*{_SUBSCRIBE}\b|^\W*{_SUBSCRIBE}\W*$",
          _SUBSCRIBE_WORDS),
    c.cue(_SUBS, 0.7, r"\b(?:subscribers?|followers?)\s+(?:please|pls|plz)\b",
          {"subscriber", "subscribers", "follower", "followers"}, {"please", "pls", "plz"}),
    c.cue(_SUBS, 0.7, r"\b(?:gain|get|need|reach)\s+(?:more\s+)?(?:\d+\s+)?(?:subscribers?|subs|followers?|views)\b",
          {"gain", "get", "need", "reach"}, {"subscriber", "subscribers", "subs", "follower", "followers", "views"}),
    c.cue(_SUBS, 0.7, r"\bbecome\s+(?:my|our)\s+(?:first\s+|\d+\w*\s+)?(?:subscribers?|followers?|fans?)\b",
          {"become"}, {"subscriber", "subscribers", "follower", "followers", "fan", "fans"}),
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
    c.cue(_SUBS, 0.45, rf"\b(?:{_SUBSCRIBE}|subscrib(?:ers?|ing))\b",
          {"subscriber", "subscribers", "subscribing"} | _SUBSCRIBE_WORDS),
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
    # Engagement bait as the platforms' own rules name it (asking for likes, reactions, shares or votes on
    # the comment itself, for nothing to do with the post): "like this comment if…", "thumbs up if…".
    c.cue(_BAIT, 0.6,
          r"(?:^|[.!?;:\n]|\b(?:please|pls|plz|guys|everyone|everybody|people))\W*(?:do\s+not\s+|don'?t\s+)?"
          r"(?:like|thumbs?\s*up|upvote)\s+(?:this|my)\s+(?:comment|post)\b"
          r"|(?:^|[.!?;:\n])\W*(?:like|thumbs?\s*up)\s+(?:if|for)\s+(?:you|u|ur|your|you're|youre|no\s+reason)\b"
          r"|\bthumbs?\s*up\s+(?:if|for\s+no\s+reason)\b"
          r"|\bhow\s+many\s+(?:likes|thumbs?\s*ups?)\s+(?:can|will|does)\s+(?:this|my)\s+(?:comment|post)\b",
          {"like", "thumbs", "thumb", "thumbsup", "upvote", "likes", "ups"},
          {"comment", "post", "if", "for"}),
    # Incentivised engagement: an exchange of follows, likes or subscriptions ("follow 4 follow", "l4l").
    c.cue(_SUBS, 0.7,
          r"\b(sub|like|follow|f|l|s)\s*(?:4|for)\s*\1\b|\b(?:l4l|f4f|s4s|like4like|follow4follow)\b",
          {"sub", "like", "follow", "f", "l", "s", "l4l", "f4f", "s4s", "like4like", "follow4follow"},
          {"4", "for", "l4l", "f4f", "s4s", "like4like", "follow4follow"}),
    c.cue(_PROMO, 0.7, r"\bcheck\s+(?:me|us)\s+out\b", {"check"}, {"me", "us"}),
    c.cue(_MONEY, 0.8,
          r"\b(?:bc1[a-z0-9]{25,60}|[13][a-z0-9]{25,34}|0x[0-9a-f]{40})\b",
          {"bitcoin", "bitcoins", "btc", "eth", "ethereum", "crypto", "donate", "donation", "donations", "send",
           "wallet", "address"}),
    # (The name is matched possessively, ``{2,}+``: a word not followed by a disguised dot fails at once
    # instead of being tried again at every shorter length.)
    c.cue("a disguised link", 0.7,
          r"\b[a-z0-9-]{2,}+\s*(?:\[\s*\.?\s*\]|\(\s*dot\s*\)|\[\s*dot\s*\]|\s+dot\s+|\s\.\s)\s*(?:com|net|org|ly|tk)\b"
          r"|\bwww\s+dot\b|\byou\s*\[\s*tube\s*\]",
          {"com", "net", "org", "ly", "tk", "dot", "www", "tube"}),
    c.cue("a disguised link", 0.7, r"(?:^|(?<=[\s/]))watch\?v=[\w-]{6,}", {"watch"}, {"v"}),
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
