"""The full-text index over record versions, kept by triggers, and the backfill of existing versions.

SQLite: an FTS5 table (rowid = version id). PostgreSQL: a tsvector side table with a GIN index and
the ``socialgov_search`` text search configuration (simple + unaccent when it can be had). See
``socialgov.archive.search.backends`` for why.
"""

from django.db import migrations

# The ``meta`` column holds tokens that let a date (and account, and "is the record's current
# version") filter run inside FTS5 instead of joining every match to its record: the record's UTC
# creation year, month and day ("y2026 m202603 d20260315"), the same suffixed with the account
# ("y2026x5 ..."; an intersection with a small doclist instead of one every row is in), "nodate"
# when the record has no creation time, and "old" on a version that is not its record's current one
# (kept by a trigger on the record). ``created``, ``record`` and ``number`` (unindexed) order a
# page newest first without touching the record table. Search terms are matched against the first
# three columns only (backends.SQLiteBackend), so a user's word never matches a meta token.
_META = """CASE WHEN r.created_at IS NULL THEN 'nodate nodatex' || r.account_id
       ELSE 'y' || substr(r.created_at, 1, 4) || ' m' || substr(r.created_at, 1, 4) || substr(r.created_at, 6, 2)
            || ' d' || substr(r.created_at, 1, 4) || substr(r.created_at, 6, 2) || substr(r.created_at, 9, 2)
            || ' y' || substr(r.created_at, 1, 4) || 'x' || r.account_id
            || ' m' || substr(r.created_at, 1, 4) || substr(r.created_at, 6, 2) || 'x' || r.account_id
            || ' d' || substr(r.created_at, 1, 4) || substr(r.created_at, 6, 2) || substr(r.created_at, 9, 2)
            || 'x' || r.account_id END
       || CASE WHEN r.current_version_id IS {v}.id THEN '' ELSE ' old' END"""

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_versionfts USING fts5(
           text, author, tags, meta, created UNINDEXED, record UNINDEXED, number UNINDEXED,
           tokenize = 'unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER search_versionfts_ai AFTER INSERT ON archive_recordversion BEGIN
           INSERT INTO search_versionfts (rowid, text, author, tags, meta, created, record, number)
           SELECT NEW.id, NEW.text, r.author_handle || ' ' || r.author_name, NEW.hashtags,
                  {_META.format(v="NEW")}, r.created_at, r.id, NEW.number
           FROM archive_record r WHERE r.id = NEW.record_id;
       END""",
    # Versions are never deleted by the application; the trigger keeps the index honest if one is.
    """CREATE TRIGGER search_versionfts_ad AFTER DELETE ON archive_recordversion BEGIN
           DELETE FROM search_versionfts WHERE rowid = OLD.id;
       END""",
    # A record's current version moves on (a new version, at ingest or by hand): the previous one
    # becomes "old", the new one loses the mark.
    """CREATE TRIGGER search_versionfts_current AFTER UPDATE OF current_version_id ON archive_record
       WHEN OLD.current_version_id IS NOT NEW.current_version_id BEGIN
           UPDATE search_versionfts SET meta = meta || ' old'
           WHERE rowid = OLD.current_version_id AND meta NOT LIKE '% old';
           UPDATE search_versionfts SET meta = substr(meta, 1, length(meta) - 4)
           WHERE rowid = NEW.current_version_id AND meta LIKE '% old';
       END""",
    # The record's creation time or account changes (never at ingest): index its versions again.
    f"""CREATE TRIGGER search_versionfts_record AFTER UPDATE OF created_at, account_id ON archive_record
       WHEN OLD.created_at IS NOT NEW.created_at OR OLD.account_id IS NOT NEW.account_id BEGIN
           UPDATE search_versionfts SET created = NEW.created_at,
               meta = (SELECT {_META.format(v="v")} FROM archive_record r, archive_recordversion v
                       WHERE r.id = NEW.id AND v.id = search_versionfts.rowid)
           WHERE rowid IN (SELECT id FROM archive_recordversion WHERE record_id = NEW.id);
       END""",
    f"""INSERT INTO search_versionfts (rowid, text, author, tags, meta, created, record, number)
       SELECT v.id, v.text, r.author_handle || ' ' || r.author_name, v.hashtags, {_META.format(v="v")},
              r.created_at, r.id, v.number
       FROM archive_recordversion v JOIN archive_record r ON r.id = v.record_id""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_versionfts_record",
    "DROP TRIGGER IF EXISTS search_versionfts_current",
    "DROP TRIGGER IF EXISTS search_versionfts_ad",
    "DROP TRIGGER IF EXISTS search_versionfts_ai",
    "DROP TABLE IF EXISTS search_versionfts",
]

_PG_DOCUMENT = ("to_tsvector('socialgov_search', {v}.text) || to_tsvector('socialgov_search', "
                "r.author_handle || ' ' || r.author_name) || to_tsvector('socialgov_search', {v}.hashtags::text)")

