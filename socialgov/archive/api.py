"""The archive's read API: records with their versions and proofs, signed tree heads, import jobs.

Everything comes through the same selectors as the pages, so the API never shows more than they do.
"""

from __future__ import annotations

from django.http import Http404
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from socialgov.archive import selectors
from socialgov.archive.models import ImportJob, Record, RecordVersion, SignedTreeHeadRecord, Tombstone
from socialgov.core.api import VisibleReadOnlyViewSet


class VersionSerializer(serializers.ModelSerializer):
    leaf_index = serializers.IntegerField(source="leaf.index", default=None, read_only=True)

    class Meta:
        model = RecordVersion
        fields = ["number", "text", "markup", "markup_format", "language", "edited_at", "links", "mentions",
                  "hashtags", "media", "raw_sha256", "raw_media_type", "raw_file", "raw_locator", "capture_source",
                  "capture_version", "captured_at", "version_hash", "leaf_index"]


class TombstoneSerializer(serializers.ModelSerializer):
    last_version = serializers.IntegerField(source="last_version.number", read_only=True)
    leaf_index = serializers.IntegerField(source="leaf.index", default=None, read_only=True)

    class Meta:
        model = Tombstone
        fields = ["detected_at", "deleted_at", "how", "last_version", "tombstone_hash", "leaf_index"]


class RecordSerializer(serializers.ModelSerializer):
    current_version = serializers.IntegerField(source="current_version.number", default=None, read_only=True)
    text = serializers.CharField(source="current_version.text", default="", read_only=True)

    class Meta:
        model = Record
        fields = ["id", "account", "platform", "platform_item_id", "kind", "author_id", "author_handle",
                  "author_name", "parent_item_id", "thread_item_id", "url", "created_at", "edited_at",
                  "first_captured_at", "last_captured_at", "status", "current_version", "text"]


class RecordDetailSerializer(RecordSerializer):
    versions = serializers.SerializerMethodField()
    tombstone = serializers.SerializerMethodField()
    media = serializers.JSONField(source="current_version.media", default=list, read_only=True)
    raw_sha256 = serializers.CharField(source="current_version.raw_sha256", default="", read_only=True)

    class Meta(RecordSerializer.Meta):
        fields = [*RecordSerializer.Meta.fields, "media", "raw_sha256", "versions", "tombstone"]

    def get_versions(self, record: Record) -> list[dict]:
        return VersionSerializer(selectors.versions_of(record).select_related("leaf"), many=True).data

    def get_tombstone(self, record: Record) -> dict | None:
        tombstone = Tombstone.objects.filter(record=record).select_related("leaf", "last_version").first()
        return TombstoneSerializer(tombstone).data if tombstone else None


class RecordViewSet(VisibleReadOnlyViewSet):
    """Records the caller may see; filter with ``?account=``, ``?kind=``, ``?status=``.
    ``proof/`` gives the inclusion proof of the current version (``?version=N``, or ``?tombstone=1``)."""

    selector = selectors.records_visible_to

    def get_serializer_class(self):
        return RecordSerializer if self.action == "list" else RecordDetailSerializer

    def get_queryset(self):
        found = super().get_queryset()
        params = self.request.query_params
        if params.get("account"):
            if not params["account"].isdigit():
                raise ValidationError({"account": ["must be an account id (a whole number)"]})
            found = found.filter(account_id=int(params["account"]))
        for name in ("kind", "status"):
            if params.get(name):
                found = found.filter(**{name: params[name]})
        return found

    @action(detail=True, methods=["get"])
    def proof(self, request, pk=None):
        record = self.get_object()
        if request.query_params.get("tombstone"):
            entry = Tombstone.objects.filter(record=record).select_related("record", "last_version", "leaf").first()
        else:
            number = request.query_params.get("version") or (
                record.current_version.number if record.current_version else "")
            if not str(number).isdigit():
                raise ValidationError({"version": ["must be a version number (a whole number)"]})
            entry = RecordVersion.objects.filter(record=record, number=int(number)).select_related(
                "record", "leaf").first()
        if entry is None:
            raise Http404("no such version or tombstone of this record")
        try:
            return Response(selectors.inclusion_bundle_of(entry))
        except selectors.ProofUnavailable as exc:
            return Response({"detail": f"No proof yet: {exc}."}, status=409)


class TreeHeadSerializer(serializers.ModelSerializer):
    root_hash = serializers.SerializerMethodField()
    signature = serializers.SerializerMethodField()

    class Meta:
        model = SignedTreeHeadRecord
        fields = ["id", "tree_size", "root_hash", "timestamp_ms", "log_id", "signature", "key_fingerprint",
                  "signed_at"]

    def get_root_hash(self, head: SignedTreeHeadRecord) -> str:
        return bytes(head.root_hash).hex()

    def get_signature(self, head: SignedTreeHeadRecord) -> str:
        return bytes(head.signature).hex()


class TreeHeadViewSet(VisibleReadOnlyViewSet):
    """The log's signed tree heads, newest first; ``latest/``, and ``consistency/?first=&second=``
    (tree sizes or head ids: ``first=ID&second=ID``) proving the earlier log is a prefix of the later."""

    selector = selectors.tree_heads_visible_to
    serializer_class = TreeHeadSerializer

    def get_queryset(self):
        return type(self).selector(self.request.user).order_by("-tree_size", "-pk")

    @action(detail=False, methods=["get"])
    def latest(self, request):
        head = self.get_queryset().first()
        if head is None:
            raise Http404("no tree head has been signed yet")
        return Response(TreeHeadSerializer(head).data)

    @action(detail=False, methods=["get"])
    def consistency(self, request):
        heads = {}
        for name in ("first", "second"):
            value = request.query_params.get(name, "")
            if not value.isdigit():
                raise ValidationError({name: ["must be the id of a signed tree head"]})
            heads[name] = self.get_queryset().filter(pk=int(value)).first()
            if heads[name] is None:
                raise ValidationError({name: [f"no signed tree head with id {value}"]})
        if heads["first"].tree_size > heads["second"].tree_size:
            raise ValidationError({"first": ["must be a tree head no larger than the second"]})
        return Response(selectors.consistency_bundle_of(heads["first"], heads["second"]))


class ImportJobSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", default=None, read_only=True)

    class Meta:
        model = ImportJob
        fields = ["id", "account", "status", "format", "source_name", "source_sha256", "position", "last_item_id",
                  "new", "new_versions", "deleted", "unchanged", "skipped", "skipped_reasons", "log", "error",
                  "created_by", "created_at", "started_at", "finished_at", "heartbeat_at"]


class ImportJobViewSet(VisibleReadOnlyViewSet):
    selector = selectors.import_jobs_visible_to
    serializer_class = ImportJobSerializer


ROUTES = [("archive-records", RecordViewSet, "api-archive-record"),
          ("archive-tree-heads", TreeHeadViewSet, "api-archive-tree-head"),
          ("archive-imports", ImportJobViewSet, "api-archive-import")]
