-- The time zone of the process that ran a task (its JVM's default, `TZ` or -Duser.timezone), written with the task's
-- start. That process wrote the tenant's history rows' installed_on as wall-clock times of this zone (PostgreSQL, MariaDB,
-- H2), so a process in another zone reading back what a killed task applied reads them in this one. Null for a task
-- started before this column was: its rows are read in the reader's own zone, as before.
ALTER TABLE deployment_tasks ADD COLUMN time_zone VARCHAR(64);