POSTGRES_FORWARD = [
    # unaccent is a trusted extension (PostgreSQL 13+): a database owner may create it. Without it
    # the configuration is plain ``simple`` (case folded, diacritics kept).
    """DO $$ BEGIN
           CREATE EXTENSION IF NOT EXISTS unaccent;
           CREATE TEXT SEARCH CONFIGURATION socialgov_search (COPY = simple);
           ALTER TEXT SEARCH CONFIGURATION socialgov_search
               ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
       EXCEPTION WHEN OTHERS THEN
           CREATE TEXT SEARCH CONFIGURATION socialgov_search (COPY = simple);
       END $$""",
    # Beside the document, what a date window (and account, and current-version) query filters and
    # orders on, so it never joins a match to its record: the record's creation time, account and
    # id, the version's number, and whether the version is no longer the record's current one.
    """CREATE TABLE search_versiondoc (
           version_id bigint PRIMARY KEY,
           document tsvector NOT NULL,
           created_at timestamp with time zone NULL,
           account_id bigint NOT NULL,
           record_id bigint NOT NULL,
           number integer NOT NULL,
           old boolean NOT NULL)""",
    "CREATE INDEX search_versiondoc_document ON search_versiondoc USING gin (document)",
    "CREATE INDEX search_versiondoc_created ON search_versiondoc (created_at)",
    f"""CREATE FUNCTION search_versiondoc_add() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO search_versiondoc (version_id, document, created_at, account_id, record_id, number, old)
            SELECT NEW.id, {_PG_DOCUMENT.format(v="NEW")}, r.created_at, r.account_id, r.id, NEW.number,
                   r.current_version_id IS DISTINCT FROM NEW.id
            FROM archive_record r WHERE r.id = NEW.record_id;
            RETURN NULL;
        END $$""",
    """CREATE FUNCTION search_versiondoc_remove() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM search_versiondoc WHERE version_id = OLD.id;
            RETURN NULL;
        END $$""",
    # A record's current version moves on: the previous one becomes old, the new one current. Its
    # creation time or account changes (never done by the application): its versions follow.
    """CREATE FUNCTION search_versiondoc_record() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.current_version_id IS DISTINCT FROM NEW.current_version_id THEN
                UPDATE search_versiondoc SET old = version_id IS DISTINCT FROM NEW.current_version_id
                WHERE version_id IN (OLD.current_version_id, NEW.current_version_id);
            END IF;
            IF OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.account_id IS DISTINCT FROM NEW.account_id THEN
                UPDATE search_versiondoc SET created_at = NEW.created_at, account_id = NEW.account_id
                WHERE record_id = NEW.id;
            END IF;
            RETURN NULL;
        END $$""",
    """CREATE FUNCTION search_versiondoc_clear() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE search_versiondoc;
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER search_versiondoc_ai AFTER INSERT ON archive_recordversion
       FOR EACH ROW EXECUTE FUNCTION search_versiondoc_add()""",
    """CREATE TRIGGER search_versiondoc_au AFTER UPDATE OF current_version_id, created_at, account_id
       ON archive_record FOR EACH ROW
       WHEN (OLD.current_version_id IS DISTINCT FROM NEW.current_version_id
             OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.account_id IS DISTINCT FROM NEW.account_id)
       EXECUTE FUNCTION search_versiondoc_record()""",
    # Never done by the application; kept honest if a version is deleted or the table emptied (test flush).
    """CREATE TRIGGER search_versiondoc_ad AFTER DELETE ON archive_recordversion
       FOR EACH ROW EXECUTE FUNCTION search_versiondoc_remove()""",
    """CREATE TRIGGER search_versiondoc_at AFTER TRUNCATE ON archive_recordversion
       FOR EACH STATEMENT EXECUTE FUNCTION search_versiondoc_clear()""",
    f"""INSERT INTO search_versiondoc (version_id, document, created_at, account_id, record_id, number, old)
        SELECT v.id, {_PG_DOCUMENT.format(v="v")}, r.created_at, r.account_id, r.id, v.number,
               r.current_version_id IS DISTINCT FROM v.id
        FROM archive_recordversion v JOIN archive_record r ON r.id = v.record_id""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_versiondoc_au ON archive_record",
    "DROP TRIGGER IF EXISTS search_versiondoc_at ON archive_recordversion",
    "DROP TRIGGER IF EXISTS search_versiondoc_ad ON archive_recordversion",
    "DROP TRIGGER IF EXISTS search_versiondoc_ai ON archive_recordversion",
    "DROP FUNCTION IF EXISTS search_versiondoc_clear()",
    "DROP FUNCTION IF EXISTS search_versiondoc_record()",
    "DROP FUNCTION IF EXISTS search_versiondoc_remove()",
    "DROP FUNCTION IF EXISTS search_versiondoc_add()",
    "DROP TABLE IF EXISTS search_versiondoc",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS socialgov_search",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise RuntimeError(f"Archive search supports SQLite and PostgreSQL, not {vendor}.")
        for sql in statements[vendor]:
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0001_initial"),
        ("search", "0001_saved_searches"),
    ]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
                             _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})),
    ]
