"""Full-text search over the records archive, and saved searches (the basis of records requests).

``search(user, SearchQuery(...))`` is the one entry point (pages, API, benchmark, saved searches).
It sees only what ``records_visible_to(user)`` lets the user see (confidential labels included),
checks the query before touching the database (a ``SearchError`` names the field), and runs a
bounded number of queries whatever the page size: count, rows, highlights.

Words, with a date window or without one (the common cases, and the ones that must stay fast over
millions of records), are answered from the full-text index alone (``_window_page``): the index holds
each version's record creation time, account and whether it is current, so neither the count nor the
page joins every match to its record; only the page's versions are loaded. A window open at either end
is closed at the accounts' oldest or newest record. Any other filter takes the general path
(``matching_versions``), which gives the same results.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from socialgov.accounts.models import Account
from socialgov.agencies.selectors import person_of
from socialgov.archive.models import Record, RecordLabel, RecordVersion
from socialgov.archive.search.backends import NEWEST, START, STOP, backend
from socialgov.archive.search.models import SavedSearch, SavedSearchRun
from socialgov.archive.selectors import may_see_confidential, record_visibility
from socialgov.archive.workflows import RecordStatus
from socialgov.core.audit import audit_record
from socialgov.core.permissions import require

TRISTATE = ("include", "exclude", "only")
VERSIONS = ("current", "all")
ORDERS = ("newest", "relevance")
MAX_TERMS = 12
MAX_TEXT = 500
MAX_PER_PAGE = 100
# Characters that are query operators in FTS5 or tsquery and mean nothing as words.
OPERATORS = set("*^(){}")
_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')
_WORD = re.compile(r"\w")
_HIDDEN = (RecordStatus.HIDDEN, RecordStatus.REMOVED)


class SearchError(ValueError):
    """A query that cannot be run, with the field at fault and what to do about it."""

    def __init__(self, field_name: str, message: str):
        self.field = field_name
        self.message = message
        super().__init__(f"{field_name}: {message}")


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""                      # 1+ terms; phrase in quotes; terms ANDed
    account_ids: tuple[int, ...] = ()
    platforms: tuple[str, ...] = ()
    author: str = ""                    # handle or name or id
    kinds: tuple[str, ...] = ()
    date_from: date | None = None       # on Record.created_at (inclusive)
    date_to: date | None = None         # inclusive
    versions: str = "current"           # "current" or "all" (earlier versions too)
    deleted: str = "include"            # "include" | "exclude" | "only"
    edited: str = "include"             # same; edited = has more than one version
    hidden: str = "include"             # same; hidden/removed status

    def as_dict(self) -> dict:
        data = asdict(self)
        for name in ("account_ids", "platforms", "kinds"):
            data[name] = list(data[name])
        for name in ("date_from", "date_to"):
            data[name] = data[name].isoformat() if data[name] else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> SearchQuery:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for name in ("account_ids", "platforms", "kinds"):
            if name in known:
                known[name] = tuple(known[name] or ())
        for name in ("date_from", "date_to"):
            if known.get(name):
                known[name] = date.fromisoformat(known[name])
        return cls(**known)

    @property
    def has_filters(self) -> bool:
        return bool(self.account_ids or self.platforms or self.author.strip() or self.kinds or self.date_from
                    or self.date_to or "only" in (self.deleted, self.edited, self.hidden)
                    or "exclude" in (self.deleted, self.edited, self.hidden))


@dataclass(frozen=True)
class Hit:
    record: Record
    version: RecordVersion
    snippet_html: SafeString
    is_current: bool
    is_deleted: bool

    @property
    def is_hidden(self) -> bool:
        return self.record.status in _HIDDEN


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    page: int = 1
    per_page: int = 25
    terms: list[str] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def start(self) -> int:
        """The number of the page's first hit, counting from 1."""
        return (self.page - 1) * self.per_page + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


# --- checking a query -------------------------------------------------------------------------

