-- The demo tenant database as it started: companies (the tenant root), staff, job tickets and their serials.
CREATE TABLE companies (
    id    INTEGER PRIMARY KEY,
    code  VARCHAR(64) NOT NULL UNIQUE,
    name  VARCHAR(200) NOT NULL
);
CREATE TABLE staff (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email       VARCHAR(200) NOT NULL
);
CREATE INDEX idx_staff_company ON staff (company_id);
CREATE TABLE job_ticket (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    title       VARCHAR(200) NOT NULL
);
CREATE INDEX idx_job_ticket_company ON job_ticket (company_id);
CREATE TABLE job_ticket_serial (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES job_ticket (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    spawned    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_job_ticket_serial_ticket ON job_ticket_serial (ticket_id);
INSERT INTO companies (id, code, name) VALUES (1, '${tenant}', '${tenant}');
INSERT INTO job_ticket (id, company_id, title) VALUES (1, 1, 'First ticket');
INSERT INTO job_ticket_serial (id, ticket_id, seq) VALUES (1, 1, 1), (2, 1, 2);
