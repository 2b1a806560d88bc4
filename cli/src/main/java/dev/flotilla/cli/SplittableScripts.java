package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Problem;
import dev.flotilla.run.TargetRunner;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.sql.Dialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fleet commands' check, before they record or change anything, that every migration they would run can be
 * split into statements with the dialect of each selected tenant: a script that cannot (an unterminated string or
 * comment) is refused once, naming file and line, instead of failing every tenant one by one.
 */
final class SplittableScripts {
    private SplittableScripts() {
    }

    static void require(TargetOptions template, LoadedMigrations migrations, List<TenantTarget> targets) {
        Map<String, TenantTarget> oneByDialect = new LinkedHashMap<>();
        for (TenantTarget target : targets) {
            try {
                oneByDialect.putIfAbsent(Dialect.forUrl(target.target().url()).name(), target);
            } catch (FlotillaException e) {
                // A URL no dialect reads is the tenant's own failure, told when it is run.
            }
        }
        Map<String, Problem> broken = new LinkedHashMap<>();
        for (TenantTarget target : oneByDialect.values()) {
            TargetOptions options = template.forTarget(target.target(), target.tenant().id().value());
            new TargetRunner(options, migrations).upScriptProblems().forEach(p -> broken.putIfAbsent(p.message(), p));
        }
        if (!broken.isEmpty()) {
            throw new FlotillaException(ErrorCode.SQL_PARSE_ERROR, broken.values().stream().map(Problem::message)
                    .collect(Collectors.joining(" ")));
        }
    }
}
