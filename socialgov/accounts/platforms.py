"""The platforms an account can live on: a registry keyed by platform key, not model constants.

Pure Python (no Django, no ORM). Each platform knows its NJ-02 technology category and how to
turn whatever a person pastes — a profile URL in any of its variants, an @handle, a Mastodon
``user@instance`` — into one canonical ``lookup_key``, so the public can check whether an
account is official however they wrote it down (NJ-08).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

# NJ-02: the technology categories, in the framework's own words (used when a pack has none).
CATEGORIES: dict[str, str] = {
    "video_sharing": "Video Sharing",
    "blogging_microblogging": "Blogging/Microblogging",
    "social_networking": "Social Networking",
    "photo_sharing": "Photo Sharing",
    "social_bookmarking": "Social Bookmarking",
    "communal_knowledge": "Communal Knowledge Development/Sharing",
    "forums_ideation_rss": "Online Forums, Ideation and Updating Services",
}


class NotRecognised(ValueError):
    """The text is not a profile URL or handle of the platform; the message says why."""


@dataclass(frozen=True)
class Identity:
    """One account on one platform, canonically written."""

    platform: str
    handle: str          # as people write it: "@njdcf", "njdcf@mastodon.social", "nj.gov"
    url: str             # the canonical profile URL
    key: str             # what lookups compare: case-folded where the platform is case-insensitive

    @property
    def lookup_key(self) -> str:
        return f"{self.platform}:{self.key}"


@dataclass(frozen=True)
class Platform:
    key: str
    name: str
    category: str                                   # NJ-02 category key
    hosts: tuple[str, ...] = ()                     # hosts (without "www."/"m.") its profile URLs use
    from_url: Callable[[str, str, str], Identity] | None = field(default=None, repr=False)
    from_handle: Callable[[str], Identity] | None = field(default=None, repr=False)
    handle_example: str = ""
    url_example: str = ""
    terms_url: str = ""             # where the platform publishes its terms of service (KY-04)

    def identify(self, text: str) -> Identity:
        """The account ``text`` names on this platform; raises NotRecognised."""
        text = (text or "").strip()
        if not text:
            raise NotRecognised("Enter the account's profile address or handle.")
        if _looks_like_url(text):
            host, path, query = _split_url(text)
            if self.from_url is None:
                raise NotRecognised(f"{self.name} accounts are written as a handle, not an address.")
            return self.from_url(host, path, query)
        if self.from_handle is None:
            raise NotRecognised(f"Enter the full address of the {self.name} account, starting with https://.")
        return self.from_handle(text)


# --- parsing helpers ------------------------------------------------------------------------

_URL_START = re.compile(r"^(https?://|www\.)", re.I)
_HOSTISH = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+/", re.I)
_NAME = re.compile(r"^[A-Za-z0-9_.\-]+$")


def _looks_like_url(text: str) -> bool:
    return bool(_URL_START.match(text) or _HOSTISH.match(text))


def _split_url(text: str) -> tuple[str, str, str]:
    """(host without www./m./mobile., path without trailing slash, query) of a URL with or without scheme."""
    if not re.match(r"^https?://", text, re.I):
        text = "https://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    if not host:
        raise NotRecognised("That address has no site name in it.")
    return host, parts.path.rstrip("/"), parts.query


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _bare(handle: str) -> str:
    handle = handle.strip()
    return handle[1:] if handle.startswith("@") else handle


def _check_name(name: str, platform: str) -> str:
    if not name or not _NAME.match(name):
        raise NotRecognised(f"{name!r} is not a {platform} account name: use letters, digits, '.', '_' or '-'.")
    return name


# --- Mastodon (any instance): user@instance, https://instance/@user -------------------------

def _mastodon(user: str, instance: str) -> Identity:
    user, instance = _check_name(user, "Mastodon"), instance.lower()
    if "." not in instance:
        raise NotRecognised(f"{instance!r} is not a Mastodon server name (for example mastodon.social).")
    # Usernames and server names are both case-insensitive on Mastodon.
    return Identity("mastodon", f"@{user}@{instance}", f"https://{instance}/@{user}", f"{user.lower()}@{instance}")


def _mastodon_url(host: str, path: str, query: str) -> Identity:
    parts = _segments(path)
    if len(parts) == 1 and parts[0].startswith("@"):
        user, _, instance = parts[0][1:].partition("@")   # https://a.social/@u@b.social is b.social's user
        return _mastodon(user, instance or host)
    if len(parts) == 2 and parts[0] == "users":
        return _mastodon(parts[1], host)
    raise NotRecognised("A Mastodon profile address looks like https://mastodon.social/@name.")


def _mastodon_handle(text: str) -> Identity:
    user, sep, instance = _bare(text).partition("@")
    if not sep:
        raise NotRecognised("Write a Mastodon account as name@server, for example njgov@mastodon.social.")
    return _mastodon(user, instance)


# --- Bluesky: a domain handle, https://bsky.app/profile/<handle> ------------------------------

def _bluesky(handle: str) -> Identity:
    handle = _bare(handle).lower()
    if handle.startswith("did:"):
        return Identity("bluesky", handle, f"https://bsky.app/profile/{handle}", handle)
    if "." not in handle or not re.match(r"^[a-z0-9.-]+$", handle):
        raise NotRecognised("A Bluesky handle is a domain name, for example agency.bsky.social or agency.gov.")
    return Identity("bluesky", f"@{handle}", f"https://bsky.app/profile/{handle}", handle)


def _bluesky_url(host: str, path: str, query: str) -> Identity:
    parts = _segments(path)
    if len(parts) >= 2 and parts[0] == "profile":
        return _bluesky(parts[1])
    raise NotRecognised("A Bluesky profile address looks like https://bsky.app/profile/agency.bsky.social.")


# --- one-name platforms: Facebook, Instagram, X, YouTube -------------------------------------

def _simple(platform: str, name: str, url: str, case_insensitive: bool = True) -> Identity:
    return Identity(platform, f"@{name}", url, name.lower() if case_insensitive else name)


def _facebook_url(host: str, path: str, query: str) -> Identity:
    parts = _segments(path)
    if parts[:1] == ["profile.php"]:
        page_id = parse_qs(query).get("id", [""])[0]
        if not page_id.isdigit():
            raise NotRecognised("That Facebook address has no page number (profile.php?id=...).")
        return _simple("facebook", page_id, f"https://www.facebook.com/profile.php?id={page_id}")
    if parts[:1] == ["pages"] and len(parts) >= 2:
        parts = parts[-1:] if parts[-1].isdigit() else parts[1:2]
    if len(parts) != 1:
        raise NotRecognised("A Facebook page address looks like https://www.facebook.com/AgencyName.")
    name = _check_name(parts[0], "Facebook")
    return _simple("facebook", name, f"https://www.facebook.com/{name}")


def _facebook_handle(text: str) -> Identity:
    name = _check_name(_bare(text), "Facebook")
    return _simple("facebook", name, f"https://www.facebook.com/{name}")


def _one_segment(platform: str, label: str, base: str, example: str):
    def from_url(host: str, path: str, query: str) -> Identity:
        parts = _segments(path)
        if len(parts) != 1:
            raise NotRecognised(f"A {label} profile address looks like {example}.")
        return from_handle(parts[0])

    def from_handle(text: str) -> Identity:
        name = _check_name(_bare(text), label)
        return _simple(platform, name, f"{base}{name}")

    return from_url, from_handle


_instagram_url, _instagram_handle = _one_segment(
    "instagram", "Instagram", "https://www.instagram.com/", "https://www.instagram.com/agencyname")
_x_url, _x_handle = _one_segment("x", "X", "https://x.com/", "https://x.com/AgencyName")


def _youtube_url(host: str, path: str, query: str) -> Identity:
    parts = _segments(path)
    if len(parts) >= 1 and parts[0].startswith("@"):
        return _youtube_handle(parts[0])
    if len(parts) >= 2 and parts[0] == "channel":
        # Channel ids are case-sensitive; handles and legacy names are not.
        cid = _check_name(parts[1], "YouTube")
        return Identity("youtube", cid, f"https://www.youtube.com/channel/{cid}", f"channel/{cid}")
    if len(parts) >= 2 and parts[0] in ("c", "user"):
        name = _check_name(parts[1], "YouTube")
        return Identity("youtube", name, f"https://www.youtube.com/{parts[0]}/{name}", f"{parts[0]}/{name.lower()}")
    raise NotRecognised("A YouTube channel address looks like https://www.youtube.com/@AgencyName.")


def _youtube_handle(text: str) -> Identity:
    name = _check_name(_bare(text), "YouTube")
    return Identity("youtube", f"@{name}", f"https://www.youtube.com/@{name}", f"@{name.lower()}")


# --- other: any site; the address itself is the identity -------------------------------------

def _other_url(host: str, path: str, query: str) -> Identity:
    url = f"https://{host}{path}" + (f"?{query}" if query else "")
    # The host is case-insensitive; the path may not be, so it is kept as written.
    return Identity("other", url, url, url.removeprefix("https://"))


PLATFORMS: dict[str, Platform] = {
    p.key: p for p in (
        Platform("mastodon", "Mastodon", "blogging_microblogging", (), _mastodon_url, _mastodon_handle,
                 "@agency@mastodon.social", "https://mastodon.social/@agency", "https://mastodon.social/terms"),
        Platform("bluesky", "Bluesky", "blogging_microblogging", ("bsky.app",), _bluesky_url, _bluesky,
                 "@agency.bsky.social", "https://bsky.app/profile/agency.bsky.social",
                 "https://bsky.social/about/support/tos"),
        Platform("facebook", "Facebook", "social_networking", ("facebook.com", "fb.com"), _facebook_url,
                 _facebook_handle, "@AgencyName", "https://www.facebook.com/AgencyName", "https://www.facebook.com/terms"),
        Platform("instagram", "Instagram", "photo_sharing", ("instagram.com",), _instagram_url, _instagram_handle,
                 "@agencyname", "https://www.instagram.com/agencyname", "https://help.instagram.com/581066165581870"),
        Platform("x", "X (formerly Twitter)", "blogging_microblogging", ("x.com", "twitter.com"), _x_url, _x_handle,
                 "@AgencyName", "https://x.com/AgencyName", "https://x.com/en/tos"),
        Platform("youtube", "YouTube", "video_sharing", ("youtube.com",), _youtube_url, _youtube_handle,
                 "@AgencyName", "https://www.youtube.com/@AgencyName", "https://www.youtube.com/t/terms"),
        Platform("other", "Other", "", (), _other_url, None, "", "https://example.org/agency"),
    )
}

# Platforms whose accounts people write as a bare @name, without saying which platform.
BARE_HANDLE_PLATFORMS = ("x", "instagram", "facebook", "youtube")


def get(key: str) -> Platform:
    return PLATFORMS[key]


def choices() -> list[tuple[str, str]]:
    return [(p.key, p.name) for p in PLATFORMS.values()]


def platform_for_host(host: str) -> Platform | None:
    return next((p for p in PLATFORMS.values() if host in p.hosts), None)


def identify(text: str, platform: str = "") -> list[Identity]:
    """Every account ``text`` may name: one when the platform is known or the text says which,
    several for a bare ``@name`` (it could be on X, Instagram, Facebook or YouTube)."""
    text = (text or "").strip()
    if platform:
        return [get(platform).identify(text)]
    if _looks_like_url(text):
        return [_identify_url(text)]
    if "@" in _bare(text):
        return [_mastodon_handle(text)]
    if "." in _bare(text):
        return [_bluesky(text)]
    return [PLATFORMS[key].identify(text) for key in BARE_HANDLE_PLATFORMS]


def _identify_url(text: str) -> Identity:
    host, path, query = _split_url(text)
    known = platform_for_host(host)
    if known is not None:
        return known.identify(text)
    first = (_segments(path) or [""])[0]
    if first.startswith("@") or first == "users":
        return _mastodon_url(host, path, query)  # Mastodon runs on any server: its profile paths say so
    return _other_url(host, path, query)
