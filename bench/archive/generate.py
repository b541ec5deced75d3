"""Realistic generated items, produced lazily: posts with comment threads, replies, edits and deletions.

Deterministic for a seed. Each snapshot carries a raw JSON payload of about 1-2 KB shaped like a
platform API object, plain text from a small vocabulary with names, hashtags, mentions and links,
and dates spread over three years, so that date filters in the search benchmark select real
slices. About 5 % of the items are later edits of an earlier item (a new version) and about 2 %
are deletions of an earlier item (a tombstone, the content kept).
"""

from __future__ import annotations

import json
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from socialgov.archive.capture import Author, CaptureSource, ItemKind, ItemSnapshot, Mention, RawPayload

START = datetime(2023, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 3 * 365 * 24 * 3600
CAPTURED = datetime(2026, 3, 6, 13, 15, tzinfo=UTC)
SOURCE = CaptureSource("bench-generated", "1", "bench.archive.generate")

WORDS = (  # noqa: SIM905 - a paragraph of words reads better than a list of quoted ones
    "library park pool schedule summer winter program youth senior council meeting budget vote road closure "
    "detour water main repair permit application deadline festival concert parade market vendor recycling "
    "trash pickup holiday office hours closed open registration class camp volunteer fire safety police "
    "community garden trail bridge construction transit bus route fare snow plow storm warning shelter "
    "vaccine clinic health inspection restaurant housing rent assistance grant school board election ballot "
    "polling place survey feedback hearing public comment ordinance zoning parking meter ticket bike lane "
    "sidewalk streetlight pothole report app website update thanks question answer please help today "
    "tomorrow weekend morning evening downtown north south east west neighborhood family children dogs "
    "animal adoption museum exhibit theater tickets free event center playground basketball soccer tennis"
).split()
NAMES = ("Alex Rivera", "Sam Chen", "Jordan Patel", "Taylor Brooks", "Morgan Lee", "Casey Nguyen", "Riley Johnson",
         "Jamie Garcia", "Avery Smith", "Quinn Davis", "Drew Wilson", "Harper Kim", "Rowan Martinez", "Emery Clark")
TAGS = ("CityNews", "ParksAndRec", "SummerFun", "PublicSafety", "Transit", "VoteLocal", "LibraryLife",
        "SnowAlert", "CommunityGarden", "Budget2025", "RoadWork", "HealthyCity")
SITES = ("https://city.example.gov/news/", "https://parks.example.gov/events/", "https://example.org/story/",
         "https://transit.example.gov/alerts/")
ACCOUNT = Author("1001", "cityofexample", "City of Example")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def _text(rng: random.Random) -> tuple[str, tuple[str, ...], tuple[Mention, ...], tuple[str, ...]]:
    parts = [_sentence(rng, 6, 18) for _ in range(rng.randint(1, 3))]
    tags = tuple(rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2))))
    mentions = tuple(Mention(handle=name.split()[0].lower() + str(rng.randint(1, 99)),
                             id=str(rng.randint(10**6, 10**7))) for name in rng.sample(NAMES, rng.choice((0, 0, 0, 1))))
    links = tuple(rng.choice(SITES) + str(rng.randint(1000, 99999)) for _ in range(rng.choice((0, 0, 1))))
    if mentions:
        parts.insert(0, " ".join("@" + m.handle for m in mentions))
    if rng.random() < 0.3:
        parts.append(f"Thanks to {rng.choice(NAMES)} for the help.")
    parts.extend("#" + tag for tag in tags)
    parts.extend(links)
    return " ".join(parts), links, mentions, tags