def parse_terms(text: str) -> list[str]:
    """The words and quoted phrases of ``text``, each to be matched literally; all must match."""
    if len(text) > MAX_TEXT:
        raise SearchError("text", f"The search text is too long: at most {MAX_TEXT} characters.")
    if text.count('"') % 2:
        raise SearchError("text", 'A quotation mark is not closed: put a phrase between two " marks.')
    operators = sorted(OPERATORS & set(text))
    if operators:
        raise SearchError("text", f"{' '.join(operators)} cannot be used: search for whole words, and put a "
                                  f'phrase between " marks (every word must appear).')
    terms = []
    for phrase, word in _TERM.findall(text):
        term = " ".join((phrase or word).split())
        if _WORD.search(term):
            terms.append(term)
    if len(terms) > MAX_TERMS:
        raise SearchError("text", f"Too many words: at most {MAX_TERMS} words or phrases.")
    return terms


def check_query(query: SearchQuery) -> list[str]:
    """Refuse a query that cannot be run (naming the field); return its terms."""
    for name in ("deleted", "edited", "hidden"):
        if getattr(query, name) not in TRISTATE:
            raise SearchError(name, f"Choose one of {', '.join(TRISTATE)}.")
    if query.versions not in VERSIONS:
        raise SearchError("versions", f"Choose one of {', '.join(VERSIONS)}.")
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise SearchError("date_from", "The start date is after the end date.")
    terms = parse_terms(query.text)
    if not terms and query.text.strip():
        raise SearchError("text", "There are no words to search for: type letters or numbers.")
    if not terms and not query.has_filters:
        raise SearchError("text", "Type words to search for, or choose at least one filter.")
    return terms


# --- running it -------------------------------------------------------------------------------

def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def matching_versions(user, query: SearchQuery, *, agency=None, terms: list[str] | None = None) -> QuerySet:
    """Every version matching ``query`` that ``user`` may see (in ``agency`` when given), unordered."""
    terms = check_query(query) if terms is None else terms
    found = RecordVersion.objects.filter(record_visibility(user, "record__"))
    if agency is not None:
        found = found.filter(record__account__agency_id=agency.pk)
    if query.versions == "current":
        found = found.filter(record__current_version_id=F("pk"))
        if terms:
            # Through the record's current version, not the version's own id: SQLite would otherwise
            # carry the id list over the join condition and probe it once per row (quadratic).
            found = found.filter(record__current_version_id__in=backend().matching_ids(terms))
    elif terms:
        found = found.filter(pk__in=backend().matching_ids(terms))
    if query.account_ids:
        found = found.filter(record__account_id__in=query.account_ids)
    if query.platforms:
        found = found.filter(record__platform__in=query.platforms)
    if query.kinds:
        found = found.filter(record__kind__in=query.kinds)
    author = query.author.strip()
    if author:
        found = found.filter(Q(record__author_handle__iexact=author.lstrip("@")) | Q(record__author_id=author)
                             | Q(record__author_name__icontains=author))
    if query.date_from:
        found = found.filter(record__created_at__gte=_day_start(query.date_from))
    if query.date_to:
        found = found.filter(record__created_at__lt=_day_start(query.date_to + timedelta(days=1)))
    found = _tristate(found, query.deleted, Q(record__status=RecordStatus.DELETED))
    found = _tristate(found, query.edited, Q(record__current_version__number__gt=1))
    return _tristate(found, query.hidden, Q(record__status__in=_HIDDEN))


def _tristate(found: QuerySet, choice: str, condition: Q) -> QuerySet:
    if choice == "only":
        return found.filter(condition)
    if choice == "exclude":
        return found.exclude(condition)
    return found


