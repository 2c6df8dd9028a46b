"""The database itself refuses to change the audit log.

UPDATE is refused on SQLite and PostgreSQL. DELETE of a row younger than 180 days (the legal
minimum) is refused on PostgreSQL; on SQLite the model and queryset refuse it (Django's test
flush empties tables with DELETE there, PostgreSQL's with TRUNCATE).
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_auditentry
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS audit_entry_no_update;"

PG_UP = """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit log is append-only';
  END IF;
  IF OLD.at > now() - interval '180 days' THEN
    RAISE EXCEPTION 'audit entries younger than 180 days cannot be deleted';
  END IF;
  RETURN OLD;
END $$ LANGUAGE plpgsql;
--
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
--
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    sql = {"sqlite": SQLITE_UP, "postgresql": PG_UP}.get(vendor)
    for statement in (sql or "").split("\n--\n"):
        if statement.strip():
            schema_editor.execute(statement)


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    sql = {"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}.get(vendor)
    for statement in (sql or "").split("\n--\n"):
        if statement.strip():
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
