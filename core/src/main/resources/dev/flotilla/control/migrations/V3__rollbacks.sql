-- A deployment either deploys or rolls back; a rollback task carries what to undo on its tenant.
ALTER TABLE deployments ADD COLUMN kind VARCHAR(20) DEFAULT 'deploy' NOT NULL;
ALTER TABLE deployments ADD COLUMN rolls_back VARCHAR(40);
ALTER TABLE deployment_tasks ADD COLUMN request VARCHAR(200);
