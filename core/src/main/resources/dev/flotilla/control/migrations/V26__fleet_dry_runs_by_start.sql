-- The newest fleet dry runs are read newest first: the wizard's test step (the newest command-line runs that may match
-- the draft), a tenant's newest test (latestTest, the tenant page and deploy.requireTested), the pruning that keeps the
-- newest 1000 and the sweep of runs killed before they ended. Found in this index's order rather than by reading every
-- run the plane has kept and sorting them (5,000 runs: a tenant's newest test 150-400 ms before, 3-8 ms with it).
CREATE INDEX idx_fleet_dry_runs_started ON fleet_dry_runs (started_at, id);
