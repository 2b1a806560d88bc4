-- A stop asked for while a deployment runs (`flotilla deployments stop`, the console's Stop, the API): who asked and when.
-- The process running the deployment reads it with its heartbeat, starts no new tenant, lets those in flight finish and
-- ends the deployment 'stopped'; a resume clears it.
ALTER TABLE deployments ADD COLUMN stop_requested_by VARCHAR(100);
ALTER TABLE deployments ADD COLUMN stop_requested_at TIMESTAMP;
