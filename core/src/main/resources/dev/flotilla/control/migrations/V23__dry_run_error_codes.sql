-- The error code of each tenant's dry run beside its error (CLONE_FAILED, SQL_ERROR, LOCK_TIMEOUT...), in a fleet dry run
-- of the console or the API and in every tenant's dry-run record, which the command line's `dry-run` writes too: the
-- console, the API and a deploy gated on a test tell a tenant whose scratch copy could not be made (not tested) from one
-- whose migration failed on the copy by CLONE_FAILED, not by the words its error begins with. The command line's dry runs
-- now keep their error as the console's do. Null for the rows recorded before (read by their error's words, as before).
ALTER TABLE fleet_dry_run_tenants ADD COLUMN error_code VARCHAR(40);
ALTER TABLE dry_runs ADD COLUMN error VARCHAR(4000);
ALTER TABLE dry_runs ADD COLUMN error_code VARCHAR(40);
