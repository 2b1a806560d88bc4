-- The process running a fleet dry run, "host:pid pidns N" as deployments.runner: a console starting on that machine ends,
-- as interrupted, a dry run whose process is gone (killed before it recorded how it ended). Null for older rows.
ALTER TABLE fleet_dry_runs ADD COLUMN runner VARCHAR(200);
