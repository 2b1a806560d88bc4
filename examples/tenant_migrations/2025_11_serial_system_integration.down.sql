-- The repeatable view reads serials: PostgreSQL refuses to drop a table a view depends on, and SQLite would keep
-- the view over a table that is gone. The index goes with its table on every dialect.
DROP VIEW IF EXISTS serial_summary;
DROP TABLE serials;
