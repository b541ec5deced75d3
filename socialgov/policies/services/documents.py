"""Policy documents, versions and acknowledgements (DCFS-11, LCCS-12, LAC-06).

A version is immutable once published: only drafts change. Publishing a version supersedes the
one in force and asks everyone the document concerns to acknowledge it again.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from socialgov.agencies.models import Agency, Person
from socialgov.agencies.roles import EmploymentType, Role
from socialgov.agencies.selectors import person_of
from socialgov.core.audit import audit_record, snapshot
from socialgov.core.permissions import require
from socialgov.core.services import notify
from socialgov.policies import parameters
from socialgov.policies.models import (
    Acknowledgement,
    DocumentSource,
    DocumentVersion,
    PackAdoption,
    PolicyDocument,
)
from socialgov.policies.models.documents import DEFAULT_DUE_DAYS
from socialgov.policies.selectors.documents import applies, roles_held
from socialgov.policies.workflows import VERSION_TRANSITIONS, VersionState, check_transition

MAX_FILE_BYTES = 10 * 1024 * 1024
ALLOWED_FILES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DOCUMENT_FIELDS = ("title", "audience_roles", "audience_employment_types", "audience_description",
                   "before_access", "training", "due_days", "cite", "active")


def content_hash(version: DocumentVersion, title: str) -> str:
    body = {"title": title, "body": version.body, "points": version.points, "documents": version.documents,
            "file_sha256": version.file_sha256}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# --- from the policy pack ------------------------------------------------------------------------

def documents_sync_from_pack(*, actor, agency: Agency, adoption: PackAdoption) -> list[DocumentVersion]:
    """Each acknowledgement of the pack becomes a document; where its words changed since the pack
    last set them, a new version is published (and asks again). Documents the pack no longer has
    are retired. Called by ``pack_adopt`` inside its transaction."""
    published, keys = [], set()
    for entry in parameters.acknowledgements(adoption.data):
        keys.add(entry["key"])
        document = _pack_document(actor, agency, entry)
        version = _pack_version(actor, document, entry, adoption)
        if version is not None:
            published.append(version)
    for document in PolicyDocument.objects.filter(agency=agency, source=DocumentSource.PACK, active=True):
        if document.key not in keys:
            _save_document(actor, document, active=False)
    return published


def _pack_document(actor, agency: Agency, entry: dict[str, Any]) -> PolicyDocument:
    audience = entry.get("audience", {})
    values = {
        "title": entry["title"], "audience_roles": audience.get("roles", []),
        "audience_employment_types": audience.get("employment_types", []),
        "audience_description": audience.get("description", "")[:500],
        "before_access": entry.get("when") == "before_access", "training": bool(entry.get("training")),
        "due_days": entry.get("due_within_days", DEFAULT_DUE_DAYS), "cite": entry.get("cite", "")[:300],
        "active": True,
    }
    document = PolicyDocument.objects.select_for_update().filter(agency=agency, key=entry["key"]).first()
    if document is None:
        document = PolicyDocument.objects.create(agency=agency, key=entry["key"], source=DocumentSource.PACK,
                                                 created_by=actor, **values)
        audit_record(action="policies.document.create", actor=actor, target=document, agency_id=agency.pk,
                     after=snapshot(document, ("key", "source", *DOCUMENT_FIELDS)))
        return document
    return _save_document(actor, document, **values)


def _save_document(actor, document: PolicyDocument, **values) -> PolicyDocument:
    before = snapshot(document, DOCUMENT_FIELDS)
    for name, value in values.items():
        setattr(document, name, value)
    after = snapshot(document, DOCUMENT_FIELDS)
    if after != before:
        document.save()
        audit_record(action="policies.document.update", actor=actor, target=document,
                     agency_id=document.agency_id, before=before, after=after)
    return document


def _pack_version(actor, document: PolicyDocument, entry: dict[str, Any],
                  adoption: PackAdoption) -> DocumentVersion | None:
    version = DocumentVersion(document=document, label=f"pack {adoption.pack_name} {adoption.pack_version}",
                              points=entry.get("points", []), documents=entry.get("documents", []),
                              pack_adoption=adoption, created_by=actor)
    version.content_sha256 = content_hash(version, document.title)
    last = document.versions.filter(pack_adoption__isnull=False).order_by("-number").first()
    if last is not None and last.content_sha256 == version.content_sha256:
        return None
    version.number = _next_number(document)
    version.save()
    audit_record(action="policies.version.create", actor=actor, target=version, agency_id=document.agency_id,
                 after=_version_facts(version))
    _publish(actor, version)
    return version


# --- documents and versions the agency uploads ---------------------------------------------------

def document_create(*, actor, agency: Agency, title: str, audience_roles: list[str],
                    audience_employment_types: list[str], audience_description: str = "",
                    before_access: bool = False, training: bool = False,
                    due_days: int = DEFAULT_DUE_DAYS) -> PolicyDocument:
    require(actor, "policies.manage_documents", agency)
    _check_audience(audience_roles, audience_employment_types)
    if not title.strip():
        raise ValidationError({"title": "Give the document a title."})
    with transaction.atomic():
        Agency.objects.select_for_update().get(pk=agency.pk)
        document = PolicyDocument.objects.create(
            agency=agency, key=_free_key(agency, title), title=title.strip(), source=DocumentSource.AGENCY,
            audience_roles=audience_roles, audience_employment_types=audience_employment_types,
            audience_description=audience_description, before_access=before_access, training=training,
            due_days=due_days, created_by=actor)
        audit_record(action="policies.document.create", actor=actor, target=document, agency_id=agency.pk,
                     after=snapshot(document, ("key", "source", *DOCUMENT_FIELDS)))
    return document


def _check_audience(roles: list[str], employment_types: list[str]) -> None:
    if not roles:
        raise ValidationError({"audience_roles": "Choose who must acknowledge it (Employee means all staff)."})
    if set(roles) - set(Role.values):
        raise ValidationError({"audience_roles": "One of the roles chosen is not a role socialgov knows."})
    if set(employment_types) - set(EmploymentType.values):
        raise ValidationError({"audience_employment_types": "One of the employment types is not known."})


def _free_key(agency: Agency, title: str) -> str:
    base = slugify(title)[:50] or "document"
    key, n = base, 1
    while PolicyDocument.objects.filter(agency=agency, key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


def version_create(*, actor, document: PolicyDocument, body: str = "", points: list[str] | None = None,
                   label: str = "", change_note: str = "", upload: UploadedFile | None = None) -> DocumentVersion:
    """A new draft version; it asks nobody anything until it is published."""
    require(actor, "policies.manage_documents", document.agency)
    if not document.active:
        raise ValidationError("This document is retired: it no longer takes new versions.")
    points = [p.strip() for p in (points or []) if p.strip()]
    if not body.strip() and not points and upload is None:
        raise ValidationError({"body": "Give the text of the new version, or attach its file."})
    with transaction.atomic():
        PolicyDocument.objects.select_for_update().get(pk=document.pk)
        version = DocumentVersion(document=document, number=_next_number(document), label=label.strip(),
                                  body=body.strip(), points=points, change_note=change_note.strip(),
                                  created_by=actor)
        if upload is not None:
            _attach(version, upload)
        version.content_sha256 = content_hash(version, document.title)
        version.save()
        audit_record(action="policies.version.create", actor=actor, target=version, agency_id=document.agency_id,
                     after=_version_facts(version))
    return version


def _attach(version: DocumentVersion, upload: UploadedFile) -> None:
    name = PurePath(upload.name or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_FILES:
        raise ValidationError({"upload": f"Attach a {', '.join(sorted(ALLOWED_FILES))} file; {name!r} is not one."})
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError({"upload": f"The file is {upload.size // (1024 * 1024)} MB; the limit is 10 MB."})
    data = b"".join(upload.chunks())
    version.file_name, version.file_content_type = name[:200], ALLOWED_FILES[suffix]
    version.file_data, version.file_sha256 = data, hashlib.sha256(data).hexdigest()


def _next_number(document: PolicyDocument) -> int:
    return (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _version_facts(version: DocumentVersion) -> dict[str, Any]:
    return {"document_id": version.document_id, "number": version.number, "label": version.label,
            "state": version.state, "content_sha256": version.content_sha256, "file_name": version.file_name,
            "file_sha256": version.file_sha256}


def version_update(*, actor, version: DocumentVersion, body: str, points: list[str], label: str = "",
                   change_note: str = "") -> DocumentVersion:
    require(actor, "policies.manage_documents", version.document.agency)
    with transaction.atomic():
        locked = DocumentVersion.objects.select_for_update(of=("self",)).select_related("document").get(pk=version.pk)
        if locked.state != VersionState.DRAFT:
            raise ValidationError(f"Version {locked.number} is {locked.get_state_display().lower()} and cannot be "
                                  "changed: add a new version instead.")
        before = _version_facts(locked)
        locked.body, locked.label, locked.change_note = body.strip(), label.strip(), change_note.strip()
        locked.points = [p.strip() for p in points if p.strip()]
        if not locked.body and not locked.points and not locked.has_file:
            raise ValidationError({"body": "Give the text of the version, or attach its file."})
        locked.content_sha256 = content_hash(locked, locked.document.title)
        locked.save()
        audit_record(action="policies.version.update", actor=actor, target=locked,
                     agency_id=locked.document.agency_id, before=before, after=_version_facts(locked))
    return locked


def version_publish(*, actor, version: DocumentVersion) -> DocumentVersion:
    require(actor, "policies.manage_documents", version.document.agency)
    with transaction.atomic():
        PolicyDocument.objects.select_for_update().get(pk=version.document_id)
        locked = DocumentVersion.objects.select_related("document").get(pk=version.pk)
        check_transition(VERSION_TRANSITIONS, VersionState, locked.state, VersionState.PUBLISHED)
        if not locked.document.active:
            raise ValidationError("This document is retired: its versions can no longer be published.")
        _publish(actor, locked)
    return locked


def _publish(actor, version: DocumentVersion) -> None:
    current = version.document.versions.filter(state=VersionState.PUBLISHED).exclude(pk=version.pk).first()
    if current is not None:
        check_transition(VERSION_TRANSITIONS, VersionState, current.state, VersionState.SUPERSEDED)
        current.state = VersionState.SUPERSEDED
        current.save(update_fields=["state"])
    version.state, version.published_at, version.published_by = VersionState.PUBLISHED, timezone.now(), actor
    version.save(update_fields=["state", "published_at", "published_by"])
    audit_record(action="policies.version.publish", actor=actor, target=version, agency_id=version.document.agency_id,
                 before={"superseded_version": current.number if current else None}, after=_version_facts(version))
    _ask_audience(version)


def _ask_audience(version: DocumentVersion) -> None:
    """A new version asks again: everyone it concerns is told."""
    document = version.document
    people = list(Person.objects.filter(agency_id=document.agency_id, active=True, user__isnull=False)
                  .select_related("user"))
    held = roles_held(people)
    recipients = [p.user for p in people if applies(document, p, held.get(p.pk, set()))]
    notify(recipients=recipients, event="policies.acknowledgement.requested", agency_id=document.agency_id,
           subject=f"Please acknowledge: {document.title} (version {version.number})",
           body="A new version is in force. Read it and acknowledge it on your Training page.",
           url=f"/agencies/{document.agency.slug}/training/")


def version_discard(*, actor, version: DocumentVersion) -> DocumentVersion:
    require(actor, "policies.manage_documents", version.document.agency)
    with transaction.atomic():
        locked = DocumentVersion.objects.select_for_update(of=("self",)).select_related("document").get(pk=version.pk)
        check_transition(VERSION_TRANSITIONS, VersionState, locked.state, VersionState.DISCARDED)
        locked.state = VersionState.DISCARDED
        locked.save(update_fields=["state"])
        audit_record(action="policies.version.discard", actor=actor, target=locked,
                     agency_id=locked.document.agency_id, after=_version_facts(locked))
    return locked


# --- acknowledgements ------------------------------------------------------------------------------

def acknowledgement_record(*, actor, version: DocumentVersion,
                           training_completed_on: date | None = None) -> Acknowledgement:
    """The signed-in person acknowledges the version in force (and, for a training document,
    says when they completed the training)."""
    person = person_of(actor)
    version = DocumentVersion.objects.select_related("document__agency").defer("file_data").get(pk=version.pk)
    require(actor, "policies.acknowledge", version)
    document = version.document
    if document.training and training_completed_on is None:
        raise ValidationError({"training_completed_on": "Give the date you completed the training on your role "
                                                        "and responsibilities."})
    if training_completed_on is not None and training_completed_on > timezone.localdate():
        raise ValidationError({"training_completed_on": "The training date cannot be in the future."})
    with transaction.atomic():
        Person.objects.select_for_update().get(pk=person.pk)
        earlier = Acknowledgement.objects.filter(person=person, version=version).first()
        if earlier is not None:
            when = timezone.localtime(earlier.acknowledged_at)
            raise ValidationError(f"You acknowledged this version on {when:%Y-%m-%d}.")
        ack = Acknowledgement.objects.create(
            person=person, version=version, user=actor, training_completed_on=training_completed_on,
            statement=acknowledgement_statement(version, training_completed_on))
        audit_record(action="policies.acknowledgement.record", actor=actor, target=ack, agency_id=person.agency_id,
                     after={"person_id": person.pk, "document": document.key, "version": version.number,
                            "content_sha256": version.content_sha256,
                            "training_completed_on": training_completed_on})
    return ack


def acknowledgement_statement(version: DocumentVersion, training_completed_on: date | None = None) -> str:
    text = (f"I have read and understand “{version.document.title}” (version {version.number}) and I will "
            "comply with it.")
    if version.document.training:
        when = f" on {training_completed_on:%Y-%m-%d}" if training_completed_on else ""
        text += f" I completed the training on my roles and responsibilities{when}."
    return text
