-- A running deployment's process writes the control plane's own time here every heartbeat_ms; one not seen for three of
-- its periods is interrupted, whichever machine looks (host:pid in runner is a label for people, not the test).
ALTER TABLE deployments ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE deployments ADD COLUMN heartbeat_ms INTEGER;
