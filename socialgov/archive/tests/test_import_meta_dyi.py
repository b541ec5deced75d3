"""Facebook and Instagram "Download Your Information" (JSON) importers.

There are no real samples of these exports in ../shared/data, so the fixtures are built from
the formats as Meta ships them and as documented by Meta's help centre ("Download a copy of
your information"): Facebook's ``your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json``
(a list of posts: ``timestamp``, ``data[].post``, ``data[].update_timestamp``,
``attachments[].data[].media.uri`` / ``external_context.url``) and
``comments_and_reactions/comments.json`` (``{"comments_v2": [...]}``), Instagram's
``your_instagram_activity/content/posts_1.json`` (``media[].uri/title/creation_timestamp``) and
``comments/post_comments_1.json`` (``string_map_data``). Text is written the way Meta writes it:
ASCII JSON whose escapes double-encode UTF-8 (``"\\u00c3\\u00a9"`` for ``é``).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from socialgov.archive.capture import CaptureError, ItemKind, detect, open_import

JPEG = b"\xff\xd8\xff\xe0 jpeg"


def meta(text: str) -> str:
    """How Meta stores a string: its UTF-8 bytes as Latin-1 code points."""
    return text.encode("utf-8").decode("latin-1")


def dump(value) -> bytes:
    return json.dumps(value, indent=2).encode("ascii")    # Meta's files are ASCII with \u escapes


FB_POSTS = [
    {"timestamp": 1706000000,
     "attachments": [{"data": [
         {"media": {"uri": "your_facebook_activity/posts/media/Timelinephotos_1/101.jpg",
                    "creation_timestamp": 1706000000, "media_metadata": {"photo_metadata": {"exif_data": []}},
                    "title": "", "description": meta("Le café municipal")}},
         {"external_context": {"url": "https://example.gov/cafe"}}]}],
     "data": [{"post": meta("Le café municipal ouvre à 9h 😊")}, {"update_timestamp": 1706000300}],
     "title": meta("Ville d'Exemple a publié une photo.")},
    {"timestamp": 1706000000, "data": [{"post": "Second post in the same second"}]},
    {"timestamp": 1705000000,
     "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/Timelinephotos_1/gone.jpg",
                                          "creation_timestamp": 1705000000, "title": ""}}]}],
     "data": [{"post": "Winter hours"}]},
]
FB_COMMENTS = {"comments_v2": [
    {"timestamp": 1706100000, "title": "Ville d'Exemple replied to Jean Dupont's comment.",
     "data": [{"comment": {"timestamp": 1706100000, "comment": meta("Merci ! Réponse : oui"),
                           "author": meta("Ville d'Exemple")}}]},
    {"timestamp": 1706200000, "title": "Ville d'Exemple commented on Ville d'Exemple's post.",
     "data": [{"comment": {"timestamp": 1706200000, "comment": "See https://example.gov/hours",
                           "author": "Ville d'Exemple"}}]},
]}
IG_POSTS = [
    {"media": [{"uri": "media/posts/202401/abc.jpg", "creation_timestamp": 1704067200,
                "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 0}]}},
                "title": meta("Neue Öffnungszeiten im Rathaus #Rathaus 😊"),
                "cross_post_source": {"source_app": "FB"}}]},
    {"media": [{"uri": "media/posts/202401/b1.jpg", "creation_timestamp": 1704153600, "title": ""},
               {"uri": "media/posts/202401/b2.mp4", "creation_timestamp": 1704153600, "title": ""}],
     "title": "Carousel caption", "creation_timestamp": 1704153600},
]
IG_COMMENTS = [
    {"media_list_data": [{"uri": ""}],
     "string_map_data": {"Comment": {"value": meta("Danke für die Info!")}, "Media Owner": {"value": "stadt_beispiel"},
                         "Time": {"timestamp": 1704100000}}},
]


def facebook_zip(path: Path, posts=FB_POSTS, comments=FB_COMMENTS, prefix: str = "") -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(prefix + "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", dump(posts))
        z.writestr(prefix + "your_facebook_activity/comments_and_reactions/comments.json", dump(comments))
        z.writestr(prefix + "your_facebook_activity/posts/media/Timelinephotos_1/101.jpg", JPEG)
        z.writestr(prefix + "personal_information/profile_information/profile_information.json", dump({}))
    return path


def instagram_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("your_instagram_activity/content/posts_1.json", dump(IG_POSTS))
        z.writestr("your_instagram_activity/comments/post_comments_1.json", dump(IG_COMMENTS))
        z.writestr("media/posts/202401/abc.jpg", JPEG)
        z.writestr("media/posts/202401/b1.jpg", JPEG)
    return path


def import_all(path: Path, **options):
    with open_import(path, **options) as run:
        snapshots = list(run)
        opened = {m.reference: m.open().read() for s in snapshots for m in s.media if m.present}
        return snapshots, run.summary, run.format, opened


@pytest.mark.parametrize("prefix", ["", "facebook-villedexemple-2026-02-01-abc/"])
def test_facebook_posts_and_comments(tmp_path, prefix):
    snapshots, summary, fmt, opened = import_all(facebook_zip(tmp_path / "fb.zip", prefix=prefix))
    assert fmt == "facebook-dyi"
    assert [(s.item_id, s.kind) for s in snapshots] == [
        ("dyi-comment-1706100000", ItemKind.REPLY), ("dyi-comment-1706200000", ItemKind.COMMENT),
        ("dyi-post-1706000000", ItemKind.POST), ("dyi-post-1706000000-2", ItemKind.POST),
        ("dyi-post-1705000000", ItemKind.POST)]
    first_post = snapshots[2]
    assert first_post.text == "Le café municipal ouvre à 9h 😊"                       # mojibake repaired
    assert b"\\u00c3\\u00a9" in first_post.raw.data                                    # the raw bytes are Meta's
    assert first_post.created_at.isoformat() == "2024-01-23T08:53:20+00:00"
    assert first_post.edited_at.isoformat() == "2024-01-23T08:58:20+00:00"
    assert first_post.links == ("https://example.gov/cafe",)
    (photo,) = first_post.media
    assert photo.present and photo.alt_text == "Le café municipal" and photo.content_type == "image/jpeg"
    assert opened == {"your_facebook_activity/posts/media/Timelinephotos_1/101.jpg": JPEG}
    assert not snapshots[4].media[0].present                                           # recorded as missing
    assert (summary.media_present, summary.media_missing) == (1, 1)
    assert snapshots[0].text == "Merci ! Réponse : oui" and snapshots[0].author.display_name == "Ville d'Exemple"
    assert snapshots[1].links == ("https://example.gov/hours",)


def test_instagram_posts_and_comments(tmp_path):
    snapshots, summary, fmt, opened = import_all(instagram_zip(tmp_path / "ig.zip"))
    assert fmt == "instagram-export"
    comment, single, carousel = snapshots
    assert comment.kind is ItemKind.COMMENT and comment.text == "Danke für die Info!"
    assert single.text == "Neue Öffnungszeiten im Rathaus #Rathaus 😊" and single.hashtags == ("Rathaus",)
    assert single.created_at.isoformat() == "2024-01-01T00:00:00+00:00"
    assert single.media[0].alt_text == ""                 # the title is the caption, not a description
    assert carousel.text == "Carousel caption" and [m.present for m in carousel.media] == [True, False]
    assert carousel.media[1].content_type == "video/mp4"
    assert (summary.media_present, summary.media_missing) == (2, 1)
    assert set(opened) == {"media/posts/202401/abc.jpg", "media/posts/202401/b1.jpg"}


def test_a_single_facebook_posts_file_is_recognised(tmp_path):
    path = tmp_path / "your_posts_1.json"
    path.write_bytes(dump(FB_POSTS))
    assert detect(path) == "facebook-dyi"
    snapshots, _, _, _ = import_all(path)
    assert len(snapshots) == 3 and not any(m.present for s in snapshots for m in s.media)


def test_a_single_instagram_comments_file_is_recognised(tmp_path):
    path = tmp_path / "post_comments_1.json"
    path.write_bytes(dump(IG_COMMENTS))
    assert detect(path) == "instagram-export"


def test_an_unknown_comments_schema_is_refused(tmp_path):
    path = facebook_zip(tmp_path / "fb.zip", comments={"comments_v9": []})
    with pytest.raises(CaptureError, match="unknown schema") as caught:
        import_all(path)
    assert caught.value.file.endswith("comments_and_reactions/comments.json")


def test_a_truncated_posts_file_names_the_file_and_item(tmp_path):
    path = tmp_path / "fb.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("your_facebook_activity/posts/your_posts_1.json", dump(FB_POSTS)[:-60])
    with pytest.raises(CaptureError, match="truncated") as caught:
        import_all(path)
    assert caught.value.file == "your_facebook_activity/posts/your_posts_1.json" and caught.value.item == "2"


def test_a_post_without_a_timestamp_is_refused(tmp_path):
    path = facebook_zip(tmp_path / "fb.zip", posts=[{"data": [{"post": "when?"}]}])
    with pytest.raises(CaptureError, match="no 'timestamp'"):
        import_all(path)
