"""Hostile and broken archives: every case is a CaptureError naming the file, before any member is read."""

from __future__ import annotations

import os
import stat
import struct
import zipfile
from unittest import mock

import pytest

from socialgov.archive.capture import ArchiveLimits, CaptureError, detect, open_import, open_source
from socialgov.archive.capture.source import resolve_reference, safe_member_name

TWEETS = (b'window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1", "full_text": "hi", "entities": {}, '
          b'"created_at": "Fri Mar 06 13:02:05 +0000 2026"}} ]')


def make_zip(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members:
            info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name)
            info.compress_type = compression
            archive.writestr(info, data)
    return path


def test_a_plain_zip_is_read_through_streams(tmp_path):
    path = make_zip(tmp_path / "twitter.zip", [("data/tweets.js", TWEETS)])
    with mock.patch.object(zipfile.ZipFile, "extract") as extract, \
            mock.patch.object(zipfile.ZipFile, "extractall") as extractall, open_import(path) as run:
        assert [s.item_id for s in run] == ["1"]
    extract.assert_not_called()
    extractall.assert_not_called()


@pytest.mark.parametrize("data", [b"PK\x03\x04 this is not really a zip", b"\x00" * 100])
def test_a_corrupt_zip_is_refused(tmp_path, data):
    path = tmp_path / "archive.zip"
    path.write_bytes(data)
    with pytest.raises(CaptureError, match="not a readable zip archive") as caught:
        open_source(path)
    assert caught.value.file == "archive.zip"


def test_a_truncated_zip_is_refused(tmp_path):
    whole = make_zip(tmp_path / "whole.zip", [("data/tweets.js", TWEETS * 50)]).read_bytes()
    path = tmp_path / "cut.zip"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CaptureError, match="not a readable zip archive"):
        open_source(path)


def test_a_member_with_damaged_data_is_refused_when_read(tmp_path):
    path = make_zip(tmp_path / "a.zip", [("data/tweets.js", TWEETS)], compression=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    at = data.index(b'"full_text": "hi"')
    data[at + 15] ^= 0xFF          # flip a byte of the stored content: the CRC no longer matches
    path.write_bytes(bytes(data))
    with pytest.raises(CaptureError, match="corrupt data") as caught, open_import(path, format="x-archive") as run:
        list(run)
    assert "data/tweets.js" in caught.value.file


def test_a_zip_bomb_is_refused_by_its_compression_ratio_before_extraction(tmp_path):
    path = make_zip(tmp_path / "bomb.zip", [("data/tweets.js", b"\0" * (20 * 2**20))])
    assert path.stat().st_size < 100_000        # 20 MiB of zeros in a few kilobytes
    with mock.patch.object(zipfile.ZipFile, "open") as opened, \
            pytest.raises(CaptureError, match=r"expands \d+:1.*zip bomb") as caught:
        open_source(path)
    opened.assert_not_called()
    assert caught.value.item == "data/tweets.js"


def test_a_zip_whose_total_size_exceeds_the_limit_is_refused(tmp_path):
    path = make_zip(tmp_path / "big.zip", [(f"data/part{i}.bin", os.urandom(4096)) for i in range(4)])
    with pytest.raises(CaptureError, match="uncompressed size exceeds the limit"):
        open_source(path, ArchiveLimits(max_total_bytes=10_000))


def test_a_zip_that_declares_a_huge_size_is_refused_before_reading(tmp_path):
    path = make_zip(tmp_path / "liar.zip", [("data/tweets.js", TWEETS)])
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 0xFFFF_FFF0)   # uncompressed size in the central directory
    path.write_bytes(bytes(data))
    with pytest.raises(CaptureError, match="zip bomb"):
        open_source(path)


def test_too_many_members_are_refused(tmp_path):
    path = make_zip(tmp_path / "many.zip", [(f"f{i}", b"") for i in range(20)])
    with pytest.raises(CaptureError, match="more than the limit of 10"):
        open_source(path, ArchiveLimits(max_members=10))


