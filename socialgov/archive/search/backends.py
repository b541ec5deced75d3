"""The two full-text backends behind ``services.search``: SQLite FTS5 and PostgreSQL full text.

Both index every record version (its text, the record's author handle and name, its hashtags),
kept by a database trigger on ``archive_recordversion`` (versions are only ever added), created and
backfilled by this app's migration 0002. Both take the parsed terms (words or phrases, ANDed) as
bound parameters only: user text is never interpreted as query syntax.

- SQLite: an FTS5 table ``search_versionfts`` (rowid = version id), tokenizer ``unicode61
  remove_diacritics 2``; each term becomes one quoted FTS5 phrase, matched in the text, author and
  tags columns only. A ``meta`` column holds year/month/day tokens of the record's UTC creation
  time (also suffixed with the account id) and "old" on superseded versions, so a date window is
  intersected inside FTS5 (``window_page``, ``date_buckets``); unindexed ``created``, ``record``,
  ``number`` order a page without reading the record table.
- PostgreSQL: a side table ``search_versiondoc`` (version id, tsvector, and the record's creation
  time, account, id, the version number and "old") with a GIN index and a btree on the time; the text
  search configuration ``socialgov_search`` is ``simple`` plus ``unaccent`` (when the extension can
  be created), so both backends fold case and diacritics alike and neither stems. A side table,
  not an expression index or a generated column on the version: the author's handle and name live
  on the record, which neither can reach. Each term becomes ``phraseto_tsquery`` and the terms are
  joined with ``&&``.

Highlights come from ``snippet()`` / ``ts_headline`` with private-use sentinel characters as the
start and stop markers; ``services.marked_html`` escapes the text and only then turns the sentinels
into ``<mark>``, so record text can never inject markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

START, STOP = "\ue000", "\ue001"
# Newest record first, then its later versions: the order of a page, and of ties in relevance.
NEWEST = (F("record__created_at").desc(nulls_last=True), F("record_id").desc(), F("number").desc())
PG_CONFIG = "socialgov_search"


def fts5_phrase(term: str) -> str:
    """One FTS5 string: double quotes doubled, so every character is literal."""
    return '"' + term.replace('"', '""') + '"'


def fts5_terms(terms: list[str]) -> str:
    """The terms (ANDed) as an FTS5 expression over the text columns only, never the ``meta`` tokens."""
    return "{text author tags} : (" + " ".join(fts5_phrase(t) for t in terms) + ")"


@dataclass(frozen=True)
class Bucket:
    """A slice of a date window, newest slices first: the ``meta`` tokens that cover it and, for a
    partly covered UTC day, the exact bounds (Django's SQLite text form) to check on ``created``."""

    tokens: tuple[str, ...]
    low: str | None = None
    high: str | None = None


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def date_buckets(low: datetime, high: datetime) -> list[Bucket]:
    """Cut [low, high) (aware) into buckets, newest first: whole UTC years and months as one token
    each, the whole days of a month as one bucket of day tokens, a partial day on its own."""
    low, high = low.astimezone(UTC), high.astimezone(UTC)
    if low >= high:
        return []
    first = (low + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0) if low.time() != datetime.min.time() else low  # noqa: E501
    last = high.replace(hour=0, minute=0, second=0, microsecond=0)
    buckets: list[Bucket] = []
    if first > last:  # inside one UTC day
        return [Bucket((f"d{low:%Y%m%d}",), _text(low), _text(high))]
    if high > last:
        buckets.append(Bucket((f"d{last:%Y%m%d}",), _text(last), _text(high)))
    end, days = last, []
    while end > first:
        day = end - timedelta(days=1)
        year_start = day.replace(month=1, day=1)
        month_start = day.replace(day=1)
        if end.month == 1 and end.day == 1 and year_start >= first:
            unit, start = f"y{year_start:%Y}", year_start
        elif end.day == 1 and month_start >= first:
            unit, start = f"m{month_start:%Y%m}", month_start
        else:
            unit, start = f"d{day:%Y%m%d}", day
        if unit.startswith("d") and days and days[-1][1:7] == unit[1:7]:
            days.append(unit)
        else:
            if days:
                buckets.append(Bucket(tuple(days)))
            days = [unit]
            if not unit.startswith("d"):
                buckets.append(Bucket((unit,)))
                days = []
        end = start
    if days:
        buckets.append(Bucket(tuple(days)))
    if low < first:
        buckets.append(Bucket((f"d{low:%Y%m%d}",), _text(low), _text(first)))
    return buckets


_SLICES = (1, 2, 4, 8, 16)    # whole days a slice of a first page, newest first


def first_page_walk(buckets: list[Bucket]) -> list[Bucket]:
    """The slices a first page is read from, newest first: the newest day if partly in the window, then the
    newest whole days (of month and year buckets too) one, two, four, eight and sixteen at a time, then the
    rest of the window at once.

    A page is sorted by time, so a slice costs a read of each of its matches: a common word fills the page
    from its newest day alone (30 ms to sort a month of its matches at a million versions, 2 ms a day);
    a rare one reads a few small slices, then sorts its few other matches in one go."""
    walk, rest = [], list(buckets)
    if len(rest) > 1 and rest[0].high is not None:       # the newest day, partly in the window
        walk.append(rest.pop(0))
    days: tuple[str, ...] = ()
    coarser: tuple[str, ...] = ()
    while rest and len(days) < sum(_SLICES) and not coarser:      # a year's other months are older than
        newest, coarser = _newest_days(rest[0])                        # its days: slicing stops there
        if not newest:
            break
        days += newest
        rest.pop(0)
    at = 0
    for size in _SLICES:
        if at >= len(days):
            break
        walk.append(Bucket(days[at:at + size]))
        at += size
    if at < len(days) or coarser:
        rest.insert(0, Bucket(days[at:] + coarser))
    if len(rest) > 1:     # every match of these is after the oldest bucket's lower bound, if it has one
        rest = [Bucket(tuple(t for b in rest for t in b.tokens), rest[-1].low)]
    return walk + rest


def _newest_days(bucket: Bucket) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A whole-days, month or year bucket as day tokens, newest first, and the tokens of what those leave
    out (a year's other months); nothing for a partial day."""
    if bucket.low is not None or bucket.high is not None:
        return (), ()
    if all(token.startswith("d") for token in bucket.tokens):
        return bucket.tokens, ()
    if len(bucket.tokens) != 1:
        return (), ()
    token = bucket.tokens[0]
    if token.startswith("y"):
        return _days_of_month(f"{token[1:]}12"), tuple(f"m{token[1:]}{month:02d}" for month in range(11, 0, -1))
    if token.startswith("m"):
        return _days_of_month(token[1:]), ()
    return (), ()


def _days_of_month(year_month: str) -> tuple[str, ...]:
    month = datetime.strptime(year_month, "%Y%m").replace(tzinfo=UTC)
    following = (month + timedelta(days=32)).replace(day=1)
    return tuple(f"d{following - timedelta(days=n):%Y%m%d}" for n in range(1, (following - month).days + 1))


class SQLiteBackend:
    table = "search_versionfts"

    def matching_ids(self, terms: list[str]) -> RawSQL:
        return RawSQL(f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s", [fts5_terms(terms)])  # noqa: S608, S611 - constants and %s only

    def ranked_page(self, terms: list[str], found: QuerySet, start: int, size: int) -> list[int]:
        """The ids of ``size`` versions of ``found`` from ``start``, best bm25 first, then newest record.

        One pass of FTS5 over the terms' posting lists, scoring every match, kept if ``found`` has it.
        (Scoring each row of ``found`` with its own ``MATCH … AND rowid = ?`` costs a pass per row:
        20 s to a minute at a million versions.)"""
        ids_sql, ids_params = found.order_by().values("pk").query.sql_with_params()   # a set: no sort
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s "  # noqa: S608 - constants and %s only
                           f"AND +rowid IN ({ids_sql}) ORDER BY bm25({self.table}), created DESC, record DESC, "
                           "number DESC LIMIT %s OFFSET %s", [fts5_terms(terms), *ids_params, size, start])
            return [row[0] for row in cursor.fetchall()]

    def snippets(self, terms: list[str], version_ids: list[int]) -> dict[int, str]:
        if not version_ids:
            return {}
        match = fts5_terms(terms)
        marks = ", ".join(["%s"] * len(version_ids))
        # FTS5 seeks to a rowid range but not to the rowids of an IN list: with the list alone it walks the
        # terms' whole posting lists (35 ms for three common words at a million versions, against 2 ms with
        # the range). The unary + keeps the list out of the index plan; it only filters the range's rows.
        sql = (f"SELECT rowid, snippet({self.table}, 0, %s, %s, %s, 32) FROM {self.table} "  # noqa: S608, S611 - constants and %s only
               f"WHERE {self.table} MATCH %s AND rowid >= %s AND rowid <= %s AND +rowid IN ({marks})")
        with connection.cursor() as cursor:
            cursor.execute(sql, [START, STOP, "…", match, min(version_ids), max(version_ids), *version_ids])
            return dict(cursor.fetchall())


    def window_page(self, terms: list[str], low: datetime, high: datetime, *, account_ids: list[int] | None,
                    current_only: bool, exclude: tuple[str, list] | None, start: int,
                    size: int, undated: bool = False) -> tuple[int, list[int]]:
        """The number of versions matching ``terms`` of records created in [low, high) (of the accounts
        ``account_ids``, all when None; current versions only if asked; less the version ids the SQL
        ``exclude`` selects; and, if ``undated``, of records without a creation time, which come last),
        and the ids of ``size`` of them from ``start``, newest record first.
        Everything is answered from the index: counts never read a row, a page reads the rows of
        only the buckets (``date_buckets``) it falls in."""
        buckets = date_buckets(low, high)
        tail = [Bucket(("nodate",))] if undated else []    # NULL creation times sort last, as NEWEST puts them
        suffixes = [""] if account_ids is None else [f"x{pk}" for pk in account_ids]
        where = f"{self.table} MATCH %s"
        params_tail: list = []
        if exclude is not None:
            where += f" AND rowid NOT IN ({exclude[0]})"
            params_tail = list(exclude[1])

        def match(tokens) -> str:
            meta = " OR ".join(f"{token}{suffix}" for token in tokens for suffix in suffixes)
            found = f"({fts5_terms(terms)} AND meta : ({meta}))"
            return f"{found} NOT meta : old" if current_only else found

        def condition(bucket: Bucket) -> tuple[str, list]:
            sql, params = where, [match(bucket.tokens), *params_tail]
            for op, bound in ((">=", bucket.low), ("<", bucket.high)):
                if bound is not None:
                    sql += f" AND created {op} %s"
                    params.append(bound)
            return sql, params

        whole = [token for bucket in buckets + tail if bucket.low is None for token in bucket.tokens]
        parts = [condition(Bucket(tuple(whole)))] if whole else []
        parts += [condition(bucket) for bucket in buckets if bucket.low is not None]
        if not parts:
            return 0, []
        sql = " + ".join(f"(SELECT count(*) FROM {self.table} WHERE {cond})" for cond, _ in parts)  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {sql}", [p for _, params in parts for p in params])  # noqa: S608
            total = cursor.fetchone()[0]
            found: list[int] = []
            skip = start
            if skip >= total:
                return total, []
            walk = (buckets if skip else first_page_walk(buckets)) + tail
            for bucket in walk:
                cond, params = condition(bucket)
                if skip:
                    cursor.execute(f"SELECT count(*) FROM {self.table} WHERE {cond}", params)  # noqa: S608
                    count = cursor.fetchone()[0]
                    if count <= skip:
                        skip -= count
                        continue
                cursor.execute(f"SELECT rowid FROM {self.table} WHERE {cond} "  # noqa: S608
                               "ORDER BY created DESC, record DESC, number DESC LIMIT %s OFFSET %s",
                               [*params, size - len(found), skip])
                found += [row[0] for row in cursor.fetchall()]
                skip = 0
                if len(found) >= size:
                    break
        return total, found


class PostgresBackend:
    def _tsquery(self, terms: list[str]) -> tuple[str, list[str]]:
        sql = " && ".join(f"phraseto_tsquery('{PG_CONFIG}', %s)" for _ in terms)
        return f"({sql})", list(terms)

    def matching_ids(self, terms: list[str]) -> RawSQL:
        query, params = self._tsquery(terms)
        return RawSQL(f"SELECT version_id FROM search_versiondoc WHERE document @@ {query}", params)  # noqa: S608, S611 - constants and %s only

    def window_page(self, terms: list[str], low: datetime, high: datetime, *, account_ids: list[int] | None,
                    current_only: bool, exclude: tuple[str, list] | None, start: int,
                    size: int, undated: bool = False) -> tuple[int, list[int]]:
        """As ``SQLiteBackend.window_page``, from ``search_versiondoc`` alone (its GIN index on the
        document and btree index on the creation time)."""
        query, params = self._tsquery(terms)
        window = "created_at >= %s AND created_at < %s"
        where = f"document @@ {query} AND " + (f"({window} OR created_at IS NULL)" if undated else window)
        params = [*params, low, high]
        if account_ids is not None:
            where += " AND account_id = ANY(%s)"
            params.append(list(account_ids))
        if current_only:
            where += " AND NOT old"
        if exclude is not None:
            where += f" AND version_id NOT IN ({exclude[0]})"
            params += list(exclude[1])
        with connection.cursor() as cursor:
            # The page and the total in one statement: the matches of a window are found once (a count and a
            # page apart found them twice, each by the same scan: 200,000 versions, 100 windows of one to
            # three words, p95 33-35 ms as two statements and 18 as one, bench.archive.run's queries).
            cursor.execute(f"SELECT version_id, count(*) OVER () FROM search_versiondoc WHERE {where} "  # noqa: S608
                           "ORDER BY created_at DESC NULLS LAST, record_id DESC, number DESC LIMIT %s OFFSET %s",
                           [*params, size, start])
            rows = cursor.fetchall()
            if rows:
                return rows[0][1], [row[0] for row in rows]
            if not start:
                return 0, []
            # A page past the last: no row carries the total.
            cursor.execute(f"SELECT count(*) FROM search_versiondoc WHERE {where}", params)  # noqa: S608
            return cursor.fetchone()[0], []

    def ranked_page(self, terms: list[str], found: QuerySet, start: int, size: int) -> list[int]:
        """As ``SQLiteBackend.ranked_page``, by ``ts_rank`` (each row's document found by its key)."""
        query, params = self._tsquery(terms)
        rank = RawSQL(f"SELECT ts_rank(document, {query}) FROM search_versiondoc "  # noqa: S608, S611 - constants and %s only
                      f"WHERE version_id = archive_recordversion.id", params)
        ranked = found.annotate(relevance=rank).order_by(F("relevance").desc(nulls_last=True), *NEWEST)
        return list(ranked.values_list("pk", flat=True)[start:start + size])

    def snippets(self, terms: list[str], version_ids: list[int]) -> dict[int, str]:
        if not version_ids:
            return {}
        query, params = self._tsquery(terms)
        options = (f'StartSel="{START}", StopSel="{STOP}", MaxWords=35, MinWords=15, ShortWord=0, '
                   f'MaxFragments=2, FragmentDelimiter=" … "')
        sql = (f"SELECT id, ts_headline('{PG_CONFIG}', text, {query}, %s) FROM archive_recordversion "  # noqa: S608, S611 - constants and %s only
               f"WHERE id = ANY(%s)")
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, options, list(version_ids)])
            return dict(cursor.fetchall())


def backend() -> SQLiteBackend | PostgresBackend:
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    raise NotImplementedError(f"Archive search supports SQLite and PostgreSQL, not {connection.vendor}.")
