"""LCCS-06: an inappropriate advertisement next to agency content is recorded and followed up with
the provider."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from socialgov.core.models import AuditEvent
from socialgov.monitoring import services
from socialgov.monitoring.models import AdvertisingIncident

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def record(world, account, persona="pio", **kw):
    args = dict(seen_at=timezone.now() - timedelta(hours=1), where="https://mastodon.social/@agency",
                ad_description="A payday-loan advertisement beside the foster-care post.") | kw
    return services.incident_create(actor=world.user(persona), account=account, **args)


@pytest.mark.requirement("LCCS-06")
def test_an_incident_is_recorded_reported_to_the_provider_and_resolved(world, lccs, account):
    incident = record(world, account, "moderator",
                      screenshot=SimpleUploadedFile("shot.png", PNG, content_type="image/png"))
    assert incident.status == "open" and incident.screenshot_type == "image/png" and incident.screenshot
    pio = world.user("pio")
    services.incident_follow_up(actor=pio, incident=incident, action="reported", how="Platform ad report form",
                                reference="CASE-42")
    services.incident_follow_up(actor=pio, incident=incident, action="response",
                                text="The provider will review the advertiser.")
    services.incident_follow_up(actor=pio, incident=incident, action="resolved",
                                text="The provider removed the advertisement.")
    incident.refresh_from_db()
    assert incident.status == "resolved" and incident.provider_reference == "CASE-42"
    assert incident.provider_report_how == "Platform ad report form" and incident.provider_reported_at
    assert "will review" in incident.provider_response and incident.outcome.startswith("The provider removed")
    assert [f.action for f in incident.follow_ups.all()] == ["recorded", "reported", "response", "resolved"]
    assert list(AuditEvent.objects.filter(action__startswith="monitoring.incident.").values_list(
        "action", flat=True).order_by("seq")) == [
        "monitoring.incident.create", "monitoring.incident.reported", "monitoring.incident.response",
        "monitoring.incident.resolved"]


@pytest.mark.requirement("LCCS-06")
def test_follow_up_follows_the_status(world, lccs, account):
    incident = record(world, account)
    pio = world.user("pio")
    with pytest.raises(ValidationError) as err:  # no response before it was reported
        services.incident_follow_up(actor=pio, incident=incident, action="response", text="?")
    assert "action" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.incident_follow_up(actor=pio, incident=incident, action="reported", how="")
    assert "how" in err.value.message_dict
    services.incident_follow_up(actor=pio, incident=incident, action="closed", text="The ad was gone on recheck.")
    with pytest.raises(ValidationError):
        services.incident_follow_up(actor=pio, incident=incident, action="note", text="Late note")
    incident.refresh_from_db()
    assert incident.status == "closed" and incident.follow_ups.count() == 2


def test_only_the_pio_designee_or_director_follows_up(world, lccs, account):
    incident = record(world, account)
    with pytest.raises(PermissionDenied):
        services.incident_follow_up(actor=world.user("employee"), incident=incident, action="note", text="Hi")
    with pytest.raises(PermissionDenied):
        record(world, account, "employee")


def test_a_screenshot_must_be_an_image_of_limited_size(world, lccs, account):
    html = SimpleUploadedFile("shot.png", b"<html><script>alert(1)</script>", content_type="image/png")
    with pytest.raises(ValidationError) as err:
        record(world, account, screenshot=html)
    assert "PNG, JPEG, GIF or WebP" in err.value.message_dict["screenshot"][0]
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * services.SCREENSHOT_MAX, content_type="image/png")
    with pytest.raises(ValidationError) as err:
        record(world, account, screenshot=big)
    assert "larger than 5 MB" in err.value.message_dict["screenshot"][0]
    assert not AdvertisingIncident.objects.exists()


def test_missing_facts_are_named(world, lccs, account):
    with pytest.raises(ValidationError) as err:
        record(world, account, where=" ", ad_description="", seen_at=timezone.now() + timedelta(days=1))
    assert set(err.value.message_dict) == {"where", "ad_description", "seen_at"}
