"""The platforms' quirks, one table each: dates, numbers as strings, byte facets, mojibake, HTML."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from socialgov.archive.capture.text import (
    Entity,
    byte_span_to_char_span,
    html_to_text,
    parse_epoch,
    parse_iso,
    parse_x_date,
    repair_mojibake,
    repair_mojibake_deep,
    rewrite_with_entities,
)


@pytest.mark.parametrize(("value", "expected"), [
    ("Fri Mar 06 13:02:05 +0000 2026", datetime(2026, 3, 6, 13, 2, 5, tzinfo=UTC)),
    ("Thu Mar 05 15:44:51 +0000 2026", datetime(2026, 3, 5, 15, 44, 51, tzinfo=UTC)),
    ("Mon Jan 01 00:30:00 +0200 2024", datetime(2023, 12, 31, 22, 30, tzinfo=UTC)),   # offset crosses a year
    ("Sun Dec 31 23:00:00 -0500 2023", datetime(2024, 1, 1, 4, 0, tzinfo=UTC)),
])
def test_x_dates_parse_to_utc(value, expected):
    parsed = parse_x_date(value)
    assert parsed == expected and parsed.tzinfo is UTC


@pytest.mark.parametrize("value", ["2026-03-06T13:02:05Z", "Fri Mar 6 13:02:05 +0000 2026",
                                   "Fri Foo 06 13:02:05 +0000 2026", ""])
def test_not_x_dates_are_refused(value):
    with pytest.raises(ValueError):
        parse_x_date(value)


@pytest.mark.parametrize(("value", "naive_is_utc", "expected"), [
    ("2021-07-04T19:50:58+0000", False, datetime(2021, 7, 4, 19, 50, 58, tzinfo=UTC)),          # Graph API
    ("2026-08-01T13:54:00.505Z", False, datetime(2026, 8, 1, 13, 54, 0, 505000, tzinfo=UTC)),  # Mastodon
    ("2024-02-22T19:58:13.903293+00:00", False, datetime(2024, 2, 22, 19, 58, 13, 903293, tzinfo=UTC)),
    ("2023-07-21T01:33:51.481951", True, datetime(2023, 7, 21, 1, 33, 51, 481951, tzinfo=UTC)),  # old atproto
    ("2019-04-20T03:03:39.000+02:00", False, datetime(2019, 4, 20, 1, 3, 39, tzinfo=UTC)),
])
def test_iso_dates_parse_to_utc(value, naive_is_utc, expected):
    assert parse_iso(value, naive_is_utc=naive_is_utc) == expected


def test_a_time_without_a_zone_is_refused_unless_the_format_defines_it():
    with pytest.raises(ValueError, match="without a zone"):
        parse_iso("2023-07-21T01:33:51")


@pytest.mark.parametrize(("value", "expected"), [
    (1700000000, datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
    ("1700000000", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),     # numbers as strings
])
def test_epoch_seconds(value, expected):
    assert parse_epoch(value) == expected


# Bluesky facets index UTF-8 bytes: "é" is 2 bytes, "👋" 4, "ö" 2; a character span must come out.
@pytest.mark.parametrize(("text", "byte_span", "expected_text"), [
    ("hello @alice.test", (6, 17), "@alice.test"),
    ("café #records", (6, 14), "#records"),
    ("👋 https://example.gov ok", (5, 24), "https://example.gov"),
    ("öffentlich #Akten und #mehr", (23, 28), "#mehr"),
    ("日本語のテキスト #タグ", (25, 32), "#タグ"),
])
def test_utf8_byte_facets_become_character_spans(text, byte_span, expected_text):
    start, end = byte_span_to_char_span(text, *byte_span)
    assert text[start:end] == expected_text


@pytest.mark.parametrize(("text", "byte_span"), [
    ("café", (4, 5)),     # cuts é in half
    ("abc", (2, 9)),      # past the end
    ("abc", (-1, 2)),
    ("abc", (2, 1)),
])
def test_bad_byte_facets_give_no_span(text, byte_span):
    assert byte_span_to_char_span(text, *byte_span) is None


@pytest.mark.parametrize(("stored", "expected"), [
    ("\u00c3\u00a9", "é"),                                        # the documented case
    ("Caf\u00c3\u00a9 municipal", "Café municipal"),
    ("\u00f0\u009f\u0098\u008a", "😊"),                            # a 4-byte emoji, double-encoded
    ("Stra\u00c3\u009fe", "Straße"),
    ("plain ascii", "plain ascii"),
    ("é", "é"),                   # real Latin-1 text that is not UTF-8 bytes: left alone
    ("naïve café", "naïve café"),
    ("日本", "日本"),              # beyond Latin-1: cannot be mojibake
    ("Â", "Â"),                   # a lone lead byte does not decode: left alone
])
def test_mojibake_is_repaired_only_when_it_round_trips(stored, expected):
    assert repair_mojibake(stored) == expected


def test_mojibake_repair_reaches_nested_values():
    item = {"data": [{"post": "\u00c3\u00a9t\u00c3\u00a9"}], "title": "ok", "timestamp": 1}
    assert repair_mojibake_deep(item) == {"data": [{"post": "été"}], "title": "ok", "timestamp": 1}


@pytest.mark.parametrize(("html", "text"), [
    ("<p>Toot!</p>", "Toot!"),
    ("<p>one</p><p>two</p>", "one\n\ntwo"),
    ("<p>line<br>break<br />again</p>", "line\nbreak\nagain"),
    ("<p>Fish &amp; chips &lt;3</p>", "Fish & chips <3"),
    # Mastodon hides parts of long URLs in spans; the text keeps the whole address.
    ('<p><a href="https://example.gov/a/long/path" rel="nofollow noopener" target="_blank">'
     '<span class="invisible">https://</span><span class="ellipsis">example.gov/a/lo</span>'
     '<span class="invisible">ng/path</span></a></p>', "https://example.gov/a/long/path"),
    ('<p><span class="h-card"><a href="https://social.example/@bob" class="u-url mention">@<span>bob</span></a>'
     '</span> hi <a href="https://social.example/tags/news" class="mention hashtag" rel="tag">'
     '#<span>news</span></a></p>',
     "@bob hi #news"),
    ("", ""),
])
def test_mastodon_html_becomes_plain_text(html, text):
    assert html_to_text(html).text == text


def test_mastodon_html_separates_links_mentions_and_hashtags():
    html = ('<p><a href="https://social.example/@bob" class="u-url mention">@<span>bob</span></a> see '
            '<a href="https://example.gov/notice">example.gov/notice</a> '
            '<a href="https://social.example/tags/Records" class="mention hashtag" rel="tag">'
            '#<span>Records</span></a></p>')
    parsed = html_to_text(html)
    assert parsed.links == ["https://example.gov/notice"]
    assert parsed.mentions == ["https://social.example/@bob"]
    assert parsed.hashtags == ["Records"]


def test_x_text_is_unescaped_and_tco_links_expanded_with_spans_that_follow():
    # X stores full_text HTML-escaped, and entity indices count characters of that escaped text.
    source = "@agency Fish &amp; chips https://t.co/abc #food"
    entities = [Entity(0, 7, "mention", "agency"),
                Entity(25, 41, "link", "https://example.gov/menu", replacement="https://example.gov/menu"),
                Entity(42, 47, "hashtag", "food")]
    text, spans = rewrite_with_entities(source, entities)
    assert text == "@agency Fish & chips https://example.gov/menu #food"
    assert [text[s:e] for s, e, _ in spans] == ["@agency", "https://example.gov/menu", "#food"]


def test_overlapping_or_out_of_range_entities_are_dropped():
    text, spans = rewrite_with_entities("abc def", [Entity(0, 3, "link", "x"), Entity(2, 5, "link", "y"),
                                                    Entity(6, 99, "link", "z")])
    assert text == "abc def" and [e.value for _, _, e in spans] == ["x"]
