-- The error code of a task that failed (SQL_ERROR, LOCK_TIMEOUT...): a resume that leaves it as it was still reports it with its code.
ALTER TABLE deployment_tasks ADD COLUMN error_code VARCHAR(40);
