-- A tenant's own login (tenants add --user U --password-env VAR | --password-file FILE): the user and where its password
-- is read, never the password. All null for a tenant that logs in as the tenancy does (every older row).
ALTER TABLE tenants ADD COLUMN login_user VARCHAR(100);
ALTER TABLE tenants ADD COLUMN password_env VARCHAR(200);
ALTER TABLE tenants ADD COLUMN password_file VARCHAR(1000);
