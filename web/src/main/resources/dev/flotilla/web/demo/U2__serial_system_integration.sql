DROP INDEX idx_ticket_unspawned;
DROP INDEX uniq_ticket_seq;
DROP TABLE serial_quarantine;
DROP TABLE token_spawn_log;
DROP TABLE serial_link_outbox;
