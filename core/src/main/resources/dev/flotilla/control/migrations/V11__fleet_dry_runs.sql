-- A fleet dry run of the console or the API, by its id: what it tested (the versions chosen, each file's checksum, the
-- tenants) and how each tenant's test ended, so that a deploy naming it is gated on it after a restart of the console too.
CREATE TABLE fleet_dry_runs (
    id          VARCHAR(40) NOT NULL PRIMARY KEY,
    started_by  VARCHAR(100) NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    versions    VARCHAR(4000) NOT NULL,
    files       VARCHAR(1000000) NOT NULL,
    finished_at TIMESTAMP,
    wall_ms     BIGINT,
    error       VARCHAR(4000)
);

-- A tenant's status is null until the run has finished, and stays null when the run as a whole could not run.
CREATE TABLE fleet_dry_run_tenants (
    dry_run_id VARCHAR(40) NOT NULL,
    tenant_id  VARCHAR(63) NOT NULL,
    status     VARCHAR(20),
    error      VARCHAR(4000),
    PRIMARY KEY (dry_run_id, tenant_id)
);
