"""A small raw payload is kept in its version's row rather than in a ``Blob`` row of its own.

A blob is named by its SHA-256, a random key: every raw payload written as a blob added an entry on a
different page of the blob table's key index, and at 300,000 items those pages were most of what each
batch's commit wrote (ingest +22 % without them). A payload shared by several items of a batch (an API
page), or too large to keep inline, is still one blob; payloads stored as blobs before stay where they
are. ``raw_sha256`` still names the bytes either way, and every read re-hashes them.

A nullable column without a default: on SQLite an ``ALTER TABLE … ADD COLUMN``, so the table and its
triggers stay as they are. Going back, the payloads kept in version rows first become blob rows again,
so none is lost.
"""

from django.db import migrations, models
from django.utils import timezone


def raws_to_blobs(apps, schema_editor) -> None:
    """Every payload kept in a version row becomes a blob row, 2,000 at a time; existing blobs are left alone."""
    version_model, blob_model = apps.get_model("archive", "RecordVersion"), apps.get_model("archive", "Blob")
    kept = version_model.objects.filter(raw__isnull=False).order_by("pk")
    rows = kept.values_list("raw_sha256", "raw", "raw_media_type").iterator(chunk_size=2000)
    now, chunk = timezone.now(), []
    for raw_sha256, raw, media_type in rows:
        chunk.append(blob_model(sha256=raw_sha256, size=len(raw), content_type=media_type[:200], stored_path="",
                                content=bytes(raw), first_seen_at=now))
        if len(chunk) == 2000:
            blob_model.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    blob_model.objects.bulk_create(chunk, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0007_version_hash_not_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name="recordversion",
            name="raw",
            field=models.BinaryField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(migrations.RunPython.noop, raws_to_blobs),
    ]
