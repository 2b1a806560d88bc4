-- Live schemas an administrator accepted as what a tenant's history up to its current position produces (`flotilla
-- drift --accept`): drift compares such a tenant with this instead of a replay of its history, one row per tenant, the
-- newest acceptance. The position is the history's last rank and a digest of its rows up to it (a rollback or repair past
-- it is seen); the structure, when a copy of it rebuilds the schema exactly, is what later migrations are replayed on.
-- No password or URL is kept.
CREATE TABLE drift_acceptances (
    tenant_id          VARCHAR(63) NOT NULL PRIMARY KEY,
    dialect            VARCHAR(20) NOT NULL,
    last_rank          INTEGER NOT NULL,
    position           VARCHAR(300) NOT NULL,
    history_digest     VARCHAR(64) NOT NULL,
    fingerprint        VARCHAR(64) NOT NULL,
    fingerprint_format INTEGER NOT NULL,
    structure          VARCHAR(10000000),
    structure_problem  VARCHAR(4000),
    accepted_by        VARCHAR(200) NOT NULL,
    accepted_at        TIMESTAMP NOT NULL
);
-- What a drift check compared a tenant with, when not its history's replay: the acceptance it used, or why that no
-- longer holds. Null for the checks recorded before.
ALTER TABLE drift_checks ADD COLUMN acceptance VARCHAR(1000);