@pytest.mark.parametrize(("name", "reason"), [
    ("../evil.js", "escaping"),
    ("data/../../evil.js", "escaping"),
    ("..\\..\\evil.js", "escaping"),
    ("/etc/passwd", "absolute path"),
    ("C:/Windows/evil.js", "absolute path"),
])
def test_member_names_that_escape_the_archive_are_refused(tmp_path, name, reason):
    path = make_zip(tmp_path / "slip.zip", [("data/tweets.js", TWEETS), (name, b"x")])
    with pytest.raises(CaptureError, match=reason) as caught:
        open_source(path)
    assert caught.value.file == "slip.zip" and caught.value.item == name


def test_a_symbolic_link_inside_a_zip_is_refused(tmp_path):
    link = zipfile.ZipInfo("data/tweets_media/1-a.jpg")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = make_zip(tmp_path / "link.zip", [("data/tweets.js", TWEETS), (link, b"/etc/passwd")])
    with pytest.raises(CaptureError, match="symbolic link"):
        open_source(path)


def test_an_encrypted_member_is_refused(tmp_path):
    path = make_zip(tmp_path / "enc.zip", [("data/tweets.js", TWEETS)])
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<H", data, central + 8, 0x1)    # general purpose flag: encrypted
    path.write_bytes(bytes(data))
    with pytest.raises(CaptureError, match="encrypted"):
        open_source(path)


def test_an_unbounded_compression_method_is_refused(tmp_path):
    path = make_zip(tmp_path / "bz.zip", [("data/tweets.js", TWEETS)], compression=zipfile.ZIP_BZIP2)
    with pytest.raises(CaptureError, match="unsupported compression"):
        open_source(path)


def test_a_name_held_twice_is_refused(tmp_path):
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = make_zip(tmp_path / "dup.zip", [("data/tweets.js", TWEETS), ("data/tweets.js", b"[]")])
    with pytest.raises(CaptureError, match="twice"):
        open_source(path)


def test_a_symbolic_link_out_of_an_unpacked_folder_is_refused(tmp_path):
    (tmp_path / "export" / "data").mkdir(parents=True)
    (tmp_path / "export" / "data" / "tweets.js").write_bytes(TWEETS)
    (tmp_path / "secret.txt").write_text("not part of the archive")
    os.symlink(tmp_path / "secret.txt", tmp_path / "export" / "data" / "tweets_media")
    with pytest.raises(CaptureError, match="symbolic link points outside") as caught:
        detect(tmp_path / "export")
    assert caught.value.item == "data/tweets_media"


def test_a_symbolic_link_within_the_folder_is_followed(tmp_path):
    (tmp_path / "export" / "data").mkdir(parents=True)
    (tmp_path / "export" / "real.js").write_bytes(TWEETS)
    os.symlink(tmp_path / "export" / "real.js", tmp_path / "export" / "data" / "tweets.js")
    with open_import(tmp_path / "export") as run:
        assert [s.item_id for s in run] == ["1"]


@pytest.mark.parametrize(("data", "name"), [
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "photo.png"),
    (b"just some notes", "notes.txt"),
    (b'{"hello": "world"}', "other.json"),
    (b"", "empty.json"),
    (b"", "empty"),
    (b"\x00\x01", "repo.bin"),
])
def test_the_wrong_format_is_named_not_guessed(tmp_path, data, name):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(CaptureError, match="not a recognised export") as caught:
        detect(tmp_path / name)
    assert caught.value.file == name


def test_a_missing_path_is_a_capture_error(tmp_path):
    with pytest.raises(CaptureError, match="no such file"):
        detect(tmp_path / "nothing.zip")


@pytest.mark.parametrize(("reference", "expected"), [
    ("media_attachments/files/1/a.png", "media_attachments/files/1/a.png"),
    ("/media_attachments/files/1/a.png", "media_attachments/files/1/a.png"),   # leading slash: the archive root
    ("media/./posts/../posts/a.jpg", "media/posts/a.jpg"),
])
def test_payload_paths_resolve_inside_the_archive(reference, expected):
    assert resolve_reference(reference, file="outbox.json") == expected


@pytest.mark.parametrize("reference", ["../../etc/passwd", "/media/../../secret", "a/../../b"])
def test_payload_paths_escaping_the_archive_are_refused(reference):
    with pytest.raises(CaptureError, match="escapes the archive"):
        resolve_reference(reference, file="outbox.json", item="109")


def test_safe_member_names_are_normalised():
    assert safe_member_name("./data//tweets.js", file="a.zip") == "data/tweets.js"
