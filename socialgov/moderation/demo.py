"""Demo data for moderation: on each agency's demo account (the archive's), three residents' comments
are captured like any import — one with a phone number and an insult, one that may report child
neglect (urgent), one spam link — and classified into cases; the first is removed by a moderator, so
the queue, a preserved copy and the transparency report all have something to show.

Idempotent: an account that has the demo comments already is left alone.
"""

from __future__ import annotations

from datetime import timedelta

from socialgov.agencies.models import Agency
from socialgov.archive.capture import Author, ItemKind
from socialgov.archive.demo import CAPTURED, _snapshot, demo_account
from socialgov.archive.services import ingest_snapshots
from socialgov.moderation import selectors, services
from socialgov.moderation.models import Case

COMMENTS = [
    ("demo-2001", Author("resident-451", "casey_b", "Casey B."),
     "Call me at (419) 555-0134 if you want the truth, you are a pathetic idiot."),
    ("demo-2002", Author("resident-522", "sam_t", "Sam T."),
     "My neighbor beats her kids every night and they are left alone, someone needs to check on them."),
    ("demo-2003", Author("resident-777", "dealz4u", "Dealz"),
     "Make money fast from home!!! Click here https://get-rich.example.com/now free giveaway"),
]


def build(*, agency: Agency, pack=None, prefix: str = "") -> None:
    account = demo_account(agency)
    if account is None or account.records.filter(platform_item_id="demo-2001").exists():
        return
    if not account.records.filter(platform_item_id="demo-1001").exists():
        return  # the archive's demo post is what the comments answer
    snapshots = [_snapshot(account, item_id, text, author=author, days_ago=2 - n * 0.1, kind=ItemKind.COMMENT,
                           parent_id="demo-1001", root_id="demo-1001", captured_at=CAPTURED + timedelta(days=1))
                 for n, (item_id, author, text) in enumerate(COMMENTS)]
    ingest_snapshots(account=account, snapshots=snapshots)
    ids = list(account.records.filter(platform_item_id__in=[c[0] for c in COMMENTS]).values_list("pk", flat=True))
    # A worker may classify them too; classifying twice adds nothing.
    services.records_classify(account_id=account.pk, record_ids=ids)
    case = Case.objects.filter(record__platform_item_id="demo-2001", record__account=account).first()
    moderator = selectors.moderators_of(account).order_by("pk").first()
    if case is not None and moderator is not None and not case.decisions.exists():
        category = "pii" if "pii" in case.categories else case.categories[0]
        services.case_decide(actor=moderator, case=case, kind="remove", category=category,
                             reason="Demo: a private phone number and a personal attack.", notify_author=True,
                             author_notice=f"Your comment on {account.name} was removed: it included a phone "
                                           "number and a personal attack, which the posted policy does not allow.")
