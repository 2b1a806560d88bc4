-- Every time the control plane keeps is an instant (TIMESTAMP WITH TIME ZONE, as heartbeat_at has been since V10): a CLI
-- and a console in different time zones sharing the plane read what the other wrote as the same moment, and order
-- deployments, dry runs and acceptances alike. The columns were TIMESTAMP, written as the wall-clock time of the writing
-- process's zone, which no row records: this reads each older value as a time in the zone of the process that runs it
-- (the JVM's, which both drivers give the session), right for every row written in that zone.
ALTER TABLE tenants ALTER COLUMN updated_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE deployments ALTER COLUMN started_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE deployments ALTER COLUMN finished_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE deployments ALTER COLUMN stop_requested_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE deployment_tasks ALTER COLUMN started_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE deployment_tasks ALTER COLUMN finished_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE deployment_tasks ALTER COLUMN reconciled_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE audit_log ALTER COLUMN happened_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE verifications ALTER COLUMN checked_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE dry_runs ALTER COLUMN ran_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE backups ALTER COLUMN created_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE console_users ALTER COLUMN created_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_tokens ALTER COLUMN created_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_tokens ALTER COLUMN last_used_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE drift_references ALTER COLUMN built_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE drift_checks ALTER COLUMN checked_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE baseline_scripts ALTER COLUMN built_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fleet_dry_runs ALTER COLUMN started_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fleet_dry_runs ALTER COLUMN finished_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE drift_acceptances ALTER COLUMN accepted_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;

-- The console's deployment page reads a deployment's entries (who resumed it, retried its failed tenants) every 400 ms
-- per viewer, oldest first: found by the deployment, in the order of the index, not by reading the whole log.
CREATE INDEX idx_audit_log_deployment ON audit_log (deployment_id, id);
