ALTER TABLE customers ADD COLUMN tenant_id text;

-- flotilla:backfill table=customers column=tenant_id key=id
