"""Full-text search of the public list's ?q= on PostgreSQL (partnerships/search.py).

A generated column holds each proposal's words, weighted title (and reference) > summary > body,
Indonesian texts with PostgreSQL's Indonesian stemmer and English texts with its English one;
PostgreSQL keeps it up to date with every insert and update, bulk inserts included, and a GIN
index answers a search from it. Japanese has no stemmer in PostgreSQL: Japanese texts are found
by their trigram indexes (migration 0013). SQLite has neither; the search there reads every row.

A later migration that changes the type of one of these columns must drop the generated column
first and add it again after (PostgreSQL refuses to alter a column a generated one reads).
"""

from django.db import migrations

WEIGHTED = [
    ("simple", "reference", "A"),
    ("indonesian", "title_ind", "A"), ("english", "title_en", "A"),
    ("indonesian", "summary_ind", "B"), ("english", "summary_en", "B"),
    ("indonesian", "body_ind", "C"), ("english", "body_en", "C"),
]  # fmt: skip
DOCUMENT = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, coalesce({column}, '')), '{weight}')"
    for config, column, weight in WEIGHTED
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE partnerships_proposal ADD COLUMN IF NOT EXISTS search_document tsvector "
            f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
        )
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS proposal_search_document ON partnerships_proposal "
            "USING gin (search_document)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ALTER TABLE partnerships_proposal DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0024_profiles_kept_before_the_question")]

    operations = [migrations.RunPython(create, drop)]
