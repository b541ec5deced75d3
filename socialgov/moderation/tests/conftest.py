"""Fixtures for moderation: a pack in force, an active account, comments captured through the archive."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from socialgov.accounts.models import Account, AdministratorDesignation
from socialgov.accounts.workflows import AccountStatus
from socialgov.archive.capture import Author, CaptureSource, ItemKind, ItemSnapshot, RawPayload
from socialgov.archive.models import Record
from socialgov.archive.services.ingest import ingest_snapshots
from socialgov.core.testing import World
from socialgov.moderation.models import Case
from socialgov.policies.packlib import load_pack
from socialgov.policies.services import pack_adopt

CAPTURED = datetime(2026, 3, 6, 13, 15, tzinfo=UTC)
PHONE_AND_INSULT = "Call me at (419) 555-0134, you are a pathetic idiot."
CHILD_ABUSE = "My neighbor beats her kids every night, someone needs to check on them at 12 Elm St"
CLEAN = "Great summer program, thanks!"
# Off topic for "News of youth programs." and nothing else (a German reply, as in an imported X archive).
OFF_TOPIC = "Mein Hund spielt gerne draussen im Garten mit seinem Ball und seinen Freunden am Nachmittag"
LINK_ONLY = "More at https://example.org/info"


@pytest.fixture(autouse=True)
def blob_dir(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "archive": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "archive"}}}
    return tmp_path / "archive"


def adopt(world: World, name: str, **moderation):
    """Adopt a shipped pack, with ``moderation`` keys overriding its moderation section."""
    pack = load_pack(name)
    if moderation:
        data = {**pack.data, "moderation": {**pack.data.get("moderation", {}), **moderation}}
        pack = replace(pack, data=data, sha256=hashlib.sha256(repr(sorted(moderation.items())).encode()).hexdigest())
    return pack_adopt(actor=None, agency=world.agency, pack=pack)


def make_account(world: World, name: str = "Youth Services on Facebook", agency=None) -> Account:
    agency = agency or world.agency
    account = Account.objects.create(agency=agency, department=agency.departments.get(slug="youth-services"),
                                     name=name, platform="facebook", status=AccountStatus.ACTIVATED,
                                     handle="youthservices", purpose="News of youth programs.")
    return account


def designate_admin(world: World, account: Account, persona: str = "account_administrator"):
    return AdministratorDesignation.objects.create(account=account, person=world.person(persona),
                                                   acknowledged_at=CAPTURED)


def item(item_id: str, text: str, *, kind: ItemKind = ItemKind.COMMENT, author: str = "citizen1",
         parent: str = "post-1", markup_format: str = "facebook-html") -> ItemSnapshot:
    raw = json.dumps({"id": item_id, "message": text, "from": {"id": f"id-{author}", "name": author.title()}}).encode()
    return ItemSnapshot(
        platform="facebook", account_id="42", account_handle="youthservices", item_id=item_id, kind=kind,
        author=Author(f"id-{author}", author, author.title()), created_at=CAPTURED - timedelta(hours=2),
        captured_at=CAPTURED, raw=RawPayload.of(raw, media_type="application/json", file="comments.json",
                                                locator=item_id),
        source=CaptureSource("test-comments", "1", "test"), text=text, markup=f"<p>{text}</p>",
        markup_format=markup_format, parent_id="" if kind == ItemKind.POST else parent,
        root_id="post-1")


def capture(account: Account, items: list[ItemSnapshot], django_capture_on_commit_callbacks) -> list[Record]:
    """Ingest through the archive; the tests' immediate task backend classifies in the batch's transaction
    (``archive.signals``); anything else left for after the commit runs too."""
    with django_capture_on_commit_callbacks(execute=True):
        ingest_snapshots(account=account, snapshots=items)
    return list(Record.objects.filter(account=account, platform_item_id__in=[i.item_id for i in items]))


def post(text: str = "Summer programs open Monday. Sign up at the front desk!") -> ItemSnapshot:
    return item("post-1", text, kind=ItemKind.POST, author="youthservices")


@pytest.fixture
def lccs(world):
    return adopt(world, "lucas-county-cs")


@pytest.fixture
def nj(world):
    return adopt(world, "new-jersey")


@pytest.fixture
def two_person(world):
    """New Jersey, with removals that need a second person."""
    return adopt(world, "new-jersey", removal_requires_second_person=True)


@pytest.fixture
def account(world) -> Account:
    return make_account(world)


@pytest.fixture
def capture_comments(account, django_capture_on_commit_callbacks):
    def run(*items: ItemSnapshot) -> list[Record]:
        return capture(account, list(items), django_capture_on_commit_callbacks)

    return run


def case_of(record: Record) -> Case:
    return Case.objects.get(record=record)
