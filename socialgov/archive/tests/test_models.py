"""The archive's models keep records: no delete path, one record per item, one entry per log leaf."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from socialgov.archive.models import LogLeaf, Record, RecordVersion
from socialgov.archive.services import ingest_snapshots
from socialgov.archive.tests.conftest import snapshot
from socialgov.archive.transparency import private_key_pem
from socialgov.archive.transparency.signing import generate_signing_key

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def record(account) -> Record:
    ingest_snapshots(account=account, snapshots=[snapshot("1", deleted=True)])
    return Record.objects.get()


@pytest.mark.django_db
def test_a_record_with_versions_cannot_be_deleted(record):
    with pytest.raises(ProtectedError):
        record.delete()


@pytest.mark.django_db
def test_an_account_with_records_cannot_be_deleted(record):
    with pytest.raises(ProtectedError):
        record.account.delete()


@pytest.mark.django_db
def test_a_version_in_the_log_cannot_be_deleted(record):
    with pytest.raises(ProtectedError):
        RecordVersion.objects.get().delete()


@pytest.mark.django_db
def test_an_item_is_one_record_per_account(record):
    with pytest.raises(IntegrityError), transaction.atomic():
        Record.objects.create(account=record.account, platform="x", platform_item_id="1", kind="post",
                              first_captured_at=record.first_captured_at, last_captured_at=record.last_captured_at)


@pytest.mark.django_db
def test_a_log_leaf_names_exactly_one_version_or_tombstone(record):
    with pytest.raises(IntegrityError), transaction.atomic():
        LogLeaf.objects.create(index=99, leaf_hash=bytes(32), version=None, tombstone=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        LogLeaf.objects.create(index=99, leaf_hash=bytes(32), version=record.current_version,
                               tombstone=record.tombstone)


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ARCHIVE_", "DEBUG"))}
    environment = {**base, "SOCIALGOV_DATA_DIR": str(tmp_path), "DEBUG": "false", "SECRET_KEY": "s" * 50,
                   "ALLOWED_HOSTS": "records.example.gov", "VAULT_KEYS": Fernet.generate_key().decode(), **env}
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup()"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_signing_key(tmp_path):
    refused = start(tmp_path)
    assert refused.returncode != 0 and "ARCHIVE_SIGNING_KEY is not set" in refused.stderr
    key_file = tmp_path / "log.pem"
    key_file.write_bytes(private_key_pem(generate_signing_key()))
    assert start(tmp_path, ARCHIVE_SIGNING_KEY_FILE=str(key_file)).returncode == 0
    assert not (tmp_path / ".archive_signing_key.pem").exists()


def test_a_malformed_signing_key_is_refused_without_showing_it(tmp_path):
    refused = start(tmp_path, ARCHIVE_SIGNING_KEY="not-a-key-but-maybe-a-secret")
    assert refused.returncode != 0 and "ARCHIVE_SIGNING_KEY is not an Ed25519 private key" in refused.stderr
    assert "not-a-key-but-maybe-a-secret" not in refused.stderr
