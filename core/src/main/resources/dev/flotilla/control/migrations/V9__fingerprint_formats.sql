-- The format each stored schema fingerprint was computed in. Format 1 covered tables and views; format 2 adds
-- sequences, functions and procedures. A fingerprint is only ever compared with one of its own format: a drift
-- reference of an older format is built again, a backup's is checked in the format it was taken in.
ALTER TABLE drift_references ADD COLUMN fingerprint_format INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE backups ADD COLUMN fingerprint_format INTEGER DEFAULT 1 NOT NULL;
