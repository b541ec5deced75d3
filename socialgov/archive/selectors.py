"""Reads of the archive: every list takes the user and returns only what that user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from socialgov.agencies.selectors import has_role_anywhere, person_of
from socialgov.archive.models import ImportJob, Record, RecordLabel, RecordVersion

# Who may see a confidential-labelled record when the pack in force names no one (records.confidential_roles).
DEFAULT_CONFIDENTIAL_ROLES = ("records_officer", "agency_head")


def _agency_ids(user) -> set[int]:
    if user.is_superuser:
        return set()
    person = person_of(user)
    return {person.agency_id} if person is not None else {-1}


def confidential_roles(agency_id: int) -> tuple[str, ...]:
    """The roles that may see confidential-labelled records: the pack in force names them
    (``records.confidential_roles``), else the records officer and the agency head."""
    from socialgov.policies.selectors.packs import pack_data

    records = (pack_data(agency_id) or {}).get("records") or {}
    return tuple(records.get("confidential_roles") or DEFAULT_CONFIDENTIAL_ROLES)


def may_see_confidential(user, agency_id: int) -> bool:
    if user.is_superuser:
        return True
    return has_role_anywhere(user, agency_id, *confidential_roles(agency_id))


def record_visibility(user, prefix: str = "") -> Q:
    """The condition a record (reached through ``prefix``, e.g. "record__" from a version) must meet
    for ``user`` to see it: their agency's records, less the confidential-labelled ones unless they
    hold a role the pack names. A join condition, so search can filter versions without a subquery
    over every record."""
    if user.is_superuser:
        return Q()
    person = person_of(user)
    if person is None:
        return Q(**{f"{prefix}pk__in": []})
    visible = Q(**{f"{prefix}account__agency_id": person.agency_id})
    if not may_see_confidential(user, person.agency_id):
        confidential = RecordLabel.objects.filter(label=RecordLabel.CONFIDENTIAL, removed_at__isnull=True)
        visible &= ~Q(**{f"{prefix}pk__in": confidential.values("record_id")})
    return visible


def records_visible_to(user) -> QuerySet[Record]:
    return Record.objects.select_related("account", "current_version").filter(record_visibility(user))


def import_jobs_visible_to(user) -> QuerySet[ImportJob]:
    found = ImportJob.objects.select_related("account")
    return found if user.is_superuser else found.filter(account__agency_id__in=_agency_ids(user))


def versions_of(record: Record) -> QuerySet[RecordVersion]:
    """All versions of a record, oldest first: nothing captured is ever dropped."""
    return record.versions.order_by("number")


def archive_counts(account) -> dict[str, int]:
    """How many records, versions and tombstones an account has (import summaries, tests)."""
    records = Record.objects.filter(account=account)
    return {"records": records.count(), "versions": RecordVersion.objects.filter(record__account=account).count(),
            "tombstones": records.filter(tombstone__isnull=False).count()}


# --- the archive's pages and API (browsing, proofs) ---------------------------------------------


def archive_accounts(user, agency) -> QuerySet:
    """The agency's accounts the user may see that have records or imports, with their counts."""
    from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from socialgov.accounts.selectors import accounts_visible_to
    from socialgov.archive.models import Tombstone

    def count_of(queryset, group: str) -> Coalesce:
        counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    visible = records_visible_to(user)
    return (accounts_visible_to(user).filter(agency=agency)
            .filter(Exists(Record.objects.filter(account=OuterRef("pk")))
                    | Exists(ImportJob.objects.filter(account=OuterRef("pk"))))
            .annotate(
                record_count=count_of(visible.filter(account=OuterRef("pk")), "account"),
                version_count=count_of(RecordVersion.objects.filter(record__in=visible,
                                                                    record__account=OuterRef("pk")), "record__account"),
                tombstone_count=count_of(Tombstone.objects.filter(record__in=visible, record__account=OuterRef("pk")),
                                         "record__account"),
                last_capture=Subquery(visible.filter(account=OuterRef("pk")).order_by().values("account")
                                      .annotate(m=Max("last_captured_at")).values("m")))
            .order_by("name"))


def account_roots(records: QuerySet[Record]) -> QuerySet[Record]:
    """The first items of threads among ``records`` (one account's): no parent, or a parent not archived."""
    return records.exclude(parent_item_id__in=records.exclude(platform_item_id="").values("platform_item_id")
                           ).order_by("-created_at", "-pk")


def thread_items(records: QuerySet[Record], roots: list[Record], *, max_depth: int = 50) -> list[Record]:
    """Every reply and comment under ``roots`` (by parent, or naming a root as its thread), any depth."""
    seen = {r.platform_item_id for r in roots}
    found: list[Record] = []
    frontier = set(seen)
    by_thread = list(records.filter(thread_item_id__in=seen).exclude(platform_item_id__in=seen)
                     .select_related("current_version", "tombstone"))
    for depth in range(max_depth):
        level = [r for r in records.filter(parent_item_id__in=frontier).exclude(platform_item_id__in=seen)
                 .select_related("current_version", "tombstone")] if frontier else []
        if depth == 0:
            level += [r for r in by_thread if r.platform_item_id not in {x.platform_item_id for x in level}]
        level = [r for r in level if r.platform_item_id not in seen]
        if not level:
            break
        found += level
        frontier = {r.platform_item_id for r in level}
        seen |= frontier
    return found


