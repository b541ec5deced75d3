"""Signing in: Django's password validators, and a pause after repeated failures."""

from __future__ import annotations

from django.test import override_settings

from socialgov.core.personas import DEMO_PASSWORD


def _attempt(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR="198.51.100.7")


def test_correct_password_signs_in(client, world):
    response = _attempt(client, "t-pio", DEMO_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"


def test_wrong_password_is_refused_with_a_message(client, world):
    response = _attempt(client, "t-pio", "not-the-password")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_pause_sign_in_even_with_the_right_password(client, world):
    for _ in range(3):
        _attempt(client, "t-pio", "guess-guess-guess")
    response = _attempt(client, "t-pio", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()


def test_pages_need_sign_in(client, world):
    response = client.get("/agencies/test-agency/people/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_logout_needs_post(client_as):
    client = client_as("pio")
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302
