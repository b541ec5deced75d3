"""A version's hash is no longer a unique index: nothing looks a version up by its hash, and the index
was the costliest one the ingest kept.

A SHA-256 is random, so each new version's index entry lands on a different page of an index that
grows with the archive: at 300,000 items it took a third of every commit (ingest +8.5 % without it).
Two versions cannot share a hash anyway: the hashed bytes name the record and the version number,
which are unique together (``archive_version_unique_number``), and ``verify archive`` re-hashes
every version against its row.

On SQLite the column's UNIQUE is part of the table definition, so the table is rebuilt (Django's
``alter_field``); the triggers on it and those that name it (the append-only refusal of 0005 and the
search index's) are dropped first and created again after, exactly as they were.
"""

from django.db import migrations, models

TABLE = "archive_recordversion"


def _hash_field(unique: bool) -> models.CharField:
    field = models.CharField(max_length=64, unique=unique)
    field.set_attributes_from_name("version_hash")
    return field


def _alter(unique: bool):
    def run(apps, schema_editor) -> None:
        model = apps.get_model("archive", "RecordVersion")
        old, new = _hash_field(not unique), _hash_field(unique)
        old.model = new.model = model
        triggers = []
        if schema_editor.connection.vendor == "sqlite":
            # The table's own triggers, and those of other tables that name it (SQLite checks them when the
            # rebuilt table is renamed into place, and fails on the one that names the table being replaced).
            with schema_editor.connection.cursor() as cursor:
                cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                               "AND (tbl_name = %s OR sql LIKE %s) ORDER BY name", [TABLE, f"%{TABLE}%"])
                triggers = cursor.fetchall()
            for name, _ in triggers:
                schema_editor.execute(f'DROP TRIGGER "{name}"')
        schema_editor.alter_field(model, old, new)
        for _, sql in triggers:
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0006_fewer_ingest_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_alter(unique=False), _alter(unique=True))],
            state_operations=[migrations.AlterField(model_name="recordversion", name="version_hash",
                                                    field=models.CharField(max_length=64))],
        ),
    ]
