"""Trigram indexes for the public list's ?q= search, on PostgreSQL only.

The search asks `UPPER(column::text) LIKE UPPER('%text%')` of seven columns (Django's icontains).
An ordinary index cannot answer a LIKE with a leading wildcard; a GIN index of the same
expression with pg_trgm's operator class can, and PostgreSQL combines the seven with a bitmap OR.
At 10,000 proposals a search for a rare word (a city, a misspelling) read every row, about 30 ms
per query and two queries per page; from the indexes it takes 1-2 ms. For words that many
proposals contain, PostgreSQL still prefers to read the rows.

SQLite has no such index; the search reads every row there, which is fine for development. Where
the database refuses the extension (a role that may not create it), the migration says so and
goes on: searching still works, only slower.
"""

from django.db import migrations

COLUMNS = ["reference", "title_ind", "title_en", "title_ja", "summary_ind", "summary_en",
           "summary_ja"]  # fmt: skip


def index_name(column):
    return f"proposal_search_{column}"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        try:
            cursor.execute("SAVEPOINT before_trigram")
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as refused:  # noqa: BLE001 - any refusal: go on without the indexes
            cursor.execute("ROLLBACK TO SAVEPOINT before_trigram")
            print(f"\n  The search indexes were not made (pg_trgm: {refused}).")
            return
        for column in COLUMNS:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {index_name(column)} ON partnerships_proposal "
                f"USING gin (UPPER({column}::text) gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for column in COLUMNS:
            cursor.execute(f"DROP INDEX IF EXISTS {index_name(column)}")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0012_listing_and_timeline_indexes")]

    operations = [migrations.RunPython(create, drop)]