def search(user, query: SearchQuery, *, page: int = 1, per_page: int = 25, agency=None,
           order: str = "newest") -> SearchResults:
    """One page of the versions matching ``query`` that ``user`` may see, newest record first
    (or by relevance), with highlighted snippets, and the total count."""
    terms = check_query(query)
    if order not in ORDERS:
        raise SearchError("order", f"Choose one of {', '.join(ORDERS)}.")
    per_page = min(max(int(per_page), 1), MAX_PER_PAGE)
    page = max(int(page), 1)
    start = (page - 1) * per_page
    fast = _window_page(user, query, terms, agency=agency, start=start, size=per_page) if order == "newest" else None
    if fast is not None:
        total, page_ids = fast
        return _results(terms, total, page_ids, page=page, per_page=per_page)
    found = matching_versions(user, query, agency=agency, terms=terms)
    total = found.count()
    # Order and cut narrow rows (ids) first, then load the page's 25 versions: sorting whole rows
    # (texts, JSON) of every match is what made large result sets slow.
    if order == "relevance" and terms:
        page_ids = backend().ranked_page(terms, found, start, per_page)
    else:
        page_ids = list(found.order_by(*NEWEST).values_list("pk", flat=True)[start:start + per_page])
    return _results(terms, total, page_ids, page=page, per_page=per_page)


_MAX_WINDOW_ACCOUNTS = 50


