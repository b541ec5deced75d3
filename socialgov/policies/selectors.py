from __future__ import annotations

from socialgov.policies.models import PackAdoption


def pack_in_force(agency) -> PackAdoption | None:
    return PackAdoption.objects.filter(agency=agency, superseded_at__isnull=True).first()


def pack_history(agency):
    return PackAdoption.objects.filter(agency=agency).select_related("adopted_by")
