-- What the target's history said a task had applied when its process died mid-task (kill -9, a crash), read once by
-- `deployments show`, the API or the console's page and kept here, with when it was read. Kept apart from `applied`,
-- which a resume adds what it reads back itself to; a resume clears both. The task's error says INTERRUPTED meanwhile.
ALTER TABLE deployment_tasks ADD COLUMN interrupted_applied VARCHAR(4000);
ALTER TABLE deployment_tasks ADD COLUMN reconciled_at TIMESTAMP;