def _raw(item_id: str, text: str, author: Author, created: datetime, parent: str, links, mentions, tags,
         rng: random.Random) -> bytes:
    # Shaped like a platform API object: the text and entities plus the metadata every export carries.
    body = {
        "id": item_id, "id_str": item_id, "created_at": created.strftime("%a %b %d %H:%M:%S +0000 %Y"),
        "full_text": text, "lang": "en", "source": "<a href=\"https://example.org/app\" rel=\"nofollow\">Web App</a>",
        "in_reply_to_status_id_str": parent or None, "in_reply_to_user_id_str": ACCOUNT.id if parent else None,
        "user": {"id_str": author.id, "screen_name": author.handle, "name": author.display_name,
                 "description": "Official account. Not monitored 24/7. For emergencies call 911.",
                 "location": "Example City", "url": "https://city.example.gov", "followers_count": 12345,
                 "friends_count": 321, "verified": author is ACCOUNT, "created_at": "Mon Jan 04 09:00:00 +0000 2010"},
        "entities": {"hashtags": [{"text": t, "indices": [0, len(t) + 1]} for t in tags],
                     "user_mentions": [{"screen_name": m.handle, "id_str": m.id, "indices": [0, 1]} for m in mentions],
                     "urls": [{"url": "https://t.co/" + format(rng.getrandbits(40), "x"), "expanded_url": u,
                               "display_url": u.split("//", 1)[1][:24], "indices": [0, 23]} for u in links],
                     "symbols": []},
        "favorite_count": rng.randint(0, 500), "retweet_count": rng.randint(0, 120), "reply_count": rng.randint(0, 40),
        "display_text_range": [0, len(text)], "truncated": False, "possibly_sensitive": False,
        "edit_info": {"initial": {"editTweetIds": [item_id], "editableUntil": created.isoformat(),
                                  "editsRemaining": "5", "isEditEligible": True}},
    }
    return json.dumps(body, ensure_ascii=False, separators=(", ", ": ")).encode("utf-8")


def _snapshot(rng: random.Random, item_id: str, kind: ItemKind, author: Author, created: datetime, parent: str,
              root: str, index: int) -> ItemSnapshot:
    text, links, mentions, tags = _text(rng)
    raw = _raw(item_id, text, author, created, parent, links, mentions, tags, rng)
    return ItemSnapshot(
        platform="x", account_id=ACCOUNT.id, account_handle=ACCOUNT.handle, item_id=item_id, kind=kind, author=author,
        created_at=created, captured_at=CAPTURED,
        raw=RawPayload.of(raw, media_type="application/json", file="data/tweets.js", locator=f"[{index}]"),
        source=SOURCE, text=text, markup=text, markup_format="x-text", parent_id=parent, root_id=root,
        links=links, mentions=mentions, hashtags=tags, url=f"https://x.com/{author.handle}/status/{item_id}",
        language="en")


def _threads(rng: random.Random, count: int) -> Iterator[ItemSnapshot]:
    """Fresh items: a post, then 0-8 comments and replies under it, dates moving forward over three years."""
    produced, next_id, step = 0, 1_600_000_000_000_000_000, SPAN_SECONDS / max(count, 1)
    while True:
        moment = START + timedelta(seconds=produced * step)
        post_id = str(next_id)
        next_id += 1
        yield _snapshot(rng, post_id, ItemKind.POST, ACCOUNT, moment, "", "", produced)
        produced += 1
        parent = post_id
        for _ in range(rng.choice((0, 0, 1, 2, 3, 5, 8))):
            name = rng.choice(NAMES)
            author = Author(str(rng.randint(10**6, 10**7)), name.split()[0].lower() + str(rng.randint(1, 99)), name)
            comment_id = str(next_id)
            next_id += 1
            reply_to = parent if rng.random() < 0.3 else post_id
            kind = ItemKind.REPLY if reply_to != post_id else ItemKind.COMMENT
            yield _snapshot(rng, comment_id, kind, author, moment + timedelta(minutes=rng.randint(1, 600)), reply_to,
                            post_id, produced)
            produced += 1
            parent = comment_id


def snapshots(count: int, *, seed: int = 20261122) -> Iterator[ItemSnapshot]:
    """``count`` snapshots: threads of a post and 0-8 comments/replies, with ~5 % edits and ~2 % deletions."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    fresh = _threads(rng, count)
    recent: deque[ItemSnapshot] = deque(maxlen=2000)     # items an edit or a deletion may refer to
    deleted: set[str] = set()
    for _ in range(count):
        roll = rng.random()
        earlier = rng.choice(recent) if recent and roll < 0.07 else None
        if earlier is not None and earlier.item_id not in deleted:
            if roll < 0.05:                              # a later version: the text was edited
                text = earlier.text + " Update: " + _sentence(rng, 3, 8)
                edited = replace(earlier, text=text, markup=text, edited_at=earlier.created_at + timedelta(minutes=7))
                recent.append(edited)
                yield edited
            else:                                        # the platform says it was deleted
                deleted.add(earlier.item_id)
                yield replace(earlier, deleted=True, deleted_at=earlier.created_at + timedelta(days=2))
            continue
        item = next(fresh)
        recent.append(item)
        yield item
