"""The platform registry: every variant people write an account in comes to one lookup key (NJ-08)."""

from __future__ import annotations

import pytest

from socialgov.accounts import platforms
from socialgov.accounts.platforms import NotRecognised, identify

SAME_ACCOUNT = [
    # (what a person pastes, the platform if they said it, the lookup key)
    ("https://x.com/NJGov", "", "x:njgov"),
    ("https://twitter.com/NJGov/", "", "x:njgov"),
    ("http://mobile.twitter.com/njgov", "", "x:njgov"),
    ("www.x.com/NJGOV?lang=en", "", "x:njgov"),
    ("@NJGov", "x", "x:njgov"),
    ("NJGov", "x", "x:njgov"),
    ("https://mastodon.social/@NJGov", "", "mastodon:njgov@mastodon.social"),
    ("https://Mastodon.Social/@njgov/", "", "mastodon:njgov@mastodon.social"),
    ("@njgov@mastodon.social", "", "mastodon:njgov@mastodon.social"),
    ("NJGov@Mastodon.social", "", "mastodon:njgov@mastodon.social"),
    ("https://mastodon.social/users/njgov", "", "mastodon:njgov@mastodon.social"),
    ("https://hachyderm.io/@njgov@mastodon.social", "", "mastodon:njgov@mastodon.social"),
    ("https://bsky.app/profile/NJ.bsky.social", "", "bluesky:nj.bsky.social"),
    ("@nj.bsky.social", "", "bluesky:nj.bsky.social"),
    ("nj.bsky.social", "bluesky", "bluesky:nj.bsky.social"),
    ("https://www.facebook.com/NJGov", "", "facebook:njgov"),
    ("https://m.facebook.com/njgov/", "", "facebook:njgov"),
    ("fb.com/NJGov", "", "facebook:njgov"),
    ("https://www.facebook.com/profile.php?id=100064", "", "facebook:100064"),
    ("https://www.instagram.com/njgov/?hl=en", "", "instagram:njgov"),
    ("@NJGov", "instagram", "instagram:njgov"),
    ("https://www.youtube.com/@NJGov", "", "youtube:@njgov"),
    ("https://youtube.com/@njgov/videos", "", "youtube:@njgov"),
    ("@NJGov", "youtube", "youtube:@njgov"),
    ("https://www.youtube.com/channel/UCx1AbC", "", "youtube:channel/UCx1AbC"),
    ("https://example.org/Agency/", "", "other:example.org/Agency"),
    ("HTTPS://WWW.Example.org/Agency", "other", "other:example.org/Agency"),
]


@pytest.mark.requirement("NJ-08")
@pytest.mark.parametrize(("text", "platform", "key"), SAME_ACCOUNT, ids=[t for t, _, _ in SAME_ACCOUNT])
def test_every_variant_of_an_account_comes_to_one_lookup_key(text, platform, key):
    assert key in [i.lookup_key for i in identify(text, platform)]


def test_youtube_channel_ids_keep_their_case_because_youtube_does():
    assert identify("https://www.youtube.com/channel/UCabc")[0].key != identify(
        "https://www.youtube.com/channel/UCABC")[0].key


def test_other_sites_keep_the_path_case_but_not_the_host_case():
    assert identify("https://EXAMPLE.org/Agency")[0].key == "example.org/Agency"
    assert identify("https://example.org/agency")[0].key != identify("https://example.org/Agency")[0].key


def test_a_bare_at_name_may_be_any_one_name_platform():
    assert {i.platform for i in identify("@njgov")} == {"x", "instagram", "facebook", "youtube"}


def test_canonical_url_and_handle_are_what_the_registry_shows():
    identity = identify("https://twitter.com/NJGov/")[0]
    assert (identity.url, identity.handle) == ("https://x.com/NJGov", "@NJGov")
    mastodon = identify("njgov@Mastodon.Social")[0]
    assert (mastodon.url, mastodon.handle) == ("https://mastodon.social/@njgov", "@njgov@mastodon.social")


REFUSED = [
    ("", "x", "Enter the account's profile address"),
    ("https://x.com/njgov/status/123", "", "looks like https://x.com/AgencyName"),
    ("njgov", "mastodon", "name@server"),
    ("@njgov@localhost", "", "not a Mastodon server name"),
    ("https://bsky.app/search?q=nj", "", "bsky.app/profile"),
    ("not a name!", "x", "is not a X account name"),
    ("https://www.facebook.com/profile.php?id=abc", "", "no page number"),
    ("agency", "other", "full address"),
]


@pytest.mark.parametrize(("text", "platform", "message"), REFUSED, ids=[t or "empty" for t, _, _ in REFUSED])
def test_what_is_no_account_is_refused_with_what_to_write_instead(text, platform, message):
    with pytest.raises(NotRecognised, match=message):
        identify(text, platform)


def test_each_platform_sits_in_an_nj02_technology_category():
    named = {key: p.category for key, p in platforms.PLATFORMS.items() if key != "other"}
    assert named == {"mastodon": "blogging_microblogging", "bluesky": "blogging_microblogging",
                     "facebook": "social_networking", "instagram": "photo_sharing",
                     "x": "blogging_microblogging", "youtube": "video_sharing"}
    assert set(named.values()) <= set(platforms.CATEGORIES)
