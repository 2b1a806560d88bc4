-- Seed 000: the serial system. Three tables tied to a ticket, one serial unique per ticket and sequence.
CREATE TABLE serial_link_outbox (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES job_ticket (id) ON DELETE CASCADE,
    payload     VARCHAR(2000) NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_serial_link_outbox_ticket ON serial_link_outbox (ticket_id);
CREATE TABLE token_spawn_log (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES job_ticket (id) ON DELETE CASCADE,
    spawned_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_token_spawn_log_ticket ON token_spawn_log (ticket_id);
CREATE TABLE serial_quarantine (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES job_ticket (id) ON DELETE CASCADE,
    reason      VARCHAR(200) NOT NULL
);
CREATE INDEX idx_serial_quarantine_ticket ON serial_quarantine (ticket_id);
CREATE UNIQUE INDEX uniq_ticket_seq ON job_ticket_serial (ticket_id, seq);
CREATE INDEX idx_ticket_unspawned ON job_ticket_serial (ticket_id, spawned);
