ALTER TABLE customers ADD COLUMN tenant_id text;
-- flotilla:backfill table=customers column=tenant_id value='caps automotive' key=id batch=500
-- an ordinary comment between statements is dropped
ALTER TABLE customers ALTER COLUMN tenant_id SET NOT NULL;
SELECT 1 -- flotilla:backfill inside a statement is part of it
;
