from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from socialgov.agencies.models import Agency
from socialgov.core.audit import audit_record
from socialgov.core.permissions import require
from socialgov.policies.models import PackAdoption
from socialgov.policies.packlib import Pack
from socialgov.policies.services.documents import documents_sync_from_pack


def pack_adopt(*, actor, agency: Agency, pack: Pack) -> PackAdoption:
    """Put ``pack`` in force for ``agency``; the pack it replaces is kept as history. Its
    acknowledgements become policy documents, with a new version wherever their words changed.
    Adopting the exact pack already in force changes nothing."""
    require(actor, "policies.adopt_pack", agency)
    with transaction.atomic():
        Agency.objects.select_for_update().get(pk=agency.pk)
        current = PackAdoption.objects.filter(agency=agency, superseded_at__isnull=True).first()
        if current is not None and current.sha256 == pack.sha256:
            return current
        if current is not None:
            current.superseded_at = timezone.now()
            current.save(update_fields=["superseded_at"])
        adoption = PackAdoption.objects.create(
            agency=agency, pack_name=pack.name, pack_version=pack.version, pack_title=pack.title,
            sha256=pack.sha256, data=pack.data, source_file=str(pack.file), adopted_by=actor)
        audit_record(action="policies.pack.adopt", actor=actor, target=adoption, agency_id=agency.pk,
                     before={"pack": current.pack_name, "version": current.pack_version,
                             "sha256": current.sha256} if current else None,
                     after={"pack": pack.name, "version": pack.version, "sha256": pack.sha256})
        documents_sync_from_pack(actor=actor, agency=agency, adoption=adoption)
    return adoption
