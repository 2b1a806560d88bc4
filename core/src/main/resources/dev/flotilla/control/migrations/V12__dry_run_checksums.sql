-- The checksums of the files a tenant's dry run ran, in the order of its versions: a deployment's expected-objects
-- compares only with a dry run of the same files, not with one of an earlier edit of a version (rewritten after a
-- rollback). Null for the dry runs recorded before, which no deployment compares with.
ALTER TABLE dry_runs ADD COLUMN checksums VARCHAR(1000000);
