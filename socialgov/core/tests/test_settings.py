"""Settings come from the environment; production refuses to start on unsafe defaults."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _import_settings(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL"}}
    clean |= {"SOCIALGOV_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.conf import settings;"
                           "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.DATABASES['default']['ENGINE'])"],
                          cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def test_production_refuses_a_missing_secret_key(tmp_path):
    result = _import_settings(tmp_path, DEBUG="false", ALLOWED_HOSTS="social.example.gov")
    assert result.returncode != 0
    assert "SECRET_KEY is missing" in result.stderr


def test_production_refuses_the_django_insecure_default(tmp_path):
    result = _import_settings(tmp_path, DEBUG="0", ALLOWED_HOSTS="social.example.gov",
                              SECRET_KEY="django-insecure-" + "x" * 50)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_refuses_empty_allowed_hosts(tmp_path):
    result = _import_settings(tmp_path, DEBUG="off", SECRET_KEY="s" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is empty" in result.stderr


def test_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("f" * 64 + "\n")
    result = _import_settings(tmp_path, DEBUG="false", SECRET_KEY_FILE=str(secret), ALLOWED_HOSTS="a.example.gov",
                              VAULT_KEYS="2fGqJd3wG6sYVbq5oZq0Q7m1Hc9n8xK4rT6uW2yA1bE=",  # production needs one too
                              ARCHIVE_SIGNING_KEY="-----BEGIN PRIVATE KEY-----\n"  # and the archive's log key
                              "MC4CAQAwBQYDK2VwBCIEIHp3dazRieHvAOFzLVaXRez+h4rASesGcEDIVnI4h65a\n"
                              "-----END PRIVATE KEY-----\n")
    assert result.returncode == 0, result.stderr
    assert "False ['a.example.gov']" in result.stdout


def test_unreadable_secret_file_is_named(tmp_path):
    result = _import_settings(tmp_path, SECRET_KEY_FILE=str(tmp_path / "nope"))
    assert result.returncode != 0 and "SECRET_KEY_FILE" in result.stderr and "nope" in result.stderr


def test_bad_boolean_is_named(tmp_path):
    result = _import_settings(tmp_path, DEBUG="maybe")
    assert result.returncode != 0 and "DEBUG='maybe'" in result.stderr


@pytest.mark.parametrize(("url", "engine"), [
    ("", "sqlite3"), ("postgres://u@127.0.0.1:5432/x", "postgresql")])
def test_database_comes_from_database_url(tmp_path, url, engine):
    result = _import_settings(tmp_path, **({"DATABASE_URL": url} if url else {}))
    assert result.returncode == 0, result.stderr
    assert engine in result.stdout


def _sqlite_page_size(tmp_path, **env) -> subprocess.CompletedProcess:
    """Opens the default database (creating its file) in a fresh process; prints its page size and journal."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PAGE_SIZE"}}
    clean |= {"SOCIALGOV_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.db import connection;"
                           "cursor = connection.cursor(); cursor.execute('CREATE TABLE IF NOT EXISTS t (x)');"
                           "print(cursor.execute('PRAGMA page_size').fetchone()[0],"
                           " cursor.execute('PRAGMA journal_mode').fetchone()[0])"],
                          cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def test_a_new_sqlite_database_gets_the_configured_page_size_and_an_existing_one_keeps_its_own(tmp_path):
    assert _sqlite_page_size(tmp_path / "default").stdout.split() == ["8192", "wal"]
    created = _sqlite_page_size(tmp_path / "small", SQLITE_PAGE_SIZE="4096")
    assert created.stdout.split() == ["4096", "wal"], created.stderr
    # A file in WAL mode keeps the page size it was made with: the setting never rewrites a database.
    assert _sqlite_page_size(tmp_path / "small", SQLITE_PAGE_SIZE="16384").stdout.split() == ["4096", "wal"]


def test_a_page_size_sqlite_cannot_use_is_named(tmp_path):
    result = _sqlite_page_size(tmp_path, SQLITE_PAGE_SIZE="5000")
    assert result.returncode != 0
    assert "SQLITE_PAGE_SIZE=5000" in result.stderr and "power of two" in result.stderr
