"""Streaming in bounded memory: a generated tweets.js is imported without holding it.

The test imports 2,000 and 6,000 synthetic tweets (about 3 and 9.5 MB) and checks that the
Python heap's peak does not grow with the file. Run this module as a script for the full measurement on
200,000 tweets (about 300 MB), peak RSS included:

    .venv/bin/python -m socialgov.archive.tests.test_capture_memory 200000
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from socialgov.archive.capture import open_import

_TEMPLATE = {
    "tweet": {
        "edit_info": {"initial": {"editTweetIds": ["0"], "editableUntil": "2026-03-06T14:02:05.000Z",
                                  "editsRemaining": "5", "isEditEligible": False}},
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": {
            "hashtags": [{"text": "records", "indices": ["40", "48"]}], "symbols": [],
            "user_mentions": [{"name": "Agency", "screen_name": "agency", "indices": ["0", "7"],
                               "id_str": "2253756806", "id": "2253756806"}],
            "urls": [{"url": "https://t.co/2UHqruPk7w", "expanded_url": "https://example.gov/notice",
                      "display_url": "example.gov/notice", "indices": ["8", "31"]}],
        },
        "display_text_range": ["0", "48"], "favorite_count": "0", "in_reply_to_status_id_str": "1",
        "truncated": False, "retweet_count": "0", "possibly_sensitive": False,
        "created_at": "Fri Mar 06 13:02:05 +0000 2026", "favorited": False, "lang": "en",
        "in_reply_to_screen_name": "agency", "in_reply_to_user_id_str": "2253756806",
        "in_reply_to_user_id": "2253756806", "in_reply_to_status_id": "1",
    }
}


def write_tweets_js(path: Path, count: int) -> int:
    """A tweets.js of ``count`` pretty-printed tweets, written one by one (never held whole)."""
    with path.open("w", encoding="utf-8") as out:
        out.write("window.YTD.tweets.part0 = [ ")
        for i in range(count):
            tweet = _TEMPLATE["tweet"] | {"id_str": str(10**18 + i), "id": str(10**18 + i),
                                          "full_text": f"@agency https://t.co/2UHqruPk7w öffentliche #records {i}"}
            out.write(("," if i else "") + json.dumps({"tweet": tweet}, indent=2, ensure_ascii=False))
        out.write(" ]")
    return path.stat().st_size


def import_all(path: Path) -> int:
    items = 0
    with open_import(path, format="x-archive") as run:
        for snapshot in run:
            items += bool(snapshot.item_id)
    return items


def peak_while_importing(path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        assert import_all(path) > 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_tweets_js_streams_in_bounded_memory(tmp_path):
    sizes, peaks = [], []
    write_tweets_js(tmp_path / "warm.js", 10)
    import_all(tmp_path / "warm.js")             # first-use costs (imports, regex compilation) out of the way
    for count in (2_000, 6_000):
        path = tmp_path / f"tweets-{count}.js"
        sizes.append(write_tweets_js(path, count))
        peaks.append(peak_while_importing(path))
    # Three times the tweets, the same peak: the heap holds a few 1 MiB read chunks and one tweet, never the file.
    assert sizes[1] > 9 * 2**20
    assert peaks[1] < peaks[0] + 2**20, f"peak grew from {peaks[0] / 2**20:.1f} to {peaks[1] / 2**20:.1f} MiB"
    assert peaks[1] < 8 * 2**20


def main(count: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tweets.js"
        started = time.perf_counter()
        size = write_tweets_js(path, count)
        print(f"generated {count} tweets, {size / 2**20:.0f} MiB, in {time.perf_counter() - started:.1f} s")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        items = import_all(path)
        elapsed = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"imported {items} snapshots in {elapsed:.1f} s ({items / elapsed:.0f}/s); "
              f"peak RSS {rss_after / 1024:.0f} MiB (before the import {rss_before / 1024:.0f} MiB)")
        tracemalloc.start()
        import_all(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"tracemalloc peak during the import: {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
