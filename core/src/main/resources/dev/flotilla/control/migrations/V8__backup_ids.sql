-- Every backup belongs to a backup run with an id that restore takes: the deployment's own id for the backups taken
-- before it, manual-<time> for one taken on demand (its folder under backup.dir, whose name the path holds).
ALTER TABLE backups ADD COLUMN backup_id VARCHAR(40);
UPDATE backups SET backup_id = deployment_id WHERE deployment_id IS NOT NULL;
UPDATE backups SET backup_id = SUBSTRING(path FROM POSITION('/manual-' IN path) + 1 FOR 22)
    WHERE backup_id IS NULL AND POSITION('/manual-' IN path) > 0;
UPDATE backups SET backup_id = SUBSTRING(path FROM POSITION('\manual-' IN path) + 1 FOR 22)
    WHERE backup_id IS NULL AND POSITION('\manual-' IN path) > 0;
UPDATE backups SET backup_id = 'unknown' WHERE backup_id IS NULL;
ALTER TABLE backups ALTER COLUMN backup_id SET NOT NULL;
CREATE INDEX idx_backups_backup ON backups (backup_id, tenant_id);
