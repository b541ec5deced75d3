"""Browsing the archive: the index of accounts, an account's threads, a record with its versions and proof."""

from __future__ import annotations

import hashlib
import io
import json
from contextlib import suppress
from pathlib import Path
from typing import IO

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.http import urlencode

from socialgov.accounts.selectors import accounts_visible_to
from socialgov.agencies.views import agency_view
from socialgov.archive import selectors, storage
from socialgov.archive.models import Blob, Record, RecordVersion, Tombstone
from socialgov.archive.views._render import field_changes, linked_text, text_diff
from socialgov.archive.workflows import RecordStatus

THREADS_PER_PAGE = 20
ITEMS_PER_PAGE = 50
RAW_SHOWN_UP_TO = 256 * 1024
# Media shown in the page itself; anything else (HTML, SVG, scripts, unknown) is only downloaded.
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/webm", "audio/mpeg",
                "audio/mp4", "audio/ogg"}
LABEL_FORM = "search/_label_form.html"


def _records(request: HttpRequest, agency):
    return selectors.records_visible_to(request.user).filter(account__agency=agency)


def _signed_head(head):
    return {"row": head, "root_hex": bytes(head.root_hash).hex(), "signature_hex": bytes(head.signature).hex()} \
        if head else None


@agency_view("archive.view_records")
def archive_index(request: HttpRequest, agency) -> HttpResponse:
    return render(request, "archive/index.html", {
        "agency": agency, "accounts": selectors.archive_accounts(request.user, agency),
        "head": _signed_head(selectors.latest_tree_head()),
        "can_import": request.user.has_perm("archive.import_records", agency)})


def _decorate(record: Record) -> Record:
    version = record.current_version
    record.rendered = linked_text(version.text) if version else ""
    record.version_count = getattr(record, "version_count", None) or (version.number if version else 0)
    record.tombstone_row = Tombstone.objects.filter(record=record).first() \
        if record.status == RecordStatus.DELETED else None
    record.children_list = []
    return record


def _threads(records, roots: list[Record]) -> list[Record]:
    items = selectors.thread_items(records, roots)
    by_id = {r.platform_item_id: _decorate(r) for r in [*roots, *items]}
    for item in sorted(items, key=lambda r: (r.created_at is None, r.created_at, r.pk)):
        parent = by_id.get(item.parent_item_id) or by_id.get(item.thread_item_id)
        if parent is not None and parent is not item:
            parent.children_list.append(item)
    return roots


