-- Seed 000: the serial number system. Serials belong to a company; one serial is unique per company.
CREATE TABLE serials (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    serial_no   VARCHAR(64) NOT NULL,
    status      VARCHAR(20) NOT NULL DEFAULT 'available',
    note        VARCHAR(200) DEFAULT 'created; not yet assigned',
    UNIQUE (company_id, serial_no)
);
CREATE INDEX idx_serials_company_status ON serials (company_id, status);
