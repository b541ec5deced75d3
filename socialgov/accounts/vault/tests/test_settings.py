"""The vault's keys come from settings; production refuses to start without one (KY-02)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[4]
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "s" * 60, "ALLOWED_HOSTS": "social.example.gov"}
KEY, OLDER = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _settings(tmp_path, **env) -> subprocess.CompletedProcess:
    keep = {k: v for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL", "VAULT_KEYS", "VAULT_KEYS_FILE"}}
    keep |= {"SOCIALGOV_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.conf import settings;"
                           "print(len(settings.VAULT_KEYS), settings.VAULT_PASSWORD_MIN_LENGTH, "
                           "settings.VAULT_ROTATION_DAYS)"],
                          cwd=ROOT, env=keep, capture_output=True, text=True, timeout=60)


@pytest.mark.requirement("KY-02")
def test_production_refuses_to_start_without_a_vault_key(tmp_path):
    result = _settings(tmp_path, **PRODUCTION)
    assert result.returncode != 0
    assert "DEBUG is off and VAULT_KEYS is not set" in result.stderr and "socialgov vault genkey" in result.stderr
    assert not (tmp_path / ".vault_key").exists(), "no key is made up in production"


# Other apps have production requirements of their own, so these run in development mode: a
# configured key is used as it is, and no development key is made.
def test_keys_come_from_the_environment_newest_first(tmp_path):
    result = _settings(tmp_path, VAULT_KEYS=f"{KEY},{OLDER}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:1] == ["2"]
    assert not (tmp_path / ".vault_key").exists()


def test_keys_can_come_from_a_file_one_per_line(tmp_path):
    keys = tmp_path / "vault-keys"
    keys.write_text(f"{KEY}\n{OLDER}\n", encoding="ascii")
    result = _settings(tmp_path, VAULT_KEYS_FILE=str(keys))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:1] == ["2"]
    assert not (tmp_path / ".vault_key").exists()


def test_a_bad_key_is_named_by_position_not_printed(tmp_path):
    result = _settings(tmp_path, VAULT_KEYS=f"{KEY},{KEY[:-4]}")
    assert result.returncode != 0 and "VAULT_KEYS: key #2 is not a vault key" in result.stderr
    assert KEY[:-4] not in result.stderr


def test_development_generates_a_key_once_into_the_data_directory(tmp_path):
    first = _settings(tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == ["1", "15", "365"]
    key = (tmp_path / ".vault_key").read_text()
    assert _settings(tmp_path).returncode == 0 and (tmp_path / ".vault_key").read_text() == key


def test_password_length_and_rotation_defaults_are_settings(tmp_path):
    result = _settings(tmp_path, VAULT_PASSWORD_MIN_LENGTH="20", VAULT_ROTATION_DAYS="90")
    assert result.stdout.split() == ["1", "20", "90"]
