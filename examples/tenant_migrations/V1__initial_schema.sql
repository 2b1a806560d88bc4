-- The tenant database as it started: companies (the tenant root), users and settings.
CREATE TABLE companies (
    id          INTEGER PRIMARY KEY,
    code        VARCHAR(64) NOT NULL UNIQUE,
    name        VARCHAR(200) NOT NULL
);

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email       VARCHAR(200) NOT NULL,
    role        VARCHAR(40) NOT NULL DEFAULT 'member'
);
CREATE INDEX idx_users_company ON users (company_id);

CREATE TABLE settings (
    name        VARCHAR(100) PRIMARY KEY,
    setting     VARCHAR(500)
);
INSERT INTO settings (name, setting) VALUES ('tenant', '${tenant}');
