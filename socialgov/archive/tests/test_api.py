"""The archive's read API: records with versions, tombstones and proofs; signed heads; imports."""

from __future__ import annotations

import pytest

from socialgov.archive.models import ImportJob, Record, SignedTreeHeadRecord
from socialgov.archive.services import ingest_snapshots, tree_head_sign
from socialgov.archive.tests.conftest import snapshot
from socialgov.archive.tests.test_views import build_archive
from socialgov.archive.transparency import verify_bundle
from socialgov.archive.transparency.signing import public_key_base64

pytestmark = pytest.mark.django_db
API = "/api/v1/"


@pytest.fixture
def records(account):
    return build_archive(account)


def test_records_are_listed_and_filtered_by_account_kind_and_status(client_as, account, records):
    client = client_as("employee")
    everything = client.get(f"{API}archive-records/", {"account": account.pk}).json()
    items = everything["results"] if isinstance(everything, dict) else everything
    assert {r["platform_item_id"] for r in items} == set(records)
    deleted = client.get(f"{API}archive-records/", {"status": "deleted"}).json()
    assert [r["platform_item_id"] for r in (deleted["results"] if isinstance(deleted, dict) else deleted)] == ["300"]
    comments = client.get(f"{API}archive-records/", {"kind": "comment"}).json()
    assert [r["text"] for r in (comments["results"] if isinstance(comments, dict) else comments)] == ["Which parks?"]
    assert client.get(f"{API}archive-records/", {"account": "x"}).status_code == 400


@pytest.mark.requirement("NJ-04")
@pytest.mark.requirement("LCCS-08")
def test_a_records_detail_has_every_version_its_tombstone_and_media(client_as, records):
    client = client_as("auditor")
    edited = client.get(f"{API}archive-records/{records['200'].pk}/").json()
    assert [(v["number"], v["text"]) for v in edited["versions"]] == [
        (1, "Pool opens at 9 am."), (2, "Pool opens at 10 am."), (3, "Pool opens at 10 am Saturday.")]
    assert edited["raw_sha256"] == records["200"].current_version.raw_sha256 and edited["tombstone"] is None
    deleted = client.get(f"{API}archive-records/{records['300'].pk}/").json()
    assert deleted["status"] == "deleted" and deleted["text"] == "Closed today."
    assert deleted["tombstone"]["deleted_at"].startswith("2026-03-07") and deleted["tombstone"]["last_version"] == 1
    photo = client.get(f"{API}archive-records/{records['500'].pk}/").json()
    assert [(m["reference"], m["missing"]) for m in photo["media"]] == [
        ("data/tweets_media/500-a.jpg", False), ("data/tweets_media/500-b.jpg", True)]


def test_the_proof_endpoint_gives_the_bundle_of_a_version_or_the_tombstone(client_as, records):
    from socialgov.archive.services.log import signing_key

    client = client_as("employee")
    record = records["200"]
    proof = client.get(f"{API}archive-records/{record.pk}/proof/").json()
    head = SignedTreeHeadRecord.objects.order_by("-tree_size").first()
    assert proof["leaf_index"] == record.current_version.leaf.index
    assert proof["tree_head"]["tree_size"] == head.tree_size
    assert proof["tree_head"]["root_hash"] == bytes(head.root_hash).hex()
    assert proof["public_key"]["key"] == public_key_base64(signing_key().public_key())
    assert verify_bundle(proof, public_key=signing_key().public_key()).ok
    first = client.get(f"{API}archive-records/{record.pk}/proof/", {"version": 1}).json()
    assert first["leaf_index"] == record.versions.get(number=1).leaf.index
    tombstone = client.get(f"{API}archive-records/{records['300'].pk}/proof/", {"tombstone": 1}).json()
    assert tombstone["leaf_index"] == records["300"].tombstone.leaf.index
    assert verify_bundle(tombstone, public_key=signing_key().public_key()).ok
    assert client.get(f"{API}archive-records/{record.pk}/proof/", {"version": 9}).status_code == 404
    assert client.get(f"{API}archive-records/{records['100'].pk}/proof/", {"tombstone": 1}).status_code == 404


def test_tree_heads_latest_and_a_consistency_proof_between_two(client_as, account, records):
    from socialgov.archive.services.log import signing_key

    first = SignedTreeHeadRecord.objects.order_by("-tree_size").first()
    ingest_snapshots(account=account, snapshots=[snapshot("900", text="Later")])
    second = tree_head_sign()
    client = client_as("employee")
    latest = client.get(f"{API}archive-tree-heads/latest/").json()
    assert latest["id"] == second.pk and latest["tree_size"] == first.tree_size + 1
    assert latest["signature"] == bytes(second.signature).hex()
    bundle = client.get(f"{API}archive-tree-heads/consistency/", {"first": first.pk, "second": second.pk}).json()
    assert bundle["type"] == "consistency" and verify_bundle(bundle, public_key=signing_key().public_key()).ok
    backwards = client.get(f"{API}archive-tree-heads/consistency/", {"first": second.pk, "second": first.pk})
    assert backwards.status_code == 400 and "no larger than the second" in backwards.json()["first"][0]
    assert client.get(f"{API}archive-tree-heads/consistency/", {"first": "a"}).status_code == 400


def test_outsiders_see_no_record_and_no_import(client_as, account, records):
    ImportJob.objects.create(account=account, source_name="x.zip", source_path="/x")
    client = client_as("outsider")
    listed = client.get(f"{API}archive-records/").json()
    assert (listed["results"] if isinstance(listed, dict) else listed) == []
    assert client.get(f"{API}archive-records/{records['100'].pk}/").status_code == 404
    assert client.get(f"{API}archive-records/{records['100'].pk}/proof/").status_code == 404
    imports = client.get(f"{API}archive-imports/").json()
    assert (imports["results"] if isinstance(imports, dict) else imports) == []
    assert Record.objects.count() == len(records)
