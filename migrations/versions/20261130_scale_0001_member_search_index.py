"""member search index: names, emails and current organisations, folded, by trigram

Revision ID: scale_0001
Revises: 0004
Create Date: 2026-11-30 22:20:00

Search by name, email and organisation used LIKE '%...%' over members and organisations: a
scan that grew with the network. This keeps one folded text per member (name | email |
current organisations; an erased member's is made from what erasure left) in ``member_search``, indexed by trigrams so a
substring is found without a scan: an FTS5 table with the trigram tokenizer on SQLite, a GIN
``gin_trgm_ops`` index on PostgreSQL. Triggers on members, memberships and organisations keep
it right after every insert, update, merge and erasure, whatever writes them (ORM, bulk
statements, imports). ``member_search_source`` is the one definition of the text per database;
``arena_fold`` folds case and accents (SQLite: arena.folding.fold, registered on every
connection; PostgreSQL: lower(unaccent(...))).

Not in the SQLAlchemy metadata (an FTS5 table cannot be), so migrations/env.py leaves
``member_search*`` out of autogenerate. SQLite drops a table's triggers with the table: a later
batch migration that rebuilds members, memberships or organisations must create them again
(tests/foundation/test_migrations.py checks they are there at head).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "scale_0001"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _source(aggregate: str) -> str:
    return f"""
    CREATE VIEW member_search_source AS
    SELECT m.id AS member_id,
           arena_fold(m.name || ' | ' || coalesce(m.email, '') || coalesce((
               SELECT ' | ' || {aggregate}
               FROM memberships ms JOIN organisations o ON o.id = ms.organisation_id
               WHERE ms.member_id = m.id AND ms.until IS NULL), '')) AS text
    FROM members m
    """  # noqa: S608 - this file's own SQL, no input reaches it


def _sqlite_refresh(ids: str) -> str:
    return f"""
        DELETE FROM member_search WHERE rowid IN ({ids});
        INSERT INTO member_search (rowid, member_id, text)
            SELECT member_id, member_id, text FROM member_search_source WHERE member_id IN ({ids});
    """  # noqa: S608


SQLITE_TRIGGERS = {
    "member_search_member_insert": ("AFTER INSERT ON members", "new.id"),
    "member_search_member_update": ("AFTER UPDATE OF name, email ON members",
                                    "old.id, new.id"),
    "member_search_member_delete": ("AFTER DELETE ON members", "old.id"),
    "member_search_membership_insert": ("AFTER INSERT ON memberships", "new.member_id"),
    "member_search_membership_update": ("AFTER UPDATE ON memberships",
                                        "old.member_id, new.member_id"),
    "member_search_membership_delete": ("AFTER DELETE ON memberships", "old.member_id"),
    "member_search_organisation_update": (
        "AFTER UPDATE OF name ON organisations",
        "SELECT member_id FROM memberships WHERE organisation_id = new.id",
    ),
}  # fmt: skip


def _upgrade_sqlite() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE member_search USING fts5(text, member_id UNINDEXED, "
        "tokenize = 'trigram')"
    )
    op.execute(_source("group_concat(o.name, ' | ')"))
    for name, (event, ids) in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {event} BEGIN {_sqlite_refresh(ids)} END")
    op.execute(
        "INSERT INTO member_search (rowid, member_id, text) "
        "SELECT member_id, member_id, text FROM member_search_source"
    )


POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE FUNCTION arena_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$""",
    """CREATE TABLE member_search (
           member_id integer NOT NULL
               CONSTRAINT pk_member_search PRIMARY KEY
               CONSTRAINT fk_member_search_member_id_members REFERENCES members (id)
               ON DELETE CASCADE,
           text text NOT NULL)""",
    "CREATE INDEX ix_member_search_text ON member_search USING gin (text gin_trgm_ops)",
    _source("string_agg(o.name, ' | ' ORDER BY o.name)"),
    """CREATE FUNCTION arena_refresh_member_search(ids integer[]) RETURNS void LANGUAGE sql
       AS $$
           DELETE FROM member_search WHERE member_id = ANY(ids);
           INSERT INTO member_search (member_id, text)
               SELECT member_id, text FROM member_search_source WHERE member_id = ANY(ids);
       $$""",
    """CREATE FUNCTION arena_member_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
           IF TG_TABLE_NAME = 'members' AND TG_OP <> 'DELETE' THEN
               PERFORM arena_refresh_member_search(ARRAY[NEW.id]);
           ELSIF TG_TABLE_NAME = 'memberships' THEN
               PERFORM arena_refresh_member_search(ARRAY[
                   CASE WHEN TG_OP <> 'INSERT' THEN OLD.member_id END,
                   CASE WHEN TG_OP <> 'DELETE' THEN NEW.member_id END]);
           ELSIF TG_TABLE_NAME = 'organisations' THEN
               PERFORM arena_refresh_member_search(ARRAY(
                   SELECT member_id FROM memberships WHERE organisation_id = NEW.id));
           END IF;
           RETURN NULL;
       END $$""",
    """CREATE TRIGGER member_search_member AFTER INSERT OR UPDATE OF name, email
       ON members FOR EACH ROW EXECUTE FUNCTION arena_member_search_trigger()""",
    """CREATE TRIGGER member_search_membership AFTER INSERT OR UPDATE OR DELETE
       ON memberships FOR EACH ROW EXECUTE FUNCTION arena_member_search_trigger()""",
    """CREATE TRIGGER member_search_organisation AFTER UPDATE OF name
       ON organisations FOR EACH ROW EXECUTE FUNCTION arena_member_search_trigger()""",
    "INSERT INTO member_search (member_id, text) SELECT member_id, text FROM member_search_source",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite()
    else:
        for statement in POSTGRES:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for table in ("members", "memberships", "organisations"):
            op.execute(f"DROP TRIGGER IF EXISTS member_search_{table.rstrip('s')} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS arena_member_search_trigger()")
        op.execute("DROP FUNCTION IF EXISTS arena_refresh_member_search(integer[])")
    op.execute("DROP VIEW IF EXISTS member_search_source")
    op.execute("DROP TABLE IF EXISTS member_search")
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION IF EXISTS arena_fold(text)")