def _window_page(user, query: SearchQuery, terms: list[str], *, agency, start: int,
                 size: int) -> tuple[int, list[int]] | None:
    """The total and the page's version ids of a words query, with or without a date window, answered from
    the full-text index alone (see the backends' ``window_page``); None when the query needs the general
    path (other filters, too many accounts).

    A window open at either end is closed at the accounts' oldest or newest record (two seeks in the
    records' account and creation-time index per account), so the page is read from the newest days that
    hold records; with no window at all, records without a creation time come last, as on the general path."""
    if (not terms
            or query.platforms or query.kinds or query.author.strip()
            or (query.deleted, query.edited, query.hidden) != ("include",) * 3):
        return None
    accounts, confidential = None, False
    if not user.is_superuser:
        person = person_of(user)
        if person is None:
            return 0, []
        accounts = Account.objects.filter(agency_id=person.agency_id)
        confidential = not may_see_confidential(user, person.agency_id)
    if agency is not None:
        accounts = (accounts if accounts is not None else Account.objects).filter(agency_id=agency.pk)
    if query.account_ids:
        accounts = (accounts if accounts is not None else Account.objects).filter(pk__in=query.account_ids)
    account_ids = None if accounts is None else sorted(accounts.values_list("pk", flat=True))
    if account_ids is not None and not account_ids:
        return 0, []
    if account_ids is not None and len(account_ids) > _MAX_WINDOW_ACCOUNTS:
        return None
    exclude = None
    if confidential:
        labelled = RecordLabel.objects.filter(label=RecordLabel.CONFIDENTIAL, removed_at__isnull=True)
        exclude = RecordVersion.objects.filter(record_id__in=labelled.values("record_id")).values("pk").query
        exclude = exclude.sql_with_params()
    low = _day_start(query.date_from) if query.date_from else None
    high = _day_start(query.date_to + timedelta(days=1)) if query.date_to else None
    undated = low is None and high is None
    if low is None or high is None:
        span = _created_span(account_ids)
        if span is None:          # no record with a creation time: only undated ones can match
            if not undated:
                return 0, []
            low = high = _EPOCH
        else:
            low = low or _utc_day(span[0])
            high = high or _utc_day(span[1]) + timedelta(days=1)
    return backend().window_page(terms, low, high, undated=undated,
                                 account_ids=account_ids, current_only=query.versions == "current",
                                 exclude=exclude, start=start, size=size)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _utc_day(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _created_span(account_ids: list[int] | None) -> tuple[datetime, datetime] | None:
    """The creation times of the oldest and newest records of the accounts (every account when None), or None
    when none has one.

    One query: per account, its oldest and its newest dated record, each a seek in the (account, creation
    time) index both databases keep on archive_record; min() and max() over all the accounts' records at once
    would read them all."""
    dated = Record.objects.filter(account_id=OuterRef("pk"), created_at__isnull=False).values("created_at")
    accounts = Account.objects.all() if account_ids is None else Account.objects.filter(pk__in=account_ids)
    span = accounts.annotate(oldest=Subquery(dated.order_by("created_at")[:1]),
                             newest=Subquery(dated.order_by("-created_at")[:1])).aggregate(
        low=Min("oldest"), high=Max("newest"))
    return None if span["low"] is None else (span["low"], span["high"])


def _results(terms: list[str], total: int, page_ids: list[int], *, page: int, per_page: int) -> SearchResults:
    loaded = RecordVersion.objects.select_related("record__account").in_bulk(page_ids)
    rows = [loaded[pk] for pk in page_ids]
    raw = backend().snippets(terms, [v.pk for v in rows]) if terms else {}
    hits = [Hit(record=v.record, version=v, snippet_html=marked_html(raw.get(v.pk) or _opening(v.text)),
                is_current=v.record.current_version_id == v.pk,
                is_deleted=v.record.status == RecordStatus.DELETED) for v in rows]
    return SearchResults(total=total, hits=hits, page=page, per_page=per_page, terms=terms)


def _opening(text: str, words: int = 35) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def marked_html(raw: str) -> SafeString:
    """Escape ``raw`` and turn the backend's start/stop sentinels into <mark> (never unbalanced)."""
    out, inside = [], False
    for part in re.split(f"([{START}{STOP}])", raw or ""):
        if part == START:
            if not inside:
                out.append("<mark>")
            inside = True
        elif part == STOP:
            if inside:
                out.append("</mark>")
            inside = False
        else:
            out.append(escape(part))
    if inside:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


# --- saved searches ---------------------------------------------------------------------------

def result_fingerprint(user, query: SearchQuery, *, agency=None) -> tuple[int, str]:
    """How many results ``query`` has for ``user``, and the SHA-256 of the sorted "record_id:version_id"
    lines (joined with newlines, sorted by record id then version id) of all of them."""
    ids = matching_versions(user, query, agency=agency).order_by("record_id", "pk").values_list("record_id", "pk")
    digest, count = hashlib.sha256(), 0
    for record_id, version_id in ids.iterator(chunk_size=5000):
        digest.update(f"{'' if count == 0 else chr(10)}{record_id}:{version_id}".encode())
        count += 1
    return count, digest.hexdigest()


def saved_search_create(*, actor, agency, name: str, query: SearchQuery) -> SavedSearch:
    require(actor, "search.save_search", agency)
    if not name.strip():
        raise ValidationError({"name": "Give the search a name, e.g. the records request it answers."})
    try:
        check_query(query)
    except SearchError as exc:
        raise ValidationError({exc.field: exc.message}) from exc
    with transaction.atomic():
        count, digest = result_fingerprint(actor, query, agency=agency)
        saved = SavedSearch.objects.create(agency=agency, created_by=actor, name=name.strip()[:200],
                                           query=query.as_dict(), result_count=count, result_ids_hash=digest)
        audit_record(action="search.saved", actor=actor, target=saved, agency_id=agency.pk,
                     after={"name": saved.name, "query": saved.query, "result_count": count,
                            "result_ids_hash": digest})
    return saved


def saved_search_rerun(*, actor, saved: SavedSearch) -> SavedSearchRun:
    """Run a saved search again as ``actor``; record and audit what it finds now."""
    require(actor, "search.save_search", saved.agency)
    with transaction.atomic():
        count, digest = result_fingerprint(actor, SearchQuery.from_dict(saved.query), agency=saved.agency)
        run = SavedSearchRun.objects.create(saved_search=saved, run_by=actor, result_count=count,
                                            result_ids_hash=digest, differs=digest != saved.result_ids_hash)
        audit_record(action="search.rerun", actor=actor, target=saved, agency_id=saved.agency_id,
                     after={"run": run.pk, "result_count": count, "result_ids_hash": digest,
                            "differs": run.differs, "saved_result_count": saved.result_count})
    return run
