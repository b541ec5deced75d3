"""LCCS-09 (7), DCFS-05, LCCS-03: promotion of services, products or political organizations.

Commercial promotion reads as an offer addressed to the reader (we offer,
call us today, % off, free consultation, visit our store); political promotion
as campaigning (vote for, elect, re-elect, donate to the campaign, join the
party, a candidate "for mayor"). Mentioning an election or a business is not
promotion; urging the reader toward one is.
"""

from __future__ import annotations

from . import cues as c

_CAMPAIGN = "campaigning for a candidate or party"
_ADVERT = "advertising a product or service"


class PromotionClassifier(c.CueClassifier):
    """Promotion of particular services, products, or political organizations."""

    name = "promotion"
    version = "1"
    labels = ("promotion",)
    label = "promotion"
    what = "Promotion"
    cues = (
        c.cue(_CAMPAIGN, 0.8,
              r"\b(?:vote|voting)\s+(?:for|yes\s+on|no\s+on|against|(?:straight\s+)?(?:democrat|democratic|republican"
              r"|gop|libertarian|green|blue|red))\b",
              {"vote", "voting"}, {"for", "yes", "no", "against", "straight", "democrat", "democratic", "republican",
                                   "gop", "libertarian", "green", "blue", "red"}),
        c.cue(_CAMPAIGN, 0.8, r"\b(?:re-?elect|elect)\s+[a-z]+|\bmaga\b", {"elect", "reelect", "maga"}),
        c.cue(_CAMPAIGN, 0.8,
              r"\b(?:donate|contribute|chip\s+in)\s+to\s+(?:my|our|the|his|her)\s+(?:campaign|pac|party)\b"
              r"|\bjoin\s+the\s+(?:\w+\s+)?(?:party|campaign|movement)\b|\bpaid\s+for\s+by\b",
              {"campaign", "pac", "party", "movement", "paid"}, {"donate", "contribute", "chip", "join", "by"}),
        c.cue(_CAMPAIGN, 0.8,
              r"\b(?:for|as)\s+(?:mayor|governor|senate|senator|congress|president|city\s+council|council|commissioner"
              r"|sheriff|judge|state\s+rep(?:resentative)?|school\s+board)\s+(?:20\d\d|in\s+20\d\d|this\s+november)\b",
              {"mayor", "governor", "senate", "senator", "congress", "president", "council", "commissioner",
               "sheriff", "judge", "rep", "representative", "board"}, {"for", "as"}),
        c.cue(_ADVERT, 0.75,
              r"\b(?:we|i)\s+(?:offer|provide|sell|specialize\s+in|do)\s+(?:affordable|cheap|the\s+best|professional"
              r"|quality|discounted|free|fast|same-day|custom)\b",
              {"offer", "provide", "sell", "specialize", "do"}, {"we", "i"},
              {"affordable", "cheap", "best", "professional", "quality", "discounted", "free", "fast", "same",
               "custom"}),
        c.cue(_ADVERT, 0.75,
              r"\b(?:call|contact|text|dm|message|email)\s+us\s+(?:today|now|for|at)\b|\bhire\s+(?:us|me)\b",
              {"us", "hire"}, {"call", "contact", "text", "dm", "message", "email", "hire"}),
        c.cue(_ADVERT, 0.75, r"\b\d{1,2}\s*%\s*off\b|\bfree\s+(?:consultation|quote|estimate|shipping|trial)\b",
              {"off", "consultation", "quote", "estimate", "shipping", "trial"}),
        c.cue(_ADVERT, 0.75,
              r"\b(?:visit|check\s+out|shop\s+at|order\s+from)\s+our\s+(?:store|shop|website|site|page|office"
              r"|showroom)\b|\bour\s+(?:company|business|firm|agency)\s+(?:offers|provides|can\s+help)\b",
              {"our"}, {"store", "shop", "website", "site", "page", "office", "showroom", "company", "business",
                        "firm", "agency"}, {"visit", "check", "shop", "order", "offers", "provides", "help"}),
        c.cue(_ADVERT, 0.75,
              r"\b(?:order|buy|shop|book)\s+now\b|\bbest\s+(?:prices?|rates|deals?)\b|\b(?:affordable|cheap)\s+(?:rates"
              r"|prices|services|lawyers?|attorneys?|loans?|insurance)\b|\buse\s+(?:my|our)\s+(?:code|link)\b",
              {"now", "best", "affordable", "cheap", "use"}, {"order", "buy", "shop", "book", "price", "prices",
                                                               "rates", "deal", "deals", "services", "lawyer",
                                                               "lawyers", "attorney", "attorneys", "loan", "loans",
                                                               "insurance", "code", "link"}),
    )
