"""Permission helpers shared by every app. Named predicates live in each app's rules.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def require(actor, perm: str, obj=None) -> None:
    """Refuse unless ``actor`` holds ``perm`` on ``obj``. ``actor=None`` is the system itself
    (demo data, migrations, scheduled tasks), which the audit trail records as such."""
    if actor is None:
        return
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(f"You do not have permission to do this ({perm}).")
