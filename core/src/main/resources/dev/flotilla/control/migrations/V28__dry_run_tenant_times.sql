-- Each tenant's time in a fleet dry run (ms, its own dry run's wall time; null where it could not be dry-run at all, and
-- for the tenants recorded before), which `flotilla dry-runs show`, GET /api/v1/dry-runs and the console's dry-run page
-- give beside its outcome. And why a tenant's dry run ended a warning (its notices, its lint warnings), masked as its
-- error is, kept with the fleet dry run's outcome and with the tenant's newest dry run: the tenant's page says why, not
-- only "warning". Null where it is no warning, and for the rows recorded before.
ALTER TABLE fleet_dry_run_tenants ADD COLUMN time_ms BIGINT;
ALTER TABLE fleet_dry_run_tenants ADD COLUMN warning VARCHAR(4000);
ALTER TABLE dry_runs ADD COLUMN warning VARCHAR(4000);
