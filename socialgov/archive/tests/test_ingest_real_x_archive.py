"""End to end: the real X account archive (milahu104) into a test account, then again."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from socialgov.archive.models import Blob, ImportJob, LogLeaf, Record, SignedTreeHeadRecord
from socialgov.archive.selectors import archive_counts
from socialgov.archive.services import archive_verify
from socialgov.archive.services.blobs import raw_payload_open
from socialgov.archive.tests.conftest import REAL_X_ARCHIVE
from socialgov.archive.workflows import RecordStatus

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(
    not REAL_X_ARCHIVE.is_dir(), reason=f"the real X archive sample is not at {REAL_X_ARCHIVE} "
                                        "(a clone without ../shared/data)")]

TWEETS, DELETED = 2045, 47   # SOURCES.md and the archive's manifest


def run_import(account) -> str:
    out = StringIO()
    call_command("import", "--account", str(account.pk), str(REAL_X_ARCHIVE), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.requirement("LCCS-08")
@pytest.mark.requirement("NJ-04")
def test_the_real_x_archive_is_kept_whole_and_importing_it_again_changes_nothing(account):
    run_import(account)
    assert archive_counts(account) == {"records": TWEETS + DELETED, "versions": TWEETS + DELETED,
                                       "tombstones": DELETED}
    assert Record.objects.filter(account=account, status=RecordStatus.DELETED).count() == DELETED
    assert LogLeaf.objects.count() == SignedTreeHeadRecord.objects.latest().tree_size == TWEETS + 2 * DELETED
    kinds = dict(Record.objects.filter(account=account).values_list("kind").annotate(n=Count("pk")))
    assert sum(kinds.values()) == TWEETS + DELETED and kinds["repost"] >= 239
    retrieved = Record.objects.get(account=account, platform_item_id="2029905358261502168")
    assert retrieved.current_version.text.startswith("@SamaHoole ")
    assert retrieved.parent_item_id == "2029903943413772741"
    with raw_payload_open(retrieved.current_version) as raw:
        assert json.loads(raw.read())["tweet"]["id_str"] == "2029905358261502168"
    assert archive_verify().ok

    before = (archive_counts(account), LogLeaf.objects.count(), Blob.objects.count())
    out = run_import(account)
    assert f"unchanged: {TWEETS + DELETED}" in out
    assert (archive_counts(account), LogLeaf.objects.count(), Blob.objects.count()) == before
    assert ImportJob.objects.filter(account=account).count() == 2