@agency_view("archive.view_records")
def archive_account(request: HttpRequest, agency, account_pk: int) -> HttpResponse:
    account = get_object_or_404(accounts_visible_to(request.user).filter(agency=agency), pk=account_pk)
    records = _records(request, agency).filter(account=account)
    kind, status = request.GET.get("kind", ""), request.GET.get("status", "")
    kinds = sorted(set(records.order_by().values_list("kind", flat=True).distinct()))
    filtered = bool(kind or status)
    if filtered:
        matching = records.filter(**{k: v for k, v in (("kind", kind), ("status", status)) if v}).order_by(
            "-created_at", "-pk")
        page = Paginator(matching, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = [_decorate(r) for r in page.object_list]
    else:
        page = Paginator(selectors.account_roots(records), THREADS_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = _threads(records, list(page.object_list))
    query = urlencode([(k, v) for k, v in (("kind", kind), ("status", status)) if v])
    return render(request, "archive/account.html", {
        "agency": agency, "account": account, "page_obj": page, "filtered": filtered, "kind": kind,
        "status": status, "kinds": kinds, "statuses": RecordStatus.choices,
        "querystring_prefix": f"{query}&" if query else "", "counts": selectors.archive_counts(account)})


def _open_blob(blob: Blob) -> IO[bytes]:
    """The blob's bytes as stored: inline in its row (small payloads) or in the archive storage."""
    inline = getattr(blob, "content", None)
    if inline is not None:
        return io.BytesIO(bytes(inline))
    return storage.archive_storage().open(getattr(blob, "stored_path", "") or storage.blob_name(blob.sha256), "rb")


def _stored_sha256(blob: Blob) -> str | None:
    try:
        with _open_blob(blob) as stream:
            return storage.sha256_of(stream)[0]
    except OSError:
        return None


def _raw(version: RecordVersion) -> dict:
    """The raw payload as stored, re-hashed: kept in the version's row, or its blob."""
    if version.raw is not None:
        blob = Blob(sha256=version.raw_sha256, size=len(version.raw), content=bytes(version.raw))
    else:
        blob = Blob.objects.filter(pk=version.raw_sha256).first()
    found: dict = {"sha256": version.raw_sha256, "media_type": version.raw_media_type, "file": version.raw_file,
                   "locator": version.raw_locator, "size": blob.size if blob else None}
    try:
        if blob is None:
            raise FileNotFoundError(version.raw_sha256)
        with _open_blob(blob) as stream:
            digest, data, size = hashlib.sha256(), b"", 0
            while chunk := stream.read(storage.CHUNK):
                digest.update(chunk)
                size += len(chunk)
                if size <= RAW_SHOWN_UP_TO:
                    data += chunk
    except OSError:
        found["problem"] = "the stored bytes are missing from storage"
        return found
    found["actual_sha256"] = digest.hexdigest()
    found["verified"] = found["actual_sha256"] == version.raw_sha256
    if size <= RAW_SHOWN_UP_TO:
        with suppress(ValueError, UnicodeDecodeError):
            found["pretty"] = json.dumps(json.loads(data), indent=2, ensure_ascii=False, sort_keys=True)
    return found


def _proof(record: Record, version: RecordVersion, head) -> dict:
    try:
        bundle = selectors.inclusion_bundle_of(version, head)
    except selectors.ProofUnavailable as exc:
        return {"unavailable": str(exc)}
    return {"bundle": bundle, "root_hex": bundle["tree_head"]["root_hash"] if head else "",
            "query": f"?version={version.number}"}


def _label_form_template() -> str | None:
    try:
        get_template(LABEL_FORM)
    except TemplateDoesNotExist:
        return None
    return LABEL_FORM


@agency_view("archive.view_records")
def archive_record(request: HttpRequest, agency, pk: int) -> HttpResponse:
    record = get_object_or_404(_records(request, agency).select_related("account", "current_version"), pk=pk)
    versions = list(selectors.versions_of(record).select_related("leaf"))
    previous = None
    for version in versions:
        version.rendered = linked_text(version.text)
        version.diff = text_diff(previous.text, version.text) if previous is not None else None
        version.other_changes = field_changes(previous, version) if previous is not None else []
        previous = version
    current = versions[-1] if versions else None
    tombstone = Tombstone.objects.filter(record=record).select_related("leaf", "last_version").first()
    head = selectors.latest_tree_head()
    media = []
    for entry in (current.media if current else []):
        present = bool(entry.get("sha256")) and not entry.get("missing")
        media.append({**entry, "present": present, "url": reverse("archive-blob", args=[agency.slug, record.pk,
                                                                                        entry["sha256"]])
                      if present else "", "inline": present and entry.get("content_type") in INLINE_TYPES
                      and entry.get("content_type", "").startswith("image/")})
    tombstone_proof = None
    if tombstone is not None:
        try:
            selectors.inclusion_bundle_of(tombstone, head)
            tombstone_proof = {"ok": True, "index": tombstone.leaf.index}
        except selectors.ProofUnavailable as exc:
            tombstone_proof = {"unavailable": str(exc)}
    return render(request, "archive/record.html", {
        "agency": agency, "record": record, "versions": versions, "current": current,
        "rendered": linked_text(current.text) if current else "", "tombstone": tombstone,
        "tombstone_proof": tombstone_proof, "media": media, "raw": _raw(current) if current else None,
        "proof": _proof(record, current, head) if current else None, "head": _signed_head(head),
        "label_form_template": _label_form_template()})


def _entry(request: HttpRequest, agency, pk: int):
    record = get_object_or_404(_records(request, agency), pk=pk)
    if request.GET.get("tombstone"):
        tombstone = Tombstone.objects.filter(record=record).select_related("record", "last_version", "leaf").first()
        if tombstone is None:
            raise Http404("this record has no tombstone")
        return record, tombstone, f"record-{record.pk}-tombstone"
    number = request.GET.get("version") or (record.current_version.number if record.current_version else None)
    version = RecordVersion.objects.filter(record=record, number=number).select_related("record", "leaf").first() \
        if str(number or "").isdigit() else None
    if version is None:
        raise Http404("no such version of this record")
    return record, version, f"record-{record.pk}-v{version.number}"


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@agency_view("archive.view_records")
def archive_record_proof(request: HttpRequest, agency, pk: int) -> HttpResponse:
    """The proof bundle of a version (``?version=N``, default the current one) or of the tombstone."""
    from socialgov.archive.transparency import dump_bundle

    _, entry, name = _entry(request, agency, pk)
    try:
        bundle = selectors.inclusion_bundle_of(entry)
    except selectors.ProofUnavailable as exc:
        return HttpResponse(f"No proof yet: {exc}.", status=409, content_type="text/plain; charset=utf-8")
    return _download(dump_bundle(bundle).encode("utf-8"), f"{name}.proof.json", "application/json")


@agency_view("archive.view_records")
def archive_record_entry(request: HttpRequest, agency, pk: int) -> HttpResponse:
    """The record file: the exact bytes the log entry commits to (its SHA-256 is the leaf input)."""
    _, entry, name = _entry(request, agency, pk)
    return _download(selectors.entry_bytes(entry), f"{name}.json", "application/json")


@agency_view("archive.view_records")
def archive_blob(request: HttpRequest, agency, pk: int, sha256: str) -> HttpResponse:
    """A raw payload or media file of a record, checked against its hash, never rendered as a page."""
    record = get_object_or_404(_records(request, agency), pk=pk)
    blob = selectors.record_file(record, sha256)
    if blob is None:
        raise Http404("no such file of this record")
    if _stored_sha256(blob) != sha256:
        return HttpResponse("The stored file no longer matches its SHA-256; it is not served. "
                            "Run `socialgov verify` and tell the records officer.", status=409,
                            content_type="text/plain; charset=utf-8")
    content_type = (blob.content_type or "").split(";")[0].strip().lower()
    inline = content_type in INLINE_TYPES
    served_as = content_type if inline or content_type in {"application/json", "application/pdf"} \
        else "application/octet-stream"
    stream = _open_blob(blob)
    name = Path(sha256).name + _extension(content_type)
    response = FileResponse(stream, content_type=served_as, as_attachment=not inline, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _extension(content_type: str) -> str:
    return {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
            "video/mp4": ".mp4", "video/webm": ".webm", "audio/mpeg": ".mp3", "audio/mp4": ".m4a",
            "audio/ogg": ".ogg", "application/json": ".json", "application/pdf": ".pdf"}.get(content_type, ".bin")