def latest_tree_head():
    """The latest signed tree head, or None before the first signing."""
    from socialgov.archive.models import SignedTreeHeadRecord

    return SignedTreeHeadRecord.objects.order_by("-tree_size", "-pk").first()


def tree_heads_visible_to(user) -> QuerySet:
    """Signed tree heads are public statements about the whole log; any signed-in person may read them."""
    from socialgov.archive.models import SignedTreeHeadRecord

    found = SignedTreeHeadRecord.objects.all()
    return found if user.is_authenticated else found.none()


def record_file(record: Record, sha256: str):
    """The file ``sha256`` if it is a raw payload or a media file of one of ``record``'s versions, else None:
    its ``Blob``, or, for a raw payload kept in its version's row, an unsaved ``Blob`` over those bytes."""
    from socialgov.archive.models import Blob

    named = False
    for raw_sha256, media, raw, media_type in record.versions.values_list("raw_sha256", "media", "raw",
                                                                         "raw_media_type"):
        if sha256 == raw_sha256 and raw is not None:
            return Blob(sha256=sha256, size=len(raw), content_type=media_type, content=bytes(raw))
        named = named or sha256 == raw_sha256 or any(entry.get("sha256") == sha256 for entry in media or [])
    return Blob.objects.filter(pk=sha256).first() if named else None


def recent_import_jobs(user, agency, *, limit: int = 10) -> list[ImportJob]:
    """The agency's latest imports, failed (and interrupted) ones first."""
    from django.db.models import Case, IntegerField, Value, When

    from socialgov.archive.workflows import JobStatus

    return list(import_jobs_visible_to(user).filter(account__agency=agency).annotate(
        failed_first=Case(When(status=JobStatus.FAILED, then=Value(0)), default=Value(1),
                          output_field=IntegerField())).order_by("failed_first", "-created_at", "-pk")[:limit])


class _ReadOnlySubtrees:
    """Subtree hashes read from the log's cache; ones computed for a proof are kept in memory only."""

    def __init__(self) -> None:
        from socialgov.archive.services.log import DatabaseSubtreeStore

        self._db, self._memory = DatabaseSubtreeStore(), {}

    def get(self, level: int, index: int) -> bytes | None:
        return self._memory.get((level, index)) or self._db.get(level, index)

    def put(self, level: int, index: int, node_hash: bytes) -> None:
        self._memory[(level, index)] = node_hash


def _tree(size: int):
    from socialgov.archive.services.log import DatabaseLeafStore
    from socialgov.archive.transparency import MerkleTree

    return MerkleTree(DatabaseLeafStore(size), _ReadOnlySubtrees())


class ProofUnavailable(Exception):
    """No signed tree head covers this entry yet (or none was signed)."""


def entry_bytes(entry) -> bytes:
    """The exact bytes a log entry commits to (a version's or a tombstone's canonical JSON): the record file."""
    from socialgov.archive.models import Tombstone
    from socialgov.archive.services.hashing import tombstone_bytes, version_bytes

    if isinstance(entry, Tombstone):
        return tombstone_bytes(entry, entry.record, entry.last_version.version_hash)
    return version_bytes(entry, entry.record)


def inclusion_bundle_of(entry, head=None) -> dict:
    """The ``socialgov-proof/1`` inclusion bundle of a version or tombstone against ``head`` (default: latest)."""
    from socialgov.archive.models import Tombstone
    from socialgov.archive.services.log import signed_head_of, signing_key
    from socialgov.archive.transparency import inclusion_bundle

    head = head or latest_tree_head()
    leaf = getattr(entry, "leaf", None)
    if head is None:
        raise ProofUnavailable("no tree head has been signed yet")
    if leaf is None or leaf.index >= head.tree_size:
        raise ProofUnavailable(f"this entry is not yet in a signed tree head (the latest covers {head.tree_size} "
                               "entries); it will be in the next one")
    record = entry.record
    described = {"record_id": record.pk, "platform": record.platform, "item_id": record.platform_item_id,
                 "file": (f"record-{record.pk}-tombstone.json" if isinstance(entry, Tombstone)
                          else f"record-{record.pk}-v{entry.number}.json")}
    if not isinstance(entry, Tombstone):
        described["version"] = entry.number
    return inclusion_bundle(_tree(head.tree_size), signed_head_of(head), leaf.index,
                            signing_key().public_key(), leaf_input=bytes.fromhex(
                                entry.version_hash if not isinstance(entry, Tombstone) else entry.tombstone_hash),
                            record=described)


def consistency_bundle_of(first, second) -> dict:
    """The consistency bundle proving the log at signed head ``first`` is a prefix of the log at ``second``."""
    from socialgov.archive.services.log import signed_head_of, signing_key
    from socialgov.archive.transparency import consistency_bundle

    return consistency_bundle(_tree(second.tree_size), signed_head_of(first), signed_head_of(second),
                              signing_key().public_key())
