"""The records archive: what an agency's accounts publish and receive, kept as public records.

Design principle: nothing captured is ever lost or silently changed. A record's content lives in
versions that are only ever added; a platform deletion becomes a tombstone, the content kept;
every version and tombstone is a leaf of the transparency log, whose signed heads let anyone
prove later that nothing was altered. No service deletes a record: only the (later) disposition
workflow may, under a records retention schedule.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from socialgov.archive.workflows import JobStatus, RecordStatus


class Blob(models.Model):
    """Bytes kept once, named by their SHA-256: raw payloads and media files."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    content_type = models.CharField(max_length=200, blank=True)
    stored_path = models.CharField(max_length=300, blank=True)     # "" when the bytes are kept inline
    # Small payloads (services.blobs.INLINE_MAX) are kept here; larger ones and media in the archive storage.
    content = models.BinaryField(null=True, blank=True, editable=False)
    first_seen_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"blob {self.sha256[:12]} ({self.size} bytes)"


class Record(models.Model):
    """One item on a platform (post, comment, reply, repost, message, media) of one account."""

    # No index of its own on the account (nor on a version's record): it leads the composite indexes
    # and the unique item constraint (the record leads the unique version number). Every index is paid
    # at ingest. (Current and last version keep theirs: SQLite needs them to resolve deferred keys.)
    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT, related_name="records",
                                db_index=False)
    platform = models.CharField(max_length=40)
    platform_item_id = models.CharField(max_length=500)
    kind = models.CharField(max_length=20)
    author_id = models.CharField(max_length=200, blank=True)
    author_handle = models.CharField(max_length=200, blank=True)
    author_name = models.CharField(max_length=300, blank=True)
    parent_item_id = models.CharField(max_length=500, blank=True)
    thread_item_id = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    created_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    first_captured_at = models.DateTimeField()
    last_captured_at = models.DateTimeField()
    current_version = models.ForeignKey("RecordVersion", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    status = models.CharField(max_length=20, choices=RecordStatus.choices, default=RecordStatus.PRESENT)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["account", "platform_item_id"],
                                               name="archive_record_unique_item")]
        indexes = [models.Index(fields=["account", "-created_at"]), models.Index(fields=["account", "kind"]),
                   models.Index(fields=["account", "status"])]

    def __str__(self) -> str:
        return f"{self.platform} {self.kind} {self.platform_item_id}"


class RecordVersion(models.Model):
    """One state of a record as captured; a change on the platform adds a version, never edits one."""

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="versions", db_index=False)
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    markup = models.TextField(blank=True)
    markup_format = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=20, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    links = models.JSONField(default=list, blank=True)
    mentions = models.JSONField(default=list, blank=True)      # [{"handle": ..., "id": ...}]
    hashtags = models.JSONField(default=list, blank=True)
    # [{"reference", "content_type", "alt_text", "remote_url", "sha256" ("" when missing), "missing"}]
    media = models.JSONField(default=list, blank=True)
    raw_sha256 = models.CharField(max_length=64)
    # The raw payload's bytes when small and this version's own (services.ingest); otherwise they are the
    # Blob named raw_sha256. Either way every read re-hashes them against raw_sha256.
    raw = models.BinaryField(null=True, blank=True, editable=False)
    raw_media_type = models.CharField(max_length=100, blank=True)
    raw_file = models.CharField(max_length=500, blank=True)
    raw_locator = models.CharField(max_length=200, blank=True)
    capture_source = models.CharField(max_length=80)            # importer or connector registry key
    capture_version = models.CharField(max_length=40)
    captured_at = models.DateTimeField()
    fingerprint = models.CharField(max_length=64)
    # SHA-256 of the canonical bytes of this version (services.hashing): the transparency leaf input.
    # Not an index: nothing looks a version up by its hash (migration 0007).
    version_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["record", "number"]
        constraints = [models.UniqueConstraint(fields=["record", "number"], name="archive_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.record} v{self.number}"


class Tombstone(models.Model):
    """The platform says the record is gone; the content stays in the archive."""

    record = models.OneToOneField(Record, on_delete=models.PROTECT, related_name="tombstone")
    last_version = models.ForeignKey(RecordVersion, on_delete=models.PROTECT, related_name="+")
    detected_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True, blank=True)   # when the platform says it was deleted
    how = models.CharField(max_length=200)                     # e.g. "x-archive 1: deleted-tweets.js"
    tombstone_hash = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"tombstone of {self.record}"


class LogLeaf(models.Model):
    """One entry of the transparency log: a record version or a tombstone, at a fixed index forever."""

    index = models.BigIntegerField(primary_key=True)
    leaf_hash = models.BinaryField(max_length=32)
    version = models.OneToOneField(RecordVersion, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="leaf")
    tombstone = models.OneToOneField(Tombstone, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="leaf")

    class Meta:
        ordering = ["index"]
        constraints = [models.CheckConstraint(
            condition=Q(version__isnull=False, tombstone__isnull=True) | Q(version__isnull=True,
                                                                          tombstone__isnull=False),
            name="archive_leaf_one_entry")]

    def __str__(self) -> str:
        return f"leaf #{self.index}"


class LogSubtree(models.Model):
    """A cached perfect-subtree hash of the log (level >= ``services.log.STORED_SUBTREE_MIN_LEVEL``, 8: a
    row per 256 leaves; lower nodes are recomputed from the leaves); verification recomputes, never trusts it."""

    level = models.PositiveSmallIntegerField()
    index = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["level", "index"], name="archive_subtree_unique")]

    def __str__(self) -> str:
        return f"subtree ({self.level}, {self.index})"


