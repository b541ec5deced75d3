"""Permission matrix for the archive search pages, saved searches, confidential labels and the search API."""

from __future__ import annotations

import pytest

from socialgov.archive.models import Record
from socialgov.archive.search.services import SearchQuery, saved_search_create
from socialgov.archive.search.tests.conftest import day, ingest, item
from socialgov.archive.services.labels import record_label_add
from socialgov.archive.tests.conftest import make_account
from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix

MEMBERS = set(PERSONA_KEYS)
LABELLERS = {"records_officer", "agency_head"}  # who may see confidential records (default)
S = "archive/search"


def _record(w) -> Record:
    account = make_account(w)
    ingest(account, item("1", "The pool opens Monday", day(2026, 1, 10)))
    return Record.objects.get(account=account)


def _saved(w, rest: str = "") -> str:
    _record(w)
    saved = saved_search_create(actor=w.user("employee"), agency=w.agency, name="Pool", query=SearchQuery(text="pool"))
    return w.agency_url(f"{S}/saved/{saved.pk}/{rest}")


def _labelled(w) -> str:
    record = _record(w)
    record_label_add(actor=w.user("records_officer"), record=record, reason="Case information")
    return w.agency_url(f"{S}/records/{record.pk}/unlabel/")


def _label_row(name, url) -> Row:
    return Row(name, url, LABELLERS, method="post", ok=302, data={"reason": "Case information"}, outsider=404)


ROWS = [
    Row("archive-search", lambda w: w.agency_url(f"{S}/"), MEMBERS, outsider=404),
    Row("archive-search", lambda w: (_record(w), w.agency_url(f"{S}/?q=pool&deleted=exclude"))[1], MEMBERS,
        outsider=404),
    Row("archive-search-save", lambda w: (_record(w), w.agency_url(f"{S}/save/"))[1], MEMBERS, method="post",
        ok=302, data={"q": "pool", "name": "Pool request"}, outsider=404),
    Row("archive-saved-searches", lambda w: w.agency_url(f"{S}/saved/"), MEMBERS, outsider=404),
    Row("archive-saved-search", _saved, MEMBERS, outsider=404),
    Row("archive-saved-search-rerun", lambda w: _saved(w, "rerun/"), MEMBERS, method="post", ok=302, outsider=404),
    _label_row("archive-record-label", lambda w: w.agency_url(f"{S}/records/{_record(w).pk}/label/")),
    # A confidential record is invisible (404) to all but the roles that may see it (default: records
    # officer, agency head), and they may lift the label.
    Row("archive-record-unlabel", _labelled, LABELLERS, method="post", ok=302,
        data={"reason": "Case closed"}, denied=404, outsider=404),
]

API = "/api/v1/"
API_ROWS = [
    Row("api-archive-search-list", lambda w: (_record(w), f"{API}archive-search/?q=pool&date_from=2026-01-01")[1],
        MEMBERS | {"outsider"}, anonymous=401),
    Row("api-saved-search-list", lambda w: f"{API}saved-searches/", MEMBERS | {"outsider"}, anonymous=401),
    Row("api-saved-search-detail", lambda w: API + _saved(w).split(f"{S}/")[1].replace("saved/", "saved-searches/"),
        MEMBERS, denied=404, outsider=404, anonymous=401),
    Row("api-saved-search-rerun", lambda w: API + _saved(w, "rerun/").split(f"{S}/")[1].replace(
        "saved/", "saved-searches/"), MEMBERS, method="post", ok=201, denied=404, outsider=404, anonymous=401),
]


@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, row):
    assert_matrix(client, world, [row])
