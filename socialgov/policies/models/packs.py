from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class PackAdoption(models.Model):
    """The policy pack an agency adopted: which pack, which version, and its exact content."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="pack_adoptions")
    pack_name = models.CharField(max_length=100)
    pack_version = models.CharField(max_length=40)
    pack_title = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    data = models.JSONField()
    source_file = models.CharField(max_length=500)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    adopted_at = models.DateTimeField(default=timezone.now)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-adopted_at"]
        constraints = [
            models.UniqueConstraint(fields=["agency"], condition=Q(superseded_at__isnull=True),
                                    name="one_pack_in_force_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.pack_name} {self.pack_version}"
