package dev.flotilla.cli;

import dev.flotilla.FlotillaException;
import dev.flotilla.migration.InvalidMigrationsException;
import dev.flotilla.migration.LoadFinding;
import dev.flotilla.plan.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Errors as entries of the JSON envelope: {@code code}, {@code message}, and where, when known. */
final class Errors {
    private Errors() {
    }

    /** A thrown error's entry; with {@code commands}, those it tells to run, when it names them as values. */
    static Map<String, Object> of(FlotillaException e) {
        Map<String, Object> error = withCommands(entry(e.code().name(), e.getMessage()), e.advice().commands());
        if (e instanceof InvalidMigrationsException invalid) {
            error.put("findings", invalid.findings().stream().map(Errors::of).toList());
        }
        return error;
    }

    static Map<String, Object> of(Problem problem) {
        Map<String, Object> error = entry(problem.code().name(), problem.message());
        if (problem.migration() != null) {
            error.put("migration", problem.migration());
        }
        if (problem.check() != null) {
            error.put("check", problem.check());
        }
        return error;
    }

    static Map<String, Object> of(LoadFinding finding) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("severity", finding.severity().name().toLowerCase());
        if (finding.code() != null) {
            entry.put("code", finding.code().name());
        }
        entry.put("message", finding.message());
        entry.put("file", finding.file());
        if (finding.line() > 0) {
            entry.put("line", finding.line());
        }
        return entry;
    }

    /** An entry for one tenant's failure: its code, message and the tenant (left out when null). */
    static Map<String, Object> forTenant(dev.flotilla.ErrorCode code, String message, String tenant) {
        return forTenant(code, message, tenant, null);
    }

    /**
     * An entry for one tenant's failure about one migration: its code, message, the tenant and the migration's version
     * (or script, for repeatables); each left out when null.
     */
    static Map<String, Object> forTenant(dev.flotilla.ErrorCode code, String message, String tenant, String migration) {
        return forTenant(code, message, tenant, migration, null);
    }

    /**
     * As above, with the id of the check that failed ({@code CHECK_FAILED}), left out when null; the migration is then
     * the one the check was for.
     */
    static Map<String, Object> forTenant(dev.flotilla.ErrorCode code, String message, String tenant, String migration,
                                         String check) {
        Map<String, Object> error = entry(code.name(), message);
        if (tenant != null) {
            error.put("tenant", tenant);
        }
        if (migration != null) {
            error.put("migration", migration);
        }
        if (check != null) {
            error.put("check", check);
        }
        return error;
    }

    /** An entry for a check that failed on a tenant: {@code CHECK_FAILED}, the message, the tenant and the check's id. */
    static Map<String, Object> forCheck(String message, String tenant, String check) {
        Map<String, Object> error = forTenant(dev.flotilla.ErrorCode.CHECK_FAILED, message, tenant);
        error.put("check", check);
        return error;
    }

    /**
     * {@code entry} (an error's, or a tenant's in a command's data) with {@code commands}, those its error tells to run,
     * as they run; left out when there are none.
     */
    static Map<String, Object> withCommands(Map<String, Object> entry, List<String> commands) {
        if (!commands.isEmpty()) {
            entry.put("commands", commands);
        }
        return entry;
    }

    static List<Map<String, Object>> of(List<Problem> problems) {
        return problems.stream().map(Errors::of).toList();
    }

    private static Map<String, Object> entry(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return error;
    }
}
