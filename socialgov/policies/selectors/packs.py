from __future__ import annotations

from typing import Any

from socialgov.policies.models import PackAdoption

# A pack's content is named by its SHA-256, so it can be kept by that fingerprint.
_DATA: dict[str, dict[str, Any]] = {}
_DATA_LIMIT = 64


def pack_in_force(agency) -> PackAdoption | None:
    return PackAdoption.objects.filter(agency=agency, superseded_at__isnull=True).first()


def pack_history(agency):
    return PackAdoption.objects.filter(agency=agency).select_related("adopted_by")


def pack_data(agency_or_id) -> dict[str, Any] | None:
    """The data of the pack in force (None when the agency has adopted none), cheaply."""
    agency_id = getattr(agency_or_id, "pk", agency_or_id)
    row = PackAdoption.objects.filter(agency_id=agency_id, superseded_at__isnull=True).values_list(
        "pk", "sha256").first()
    if row is None:
        return None
    pk, sha256 = row
    if sha256 not in _DATA:
        if len(_DATA) >= _DATA_LIMIT:
            _DATA.clear()
        _DATA[sha256] = PackAdoption.objects.values_list("data", flat=True).get(pk=pk)
    return _DATA[sha256]
