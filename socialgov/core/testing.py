"""Test helpers used by every app: the persona world, the permission matrix, axe checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from socialgov.agencies.models import Agency
from socialgov.core.personas import PERSONAS, build_agency, username

MAIN = {"name": "Test County Social Services", "slug": "test-agency", "prefix": "t"}
OTHER = {"name": "Other County", "slug": "other-agency", "prefix": "o"}
PERSONA_KEYS = [p.key for p in PERSONAS]
ALL_PERSONAS = [*PERSONA_KEYS, "outsider", "anonymous"]


@dataclass
class World:
    agency: Agency
    other: Agency

    def user(self, persona: str):
        if persona == "anonymous":
            return None
        if persona == "outsider":
            return get_user_model().objects.get(username=f"{OTHER['prefix']}-employee")
        spec = next(p for p in PERSONAS if p.key == persona)
        return get_user_model().objects.get(username=username(MAIN["prefix"], spec))

    def person(self, persona: str):
        return self.user(persona).person

    def dept(self, slug: str):
        return self.agency.departments.get(slug=slug)

    def agency_url(self, rest: str = "") -> str:
        return f"/agencies/{self.agency.slug}/{rest}"


def build_world() -> World:
    return World(agency=build_agency(**MAIN), other=build_agency(**OTHER))


# --- permission matrix ----------------------------------------------------------------------

@dataclass
class Row:
    """One page or endpoint: how to build its URL, the method, and who may use it."""

    name: str
    url: Callable[[World], str]
    allowed: set[str]
    method: str = "get"
    data: dict | Callable[[World], dict] | None = None
    ok: int = 200
    denied: int = 403
    outsider: int | None = None     # default: 404 for agency pages (not visible), else denied
    anonymous: int = 302
    overrides: dict[str, int] = field(default_factory=dict)

    def expected(self) -> dict[str, int]:
        table = {key: (self.ok if key in self.allowed else self.denied) for key in PERSONA_KEYS}
        table["outsider"] = self.ok if "outsider" in self.allowed else (self.outsider or self.denied)
        table["anonymous"] = self.anonymous
        return table | self.overrides


def assert_matrix(client, world: World, rows: list[Row]) -> None:
    mismatches = [line for row in rows for line in run_matrix_row(client, world, row)]
    assert not mismatches, "permission matrix differs:\n" + "\n".join(mismatches)


def run_matrix_row(client, world: World, row: Row) -> list[str]:
    """Request the row's URL as every persona; each request is rolled back so one persona's
    successful POST cannot change what the next one sees. Returns the mismatches."""
    mismatches = []
    for persona, expected in row.expected().items():
        client.logout()
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        with transaction.atomic():
            data = row.data(world) if callable(row.data) else row.data
            response = getattr(client, row.method)(row.url(world), data or {})
            transaction.set_rollback(True)
        if response.status_code != expected:
            mismatches.append(f"{row.method.upper()} {row.name} as {persona}: expected {expected}, "
                              f"got {response.status_code}")
    return mismatches


# --- accessibility --------------------------------------------------------------------------

def axe_violations(page) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) in the page; one line per violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    lines = []
    for violation in results.response["violations"]:
        targets = [" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                   for node in violation["nodes"]]
        lines.append(f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} — "
                     f"{', '.join(targets[:5])}")
    return lines


# --- browser tests ---------------------------------------------------------------------------

def sign_in(page, username: str, password: str | None = None) -> None:
    """Sign in through the real form, as a person does (demo personas share one password)."""
    from socialgov.core.personas import DEMO_PASSWORD

    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Sign in").click()


def assert_axe_clean(page) -> None:
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
