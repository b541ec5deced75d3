"""Project-wide test setup: requirement traceability, personas, browser."""

from __future__ import annotations

import os
import shutil

import pytest

from socialgov.core.testing import World, build_world

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_configure(config):
    from django.conf import settings

    # Fast hashing: tests create dozens of sign-ins; production keeps Django's default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def pytest_collection_modifyitems(items):
    """Record each ``requirement`` marker in the JUnit XML, for ``socialgov requirements``."""
    for item in items:
        for marker in item.iter_markers("requirement"):
            for req_id in marker.args:
                item.user_properties.append(("requirement", req_id))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_world()


@pytest.fixture
def world(db) -> World:
    """The test agency with one person per role, and an outsider from another agency."""
    return build_world()


@pytest.fixture
def client_as(client, world):
    def login(persona: str):
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return login


# --- browser -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI and was not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' to run browser tests")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()
