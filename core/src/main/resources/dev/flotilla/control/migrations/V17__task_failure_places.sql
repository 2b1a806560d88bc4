-- Where a failed task failed: the version of the migration it failed in, and the id of the (first) check that failed
-- (CHECK_FAILED). Shown by `deployments show`, the API and the console's deployment page; null for every other task,
-- and for a task recorded before they were kept.
ALTER TABLE deployment_tasks ADD COLUMN failed_migration VARCHAR(200);
ALTER TABLE deployment_tasks ADD COLUMN failed_check VARCHAR(200);
