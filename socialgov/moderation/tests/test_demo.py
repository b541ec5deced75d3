from __future__ import annotations

from socialgov.accounts import demo as accounts_demo
from socialgov.archive import demo as archive_demo
from socialgov.moderation import demo
from socialgov.moderation.models import Case, PreservedCopy
from socialgov.policies.packlib import load_pack
from socialgov.policies.services import pack_adopt


def test_the_demo_opens_cases_and_removes_one_and_is_idempotent(world, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "archive": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "archive"}}}
    pack = load_pack("lucas-county-cs")
    pack_adopt(actor=None, agency=world.agency, pack=pack)
    accounts_demo.build(agency=world.agency, pack=pack, prefix="t")
    archive_demo.build(agency=world.agency, pack=pack, prefix="t")
    demo.build(agency=world.agency, pack=pack, prefix="t")
    demo.build(agency=world.agency, pack=pack, prefix="t")
    severities = dict(Case.objects.values_list("record__platform_item_id", "severity"))
    assert severities["demo-2002"] == "urgent"
    assert severities["demo-2001"] == "high"
    assert "demo-2003" in severities
    assert PreservedCopy.objects.filter(record__platform_item_id="demo-2001").count() == 1
