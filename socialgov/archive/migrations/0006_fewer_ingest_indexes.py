"""Two single-column foreign-key indexes dropped: every index is paid for on each ingested item.

``archive_record.account_id`` leads the record's composite indexes and its unique item constraint;
``archive_recordversion.record_id`` leads the unique (record, number) constraint. The fields say
``db_index=False``. (The indexes on ``archive_record.current_version_id`` and
``archive_tombstone.last_version_id`` stay although nothing queries them: a new record is inserted
pointing at its version before the version exists, and while such a deferred foreign key is
outstanding SQLite looks up the child rows of every version inserted, by those columns.)

On PostgreSQL, the ``varchar_pattern_ops`` twins of the version and tombstone hash indexes go too:
nothing matches a hash with LIKE.

The indexes are dropped by name rather than by ``AlterField``: on SQLite, ``AlterField`` rebuilds the
table, which would drop the triggers that refuse changes (0005) and keep the search index.
"""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {
    "archive_record_account_id_fa5bd7d3": ("archive_record", "account_id"),
    "archive_recordversion_record_id_d556c71d": ("archive_recordversion", "record_id"),
}

POSTGRES_LIKE = {
    "archive_recordversion_version_hash_fab98f2d_like": ("archive_recordversion", "version_hash"),
    "archive_tombstone_tombstone_hash_868fea43_like": ("archive_tombstone", "tombstone_hash"),
}


def _postgres_like(drop: bool):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, (table, column) in POSTGRES_LIKE.items():
            schema_editor.execute(f'DROP INDEX "{name}"' if drop else
                                  f'CREATE INDEX "{name}" ON "{table}" ("{column}" varchar_pattern_ops)')

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_decommission"),
        ("archive", "0005_refuse_changes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(f'DROP INDEX "{name}"', f'CREATE INDEX "{name}" ON "{table}" ("{column}")')
                for name, (table, column) in INDEXES.items()
            ] + [migrations.RunPython(_postgres_like(drop=True), _postgres_like(drop=False))],
            state_operations=[
                migrations.AlterField(
                    model_name="record", name="account",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                            related_name="records", to="accounts.account"),
                ),
                migrations.AlterField(
                    model_name="recordversion", name="record",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                            related_name="versions", to="archive.record"),
                ),
            ],
        ),
    ]
