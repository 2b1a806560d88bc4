-- Whether a fleet dry run of the console or the API ran out-of-order migrations too (the wizard's "Out of order", the
-- API's "outOfOrder"), as --out-of-order: its page and GET /api/v1/dry-runs/{id} show it, the wizard's deploy after it
-- applies the same, and a deployment naming it says when its own choice differs. Null for the dry runs recorded before.
ALTER TABLE fleet_dry_runs ADD COLUMN out_of_order BOOLEAN;
