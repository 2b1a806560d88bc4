-- Seed 002: per-company notification settings, with the index the checklist EXPLAINs.
CREATE TABLE notification_configurations (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    channel     VARCHAR(40) NOT NULL,
    enabled     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX idx_notification_configurations_company ON notification_configurations (company_id, channel);
