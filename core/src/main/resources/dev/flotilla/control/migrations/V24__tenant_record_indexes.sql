-- A deploy that asks whether its tenants were tested (deploy.requireTested, and the warning without it) reads, for the
-- tenants it would migrate alone, the newest task that ran on each and the newest restore or repair of each: found by the
-- tenant in these indexes, each holding what the read returns, rather than by reading every task and audit entry the
-- plane has kept. The tenant's newest dry run is found by idx_dry_runs_tenant (V2). The first also serves the audit
-- log's filter by tenant, which asks for the deployments that ran on it.
CREATE INDEX idx_deployment_tasks_tenant ON deployment_tasks (tenant_id, started_at, finished_at);
CREATE INDEX idx_audit_log_tenant ON audit_log (tenant_id, action, happened_at);
