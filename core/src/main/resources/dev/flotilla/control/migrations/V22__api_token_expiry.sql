-- API tokens that expire, and revoked tokens kept. A token is made with an expiry (NULL: never, as every token made
-- before this version, which keeps working as it did); revoking one marks it instead of deleting it, so that a CI job
-- still sending it is refused in words that say it was revoked and when, and the audit log names whose it was.
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_tokens ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
