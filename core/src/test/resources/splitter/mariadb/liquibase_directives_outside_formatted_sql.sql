-- a plain script: only "-- " starts a comment on MariaDB
SELECT 1
--changeset;