class LogHead(models.Model):
    """The single row every appender locks, so the log has one writer at a time."""

    size = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"log head ({self.size} leaves)"


class SignedTreeHeadRecord(models.Model):
    """A signed statement: at this time the log had this many leaves and this root."""

    tree_size = models.BigIntegerField()
    root_hash = models.BinaryField(max_length=32)
    timestamp_ms = models.BigIntegerField()
    log_id = models.CharField(max_length=255, blank=True)
    signature = models.BinaryField(max_length=64)
    key_fingerprint = models.CharField(max_length=80)
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-tree_size", "-pk"]
        get_latest_by = ["tree_size", "pk"]

    def __str__(self) -> str:
        return f"tree head {self.tree_size} ({bytes(self.root_hash).hex()[:12]})"


class ImportJob(models.Model):
    """One import of an export file into an account's records: a job a person can watch and resume."""

    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT, related_name="import_jobs")
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    format = models.CharField(max_length=60, blank=True)
    source_name = models.CharField(max_length=500)
    source_path = models.CharField(max_length=1000)
    source_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    # The checkpoint: items of the source committed so far, in the importer's order.
    position = models.BigIntegerField(default=0)
    last_item_id = models.CharField(max_length=500, blank=True)
    new = models.PositiveIntegerField(default=0)
    new_versions = models.PositiveIntegerField(default=0)
    deleted = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    skipped_reasons = models.JSONField(default=dict, blank=True)
    log = models.JSONField(default=list, blank=True)           # lines a person reads on the job page
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Moved at the start and after every committed batch: a running job whose heartbeat is old was
    # left behind by a killed process (services.jobs.import_jobs_sweep marks it failed, resumable).
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["account", "source_sha256"])]

    def __str__(self) -> str:
        return f"import of {self.source_name} into {self.account}"

    @property
    def counters(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in ("new", "new_versions", "deleted", "unchanged", "skipped")}


class RecordLabel(models.Model):
    """A label on a record, e.g. "confidential" (case information): added and lifted, never deleted.

    A confidential label narrows who may see the record (``selectors.records_visible_to``) to the
    roles the pack in force names; the record itself is never changed. Labelling and lifting are
    audited (``services.labels``).
    """

    CONFIDENTIAL = "confidential"

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="labels")
    label = models.CharField(max_length=40)
    reason = models.TextField()
    labelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    labelled_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    removal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["record", "labelled_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["record", "label"], condition=Q(removed_at__isnull=True),
                                               name="archive_label_one_current")]
        indexes = [models.Index(fields=["label", "removed_at"])]

    def __str__(self) -> str:
        return f"{self.label} label on {self.record}"
