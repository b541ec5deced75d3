"""socialgov settings: one file, every value from the environment (see docs/configuration.md).

Development runs with no configuration at all: SQLite under ``SOCIALGOV_DATA_DIR``, console
email, a secret key generated once into the data directory. With ``DEBUG`` off the app refuses
to start on a default secret or an empty ``ALLOWED_HOSTS``.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SOCIALGOV_DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", True)


def _development_secret(name: str) -> str:
    """A random secret kept in the data directory, for development only."""
    path = DATA_DIR / f".{name}"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = env_str("SECRET_KEY") or ""
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG:
    if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 40:
        raise ImproperlyConfigured(
            "DEBUG is off and SECRET_KEY is missing, a default, or shorter than 40 characters: "
            "set SECRET_KEY or SECRET_KEY_FILE to a long random value."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DEBUG is off and ALLOWED_HOSTS is empty: set ALLOWED_HOSTS to the host names "
            "this server answers to (comma-separated)."
        )
SECRET_KEY = SECRET_KEY or _development_secret("secret_key")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "socialgov.core",
    "socialgov.agencies",
    "socialgov.policies",
    "socialgov.accounts",
    "socialgov.accounts.vault",
    "socialgov.accounts.access",
    "socialgov.classifiers",
    "socialgov.archive",
    "socialgov.archive.search",
    "socialgov.moderation",
    "socialgov.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "socialgov.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "socialgov" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "socialgov.core.context_processors.navigation_context",
            ],
        },
    }
]

# Database: SQLite in WAL mode by default, PostgreSQL (or any) from DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'socialgov.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The page size a new database file is created with (SQLite's default is 4,096 bytes); a file that
    # exists keeps its own. At 8,192 a write of the archive's ingest commits and checkpoints half as
    # many pages: 8,899 to 9,654 items/s at 1,000,000 items (docs/benchmarks.md). It comes first:
    # switching to WAL creates the file.
    SQLITE_PAGE_SIZE = env_int("SQLITE_PAGE_SIZE", 8192)
    if SQLITE_PAGE_SIZE not in {1 << bits for bits in range(9, 17)}:
        raise ImproperlyConfigured(f"SQLITE_PAGE_SIZE={SQLITE_PAGE_SIZE}: expected a power of two from 512 to 65536")
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait instead of
        # failing with "database is locked" half-way through a transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # A page cache of SQLITE_CACHE_MIB per connection (SQLite's default is 2 MiB): an archive's
        # indexes outgrow 2 MiB early, and the ingest then reads its own pages back from the OS.
        "init_command": f"PRAGMA page_size={SQLITE_PAGE_SIZE}; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                        f"PRAGMA foreign_keys=ON; PRAGMA cache_size=-{env_int('SQLITE_CACHE_MIB', 64) * 1024};",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: lock an account+address pair out after repeated failures.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("SESSION_MINUTES", 8 * 60) * 60
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# USWDS and htmx come from their npm packages (package.json), served by the app: no CDN.
STATICFILES_DIRS = [
    ("uswds", BASE_DIR / "node_modules" / "@uswds" / "uswds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": DATA_DIR / "media"}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "socialgov@localhost")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Background work: Django's tasks API; the database backend and its worker by default.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "socialgov.core.api_auth.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "socialgov API",
    "DESCRIPTION": "Registry, governance and records of an agency's official social media.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# Where the requirement catalogue and the last test results are read from.
SHARED_DIR = Path(env_str("SOCIALGOV_SHARED_DIR") or BASE_DIR.parent / "shared")
JUNIT_XML = Path(env_str("SOCIALGOV_JUNIT_XML") or DATA_DIR / "junit.xml")

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "socialgov.core.logging.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["request"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Credential vault (socialgov.accounts.vault; see docs/vault.md) -------------------------
# Keys that encrypt account credentials at rest, newest first (VAULT_KEYS, comma-separated, or
# VAULT_KEYS_FILE with one key per line). The newest encrypts; older ones only decrypt until
# `socialgov vault rotate` has moved everything onto the newest. In development a key is
# generated once into the data directory; with DEBUG off the app refuses to start without one.
from socialgov.accounts.vault.keyring import development_key, parse_keys  # noqa: E402

VAULT_KEYS = parse_keys(env_str("VAULT_KEYS") or "")
if not VAULT_KEYS and not DEBUG:
    raise ImproperlyConfigured(
        "DEBUG is off and VAULT_KEYS is not set: the credential vault needs a key to encrypt account "
        "credentials. Make one with `socialgov vault genkey` and set VAULT_KEYS or VAULT_KEYS_FILE.")
VAULT_KEYS = VAULT_KEYS or [development_key(DATA_DIR / ".vault_key")]
# KY-03 defaults when the policy pack in force says nothing: the shortest password accepted
# (NIST SP 800-63B: 15 for a password used on its own) and the days between scheduled changes.
VAULT_PASSWORD_MIN_LENGTH = env_int("VAULT_PASSWORD_MIN_LENGTH", 15)
VAULT_ROTATION_DAYS = env_int("VAULT_ROTATION_DAYS", 365)

# --- Records archive (socialgov.archive; see docs/importers.md, docs/verifying-records.md) ---
# Blobs (raw payloads and media) are stored once each, named by SHA-256, through the storage
# STORAGES["archive"]: by default files under the data directory (blobs/ab/cd/<sha256>). For
# S3-compatible object storage install django-storages and set ARCHIVE_STORAGE_BACKEND to
# "storages.backends.s3.S3Storage" with its options in ARCHIVE_STORAGE_OPTIONS (JSON), e.g.
# {"bucket_name": "records", "endpoint_url": "https://s3.example.gov"}; turn on the bucket's
# object lock / versioning so that blobs stay write-once there too.
import json as _json  # noqa: E402

STORAGES["archive"] = {
    "BACKEND": env_str("ARCHIVE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    "OPTIONS": _json.loads(env_str("ARCHIVE_STORAGE_OPTIONS") or "null") or {"location": DATA_DIR / "archive"},
}
# The Ed25519 key that signs the transparency log's tree heads (PEM; ARCHIVE_SIGNING_KEY or
# ARCHIVE_SIGNING_KEY_FILE). Make one with `python -c "from socialgov.archive.transparency import *;
# print(private_key_pem(generate_signing_key()).decode())"`. In development a key is generated once
# into the data directory; with DEBUG off the app refuses to start without one.
from socialgov.archive.transparency.signing import (  # noqa: E402
    KeyFormatError,
    generate_signing_key,
    load_private_key,
    private_key_pem,
)

ARCHIVE_SIGNING_KEY = env_str("ARCHIVE_SIGNING_KEY") or ""
if not ARCHIVE_SIGNING_KEY and not DEBUG:
    raise ImproperlyConfigured(
        "DEBUG is off and ARCHIVE_SIGNING_KEY is not set: the records archive signs its transparency log "
        "with it. Set ARCHIVE_SIGNING_KEY or ARCHIVE_SIGNING_KEY_FILE to an Ed25519 private key (PEM).")
if not ARCHIVE_SIGNING_KEY:
    _key_path = DATA_DIR / ".archive_signing_key.pem"
    if not _key_path.exists():
        _key_path.write_bytes(private_key_pem(generate_signing_key()))
        _key_path.chmod(0o600)
    ARCHIVE_SIGNING_KEY = _key_path.read_text(encoding="ascii")
try:
    load_private_key(ARCHIVE_SIGNING_KEY)
except (KeyFormatError, ValueError):
    # Name the setting, never the value: the value is a private key.
    raise ImproperlyConfigured("ARCHIVE_SIGNING_KEY is not an Ed25519 private key in PEM form") from None
# Names this log in its signed tree heads (printable ASCII, no spaces), e.g. "records.example.gov".
ARCHIVE_LOG_ID = env_str("ARCHIVE_LOG_ID", "")
# Items committed together: a batch lands whole or not at all, and an import resumes after the last one.
ARCHIVE_IMPORT_BATCH_SIZE = env_int("ARCHIVE_IMPORT_BATCH_SIZE", 2000)
# SQLite only: during an import the write-ahead log is copied back every this many pages (64 MiB),
# not SQLite's 1,000; 0 keeps SQLite's default.
ARCHIVE_IMPORT_SQLITE_WAL_PAGES = env_int("ARCHIVE_IMPORT_SQLITE_WAL_PAGES", 16384)
# PostgreSQL only: an ingest that added at least this many record versions refreshes the planner's statistics
# of the archive's tables when it ends (ANALYZE), as PostgreSQL advises after loading data; 0 never does.
ARCHIVE_ANALYZE_AFTER_VERSIONS = env_int("ARCHIVE_ANALYZE_AFTER_VERSIONS", 10_000)
# A running import with no committed batch for this many seconds was left by a killed process:
# `socialgov archive sweep-jobs` (or its task) marks it failed so it can be resumed.
ARCHIVE_IMPORT_STALE_AFTER = env_int("ARCHIVE_IMPORT_STALE_AFTER", 30 * 60)
# The largest export file a person may upload from the web (bytes); larger ones: the import command.
ARCHIVE_UPLOAD_MAX_BYTES = env_int("ARCHIVE_UPLOAD_MAX_BYTES", 2 * 1024**3)
