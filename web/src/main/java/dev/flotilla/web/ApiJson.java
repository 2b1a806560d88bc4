package dev.flotilla.web;

import dev.flotilla.control.AuditLog;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.run.DryRunGroup;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckTally;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's objects in the command line's words (DESIGN.md "JSON output"): a tenant in a deployment or dry run is
 * {@code id}, a time {@code timeMs} (one tenant) or {@code wallMs} (the whole run), {@code total} a count and
 * {@code tenants} a list, so a CI script reading both reads one vocabulary.
 */
final class ApiJson {
    private ApiJson() {
    }

    /** One tenant's dry run, as {@code dry-run --json}'s tenants. */
    static Map<String, Object> dryRun(TenantDryRun r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.tenant().value());
        json.put("target", r.target());
        json.put("status", r.status());
        if (r.report() != null) {
            json.put("mode", r.report().mode());
            json.put("structureOnly", r.report().structureOnly());
            json.put("timeMs", r.report().run().wallMillis());
            json.put("diff", r.report().diff() == null ? null : r.report().diff().summary());
            json.put("warnings", r.report().findings().stream().map(ApiJson::finding).toList());
        }
        json.put("error", r.firstError());
        json.put("errorCode", r.errorCode() == null ? null : r.errorCode().name());
        json.put("notTested", r.untested()); // status error, but nothing was tried: the scratch copy could not be made
        return json;
    }

    static Map<String, Object> group(DryRunGroup group) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", group.status());
        json.put("notTested", group.untested());
        json.put("outcome", group.outcome());
        json.put("count", group.tenants().size());
        json.put("tenants", group.tenants().stream().map(t -> t.value()).toList());
        return json;
    }

    private static Map<String, Object> finding(LintFinding finding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", finding.rule());
        json.put("severity", finding.severity().name().toLowerCase());
        json.put("message", finding.message());
        json.put("script", finding.script());
        json.put("line", finding.line());
        return json;
    }

    /** An audit entry, as {@code audit --json}: who did it is its {@code user}. */
    static Map<String, Object> audit(AuditLog.Entry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("at", e.at().toString());
        json.put("user", e.actor());
        json.put("action", e.action());
        json.put("outcome", e.outcome());
        json.put("tenant", e.tenant());
        json.put("deployment", e.deployment());
        json.put("details", e.details());
        json.put("source", e.source());
        return json;
    }

    static List<Map<String, Object>> tasks(List<TaskRecord> tasks, Map<TenantId, CheckTally> checks, boolean ofRollback) {
        // As {@code deployments show --json}, without the log.
        return tasks.stream().map(t -> t.asMap(checks.get(t.tenant()), ofRollback)).toList();
    }
}
