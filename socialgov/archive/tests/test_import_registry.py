"""The importer registry and extension point: names, detection, third-party formats, errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from socialgov.archive import capture
from socialgov.archive.capture import CaptureError, Importer, ItemKind, ItemSnapshot, RawPayload, detect, open_import
from socialgov.archive.capture.importers import _REGISTRY, get, register

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
PLATFORMS = DATA / "platforms"
needs_samples = pytest.mark.skipif(not PLATFORMS.is_dir(), reason=f"real platform samples not found at {PLATFORMS} "
                                                                  "(a clone without ../shared/data)")


def test_the_built_in_formats():
    assert capture.available() == ["bluesky-car", "bluesky-xrpc", "facebook-dyi", "facebook-graph",
                                   "instagram-export", "instagram-graph", "mastodon-api", "mastodon-archive",
                                   "x-api-v2", "x-archive", "youtube-api"]
    for name in capture.available():
        importer = get(name)
        assert issubclass(importer, Importer) and importer.name == name
        assert importer.platform in capture.PLATFORMS and importer.version and importer.label


@needs_samples
@pytest.mark.parametrize(("folder", "expected"), [
    ("x-archive-milahu104", "x-archive"),
    ("mastodon-api", "mastodon-api"),
    ("x-api-v2", "x-api-v2"),
    ("facebook-graph", "facebook-graph"),
    ("instagram-graph", "instagram-graph"),
    ("youtube-api", "youtube-api"),
    ("bluesky", "bluesky-car"),                 # CAR files win over the JSON beside them
])
def test_each_real_sample_folder_is_detected(folder, expected):
    assert detect(PLATFORMS / folder) == expected


def test_an_unknown_format_name_is_a_capture_error():
    with pytest.raises(CaptureError, match="no importer named 'myspace-export'"):
        get("myspace-export")


class NotesImporter(Importer):
    """A third-party format: one JSON list of notes."""

    name, label, platform, version = "notes-json", "Notes", "mastodon", "0.1"

    @classmethod
    def sniff(cls, source):
        names = list(source.names())
        return 70 if names and names[0].endswith(".notes") else 0

    def read(self, source) -> Iterator[ItemSnapshot]:
        (member,) = source.names()
        self.summary.read_file(member)
        for index, note in enumerate(json.loads(source.read(member))):
            with self.item(member, index):
                snapshot = ItemSnapshot(
                    platform="mastodon", account_id="", account_handle="", item_id=note["id"], kind=ItemKind.POST,
                    author=capture.Author(), created_at=None, captured_at=self.clock(),
                    raw=RawPayload.of(json.dumps(note).encode(), media_type="application/json", file=member),
                    source=self.capture_source, text=note["text"])
            yield snapshot


@pytest.fixture
def notes_registered(monkeypatch):
    monkeypatch.setitem(_REGISTRY, "notes-json", NotesImporter)


def test_a_registered_importer_is_detected_and_used(tmp_path, notes_registered):
    path = tmp_path / "a.notes"
    path.write_text(json.dumps([{"id": "n1", "text": "hello"}]))
    assert detect(path) == "notes-json"
    with open_import(path) as run:
        (snapshot,) = list(run)
    assert snapshot.source.importer == "notes-json" and snapshot.source.version == "0.1"
    assert snapshot.source.origin == "a.notes" and run.summary.items == 1


def test_a_dotted_path_is_loaded_on_first_use(monkeypatch):
    monkeypatch.setitem(_REGISTRY, "notes-json", f"{__name__}.NotesImporter")
    assert get("notes-json") is NotesImporter


def test_a_surprise_in_an_items_structure_names_the_file_and_item(tmp_path, notes_registered):
    path = tmp_path / "a.notes"
    path.write_text(json.dumps([{"id": "n1", "text": "ok"}, {"id": "n2"}]))
    with pytest.raises(CaptureError, match="missing field 'text'") as caught, open_import(path) as run:
        list(run)
    assert (caught.value.file, caught.value.item) == ("a.notes", "1")


def test_two_equally_sure_importers_are_ambiguous(tmp_path, monkeypatch, notes_registered):
    class Twin(NotesImporter):
        name = "notes-twin"
    monkeypatch.setitem(_REGISTRY, "notes-twin", Twin)
    path = tmp_path / "a.notes"
    path.write_text("[]")
    with pytest.raises(CaptureError, match="ambiguous"):
        detect(path)


def test_register_adds_a_format(monkeypatch):
    monkeypatch.setattr("socialgov.archive.capture.importers._REGISTRY", dict(_REGISTRY))
    register("notes-json", NotesImporter)
    assert "notes-json" in capture.available()


def test_the_summary_serialises(tmp_path, notes_registered):
    path = tmp_path / "a.notes"
    path.write_text(json.dumps([{"id": "n1", "text": "hello"}]))
    with open_import(path) as run:
        list(run)
        run.summary.skip("a.notes", 3, "an example")
    as_dict = run.summary.as_dict()
    assert json.loads(json.dumps(as_dict))["skipped"] == [{"file": "a.notes", "item": "3", "reason": "an example"}]
    assert as_dict["by_kind"] == {"post": 1}


def test_pointing_at_the_x_archives_data_folder_finds_the_archive(tmp_path) -> None:
    """People unpack the zip and pick the folder that holds tweets.js; that must work too."""
    from socialgov.archive.capture.importers import detect, open_import

    data = tmp_path / "archive" / "data"
    data.mkdir(parents=True)
    (data / "tweets.js").write_text('window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "id": "1", '
                                    '"full_text": "hello", "created_at": "Fri Mar 06 13:02:05 +0000 2026"}}]')
    assert detect(data) == "x-archive" == detect(tmp_path / "archive")
    with open_import(data) as run:
        assert [s.item_id for s in run] == ["1"]
