package dev.flotilla.tenancy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.lint.LintDirective;
import dev.flotilla.lint.LintRule;
import dev.flotilla.schema.ConfiguredNames;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the migration that turns a single-tenant schema into a shared one (seed 003): every table but the
 * excluded ones gets the tenant column, nullable first, backfilled with the tenant that owns today's rows in
 * committed batches, then NOT NULL and indexed; unique constraints and foreign keys between tenant tables are
 * widened to include it when asked. Reads the target's schema and changes nothing: the result is for review,
 * then applied like any migration. Thread-safe; the session is used by the calling thread only.
 */
public final class TenantColumnAdoption {
    private TenantColumnAdoption() {
    }

    public static GeneratedMigration generate(TargetSession session, AdoptionRequest request) throws SQLException {
        if (!session.schemaExists()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Nothing to adopt: " + session.spec().displayName()
                    + " has no schema " + session.schema() + ".");
        }
        if ("mariadb".equals(session.dialect().name())
                && !session.connection().getMetaData().getDatabaseProductVersion().toLowerCase(java.util.Locale.ROOT).contains("mariadb")) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "Tenant column adoption on MySQL is not supported yet:"
                    + " the script relies on MariaDB's IF [NOT] EXISTS for columns, indexes and foreign keys, which MySQL lacks.");
        }
        SchemaSnapshot snapshot = SnapshotReader.of(session);
        SqlNames names = new SqlNames(session.dialect());
        String column = names.catalogCase(request.column());
        boolean clearsChosenColumns = "postgresql".equals(session.dialect().name())
                && session.connection().getMetaData().getDatabaseMajorVersion() >= 15;
        AdoptionWriter writer = switch (session.dialect().name()) {
            case "postgresql" -> new PostgresAdoption(names);
            case "mariadb" -> new MariaDbAdoption(names);
            case "h2" -> new H2Adoption(names);
            case "sqlite" -> new SqliteAdoption(names, session.connection());
            default -> throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "Tenant column adoption is not supported"
                    + " on " + session.dialect().name() + " yet.");
        };
        String type = request.columnType() != null ? request.columnType() : writer.defaultType();
        ConfiguredNames rules = ConfiguredNames.of(session.dialect().forNames(session.connection()));
        AdoptionPlan plan = AdoptionPlan.of(snapshot, request, column, type, clearsChosenColumns,
                new TargetRows(session.connection(), session.dialect()), rules);
        boolean adoptedAlready = snapshot.tables().stream()
                .anyMatch(t -> !request.excludes(t.name(), rules) && t.column(column).isPresent());
        if (plan.tables().isEmpty() && adoptedAlready) {
            // Run again after its migration was applied: nothing to do, as `tenancy rls` says it (exit 0, no file written).
            return GeneratedMigration.nothingToDo(PendingAdoption.description(column), session.dialect().name(),
                    "every table not excluded has " + column + " already", plan.notes(), List.of());
        }
        if (plan.tables().isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Nothing to adopt on " + session.spec().displayName() + ": "
                    + (snapshot.tables().isEmpty() ? "it has no tables." : "every table is excluded or has " + column
                    + " already."));
        }
        List<String> warnings = UnmatchedExclusions.warnings(request.exclude(),
                snapshot.tables().stream().map(SchemaSnapshot.Table::name).toList(), session.spec().displayName(), rules);
        AdoptionWriter.Scripts scripts = writer.write(plan, type);
        List<String> header = header(plan, type, session);
        warnings.forEach(warning -> header.add("Warning: " + warning));
        return new GeneratedMigration(PendingAdoption.description(column), session.dialect().name(),
                comments(header) + "\n" + scripts.up().stripLeading(), comments(List.of("Undoes the adoption of " + column + ": drops the column,"
                + " its indexes and the widened keys, and restores the original keys.")) + scripts.down(),
                plan.tableNames(), plan.notes(), warnings);
    }

    private static List<String> header(AdoptionPlan plan, String type, TargetSession session) {
        AdoptionRequest request = plan.request();
        List<String> lines = new ArrayList<>();
        lines.add("Written by `flotilla tenancy adopt` from the schema of " + session.spec().displayName() + ", for "
                + session.dialect().name() + ". Review it before applying it.");
        lines.add("Adds " + plan.column() + " " + type + " to " + plan.tables().size() + " table(s); existing rows belong to "
                + request.literal() + (plan.tables().stream().anyMatch(t -> t.backfillKey() != null)
                && !"sqlite".equals(session.dialect().name()) ? ", backfilled in committed batches of " + request.batchSize()
                + " rows" : "") + "; then NOT NULL and indexed.");
        lines.add(request.dropDefault() ? "The column has no default afterwards: every insert must name the tenant."
                : "The column keeps the default " + request.literal() + " so that today's application can go on inserting;"
                + " drop it once the application sends " + plan.column() + " (or adopt with --drop-default).");
        if (!"sqlite".equals(session.dialect().name())) {
            lines.add("Every statement can run again: after an interruption, `flotilla repair --rerun-from-start` (nothing to undo by"
                    + " hand first) and migrate again; the"
                    + " backfill goes on where the NULLs begin.");
        }
        if ("mariadb".equals(session.dialect().name())) {
            lines.add(LintDirective.PREFIX.substring("-- ".length()) + " " + LintRule.NON_TRANSACTIONAL_DDL.id()
                    + "  MariaDB/MySQL commits each statement by itself, as this backfill means to: run it again to finish it");
        }
        plan.notes().forEach(note -> lines.add("Note: " + note));
        return lines;
    }

    private static String comments(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append("-- ").append(line).append('\n'));
        return text.toString();
    }
}
