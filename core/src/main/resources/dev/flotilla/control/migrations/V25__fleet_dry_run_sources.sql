-- Where a fleet dry run was started: 'cli' for the command line's `flotilla dry-run --tenants/--group/--all`, which now
-- records its fleet dry runs by id as the console and the API do, so that a deploy of the console or the API can name
-- one a CI job ran (the same gate: same versions and files, the same tenants, each one's outcome); null for the console's
-- and the API's, and for the dry runs recorded before.
ALTER TABLE fleet_dry_runs ADD COLUMN started_from VARCHAR(20);
