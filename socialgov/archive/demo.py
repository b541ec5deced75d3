"""Demo data for the records archive: one active account per agency gets a small, realistic history —
a post with a resident's comment and the agency's reply, an edit of the post (two versions), a post
deleted on the platform (a tombstone, content kept) and a post whose photo was missing from the
export. Ingested through ``ingest_snapshots`` like any import, then a tree head is signed.

Idempotent: an account that has the demo records already is left alone.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from socialgov.accounts.models import Account
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.models import Agency
from socialgov.archive.capture import PLATFORMS, Author, CaptureSource, ItemKind, ItemSnapshot, MediaRef, RawPayload
from socialgov.archive.services import ingest_snapshots, tree_head_sign

CAPTURED = datetime(2026, 6, 2, 9, 0, tzinfo=UTC)
SOURCE = CaptureSource("demo", "1", "socialgov demo")


def _snapshot(account: Account, item_id: str, text: str, *, author: Author | None = None, days_ago: float = 5,
              **changes) -> ItemSnapshot:
    handle = (account.handle or "agency").lstrip("@")
    author = author or Author(f"acct-{account.pk}", handle, account.name)
    created = CAPTURED - timedelta(days=days_ago)
    payload = {"id": item_id, "text": text, "author": author.handle, "created_at": created.isoformat(),
               **{k: str(v) for k, v in changes.items() if k in ("parent_id", "edited_at", "deleted_at")}}
    base = ItemSnapshot(
        platform=account.platform, account_id=f"acct-{account.pk}", account_handle=handle, item_id=item_id,
        kind=ItemKind.POST, author=author, created_at=created, captured_at=CAPTURED,
        raw=RawPayload.of(json.dumps(payload, indent=1).encode(), media_type="application/json",
                          file="demo/items.json", locator=item_id),
        source=SOURCE, text=text, markup=text, markup_format="", links=tuple(
            word for word in text.split() if word.startswith("https://")),
        hashtags=tuple(word[1:].rstrip(".") for word in text.split() if word.startswith("#")), language="en")
    return replace(base, **changes) if changes else base


def demo_snapshots(account: Account) -> list[ItemSnapshot]:
    """The account's history, oldest capture first: what an export (or two) would give."""
    resident = Author("resident-318", "jordan_r", "Jordan R.")
    meals = "Summer meal sites open Monday at 12 locations. Find one near you: https://example.gov/meals #SummerMeals"
    post = _snapshot(account, "demo-1001", meals, days_ago=6)
    edited = replace(_snapshot(account, "demo-1001", meals.replace("12 locations", "13 locations, including "
                                                                  "Eastside Library"), days_ago=6),
                     edited_at=CAPTURED - timedelta(days=5, hours=20))
    comment = _snapshot(account, "demo-1002", "Is the Eastside library one of the sites? My kids go there.",
                        author=resident, days_ago=5.9, kind=ItemKind.COMMENT, parent_id="demo-1001",
                        root_id="demo-1001")
    reply = _snapshot(account, "demo-1003", "Yes! Eastside Library serves lunch 11:30-1:00 on weekdays.",
                      days_ago=5.8, kind=ItemKind.REPLY, parent_id="demo-1002", root_id="demo-1001")
    closed = _snapshot(account, "demo-1004", "Offices are closed Friday. Online services stay open.", days_ago=4)
    deleted = replace(closed, deleted=True, deleted_at=CAPTURED - timedelta(days=3))
    photo = _snapshot(account, "demo-1005", "Thank you to everyone who came to the youth job fair today!",
                      days_ago=2, media=(MediaRef(reference="demo/media/job-fair.jpg", content_type="image/jpeg",
                                                  alt_text="Students talking with employers at tables",
                                                  present=False),))
    return [post, comment, reply, closed, photo, edited, deleted]


def demo_account(agency: Agency) -> Account | None:
    return Account.objects.filter(agency=agency, status=AccountStatus.ACTIVATED,
                                  platform__in=PLATFORMS).order_by("pk").first()


def build(*, agency: Agency, pack=None, prefix: str = "") -> None:
    account = demo_account(agency)
    if account is None or account.records.filter(platform_item_id="demo-1001").exists():
        return
    snapshots = demo_snapshots(account)
    # The first export, then a later one that shows the edit and the deletion.
    ingest_snapshots(account=account, snapshots=snapshots[:5])
    ingest_snapshots(account=account, snapshots=snapshots[5:])
    tree_head_sign()
